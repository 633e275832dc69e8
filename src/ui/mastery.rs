//! The mastery map: the syllabus as chapters × lessons, one cell per lesson coloured by the
//! readiness model's estimate of a right answer on the exam day (not "latest score, unanswered
//! = 0"), with a legend. A lesson not practised yet is drawn as a frame in its estimate's colour
//! rather than filled: its estimate is the chance-level prior, not something the learner showed,
//! and a new learner's map should read "not started", not "failing". Every cell is a focusable button labelled for screen readers; a click,
//! Enter or Space opens the lesson.

use std::collections::HashMap;

use egui::{Color32, RichText, Sense, Ui, vec2};

use super::{Command, NavCmd};
use crate::i18n::{Lang, T};
use crate::model::Pack;
use crate::progress::outlook::LessonEstimate;

/// The colour bands: lower bound of the estimate and the fill.
const BANDS: [(f32, Color32); 5] = [
    (0.0, Color32::from_rgb(0xC6, 0x28, 0x28)),
    (0.4, Color32::from_rgb(0xEF, 0x6C, 0x00)),
    (0.6, Color32::from_rgb(0xF9, 0xA8, 0x25)),
    (0.75, Color32::from_rgb(0x7C, 0xB3, 0x42)),
    (0.9, Color32::from_rgb(0x2E, 0x7D, 0x32)),
];
const NO_QUESTIONS: Color32 = Color32::from_rgb(0x9E, 0x9E, 0x9E);
const CELL: f32 = 30.0;

/// The fill for an estimate.
pub fn band_color(p: f32) -> Color32 {
    BANDS
        .iter()
        .rev()
        .find(|(lo, _)| p >= *lo)
        .map_or(BANDS[0].1, |(_, c)| *c)
}

/// Black or white, whichever reads better on `fill` (WCAG contrast).
fn text_on(fill: Color32) -> Color32 {
    use super::palette::contrast;
    if contrast(fill, Color32::BLACK) >= contrast(fill, Color32::WHITE) {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// The screen-reader label of a cell.
pub fn cell_label(title: &str, estimate: Option<&LessonEstimate>, lang: Lang) -> String {
    match estimate {
        Some(e) => T::MasteryCell.fmt(
            lang,
            &[
                title,
                &format!("{:.0}", e.p * 100.0),
                &e.answered.to_string(),
                &e.questions.to_string(),
            ],
        ),
        None => T::MasteryNoQuestions.fmt(lang, &[title]),
    }
}

/// Draws the map; `estimates` by lesson id (`None` while the first figures are computed: the
/// cells are then drawn without colour).
pub fn mastery_map_ui(
    ui: &mut Ui,
    pack: &Pack,
    estimates: Option<&HashMap<String, LessonEstimate>>,
    lang: Lang,
) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.label(RichText::new(T::MasteryMap.get(lang)).size(18.0).strong());
    ui.label(RichText::new(T::MasteryMapHelp.get(lang)).small().weak());
    ui.add_space(4.0);
    let mut by_chapter: Vec<Vec<(crate::model::LessonRef, &crate::model::Lesson)>> =
        vec![Vec::new(); pack.chapters.len()];
    for (at, lesson) in pack.lessons() {
        if let Some(list) = by_chapter.get_mut(at.chapter) {
            list.push((at, lesson));
        }
    }
    // One row per chapter: its short name in a column as wide as the widest, then its cells,
    // wrapping onto more lines when the page is narrow (200 % text). Rows are stacked, not a
    // grid: a grid keeps the row heights of the frame before and drew a wrapped row's second
    // line over the next chapter.
    let shorts: Vec<String> = (1..=pack.chapters.len())
        .map(|n| T::ChapterShort.fmt(lang, &[&n.to_string()]))
        .collect();
    let name_width = shorts
        .iter()
        .map(|s| super::layout::line_width(ui, RichText::new(s).weak()))
        .fold(0.0, f32::max);
    for (c, chapter) in pack.chapters.iter().enumerate() {
        ui.horizontal_top(|ui| {
            ui.allocate_ui_with_layout(
                vec2(name_width, CELL),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_min_size(vec2(name_width, CELL));
                    ui.label(RichText::new(&shorts[c]).weak())
                        .on_hover_text(&chapter.title);
                },
            );
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing = vec2(3.0, 3.0);
                for (n, (at, lesson)) in by_chapter[c].iter().enumerate() {
                    let estimate = estimates.and_then(|m| m.get(&lesson.id));
                    let label = cell_label(&lesson.title, estimate, lang);
                    if cell_ui(ui, n + 1, estimate, estimates.is_some(), &label) {
                        commands.push(Command::Nav(NavCmd::ShowLesson(*at)));
                    }
                }
            });
        });
        ui.add_space(3.0);
    }
    legend_ui(ui, lang);
    commands
}

/// How a cell is painted: its fill, and the frame of a lesson not practised yet.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CellLook {
    pub fill: Color32,
    pub frame: Option<Color32>,
}

