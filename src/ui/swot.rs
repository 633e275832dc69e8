//! The SWOT case exercise. Stage one: sort the case's statements into Strengths, Weaknesses,
//! Opportunities and Threats on the painted grid — drag a card, or select it and press 1–4 or
//! click a quadrant — then check, with the reason for every card. Stage two (TOWS): match the
//! strategy statements to SO, WO, ST and WT the same way.

use egui::{Id, RichText, Ui};

use super::board::{Bins, BoardKeys, BoardSpec, CardView, Sorting, board_ui, selected_hint_ui};
use super::dnd::{bad_color, good_color, readable, rgb};
use super::exercise::{header_ui, hint_ui, score_banner_ui};
use super::grid::{GridCell, tows_axes};
use super::layout::wide_page;
use super::lesson::{Accent, card_ui};
use super::rich::paragraph_ui;
use super::{Command, ScreenCtx, StudyCmd};
use crate::export::picture::quadrant_rgb;
use crate::export::{pairing_title, quadrant_nature, quadrant_title};
use crate::i18n::{Lang, T};
use crate::model::{
    ItemKind, Pairing, PairingMistake, Quadrant, SwotExercise, SwotMistake, grade_strategies,
    grade_swot,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SwotStage {
    Sort,
    Strategies,
}

pub struct SwotView {
    pub exercise: SwotExercise,
    seed: u64,
    pub stage: SwotStage,
    pub sort: Sorting,
    pub tows: Sorting,
    /// When this attempt was first shown (set on the first frame, cleared once a score is
    /// recorded), so the attempt log has the time the exercise took.
    started: Option<chrono::DateTime<chrono::Utc>>,
}

/// The next seed for a reshuffle (a step of a 64-bit LCG: different, yet reproducible).
pub fn next_seed(seed: u64) -> u64 {
    seed.wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407)
}

impl SwotView {
    pub fn new(exercise: SwotExercise, seed: u64) -> Self {
        Self {
            sort: Sorting::new(exercise.cards.len(), seed),
            tows: Sorting::new(exercise.strategies.len(), next_seed(seed)),
            exercise,
            seed,
            stage: SwotStage::Sort,
            started: None,
        }
    }

    /// The card the keyboard acts on, if any (its index in the exercise's card list).
    pub fn selected(&self) -> Option<usize> {
        match self.stage {
            SwotStage::Sort => self.sort.selected,
            SwotStage::Strategies => self.tows.selected,
        }
    }

    /// The key under which the strategy stage's scores are kept.
    pub fn tows_key(&self) -> String {
        format!("{}#tows", self.exercise.id)
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &ScreenCtx<'_>) -> Vec<Command> {
        let lang = cx.lang;
        let mut commands = Vec::new();
        let started = *self.started.get_or_insert(cx.now);
        wide_page(ui, ("swot", self.exercise.id.clone()), |ui| {
            let score_key = match self.stage {
                SwotStage::Sort => self.exercise.id.clone(),
                SwotStage::Strategies => self.tows_key(),
            };
            header_ui(
                ui,
                cx,
                ItemKind::Swot,
                &self.exercise.title,
                &self.exercise.lesson,
                Some(&score_key),
                &mut commands,
            );
            card_ui(ui, Accent::Example, T::CaseText.get(lang), |ui| {
                paragraph_ui(ui, &self.exercise.case_text)
            });
            ui.add_space(6.0);
            if !self.exercise.strategies.is_empty() {
                ui.horizontal(|ui| {
                    for (stage, label) in [
                        (SwotStage::Sort, T::StageSortFactors),
                        (SwotStage::Strategies, T::StageMatchStrategies),
                    ] {
                        if ui
                            .add(egui::Button::selectable(
                                self.stage == stage,
                                RichText::new(label.get(lang)).size(15.0),
                            ))
                            .clicked()
                        {
                            self.stage = stage;
                        }
                    }
                });
                ui.add_space(4.0);
            }
            match self.stage {
                SwotStage::Sort => self.sort_ui(ui, lang, started, &mut commands),
                SwotStage::Strategies => self.tows_ui(ui, lang, started, &mut commands),
            }
            ui.add_space(24.0);
        });
        commands
    }

