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
    /// Written by a newer ServiceCraft: readable only after an update, so it must not be touched.
    #[error(
        "{path} was written by a newer ServiceCraft (format {version}; this one reads up to {supported})"
    )]
    Newer {
        path: PathBuf,
        version: u32,
        supported: u32,
    },
}

impl LoadError {
    pub fn path(&self) -> &Path {
        match self {
            Self::Missing { path }
            | Self::Io { path, .. }
            | Self::Corrupt { path, .. }
            | Self::Newer { path, .. } => path,
        }
    }
}

/// Temporary files are named `.NAME.tmp-PID-N`; N keeps two writers in one process apart.
const TMP_MARK: &str = ".tmp-";
static TMP_COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Writes `bytes` to `path` so that the file is never seen half-written.
pub fn save_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    save_atomic_with(Filesystem::REAL, path, bytes)
}

/// Where the atomic store's bytes go: the real disk, or the real disk behind an injected
/// [`Fault`] that refuses bytes the way a full disk (`ENOSPC`) or a revoked permission
/// (`EACCES`) does. Tests use the fault because it also bites when they run as root, which no
/// permission bit or read-only folder does. `Copy` so it rides in `SessionOptions`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Filesystem {
    fault: Option<&'static Fault>,
}

impl Filesystem {
    /// The real disk, with no fault.
    pub const REAL: Self = Self { fault: None };

    /// The real disk behind `fault` (see [`Fault::leak`]).
    pub fn faulty(fault: &'static Fault) -> Self {
        Self { fault: Some(fault) }
    }

    /// Opens the temporary file (refused at once by a permission fault with no bytes left).
    fn create(&self, tmp: &Path) -> std::io::Result<fs::File> {
        if let Some(fault) = self.fault {
            fault.check_open()?;
        }
        OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(tmp)
    }

    /// Writes `bytes` into `file`; under a fault, only as many as its budget allows, then the
    /// fault's error — so a half-written temporary file is really left for the store to clean.
    fn write_all(&self, file: &mut fs::File, bytes: &[u8]) -> std::io::Result<()> {
        let Some(fault) = self.fault else {
            return file.write_all(bytes);
        };
        fault.wait_while_stalled();
        let allowed = fault.take(bytes.len());
        file.write_all(&bytes[..allowed])?;
        if allowed < bytes.len() {
            return Err(fault.error());
        }
        Ok(())
    }
}

/// What an injected fault reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultKind {
    /// "No space left on device" (`ENOSPC`).
    NoSpace,
    /// "Permission denied" (`EACCES`).
    PermissionDenied,
}

/// A disk that accepts a budget of bytes and then fails every write until it is healed.
#[derive(Debug)]
pub struct Fault {
    kind: std::sync::atomic::AtomicU8,
    /// Bytes still accepted; `u64::MAX` when healthy.
    budget: std::sync::atomic::AtomicU64,
    /// Writes refused so far, for tests to wait on.
    refused: std::sync::atomic::AtomicU64,
    /// Writes hang until released, as on a slow or stuck disk.
    stalled: std::sync::atomic::AtomicBool,
}

