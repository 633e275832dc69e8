//! A mock exam on screen, through its phases: the start screen (`exam_start`), sitting it
//! (countdown, answer sheet with flags, current item and legend, submission with a warning about
//! unanswered questions, auto-submit when the time is up), marking the written answers and the
//! report (`exam_report`). Choice options are shown in the sitting's own shuffled order (unless
//! the learner turned shuffling off) and answered against the pack's indices. The exam's state
//! is saved with the learner's data as it changes (`StudyCmd::SaveExam`), so leaving the screen
//! or closing the app loses nothing.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use egui::{Color32, RichText, Stroke, Ui};

use super::exam_report::{marking_ui, report_ui};
use super::exam_start::start_ui;
use super::layout::reading_page;
use super::lesson::{Accent, card_ui};
use super::quiz::{Draft, Showing, draft_response, question_body_ui, type_label};
use super::results::{card_cell, clock};
use super::rich::paragraph_ui;
use super::{Command, ScreenCtx, StudyCmd};
use crate::i18n::{Lang, T};
use crate::model::exam::{ExamReport, ExamSession, report, to_mark};
use crate::model::{Pack, QuestionKind, Response};

/// While the answers stay the same, the time used is saved this often.
const SAVE_TIME_EVERY_SECONDS: i64 = 15;
/// Changed answers are saved at most this often (typing a written answer changes it per key).
const SAVE_ANSWERS_AFTER_SECONDS: i64 = 2;

pub struct ExamView {
    pub session: ExamSession,
    drafts: HashMap<String, Draft>,
    confirm_submit: bool,
    pub report: Option<ExamReport>,
    /// What was last handed to the profile to save (clock folded in), and when.
    saved: Option<(ExamSession, DateTime<Utc>)>,
}

impl ExamView {
    /// A new paper on its start screen, or a saved exam being continued.
    pub fn new(session: ExamSession) -> Self {
        let drafts = session
            .answers
            .iter()
            .map(|(id, response)| (id.clone(), draft_of(response)))
            .collect();
        Self {
            session,
            drafts,
            confirm_submit: false,
            report: None,
            saved: None,
        }
    }

    /// Started and its result not yet recorded: leaving asks first.
    pub fn in_progress(&self) -> bool {
        self.session.is_started() && self.report.is_none()
    }

    /// Whether the paper is still being answered (not yet handed in).
    pub fn sitting(&self) -> bool {
        self.session.is_started() && !self.session.is_submitted()
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &ScreenCtx<'_>) -> Vec<Command> {
        let (pack, lang, now): (&Pack, Lang, DateTime<Utc>) = (cx.pack, cx.lang, cx.now);
        let mut commands = Vec::new();
        if !self.session.is_started() {
            if start_ui(ui, pack, &self.session, lang) {
                self.session.resume(now);
            }
            return commands;
        }
        if !self.session.is_submitted() {
            // Continuing a saved or left exam: its clock runs again while it is on screen.
            self.session.resume(now);
            self.session.tick(now);
        }
        if !self.session.is_submitted() {
            self.sitting_ui(ui, pack, lang, now);
        } else if !self.session.marked {
            if to_mark(pack, &self.session).is_empty() {
                self.session.marked = true;
            } else {
                reading_page(ui, "exam-marking", |ui| {
                    if marking_ui(ui, pack, &mut self.session, lang) {
                        self.session.marked = true;
                    }
                });
            }
        }
        if self.session.marked && self.report.is_none() {
            let report = report(pack, &self.session);
            commands.push(Command::Study(StudyCmd::RecordExam {
                report: report.clone(),
                started: self.session.started.unwrap_or(now),
                exam: crate::progress::ExamTag {
                    id: self.session.paper.id.clone(),
                    title: self.session.paper.title.clone(),
                },
            }));
            commands.push(Command::Study(StudyCmd::SaveExam(None)));
            self.report = Some(report);
        }
        if let Some(report) = &self.report {
            report_ui(ui, pack, &self.session, report, lang, &mut commands);
        } else {
            self.autosave(now, &mut commands);
        }
        commands
    }

    /// Hands the exam to the profile to save when its answers, flags or marks changed (at
    /// most every few seconds) or, while the clock runs, every quarter minute.
    fn autosave(&mut self, now: DateTime<Utc>, commands: &mut Vec<Command>) {
        let due = match &self.saved {
            None => true,
            Some((copy, at)) => {
                let mut probe = self.session.clone();
                probe.used_seconds = copy.used_seconds;
                probe.running_since = None;
                let since = (now - *at).num_seconds();
                (probe != *copy && since >= SAVE_ANSWERS_AFTER_SECONDS)
                    || (self.session.is_running() && since >= SAVE_TIME_EVERY_SECONDS)
            }
        };
        if due {
            commands.push(self.save_command(now));
        }
    }

