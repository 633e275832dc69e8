//! Rolling backups of a profile in `backups/STAMP-KIND/`: full copies of the profile's files,
//! taken when they changed, pruned to a bounded set of recent, daily and weekly copies. Log
//! segments that a backup shares with the one before it are hard links, not new copies.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use thiserror::Error;

use super::dates;
use super::labs::LABS_FILE;
use super::notes::NOTES_FILE;
use super::profile::{PROFILE_FILE, PROFILE_SETTINGS_FILE};
use super::record::{PROGRESS_FILE, segment_index};
use super::session::STUDY_FILE;
use crate::store::{save_atomic, sync_dir};

pub const BACKUPS_DIR: &str = "backups";
/// The files a backup holds, in the profile folder and in each backup folder.
pub const BACKED_UP_FILES: [&str; 6] = [
    PROFILE_FILE,
    PROFILE_SETTINGS_FILE,
    PROGRESS_FILE,
    NOTES_FILE,
    STUDY_FILE,
    LABS_FILE,
];

/// The files of a profile (or of a backup) in `dir` that a backup holds: the fixed files that
/// exist and every attempt-log segment.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = BACKED_UP_FILES
        .iter()
        .filter(|f| dir.join(f).is_file())
        .map(|f| (*f).to_owned())
        .collect();
    let mut segments: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.file_name().to_str().map(str::to_owned))
                .filter(|name| segment_index(name).is_some())
                .collect()
        })
        .unwrap_or_default();
    segments.sort();
    files.extend(segments);
    files
}

/// How many backups of each sort are kept.
pub const KEEP_RECENT: usize = 6;
pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 8;
pub const KEEP_SAFETY: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum BackupKind {
    /// Taken during use (every 30 minutes of study with changes) and at the first start of a day.
    Auto,
    /// Asked for on the backups screen.
    Manual,
    /// What a restore replaced.
    BeforeRestore,
    /// The files as an older ServiceCraft wrote them, before they were converted.
    BeforeUpgrade,
    /// Taken before a CRM lab was reset to its seed data.
    BeforeReset,
}

impl BackupKind {
    const ALL: [Self; 5] = [
        Self::Auto,
        Self::Manual,
        Self::BeforeRestore,
        Self::BeforeUpgrade,
        Self::BeforeReset,
    ];

    pub fn tag(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Manual => "manual",
            Self::BeforeRestore => "before-restore",
            Self::BeforeUpgrade => "before-upgrade",
            Self::BeforeReset => "before-reset",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct BackupInfo {
    /// The folder name: `20250102T103000-auto`.
    pub name: String,
    /// Local time the backup was taken.
    pub taken: NaiveDateTime,
    pub kind: BackupKind,
    /// Total size of its files in bytes.
    pub bytes: u64,
}

#[derive(Debug, Error)]
pub enum BackupError {
    #[error("backup {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("there is no backup named {0}")]
    NotFound(String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: path.to_owned(),
        source,
    }
}

pub fn backups_dir(profile_dir: &Path) -> PathBuf {
    profile_dir.join(BACKUPS_DIR)
}

/// Parses a backup folder name; `None` for anything else (temporary folders included).
pub fn parse_name(name: &str) -> Option<(NaiveDateTime, BackupKind)> {
    let (stamp, rest) = name.split_once('-')?;
    let taken = NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%S").ok()?;
    let kind = BackupKind::ALL.into_iter().find(|kind| {
        rest.strip_prefix(kind.tag())
            .is_some_and(|tail| tail.is_empty() || tail.starts_with('-'))
    })?;
    Some((taken, kind))
}

/// Every backup of a profile, newest first.
pub fn list_backups(profile_dir: &Path) -> Vec<BackupInfo> {
    let Ok(entries) = fs::read_dir(backups_dir(profile_dir)) else {
        return Vec::new();
    };
    let mut list: Vec<BackupInfo> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_str()?.to_owned();
            let (taken, kind) = parse_name(&name)?;
            let bytes = files_in(&entry.path())
                .iter()
                .filter_map(|f| fs::metadata(entry.path().join(f)).ok())
                .map(|m| m.len())
                .sum();
            Some(BackupInfo {
                name,
                taken,
                kind,
                bytes,
            })
        })
        .collect();
    list.sort_by(|a, b| b.taken.cmp(&a.taken).then_with(|| b.name.cmp(&a.name)));
    list
}