impl Fault {
    /// A healthy fault, leaked so the [`Filesystem`] holding it stays `Copy` (a few bytes per
    /// test; never used outside tests).
    pub fn leak() -> &'static Self {
        Box::leak(Box::new(Self {
            kind: std::sync::atomic::AtomicU8::new(0),
            budget: std::sync::atomic::AtomicU64::new(u64::MAX),
            refused: std::sync::atomic::AtomicU64::new(0),
            stalled: std::sync::atomic::AtomicBool::new(false),
        }))
    }

    /// From now on, every write hangs until [`Self::release`]: a disk that takes its time, for
    /// tests that the window keeps drawing meanwhile.
    pub fn stall(&self) {
        self.stalled
            .store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// Lets stalled writes go on.
    pub fn release(&self) {
        self.stalled
            .store(false, std::sync::atomic::Ordering::SeqCst);
    }

    fn wait_while_stalled(&self) {
        while self.stalled.load(std::sync::atomic::Ordering::SeqCst) {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }

    /// From now on, accept `bytes` more bytes and then fail with `kind`.
    pub fn fail_after(&self, bytes: u64, kind: FaultKind) {
        use std::sync::atomic::Ordering::SeqCst;
        self.kind
            .store(u8::from(kind == FaultKind::PermissionDenied), SeqCst);
        self.budget.store(bytes, SeqCst);
    }

    /// Accept every byte again (space was freed, permission given back).
    pub fn heal(&self) {
        self.budget
            .store(u64::MAX, std::sync::atomic::Ordering::SeqCst);
    }

    /// How many writes were refused so far.
    pub fn refused(&self) -> u64 {
        self.refused.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn kind(&self) -> FaultKind {
        if self.kind.load(std::sync::atomic::Ordering::SeqCst) == 1 {
            FaultKind::PermissionDenied
        } else {
            FaultKind::NoSpace
        }
    }

    /// The error the operating system gives for this fault, with its real `errno`.
    fn error(&self) -> std::io::Error {
        self.refused
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        match self.kind() {
            // ENOSPC and EACCES have these numbers on Linux and macOS; elsewhere the kind is
            // what callers look at.
            FaultKind::NoSpace if cfg!(unix) => std::io::Error::from_raw_os_error(28),
            FaultKind::PermissionDenied if cfg!(unix) => std::io::Error::from_raw_os_error(13),
            FaultKind::NoSpace => std::io::Error::from(std::io::ErrorKind::StorageFull),
            FaultKind::PermissionDenied => {
                std::io::Error::from(std::io::ErrorKind::PermissionDenied)
            }
        }
    }

    fn check_open(&self) -> std::io::Result<()> {
        let used_up = self.budget.load(std::sync::atomic::Ordering::SeqCst) == 0;
        if used_up && self.kind() == FaultKind::PermissionDenied {
            return Err(self.error());
        }
        Ok(())
    }

    /// Takes up to `wanted` bytes from the budget; returns how many were granted.
    fn take(&self, wanted: usize) -> usize {
        use std::sync::atomic::Ordering::SeqCst;
        let wanted = wanted as u64;
        let mut granted = 0;
        let _ = self.budget.fetch_update(SeqCst, SeqCst, |left| {
            if left == u64::MAX {
                granted = wanted;
                return None;
            }
            granted = left.min(wanted);
            Some(left - granted)
        });
        usize::try_from(granted).unwrap_or(usize::MAX)
    }
}

/// [`save_atomic`] through `fs`: the temporary file is written and synced through it, and on
/// any failure removed, so the target keeps its old complete bytes.
pub fn save_atomic_with(fs: Filesystem, path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let io = |source| SaveError::Io {
        path: path.to_owned(),
        source,
    };
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    fs::create_dir_all(dir).map_err(io)?;
    let file_name = path
        .file_name()
        .map_or_else(|| "data".into(), |n| n.to_string_lossy().into_owned());
    let n = TMP_COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{file_name}{TMP_MARK}{}-{n}", std::process::id()));
    let written = (|| {
        let mut file = fs.create(&tmp)?;
        fs.write_all(&mut file, bytes)?;
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

/// On Windows an antivirus scanner, the search indexer or a backup tool can hold the target open
/// for a moment, and the rename fails with "access denied" or a sharing violation. Retry for about
/// two seconds (we are on the saver thread, so the wait stalls no frame) before reporting it.
pub fn rename_with_retry(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut delay_ms = 10;
    let mut waited_ms = 0;
    loop {
        match fs::rename(from, to) {
            Ok(()) => return Ok(()),
            Err(err) if is_transient_lock(&err) && waited_ms < 2_000 => {
                std::thread::sleep(std::time::Duration::from_millis(delay_ms));
                waited_ms += delay_ms;
                delay_ms = (delay_ms * 2).min(250);
            }
            Err(err) => return Err(err),
        }
    }
}

/// Errors Windows gives while another program briefly holds a file: ERROR_ACCESS_DENIED (5),
/// ERROR_SHARING_VIOLATION (32), ERROR_LOCK_VIOLATION (33). Elsewhere a rename is never blocked
/// like this, and a permission error is real: report it at once.
fn is_transient_lock(err: &std::io::Error) -> bool {
    cfg!(windows) && matches!(err.raw_os_error(), Some(5 | 32 | 33))
}

/// Removes temporary files a killed process left behind in `dir`. Only call this while holding
/// the folder's lock: another process's temporary file would be in use.
pub fn remove_stale_temporaries(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.contains(TMP_MARK) && fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// Moves a damaged file out of the way as `NAME.corrupt-STAMP` (never overwriting an earlier
/// one) so the learner or support can still look at it. Returns the new path.
pub fn move_aside(path: &Path, stamp: &str) -> std::io::Result<PathBuf> {
    let name = path
        .file_name()
        .map_or_else(|| "data".into(), |n| n.to_string_lossy().into_owned());
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let mut target = dir.join(format!("{name}.corrupt-{stamp}"));
    let mut n = 2;
    while target.exists() {
        target = dir.join(format!("{name}.corrupt-{stamp}-{n}"));
        n += 1;
    }
    rename_with_retry(path, &target)?;
    sync_dir(dir);
    Ok(target)
}

/// Makes the rename itself durable. Not possible (nor needed) on Windows.
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Serialises `value` as pretty RON and saves it atomically.
pub fn save_ron<T: Serialize>(path: &Path, value: &T) -> Result<(), SaveError> {
    let text = encode_ron(value).map_err(|message| SaveError::Encode {
        path: path.to_owned(),
        message,
    })?;
    save_atomic(path, text.as_bytes())
}

/// Pretty RON, one field per line, so a learner or a trainer can read and diff the files. Text
/// is written as it is (a note's line breaks are real line breaks; a text with `"` or `\\`
/// becomes a raw string `r#"…"#`) rather than escaped character by character, which is both
/// easier to read and several times faster for long Chinese notes.
pub fn encode_ron<T: Serialize>(value: &T) -> Result<String, String> {
    let config = ron::ser::PrettyConfig::default()
        .indentor("  ".to_owned())
        .escape_strings(false);
    ron::ser::to_string_pretty(value, config).map_err(|err| err.to_string())
}

/// Reads a learner file, telling a missing file apart from one that cannot be read.
pub fn read_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    fs::read(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => LoadError::Missing {
            path: path.to_owned(),
        },
        _ => LoadError::Io {
            path: path.to_owned(),
            source,
        },
    })
}

/// Reads a RON file written by [`save_ron`].
pub fn load_ron<T: DeserializeOwned>(path: &Path) -> Result<T, LoadError> {
    let bytes = read_file(path)?;
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
    fn any_text_survives_encoding_unescaped() {
        for text in [
            "",
            "顾客投诉处理：倾听、道歉、解决、跟进",
            "第一行\n第二行\r\n第三行",
            "他说：\"我要投诉！\"",
            "C:\\客户\\档案",
            "r#\"already raw\"#",
            "\"## ## ###\"",
            "tab\there",
            "control \u{1} and nul \u{0}",
            "emoji 😀 and 𠀀",
            "ends with a backslash \\",
        ] {
            let encoded = encode_ron(&vec![text.to_owned()]).unwrap();
            let decoded: Vec<String> = ron::from_str(&encoded)
                .unwrap_or_else(|err| panic!("{text:?} as {encoded}: {err}"));
            assert_eq!(decoded, [text], "{encoded}");
        }
    }

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
    fn stale_temporaries_are_removed_and_damaged_files_moved_aside() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".notes.ron.tmp-123-4"), "half").unwrap();
        fs::write(dir.path().join("notes.ron"), "[1").unwrap();
        assert_eq!(remove_stale_temporaries(dir.path()), 1);
        let first = move_aside(&dir.path().join("notes.ron"), "20250101T000000").unwrap();
        fs::write(dir.path().join("notes.ron"), "[2").unwrap();
        let second = move_aside(&dir.path().join("notes.ron"), "20250101T000000").unwrap();
        assert_ne!(first, second);
        assert_eq!(fs::read_to_string(first).unwrap(), "[1");
        assert_eq!(fs::read_to_string(second).unwrap(), "[2");
        assert!(!dir.path().join("notes.ron").exists());
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

    #[test]
    fn an_injected_fault_fails_after_its_budget_and_leaves_the_old_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.ron");
        fs::write(&path, "old and complete").unwrap();
        let fault = Fault::leak();
        let disk = Filesystem::faulty(fault);
        fault.fail_after(4, FaultKind::NoSpace);
        let err = save_atomic_with(disk, &path, b"new and longer bytes").unwrap_err();
        // Linux says "No space left on device"; Windows (the kind, no errno) "no storage space".
        let said = err.to_string().to_lowercase();
        assert!(
            said.contains("no space left on device") || said.contains("no storage space"),
            "{err}"
        );
        fault.fail_after(0, FaultKind::PermissionDenied);
        let err = save_atomic_with(disk, &path, b"new").unwrap_err();
        assert!(
            err.to_string().to_lowercase().contains("permission denied"),
            "{err}"
        );
        assert_eq!(fault.refused(), 2);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old and complete");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "a temporary file was left behind");
        fault.heal();
        save_atomic_with(disk, &path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    }
}
