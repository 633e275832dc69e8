//! The lesson-pack file format: reading pack folders and zips, the embedded syllabus, validation
//! with `file:line:col` errors, the pack library, and importing question banks.

mod builtin;
mod diagnostic;
mod hints;
pub mod images;
pub mod import;
pub mod library;
mod load;
mod progress;
mod source;
mod validate;
mod validate_lab;
mod validate_numbers;
pub mod zip;

pub use builtin::{builtin_source, starter_source};
pub use diagnostic::{Diagnostic, Severity};
pub use library::{InstallError, Installed, InstalledPack, Library, LibraryError};
pub use load::{LoadedPack, MAX_FILE_BYTES, load_installed_pack, load_pack, parse_ron};
pub use progress::Progress;
pub use source::{
    DirSource, EmbeddedSource, MemSource, PackSource, SourceError, check_enclosed, open_regular,
};
pub use validate::{ImageCheck, MAX_OPTIONS, validate};