/// The copies of `file` in every backup, newest first, for recovering a damaged file.
pub fn copies_of(profile_dir: &Path, file: &str) -> Vec<(String, PathBuf)> {
    list_backups(profile_dir)
        .into_iter()
        .map(|b| {
            let path = backups_dir(profile_dir).join(&b.name).join(file);
            (b.name, path)
        })
        .filter(|(_, path)| path.exists())
        .collect()
}

/// Copies the profile's files into a new backup. An `Auto` backup is skipped (`Ok(None)`) when
/// the files are the same as in the newest backup. The copy is made in a temporary folder and
/// renamed into place, so a backup folder is always complete.
pub fn make_backup(
    profile_dir: &Path,
    kind: BackupKind,
    now: DateTime<Utc>,
) -> Result<Option<String>, BackupError> {
    let names = files_in(profile_dir);
    let files: Vec<(&str, Vec<u8>)> = names
        .iter()
        .filter_map(|name| {
            fs::read(profile_dir.join(name))
                .ok()
                .map(|bytes| (name.as_str(), bytes))
        })
        .collect();
    if files.is_empty() {
        return Ok(None);
    }
    let root = backups_dir(profile_dir);
    let newest = list_backups(profile_dir)
        .first()
        .map(|b| root.join(&b.name));
    if kind == BackupKind::Auto
        && let Some(newest) = &newest
        && same_files(newest, &files)
    {
        return Ok(None);
    }
    fs::create_dir_all(&root).map_err(io(&root))?;
    let stamp = dates::file_stamp(now);
    let mut name = format!("{stamp}-{}", kind.tag());
    let mut n = 2;
    while root.join(&name).exists() {
        name = format!("{stamp}-{}-{n}", kind.tag());
        n += 1;
    }
    let tmp = root.join(format!(".tmp-{name}"));
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir(&tmp).map_err(io(&tmp))?;
    let written = files.iter().try_for_each(|(file, bytes)| {
        let path = tmp.join(file);
        // A full log segment never changes again: share the newest backup's copy of it.
        if segment_index(file).is_some()
            && let Some(newest) = &newest
            && fs::read(newest.join(file)).is_ok_and(|theirs| theirs == *bytes)
            && fs::hard_link(newest.join(file), &path).is_ok()
        {
            return Ok(());
        }
        let mut out = fs::File::create(&path).map_err(io(&path))?;
        out.write_all(bytes)
            .and_then(|()| out.sync_all())
            .map_err(io(&path))
    });
    if let Err(err) = written {
        let _ = fs::remove_dir_all(&tmp);
        return Err(err);
    }
    sync_dir(&tmp);
    let target = root.join(&name);
    if let Err(err) = fs::rename(&tmp, &target) {
        let _ = fs::remove_dir_all(&tmp);
        return Err(io(&target)(err));
    }
    sync_dir(&root);
    Ok(Some(name))
}

fn same_files(backup: &Path, files: &[(&str, Vec<u8>)]) -> bool {
    let theirs = files_in(backup);
    theirs.len() == files.len()
        && files.iter().all(|(name, ours)| {
            theirs.iter().any(|t| t == name)
                && fs::read(backup.join(name)).is_ok_and(|bytes| bytes == *ours)
        })
}

/// Which backups the retention policy keeps: the newest [`KEEP_RECENT`] automatic ones, the
/// newest of each of the latest [`KEEP_DAILY`] days and [`KEEP_WEEKLY`] ISO weeks that have
/// backups, and the newest [`KEEP_SAFETY`] of each other kind. `list` is newest first.
pub fn retained(list: &[BackupInfo]) -> BTreeSet<String> {
    let mut keep = BTreeSet::new();
    let auto: Vec<&BackupInfo> = list.iter().filter(|b| b.kind == BackupKind::Auto).collect();
    keep.extend(auto.iter().take(KEEP_RECENT).map(|b| b.name.clone()));
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    for backup in &auto {
        let day = backup.taken.date();
        if !days.contains(&day) && days.len() < KEEP_DAILY {
            days.push(day);
            keep.insert(backup.name.clone());
        }
        let week = dates::iso_week(day);
        if !weeks.contains(&week) && weeks.len() < KEEP_WEEKLY {
            weeks.push(week);
            keep.insert(backup.name.clone());
        }
    }
    for kind in [
        BackupKind::Manual,
        BackupKind::BeforeRestore,
        BackupKind::BeforeUpgrade,
        BackupKind::BeforeReset,
    ] {
        keep.extend(
            list.iter()
                .filter(|b| b.kind == kind)
                .take(KEEP_SAFETY)
                .map(|b| b.name.clone()),
        );
    }
    keep
}

