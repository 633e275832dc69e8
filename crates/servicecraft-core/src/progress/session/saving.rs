//! Saving: handing changed documents to the background saver when they are due, reading its
//! reports back into each document's state, backups on the saver thread, and the status the app
//! shows in its banner.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{Doc, DocState, ProfileSession, SaveStatus};
use crate::progress::backup::{self, BackupKind};
use crate::progress::dates;
use crate::progress::record::{SEGMENT_LEN, encode_segment, segment_file};
use crate::progress::saver::SaveEvent;

impl ProfileSession {
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
            Doc::Labs => saver.save_ron(path, generation, Arc::clone(&self.labs)),
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
        let today = dates::local_day(self.clock.now());
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
        let now = self.clock.now();
        let clock = &mut self.backup_clock;
        clock.used = Duration::ZERO;
        clock.changed = false;
        clock.day = dates::local_day(now);
        let dir = self.dir.clone();
        let Some(saver) = &self.saver else {
            return;
        };
        let queued = saver.run_task(
            "backup",
            Box::new(move || {
                let made = backup::make_backup(&dir, kind, now).map_err(|e| e.to_string())?;
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
}
