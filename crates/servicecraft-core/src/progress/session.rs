//! An open profile: its data in memory, the lock that keeps a second copy of the app out, and the
//! background saver. Changes are recorded here and written within seconds without stalling the
//! UI; damaged files are recovered from backups when the profile opens; backups are taken as the
//! learner studies.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use thiserror::Error;

use super::backup::{self, BackupError, BackupInfo, BackupKind};
use super::dates;
use super::lock::{LockError, ProfileLock};
use super::migrate::{Versioned, load_versioned};
use super::notes::{NOTES_FILE, Notes};
use super::profile::{PROFILE_FILE, PROFILE_SETTINGS_FILE, Profile, ProfileSettings, profiles_dir};
use super::record::{
    Attempt, AttemptSegment, LoggedAttempt, PROGRESS_FILE, Progress, SEGMENT_LEN, encode_segment,
    segment_file, segment_index,
};
use super::recovery::{Notice, Recovered, load_or_recover};
use super::saver::{SaveEvent, Saver, Waker};
use crate::model::study::StudyState;
use crate::store::{remove_stale_temporaries, save_atomic};

/// `study.ron`: reviews, mistakes, favourites, exercise and role-play results.
pub const STUDY_FILE: &str = "study.ron";

impl Versioned for StudyState {
    const VERSION: u32 = crate::model::study::STUDY_VERSION;

    fn migrate(version: u32, text: &str) -> Result<Self, String> {
        Self::migrate_from(version, text)
    }
}

/// The documents of a profile: five files, and the attempt log kept in segment files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Doc {
    Profile,
    Settings,
    Progress,
    Notes,
    Study,
    Attempts,
}

impl Doc {
    pub const ALL: [Self; 6] = [
        Self::Profile,
        Self::Settings,
        Self::Progress,
        Self::Notes,
        Self::Study,
        Self::Attempts,
    ];

