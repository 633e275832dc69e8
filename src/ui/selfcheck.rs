//! Self-check under an item read with its answer (背题): "I knew it" / "Not yet" records an attempt
//! worth 1 point, so reading practice counts towards mastery until the quizzes grade answers.

use egui::{RichText, Ui};

use super::Command;
use crate::i18n::{Lang, T};
use crate::progress::{Attempt, Progress, dates};

/// The answer text stored with a self-check attempt.
pub const KNEW_IT: &str = "self-check: knew it";
pub const NOT_YET: &str = "self-check: not yet";

pub fn ui(ui: &mut Ui, item_id: &str, progress: Option<&Progress>, lang: Lang) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.add_space(12.0);
    ui.separator();
    ui.label(RichText::new(T::SelfCheck.get(lang)).strong());
    ui.label(RichText::new(T::SelfCheckHelp.get(lang)).weak());
    ui.horizontal(|ui| {
        let now = dates::now();
        let attempt = |score: f32, answer: &str| Attempt {
            started: now,
            finished: now,
            answer: answer.to_owned(),
            score,
            max: 1.0,
        };
        if ui.button(format!("✔ {}", T::GotIt.get(lang))).clicked() {
            commands.push(Command::RecordAttempt {
                item: item_id.to_owned(),
                attempt: attempt(1.0, KNEW_IT),
            });
        }
        if ui.button(format!("✘ {}", T::NotYet.get(lang))).clicked() {
            commands.push(Command::RecordAttempt {
                item: item_id.to_owned(),
                attempt: attempt(0.0, NOT_YET),
            });
        }
        let last = progress.and_then(|p| p.last_attempt(item_id));
        if let Some(last) = last {
            let verdict = if last.ratio() >= 0.5 {
                T::GotIt
            } else {
                T::NotYet
            };
            ui.label(
                RichText::new(T::LastSelfCheck.fmt(
                    lang,
                    &[&format!(
                        "{} · {}",
                        verdict.get(lang),
                        dates::display(last.finished)
                    )],
                ))
                .weak(),
            );
        }
    });
    commands
}
