//! The learner's study: answers, recalls, role-play and exercise results, exam results, notes and
//! typed work ([`StudyCmd`]). The open profile's session is the one owner of the study state and
//! the attempt log; every answer goes to both through one call, [`ProfileSession::record_answer`].

use chrono::{DateTime, Utc};

use crate::model::study::StudyState;
use crate::progress::{Attempt, LoggedAttempt, ProfileSession};
use crate::ui::StudyCmd;

use super::ServiceCraftApp;

/// Typed text (worksheets, My SWOT) is written to disk this long after the last keystroke.
const TYPING_SAVE_DELAY_MS: i64 = 1500;

/// What the shell keeps about the study beyond the session: when typing last changed it.
#[derive(Default)]
pub struct Study {
    /// When typed text not yet handed to the saver was last changed.
    edited: Option<DateTime<Utc>>,
}

impl Study {
    /// Whether everything typed is on disk (or on its way there).
    pub fn typing_saved(&self) -> bool {
        self.edited.is_none()
    }
}

/// The study state shown while no profile is open: empty.
static NO_STUDY: std::sync::LazyLock<StudyState> = std::sync::LazyLock::new(StudyState::default);

impl ServiceCraftApp {
    /// The learner's study state: the open profile's, the one copy there is.
    pub fn study(&self) -> &StudyState {
        self.profile
            .session
            .as_ref()
            .map_or(&NO_STUDY, ProfileSession::study)
    }

    /// Whether everything typed is on disk (or on its way there).
    pub fn typing_saved(&self) -> bool {
        self.study.typing_saved()
    }

    pub(super) fn apply_study(&mut self, command: StudyCmd) {
        let now = self.config.clock.now();
        let pack_id = self.packs.view.pack.manifest.id.clone();
        let pack = std::sync::Arc::clone(&self.packs.view.pack);
        let lang = self.prefs.lang;
        let Some(session) = &mut self.profile.session else {
            return;
        };
        // One answer, one call: the attempt log and the study state change together.
        let mut record = |item: &str,
                          answer: String,
                          score: f32,
                          max: f32,
                          started: DateTime<Utc>,
                          change: &mut dyn FnMut(&mut StudyState)| {
            let attempt = Attempt {
                started,
                finished: now,
                answer,
                score,
                max,
            };
            session.record_answer(item, &pack_id, attempt, change);
        };
        match command {
            StudyCmd::RecordAnswer {
                item,
                response,
                grade,
                started,
                certainty,
            } => {
                let attempt = Attempt {
                    started,
                    finished: now,
                    answer: response.record_text(),
                    score: grade.score,
                    max: grade.max,
                };
                // The certainty goes to the log and to the scheduler in the same call.
                session.record_answer_with(&item, &pack_id, attempt, certainty, |s| {
                    s.record_answer_with(&item, &grade, certainty, now);
                });
            }
            StudyCmd::RecordExam {
                report,
                started,
                exam,
            } => {
                // Each answer is logged with its exam, so the results export can group the
                // sitting and give it a total row.
                for result in &report.results {
                    let (id, grade) = (&result.id, &result.grade);
                    let logged = LoggedAttempt {
                        item: id.clone(),
                        pack: pack_id.clone(),
                        attempt: Attempt {
                            started,
                            finished: now,
                            answer: result
                                .response
                                .as_ref()
                                .map(crate::model::Response::record_text)
                                .unwrap_or_default(),
                            score: grade.score,
                            max: grade.max,
                        },
                        certainty: None,
                        exam: Some(exam.clone()),
                    };
                    session.record_logged_answer(logged, |s| {
                        s.record_answer(id, grade, now);
                    });
                }
            }
            StudyCmd::RecordRolePlay {
                id,
                result,
                started,
            } => {
                let path: Vec<String> = result.path.iter().map(usize::to_string).collect();
                // A percentage of at most 100 is exact in f32.
                let percent = result.percent.min(100) as f32;
                record(&id, path.join(","), percent, 100.0, started, &mut |s| {
                    s.record_roleplay(&id, result.clone());
                });
            }
            StudyCmd::RecordExerciseScore {
                item,
                score,
                max,
                started,
            } => {
                record(&item, String::new(), score, max, started, &mut |s| {
                    s.record_exercise(&item, score, max, now);
                });
            }
            StudyCmd::RecordRecall { item, recall } => {
                session.update_study(|s| s.record_recall(&item, recall, now));
            }
            StudyCmd::SaveExam(exam) => session.update_study(|s| s.exam = exam.map(|e| *e)),
            StudyCmd::ToggleFavourite(item) => session.update_study(|s| s.toggle_favourite(&item)),
            StudyCmd::RemoveMistake(item) => session.update_study(|s| s.remove_mistake(&item)),
            StudyCmd::SetCause { item, cause } => {
                session.update_study(|s| s.set_cause(&item, cause))
            }
            StudyCmd::SetRetention(retention) => session.update_study(|s| {
                let (lo, hi) = crate::model::memory::RETENTION_RANGE;
                s.memory.desired_retention = retention.clamp(lo, hi);
            }),
            StudyCmd::SetMemoryWeights { weights, fitted_on } => session.update_study(|s| {
                s.memory.weights = weights;
                s.memory.fitted_on = fitted_on;
            }),
            StudyCmd::SetLessonDone { lesson, done } => {
                session.set_lesson_done(&lesson, done);
                session.mark_studied(now);
                // Saved at once: a finished lesson is a milestone, not a keystroke.
                session.save_soon();
            }
            StudyCmd::EditNote { id, text } => {
                session.set_note(&id, &text, now);
            }
            StudyCmd::EditWorksheet {
                worksheet,
                field,
                text,
            } => {
                session.edit_study(|s| s.set_worksheet_field(&worksheet, &field, &text));
                self.study.edited = Some(now);
            }
            StudyCmd::EditMySwot(swot) => {
                session.edit_study(|s| s.save_my_swot(swot));
                self.study.edited = Some(now);
            }
            StudyCmd::NewMySwotFromCase(exercise_id) => {
                let pack = &self.packs.view.pack;
                let exercise = match pack.get(&exercise_id) {
                    Some(crate::model::ItemRef::Swot(c, i)) => {
                        pack.chapters.get(c).and_then(|ch| ch.swot.get(i))
                    }
                    _ => None,
                };
                if let Some(exercise) = exercise {
                    use crate::model::my_swot::{MySwot, fresh_id};
                    let id = fresh_id(&session.study().my_swot, now);
                    session.update_study(|s| s.save_my_swot(MySwot::from_case(id, exercise, now)));
                    self.nav.show(super::Screen::MySwot(Box::new(
                        crate::ui::my_swot::MySwotView::new(Some(id)),
                    )));
                }
            }
            StudyCmd::DeleteMySwot(id) => session.update_study(|s| s.delete_my_swot(id)),
            StudyCmd::Lab { lab, op } => {
                let Some((_, data)) = pack.lab(&lab) else {
                    return;
                };
                let at = now.with_timezone(&chrono::Local).naive_local();
                session.update_labs(|labs| {
                    let state = labs.open(&pack_id, &lab, data);
                    match op.apply(data, state, at) {
                        Ok(()) => true,
                        Err(err) => {
                            // The screen checked it on a copy; this only happens on a race.
                            log::warn!("lab change refused: {err}");
                            false
                        }
                    }
                });
                session.mark_studied(now);
            }
            StudyCmd::FinishLab { lab, started } => {
                let Some((spec, data)) = pack.lab(&lab) else {
                    return;
                };
                let mut finished = None;
                session.update_labs(|labs| {
                    let state = labs.open(&pack_id, &lab, data);
                    state.finished = Some(now.with_timezone(&chrono::Local).naive_local());
                    finished = Some(state.clone());
                    true
                });
                if let Some(state) = finished {
                    // Scored like an exercise: in the attempt log and the study state at once.
                    let attempt = crate::model::lab::lab_attempt(data, spec, &state, started, now);
                    let (score, max) = (attempt.score, attempt.max);
                    session.record_answer(&lab, &pack_id, attempt, |s| {
                        s.record_exercise(&lab, score, max, now);
                    });
                    session.save_soon();
                }
            }
            StudyCmd::ResetLab(lab) => match session.reset_lab(&pack_id, &lab) {
                Ok(backup) => self
                    .banners
                    .push(crate::i18n::T::LabResetDone.fmt(lang, &[&backup.unwrap_or_default()])),
                Err(err) => self
                    .banners
                    .push(crate::i18n::T::LabResetFailed.fmt(lang, &[&err.to_string()])),
            },
        }
    }

