//! A mock exam: countdown, answer sheet (答题卡), flags, submission with a warning about
//! unanswered questions, auto-submit at the deadline, and the report.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use egui::{Color32, RichText, Ui};

use super::layout::reading_page;
use super::lesson::{Accent, card_ui};
use super::quiz::{Draft, Showing, draft_response, feedback_ui, question_body_ui, type_label};
use super::rich::paragraph_ui;
use super::{Command, NavCmd, ScreenCtx, StudyCmd};
use crate::i18n::{Lang, T};
use crate::model::exam::{ExamReport, ExamSession, report};
use crate::model::{Pack, QuestionKind, QuestionType, Response, option_letter};

pub struct ExamView {
    pub session: ExamSession,
    pub current: usize,
    drafts: HashMap<String, Draft>,
    confirm_submit: bool,
    pub report: Option<ExamReport>,
}

impl ExamView {
    pub fn new(session: ExamSession) -> Self {
        Self {
            session,
            current: 0,
            drafts: HashMap::new(),
            confirm_submit: false,
            report: None,
        }
    }

    fn finish(&mut self, pack: &Pack, now: DateTime<Utc>, commands: &mut Vec<Command>) {
        self.session.submit(now);
        let report = report(pack, &self.session);
        commands.push(Command::Study(StudyCmd::RecordExam {
            report: report.clone(),
            started: self.session.started,
            exam: crate::progress::ExamTag {
                id: self.session.paper.id.clone(),
                title: self.session.paper.title.clone(),
            },
        }));
        self.report = Some(report);
        self.confirm_submit = false;
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &ScreenCtx<'_>) -> Vec<Command> {
        let (pack, lang, now): (&Pack, Lang, DateTime<Utc>) = (cx.pack, cx.lang, cx.now);
        let mut commands = Vec::new();
        if self.report.is_none() && self.session.tick(now) {
            self.finish(pack, now, &mut commands);
        }
        if let Some(report) = &self.report {
            report_ui(ui, pack, &self.session, report, lang, &mut commands);
            return commands;
        }
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(500));
        let remaining = self.session.remaining(now);
        let total = remaining.num_seconds().max(0);
        egui::Panel::top("exam-bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(&self.session.paper.title).strong().size(18.0));
                let clock = format!(
                    "{} {:02}:{:02}",
                    T::TimeLeft.get(lang),
                    total / 60,
                    total % 60
                );
                let color = if total < 300 {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().strong_text_color()
                };
                ui.label(RichText::new(clock).size(18.0).strong().color(color));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button(RichText::new(T::SubmitPaper.get(lang)).strong())
                        .clicked()
                    {
                        if self.session.unanswered().is_empty() {
                            self.finish(pack, now, &mut commands);
                        } else {
                            self.confirm_submit = true;
                        }
                    }
                });
            });
        });
        if self.report.is_some() {
            return commands;
        }
        egui::Panel::right("answer-sheet")
            .default_size(230.0)
            .show(ui, |ui| {
                ui.label(RichText::new(T::AnswerSheet.get(lang)).strong());
                let unanswered = self.session.unanswered();
                egui::ScrollArea::vertical().show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        for (i, item) in self.session.paper.items.iter().enumerate() {
                            let answered = !unanswered.contains(&i);
                            let flagged = self.session.flagged.contains(&item.id);
                            let mut text = RichText::new(format!("{:>2}", i + 1)).monospace();
                            if flagged {
                                text = text
                                    .color(Accent::ExamTip.color(ui.visuals().dark_mode))
                                    .strong();
                            }
                            let fill = if answered {
                                ui.visuals().selection.bg_fill.gamma_multiply(0.6)
                            } else {
                                Color32::TRANSPARENT
                            };
                            let button = egui::Button::new(text)
                                .fill(fill)
                                .selected(i == self.current)
                                .min_size(egui::vec2(34.0, 28.0));
                            let response = ui.add(button);
                            let state = match (answered, flagged) {
                                (_, true) => T::Flagged.get(lang),
                                (true, false) => T::Answered.get(lang),
                                (false, false) => T::Unanswered.get(lang),
                            };
                            response.widget_info(|| {
                                egui::WidgetInfo::labeled(
                                    egui::Role::Button,
                                    true,
                                    format!("{} {} {state}", T::Item.get(lang), i + 1),
                                )
                            });
                            if response.clicked() {
                                self.current = i;
                            }
                        }
                    });
                });
                ui.add_space(6.0);
                ui.label(
                    RichText::new(format!("{} {}", T::Unanswered.get(lang), unanswered.len()))
                        .weak(),
                );
            });
        egui::CentralPanel::default().show(ui, |ui| {
            reading_page(ui, "exam-question", |ui| self.question_ui(ui, pack, lang));
        });
        if self.confirm_submit {
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
                        self.finish(pack, now, &mut commands);
                    }
                });
            });
            if modal.should_close() {
                self.confirm_submit = false;
            }
        }
        commands
    }

    fn question_ui(&mut self, ui: &mut Ui, pack: &Pack, lang: Lang) {
        let Some(item) = self.session.paper.items.get(self.current).cloned() else {
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
                    self.current + 1,
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
                &T::LabelledText.fmt(lang, &[T::CaseText.get(lang), &case.stem]),
                |ui| paragraph_ui(ui, case_text),
            );
        }
        let draft = self.drafts.entry(item.id.clone()).or_default();
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
            if ui
                .add_enabled(
                    self.current > 0,
                    egui::Button::new(format!("← {}", T::PrevItem.get(lang))),
                )
                .clicked()
            {
                self.current -= 1;
            }
            let last = self.current + 1 >= self.session.paper.items.len();
            if ui
                .add_enabled(
                    !last,
                    egui::Button::new(format!("{} →", T::NextItem.get(lang))),
                )
                .clicked()
            {
                self.current += 1;
            }
        });
    }
}