/// Deletes the backups the policy does not keep, and unfinished temporary copies. Returns how
/// many backups were deleted.
pub fn prune(profile_dir: &Path) -> usize {
    let root = backups_dir(profile_dir);
    if let Ok(entries) = fs::read_dir(&root) {
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with(".tmp-") {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
    }
    let list = list_backups(profile_dir);
    let keep = retained(&list);
    let mut removed = 0;
    for backup in list.iter().filter(|b| !keep.contains(&b.name)) {
        match fs::remove_dir_all(root.join(&backup.name)) {
            Ok(()) => removed += 1,
            Err(err) => log::warn!("cannot delete old backup {}: {err}", backup.name),
        }
    }
    removed
}

/// Replaces the profile's files with those of backup `name`. The caller holds the profile lock,
/// has written every pending save, and has taken a `BeforeRestore` backup. A file the backup
/// does not have (notes taken after it) is removed, so the profile is exactly as it was.
pub fn restore_files(profile_dir: &Path, name: &str) -> Result<(), BackupError> {
    let source = backups_dir(profile_dir).join(name);
    if parse_name(name).is_none() || !source.is_dir() {
        return Err(BackupError::NotFound(name.to_owned()));
    }
    let mut files = files_in(&source);
    files.extend(files_in(profile_dir));
    files.sort();
    files.dedup();
    for file in &files {
        let file = file.as_str();
        let from = source.join(file);
        let to = profile_dir.join(file);
        match fs::read(&from) {
            Ok(bytes) => save_atomic(&to, &bytes).map_err(|err| match err {
                crate::store::SaveError::Io { source, .. } => io(&to)(source),
                crate::store::SaveError::Encode { message, .. } => {
                    io(&to)(std::io::Error::other(message))
                }
            })?,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                if file != PROFILE_FILE {
                    match fs::remove_file(&to) {
                        Ok(()) => {}
                        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
                        Err(err) => return Err(io(&to)(err)),
                    }
                }
            }
            Err(err) => return Err(io(&from)(err)),
        }
    }
    sync_dir(profile_dir);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn info(day: &str, hour: u32, kind: BackupKind) -> BackupInfo {
        let taken = day
            .parse::<NaiveDate>()
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap();
        BackupInfo {
            name: format!("{}-{}", taken.format("%Y%m%dT%H%M%S"), kind.tag()),
            taken,
            kind,
            bytes: 1,
        }
    }

    #[test]
    fn names_parse_back() {
        let (taken, kind) = parse_name("20250102T103000-before-restore").unwrap();
        assert_eq!(kind, BackupKind::BeforeRestore);
        assert_eq!(taken.to_string(), "2025-01-02 10:30:00");
        assert_eq!(
            parse_name("20250102T103000-auto-2").map(|p| p.1),
            Some(BackupKind::Auto)
        );
        assert_eq!(parse_name(".tmp-20250102T103000-auto"), None);
        assert_eq!(parse_name("20250102T103000-automatic"), None);
        assert_eq!(parse_name("notes"), None);
    }

    #[test]
    fn retention_keeps_recent_daily_and_weekly_copies_and_is_bounded() {
        // A year of study: eight automatic backups a day, and a restore now and then.
        let mut list = Vec::new();
        let start: NaiveDate = "2025-01-01".parse().unwrap();
        for d in 0..365 {
            let day = (start + chrono::Days::new(d)).to_string();
            for hour in 9..17 {
                list.push(info(&day, hour, BackupKind::Auto));
            }
            if d % 30 == 0 {
                list.push(info(&day, 20, BackupKind::BeforeRestore));
            }
        }
        list.sort_by_key(|b| std::cmp::Reverse(b.taken));
        let keep = retained(&list);
        assert!(keep.len() <= KEEP_RECENT + KEEP_DAILY + KEEP_WEEKLY + 3 * KEEP_SAFETY);
        // The newest six, and the last backup of each of the last seven days.
        for b in list
            .iter()
            .filter(|b| b.kind == BackupKind::Auto)
            .take(KEEP_RECENT)
        {
            assert!(keep.contains(&b.name));
        }
        for d in 0..KEEP_DAILY as u64 {
            let day = (start + chrono::Days::new(364 - d)).to_string();
            assert!(
                keep.contains(&info(&day, 16, BackupKind::Auto).name),
                "{day}"
            );
        }
        // Eight weeks back, one per week; nothing older.
        let oldest_kept = list
            .iter()
            .filter(|b| b.kind == BackupKind::Auto && keep.contains(&b.name))
            .map(|b| b.taken)
            .min()
            .unwrap();
        let newest = list[0].taken;
        assert!((newest - oldest_kept).num_days() < 8 * 7 + 7);
        assert!((newest - oldest_kept).num_days() > 6 * 7);
        assert_eq!(
            list.iter()
                .filter(|b| b.kind == BackupKind::BeforeRestore && keep.contains(&b.name))
                .count(),
            KEEP_SAFETY
        );
    }

    #[test]
    fn backups_copy_changed_files_and_restore_them_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        let t0 = DateTime::from_timestamp(1_750_000_000, 0).unwrap();
        fs::write(p.join(PROFILE_FILE), "profile").unwrap();
        fs::write(p.join(PROGRESS_FILE), "v1").unwrap();
        let first = make_backup(p, BackupKind::Auto, t0).unwrap().unwrap();
        // Nothing changed: no new automatic backup.
        assert_eq!(make_backup(p, BackupKind::Auto, t0).unwrap(), None);
        fs::write(p.join(PROGRESS_FILE), "v2").unwrap();
        fs::write(p.join(NOTES_FILE), "notes").unwrap();
        let second = make_backup(p, BackupKind::Auto, t0).unwrap().unwrap();
        assert_ne!(first, second, "same second, still a new name");
        let list = list_backups(p);
        assert_eq!(list.len(), 2);
        assert_eq!(copies_of(p, NOTES_FILE).len(), 1);

        restore_files(p, &first).unwrap();
        assert_eq!(fs::read_to_string(p.join(PROGRESS_FILE)).unwrap(), "v1");
        assert!(
            !p.join(NOTES_FILE).exists(),
            "notes taken after the backup go"
        );
        assert_eq!(fs::read_to_string(p.join(PROFILE_FILE)).unwrap(), "profile");
        assert!(matches!(
            restore_files(p, "nonsense"),
            Err(BackupError::NotFound(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn log_segments_are_backed_up_shared_when_unchanged_and_restored() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        let t0 = DateTime::from_timestamp(1_750_000_000, 0).unwrap();
        fs::write(p.join(PROGRESS_FILE), "progress").unwrap();
        fs::write(p.join("attempts-0000.ron"), "full segment").unwrap();
        fs::write(p.join("attempts-0001.ron"), "open segment").unwrap();
        let first = make_backup(p, BackupKind::Auto, t0).unwrap().unwrap();
        fs::write(p.join("attempts-0001.ron"), "open segment, longer").unwrap();
        fs::write(p.join("attempts-0002.ron"), "new segment").unwrap();
        let second = make_backup(p, BackupKind::Auto, t0).unwrap().unwrap();
        let root = backups_dir(p);
        let sealed = |name: &str| {
            fs::metadata(root.join(name).join("attempts-0000.ron"))
                .unwrap()
                .ino()
        };
        assert_eq!(
            sealed(&first),
            sealed(&second),
            "the full segment is shared"
        );
        assert_eq!(
            files_in(&root.join(&second)),
            [
                PROGRESS_FILE,
                "attempts-0000.ron",
                "attempts-0001.ron",
                "attempts-0002.ron"
            ]
        );
        restore_files(p, &first).unwrap();
        assert_eq!(
            fs::read_to_string(p.join("attempts-0001.ron")).unwrap(),
            "open segment"
        );
        assert!(!p.join("attempts-0002.ron").exists(), "later segments go");
    }
}
