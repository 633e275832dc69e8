//! The pack library in the data folder (`<data>/packs/<id>/` plus `index.ron`): installing a
//! pack from a folder or a zip (staged, validated, then renamed into place), updating it to a
//! newer version, removing it, and remembering which pack is being studied.

use std::cmp::Ordering;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::diagnostic::Diagnostic;
use super::import::{ImportError, ImportedQuestion, PackMeta, write_pack};
use super::load::{MANIFEST, load_installed_pack, load_pack};
use super::progress::Progress;
use super::source::DirSource;
use super::zip::{ExtractLimits, ZipError, extract};
use crate::clock::{Clock, SystemClock};
use crate::model::Counts;
use crate::store::{LoadError, SaveError, load_ron, save_ron};

pub const LIBRARY_DIR: &str = "packs";
pub const INDEX_FILE: &str = "index.ron";
const INDEX_VERSION: u32 = 1;
const STAGING_PREFIX: &str = ".staging-";
const OLD_PREFIX: &str = ".old-";

/// One installed pack, as listed in the library.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InstalledPack {
    pub id: String,
    pub title: String,
    pub version: String,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub description: String,
    /// The folder under `<data>/packs/` that holds it.
    pub folder: String,
    #[serde(default)]
    pub counts: Counts,
    pub installed: DateTime<Utc>,
}

/// `index.ron`: what is installed and which pack the learner studies. A cache of the folders:
/// when it is missing or damaged it is rebuilt from them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LibraryIndex {
    pub format_version: u32,
    /// The pack being studied; `None` for the built-in syllabus.
    pub current: Option<String>,
    pub packs: Vec<InstalledPack>,
}

#[derive(Debug, Error)]
pub enum InstallError {
    #[error("{0} does not exist")]
    NotFound(PathBuf),
    #[error("{0} is not a lesson pack: choose a pack folder, its pack.ron, or a .zip")]
    NotAPack(PathBuf),
    #[error("no pack.ron at the top of the zip or in its only folder")]
    NoManifest,
    #[error("{0}")]
    Zip(#[from] ZipError),
    #[error("the folder has more than {limit} files")]
    TooManyFiles { limit: usize },
    #[error("the folder holds more than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("the pack has {} error(s)", .0.iter().filter(|d| d.is_error()).count())]
    Invalid(Vec<Diagnostic>),
    #[error(
        "the library already has version {installed} of `{id}`, newer than {offered}; remove it first to go back"
    )]
    Older {
        id: String,
        installed: String,
        offered: String,
    },
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Index(#[from] SaveError),
    #[error("{0}")]
    Import(#[from] ImportError),
}

#[derive(Debug, Error)]
pub enum LibraryError {
    #[error("no pack `{0}` is installed")]
    Unknown(String),
    #[error("cannot remove {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Index(#[from] SaveError),
}

/// The result of a successful install.
#[derive(Clone, Debug)]
pub struct Installed {
    pub pack: InstalledPack,
    /// The version it replaced, when the library had this pack already.
    pub replaced: Option<String>,
    /// Warnings found by validation (errors refuse the pack).
    pub warnings: Vec<Diagnostic>,
    pub dir: PathBuf,
}

/// Orders pack versions: dot-separated numbers compare as numbers (`1.10` > `1.9`), and a
/// pre-release suffix comes before its release (`2.0-beta` < `2.0`).
pub fn compare_versions(a: &str, b: &str) -> Ordering {
    fn parts(v: &str) -> Vec<&str> {
        v.trim()
            .trim_start_matches(['v', 'V'])
            .split(['.', '-', '+'])
            .filter(|p| !p.is_empty())
            .collect()
    }
    let (a, b) = (parts(a), parts(b));
    for i in 0..a.len().max(b.len()) {
        let ord = match (a.get(i), b.get(i)) {
            (Some(x), Some(y)) => match (x.parse::<u64>(), y.parse::<u64>()) {
                (Ok(x), Ok(y)) => x.cmp(&y),
                (Ok(_), Err(_)) => Ordering::Greater,
                (Err(_), Ok(_)) => Ordering::Less,
                (Err(_), Err(_)) => x.cmp(y),
            },
            (Some(x), None) if x.parse::<u64>().is_ok() => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (None, Some(y)) if y.parse::<u64>().is_ok() => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    Ordering::Equal
}

/// A folder name for a pack id that is safe on every system.
fn folder_for(id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    let safe = safe.trim_start_matches('.');
    if safe.is_empty() {
        "pack".to_owned()
    } else {
        safe.to_owned()
    }
}

/// A name no other staging folder has, in this process or another.
fn unique_suffix() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "{}-{nanos}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, AtomicOrdering::Relaxed)
    )
}

/// A folder under the library that is removed, with everything in it, when dropped: a refused
/// or failed install leaves nothing behind.
struct Staging(PathBuf);

impl Drop for Staging {
    fn drop(&mut self) {
        if self.0.exists() {
            let _ = fs::remove_dir_all(&self.0);
        }
    }
}

/// Where a pack sits in an unpacked archive or copied folder: at the top, or in the only
/// folder (what zipping a folder produces).
pub fn find_pack_root(dir: &Path) -> Option<PathBuf> {
    if dir.join(MANIFEST).is_file() {
        return Some(dir.to_path_buf());
    }
    let folders: Vec<PathBuf> = fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    match folders.as_slice() {
        [only] if only.join(MANIFEST).is_file() => Some(only.clone()),
        _ => None,
    }
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> InstallError + '_ {
    move |source| InstallError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Copies a pack folder's regular files (not links, not hidden files) within the zip limits.
fn copy_tree(
    from: &Path,
    to: &Path,
    limits: &ExtractLimits,
    progress: &Progress,
) -> Result<(), InstallError> {
    let mut files = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let entries = fs::read_dir(from.join(&rel)).map_err(io_error(from))?;
        for entry in entries.flatten() {
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let child = rel.join(&name);
            if kind.is_dir() {
                stack.push(child);
            } else if kind.is_file() {
                files.push(child);
            }
            if files.len() + stack.len() > limits.max_entries {
                return Err(InstallError::TooManyFiles {
                    limit: limits.max_entries,
                });
            }
        }
    }
    progress.set_total(files.len() as u64);
    let mut total = 0u64;
    for rel in files {
        progress.advance();
        let target = to.join(&rel);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        total += fs::copy(from.join(&rel), &target).map_err(io_error(&target))?;
        if total > limits.max_total_bytes {
            return Err(InstallError::TooLarge {
                limit: limits.max_total_bytes,
            });
        }
    }
    Ok(())
}

fn is_zip(path: &Path) -> bool {
    let named = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    let mut magic = [0u8; 4];
    let signed = super::source::open_regular(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut magic))
        .is_ok_and(|()| magic == *b"PK\x03\x04");
    named || signed
}

