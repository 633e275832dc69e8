//! Answer controls that look like what they are: radio buttons for 单选, checkboxes for 多选,
//! ✔ 对 / ✖ 错 buttons for 判断, in the order shown for this attempt; and, once answered, the
//! right option and a wrong pick marked by a tinted background and border with the text kept in
//! the theme's strong text colour, so both stay readable in either theme.

use std::collections::BTreeSet;

use egui::{Color32, Frame, Margin, RichText, Stroke, Ui};

use super::dnd::{bad_color, good_color};
use crate::i18n::{Lang, T};
use crate::model::option_letter;

/// How an option is marked once the answer is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The option is (one of) the right answer(s).
    Right,
    /// The learner picked it and it is wrong.
    WrongPick,
}

/// The background behind a marked option: a faint tint of the verdict's colour, dark enough in
/// the dark theme (light enough in the light one) for the strong text colour on it.
pub fn verdict_fill(verdict: Verdict, dark: bool) -> Color32 {
    match (verdict, dark) {
        (Verdict::Right, true) => Color32::from_rgb(22, 62, 36),
        (Verdict::Right, false) => Color32::from_rgb(226, 245, 231),
        (Verdict::WrongPick, true) => Color32::from_rgb(78, 28, 28),
        (Verdict::WrongPick, false) => Color32::from_rgb(252, 229, 227),
    }
}

/// The border around a marked option (the board's right and wrong colours).
pub fn verdict_stroke(verdict: Verdict, dark: bool) -> Stroke {
    let color = match verdict {
        Verdict::Right => good_color(dark),
        Verdict::WrongPick => bad_color(dark),
    };
    Stroke::new(2.0, color)
}

/// The text colour on a marked option: the theme's strongest.
pub fn verdict_text(dark: bool) -> Color32 {
    if dark {
        egui::Visuals::dark().strong_text_color()
    } else {
        egui::Visuals::light().strong_text_color()
    }
}

/// An option's row: framed and tinted when it carries a verdict, with the verdict written out
/// beside it (colour is never the only sign).
fn option_frame(ui: &mut Ui, verdict: Option<Verdict>, lang: Lang, add: impl FnOnce(&mut Ui)) {
    let dark = ui.visuals().dark_mode;
    let frame = match verdict {
        Some(v) => Frame::new()
            .fill(verdict_fill(v, dark))
            .stroke(verdict_stroke(v, dark))
            .corner_radius(6),
        None => Frame::new().stroke(Stroke::new(1.0, Color32::TRANSPARENT)),
    };
    frame.inner_margin(Margin::symmetric(8, 4)).show(ui, |ui| {
        ui.set_width(ui.available_width());
        if verdict.is_some() {
            ui.visuals_mut().override_text_color = Some(verdict_text(dark));
        }
        add(ui);
        if let Some(v) = verdict {
            let mark = match v {
                Verdict::Right => T::RightOptionMark,
                Verdict::WrongPick => T::WrongPickMark,
            };
            ui.label(RichText::new(mark.get(lang)).small().strong());
        }
    });
}

/// The options of a 单选 or 多选 question in `order` (`order[shown] = index in the pack`), each
/// lettered by where it is shown. Returns the pack index of the option clicked, if any; the
/// caller ignores it while the question is locked.
#[expect(
    clippy::too_many_arguments,
    reason = "one question's drawing state, read once"
)]
pub fn choices_ui(
    ui: &mut Ui,
    options: &[String],
    order: &[usize],
    picked: &BTreeSet<usize>,
    correct: &[usize],
    multiple: bool,
    reveal: bool,
    lang: Lang,
) -> Option<usize> {
    let mut clicked = None;
    ui.spacing_mut().item_spacing.y = 4.0;
    for (shown, &index) in order.iter().enumerate() {
        let Some(option) = options.get(index) else {
            continue;
        };
        let is_picked = picked.contains(&index);
        let verdict = if reveal && correct.contains(&index) {
            Some(Verdict::Right)
        } else if reveal && is_picked {
            Some(Verdict::WrongPick)
        } else {
            None
        };
        let text = RichText::new(format!("{}. {option}", option_letter(shown))).size(16.0);
        option_frame(ui, verdict, lang, |ui| {
            let response = if multiple {
                let mut on = is_picked;
                ui.add(egui::Checkbox::new(&mut on, text))
            } else {
                ui.add(egui::RadioButton::new(is_picked, text))
            };
            if response.clicked() {
                clicked = Some(index);
            }
        });
    }
    clicked
}

/// ✔ 对 / ✖ 错 as two clear buttons. Returns the value clicked, if any.
pub fn true_false_ui(
    ui: &mut Ui,
    chosen: Option<bool>,
    answer: bool,
    reveal: bool,
    lang: Lang,
) -> Option<bool> {
    let mut clicked = None;
    ui.horizontal(|ui| {
        for (value, mark, label) in [(true, "✔", T::True), (false, "✖", T::False)] {
            let is_chosen = chosen == Some(value);
            let verdict = if reveal && answer == value {
                Some(Verdict::Right)
            } else if reveal && is_chosen {
                Some(Verdict::WrongPick)
            } else {
                None
            };
            let dark = ui.visuals().dark_mode;
            let mut button = egui::Button::selectable(
                is_chosen,
                RichText::new(format!("{mark}  {}", label.get(lang))).size(18.0),
            )
            .min_size(egui::vec2(96.0, 36.0));
            if let Some(v) = verdict {
                button = egui::Button::new(
                    RichText::new(format!("{mark}  {}", label.get(lang)))
                        .size(18.0)
                        .color(verdict_text(dark)),
                )
                .fill(verdict_fill(v, dark))
                .stroke(verdict_stroke(v, dark))
                .min_size(egui::vec2(96.0, 36.0));
            }
            let response = ui.add(button);
            // Named by the word alone, as the learner says it and as before the marks.
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Button, true, is_chosen, label.get(lang))
            });
            if response.clicked() {
                clicked = Some(value);
            }
        }
    });
    clicked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::palette::contrast;

    #[test]
    fn marked_options_keep_readable_text_in_both_themes() {
        for dark in [false, true] {
            for verdict in [Verdict::Right, Verdict::WrongPick] {
                let fill = verdict_fill(verdict, dark);
                let ratio = contrast(verdict_text(dark), fill);
                assert!(ratio >= 4.5, "dark={dark} {verdict:?}: {ratio:.2}");
                // The border stands out from the tint (3:1 for non-text marks).
                let border = verdict_stroke(verdict, dark).color;
                let ratio = contrast(border, fill);
                assert!(ratio >= 3.0, "dark={dark} {verdict:?} border: {ratio:.2}");
            }
        }
    }
}
