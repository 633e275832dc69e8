//! Where pack files come from: a folder on disk, the files embedded in the binary, or files held
//! in memory (for fuzzing and tests).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use thiserror::Error;

use super::load::MAX_FILE_BYTES;

#[derive(Debug, Error)]
pub enum SourceError {
    #[error("file not found")]
    NotFound,
    #[error("path `{0}` must stay inside the pack (relative, no `..`, no drive or root)")]
    Escapes(String),
    #[error("file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
}

/// Opens `path` for reading only if it is a regular file (following links). A named pipe, a
/// device or a socket is refused before it is opened: opening a pipe waits for a writer, which
/// would hang validation and the app. Checked again on the open handle, in case the path was
/// swapped in between.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let not_regular = || {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a folder, named pipe, device or socket)",
        )
    };
    if !std::fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    let file = std::fs::File::open(path)?;
    if !file.metadata()?.is_file() {
        return Err(not_regular());
    }
    Ok(file)
}

/// Read access to the files of one pack, by path relative to the pack root.
pub trait PackSource: Send + Sync {
    fn read(&self, rel: &str) -> Result<Vec<u8>, SourceError>;
    fn exists(&self, rel: &str) -> bool;
    /// How to name a file in messages.
    fn display(&self, rel: &str) -> String;
    /// The folder on disk, if the pack has one.
    fn root(&self) -> Option<&Path> {
        None
    }
}

/// Rejects paths that could leave the pack folder: absolute, `..`, drive prefixes, backslashes.
pub fn check_enclosed(rel: &str) -> Result<&Path, SourceError> {
    let escapes = || SourceError::Escapes(rel.to_owned());
    if rel.is_empty() || rel.contains('\\') || rel.contains(':') || rel.contains('\0') {
        return Err(escapes());
    }
    let path = Path::new(rel);
    for component in path.components() {
        if !matches!(component, Component::Normal(_) | Component::CurDir) {
            return Err(escapes());
        }
    }
    Ok(path)
}

pub struct DirSource {
    root: PathBuf,
}

impl DirSource {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }
}

impl PackSource for DirSource {
    fn read(&self, rel: &str) -> Result<Vec<u8>, SourceError> {
        let path = self.root.join(check_enclosed(rel)?);
        let file = open_regular(&path).map_err(|err| match err.kind() {
            std::io::ErrorKind::NotFound => SourceError::NotFound,
            _ => SourceError::Io(err),
        })?;
        let size = file.metadata()?.len();
        if size > MAX_FILE_BYTES {
            return Err(SourceError::TooLarge {
                size,
                limit: MAX_FILE_BYTES,
            });
        }
        // The size can change between stat and read; never read past the limit.
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(SourceError::TooLarge {
                size: bytes.len() as u64,
                limit: MAX_FILE_BYTES,
            });
        }
        Ok(bytes)
    }

    fn exists(&self, rel: &str) -> bool {
        check_enclosed(rel).is_ok_and(|p| self.root.join(p).is_file())
    }

    fn display(&self, rel: &str) -> String {
        self.root.join(rel).display().to_string()
    }

    fn root(&self) -> Option<&Path> {
        Some(&self.root)
    }
}

/// Files compiled into the binary, as (relative path, bytes).
pub struct EmbeddedSource {
    name: &'static str,
    files: &'static [(&'static str, &'static [u8])],
}

impl EmbeddedSource {
    pub const fn new(name: &'static str, files: &'static [(&'static str, &'static [u8])]) -> Self {
        Self { name, files }
    }

    pub fn files(&self) -> &'static [(&'static str, &'static [u8])] {
        self.files
    }
}

impl PackSource for EmbeddedSource {
    fn read(&self, rel: &str) -> Result<Vec<u8>, SourceError> {
        check_enclosed(rel)?;
        self.files
            .iter()
            .find(|(path, _)| *path == rel)
            .map(|(_, bytes)| bytes.to_vec())
            .ok_or(SourceError::NotFound)
    }

    fn exists(&self, rel: &str) -> bool {
        self.files.iter().any(|(path, _)| *path == rel)
    }

    fn display(&self, rel: &str) -> String {
        format!("{}/{rel}", self.name)
    }
}

/// Files held in memory, by relative path: packs built on the fly by the fuzz targets and tests,
/// read through the same checks as a folder (enclosed paths, the size limit).
#[derive(Clone, Debug, Default)]
pub struct MemSource {
    name: String,
    files: BTreeMap<String, Vec<u8>>,
}

impl MemSource {
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            files: BTreeMap::new(),
        }
    }

    /// Adds or replaces the file at `rel`.
    pub fn insert(&mut self, rel: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(rel.into(), bytes.into());
    }
}

impl PackSource for MemSource {
    fn read(&self, rel: &str) -> Result<Vec<u8>, SourceError> {
        check_enclosed(rel)?;
        let bytes = self.files.get(rel).ok_or(SourceError::NotFound)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(SourceError::TooLarge {
                size: bytes.len() as u64,
                limit: MAX_FILE_BYTES,
            });
        }
        Ok(bytes.clone())
    }

    fn exists(&self, rel: &str) -> bool {
        check_enclosed(rel).is_ok() && self.files.contains_key(rel)
    }

    fn display(&self, rel: &str) -> String {
        format!("{}/{rel}", self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_enclosed_paths_pass() {
        for ok in ["chapters/a.ron", "./a.ron", "assets/img.png"] {
            assert!(check_enclosed(ok).is_ok(), "{ok}");
        }
        for bad in [
            "../../etc/passwd",
            "/etc/passwd",
            "C:/x.ron",
            "a\\..\\b",
            "",
            "a/../../b",
        ] {
            assert!(check_enclosed(bad).is_err(), "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("ch1.ron");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let source = DirSource::new(dir.path());
        let err = source.read("ch1.ron").unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        assert!(!source.exists("ch1.ron"));
        assert!(open_regular(dir.path()).is_err(), "a folder is not a file");
    }

    #[test]
    fn memory_files_are_read_like_a_folder() {
        let mut source = MemSource::new("mem");
        source.insert("pack.ron", "()");
        assert_eq!(source.read("pack.ron").unwrap(), b"()");
        assert!(source.exists("pack.ron"));
        assert!(!source.exists("../pack.ron"));
        assert!(matches!(source.read("a.ron"), Err(SourceError::NotFound)));
        assert!(matches!(
            source.read("../pack.ron"),
            Err(SourceError::Escapes(_))
        ));
        assert_eq!(source.display("pack.ron"), "mem/pack.ron");
    }
}
