//! The home screen's readiness figures (`progress::outlook`: the exam simulation, its trend,
//! the mastery map's estimates, the forecast and today's plan) and the fitting of the learner's
//! own FSRS-6 parameters, each on a background thread: the frame never waits for them. A new
//! computation starts when the profile's data, the pack, the exam date or the day changes and
//! the previous one has finished; until then the screen shows the last figures.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use chrono::NaiveDate;

use crate::model::memory::optimise;
use crate::progress::outlook::{Outlook, outlook, review_histories, wants_fit};
use crate::ui::{Command, StudyCmd};

use super::ServiceCraftApp;

/// What the figures were computed from: profile folder, data generation, pack, exam date, day.
type Key = (String, u64, usize, Option<NaiveDate>, NaiveDate);

/// The figures shown, the computation running, and the parameter fit.
#[derive(Default)]
pub struct Readiness {
    shown: Option<(Key, Arc<Outlook>)>,
    running: Option<(Key, Receiver<Outlook>)>,
    /// A fit running, and the answer count it was started at.
    fitting: Option<(usize, Receiver<Option<Vec<f32>>>)>,
    /// (profile folder, answers) of the last fit that found too little to fit on.
    fit_failed: Option<(String, usize)>,
}

impl Readiness {
    /// The figures last computed, if any.
    pub fn outlook(&self) -> Option<&Arc<Outlook>> {
        self.shown.as_ref().map(|(_, o)| o)
    }

    /// Whether newer figures are being computed.
    pub fn computing(&self) -> bool {
        self.running.is_some()
    }

    /// Whether the learner's parameters are being fitted.
    pub fn fitting(&self) -> bool {
        self.fitting.is_some()
    }

    /// Forgets everything (another profile).
    pub fn clear(&mut self) {
        *self = Self::default();
    }
}

impl ServiceCraftApp {
    /// The readiness figures, for tests and benches: `None` until the first computation ends.
    pub fn outlook(&self) -> Option<&Arc<Outlook>> {
        self.readiness.outlook()
    }

    /// Whether newer readiness figures are being computed.
    pub fn readiness_busy(&self) -> bool {
        self.readiness.computing()
    }

    /// Whether the learner's FSRS parameters are being fitted (slow in a debug build).
    pub fn fitting_memory(&self) -> bool {
        self.readiness.fitting()
    }

    /// Takes finished background results and starts what is due. Called once a frame; costs a
    /// comparison when nothing changed.
    pub(super) fn poll_readiness(&mut self) -> Vec<Command> {
        let mut commands = Vec::new();
        let r = &mut self.readiness;
        if let Some((key, rx)) = &r.running {
            match rx.try_recv() {
                Ok(outlook) => {
                    r.shown = Some((key.clone(), Arc::new(outlook)));
                    r.running = None;
                }
                Err(TryRecvError::Disconnected) => r.running = None,
                Err(TryRecvError::Empty) => {}
            }
        }
        if let Some((answers, rx)) = &r.fitting {
            match rx.try_recv() {
                Ok(Some(weights)) => {
                    commands.push(Command::Study(StudyCmd::SetMemoryWeights {
                        weights,
                        fitted_on: *answers,
                    }));
                    r.fitting = None;
                }
                Ok(None) | Err(TryRecvError::Disconnected) => {
                    let folder = self
                        .profile
                        .session
                        .as_ref()
                        .map(|s| s.folder().to_owned())
                        .unwrap_or_default();
                    r.fit_failed = Some((folder, *answers));
                    r.fitting = None;
                }
                Err(TryRecvError::Empty) => {}
            }
        }
        let Some(session) = self.profile.session.as_ref() else {
            return commands;
        };
        let now = self.config.clock.now();
        let pack = Arc::clone(&self.packs.view.pack);
        let exam = session.settings().exam_date;
        let key: Key = (
            session.folder().to_owned(),
            session.generation(),
            Arc::as_ptr(&pack) as usize,
            exam,
            crate::progress::dates::local_day(now),
        );
        let stale = r.shown.as_ref().is_none_or(|(k, _)| *k != key);
        if stale && r.running.is_none() {
            let (progress, study) = session.snapshot();
            let (tx, rx) = channel();
            let ctx = self.ctx.clone();
            std::thread::spawn(move || {
                let spec = pack.manifest.mock_exams.first();
                let result = outlook(&pack, spec, &progress, &study, exam, now);
                // The window may be gone; then nobody waits for the figures.
                let _ = tx.send(result);
                ctx.request_repaint();
            });
            r.running = Some((key, rx));
        }
        // The learner's own FSRS parameters, once there is enough history, refitted as it grows.
        let answers = session.progress().attempt_count();
        let fitted_on = session.study().memory.fitted_on;
        let failed_at = r
            .fit_failed
            .as_ref()
            .filter(|(folder, _)| folder == session.folder())
            .map_or(0, |(_, n)| *n);
        if r.fitting.is_none() && wants_fit(answers, fitted_on.max(failed_at)) {
            let (progress, _) = session.snapshot();
            let (tx, rx) = channel();
            let ctx = self.ctx.clone();
            std::thread::spawn(move || {
                let _ = tx.send(optimise(&review_histories(&progress)));
                ctx.request_repaint();
            });
            r.fitting = Some((answers, rx));
        }
        commands
    }
}
