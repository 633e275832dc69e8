//! Before a mock exam's clock runs: the start screen (sections, item counts, points, time, pass
//! mark, how the clock and marking work, 开始考试), and the strip offering to continue an exam in
//! progress from any screen, also after the app was closed and reopened.

use chrono::{DateTime, Utc};
use egui::{RichText, Ui};

use super::exam::remaining_text;
use super::layout::reading_page;
use super::lesson::{Accent, card_ui};
use super::results::points;
use super::{Command, NavCmd, StudyCmd};
use crate::i18n::{Lang, T};
use crate::model::exam::{ExamSession, sections};
use crate::model::{Pack, QuestionType};

pub fn section_label(section: QuestionType, lang: Lang) -> &'static str {
    match section {
        QuestionType::Single => T::KindSingle,
        QuestionType::Multiple => T::KindMultiple,
        QuestionType::TrueFalse => T::KindTrueFalse,
        QuestionType::ShortAnswer => T::KindShortAnswer,
        QuestionType::Case => T::KindCase,
    }
    .get(lang)
}

/// The start screen; true when the learner presses 开始考试 (the clock starts then).
pub fn start_ui(ui: &mut Ui, pack: &Pack, session: &ExamSession, lang: Lang) -> bool {
    let mut start = false;
    reading_page(ui, "exam-start", |ui| {
        ui.add_space(16.0);
        ui.label(RichText::new(&session.paper.title).size(26.0).strong());
        ui.label(RichText::new(T::ExamStartTitle.get(lang)).size(18.0));
        ui.add_space(8.0);
        let sections = sections(pack, &session.paper);
        let total: f32 = sections.iter().map(|(.., p)| p).sum();
        ui.label(
            RichText::new(T::ExamTimeAndPass.fmt(
                lang,
                &[
                    &session.paper.minutes.to_string(),
                    &points(total),
                    &session.paper.pass_percent.to_string(),
                ],
            ))
            .strong(),
        );
        ui.add_space(6.0);
        ui.label(RichText::new(T::ExamSections.get(lang)).strong());
        egui::Grid::new("exam-sections")
            .striped(true)
            .num_columns(2)
            .show(ui, |ui| {
                for (section, count, worth) in &sections {
                    ui.label(section_label(*section, lang));
                    ui.label(T::ExamSectionRow.fmt(lang, &[&count.to_string(), &points(*worth)]));
                    ui.end_row();
                }
            });
        ui.add_space(8.0);
        card_ui(ui, Accent::ExamTip, T::ExamStartTitle.get(lang), |ui| {
            ui.add(egui::Label::new(T::ExamClockNote.get(lang)).wrap());
            ui.add(egui::Label::new(T::ExamWrittenNote.get(lang)).wrap());
        });
        ui.add_space(12.0);
        let button = egui::Button::new(RichText::new(T::StartExam.get(lang)).size(18.0).strong())
            .min_size(egui::vec2(160.0, 36.0));
        let enter = !ui.ctx().memory(|m| m.focused().is_some())
            && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.add(button).clicked() || enter {
            start = true;
        }
    });
    start
}

/// The strip above any screen while an exam waits: its title and time left, 继续考试 and 放弃.
pub fn waiting_ui(
    ui: &mut Ui,
    session: &ExamSession,
    pack_id: &str,
    now: DateTime<Utc>,
    lang: Lang,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let color = Accent::ExamTip.color(ui.visuals().dark_mode);
    egui::Frame::new()
        .fill(color.gamma_multiply(0.12))
        .stroke(egui::Stroke::new(1.0, color))
        .corner_radius(egui::CornerRadius::same(4))
        .inner_margin(egui::Margin::symmetric(10, 6))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let text = T::ExamWaiting
                    .fmt(lang, &[&session.paper.title, &remaining_text(session, now)]);
                ui.label(RichText::new(text).strong());
                let here = session.pack == pack_id;
                let resume = ui
                    .add_enabled(
                        here,
                        egui::Button::new(RichText::new(T::ContinueExam.get(lang)).strong()),
                    )
                    .on_disabled_hover_text(T::ExamOtherPack.get(lang));
                if resume.clicked() {
                    commands.push(Command::Nav(NavCmd::ResumeExam));
                }
                // Discarding asks once more: it is the only way an exam's answers are lost.
                let asking = egui::Id::unique("confirm-discard-exam");
                if ui.data(|d| d.get_temp::<bool>(asking)).unwrap_or(false) {
                    ui.label(T::ConfirmDiscardExam.get(lang));
                    if ui.button(T::DiscardNow.get(lang)).clicked() {
                        commands.push(Command::Study(StudyCmd::SaveExam(None)));
                        ui.data_mut(|d| d.remove::<bool>(asking));
                    }
                    if ui.button(T::Cancel.get(lang)).clicked() {
                        ui.data_mut(|d| d.remove::<bool>(asking));
                    }
                } else if ui.button(T::DiscardExam.get(lang)).clicked() {
                    ui.data_mut(|d| d.insert_temp(asking, true));
                }
                if !here {
                    ui.label(RichText::new(T::ExamOtherPack.get(lang)).weak());
                }
            });
        });
    commands
}
