//! Safe extraction of zipped packs: every name is checked before anything is written, links are
//! refused, and entries, total size and compression ratio are limited by the bytes actually read.

use std::fs::{self, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::progress::Progress;
use super::source::check_enclosed;

/// What an archive may unpack to. The defaults suit any real lesson pack.
#[derive(Clone, Debug)]
pub struct ExtractLimits {
    pub max_entries: usize,
    /// Counted from the bytes actually decompressed: sizes written in the archive can lie.
    pub max_total_bytes: u64,
    /// An entry may expand to at most this many times its compressed size…
    pub max_ratio: u64,
    /// …once it is larger than this (tiny files compress oddly and harm no one).
    pub ratio_floor: u64,
}

impl Default for ExtractLimits {
    fn default() -> Self {
        Self {
            max_entries: 10_000,
            max_total_bytes: 500 * 1024 * 1024,
            max_ratio: 100,
            ratio_floor: 1024 * 1024,
        }
    }
}

#[derive(Debug, Error)]
pub enum ZipError {
    #[error("not a readable zip file: {0}")]
    Archive(String),
    #[error(
        "entry `{0}` would be written outside the pack (absolute path, `..` or a drive letter)"
    )]
    Escapes(String),
    #[error("entry `{0}` is a symbolic link; packs may not contain links")]
    Symlink(String),
    #[error("entry `{0}` is a named pipe, device or socket; packs hold only files and folders")]
    Special(String),
    #[error("entry `{0}` is encrypted; zip the pack without a password")]
    Encrypted(String),
    #[error("entry `{0}` appears twice")]
    Duplicate(String),
    #[error("the zip has {count} entries, over the limit of {limit}")]
    TooManyEntries { count: usize, limit: usize },
    #[error("the zip unpacks to more than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("entry `{name}` expands more than {ratio} times its compressed size (a zip bomb?)")]
    Ratio { name: String, ratio: u64 },
    #[error("entry `{name}` is damaged: {message}")]
    Entry { name: String, message: String },
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// What was extracted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    pub files: usize,
    pub bytes: u64,
}

/// The entry's name as the archiver meant it: UTF-8 when it is, otherwise GBK (what Chinese
/// Windows writes without marking it), with `\` read as a folder separator.
fn entry_name(raw: &[u8]) -> String {
    let name = match std::str::from_utf8(raw) {
        Ok(name) => name.to_owned(),
        Err(_) => encoding_rs::GBK
            .decode_without_bom_handling(raw)
            .0
            .into_owned(),
    };
    name.replace('\\', "/")
}

/// Archive clutter from macOS that is never part of a pack.
fn is_clutter(name: &str) -> bool {
    name.starts_with("__MACOSX/") || name.rsplit('/').next() == Some(".DS_Store")
}

/// A name checked to stay inside the pack; `None` for a folder entry.
fn enclosed(name: &str) -> Result<Option<PathBuf>, ZipError> {
    let trimmed = name.trim_end_matches('/');
    if trimmed.is_empty() || name.starts_with('/') {
        return Err(ZipError::Escapes(name.to_owned()));
    }
    let path = check_enclosed(trimmed)
        .map_err(|_| ZipError::Escapes(name.to_owned()))?
        .to_path_buf();
    Ok((!name.ends_with('/')).then_some(path))
}

/// Extracts the zip at `archive` into `dest`, an empty folder the caller owns and removes on
/// failure. Every name, link and declared size is checked before the first byte is written.
pub fn extract(
    archive: &Path,
    dest: &Path,
    limits: &ExtractLimits,
    progress: &Progress,
) -> Result<Extracted, ZipError> {
    let file = super::source::open_regular(archive).map_err(|source| ZipError::Io {
        path: archive.to_owned(),
        source,
    })?;
    extract_from(file, dest, limits, progress)
}

