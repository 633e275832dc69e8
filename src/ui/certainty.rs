//! Certainty with an answer (确定 / 不太确定 / 猜的, as in certainty-based marking) and the cause
//! of a mistake (概念不清 / 记忆混淆 / 审题失误 / 粗心): the rows a quiz shows under a question,
//! and the calibration line ("when you were sure, you were right 92 % of the time").

use egui::{RichText, Ui};

use super::{Command, StudyCmd};
use crate::i18n::{Lang, T};
use crate::model::evidence::{Calibration, Cause, Certainty};

/// The keys that submit with a certainty: J, K, L (the option keys are 1–8 and A–H, 判断 is
/// T/F, so the home row's right hand is free).
pub const CERTAINTY_KEYS: [egui::Key; 3] = [egui::Key::J, egui::Key::K, egui::Key::L];

pub fn certainty_label(certainty: Certainty) -> T {
    match certainty {
        Certainty::Sure => T::CertaintySure,
        Certainty::Unsure => T::CertaintyUnsure,
        Certainty::Guess => T::CertaintyGuess,
    }
}

pub fn cause_label(cause: Cause) -> T {
    match cause {
        Cause::Concept => T::CauseConcept,
        Cause::Confusion => T::CauseConfusion,
        Cause::Misreading => T::CauseMisreading,
        Cause::Careless => T::CauseCareless,
    }
}

/// The three buttons that submit the answer with a certainty (enabled once the answer is
/// complete); a key does the same. Returns the certainty chosen this frame.
pub fn certainty_ui(ui: &mut Ui, lang: Lang, ready: bool) -> Option<Certainty> {
    let typing = ui.ctx().memory(|m| m.focused().is_some());
    let mut chosen = None;
    ui.label(RichText::new(T::CertaintyAsk.get(lang)).weak());
    ui.horizontal_wrapped(|ui| {
        for (certainty, key) in Certainty::ALL.into_iter().zip(CERTAINTY_KEYS) {
            let text = format!("{} {}", key.name(), certainty_label(certainty).get(lang));
            let button = ui.add_enabled(ready, egui::Button::new(text));
            let pressed = ready && !typing && ui.input(|i| i.key_pressed(key));
            if button.clicked() || pressed {
                chosen = Some(certainty);
            }
        }
    });
    chosen
}

/// [`certainty_ui`] under a choice or 判断 question (a written answer is marked after the model
/// answer is read, when certainty says nothing): the certainty chosen this frame.
pub fn certainty_for(
    ui: &mut Ui,
    lang: Lang,
    kind: &crate::model::QuestionKind,
    ready: bool,
) -> Option<Certainty> {
    use crate::model::QuestionKind;
    match kind {
        QuestionKind::ShortAnswer { .. } | QuestionKind::Case { .. } => None,
        _ => certainty_ui(ui, lang, ready),
    }
}

/// After a wrong answer: why was it wrong? One click tags the cause (again: untags).
pub fn cause_ui(ui: &mut Ui, lang: Lang, item: &str, current: Option<Cause>) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(T::CauseAsk.get(lang)).strong());
        for cause in Cause::ALL {
            let on = current == Some(cause);
            if ui
                .add(egui::Button::new(cause_label(cause).get(lang)).selected(on))
                .clicked()
            {
                commands.push(Command::Study(StudyCmd::SetCause {
                    item: item.to_owned(),
                    cause: (!on).then_some(cause),
                }));
            }
        }
    });
    commands
}

/// "When you were sure, you were right N %", or how to get that line.
pub fn calibration_line(calibration: &Calibration, lang: Lang) -> String {
    match calibration.sure.rate() {
        Some(rate) => T::CalibrationSummary.fmt(lang, &[&format!("{:.0}", rate * 100.0)]),
        None => T::CalibrationNone.get(lang).to_owned(),
    }
}

/// The calibration line and, under it, each certainty's right rate.
pub fn calibration_ui(ui: &mut Ui, calibration: &Calibration, lang: Lang) {
    ui.label(calibration_line(calibration, lang));
    let rows: Vec<String> = Certainty::ALL
        .into_iter()
        .filter_map(|c| {
            let row = calibration.row(c);
            row.rate().map(|rate| {
                format!(
                    "{} {:.0}% ({}/{})",
                    certainty_label(c).get(lang),
                    rate * 100.0,
                    row.right,
                    row.total
                )
            })
        })
        .collect();
    if !rows.is_empty() {
        ui.label(RichText::new(rows.join(" · ")).weak());
    }
}