    /// The command that saves the exam as it stands now (also used when leaving it).
    pub fn save_command(&mut self, now: DateTime<Utc>) -> Command {
        let snapshot = self.session.snapshot(now);
        self.saved = Some((snapshot.clone(), now));
        Command::Study(StudyCmd::SaveExam(Some(Box::new(snapshot))))
    }

    fn sitting_ui(&mut self, ui: &mut Ui, pack: &Pack, lang: Lang, now: DateTime<Utc>) {
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(500));
        let total = self.session.remaining(now).num_seconds();
        egui::Panel::top("exam-bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(&self.session.paper.title).strong().size(18.0));
                let text = format!("{} {}", T::TimeLeft.get(lang), clock(total));
                let color = if self.session.time_is_short(now) {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().strong_text_color()
                };
                ui.label(RichText::new(text).size(18.0).strong().color(color));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button(RichText::new(T::SubmitPaper.get(lang)).strong())
                        .clicked()
                    {
                        if self.session.unanswered().is_empty() {
                            self.session.submit(now);
                        } else {
                            self.confirm_submit = true;
                        }
                    }
                });
            });
        });
        if self.session.is_submitted() {
            return;
        }
        egui::Panel::right("answer-sheet")
            .default_size(230.0)
            .show(ui, |ui| self.answer_sheet_ui(ui, lang));
        egui::CentralPanel::default().show(ui, |ui| {
            reading_page(ui, "exam-question", |ui| self.question_ui(ui, pack, lang));
        });
        if self.confirm_submit {
            self.confirm_submit_ui(ui, lang, now);
        }
    }

    fn confirm_submit_ui(&mut self, ui: &Ui, lang: Lang, now: DateTime<Utc>) {
        let unanswered = self.session.unanswered().len();
        let modal = egui::Modal::new(egui::Id::unique("confirm-submit")).show(ui.ctx(), |ui| {
            ui.label(
                RichText::new(T::ConfirmSubmitTitle.get(lang))
                    .strong()
                    .size(18.0),
            );
            ui.label(format!("{} {unanswered}", T::UnansweredWarning.get(lang)));
            ui.horizontal(|ui| {
                if ui.button(T::KeepAnswering.get(lang)).clicked() {
                    self.confirm_submit = false;
                }
                if ui
                    .button(RichText::new(T::SubmitAnyway.get(lang)).strong())
                    .clicked()
                {
                    self.session.submit(now);
                    self.confirm_submit = false;
                }
            });
        });
        if modal.should_close() {
            self.confirm_submit = false;
        }
    }

    /// The answer sheet: answered cells filled, flagged ones with an amber corner, the current
    /// one outlined, and a legend saying so.
    fn answer_sheet_ui(&mut self, ui: &mut Ui, lang: Lang) {
        let dark = ui.visuals().dark_mode;
        let answered_fill = ui.visuals().selection.bg_fill.gamma_multiply(0.6);
        let flag_color = Accent::ExamTip.color(dark);
        let thin = Stroke::new(1.0, ui.visuals().widgets.inactive.bg_stroke.color);
        let current = Stroke::new(3.0, ui.visuals().strong_text_color());
        ui.label(RichText::new(T::AnswerSheet.get(lang)).strong());
        let unanswered = self.session.unanswered();
        let mut go_to = None;
        egui::ScrollArea::vertical()
            .max_height((ui.available_height() - 110.0).max(80.0))
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    for (i, item) in self.session.paper.items.iter().enumerate() {
                        let answered = !unanswered.contains(&i);
                        let flagged = self.session.flagged.contains(&item.id);
                        let mut states =
                            vec![if answered { T::Answered } else { T::Unanswered }.get(lang)];
                        if flagged {
                            states.push(T::Flagged.get(lang));
                        }
                        if i == self.session.current {
                            states.push(T::CardCurrent.get(lang));
                        }
                        let label = format!("{} {} {}", T::Item.get(lang), i + 1, states.join(" "));
                        let fill = if answered {
                            answered_fill
                        } else {
                            Color32::TRANSPARENT
                        };
                        let stroke = if i == self.session.current {
                            current
                        } else {
                            thin
                        };
                        let response = card_cell(
                            ui,
                            i + 1,
                            fill,
                            stroke,
                            flagged.then_some(flag_color),
                            label,
                        );
                        if flagged {
                            paint_flag(ui.painter(), response.rect, flag_color);
                        }
                        if response.clicked() {
                            go_to = Some(i);
                        }
                    }
                });
            });
        if let Some(i) = go_to {
            self.session.current = i;
        }
        ui.add_space(6.0);
        ui.label(RichText::new(format!("{} {}", T::Unanswered.get(lang), unanswered.len())).weak());
        ui.label(RichText::new(T::Legend.get(lang)).weak());
        ui.horizontal_wrapped(|ui| {
            super::results::legend_entry(ui, answered_fill, thin, T::Answered.get(lang));
            super::results::legend_entry(ui, Color32::TRANSPARENT, thin, T::Unanswered.get(lang));
        });
        ui.horizontal_wrapped(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
            ui.painter().rect(
                rect,
                2.0,
                Color32::TRANSPARENT,
                thin,
                egui::StrokeKind::Inside,
            );
            paint_flag(ui.painter(), rect, flag_color);
            ui.label(T::Flagged.get(lang));
            super::results::legend_entry(
                ui,
                Color32::TRANSPARENT,
                current,
                T::CardCurrent.get(lang),
            );
        });
    }

    fn question_ui(&mut self, ui: &mut Ui, pack: &Pack, lang: Lang) {
        let Some(item) = self.session.paper.items.get(self.session.current).cloned() else {
            return;
        };
        let Some((_, question, case)) = pack.question(&item.id) else {
            return;
        };
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!(
                    "{} {} / {}",
                    T::Item.get(lang),
                    self.session.current + 1,
                    self.session.paper.items.len()
                ))
                .strong(),
            );
            ui.label(
                RichText::new(type_label(&question.kind, lang))
                    .color(Accent::ExamTip.color(ui.visuals().dark_mode)),
            );
            let flagged = self.session.flagged.contains(&item.id);
            let label = if flagged { T::Unflag } else { T::Flag };
            if ui.button(label.get(lang)).clicked() {
                self.session.toggle_flag(&item.id);
            }
        });
        if let Some(case) = case
            && let QuestionKind::Case { case_text, .. } = &case.kind
        {
            card_ui(
                ui,
                Accent::Example,
                &crate::i18n::labelled(lang, T::CaseText.get(lang), &case.stem),
                |ui| paragraph_ui(ui, case_text),
            );
        }
        let draft = self.drafts.entry(item.id.clone()).or_default();
        if let QuestionKind::Single { options, .. } | QuestionKind::Multiple { options, .. } =
            &question.kind
            && draft.order.len() != options.len()
        {
            // This sitting's order, the same on every frame and after the exam is continued.
            draft.order = self.session.option_order(&item.id, options);
        }
        let mut revealed = false;
        question_body_ui(
            ui,
            question,
            draft,
            None,
            Showing::Exam,
            &mut revealed,
            lang,
        );
        match draft_response(&question.kind, draft) {
            Some(response) => self.session.answer(&item.id, response),
            None => {
                self.session.answers.remove(&item.id);
            }
        }
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            let current = self.session.current;
            if ui
                .add_enabled(
                    current > 0,
                    egui::Button::new(format!("← {}", T::PrevItem.get(lang))),
                )
                .clicked()
            {
                self.session.current -= 1;
            }
            let last = current + 1 >= self.session.paper.items.len();
            if ui
                .add_enabled(
                    !last,
                    egui::Button::new(format!("{} →", T::NextItem.get(lang))),
                )
                .clicked()
            {
                self.session.current += 1;
            }
        });
    }
}

/// The amber corner of a flagged cell.
fn paint_flag(painter: &egui::Painter, rect: egui::Rect, color: Color32) {
    let size = (rect.height() * 0.45).min(10.0);
    let corner = rect.right_top();
    painter.add(egui::Shape::convex_polygon(
        vec![
            corner,
            corner + egui::vec2(0.0, size),
            corner + egui::vec2(-size, 0.0),
        ],
        color,
        Stroke::NONE,
    ));
}

/// The draft a saved answer stands for, so a continued exam shows what was answered.
fn draft_of(response: &Response) -> Draft {
    let mut draft = Draft::default();
    match response {
        Response::Choices(picked) => draft.picked = picked.iter().copied().collect(),
        Response::TrueFalse(value) => draft.true_false = Some(*value),
        Response::Written { text, .. } => draft.text = text.clone(),
    }
    draft
}

/// "剩余 12:30" for the waiting-exam strip.
pub fn remaining_text(session: &ExamSession, now: DateTime<Utc>) -> String {
    clock(session.remaining(now).max(Duration::zero()).num_seconds())
}
