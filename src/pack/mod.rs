//! The lesson-pack file format: reading pack folders, the embedded syllabus, and validation with `file:line:col` errors.

mod builtin;
mod diagnostic;
mod load;
mod source;
mod validate;

pub use builtin::{builtin_source, starter_source};
pub use diagnostic::{Diagnostic, Severity};
pub use load::{LoadedPack, MAX_FILE_BYTES, load_pack, parse_ron};
pub use source::{DirSource, EmbeddedSource, PackSource, SourceError};
pub use validate::validate;
