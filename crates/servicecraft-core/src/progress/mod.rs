//! The learner's data on disk: app settings, profiles with their progress, notes and settings,
//! and the machinery that keeps them safe — atomic saves on a background thread, versioned files
//! with migrations, recovery from backups, the one-copy-per-profile lock, and the results export
//! for instructors.
//! The file layout is described in `docs/data-files.md`.

pub mod backup;
pub mod dates;
pub mod export;
pub mod labs;
pub mod lock;
pub mod log_files;
pub mod migrate;
pub mod notes;
pub mod outlook;
pub mod profile;
pub mod readiness;
pub mod record;
pub mod recovery;
pub mod sample;
pub mod saver;
pub mod session;
mod settings;
pub mod summary;

pub use backup::{BackupInfo, BackupKind};
pub use lock::{LockError, ProfileLock};
pub use migrate::{Loaded, Versioned, load_versioned};
pub use notes::{Note, Notes};
pub use profile::{Profile, ProfileEntry, ProfileError, ProfileSettings};
pub use record::{Attempt, ExamTag, ItemRecord, LoggedAttempt, Progress};
pub use recovery::Notice;
pub use saver::{SaveEvent, Saver};
pub use session::{ProfileSession, SaveStatus, SessionError, SessionOptions};
pub use settings::{
    AppSettings, PORTABLE_DATA_DIR, PORTABLE_MARKER, SETTINGS_FILE, ThemePref, data_dir,
};
