//! Crash-safe saving: write a temporary file beside the target, flush it, rename it over the
//! old file and sync the folder, so a reader only ever sees the old or the new complete file.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum SaveError {
    #[error("cannot save {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot encode {path}: {message}")]
    Encode { path: PathBuf, message: String },
}

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{path} does not exist")]
    Missing { path: PathBuf },
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is damaged ({message})")]
    Corrupt { path: PathBuf, message: String },
}

/// Writes `bytes` to `path` so that the file is never seen half-written.
pub fn save_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let io = |source| SaveError::Io {
        path: path.to_owned(),
        source,
    };
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    fs::create_dir_all(dir).map_err(io)?;
    let file_name = path
        .file_name()
        .map_or_else(|| "data".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{file_name}.tmp-{}", std::process::id()));
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    if let Err(err) = written {
        let _ = fs::remove_file(&tmp);
        return Err(io(err));
    }
    if let Err(err) = rename_with_retry(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(io(err));
    }
    sync_dir(dir);
    Ok(())
}

/// On Windows an antivirus or indexer can hold the target open for a moment; retry briefly.
fn rename_with_retry(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut attempt = 0;
    loop {
        match fs::rename(from, to) {
            Ok(()) => return Ok(()),
            Err(err)
                if cfg!(windows)
                    && attempt < 20
                    && err.kind() == std::io::ErrorKind::PermissionDenied =>
            {
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            Err(err) => return Err(err),
        }
    }
}

/// Makes the rename itself durable. Not possible (nor needed) on Windows.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Serialises `value` as pretty RON and saves it atomically.
pub fn save_ron<T: Serialize>(path: &Path, value: &T) -> Result<(), SaveError> {
    let text =
        ron::ser::to_string_pretty(value, ron::ser::PrettyConfig::default()).map_err(|err| {
            SaveError::Encode {
                path: path.to_owned(),
                message: err.to_string(),
            }
        })?;
    save_atomic(path, text.as_bytes())
}

/// Saves `value` with [`save_ron`] on a worker thread: an fsync can take milliseconds on a slow
/// disk, and the UI thread must not wait for it. Failures are logged.
pub fn save_ron_in_background<T: Serialize + Send + 'static>(path: PathBuf, value: T) {
    std::thread::spawn(move || {
        if let Err(err) = save_ron(&path, &value) {
            log::error!("{err}");
        }
    });
}

/// Reads a RON file written by [`save_ron`].
pub fn load_ron<T: DeserializeOwned>(path: &Path) -> Result<T, LoadError> {
    let bytes = fs::read(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => LoadError::Missing {
            path: path.to_owned(),
        },
        _ => LoadError::Io {
            path: path.to_owned(),
            source,
        },
    })?;
    let corrupt = |message: String| LoadError::Corrupt {
        path: path.to_owned(),
        message,
    };
    let text = std::str::from_utf8(&bytes).map_err(|e| corrupt(e.to_string()))?;
    ron::Options::default()
        .from_str(text)
        .map_err(|e| corrupt(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_replace_whole_files_and_leave_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/x.ron");
        save_ron(&path, &vec![1, 2, 3]).unwrap();
        save_ron(&path, &vec![4]).unwrap();
        assert_eq!(load_ron::<Vec<i32>>(&path).unwrap(), vec![4]);
        let names: Vec<_> = fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("x.ron")]);
    }

    #[test]
    fn damaged_and_missing_files_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.ron");
        assert!(matches!(
            load_ron::<Vec<i32>>(&path),
            Err(LoadError::Missing { .. })
        ));
        fs::write(&path, [0u8; 64]).unwrap();
        assert!(matches!(
            load_ron::<Vec<i32>>(&path),
            Err(LoadError::Corrupt { .. })
        ));
        fs::write(&path, "[1, 2").unwrap();
        assert!(matches!(
            load_ron::<Vec<i32>>(&path),
            Err(LoadError::Corrupt { .. })
        ));
    }
}