    fn sort_ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        started: chrono::DateTime<chrono::Utc>,
        commands: &mut Vec<Command>,
    ) {
        hint_ui(ui, T::SwotSortHelp.get(lang));
        ui.add_space(6.0);
        let enter = self.sort.keys_ui(ui, BoardKeys::default());
        let exercise = &self.exercise;
        let placements = self
            .sort
            .board
            .placements(exercise.cards.len(), Quadrant::ALL);
        let grade = grade_swot(&exercise.cards, &placements);
        let checked = self.sort.checked;
        let cards: Vec<CardView> = exercise
            .cards
            .iter()
            .zip(&grade.cards)
            .map(|(card, (judged, mistake))| {
                let verdict = Verdict {
                    correct: judged.correct,
                    reason: &card.reason,
                    fallback: quadrant_nature(card.quadrant, lang),
                    belongs_in: format!(
                        "{}{}",
                        quadrant_title(card.quadrant, lang),
                        crate::i18n::paren(lang, &quadrant_nature(card.quadrant, lang))
                    ),
                    mistake: mistake.map(|m| swot_mistake_text(m, lang)),
                };
                card_view(ui, lang, &card.text, checked, verdict)
            })
            .collect();
        let cells = GridCell::quadrants(T::PutIn, lang);
        let spec = BoardSpec {
            id: Id::unique(("swot-sort", &exercise.id)),
            cards: &cards,
            cells,
            bins: Bins::Grid {
                columns: [T::Helpful.get(lang), T::Harmful.get(lang)],
                rows: [T::Internal.get(lang), T::External.get(lang)],
            },
            pool_title: T::CardsToSort.get(lang),
            text_size: 15.0,
        };
        if stage_board_ui(ui, &mut self.sort, &spec, enter, lang) {
            commands.push(Command::Study(StudyCmd::RecordExerciseScore {
                item: self.exercise.id.clone(),
                score: grade.right as f32,
                max: grade.max as f32,
                started,
            }));
            self.started = None;
        }
        if self.sort.checked {
            self.sort_result_ui(ui, grade.right, grade.max, lang);
        }
    }

    /// The score, and the ways on: try again, or go to the strategies.
    fn sort_result_ui(&mut self, ui: &mut Ui, right: usize, max: usize, lang: Lang) {
        score_banner_ui(
            ui,
            T::Score.get(lang),
            right,
            max,
            &mut self.sort.reveal,
            lang,
        );
        ui.horizontal_wrapped(|ui| {
            if super::board::retry_button_ui(ui, lang) {
                self.seed = next_seed(self.seed);
                self.sort = Sorting::new(self.exercise.cards.len(), self.seed);
            }
            if !self.exercise.strategies.is_empty()
                && ui
                    .button(RichText::new(T::NextStrategies.get(lang)).strong())
                    .clicked()
            {
                self.stage = SwotStage::Strategies;
            }
        });
    }

    fn tows_result_ui(&mut self, ui: &mut Ui, right: usize, max: usize, lang: Lang) {
        score_banner_ui(
            ui,
            T::Score.get(lang),
            right,
            max,
            &mut self.tows.reveal,
            lang,
        );
        if super::board::retry_button_ui(ui, lang) {
            self.seed = next_seed(self.seed);
            self.tows = Sorting::new(self.exercise.strategies.len(), next_seed(self.seed));
        }
    }

    fn tows_ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        started: chrono::DateTime<chrono::Utc>,
        commands: &mut Vec<Command>,
    ) {
        let dark = ui.visuals().dark_mode;
        hint_ui(ui, T::StrategiesHelp.get(lang));
        egui::CollapsingHeader::new(T::CaseFactors.get(lang))
            .id_salt(("case-factors", &self.exercise.id))
            .show(ui, |ui| {
                egui::Grid::new(("factors", &self.exercise.id))
                    .num_columns(2)
                    .spacing([12.0, 4.0])
                    .show(ui, |ui| {
                        for q in Quadrant::ALL {
                            ui.label(
                                RichText::new(quadrant_title(q, lang))
                                    .strong()
                                    .color(readable(rgb(quadrant_rgb(q)), dark)),
                            );
                            let items: Vec<&str> = self
                                .exercise
                                .cards
                                .iter()
                                .filter(|c| c.quadrant == q)
                                .map(|c| c.text.as_str())
                                .collect();
                            ui.add(egui::Label::new(items.join(T::ItemSep.get(lang))).wrap());
                            ui.end_row();
                        }
                    });
            });
        ui.add_space(6.0);
        let enter = self.tows.keys_ui(ui, BoardKeys::default());
        let exercise = &self.exercise;
        let placements = self
            .tows
            .board
            .placements(exercise.strategies.len(), Pairing::ALL);
        let grade = grade_strategies(&exercise.strategies, &placements);
        let checked = self.tows.checked;
        let cards: Vec<CardView> = exercise
            .strategies
            .iter()
            .zip(&grade.strategies)
            .map(|(strategy, (judged, mistake))| {
                let verdict = Verdict {
                    correct: judged.correct,
                    reason: &strategy.reason,
                    fallback: pairing_title(strategy.pairing, lang),
                    belongs_in: pairing_title(strategy.pairing, lang),
                    mistake: mistake.map(|m| pairing_mistake_text(m, lang)),
                };
                card_view(ui, lang, &strategy.text, checked, verdict)
            })
            .collect();
        let cells = GridCell::pairings(Some(T::PutIn), lang);
        let (columns, rows) = tows_axes(lang);
        let spec = BoardSpec {
            id: Id::unique(("swot-tows", &exercise.id)),
            cards: &cards,
            cells,
            bins: Bins::Grid {
                columns: [&columns[0], &columns[1]],
                rows: [&rows[0], &rows[1]],
            },
            pool_title: T::StrategiesToMatch.get(lang),
            text_size: 15.0,
        };
        if stage_board_ui(ui, &mut self.tows, &spec, enter, lang) {
            commands.push(Command::Study(StudyCmd::RecordExerciseScore {
                item: self.tows_key(),
                score: grade.right as f32,
                max: grade.max as f32,
                started,
            }));
            self.started = None;
        }
        if self.tows.checked {
            self.tows_result_ui(ui, grade.right, grade.max, lang);
        }
        ui.add_space(10.0);
        ui.separator();
        ui.label(T::OwnStrategiesHint.get(lang));
        if ui.button(T::WriteOwnStrategies.get(lang)).clicked() {
            commands.push(Command::Study(StudyCmd::NewMySwotFromCase(
                self.exercise.id.clone(),
            )));
        }
    }
}

