//! The attempt log's files: the segment files of a profile found, read in parallel (recovering
//! damaged ones from backups), and read without changing anything for the results export.

use std::path::{Path, PathBuf};

use super::backup;
use super::migrate::load_versioned;
use super::record::{
    AttemptSegment, LoggedAttempt, PROGRESS_FILE, Progress, SEGMENT_LEN, segment_file,
    segment_index,
};
use super::recovery::{Notice, Recovered, load_or_recover};

/// The attempt log read from its segment files.
pub(crate) struct LoadedLog {
    pub(crate) attempts: Vec<LoggedAttempt>,
    pub(crate) writable: bool,
    /// False when segments were missing, short or recovered: the whole log is then written
    /// again so every segment holds exactly its share.
    pub(crate) regular: bool,
    /// Every segment file found, for removing those past the end after a rewrite.
    pub(crate) files: Vec<PathBuf>,
    pub(crate) notices: Vec<Notice>,
}

/// The log segments in `dir`, in order.
pub(crate) fn segment_files(dir: &Path) -> Vec<(usize, PathBuf)> {
    let mut files: Vec<(usize, PathBuf)> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|entry| {
                    let name = entry.file_name();
                    let index = segment_index(name.to_str()?)?;
                    Some((index, entry.path()))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// `f` applied to each of `inputs` on every core (in order). The results of a worker that
/// panicked are missing: a panic while parsing would be a bug in the parser, and those segments
/// are then treated as unreadable rather than take the app down.
fn on_every_core<I: Sync, R: Send>(inputs: &[I], f: impl Fn(&I) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let per_thread = inputs.len().div_ceil(threads).max(1);
    let f = &f;
    std::thread::scope(|scope| {
        let workers: Vec<_> = inputs
            .chunks(per_thread)
            .map(|chunk| scope.spawn(move || chunk.iter().map(f).collect::<Vec<R>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                worker.join().unwrap_or_else(|_| {
                    log::error!("a log segment reader failed");
                    Vec::new()
                })
            })
            .collect()
    })
}

pub(crate) fn load_log(dir: &Path, stamp: &str) -> LoadedLog {
    let files = segment_files(dir);
    let mut log = LoadedLog {
        attempts: Vec::new(),
        writable: true,
        regular: true,
        files: files.iter().map(|(_, path)| path.clone()).collect(),
        notices: Vec::new(),
    };
    let last = files.len().saturating_sub(1);
    // Parsing is most of opening a long history: the segments are read on every core.
    let segments: Vec<Recovered<AttemptSegment>> = on_every_core(&files, |(index, path)| {
        match load_versioned::<AttemptSegment>(path) {
            Ok(loaded) => Recovered {
                value: loaded.value,
                writable: true,
                migrated_from: loaded.migrated_from,
                notice: None,
            },
            // Backups are only listed for a segment that needs one: listing them for each of
            // fifty segments was most of opening a profile.
            Err(_) => {
                let copies = backup::copies_of(dir, &segment_file(*index));
                load_or_recover(path, &copies, stamp, AttemptSegment::default)
            }
        }
    });
    if segments.len() != files.len() {
        log.writable = false;
    }
    for ((position, (index, _)), segment) in files.iter().enumerate().zip(segments) {
        log.writable &= segment.writable;
        log.regular &= segment.notice.is_none()
            && *index == position
            && (position == last || segment.value.attempts.len() == SEGMENT_LEN);
        log.notices.extend(segment.notice);
        log.attempts.extend(segment.value.attempts);
    }
    log
}

/// The attempt log of the profile in `dir`, read without changing anything (for the results
/// export, which may read a profile another copy of the app has open). Damaged segments are
/// skipped with a warning; a profile last saved by version 1 has its attempts in `progress.ron`.
pub fn read_log(dir: &Path) -> Vec<LoggedAttempt> {
    let mut log = match load_versioned::<Progress>(&dir.join(PROGRESS_FILE)) {
        Ok(mut loaded) => loaded.value.take_log(),
        Err(_) => Vec::new(),
    };
    // Read on every core, as when a profile is opened: parsing is most of the time.
    let segments = on_every_core(&segment_files(dir), |(_, path)| {
        load_versioned::<AttemptSegment>(path).map_err(|err| (path.clone(), err))
    });
    for segment in segments {
        match segment {
            Ok(segment) => log.extend(segment.value.attempts),
            Err((path, err)) => log::warn!("skipping {}: {err}", path.display()),
        }
    }
    log
}