/// [`extract`] from any seekable reader: the archive's bytes in memory for the fuzz target, a
/// file for the app.
pub fn extract_from(
    archive: impl Read + Seek,
    dest: &Path,
    limits: &ExtractLimits,
    progress: &Progress,
) -> Result<Extracted, ZipError> {
    let mut zip = zip::ZipArchive::new(archive).map_err(|e| ZipError::Archive(e.to_string()))?;
    if zip.len() > limits.max_entries {
        return Err(ZipError::TooManyEntries {
            count: zip.len(),
            limit: limits.max_entries,
        });
    }

    // First pass, over the central directory only: refuse the archive before writing anything.
    let mut plan: Vec<(usize, String, Option<PathBuf>)> = Vec::with_capacity(zip.len());
    let mut seen = std::collections::HashSet::new();
    let mut declared = 0u64;
    for index in 0..zip.len() {
        let entry = zip
            .by_index_raw(index)
            .map_err(|e| ZipError::Archive(e.to_string()))?;
        let name = entry_name(entry.name_raw());
        if entry.is_symlink() {
            return Err(ZipError::Symlink(name));
        }
        // A named pipe, device or socket recorded in the archive's Unix mode: refused like a
        // link, though extraction would only write a plain file, so nothing odd is ever trusted.
        if entry
            .unix_mode()
            .is_some_and(|mode| !matches!(mode & 0o170_000, 0 | 0o100_000 | 0o040_000))
        {
            return Err(ZipError::Special(name));
        }
        let target = enclosed(&name)?;
        if is_clutter(&name) {
            continue;
        }
        if entry.encrypted() {
            return Err(ZipError::Encrypted(name));
        }
        if target.is_some() && !seen.insert(name.to_lowercase()) {
            return Err(ZipError::Duplicate(name));
        }
        declared = declared.saturating_add(entry.size());
        if declared > limits.max_total_bytes {
            return Err(ZipError::TooLarge {
                limit: limits.max_total_bytes,
            });
        }
        plan.push((index, name, target));
    }

    progress.set_total(plan.len() as u64);
    let mut extracted = Extracted::default();
    let mut buffer = vec![0u8; 64 * 1024];
    for (index, name, target) in plan {
        progress.advance();
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| ZipError::Io { path, source }
        };
        let Some(rel) = target else {
            let dir = dest.join(name.trim_end_matches('/'));
            fs::create_dir_all(&dir).map_err(io(&dir))?;
            continue;
        };
        let path = dest.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io(parent))?;
        }
        let mut entry = zip.by_index(index).map_err(|e| ZipError::Entry {
            name: name.clone(),
            message: e.to_string(),
        })?;
        let compressed = entry.compressed_size().max(1);
        // `create_new`: a name that differs only in case cannot overwrite an earlier file.
        let mut out = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(io(&path))?;
        let mut written = 0u64;
        loop {
            let read = entry.read(&mut buffer).map_err(|e| ZipError::Entry {
                name: name.clone(),
                message: e.to_string(),
            })?;
            if read == 0 {
                break;
            }
            written += read as u64;
            extracted.bytes += read as u64;
            if extracted.bytes > limits.max_total_bytes {
                return Err(ZipError::TooLarge {
                    limit: limits.max_total_bytes,
                });
            }
            if written > limits.ratio_floor && written / compressed > limits.max_ratio {
                return Err(ZipError::Ratio {
                    name,
                    ratio: limits.max_ratio,
                });
            }
            out.write_all(&buffer[..read]).map_err(io(&path))?;
        }
        extracted.files += 1;
    }
    Ok(extracted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked_and_decoded() {
        for (name, ok) in [
            ("pack.ron", true),
            ("my-pack/chapters/a.ron", true),
            ("dir/", true),
            ("../evil.ron", false),
            ("a/../../evil.ron", false),
            ("/etc/passwd", false),
            ("C:/Windows/x", false),
            ("..\\evil.ron", false),
            ("", false),
        ] {
            assert_eq!(enclosed(&entry_name(name.as_bytes())).is_ok(), ok, "{name}");
        }
        // "第一章.ron" in GBK, as Chinese Windows writes it.
        let (gbk, _, _) = encoding_rs::GBK.encode("第一章.ron");
        assert_eq!(entry_name(&gbk), "第一章.ron");
        assert!(is_clutter("__MACOSX/._pack.ron"));
        assert!(is_clutter("p/.DS_Store"));
        assert!(!is_clutter("pack.ron"));
    }
}
