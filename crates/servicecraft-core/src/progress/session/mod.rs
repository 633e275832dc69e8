//! An open profile: its data in memory, the lock that keeps a second copy of the app out, and the
//! background saver. Changes are recorded here and written within seconds without stalling the
//! UI; damaged files are recovered from backups when the profile opens; backups are taken as the
//! learner studies. This file holds the documents and their dirty tracking; opening (with
//! recovery and restore), saving, legacy adoption and the rescue on close live beside it.

mod legacy;
mod open;
mod rescue;
mod saving;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use thiserror::Error;

use super::backup::{BackupError, BackupInfo};
use super::dates;
use super::labs::{LABS_FILE, LabStates};
use super::lock::{LockError, ProfileLock};
use super::migrate::Versioned;
use super::notes::{NOTES_FILE, Notes};
use super::profile::{PROFILE_FILE, PROFILE_SETTINGS_FILE, Profile, ProfileSettings};
use super::record::{Attempt, LoggedAttempt, PROGRESS_FILE, Progress, segment_file};
use super::recovery::Notice;
use super::saver::Saver;
use crate::clock::Clock;
use crate::model::study::StudyState;
use crate::store::Filesystem;

pub use super::log_files::read_log;

/// `study.ron`: reviews, mistakes, favourites, exercise and role-play results.
pub const STUDY_FILE: &str = "study.ron";

impl Versioned for StudyState {
    const VERSION: u32 = crate::model::study::STUDY_VERSION;

    fn migrate(version: u32, text: &str) -> Result<Self, String> {
        Self::migrate_from(version, text)
    }
}

/// The documents of a profile: six files, and the attempt log kept in segment files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Doc {
    Profile,
    Settings,
    Progress,
    Notes,
    Study,
    Attempts,
    /// `labs.ron`: the learner's copies of the CRM labs.
    Labs,
}