    /// Saves typed text once the learner has paused, or at once when `now` is true (leaving the
    /// screen, quitting, closing the profile); otherwise asks to be called again when the pause
    /// will be long enough.
    pub(super) fn save_typing_when_due(&mut self, ctx: &egui::Context, now: bool) {
        let Some(edited) = self.study.edited else {
            return;
        };
        let waited = (self.config.clock.now() - edited).num_milliseconds();
        if now || waited >= TYPING_SAVE_DELAY_MS {
            self.study.edited = None;
            if let Some(session) = &mut self.profile.session {
                session.save_study();
            }
            // The "saving…" note on screen was drawn before this; show "saved".
            ctx.request_repaint();
        } else {
            let left = (TYPING_SAVE_DELAY_MS - waited).max(1).unsigned_abs();
            ctx.request_repaint_after(std::time::Duration::from_millis(left));
        }
    }

    /// Typed text waiting for its pause is handed to the saver now (the profile closes).
    pub(super) fn save_typing_now(&mut self) {
        if self.study.edited.take().is_some()
            && let Some(session) = &mut self.profile.session
        {
            session.save_study();
        }
    }

    /// Forgets the learner's reviews, mistakes, favourites and attempts on a pack's items.
    pub(super) fn forget_records(
        &mut self,
        pack_id: &str,
        ids: &std::collections::HashSet<String>,
    ) {
        if let Some(session) = &mut self.profile.session {
            session.update_study(|s| {
                s.reviews.retain(|k, _| !ids.contains(k));
                s.mistakes.retain(|k, _| !ids.contains(k));
                s.favourites.retain(|k| !ids.contains(k));
            });
            session.forget_pack_attempts(pack_id);
        }
    }
}