/// What both stages draw alike: the selected card's hint, the board, and the Check button.
/// Returns true when the learner checked this frame (the caller records the score).
fn stage_board_ui(
    ui: &mut Ui,
    sorting: &mut Sorting,
    spec: &BoardSpec<'_>,
    enter: bool,
    lang: Lang,
) -> bool {
    selected_hint_ui(ui, sorting, spec.cards, lang);
    board_ui(ui, sorting, spec, lang);
    ui.add_space(8.0);
    sorting.check_button_ui(ui, enter, lang)
}

/// How a card was judged, for its feedback lines.
struct Verdict<'a> {
    correct: bool,
    /// Why the card belongs where it does, as the pack explains it ("" when it does not).
    reason: &'a str,
    /// Said for a right card when the pack gives no reason.
    fallback: String,
    /// Where a wrong card belongs, after "belongs in".
    belongs_in: String,
    mistake: Option<&'static str>,
}

/// A card as drawn: once checked, a right card says why it is right; a wrong one says where it
/// belongs, what kind of mistake that is and the pack's reason.
fn card_view(ui: &Ui, lang: Lang, text: &str, checked: bool, verdict: Verdict<'_>) -> CardView {
    let dark = ui.visuals().dark_mode;
    let mut feedback = Vec::new();
    if checked {
        if verdict.correct {
            let why = if verdict.reason.is_empty() {
                verdict.fallback
            } else {
                verdict.reason.to_owned()
            };
            feedback.push((format!("✔ {why}"), good_color(dark)));
        } else {
            feedback.push((
                format!("✘ {}{}", T::BelongsIn.get(lang), verdict.belongs_in),
                bad_color(dark),
            ));
            if let Some(mistake) = verdict.mistake {
                feedback.push((mistake.to_owned(), bad_color(dark)));
            }
            if !verdict.reason.is_empty() {
                feedback.push((verdict.reason.to_owned(), ui.visuals().weak_text_color()));
            }
        }
    }
    CardView {
        text: text.to_owned(),
        verdict: checked.then_some(verdict.correct),
        feedback,
    }
}

pub fn swot_mistake_text(mistake: SwotMistake, lang: Lang) -> &'static str {
    match mistake {
        SwotMistake::Missing => T::MistakeMissing,
        SwotMistake::InsideOutside => T::MistakeInsideOutside,
        SwotMistake::HelpsHurts => T::MistakeHelpsHurts,
        SwotMistake::Both => T::MistakeBoth,
    }
    .get(lang)
}

pub fn pairing_mistake_text(mistake: PairingMistake, lang: Lang) -> &'static str {
    match mistake {
        PairingMistake::Missing => T::MistakeMissing,
        PairingMistake::InternalSide => T::PairMistakeInternal,
        PairingMistake::ExternalSide => T::PairMistakeExternal,
        PairingMistake::Both => T::PairMistakeBoth,
    }
    .get(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reshuffles_differ_but_repeat() {
        assert_ne!(next_seed(1), 1);
        assert_eq!(next_seed(7), next_seed(7));
    }
}
