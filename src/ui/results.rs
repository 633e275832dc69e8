//! What a finished chapter quiz or mock exam shows, shared by both: the score line (score,
//! percentage, time used), an answer card coloured right/partly/wrong with its legend, scores by
//! chapter, each wrong answer with its explanation shown whole, and "重做错题", which starts a
//! quiz of exactly the wrong ones.

use chrono::{DateTime, Utc};
use egui::{Color32, RichText, Stroke, Ui};

use super::lesson::{Accent, card_ui};
use super::quiz::{QuizMode, QuizRun, feedback_ui};
use super::rich::paragraph_ui;
use super::{Command, NavCmd};
use crate::i18n::{Lang, T};
use crate::model::{Grade, Pack, QuestionKind, Response, option_letter};

/// How one item on an answer card went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    Right,
    Partly,
    Wrong,
    /// Not answered (a mock exam's unanswered item, graded zero).
    Unanswered,
}

impl Cell {
    pub fn of(grade: &Grade, answered: bool) -> Self {
        if !answered {
            Self::Unanswered
        } else if grade.is_correct() {
            Self::Right
        } else if grade.score > 0.0 {
            Self::Partly
        } else {
            Self::Wrong
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Right => T::CardRight,
            Self::Partly => T::CardPartly,
            Self::Wrong => T::CardWrong,
            Self::Unanswered => T::Unanswered,
        }
        .get(lang)
    }

    /// The cell's fill: green, amber, red, or none.
    pub fn fill(self, dark: bool) -> Color32 {
        match (self, dark) {
            (Self::Right, false) => Color32::from_rgb(200, 235, 208),
            (Self::Right, true) => Color32::from_rgb(30, 90, 50),
            (Self::Partly, false) => Color32::from_rgb(250, 226, 170),
            (Self::Partly, true) => Color32::from_rgb(110, 85, 25),
            (Self::Wrong, false) => Color32::from_rgb(246, 200, 200),
            (Self::Wrong, true) => Color32::from_rgb(120, 40, 40),
            (Self::Unanswered, _) => Color32::TRANSPARENT,
        }
    }
}

/// A point total without "-0.0": one decimal, dropped when it is whole.
pub fn points(value: f32) -> String {
    // Adding 0.0 turns -0.0 into 0.0; rounding first so -0.04 does not print as "-0.0".
    let value = (value * 10.0).round() / 10.0 + 0.0;
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// A duration as m:ss, or h:mm:ss from an hour on.
pub fn clock(seconds: i64) -> String {
    let seconds = seconds.max(0);
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// "得分 7 / 10（70%） · 用时 03:20".
pub fn score_line_ui(
    ui: &mut Ui,
    score: f32,
    max: f32,
    used_seconds: i64,
    color: Color32,
    lang: Lang,
) {
    let percent = if max > 0.0 { score / max * 100.0 } else { 0.0 };
    let line = T::ScoreLine.fmt(
        lang,
        &[&points(score), &points(max), &format!("{percent:.0}")],
    );
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(line).size(22.0).strong().color(color));
        ui.label(RichText::new(T::TimeUsed.fmt(lang, &[&clock(used_seconds)])).size(16.0));
    });
}

/// One numbered square of an answer card, labelled for tests and screen readers.
pub fn card_cell(
    ui: &mut Ui,
    number: usize,
    fill: Color32,
    stroke: Stroke,
    text_color: Option<Color32>,
    label: String,
) -> egui::Response {
    let mut text = RichText::new(format!("{number:>2}")).monospace();
    if let Some(color) = text_color {
        text = text.color(color).strong();
    }
    let response = ui.add(
        egui::Button::new(text)
            .fill(fill)
            .stroke(stroke)
            .min_size(egui::vec2(34.0, 28.0)),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label.clone()));
    response
}

/// A legend entry: a small square drawn like the cells, and its meaning.
pub fn legend_entry(ui: &mut Ui, fill: Color32, stroke: Stroke, text: &str) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
    ui.painter()
        .rect(rect, 2.0, fill, stroke, egui::StrokeKind::Inside);
    ui.label(text);
}

/// The answer card of a finished quiz or exam: one coloured cell per item and the legend.
pub fn result_card_ui(ui: &mut Ui, cells: &[Cell], lang: Lang) {
    let dark = ui.visuals().dark_mode;
    let line = Stroke::new(1.0, ui.visuals().widgets.inactive.bg_stroke.color);
    ui.label(RichText::new(T::AnswerSheet.get(lang)).strong());
    ui.horizontal_wrapped(|ui| {
        for (i, cell) in cells.iter().enumerate() {
            let label = format!("{} {} {}", T::Item.get(lang), i + 1, cell.label(lang));
            card_cell(ui, i + 1, cell.fill(dark), line, None, label);
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(T::Legend.get(lang)).weak());
        for cell in [Cell::Right, Cell::Partly, Cell::Wrong, Cell::Unanswered] {
            legend_entry(ui, cell.fill(dark), line, cell.label(lang));
        }
    });
}

/// Scores by chapter (or section): a name and "score / max" per row.
pub fn scores_ui(ui: &mut Ui, caption: &str, rows: &[(String, f32, f32)], lang: Lang) {
    ui.label(RichText::new(caption).strong());
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|(name, score, max)| {
            vec![
                name.clone(),
                format!("{} / {}", points(*score), points(*max)),
            ]
        })
        .collect();
    super::layout::table_ui(ui, ("scores", caption), &[], &rows, lang, str::to_owned);
}

/// The rows of scores by chapter, from (chapter index, score, max).
pub fn chapter_rows(pack: &Pack, rows: &[(usize, f32, f32)]) -> Vec<(String, f32, f32)> {
    rows.iter()
        .map(|(c, s, m)| {
            let title = pack.chapters.get(*c).map_or("?", |ch| ch.title.as_str());
            (title.to_owned(), *s, *m)
        })
        .collect()
}

