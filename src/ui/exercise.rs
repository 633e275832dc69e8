//! What the framework exercise screens share: the header with the way back to the lesson and
//! the learner's previous scores, and the score banner.

use egui::{RichText, Ui};

use super::dnd::{bad_color, good_color};
use super::lesson::item_kind_label;
use super::{Command, NavCmd, ScreenCtx};
use crate::i18n::{Lang, T};
use crate::model::study::StudyState;
use crate::model::{ItemKind, Pack, percent};

/// The back button (to the exercise's lesson), the kind, the title and earlier scores.
pub fn header_ui(
    ui: &mut Ui,
    cx: &ScreenCtx<'_>,
    kind: ItemKind,
    title: &str,
    lesson: &str,
    score_key: Option<&str>,
    commands: &mut Vec<Command>,
) {
    let (pack, study, lang): (&Pack, &StudyState, Lang) = (cx.pack, cx.study, cx.lang);
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        let back = match pack.lesson_by_id(lesson) {
            Some((at, _)) => (Command::Nav(NavCmd::ShowLesson(at)), T::BackToLesson),
            None => (Command::Nav(NavCmd::ShowHome), T::Back2),
        };
        if ui.button(format!("← {}", back.1.get(lang))).clicked() {
            commands.push(back.0);
        }
        ui.label(RichText::new(item_kind_label(kind, lang)).weak());
        if let Some((last, best)) = score_key.and_then(|key| study.exercise_summary(key)) {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(
                    RichText::new(format!(
                        "{} {last}% · {} {best}%",
                        T::LastScore.get(lang),
                        T::BestScore.get(lang)
                    ))
                    .weak(),
                );
            });
        }
    });
    ui.add(egui::Label::new(RichText::new(title).heading().size(24.0)).wrap());
    ui.add_space(4.0);
}

/// "得分 6 / 8（75%）" in green when full marks, amber when partly right, red otherwise.
/// `reveal` (set when the learner checked) scrolls it into view once.
pub fn score_banner_ui(
    ui: &mut Ui,
    label: &str,
    score: usize,
    max: usize,
    reveal: &mut bool,
    lang: Lang,
) {
    let dark = ui.visuals().dark_mode;
    let color = if score == max {
        good_color(dark)
    } else if score * 2 >= max {
        ui.visuals().warn_fg_color
    } else {
        bad_color(dark)
    };
    let percent = format!("{}%", percent(score, max));
    let text = format!(
        "{label} {score} / {max}{}",
        crate::i18n::paren(lang, &percent)
    );
    let response = ui.label(RichText::new(&text).size(20.0).strong().color(color));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
    // The verdict appears below the board: bring it into view when it first shows.
    if std::mem::take(reveal) {
        response.scroll_to_me(Some(egui::Align::Center));
    }
}

/// A short status line with a weak colour, e.g. the keyboard hint.
pub fn hint_ui(ui: &mut Ui, text: &str) {
    ui.add(egui::Label::new(RichText::new(text).weak()).wrap());
}
