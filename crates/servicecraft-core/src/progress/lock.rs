//! One copy of the app per profile: an exclusive OS lock on `profile/lock`, held while the
//! profile is open. The OS drops the lock when the process dies, so a crashed copy leaves a lock
//! file behind but never a held lock, and the next start is not blocked.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

pub const LOCK_FILE: &str = "lock";

#[derive(Debug, Error)]
pub enum LockError {
    /// Another running copy holds the profile. `holder` is what it wrote into the lock file
    /// (process id and computer), when the OS lets us read it.
    #[error("the profile is open in another copy of ServiceCraft{}", holder.as_deref().map(|h| format!(" ({h})")).unwrap_or_default())]
    Busy { holder: Option<String> },
    #[error("cannot lock {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Held for as long as the profile is open; dropping it releases the profile.
#[derive(Debug)]
pub struct ProfileLock {
    file: File,
    path: PathBuf,
}

impl ProfileLock {
    /// Locks the profile folder `dir`, or says who holds it.
    pub fn acquire(dir: &Path) -> Result<Self, LockError> {
        let path = dir.join(LOCK_FILE);
        let io = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                // Windows forbids reading a locked file; then we simply do not know who.
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim().to_owned();
                return Err(LockError::Busy {
                    holder: (!holder.is_empty()).then_some(holder),
                });
            }
            Err(TryLockError::Error(err)) if err.kind() == std::io::ErrorKind::Unsupported => {
                // Some network file systems have no locks. Refusing would make the profile
                // unusable there; go on without the guard and say so in the log.
                log::warn!(
                    "{} cannot be locked ({err}); opening without a lock",
                    path.display()
                );
            }
            Err(TryLockError::Error(err)) => return Err(io(err)),
        }
        // For the message another copy shows: which process, on which computer.
        let holder = format!(
            "pid {} on {}",
            std::process::id(),
            std::env::var("COMPUTERNAME")
                .or_else(|_| std::env::var("HOSTNAME"))
                .unwrap_or_else(|_| "this computer".to_owned())
        );
        let written = file
            .set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(holder.as_bytes()))
            .and_then(|()| file.flush());
        if let Err(err) = written {
            log::warn!("cannot write {}: {err}", path.display());
        }
        Ok(Self { file, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for ProfileLock {
    fn drop(&mut self) {
        // Closing the file releases the lock anyway; unlocking first makes it immediate.
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let first = ProfileLock::acquire(dir.path()).unwrap();
        match ProfileLock::acquire(dir.path()) {
            Err(LockError::Busy { holder }) => {
                if cfg!(unix) {
                    assert!(holder.unwrap().contains(&std::process::id().to_string()));
                }
            }
            other => panic!("expected Busy, got {other:?}"),
        }
        drop(first);
        let _again = ProfileLock::acquire(dir.path()).unwrap();
    }

    #[test]
    fn a_lock_file_left_behind_does_not_block() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(LOCK_FILE),
            "pid 999999 on a crashed machine",
        )
        .unwrap();
        let _lock = ProfileLock::acquire(dir.path()).unwrap();
    }
}