    /// The file name; for the attempt log, the pattern of its segments' names.
    pub fn file(self) -> &'static str {
        match self {
            Self::Profile => PROFILE_FILE,
            Self::Settings => PROFILE_SETTINGS_FILE,
            Self::Progress => PROGRESS_FILE,
            Self::Notes => NOTES_FILE,
            Self::Study => STUDY_FILE,
            Self::Attempts => "attempts-NNNN.ron",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Timings of saving and backups; tests shorten them.
#[derive(Clone, Copy, Debug)]
pub struct SessionOptions {
    /// Notes are saved once typing has paused this long…
    pub note_idle: Duration,
    /// …or, during continuous typing, at the latest this long after the first unsaved change,
    /// so a crash loses at most the last couple of seconds.
    pub note_max_delay: Duration,
    /// Study time between automatic backups (only taken when something changed).
    pub backup_every: Duration,
}

impl Default for SessionOptions {
    fn default() -> Self {
        Self {
            note_idle: Duration::from_millis(1000),
            note_max_delay: Duration::from_millis(1500),
            backup_every: Duration::from_secs(30 * 60),
        }
    }
}

#[derive(Debug, Error)]
pub enum SessionError {
    #[error(transparent)]
    Locked(#[from] LockError),
    #[error("the profile folder {path} is missing or unreadable: {source}")]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Backup(#[from] BackupError),
    #[error("backup {name} cannot be restored: {message}")]
    BadBackup { name: String, message: String },
    #[error("pending changes could not be written first: {0}")]
    Unsaved(String),
    #[error(transparent)]
    Profile(#[from] super::profile::ProfileError),
}

/// Whether the learner's changes are on disk.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Everything is written.
    Saved,
    /// Changes are waiting to be written (normally for a second or two).
    Pending,
    /// Writing failed; the data is kept in memory and retried.
    Failing { file: PathBuf, error: String },
}

#[derive(Clone, Debug)]
struct DocState {
    /// Bumped on every change.
    generation: u64,
    /// The last generation handed to the saver.
    submitted: u64,
    /// The last generation confirmed on disk.
    saved: u64,
    /// When the oldest change not yet handed to the saver was made.
    first_change: Option<Instant>,
    last_change: Instant,
    /// False for a file from a newer version (or unreadable): it is never overwritten.
    writable: bool,
    error: Option<String>,
}

impl DocState {
    fn new(writable: bool) -> Self {
        Self {
            generation: 0,
            submitted: 0,
            saved: 0,
            first_change: None,
            last_change: Instant::now(),
            writable,
            error: None,
        }
    }
}

struct BackupClock {
    /// Study time since the last automatic backup.
    used: Duration,
    last_tick: Instant,
    changed: bool,
    /// The local day of the last automatic backup check.
    day: NaiveDate,
}

pub struct ProfileSession {
    dir: PathBuf,
    folder: String,
    options: SessionOptions,
    profile: Arc<Profile>,
    settings: Arc<ProfileSettings>,
    progress: Arc<Progress>,
    notes: Arc<Notes>,
    study: Arc<StudyState>,
    docs: [DocState; 6],
    /// How much of the attempt log has been handed to the saver; segments from the one holding
    /// this position onwards are written on the next save.
    log_submitted: usize,
    /// Log segments handed to the saver and not yet confirmed, with their generation.
    segments_pending: std::collections::BTreeMap<PathBuf, u64>,
    /// Segment files past the end of the log (after a damaged log was rewritten), removed once
    /// the log is saved.
    stale_segments: Vec<PathBuf>,
    notices: Vec<Notice>,
    backups: Vec<BackupInfo>,
    backup_clock: BackupClock,
    last_backup_error: Option<String>,
    // Dropped in this order: the saver writes what is pending, then the lock is released.
    saver: Option<Saver>,
    lock: Option<ProfileLock>,
}

/// The documents as read from disk, with what had to be done to them.
struct LoadedDocs {
    profile: Recovered<Profile>,
    settings: Recovered<ProfileSettings>,
    progress: Recovered<Progress>,
    notes: Recovered<Notes>,
    study: Recovered<StudyState>,
    log: LoadedLog,
}

impl LoadedDocs {
    fn migrated(&self) -> [Option<u32>; 6] {
        [
            self.profile.migrated_from,
            self.settings.migrated_from,
            self.progress.migrated_from,
            self.notes.migrated_from,
            self.study.migrated_from,
            None,
        ]
    }

    fn writable(&self) -> [bool; 6] {
        [
            self.profile.writable,
            self.settings.writable,
            self.progress.writable,
            self.notes.writable,
            self.study.writable,
            self.log.writable,
        ]
    }

    fn take_notices(&mut self) -> Vec<Notice> {
        [
            self.profile.notice.take(),
            self.settings.notice.take(),
            self.progress.notice.take(),
            self.notes.notice.take(),
            self.study.notice.take(),
        ]
        .into_iter()
        .flatten()
        .chain(self.log.notices.drain(..))
        .collect()
    }
}

/// The attempt log read from its segment files.
struct LoadedLog {
    attempts: Vec<LoggedAttempt>,
    writable: bool,
    /// False when segments were missing, short or recovered: the whole log is then written
    /// again so every segment holds exactly its share.
    regular: bool,
    /// Every segment file found, for removing those past the end after a rewrite.
    files: Vec<PathBuf>,
    notices: Vec<Notice>,
}

/// The log segments in `dir`, in order.
fn segment_files(dir: &Path) -> Vec<(usize, PathBuf)> {
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

fn load_log(dir: &Path, stamp: &str) -> LoadedLog {
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
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let per_thread = files.len().div_ceil(threads).max(1);
    let segments: Vec<Recovered<AttemptSegment>> = std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(per_thread)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(
                            |(index, path)| match load_versioned::<AttemptSegment>(path) {
                                Ok(loaded) => Recovered {
                                    value: loaded.value,
                                    writable: true,
                                    migrated_from: loaded.migrated_from,
                                    notice: None,
                                },
                                // Backups are only listed for a segment that needs one: listing
                                // them for each of fifty segments was most of opening a profile.
                                Err(_) => {
                                    let copies = backup::copies_of(dir, &segment_file(*index));
                                    load_or_recover(path, &copies, stamp, AttemptSegment::default)
                                }
                            },
                        )
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                worker.join().unwrap_or_else(|_| {
                    // A panic while parsing would be a bug in the parser; treat those segments
                    // as unreadable rather than take the app down.
                    log::error!("a log segment reader failed");
                    Vec::new()
                })
            })
            .collect()
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

fn load_docs(dir: &Path, folder: &str, now: DateTime<Utc>) -> LoadedDocs {
    let stamp = dates::file_stamp(now);
    let load = |doc: Doc| (dir.join(doc.file()), backup::copies_of(dir, doc.file()));
    let (path, copies) = load(Doc::Profile);
    let profile = load_or_recover(&path, &copies, &stamp, || Profile::new(folder, None, now));
    let (path, copies) = load(Doc::Settings);
    let settings = load_or_recover(&path, &copies, &stamp, ProfileSettings::default);
    let (path, copies) = load(Doc::Progress);
    let progress = load_or_recover(&path, &copies, &stamp, Progress::default);
    let (path, copies) = load(Doc::Notes);
    let notes = load_or_recover(&path, &copies, &stamp, Notes::default);
    let (path, copies) = load(Doc::Study);
    let study = load_or_recover(&path, &copies, &stamp, StudyState::default);
    let log = load_log(dir, &stamp);
    LoadedDocs {
        profile,
        settings,
        progress,
        notes,
        study,
        log,
    }
}

impl ProfileSession {
    /// Opens the profile in `data_dir/profiles/folder`: takes the lock (or reports who has it),
    /// reads the files, recovering damaged ones from backups, and starts the saver.
    pub fn open(
        data_dir: &Path,
        folder: &str,
        options: SessionOptions,
        waker: Option<Waker>,
    ) -> Result<Self, SessionError> {
        let dir = profiles_dir(data_dir).join(folder);
        std::fs::metadata(&dir).map_err(|source| SessionError::Folder {
            path: dir.clone(),
            source,
        })?;
        let lock = ProfileLock::acquire(&dir)?;
        // We hold the lock: any temporary file here was left by a copy that was killed.
        let removed = remove_stale_temporaries(&dir);
        if removed > 0 {
            log::info!(
                "removed {removed} unfinished temporary files in {}",
                dir.display()
            );
        }
        let now = dates::now();
        let mut loaded = load_docs(&dir, folder, now);
        let migrated = loaded.migrated();
        if migrated.iter().any(Option::is_some) {
            // Keep the files exactly as the older version wrote them before converting them.
            if let Err(err) = backup::make_backup(&dir, BackupKind::BeforeUpgrade, now) {
                log::error!("cannot back up before converting old files: {err}");
            }
        }
        let notices = loaded.take_notices();
        let writable = loaded.writable();
        let mut session = Self {
            folder: folder.to_owned(),
            options,
            profile: Arc::new(loaded.profile.value),
            settings: Arc::new(loaded.settings.value),
            progress: Arc::new(Progress::default()),
            notes: Arc::new(loaded.notes.value),
            study: Arc::new(loaded.study.value),
            docs: writable.map(DocState::new),
            log_submitted: 0,
            segments_pending: std::collections::BTreeMap::new(),
            stale_segments: Vec::new(),
            notices,
            backups: Vec::new(),
            backup_clock: BackupClock {
                used: Duration::ZERO,
                last_tick: Instant::now(),
                changed: false,
                day: dates::local_day(now),
            },
            last_backup_error: None,
            saver: Some(Saver::start(folder, waker)),
            lock: Some(lock),
            dir,
        };
        session.install_log(loaded.progress.value, loaded.log);
        // A recovered or converted document is written back in the current format at once.
        for (doc, migrated) in Doc::ALL.into_iter().zip(migrated) {
            let recovered = session
                .notices
                .iter()
                .any(|n| n.file() == session.dir.join(doc.file()));
            if (migrated.is_some() || recovered) && session.writable(doc) {
                session.touch(doc);
            }
        }
        // The first start of a day keeps a copy of the files as they were (if they changed
        // since the newest backup).
        let newest_day = backup::list_backups(&session.dir)
            .first()
            .map(|b| b.taken.date());
        if newest_day != Some(session.backup_clock.day) {
            session.queue_backup(BackupKind::Auto);
        } else {
            session.refresh_backups();
        }
        Ok(session)
    }

    pub fn folder(&self) -> &str {
        &self.folder
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    pub fn settings(&self) -> &ProfileSettings {
        &self.settings
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    pub fn notes(&self) -> &Notes {
        &self.notes
    }

    pub fn study(&self) -> &StudyState {
        &self.study
    }

    /// Puts a loaded progress and attempt log in place. A log from a version 1 progress file
    /// comes first (it predates segments); an irregular log is written out again in full.
    fn install_log(&mut self, mut progress: Progress, log: LoadedLog) {
        let mut attempts = progress.take_log();
        let migrated = !attempts.is_empty();
        attempts.extend(log.attempts);
        progress.set_log(attempts);
        let len = progress.attempt_count();
        self.progress = Arc::new(progress);
        if migrated || !log.regular {
            self.log_submitted = 0;
            let keep = self.progress.segment_count();
            self.stale_segments = log
                .files
                .into_iter()
                .filter(|path| {
                    path.file_name()
                        .and_then(|n| n.to_str())
                        .and_then(segment_index)
                        .is_none_or(|i| i >= keep)
                })
                .collect();
            if self.writable(Doc::Attempts) {
                self.touch(Doc::Attempts);
            }
        } else {
            self.log_submitted = len;
        }
    }

    /// Removes every attempt at pack `pack_id` from the log (when the pack is removed with its
    /// records); the whole log is then written again.
    pub fn forget_pack_attempts(&mut self, pack_id: &str) {
        if !self.writable(Doc::Attempts) || !self.progress.log().any(|l| l.pack == pack_id) {
            return;
        }
        let before = self.progress.segment_count();
        let progress = Arc::make_mut(&mut self.progress);
        let log: Vec<LoggedAttempt> = progress
            .take_log()
            .into_iter()
            .filter(|l| l.pack != pack_id)
            .collect();
        progress.set_log(log);
        let keep = self.progress.segment_count();
        self.stale_segments
            .extend((keep..before).map(|i| self.dir.join(segment_file(i))));
        self.log_submitted = 0;
        self.touch(Doc::Attempts);
    }

    /// The first release kept one learner's study state and graded attempts beside the
    /// profiles, in `data_dir`; the first profile takes them over, and the old files are renamed
    /// `NAME.moved-to-profile` so they are not taken twice. A file that cannot be read stays
    /// where it is and is logged.
    pub fn adopt_legacy_files(&mut self, data_dir: &Path) {
        let study_path = data_dir.join(STUDY_FILE);
        match crate::store::load_ron::<StudyState>(&study_path) {
            Ok(study) => {
                self.set_study(StudyState {
                    format_version: crate::model::study::STUDY_VERSION,
                    ..study
                });
                retire_legacy_file(&study_path);
            }
            Err(crate::store::LoadError::Missing { .. }) => {}
            Err(err) => log::error!("{err}; the earlier study record stays where it is"),
        }
        let attempts_path = data_dir.join(super::export::LEGACY_ATTEMPTS_FILE);
        match crate::store::load_ron::<Vec<super::export::AttemptRow>>(&attempts_path) {
            Ok(rows) => {
                for row in rows {
                    self.record_attempt(
                        &row.item_id,
                        &row.pack_id,
                        Attempt {
                            started: row.started,
                            finished: row.finished,
                            answer: row.answer,
                            score: row.score,
                            max: row.max,
                        },
                    );
                }
                retire_legacy_file(&attempts_path);
            }
            Err(crate::store::LoadError::Missing { .. }) => {}
            Err(err) => log::error!("{err}; the earlier attempts stay where they are"),
        }
        self.save_soon();
    }

    /// Replaces the study state (the app keeps a working copy and hands it over after each
    /// change).
    pub fn set_study(&mut self, study: StudyState) {
        if !self.writable(Doc::Study) || *self.study == study {
            return;
        }
        self.study = Arc::new(study);
        self.touch(Doc::Study);
    }

    /// Whether `doc` can be changed this session (false for a file from a newer version).
    pub fn writable(&self, doc: Doc) -> bool {
        self.docs[doc.index()].writable
    }

    /// A number that changes whenever the progress, the attempt log or the study state does,
    /// for caching what is derived from them (the dashboard). Each part only counts up, so the
    /// sum changes with any of them.
    pub fn generation(&self) -> u64 {
        [Doc::Progress, Doc::Attempts, Doc::Study]
            .iter()
            .map(|doc| self.docs[doc.index()].generation)
            .sum()
    }

    /// Problems found when the profile was opened; the app shows them once.
    pub fn take_notices(&mut self) -> Vec<Notice> {
        std::mem::take(&mut self.notices)
    }

    pub fn backups(&self) -> &[BackupInfo] {
        &self.backups
    }

    pub fn last_backup_error(&self) -> Option<&str> {
        self.last_backup_error.as_deref()
    }

    fn touch(&mut self, doc: Doc) {
        let state = &mut self.docs[doc.index()];
        let now = Instant::now();
        state.generation += 1;
        state.last_change = now;
        state.first_change.get_or_insert(now);
        self.backup_clock.changed = true;
    }

    /// Changes the progress through `change`, which returns whether it changed anything.
    pub fn update_progress(&mut self, change: impl FnOnce(&mut Progress) -> bool) -> bool {
        if !self.writable(Doc::Progress) {
            return false;
        }
        // Copy-on-write: clones only if the saver still holds the previous snapshot.
        let changed = change(Arc::make_mut(&mut self.progress));
        if changed {
            self.touch(Doc::Progress);
        }
        changed
    }

    /// Appends an attempt at `item_id` of pack `pack` to the log. Only the log's newest segment
    /// is saved for it, and `progress.ron` when the answer starts a new study day.
    pub fn record_attempt(&mut self, item_id: &str, pack: &str, attempt: Attempt) {
        if !self.writable(Doc::Attempts) {
            // A log from a newer ServiceCraft is left alone; the answer still counts on screen.
            log::warn!("the attempt log is read-only this session");
        }
        let new_day = Arc::make_mut(&mut self.progress).record_attempt(item_id, pack, attempt);
        if self.writable(Doc::Attempts) {
            self.touch(Doc::Attempts);
        }
        if new_day && self.writable(Doc::Progress) {
            self.touch(Doc::Progress);
        }
    }

    pub fn set_lesson_done(&mut self, lesson_id: &str, done: bool) -> bool {
        self.update_progress(|p| p.set_lesson_done(lesson_id, done))
    }

    /// Records today as a study day (opening a lesson, answering, writing a note).
    pub fn mark_studied(&mut self, now: DateTime<Utc>) {
        let day = dates::local_day(now);
        if !self.progress.study_days.contains(&day) {
            self.update_progress(|p| p.mark_study_day(day));
        }
    }

    /// Sets the note of a lesson or item. Returns whether it changed.
    pub fn set_note(&mut self, id: &str, text: &str, now: DateTime<Utc>) -> bool {
        if !self.writable(Doc::Notes) || self.notes.text(id) == text {
            return false;
        }
        let changed = Arc::make_mut(&mut self.notes).set(id, text, now);
        if changed {
            self.touch(Doc::Notes);
            self.mark_studied(now);
        }
        changed
    }

    pub fn update_settings(&mut self, change: impl FnOnce(&mut ProfileSettings)) {
        if !self.writable(Doc::Settings) {
            return;
        }
        let mut next = (*self.settings).clone();
        change(&mut next);
        if next != *self.settings {
            self.settings = Arc::new(next);
            self.touch(Doc::Settings);
        }
    }

    /// Hands every changed document to the saver now (on lesson switch), without waiting.
    pub fn save_soon(&mut self) {
        for doc in Doc::ALL {
            self.submit(doc);
        }
    }

    fn submit(&mut self, doc: Doc) {
        let state = &self.docs[doc.index()];
        if !state.writable || state.generation == state.submitted {
            return;
        }
        let generation = state.generation;
        let path = self.dir.join(doc.file());
        let Some(saver) = &self.saver else {
            return;
        };
        let sent = match doc {
            Doc::Profile => saver.save_ron(path, generation, Arc::clone(&self.profile)),
            Doc::Settings => saver.save_ron(path, generation, Arc::clone(&self.settings)),
            // A copy without the log: the live progress is then never shared with the saver, so
            // recording an attempt never has to copy the whole history.
            Doc::Progress => saver.save_ron(path, generation, Arc::new(self.progress.file_copy())),
            Doc::Notes => saver.save_ron(path, generation, Arc::clone(&self.notes)),
            Doc::Study => saver.save_ron(path, generation, Arc::clone(&self.study)),
            Doc::Attempts => self.submit_log(generation),
        };
        let state = &mut self.docs[doc.index()];
        match sent {
            Ok(()) => {
                state.submitted = generation;
                state.first_change = None;
            }
            Err(err) => state.error = Some(err),
        }
    }

    /// Hands the log segments that changed since the last save to the saver: normally only the
    /// newest one.
    fn submit_log(&mut self, generation: u64) -> Result<(), String> {
        let Some(saver) = &self.saver else {
            return Ok(());
        };
        let len = self.progress.attempt_count();
        let first = self.log_submitted / SEGMENT_LEN;
        for index in first..self.progress.segment_count() {
            let path = self.dir.join(segment_file(index));
            let Some(chunk) = self.progress.segment_shared(index) else {
                continue;
            };
            saver.save(
                path.clone(),
                generation,
                Box::new(move || encode_segment(&chunk).map(String::into_bytes)),
            )?;
            self.segments_pending.insert(path, generation);
        }
        self.log_submitted = len;
        if !self.stale_segments.is_empty() {
            let stale = std::mem::take(&mut self.stale_segments);
            saver.run_task(
                "remove stale log segments",
                Box::new(move || {
                    for path in &stale {
                        std::fs::remove_file(path)
                            .map_err(|e| format!("{}: {e}", path.display()))?;
                    }
                    Ok(format!("removed {} segment files", stale.len()))
                }),
            )?;
        }
        Ok(())
    }

    /// Call once per frame: collects the saver's reports, hands over due changes, and takes a
    /// backup when one is due. Returns when it wants to be called again (for
    /// `request_repaint_after`), if something is waiting.
    pub fn tick(&mut self, now: Instant) -> Option<Duration> {
        self.poll_saver();
        let mut wake: Option<Duration> = None;
        for doc in Doc::ALL {
            let state = &self.docs[doc.index()];
            let Some(first) = state.first_change else {
                continue;
            };
            let due = if doc == Doc::Notes {
                (state.last_change + self.options.note_idle)
                    .min(first + self.options.note_max_delay)
            } else {
                first
            };
            if due <= now {
                self.submit(doc);
            } else {
                let wait = due - now;
                wake = Some(wake.map_or(wait, |w| w.min(wait)));
            }
        }
        // Study time, counting gaps between frames only up to a few seconds: an idle app is
        // not being studied with.
        let clock = &mut self.backup_clock;
        clock.used += now
            .saturating_duration_since(clock.last_tick)
            .min(Duration::from_secs(5));
        clock.last_tick = now;
        let today = dates::local_day(dates::now());
        if clock.changed && (clock.used >= self.options.backup_every || clock.day != today) {
            self.queue_backup(BackupKind::Auto);
        }
        if self.docs.iter().any(|d| d.error.is_some()) {
            // Keep polling so the banner clears as soon as a retry succeeds.
            wake = Some(wake.map_or(Duration::from_secs(1), |w| w.min(Duration::from_secs(1))));
        }
        wake
    }

    fn poll_saver(&mut self) {
        let Some(saver) = &self.saver else {
            return;
        };
        for event in saver.poll() {
            match event {
                SaveEvent::Saved {
                    path, generation, ..
                } => {
                    if let Some(pending) = self.segments_pending.get(&path) {
                        if generation >= *pending {
                            self.segments_pending.remove(&path);
                        }
                        let state = &mut self.docs[Doc::Attempts.index()];
                        if self.segments_pending.is_empty() {
                            state.saved = state.saved.max(state.submitted);
                            state.error = None;
                        }
                    } else if let Some(state) = self.doc_for(&path) {
                        state.saved = state.saved.max(generation);
                        state.error = None;
                    }
                }
                SaveEvent::Failed { path, error, .. } => {
                    log::error!("cannot save {}: {error}", path.display());
                    if self.segments_pending.contains_key(&path) {
                        self.docs[Doc::Attempts.index()].error = Some(error);
                    } else if let Some(state) = self.doc_for(&path) {
                        state.error = Some(error);
                    }
                }
                SaveEvent::TaskDone { name, result } => {
                    match result {
                        Ok(message) => {
                            log::info!("{name}: {message}");
                            self.last_backup_error = None;
                        }
                        Err(error) => {
                            log::error!("{name} failed: {error}");
                            self.last_backup_error = Some(error);
                        }
                    }
                    self.refresh_backups();
                }
            }
        }
    }

    fn doc_for(&mut self, path: &Path) -> Option<&mut DocState> {
        let doc = Doc::ALL
            .into_iter()
            .filter(|doc| *doc != Doc::Attempts)
            .find(|doc| path == self.dir.join(doc.file()))?;
        Some(&mut self.docs[doc.index()])
    }

    /// Re-reads the list of backups (after a backup, or when the backups screen opens).
    pub fn refresh_backups(&mut self) {
        self.backups = backup::list_backups(&self.dir);
    }

    /// Saves pending changes, then takes a backup of `kind` and prunes old ones, all on the saver
    /// thread so the files are consistent and the UI does not wait.
    pub fn queue_backup(&mut self, kind: BackupKind) {
        self.save_soon();
        let clock = &mut self.backup_clock;
        clock.used = Duration::ZERO;
        clock.changed = false;
        clock.day = dates::local_day(dates::now());
        let dir = self.dir.clone();
        let Some(saver) = &self.saver else {
            return;
        };
        let queued = saver.run_task(
            "backup",
            Box::new(move || {
                let made =
                    backup::make_backup(&dir, kind, dates::now()).map_err(|e| e.to_string())?;
                let pruned = backup::prune(&dir);
                Ok(match made {
                    Some(name) => format!("made {name}, removed {pruned} old backups"),
                    None => "nothing changed since the last backup".to_owned(),
                })
            }),
        );
        if let Err(err) = queued {
            self.last_backup_error = Some(err);
        }
    }

    pub fn status(&self) -> SaveStatus {
        for (doc, state) in Doc::ALL.into_iter().zip(&self.docs) {
            if let Some(error) = &state.error {
                let file = match doc {
                    Doc::Attempts => self
                        .segments_pending
                        .keys()
                        .next()
                        .cloned()
                        .unwrap_or_else(|| self.dir.join(doc.file())),
                    _ => self.dir.join(doc.file()),
                };
                return SaveStatus::Failing {
                    file,
                    error: error.clone(),
                };
            }
        }
        if self
            .docs
            .iter()
            .any(|d| d.writable && d.saved < d.generation)
        {
            SaveStatus::Pending
        } else {
            SaveStatus::Saved
        }
    }

    /// Writes everything now and waits up to `timeout`. Returns whether all is on disk.
    pub fn flush(&mut self, timeout: Duration) -> bool {
        self.save_soon();
        let done = self.saver.as_ref().is_some_and(|s| s.flush(timeout));
        self.poll_saver();
        done && self.status() == SaveStatus::Saved
    }

    /// Replaces the profile's data with backup `name`, keeping what it replaces as a
    /// `before-restore` backup, whose name is returned. Blocks while it copies: the learner asked
    /// for it and waits for the result.
    pub fn restore(&mut self, name: &str) -> Result<String, SessionError> {
        let source = backup::backups_dir(&self.dir).join(name);
        check_backup(&source).map_err(|message| SessionError::BadBackup {
            name: name.to_owned(),
            message,
        })?;
        if !self.flush(Duration::from_secs(10)) {
            let SaveStatus::Failing { error, .. } = self.status() else {
                return Err(SessionError::Unsaved("timed out".to_owned()));
            };
            return Err(SessionError::Unsaved(error));
        }
        let now = dates::now();
        let kept =
            backup::make_backup(&self.dir, BackupKind::BeforeRestore, now)?.unwrap_or_default();
        backup::restore_files(&self.dir, name)?;
        let mut loaded = load_docs(&self.dir, &self.folder, now);
        let notices = loaded.take_notices();
        let writable = loaded.writable();
        self.profile = Arc::new(loaded.profile.value);
        self.settings = Arc::new(loaded.settings.value);
        self.notes = Arc::new(loaded.notes.value);
        self.study = Arc::new(loaded.study.value);
        self.segments_pending.clear();
        for (state, writable) in self.docs.iter_mut().zip(writable) {
            // What is in memory is what is on disk: nothing to save.
            state.generation += 1;
            state.submitted = state.generation;
            state.saved = state.generation;
            state.first_change = None;
            state.writable = writable;
            state.error = None;
        }
        self.install_log(loaded.progress.value, loaded.log);
        self.notices.extend(notices);
        backup::prune(&self.dir);
        self.refresh_backups();
        Ok(kept)
    }

    /// Saves everything and closes the profile: the saver stops after writing, then the lock is
    /// released. When the disk refuses even now, the unsaved documents are written to a rescue
    /// folder in the system's temporary directory, whose path is returned.
    pub fn close(&mut self, timeout: Duration) -> Result<(), PathBuf> {
        if self.saver.is_none() {
            return Ok(());
        }
        let saved = self.flush(timeout);
        let rescued = if saved { None } else { self.rescue() };
        self.saver = None;
        self.lock = None;
        rescued.map_or(Ok(()), Err)
    }

    fn rescue(&self) -> Option<PathBuf> {
        let dir = std::env::temp_dir()
            .join("servicecraft-rescue")
            .join(format!(
                "{}-{}",
                self.folder,
                dates::file_stamp(dates::now())
            ));
        let mut any = false;
        for (doc, state) in Doc::ALL.into_iter().zip(&self.docs) {
            if !state.writable || state.saved >= state.generation {
                continue;
            }
            let files: Vec<(String, Result<String, String>)> = match doc {
                Doc::Profile => vec![(
                    doc.file().to_owned(),
                    crate::store::encode_ron(&*self.profile),
                )],
                Doc::Settings => vec![(
                    doc.file().to_owned(),
                    crate::store::encode_ron(&*self.settings),
                )],
                Doc::Progress => vec![(
                    doc.file().to_owned(),
                    crate::store::encode_ron(&self.progress.file_copy()),
                )],
                Doc::Notes => vec![(
                    doc.file().to_owned(),
                    crate::store::encode_ron(&*self.notes),
                )],
                Doc::Study => vec![(
                    doc.file().to_owned(),
                    crate::store::encode_ron(&*self.study),
                )],
                // Every segment: which of them reached the disk is not known here.
                Doc::Attempts => (0..self.progress.segment_count())
                    .map(|i| {
                        (
                            segment_file(i),
                            crate::store::encode_ron(&self.progress.segment(i)),
                        )
                    })
                    .collect(),
            };
            for (file, text) in files {
                let written = text.and_then(|t| {
                    save_atomic(&dir.join(&file), t.as_bytes()).map_err(|e| e.to_string())
                });
                match written {
                    Ok(()) => any = true,
                    Err(err) => log::error!("cannot rescue {file}: {err}"),
                }
            }
        }
        if any {
            log::error!("unsaved changes were written to {}", dir.display());
        }
        any.then_some(dir)
    }
}

impl Drop for ProfileSession {
    fn drop(&mut self) {
        if let Err(rescue) = self.close(Duration::from_secs(5)) {
            log::error!("some changes could only be saved to {}", rescue.display());
        }
    }
}

/// Renames a file taken over by a profile to `NAME.moved-to-profile`, kept for the learner to
/// delete.
fn retire_legacy_file(path: &Path) {
    let mut moved = path.as_os_str().to_owned();
    moved.push(".moved-to-profile");
    if let Err(err) = std::fs::rename(path, &moved) {
        log::error!("cannot rename {}: {err}", path.display());
    }
}

/// The attempt log of the profile in `dir`, read without changing anything (for the results
/// export, which may read a profile another copy of the app has open). Damaged segments are
/// skipped with a warning; a profile last saved by version 1 has its attempts in `progress.ron`.
pub fn read_log(dir: &Path) -> Vec<LoggedAttempt> {
    let mut log = match load_versioned::<Progress>(&dir.join(PROGRESS_FILE)) {
        Ok(mut loaded) => loaded.value.take_log(),
        Err(_) => Vec::new(),
    };
    for (_, path) in segment_files(dir) {
        match load_versioned::<AttemptSegment>(&path) {
            Ok(segment) => log.extend(segment.value.attempts),
            Err(err) => log::warn!("skipping {}: {err}", path.display()),
        }
    }
    log
}

/// A backup is restorable when every file it holds reads with this build.
fn check_backup(dir: &Path) -> Result<(), String> {
    fn check<T: Versioned>(path: &Path) -> Result<(), String> {
        match load_versioned::<T>(path) {
            Ok(_) | Err(crate::store::LoadError::Missing { .. }) => Ok(()),
            Err(err) => Err(err.to_string()),
        }
    }
    if !dir.is_dir() {
        return Err("it does not exist".to_owned());
    }
    check::<Profile>(&dir.join(PROFILE_FILE))?;
    check::<ProfileSettings>(&dir.join(PROFILE_SETTINGS_FILE))?;
    check::<Progress>(&dir.join(PROGRESS_FILE))?;
    check::<Notes>(&dir.join(NOTES_FILE))?;
    check::<StudyState>(&dir.join(STUDY_FILE))?;
    for (_, path) in segment_files(dir) {
        check::<AttemptSegment>(&path)?;
    }
    Ok(())
}
