//! The SWOT case exercise. Stage one: sort the case's statements into Strengths, Weaknesses,
//! Opportunities and Threats on the painted grid — drag a card, or select it and press 1–4 or
//! click a quadrant — then check, with the reason for every card. Stage two (TOWS): match the
//! strategy statements to SO, WO, ST and WT the same way.

use egui::{Color32, Id, Rect, RichText, Ui};

use super::dnd::{
    CardLook, bad_color, drag_card_ui, drop_hover, drop_line_ui, exercise_keys, good_color,
    insertion_index, pointer_pos, readable, rgb,
};
use super::exercise::{header_ui, hint_ui, score_banner_ui, wide_column};
use super::grid::{GridCell, grid_ui};
use super::lesson::{Accent, card_ui};
use super::rich::paragraph_ui;
use super::{Command, ScreenCtx, StudyCmd};
use crate::export::picture::{pairing_rgb, quadrant_rgb};
use crate::export::{
    pairing_logic, pairing_situation, pairing_strategy, pairing_title, quadrant_name,
    quadrant_nature, quadrant_title,
};
use crate::i18n::{Lang, T};
use crate::model::{
    Board, ItemKind, Pairing, PairingMistake, Quadrant, SwotExercise, SwotMistake,
    grade_strategies, grade_swot, shuffled,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SwotStage {
    Sort,
    Strategies,
}

/// One round of dealing cards into four bins, with the UI state around it.
#[derive(Clone, Debug)]
pub struct Sorting {
    pub board: Board,
    pub selected: Option<usize>,
    pub checked: bool,
    /// Just checked: scroll the verdict into view.
    reveal: bool,
    /// The card being dragged, as of the last frame.
    dragging: Option<usize>,
    /// The grid cells as drawn last frame, for drops and drop highlights.
    cells: [Rect; 4],
}

impl Sorting {
    fn new(count: usize, seed: u64) -> Self {
        let board = Board::new(shuffled(count, seed));
        Self {
            selected: board.pool.first().copied(),
            board,
            checked: false,
            reveal: false,
            dragging: None,
            cells: [Rect::NOTHING; 4],
        }
    }

    fn place(&mut self, card: usize, bin: usize, at: Option<usize>) {
        self.board.place(card, bin, at);
        // The keyboard user goes straight on with the next card still to sort.
        self.selected = self.board.pool.first().copied();
    }

    /// Selects the next (or previous) card in reading order.
    fn cycle(&mut self, forward: bool) {
        let order = self.board.reading_order();
        if order.is_empty() {
            return;
        }
        let here = self
            .selected
            .and_then(|s| order.iter().position(|c| *c == s));
        let next = match (here, forward) {
            (None, true) => 0,
            (None, false) => order.len() - 1,
            (Some(i), true) => (i + 1) % order.len(),
            (Some(i), false) => (i + order.len() - 1) % order.len(),
        };
        self.selected = order.get(next).copied();
    }

    /// Keyboard: ←/→ choose a card, 1–4 place it, 0 or Backspace take it back, Esc deselects.
    /// Returns whether Enter was pressed (to check).
    fn keys_ui(&mut self, ui: &Ui) -> bool {
        if !exercise_keys(ui) || self.checked {
            return false;
        }
        use egui::Key;
        let (left, right, bins, back, escape, enter) = ui.input(|i| {
            (
                i.key_pressed(Key::ArrowLeft) || i.key_pressed(Key::ArrowUp),
                i.key_pressed(Key::ArrowRight) || i.key_pressed(Key::ArrowDown),
                [Key::Num1, Key::Num2, Key::Num3, Key::Num4].map(|k| i.key_pressed(k)),
                i.key_pressed(Key::Num0) || i.key_pressed(Key::Backspace),
                i.key_pressed(Key::Escape),
                i.key_pressed(Key::Enter),
            )
        });
        if left {
            self.cycle(false);
        }
        if right {
            self.cycle(true);
        }
        if let Some(card) = self.selected {
            if let Some(bin) = bins.iter().position(|pressed| *pressed) {
                self.place(card, bin, None);
            } else if back {
                self.board.unplace(card);
            }
        }
        if escape {
            self.selected = None;
        }
        enter
    }
}

/// How one card is shown: its text and, once checked, the verdict with the reasons.
struct CardView {
    text: String,
    verdict: Option<bool>,
    /// Shown under the text after checking: where it belongs (when wrong), what went wrong, why.
    feedback: Vec<(String, Color32)>,
}

/// What a sorting board needs to know to draw itself.
struct BoardSpec<'a> {
    id: Id,
    cards: &'a [CardView],
    grid: [GridCell; 4],
    /// The accent of a card in each bin (the bin's colour), and of one still in the pool.
    bin_accents: [Color32; 4],
    columns: [&'a str; 2],
    rows: [&'a str; 2],
    pool_title: &'a str,
    accent: Color32,
}

/// Draws the pool of cards and the grid, and applies drags, clicks and keys to `sorting`.
/// Returns whether the learner asked to check (Enter).
fn board_ui(ui: &mut Ui, sorting: &mut Sorting, spec: &BoardSpec<'_>, lang: Lang) -> bool {
    let enter = sorting.keys_ui(ui);
    let dark = ui.visuals().dark_mode;
    let dragging_before = sorting.dragging;
    let mut dragging_now = None;
    let mut dropped = None;
    let mut clicked_card = None;
    let mut bin_rects: [Vec<(usize, Rect)>; 4] = Default::default();
    let locked = sorting.checked;

    let mut draw_card =
        |ui: &mut Ui, card: usize, width: f32, bin_rects: Option<&mut Vec<(usize, Rect)>>| {
            let Some(view) = spec.cards.get(card) else {
                return;
            };
            let accent = sorting
                .board
                .bin_of(card)
                .map_or(spec.accent, |bin| spec.bin_accents[bin]);
            let look = CardLook {
                accent,
                selected: sorting.selected == Some(card) && !locked,
                verdict: view.verdict,
                draggable: !locked,
            };
            let response = drag_card_ui(ui, spec.id.with(card), width, look, &view.text, |ui| {
                super::dnd::card_text_ui(ui, &view.text, 15.0);
                for (line, color) in &view.feedback {
                    ui.add(
                        egui::Label::new(RichText::new(line).small().color(*color))
                            .wrap()
                            .selectable(false),
                    );
                }
            });
            if response.clicked() {
                clicked_card = Some(card);
            }
            if response.dragged() {
                dragging_now = Some(card);
            }
            if response.drag_stopped() {
                dropped = Some(card);
            }
            if let Some(rects) = bin_rects {
                rects.push((card, response.rect));
            }
        };

    // The pool: cards still to sort, two to a row.
    let pool_top = ui.cursor().min.y;
    if !sorting.board.pool.is_empty() {
        ui.label(
            RichText::new(format!(
                "{}{}",
                spec.pool_title,
                crate::i18n::paren(lang, &sorting.board.pool.len().to_string())
            ))
            .strong(),
        );
        let width = (ui.available_width() - 8.0) / 2.0;
        let pool = sorting.board.pool.clone();
        for pair in pool.chunks(2) {
            ui.horizontal_top(|ui| {
                for &card in pair {
                    draw_card(ui, card, width, None);
                }
            });
        }
    } else if !locked {
        ui.label(
            RichText::new(T::AllSorted.get(lang))
                .color(good_color(dark))
                .strong(),
        );
    }
    let pool_area = Rect::from_min_max(
        egui::pos2(ui.min_rect().left(), pool_top),
        egui::pos2(ui.min_rect().right(), ui.cursor().min.y),
    );
    ui.add_space(10.0);

    let highlight: [bool; 4] =
        std::array::from_fn(|i| drop_hover(ui, dragging_before.is_some(), sorting.cells[i]));
    let output = grid_ui(
        ui,
        spec.id.with("grid"),
        spec.columns,
        spec.rows,
        &spec.grid,
        highlight,
        |ui, bin| {
            let cards = sorting.board.bins[bin].clone();
            let width = ui.available_width();
            for card in cards {
                draw_card(ui, card, width, Some(&mut bin_rects[bin]));
                ui.add_space(2.0);
            }
            if cards_empty_hint(&sorting.board.bins[bin]) {
                ui.add(
                    egui::Label::new(RichText::new(T::DropHere.get(lang)).weak().italics())
                        .selectable(false),
                );
            }
        },
    );
    sorting.cells = output.cells;

    // Where a dragged card would land: a line between the cards of the cell under the pointer.
    if let (Some(card), Some(pointer)) = (dragging_before, ui.ctx().pointer_hover_pos())
        && let Some(bin) = output.cells.iter().position(|r| r.contains(pointer))
    {
        let rects: Vec<Rect> = bin_rects[bin].iter().map(|(_, r)| *r).collect();
        let skip = bin_rects[bin].iter().position(|(c, _)| *c == card);
        drop_line_ui(ui, output.cells[bin].shrink(6.0), &rects, pointer.y, skip);
    }

    if !locked {
        if let Some(card) = clicked_card {
            sorting.selected = if sorting.selected == Some(card) {
                None
            } else {
                Some(card)
            };
        }
        if let (Some(bin), Some(card)) = (output.clicked, sorting.selected) {
            sorting.place(card, bin, None);
        }
        if let Some(card) = dropped
            && let Some(pointer) = pointer_pos(ui)
        {
            if let Some(bin) = output.cells.iter().position(|r| r.contains(pointer)) {
                let rects: Vec<Rect> = bin_rects[bin].iter().map(|(_, r)| *r).collect();
                let skip = bin_rects[bin].iter().position(|(c, _)| *c == card);
                let at = insertion_index(&rects, pointer.y, skip);
                sorting.place(card, bin, Some(at));
            } else if pool_area.contains(pointer) {
                sorting.board.unplace(card);
            }
        }
    }
    sorting.dragging = dragging_now;
    if dragging_now.is_some() {
        ui.ctx().request_repaint();
    }
    enter
}

fn cards_empty_hint(cards: &[usize]) -> bool {
    cards.is_empty()
}

pub struct SwotView {
    pub exercise: SwotExercise,
    seed: u64,
    pub stage: SwotStage,
    pub sort: Sorting,
    pub tows: Sorting,
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
        egui::ScrollArea::vertical()
            .id_salt(("swot", &self.exercise.id))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                wide_column(ui, |ui| {
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
                        SwotStage::Sort => self.sort_ui(ui, lang, &mut commands),
                        SwotStage::Strategies => self.tows_ui(ui, lang, &mut commands),
                    }
                    ui.add_space(24.0);
                });
            });
        commands
    }

    fn sort_ui(&mut self, ui: &mut Ui, lang: Lang, commands: &mut Vec<Command>) {
        hint_ui(ui, T::SwotSortHelp.get(lang));
        ui.add_space(6.0);
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
        let grid = Quadrant::ALL.map(|q| GridCell {
            badge: q.letter().to_owned(),
            title: quadrant_name(q).get(lang).to_owned(),
            subtitle: quadrant_nature(q, lang),
            color: readable(rgb(quadrant_rgb(q)), false),
            key: Some((q.index() + 1).to_string()),
            label: format!("{} {}", T::PutIn.get(lang), quadrant_title(q, lang)),
        });
        if let Some(card) = self.sort.selected.filter(|_| !self.sort.checked)
            && let Some(text) = exercise.cards.get(card).map(|c| c.text.clone())
        {
            hint_ui(
                ui,
                &format!(
                    "{}{text} — {}",
                    T::Selected.get(lang),
                    T::PressOneToFour.get(lang)
                ),
            );
        }
        let spec = BoardSpec {
            id: Id::unique(("swot-sort", &exercise.id)),
            cards: &cards,
            grid,
            columns: [T::Helpful.get(lang), T::Harmful.get(lang)],
            rows: [T::Internal.get(lang), T::External.get(lang)],
            bin_accents: Quadrant::ALL.map(|q| rgb(quadrant_rgb(q))),
            pool_title: T::CardsToSort.get(lang),
            accent: Color32::from_rgb(120, 120, 130),
        };
        let enter = board_ui(ui, &mut self.sort, &spec, lang);
        ui.add_space(8.0);
        if self.sort.checked {
            self.sort_result_ui(ui, grade.right, grade.max, lang);
        } else {
            let ready = self.sort.board.is_complete();
            if ui
                .add_enabled(
                    ready,
                    egui::Button::new(RichText::new(T::Check.get(lang)).strong()),
                )
                .clicked()
                || (ready && enter)
            {
                self.sort.checked = true;
                self.sort.reveal = true;
                commands.push(Command::Study(StudyCmd::RecordExerciseScore {
                    item: self.exercise.id.clone(),
                    score: grade.right as f32,
                    max: grade.max as f32,
                }));
            }
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
        ui.horizontal(|ui| {
            if ui.button(T::Retry.get(lang)).clicked() {
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
        if ui.button(T::Retry.get(lang)).clicked() {
            self.seed = next_seed(self.seed);
            self.tows = Sorting::new(self.exercise.strategies.len(), next_seed(self.seed));
        }
    }

    fn tows_ui(&mut self, ui: &mut Ui, lang: Lang, commands: &mut Vec<Command>) {
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
        let grid = Pairing::ALL.map(|p| GridCell {
            badge: p.code().to_owned(),
            title: format!(
                "{} · {}",
                pairing_strategy(p).get(lang),
                pairing_situation(p).get(lang)
            ),
            subtitle: pairing_logic(p).get(lang).to_owned(),
            color: rgb(pairing_rgb(p)),
            key: Some((p.index() + 1).to_string()),
            label: format!("{} {}", T::PutIn.get(lang), pairing_title(p, lang)),
        });
        if let Some(card) = self.tows.selected.filter(|_| !self.tows.checked)
            && let Some(text) = exercise.strategies.get(card).map(|c| c.text.clone())
        {
            hint_ui(
                ui,
                &format!(
                    "{}{text} — {}",
                    T::Selected.get(lang),
                    T::PressOneToFour.get(lang)
                ),
            );
        }
        let columns = [
            quadrant_title(Quadrant::Strength, lang),
            quadrant_title(Quadrant::Weakness, lang),
        ];
        let rows = [
            quadrant_title(Quadrant::Opportunity, lang),
            quadrant_title(Quadrant::Threat, lang),
        ];
        let spec = BoardSpec {
            id: Id::unique(("swot-tows", &exercise.id)),
            cards: &cards,
            grid,
            columns: [&columns[0], &columns[1]],
            rows: [&rows[0], &rows[1]],
            bin_accents: Pairing::ALL.map(|p| rgb(pairing_rgb(p))),
            pool_title: T::StrategiesToMatch.get(lang),
            accent: Color32::from_rgb(120, 120, 130),
        };
        let enter = board_ui(ui, &mut self.tows, &spec, lang);
        ui.add_space(8.0);
        if self.tows.checked {
            self.tows_result_ui(ui, grade.right, grade.max, lang);
        } else {
            let ready = self.tows.board.is_complete();
            if ui
                .add_enabled(
                    ready,
                    egui::Button::new(RichText::new(T::Check.get(lang)).strong()),
                )
                .clicked()
                || (ready && enter)
            {
                self.tows.checked = true;
                self.tows.reveal = true;
                commands.push(Command::Study(StudyCmd::RecordExerciseScore {
                    item: self.tows_key(),
                    score: grade.right as f32,
                    max: grade.max as f32,
                }));
            }
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
    fn the_keyboard_selection_walks_every_card_and_follows_placement() {
        let mut sorting = Sorting::new(4, 3);
        let first = sorting.board.pool[0];
        assert_eq!(sorting.selected, Some(first));
        sorting.place(first, 2, None);
        // The next card still in the pool is selected.
        assert_eq!(sorting.selected, sorting.board.pool.first().copied());
        let mut seen = Vec::new();
        for _ in 0..4 {
            sorting.cycle(true);
            seen.push(sorting.selected.unwrap());
        }
        seen.sort_unstable();
        assert_eq!(seen, vec![0, 1, 2, 3]);
        sorting.selected = None;
        sorting.cycle(false);
        assert_eq!(
            sorting.selected,
            Some(first),
            "backwards from nothing is the last card"
        );
    }

    #[test]
    fn reshuffles_differ_but_repeat() {
        assert_ne!(next_seed(1), 1);
        assert_eq!(next_seed(7), next_seed(7));
    }
}