/// The look of a cell: `known` is false while the first figures are computed; `blank` is the
/// page's own faint fill, used for cells with nothing shown yet.
pub fn cell_look(estimate: Option<&LessonEstimate>, known: bool, blank: Color32) -> CellLook {
    match (known, estimate) {
        (false, _) => CellLook {
            fill: blank,
            frame: None,
        },
        (true, Some(e)) if e.answered == 0 => CellLook {
            fill: blank,
            frame: Some(band_color(e.p)),
        },
        (true, Some(e)) => CellLook {
            fill: band_color(e.p),
            frame: None,
        },
        (true, None) => CellLook {
            fill: NO_QUESTIONS,
            frame: None,
        },
    }
}

fn cell_ui(
    ui: &mut Ui,
    number: usize,
    estimate: Option<&LessonEstimate>,
    known: bool,
    label: &str,
) -> bool {
    let (rect, response) = ui.allocate_exact_size(vec2(CELL, CELL), Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label));
    if ui.is_rect_visible(rect) {
        let look = cell_look(estimate, known, ui.visuals().faint_bg_color);
        let painter = ui.painter();
        painter.rect_filled(rect, 4.0, look.fill);
        if let Some(frame) = look.frame {
            painter.rect_stroke(
                rect.shrink(1.0),
                4.0,
                egui::Stroke::new(2.5, frame),
                egui::StrokeKind::Inside,
            );
        }
        if response.hovered() || response.has_focus() {
            painter.rect_stroke(
                rect.expand(1.0),
                4.0,
                egui::Stroke::new(2.0, ui.visuals().strong_text_color()),
                egui::StrokeKind::Outside,
            );
        }
        let color = if known && look.frame.is_none() {
            text_on(look.fill)
        } else {
            ui.visuals().text_color()
        };
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            number.to_string(),
            egui::FontId::proportional(13.0),
            color,
        );
    }
    let response = response.on_hover_text(label);
    // A key press on the focused cell counts as a click.
    let keyed = response.has_focus()
        && ui.input(|i| i.key_pressed(egui::Key::Enter) || i.key_pressed(egui::Key::Space));
    response.clicked() || keyed
}

fn legend_ui(ui: &mut Ui, lang: Lang) {
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        let bounds = ["0–40%", "40–60%", "60–75%", "75–90%", "≥ 90%"];
        for ((_, color), text) in BANDS.iter().zip(bounds) {
            swatch_ui(ui, *color);
            ui.label(RichText::new(text).small());
        }
        swatch_ui(ui, NO_QUESTIONS);
        ui.label(RichText::new(T::MasteryLegendNone.get(lang)).small());
        let (rect, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
        ui.painter().rect_stroke(
            rect,
            2.0,
            egui::Stroke::new(2.0, BANDS[0].1),
            egui::StrokeKind::Inside,
        );
        ui.label(RichText::new(T::MasteryLegendUntouched.get(lang)).small());
    });
}

fn swatch_ui(ui: &mut Ui, color: Color32) {
    let (rect, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
    ui.painter().rect_filled(rect, 2.0, color);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_rise_with_the_estimate_and_text_stays_readable() {
        assert_eq!(band_color(0.1), BANDS[0].1);
        assert_eq!(band_color(0.95), BANDS[4].1);
        assert_eq!(band_color(0.65), BANDS[2].1);
        for (_, fill) in BANDS.iter().chain([(0.0, NO_QUESTIONS)].iter()) {
            let text = text_on(*fill);
            assert!(text == Color32::BLACK || text == Color32::WHITE);
        }
        assert_eq!(text_on(BANDS[0].1), Color32::WHITE);
        assert_eq!(text_on(BANDS[2].1), Color32::BLACK);
    }

    fn lesson(p: f32, answered: usize) -> LessonEstimate {
        LessonEstimate {
            p,
            questions: 6,
            answered,
        }
    }

    #[test]
    fn an_unpractised_lesson_is_a_frame_and_a_practised_one_is_filled() {
        let blank = Color32::from_gray(30);
        let check = |estimate: Option<&LessonEstimate>, known: bool, expected: CellLook| {
            assert_eq!(cell_look(estimate, known, blank), expected, "{estimate:?}");
        };
        // Untouched: the chance-level prior shows as a red frame, never as a red fill.
        check(
            Some(&lesson(0.3, 0)),
            true,
            CellLook {
                fill: blank,
                frame: Some(BANDS[0].1),
            },
        );
        check(
            Some(&lesson(0.3, 2)),
            true,
            CellLook {
                fill: BANDS[0].1,
                frame: None,
            },
        );
        check(
            Some(&lesson(0.95, 6)),
            true,
            CellLook {
                fill: BANDS[4].1,
                frame: None,
            },
        );
        check(
            None,
            true,
            CellLook {
                fill: NO_QUESTIONS,
                frame: None,
            },
        );
        // Figures not in yet: nothing coloured.
        check(
            Some(&lesson(0.95, 6)),
            false,
            CellLook {
                fill: blank,
                frame: None,
            },
        );
    }
}