/// "重做错题": a practice quiz of exactly `wrong`.
pub fn redo_button_ui(
    ui: &mut Ui,
    title: &str,
    wrong: &[String],
    lang: Lang,
    commands: &mut Vec<Command>,
) {
    if wrong.is_empty() {
        ui.label(RichText::new(T::AllRight.get(lang)).strong());
        return;
    }
    let label = format!("{} ({})", T::RedoWrong.get(lang), wrong.len());
    if ui.button(RichText::new(label).strong()).clicked() {
        commands.push(Command::Nav(NavCmd::StartQuiz {
            title: T::RedoWrongTitle.fmt(lang, &[title]),
            mode: QuizMode::Practice,
            items: wrong.to_vec(),
        }));
    }
}

/// The learner's answer as text.
pub fn response_text(response: Option<&Response>, lang: Lang) -> String {
    match response {
        None => T::NoAnswer.get(lang).to_owned(),
        Some(Response::Choices(picked)) => picked.iter().map(|i| option_letter(*i)).collect(),
        Some(Response::TrueFalse(value)) => {
            if *value { T::True } else { T::False }.get(lang).to_owned()
        }
        Some(Response::Written { text, .. }) if text.trim().is_empty() => {
            T::NoAnswer.get(lang).to_owned()
        }
        Some(Response::Written { text, .. }) => text.clone(),
    }
}

/// One wrong answer, whole: the stem, the options, what the learner answered, the model answer
/// and the explanation, all wrapping to the page's width.
pub fn wrong_item_ui(
    ui: &mut Ui,
    pack: &Pack,
    id: &str,
    response: Option<&Response>,
    grade: &Grade,
    extra: Option<&str>,
    lang: Lang,
) {
    let Some((_, question, _)) = pack.question(id) else {
        return;
    };
    ui.separator();
    paragraph_ui(ui, &question.stem);
    if let QuestionKind::Single { options, .. } | QuestionKind::Multiple { options, .. } =
        &question.kind
    {
        for (i, option) in options.iter().enumerate() {
            ui.add(egui::Label::new(format!("{}. {option}", option_letter(i))).wrap());
        }
    }
    ui.add(
        egui::Label::new(
            RichText::new(format!(
                "{}{}",
                T::YourAnswerIs.get(lang),
                response_text(response, lang)
            ))
            .color(ui.visuals().error_fg_color),
        )
        .wrap(),
    );
    if let Some(extra) = extra {
        ui.add(egui::Label::new(RichText::new(extra).italics()).wrap());
    }
    if let QuestionKind::ShortAnswer { model_answer, .. } = &question.kind {
        card_ui(ui, Accent::Definition, T::ModelAnswer.get(lang), |ui| {
            paragraph_ui(ui, model_answer)
        });
    }
    feedback_ui(ui, question, Some(grade), lang);
}

/// The end of a quiz: score, time, answer card, chapters, "重做错题" and the wrong ones whole.
pub fn quiz_result_ui(
    ui: &mut Ui,
    pack: &Pack,
    run: &QuizRun,
    now: DateTime<Utc>,
    lang: Lang,
    commands: &mut Vec<Command>,
) {
    ui.label(RichText::new(T::QuizResult.get(lang)).size(22.0).strong());
    let graded = &run.results;
    let score = graded.iter().fold(0.0, |t, (_, _, g)| t + g.score);
    let max = graded.iter().fold(0.0, |t, (_, _, g)| t + g.max);
    let used = (run.finished_at.unwrap_or(now) - run.started).num_seconds();
    let color = ui.visuals().strong_text_color();
    score_line_ui(ui, score, max, used, color, lang);
    ui.label(format!(
        "{} {} / {}",
        T::RightCount.get(lang),
        run.right,
        run.answered
    ));
    ui.add_space(6.0);
    let cells: Vec<Cell> = graded.iter().map(|(_, _, g)| Cell::of(g, true)).collect();
    result_card_ui(ui, &cells, lang);
    ui.add_space(6.0);
    let mut by_chapter: Vec<(usize, f32, f32)> = Vec::new();
    for (id, _, grade) in graded {
        let chapter = pack.question(id).map_or(usize::MAX, |(c, ..)| c);
        match by_chapter.iter_mut().find(|(c, ..)| *c == chapter) {
            Some(row) => {
                row.1 += grade.score;
                row.2 += grade.max;
            }
            None => by_chapter.push((chapter, grade.score, grade.max)),
        }
    }
    by_chapter.sort_by_key(|(c, ..)| *c);
    scores_ui(
        ui,
        T::ByChapter.get(lang),
        &chapter_rows(pack, &by_chapter),
        lang,
    );
    ui.add_space(8.0);
    let wrong: Vec<String> = graded
        .iter()
        .filter(|(_, _, g)| !g.is_correct())
        .map(|(id, ..)| id.clone())
        .collect();
    redo_button_ui(ui, &run.title, &wrong, lang, commands);
    if !wrong.is_empty() {
        ui.add_space(12.0);
        ui.label(
            RichText::new(T::ExplanationsOfWrong.get(lang))
                .size(18.0)
                .strong(),
        );
        for (id, response, grade) in graded.iter().filter(|(_, _, g)| !g.is_correct()) {
            wrong_item_ui(ui, pack, id, Some(response), grade, None, lang);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_never_show_minus_zero() {
        assert_eq!(points(-0.0), "0");
        assert_eq!(points(-0.04), "0");
        assert_eq!(points(2.5), "2.5");
        assert_eq!(points(4.0), "4");
        assert_eq!(clock(75), "01:15");
        assert_eq!(clock(3725), "1:02:05");
    }
}