fn section_label(section: QuestionType, lang: Lang) -> &'static str {
    match section {
        QuestionType::Single => T::KindSingle,
        QuestionType::Multiple => T::KindMultiple,
        QuestionType::TrueFalse => T::KindTrueFalse,
        QuestionType::ShortAnswer => T::KindShortAnswer,
        QuestionType::Case => T::KindCase,
    }
    .get(lang)
}

fn response_text(response: Option<&Response>, lang: Lang) -> String {
    match response {
        None => T::NoAnswer.get(lang).to_owned(),
        Some(Response::Choices(picked)) => picked.iter().map(|i| option_letter(*i)).collect(),
        Some(Response::TrueFalse(value)) => {
            if *value { T::True } else { T::False }.get(lang).to_owned()
        }
        Some(Response::Written { text, .. }) => text.clone(),
    }
}

fn report_ui(
    ui: &mut Ui,
    pack: &Pack,
    session: &ExamSession,
    report: &ExamReport,
    lang: Lang,
    commands: &mut Vec<Command>,
) {
    reading_page(ui, "exam-report", |ui| {
        ui.add_space(16.0);
        ui.label(RichText::new(T::ExamReport.get(lang)).size(26.0).strong());
        ui.label(&session.paper.title);
        let (verdict, color) = if report.passed {
            (T::Passed.get(lang), Color32::from_rgb(40, 160, 80))
        } else {
            (T::NotPassed.get(lang), ui.visuals().error_fg_color)
        };
        ui.label(
            RichText::new(format!(
                "{} {:.1} / {:.1}  {verdict}",
                T::TotalScore.get(lang),
                report.score,
                report.max
            ))
            .size(22.0)
            .strong()
            .color(color),
        );
        ui.add_space(8.0);
        ui.columns(2, |columns| {
            columns[0].label(RichText::new(T::ByType.get(lang)).strong());
            egui::Grid::new("by-type")
                .striped(true)
                .show(&mut columns[0], |ui| {
                    for (section, score, max) in &report.by_type {
                        ui.label(section_label(*section, lang));
                        ui.label(format!("{score:.1} / {max:.1}"));
                        ui.end_row();
                    }
                });
            columns[1].label(RichText::new(T::ByChapter.get(lang)).strong());
            egui::Grid::new("by-chapter")
                .striped(true)
                .show(&mut columns[1], |ui| {
                    for (chapter, score, max) in &report.by_chapter {
                        ui.label(
                            pack.chapters
                                .get(*chapter)
                                .map_or("?", |c| c.title.as_str()),
                        );
                        ui.label(format!("{score:.1} / {max:.1}"));
                        ui.end_row();
                    }
                });
        });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(T::PracticeCenter.get(lang)).clicked() {
                commands.push(Command::Nav(NavCmd::ShowPractice));
            }
            if ui.button(T::Mistakes.get(lang)).clicked() {
                commands.push(Command::Nav(NavCmd::ShowMistakes));
            }
        });
        ui.add_space(12.0);
        ui.label(
            RichText::new(format!(
                "{} ({})",
                T::WrongAnswers.get(lang),
                report.wrong().count()
            ))
            .size(18.0)
            .strong(),
        );
        for result in report.wrong() {
            let Some((_, question, _)) = pack.question(&result.id) else {
                continue;
            };
            ui.separator();
            paragraph_ui(ui, &question.stem);
            if let QuestionKind::Single { options, .. } | QuestionKind::Multiple { options, .. } =
                &question.kind
            {
                for (i, option) in options.iter().enumerate() {
                    ui.label(format!("{}. {option}", option_letter(i)));
                }
            }
            ui.label(
                RichText::new(format!(
                    "{}{}",
                    T::YourAnswerIs.get(lang),
                    response_text(result.response.as_ref(), lang)
                ))
                .color(ui.visuals().error_fg_color),
            );
            if let QuestionKind::ShortAnswer { model_answer, .. } = &question.kind {
                card_ui(ui, Accent::Definition, T::ModelAnswer.get(lang), |ui| {
                    paragraph_ui(ui, model_answer)
                });
            }
            feedback_ui(ui, question, Some(&result.grade), lang);
        }
        ui.add_space(24.0);
    });
}