impl Doc {
    pub const ALL: [Self; 7] = [
        Self::Profile,
        Self::Settings,
        Self::Progress,
        Self::Notes,
        Self::Study,
        Self::Attempts,
        Self::Labs,
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
            Self::Labs => LABS_FILE,
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
    /// Where saves are written: the real disk, or one with an injected fault (tests).
    pub filesystem: Filesystem,
}

impl Default for SessionOptions {
    fn default() -> Self {
        Self {
            note_idle: Duration::from_millis(1000),
            note_max_delay: Duration::from_millis(1500),
            backup_every: Duration::from_secs(30 * 60),
            filesystem: Filesystem::REAL,
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
    /// Where the session's moments come from: the app's clock.
    clock: Arc<dyn Clock>,
    profile: Arc<Profile>,
    settings: Arc<ProfileSettings>,
    progress: Arc<Progress>,
    notes: Arc<Notes>,
    study: Arc<StudyState>,
    /// Counts every change to the study state, typing included (which [`Self::generation`]
    /// leaves out until it is saved), for caching what screens draw from it.
    study_edits: u64,
    labs: Arc<LabStates>,
    docs: [DocState; 7],
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

impl ProfileSession {
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

    /// The learner's copies of the CRM labs (`labs.ron`).
    pub fn labs(&self) -> &LabStates {
        &self.labs
    }

    /// Changes the learner's lab copies through `change`, which returns whether it changed
    /// anything; saved with the next tick. Nothing for a file from a newer version.
    pub fn update_labs(&mut self, change: impl FnOnce(&mut LabStates) -> bool) -> bool {
        if !self.writable(Doc::Labs) {
            return false;
        }
        let changed = change(Arc::make_mut(&mut self.labs));
        if changed {
            self.touch(Doc::Labs);
        }
        changed
    }

    /// "Reset this lab": writes what is pending, backs the profile up (`before-reset`), then
    /// forgets the learner's copy of the lab so it opens from the seed again. Blocks while it
    /// copies, as a restore does: the learner asked for it and waits. Returns the backup's name;
    /// nothing changes when the backup fails.
    pub fn reset_lab(&mut self, pack: &str, lab: &str) -> Result<Option<String>, SessionError> {
        if !self.writable(Doc::Labs) {
            return Err(SessionError::Unsaved(format!(
                "{LABS_FILE} is from a newer version"
            )));
        }
        if !self.flush(Duration::from_secs(10)) {
            let SaveStatus::Failing { error, .. } = self.status() else {
                return Err(SessionError::Unsaved("timed out".to_owned()));
            };
            return Err(SessionError::Unsaved(error));
        }
        let now = self.clock.now();
        let name =
            super::backup::make_backup(&self.dir, super::backup::BackupKind::BeforeReset, now)?;
        if Arc::make_mut(&mut self.labs).forget(pack, lab) {
            self.touch(Doc::Labs);
        }
        self.refresh_backups();
        Ok(name)
    }

    /// Puts a loaded progress and attempt log in place. A log from a version 1 progress file
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
    /// Replaces the study state.
    pub fn set_study(&mut self, study: StudyState) {
        if !self.writable(Doc::Study) || *self.study == study {
            return;
        }
        self.study = Arc::new(study);
        self.study_edits += 1;
        self.touch(Doc::Study);
    }

    /// Changes the study state in place (copy-on-write: cloned only while the saver still holds
    /// the previous one) and saves it with the next tick. The session is the one owner of the
    /// study state: the app changes it only through here and [`Self::edit_study`].
    pub fn update_study(&mut self, change: impl FnOnce(&mut StudyState)) {
        self.edit_study(change);
        self.save_study();
    }

    /// Changes the study state without saving it yet: text being typed, saved by
    /// [`Self::save_study`] once the typing pauses.
    pub fn edit_study(&mut self, change: impl FnOnce(&mut StudyState)) {
        change(Arc::make_mut(&mut self.study));
        self.study_edits += 1;
    }

    /// A number that changes with every change to the study state, typing included: the key
    /// for a copy derived from it (the study state scoped to the open pack).
    pub fn study_version(&self) -> u64 {
        self.study_edits
    }

    /// Saves the study state with the next tick (after [`Self::edit_study`]); nothing for a file
    /// from a newer version, which is never overwritten.
    pub fn save_study(&mut self) {
        if self.writable(Doc::Study) {
            self.touch(Doc::Study);
        }
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

    /// Records one answer in both places it counts, in one call so they never disagree: the
    /// attempt log (dashboard, results export) and the study state (reviews, mistakes, scores),
    /// changed by `study`.
    pub fn record_answer(
        &mut self,
        item_id: &str,
        pack: &str,
        attempt: Attempt,
        study: impl FnOnce(&mut StudyState),
    ) {
        self.record_attempt(item_id, pack, attempt);
        self.update_study(study);
    }

    /// [`Self::record_answer`] with the certainty the learner gave with the answer (确定 / 不太确定
    /// / 猜的), kept in the log beside the attempt.
    pub fn record_answer_with(
        &mut self,
        item_id: &str,
        pack: &str,
        attempt: Attempt,
        certainty: Option<crate::model::evidence::Certainty>,
        study: impl FnOnce(&mut StudyState),
    ) {
        if !self.writable(Doc::Attempts) {
            log::warn!("the attempt log is read-only this session");
        }
        let new_day = Arc::make_mut(&mut self.progress)
            .record_attempt_with(item_id, pack, attempt, certainty);
        if self.writable(Doc::Attempts) {
            self.touch(Doc::Attempts);
        }
        if new_day && self.writable(Doc::Progress) {
            self.touch(Doc::Progress);
        }
        self.update_study(study);
    }

    /// The progress and study state as shared snapshots, for work on another thread (the
    /// readiness figures): cloning the `Arc`s copies nothing; a later change copies on write.
    pub fn snapshot(&self) -> (Arc<Progress>, Arc<StudyState>) {
        (Arc::clone(&self.progress), Arc::clone(&self.study))
    }

    /// Appends an attempt at `item_id` of pack `pack` to the log. Only the log's newest segment
    /// is saved for it, and `progress.ron` when the answer starts a new study day.
    pub fn record_attempt(&mut self, item_id: &str, pack: &str, attempt: Attempt) {
        self.record_logged(LoggedAttempt {
            item: item_id.to_owned(),
            pack: pack.to_owned(),
            attempt,
            certainty: None,
            exam: None,
        });
    }

    /// [`Self::record_answer`] for an attempt with more to log than its item and pack (the mock
    /// exam it was given in).
    pub fn record_logged_answer(
        &mut self,
        logged: LoggedAttempt,
        study: impl FnOnce(&mut StudyState),
    ) {
        self.record_logged(logged);
        self.update_study(study);
    }

    /// Appends `logged` to the log, saving as [`Self::record_attempt`] does.
    pub fn record_logged(&mut self, logged: LoggedAttempt) {
        if !self.writable(Doc::Attempts) {
            // A log from a newer ServiceCraft is left alone; the answer still counts on screen.
            log::warn!("the attempt log is read-only this session");
        }
        let new_day = Arc::make_mut(&mut self.progress).record_logged(logged);
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
}

impl Drop for ProfileSession {
    fn drop(&mut self) {
        if let Err(rescue) = self.close(Duration::from_secs(5)) {
            log::error!("some changes could only be saved to {}", rescue.display());
        }
    }
}
