//! Opening a profile: the lock, reading every document (recovering damaged ones from backups,
//! converting older formats), the first backup of the day, and restoring a backup in place.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use super::{
    BackupClock, Doc, DocState, ProfileSession, STUDY_FILE, SaveStatus, SessionError,
    SessionOptions,
};
use crate::clock::{Clock, SystemClock};
use crate::model::study::StudyState;
use crate::progress::backup::{self, BackupKind};
use crate::progress::dates;
use crate::progress::labs::{LABS_FILE, LabStates};
use crate::progress::lock::ProfileLock;
use crate::progress::log_files::{LoadedLog, load_log, segment_files};
use crate::progress::migrate::{Versioned, load_versioned};
use crate::progress::notes::{NOTES_FILE, Notes};
use crate::progress::profile::{
    PROFILE_FILE, PROFILE_SETTINGS_FILE, Profile, ProfileSettings, profiles_dir,
};
use crate::progress::record::{AttemptSegment, PROGRESS_FILE, Progress, segment_index};
use crate::progress::recovery::{Notice, Recovered, load_or_recover};
use crate::progress::saver::{Saver, Waker};
use crate::store::remove_stale_temporaries;

/// The documents as read from disk, with what had to be done to them.
struct LoadedDocs {
    profile: Recovered<Profile>,
    settings: Recovered<ProfileSettings>,
    progress: Recovered<Progress>,
    notes: Recovered<Notes>,
    study: Recovered<StudyState>,
    log: LoadedLog,
    labs: Recovered<LabStates>,
}

impl LoadedDocs {
    fn migrated(&self) -> [Option<u32>; 7] {
        [
            self.profile.migrated_from,
            self.settings.migrated_from,
            self.progress.migrated_from,
            self.notes.migrated_from,
            self.study.migrated_from,
            None,
            self.labs.migrated_from,
        ]
    }

    fn writable(&self) -> [bool; 7] {
        [
            self.profile.writable,
            self.settings.writable,
            self.progress.writable,
            self.notes.writable,
            self.study.writable,
            self.log.writable,
            self.labs.writable,
        ]
    }

    fn take_notices(&mut self) -> Vec<Notice> {
        [
            self.profile.notice.take(),
            self.settings.notice.take(),
            self.progress.notice.take(),
            self.notes.notice.take(),
            self.study.notice.take(),
            self.labs.notice.take(),
        ]
        .into_iter()
        .flatten()
        .chain(self.log.notices.drain(..))
        .collect()
    }
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
    let (path, copies) = load(Doc::Labs);
    let labs = load_or_recover(&path, &copies, &stamp, LabStates::default);
    LoadedDocs {
        profile,
        settings,
        progress,
        notes,
        study,
        log,
        labs,
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
        Self::open_with_clock(data_dir, folder, options, waker, Arc::new(SystemClock))
    }

    /// [`Self::open`] with the app's clock: every moment the session notes (study days,
    /// backups, file stamps, rescues) comes from it, so the app and its learner data agree.
    pub fn open_with_clock(
        data_dir: &Path,
        folder: &str,
        options: SessionOptions,
        waker: Option<Waker>,
        clock: Arc<dyn Clock>,
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
        let now = clock.now();
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
            clock,
            profile: Arc::new(loaded.profile.value),
            settings: Arc::new(loaded.settings.value),
            progress: Arc::new(Progress::default()),
            notes: Arc::new(loaded.notes.value),
            study: Arc::new(loaded.study.value),
            study_edits: 0,
            labs: Arc::new(loaded.labs.value),
            docs: writable.map(DocState::new),
            log_submitted: 0,
            segments_pending: BTreeMap::new(),
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
            saver: Some(Saver::start_on(folder, options.filesystem, waker)),
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
        let now = self.clock.now();
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
        self.study_edits += 1;
        self.labs = Arc::new(loaded.labs.value);
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
    check::<LabStates>(&dir.join(LABS_FILE))?;
    for (_, path) in segment_files(dir) {
        check::<AttemptSegment>(&path)?;
    }
    Ok(())
}