/// The library in one data folder. Cheap to clone, so a copy can install on a job's thread.
#[derive(Clone)]
pub struct Library {
    root: PathBuf,
    /// Stamps each pack's install time (`InstalledPack::installed`).
    clock: Arc<dyn Clock>,
}

impl Library {
    /// The library in `data_dir`, installing at the system clock's time; nothing is created
    /// until a pack is installed.
    pub fn new(data_dir: &Path) -> Self {
        Self::with_clock(data_dir, Arc::new(SystemClock))
    }

    /// The library in `data_dir`, stamping installs with `clock`'s time (the app's clock, which
    /// tests move).
    pub fn with_clock(data_dir: &Path, clock: Arc<dyn Clock>) -> Self {
        Self {
            root: data_dir.join(LIBRARY_DIR),
            clock,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn dir_of(&self, pack: &InstalledPack) -> PathBuf {
        self.root.join(&pack.folder)
    }

    fn index_path(&self) -> PathBuf {
        self.root.join(INDEX_FILE)
    }

    /// The index, checked against the folders; rebuilt from them when missing or damaged.
    pub fn index(&self) -> LibraryIndex {
        let mut index = match load_ron::<LibraryIndex>(&self.index_path()) {
            Ok(index) => index,
            Err(LoadError::Missing { .. }) => self.scan(),
            Err(err) => {
                log::warn!("{err}; rebuilding the pack library index from its folders");
                self.scan()
            }
        };
        index
            .packs
            .retain(|p| self.root.join(&p.folder).join(MANIFEST).is_file());
        if let Some(current) = &index.current
            && !index.packs.iter().any(|p| &p.id == current)
        {
            index.current = None;
        }
        index
    }

    fn save_index(&self, index: &LibraryIndex) -> Result<(), SaveError> {
        let mut index = index.clone();
        index.format_version = INDEX_VERSION;
        save_ron(&self.index_path(), &index)
    }

    /// Every installed pack, in the order installed.
    pub fn list(&self) -> Vec<InstalledPack> {
        self.index().packs
    }

    /// The built-in pack and every installed pack that loads, for describing recorded attempts
    /// (the results export). Packs that no longer load are left out.
    pub fn known_packs(&self) -> Vec<std::sync::Arc<crate::model::Pack>> {
        let builtin = super::load_pack(&super::builtin_source()).pack;
        let installed = self.list().into_iter().filter_map(|entry| {
            super::load_installed_pack(&super::DirSource::new(self.dir_of(&entry))).pack
        });
        builtin
            .into_iter()
            .chain(installed)
            .map(std::sync::Arc::new)
            .collect()
    }

    pub fn get(&self, id: &str) -> Option<InstalledPack> {
        self.list().into_iter().find(|p| p.id == id)
    }

    /// The installed pack being studied, if any.
    pub fn current(&self) -> Option<InstalledPack> {
        let index = self.index();
        let current = index.current?;
        index.packs.into_iter().find(|p| p.id == current)
    }

    pub fn set_current(&self, id: Option<&str>) -> Result<(), LibraryError> {
        let mut index = self.index();
        if let Some(id) = id
            && !index.packs.iter().any(|p| p.id == id)
        {
            return Err(LibraryError::Unknown(id.to_owned()));
        }
        index.current = id.map(str::to_owned);
        Ok(self.save_index(&index)?)
    }

    /// Index entries for the pack folders found on disk.
    fn scan(&self) -> LibraryIndex {
        let mut index = LibraryIndex::default();
        let Ok(entries) = fs::read_dir(&self.root) else {
            return index;
        };
        for entry in entries.flatten() {
            let folder = entry.file_name().to_string_lossy().into_owned();
            let dir = entry.path();
            if folder.starts_with('.') || !dir.join(MANIFEST).is_file() {
                continue;
            }
            if let Some(pack) = load_installed_pack(&DirSource::new(&dir)).pack {
                index.packs.push(entry_for(&pack, folder, self.clock.now()));
            }
        }
        index.packs.sort_by(|a, b| a.id.cmp(&b.id));
        index
    }

    /// Removes folders left by an install that was interrupted (a crash, a power cut).
    pub fn clean_debris(&self) {
        let Ok(entries) = fs::read_dir(&self.root) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(STAGING_PREFIX) || name.starts_with(OLD_PREFIX) {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
    }

    /// A new empty folder inside the library, removed again when the guard drops.
    fn staging(&self) -> Result<Staging, InstallError> {
        let dir = self
            .root
            .join(format!("{STAGING_PREFIX}{}", unique_suffix()));
        fs::create_dir_all(&dir).map_err(io_error(&dir))?;
        Ok(Staging(dir))
    }

    /// Validates the pack at `path` (a folder, its `pack.ron` or a `.zip`) and installs it,
    /// replacing an older version of the same id. Nothing outside the library is written, and
    /// a refused pack leaves nothing in it.
    pub fn install(&self, path: &Path, progress: &Progress) -> Result<Installed, InstallError> {
        self.install_with_limits(path, &ExtractLimits::default(), progress)
    }

    pub fn install_with_limits(
        &self,
        path: &Path,
        limits: &ExtractLimits,
        progress: &Progress,
    ) -> Result<Installed, InstallError> {
        if !path.exists() {
            return Err(InstallError::NotFound(path.to_owned()));
        }
        let staging = self.staging()?;
        let content = staging.0.join("content");
        fs::create_dir_all(&content).map_err(io_error(&content))?;
        let (shown_root, staged_root) = if path.is_dir() {
            // Checked before copying: a folder dropped by mistake is not copied at all.
            let root =
                find_pack_root(path).ok_or_else(|| InstallError::NotAPack(path.to_owned()))?;
            copy_tree(&root, &content, limits, progress)?;
            (root, content.clone())
        } else if path.file_name().is_some_and(|n| n == MANIFEST) {
            let dir = path.parent().unwrap_or(Path::new("."));
            copy_tree(dir, &content, limits, progress)?;
            (dir.to_path_buf(), content.clone())
        } else if is_zip(path) {
            extract(path, &content, limits, progress)?;
            let root = find_pack_root(&content).ok_or(InstallError::NoManifest)?;
            let inner = root.strip_prefix(&content).unwrap_or(Path::new(""));
            (path.join(inner), root)
        } else {
            return Err(InstallError::NotAPack(path.to_owned()));
        };
        if !staged_root.join(MANIFEST).is_file() {
            return Err(InstallError::NotAPack(path.to_owned()));
        }

        progress.set_total(0);
        let loaded = load_pack(&DirSource::new(&staged_root));
        // Messages name the files the instructor has, not the staging copy.
        let staged_prefix = staged_root.display().to_string();
        let shown_prefix = shown_root.display().to_string();
        let diagnostics: Vec<Diagnostic> = loaded
            .diagnostics
            .iter()
            .cloned()
            .map(|mut d| {
                if let Some(rest) = d.file.strip_prefix(&staged_prefix) {
                    d.file = format!("{shown_prefix}{rest}");
                }
                d
            })
            .collect();
        let valid = loaded.is_valid();
        let Some(pack) = loaded.pack.filter(|_| valid) else {
            return Err(InstallError::Invalid(diagnostics));
        };

        let mut index = self.index();
        let existing = index.packs.iter().position(|p| p.id == pack.manifest.id);
        if let Some(at) = existing {
            let installed = &index.packs[at];
            if compare_versions(&pack.manifest.version, &installed.version) == Ordering::Less {
                return Err(InstallError::Older {
                    id: installed.id.clone(),
                    installed: installed.version.clone(),
                    offered: pack.manifest.version.clone(),
                });
            }
        }
        let folder = match existing {
            Some(at) => index.packs[at].folder.clone(),
            None => {
                let base = folder_for(&pack.manifest.id);
                let taken = |name: &str| {
                    index.packs.iter().any(|p| p.folder == name) || self.root.join(name).exists()
                };
                let mut name = base.clone();
                let mut n = 2;
                while taken(&name) {
                    name = format!("{base}-{n}");
                    n += 1;
                }
                name
            }
        };

        let target = self.root.join(&folder);
        if target.exists() {
            let old = self.root.join(format!("{OLD_PREFIX}{}", unique_suffix()));
            fs::rename(&target, &old).map_err(io_error(&target))?;
            if let Err(source) = fs::rename(&staged_root, &target) {
                let _ = fs::rename(&old, &target);
                return Err(InstallError::Io {
                    path: target,
                    source,
                });
            }
            let _ = fs::remove_dir_all(&old);
        } else {
            fs::rename(&staged_root, &target).map_err(io_error(&target))?;
        }
        drop(staging);

        let entry = entry_for(&pack, folder, self.clock.now());
        let replaced = match existing {
            Some(at) => Some(std::mem::replace(&mut index.packs[at], entry.clone()).version),
            None => {
                index.packs.push(entry.clone());
                None
            }
        };
        self.save_index(&index)?;
        Ok(Installed {
            pack: entry,
            replaced,
            warnings: diagnostics,
            dir: target,
        })
    }

    /// Writes imported questions as a pack (in a staging folder) and installs it.
    pub fn install_questions(
        &self,
        meta: &PackMeta,
        questions: &[ImportedQuestion],
        progress: &Progress,
    ) -> Result<Installed, InstallError> {
        let staging = self.staging()?;
        let dir = staging.0.join("import");
        write_pack(&dir, meta, questions)?;
        self.install(&dir, progress)
    }

    /// Removes an installed pack's files. The learner's records are kept: they belong to the
    /// learner, and reinstalling the pack finds them again by item id.
    pub fn remove(&self, id: &str) -> Result<InstalledPack, LibraryError> {
        let mut index = self.index();
        let at = index
            .packs
            .iter()
            .position(|p| p.id == id)
            .ok_or_else(|| LibraryError::Unknown(id.to_owned()))?;
        let pack = index.packs.remove(at);
        let dir = self.root.join(&pack.folder);
        // Renamed first so a half-deleted folder never looks like an installed pack.
        let doomed = self.root.join(format!("{OLD_PREFIX}{}", unique_suffix()));
        fs::rename(&dir, &doomed).map_err(|source| LibraryError::Io {
            path: dir.clone(),
            source,
        })?;
        if index.current.as_deref() == Some(id) {
            index.current = None;
        }
        self.save_index(&index)?;
        fs::remove_dir_all(&doomed).map_err(|source| LibraryError::Io {
            path: doomed,
            source,
        })?;
        Ok(pack)
    }
}

fn entry_for(pack: &crate::model::Pack, folder: String, installed: DateTime<Utc>) -> InstalledPack {
    let m = &pack.manifest;
    InstalledPack {
        id: m.id.clone(),
        title: m.title.clone(),
        version: m.version.clone(),
        authors: m.authors.clone(),
        description: m.description.clone(),
        folder,
        counts: pack.counts().0,
        installed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_by_number() {
        for (a, b, expected) in [
            ("1.0.0", "1.0.0", Ordering::Equal),
            ("1.10", "1.9", Ordering::Greater),
            ("1.0.1", "1.0", Ordering::Greater),
            ("2.0-beta", "2.0", Ordering::Less),
            ("v2", "1.9.9", Ordering::Greater),
            ("2024.3", "2024.12", Ordering::Less),
            ("1.0.0-rc.2", "1.0.0-rc.1", Ordering::Greater),
        ] {
            assert_eq!(compare_versions(a, b), expected, "{a} vs {b}");
        }
    }

    #[test]
    fn folder_names_are_safe() {
        for (id, folder) in [
            ("acme.onboarding", "acme.onboarding"),
            ("../evil", "_evil"),
            ("a/b:c", "a_b_c"),
            ("..", "pack"),
            ("客服.题库", "客服.题库"),
        ] {
            assert_eq!(folder_for(id), folder, "{id}");
        }
    }
}
