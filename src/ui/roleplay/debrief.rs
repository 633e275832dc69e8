//! The role-play's debrief: every decision of the learner's play-through beside the best reply
//! that was open at that same point, each with its principle and score.

use egui::{RichText, Ui};

use crate::i18n::{Lang, T, paren};
use crate::model::{Conversation, RolePlay};
use crate::ui::lesson::{Accent, card_ui};

/// A reply in the debrief: its text, principle and score.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Reply {
    pub(super) text: String,
    pub(super) principle: String,
    pub(super) score: i32,
}

impl Reply {
    fn of(choice: &crate::model::Choice) -> Self {
        Self {
            text: choice.text.clone(),
            principle: choice.principle.clone(),
            score: choice.score,
        }
    }
}

/// One decision of the learner's play-through: what they replied and the best-scoring reply
/// that was open to them at that same point.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct DebriefStep {
    pub(super) mine: Reply,
    pub(super) best: Reply,
}

/// Every decision along `path` (choice indices), each with the best reply available there.
pub(super) fn debrief_steps(play: &RolePlay, path: &[usize]) -> Vec<DebriefStep> {
    let Ok(mut talk) = Conversation::start(play) else {
        return Vec::new();
    };
    let mut steps = Vec::new();
    for &index in path {
        let Some(node) = talk.current(play) else {
            break;
        };
        let Some(choice) = node.choices.get(index) else {
            break;
        };
        let mine = Reply::of(choice);
        // The first of the highest-scoring replies open here (the learner's own on a tie).
        let best = play
            .available(node, &talk.vars)
            .into_iter()
            .map(|(_, c)| c)
            .fold(None::<&crate::model::Choice>, |best, c| match best {
                Some(b) if b.score >= c.score => Some(b),
                _ => Some(c),
            })
            .filter(|b| b.score > choice.score)
            .map_or_else(|| mine.clone(), Reply::of);
        steps.push(DebriefStep { mine, best });
        if talk.choose(play, index).is_err() {
            break;
        }
    }
    steps
}

/// One step of the debrief, stacked so long replies wrap at any width: the learner's reply,
/// then the best reply (or a note that it was the best), each with its principle and score.
pub(super) fn step_ui(ui: &mut Ui, n: usize, step: &DebriefStep, lang: Lang) {
    let same = step.mine == step.best;
    let accent = if same {
        Accent::KeyPoints
    } else {
        Accent::ExamTip
    };
    card_ui(
        ui,
        accent,
        &T::RolePlayStep.fmt(lang, &[&(n + 1).to_string()]),
        |ui| {
            reply_ui(ui, T::YourReplyWas.get(lang), &step.mine, lang);
            if same {
                ui.label(
                    RichText::new(T::SameAsBest.get(lang))
                        .strong()
                        .color(crate::ui::dnd::good_color(ui.visuals().dark_mode)),
                );
            } else {
                ui.add_space(4.0);
                reply_ui(ui, T::BestReplyWas.get(lang), &step.best, lang);
            }
        },
    );
}

fn reply_ui(ui: &mut Ui, label: &str, reply: &Reply, lang: Lang) {
    ui.add(
        egui::Label::new(
            RichText::new(format!(
                "{label}{}{}",
                reply.text,
                paren(lang, &format!("{:+}", reply.score))
            ))
            .size(15.0),
        )
        .wrap(),
    );
    if !reply.principle.is_empty() {
        ui.add(
            egui::Label::new(
                RichText::new(format!("{} {}", T::Principle.get(lang), reply.principle)).weak(),
            )
            .wrap(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{builtin_source, load_pack};

    /// Plays `play` to its end, always taking the open reply that `pick` prefers (by score).
    fn play_through(play: &RolePlay, pick: fn(i32, i32) -> bool) -> Vec<usize> {
        let mut talk = Conversation::start(play).unwrap();
        let mut path = Vec::new();
        while let Some(node) = talk.current(play) {
            if node.ending.is_some() {
                break;
            }
            let open = play.available(node, &talk.vars);
            let Some(&(index, _)) = open
                .iter()
                .reduce(|a, b| if pick(b.1.score, a.1.score) { b } else { a })
            else {
                break;
            };
            path.push(index);
            talk.choose(play, index).unwrap();
        }
        path
    }

    #[test]
    fn each_decision_is_set_beside_the_best_reply_open_there() {
        let pack = load_pack(&builtin_source()).pack.unwrap();
        let plays: Vec<&RolePlay> = pack.chapters.iter().flat_map(|c| &c.roleplays).collect();
        assert!(plays.len() >= 3);
        for play in plays {
            // The worst reply every time: every step is shown, none beats its best.
            let worst = play_through(play, |a, b| a < b);
            let steps = debrief_steps(play, &worst);
            assert_eq!(steps.len(), worst.len(), "{}", play.id);
            assert!(steps.iter().all(|s| s.best.score >= s.mine.score));
            assert!(
                steps.iter().any(|s| s.best != s.mine),
                "{}: some better reply was open",
                play.id
            );
            // The best reply every time: every step says it was the best.
            let best = play_through(play, |a, b| a > b);
            let steps = debrief_steps(play, &best);
            assert_eq!(steps.len(), best.len());
            assert!(steps.iter().all(|s| s.best == s.mine), "{}", play.id);
        }
        // A path that leaves the scenario stops the debrief there.
        let play = pack
            .chapters
            .iter()
            .flat_map(|c| &c.roleplays)
            .next()
            .unwrap();
        assert!(debrief_steps(play, &[99]).is_empty());
    }
}
