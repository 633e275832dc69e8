//! After a mock exam is handed in: the learner marks each written answer's scoring points
//! against the model answer (keyword hits are shown as hints, never counted), then the report:
//! score, percentage, time used, pass or not, the answer card, scores by section and chapter,
//! how each written answer was marked, "重做错题" and every wrong answer explained in full.

use egui::{Color32, RichText, Ui};

use super::exam_start::section_label;
use super::lesson::{Accent, card_ui};
use super::results::{
    Cell, chapter_rows, points, redo_button_ui, result_card_ui, score_line_ui, scores_ui,
    wrong_item_ui,
};
use super::rich::paragraph_ui;
use super::{Command, NavCmd};
use crate::i18n::{Lang, T, paren};
use crate::model::exam::{ExamReport, ExamSession, ItemResult, Marking, to_mark};
use crate::model::{Pack, QuestionKind, Response, keyword_hits};

/// Marking the written answers; true when the learner confirms.
pub fn marking_ui(ui: &mut Ui, pack: &Pack, session: &mut ExamSession, lang: Lang) -> bool {
    ui.add_space(16.0);
    ui.label(RichText::new(T::MarkingTitle.get(lang)).size(24.0).strong());
    ui.add(egui::Label::new(T::MarkingIntro.get(lang)).wrap());
    for id in to_mark(pack, session) {
        let Some((_, question, _)) = pack.question(&id) else {
            continue;
        };
        let QuestionKind::ShortAnswer {
            model_answer,
            points: scoring,
            ..
        } = &question.kind
        else {
            continue;
        };
        let text = match session.answers.get(&id) {
            Some(Response::Written { text, .. }) => text.clone(),
            _ => String::new(),
        };
        ui.separator();
        paragraph_ui(ui, &question.stem);
        card_ui(ui, Accent::Example, T::YourAnswer.get(lang), |ui| {
            ui.add(egui::Label::new(&text).wrap());
        });
        card_ui(ui, Accent::Definition, T::ModelAnswer.get(lang), |ui| {
            paragraph_ui(ui, model_answer)
        });
        ui.label(RichText::new(T::TickPoints.get(lang)).strong());
        let hits = keyword_hits(&text, scoring);
        for (i, point) in scoring.iter().enumerate() {
            let mut covered = session.marks.get(&id).is_some_and(|m| m.contains(&i));
            let hint = if hits.get(i).copied().unwrap_or(false) {
                format!(" · {}", T::KeywordHint.get(lang))
            } else {
                String::new()
            };
            let label = format!(
                "{}{}{hint}",
                point.text,
                paren(lang, &format!("{} {}", point.score, T::Points.get(lang)))
            );
            if ui.checkbox(&mut covered, label).changed() {
                session.set_mark(&id, i, covered);
            }
        }
    }
    ui.add_space(12.0);
    let confirmed = ui
        .button(RichText::new(T::ConfirmMarking.get(lang)).strong())
        .clicked();
    ui.add_space(24.0);
    confirmed
}

/// How a written answer was marked, in words.
fn marking_text(marking: (Marking, usize), covered: usize, total: usize, lang: Lang) -> String {
    let how = match marking.0 {
        Marking::SelfMarked => T::MarkedSelf.fmt(
            lang,
            &[
                &covered.to_string(),
                &total.to_string(),
                &marking.1.to_string(),
            ],
        ),
        Marking::KeywordsOnly => T::MarkedKeywordsOnly.get(lang).to_owned(),
        Marking::Blank => T::MarkedBlank.get(lang).to_owned(),
    };
    format!("{}{how}", T::HowMarked.get(lang))
}

/// How a written answer on the report was marked, with the points ticked out of all.
fn marking_line(pack: &Pack, result: &ItemResult, lang: Lang) -> Option<String> {
    let marking = result.marking?;
    let (_, question, _) = pack.question(&result.id)?;
    let total = match &question.kind {
        QuestionKind::ShortAnswer { points, .. } => points.len(),
        _ => 0,
    };
    let covered = match &result.response {
        Some(Response::Written { covered, .. }) => covered.len(),
        _ => 0,
    };
    Some(marking_text(marking, covered, total, lang))
}

pub fn report_ui(
    ui: &mut Ui,
    pack: &Pack,
    session: &ExamSession,
    report: &ExamReport,
    lang: Lang,
    commands: &mut Vec<Command>,
) {
    super::layout::reading_page(ui, "exam-report", |ui| {
        ui.add_space(16.0);
        ui.label(RichText::new(T::ExamReport.get(lang)).size(26.0).strong());
        ui.label(&session.paper.title);
        let (verdict, color) = if report.passed {
            (T::Passed.get(lang), Color32::from_rgb(40, 140, 70))
        } else {
            (T::NotPassed.get(lang), ui.visuals().error_fg_color)
        };
        score_line_ui(
            ui,
            report.score,
            report.max,
            report.used_seconds,
            color,
            lang,
        );
        ui.label(RichText::new(verdict).size(20.0).strong().color(color));
        ui.add_space(6.0);
        let cells: Vec<Cell> = report
            .results
            .iter()
            .map(|r| {
                let answered = match &r.response {
                    None => false,
                    Some(Response::Written { text, .. }) => !text.trim().is_empty(),
                    Some(_) => true,
                };
                Cell::of(&r.grade, answered)
            })
            .collect();
        result_card_ui(ui, &cells, lang);
        ui.add_space(8.0);
        let sections: Vec<(String, f32, f32)> = report
            .by_type
            .iter()
            .map(|(t, s, m)| (section_label(*t, lang).to_owned(), *s, *m))
            .collect();
        scores_ui(ui, T::ByType.get(lang), &sections, lang);
        ui.add_space(6.0);
        scores_ui(
            ui,
            T::ByChapter.get(lang),
            &chapter_rows(pack, &report.by_chapter),
            lang,
        );
        ui.add_space(8.0);
        let written: Vec<_> = report
            .results
            .iter()
            .filter(|r| r.marking.is_some())
            .collect();
        if !written.is_empty() {
            ui.label(RichText::new(T::MarkingTitle.get(lang)).strong());
            for result in written {
                let Some((_, question, _)) = pack.question(&result.id) else {
                    continue;
                };
                let stem: String = crate::text::plain(&question.stem)
                    .chars()
                    .take(30)
                    .collect();
                let how = marking_line(pack, result, lang).unwrap_or_default();
                ui.add(
                    egui::Label::new(format!(
                        "{stem}… {} / {} · {how}",
                        points(result.grade.score),
                        points(result.grade.max)
                    ))
                    .wrap(),
                );
            }
            ui.add_space(8.0);
        }
        ui.horizontal_wrapped(|ui| {
            let wrong: Vec<String> = report.wrong().map(|r| r.id.clone()).collect();
            redo_button_ui(ui, &session.paper.title, &wrong, lang, commands);
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
            let extra = marking_line(pack, result, lang);
            wrong_item_ui(
                ui,
                pack,
                &result.id,
                result.response.as_ref(),
                &result.grade,
                extra.as_deref(),
                lang,
            );
        }
        ui.add_space(24.0);
    });
}
