//! What happens when a learner file cannot be used as it is: a damaged file is moved aside, a file
//! from a newer ServiceCraft is left untouched, and the newest good backup copy is loaded instead.
//! Nothing is ever replaced silently: each case produces a [`Notice`] the app shows.

use std::path::{Path, PathBuf};

use super::migrate::{Versioned, load_versioned};
use crate::store::{LoadError, move_aside};

/// Something the learner must be told about a file, shown in a banner.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// The file was damaged. It was moved to `moved_to` (`None` if even that failed, in which
    /// case the file is left alone and not written this session).
    Corrupt {
        file: PathBuf,
        message: String,
        moved_to: Option<PathBuf>,
        restored_from: Option<String>,
    },
    /// The file comes from a newer ServiceCraft. It is left as it is and not written this
    /// session, so updating ServiceCraft brings it back.
    Newer {
        file: PathBuf,
        version: u32,
        restored_from: Option<String>,
    },
    /// The file exists but cannot be read (permissions, a failing disk). Left alone.
    Unreadable {
        file: PathBuf,
        message: String,
        restored_from: Option<String>,
    },
}

impl Notice {
    pub fn file(&self) -> &Path {
        match self {
            Self::Corrupt { file, .. }
            | Self::Newer { file, .. }
            | Self::Unreadable { file, .. } => file,
        }
    }

    pub fn restored_from(&self) -> Option<&str> {
        match self {
            Self::Corrupt { restored_from, .. }
            | Self::Newer { restored_from, .. }
            | Self::Unreadable { restored_from, .. } => restored_from.as_deref(),
        }
    }
}

/// The outcome of [`load_or_recover`].
#[derive(Debug)]
pub struct Recovered<T> {
    pub value: T,
    /// `false` when the file on disk must not be overwritten this session.
    pub writable: bool,
    /// Set when the value came from an older format and should be written back.
    pub migrated_from: Option<u32>,
    pub notice: Option<Notice>,
}

/// Loads `path`. When it cannot be used, tries `backups` (name and path of the same file in each
/// backup, newest first) and finally `default`. `stamp` names a damaged file moved aside.
pub fn load_or_recover<T: Versioned>(
    path: &Path,
    backups: &[(String, PathBuf)],
    stamp: &str,
    default: impl FnOnce() -> T,
) -> Recovered<T> {
    let error = match load_versioned::<T>(path) {
        Ok(loaded) => {
            return Recovered {
                value: loaded.value,
                writable: true,
                migrated_from: loaded.migrated_from,
                notice: None,
            };
        }
        Err(LoadError::Missing { .. }) => {
            return Recovered {
                value: default(),
                writable: true,
                migrated_from: None,
                notice: None,
            };
        }
        Err(error) => error,
    };
    log::error!("{error}");
    let (value, restored_from, migrated_from) = match newest_good_backup::<T>(backups) {
        Some((name, loaded)) => (loaded.value, Some(name), loaded.migrated_from),
        None => (default(), None, None),
    };
    let file = path.to_owned();
    let (writable, notice) = match error {
        LoadError::Corrupt { message, .. } => match move_aside(path, stamp) {
            Ok(moved) => (
                true,
                Notice::Corrupt {
                    file,
                    message,
                    moved_to: Some(moved),
                    restored_from,
                },
            ),
            Err(err) => {
                log::error!("cannot move {} aside: {err}", path.display());
                (
                    false,
                    Notice::Corrupt {
                        file,
                        message,
                        moved_to: None,
                        restored_from,
                    },
                )
            }
        },
        LoadError::Newer { version, .. } => (
            false,
            Notice::Newer {
                file,
                version,
                restored_from,
            },
        ),
        LoadError::Io { source, .. } => (
            false,
            Notice::Unreadable {
                file,
                message: source.to_string(),
                restored_from,
            },
        ),
        LoadError::Missing { .. } => (
            true,
            Notice::Unreadable {
                file,
                message: String::new(),
                restored_from,
            },
        ),
    };
    Recovered {
        value,
        writable,
        // A value restored from an old-format backup is written back once the file is writable.
        migrated_from,
        notice: Some(notice),
    }
}

fn newest_good_backup<T: Versioned>(
    backups: &[(String, PathBuf)],
) -> Option<(String, super::migrate::Loaded<T>)> {
    backups
        .iter()
        .find_map(|(name, path)| match load_versioned::<T>(path) {
            Ok(loaded) => Some((name.clone(), loaded)),
            Err(LoadError::Missing { .. }) => None,
            Err(err) => {
                log::warn!("backup {name} is not usable: {err}");
                None
            }
        })
}
