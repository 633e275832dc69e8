//! The four-bin board shared by SWOT sorting, TOWS matching and PDCA placement: cards dealt
//! into a pool and sorted into four bins (a 2×2 grid or four columns). A card moves by dragging
//! it, by selecting it and clicking a bin, or by the keyboard (←/→ choose, 1–4 place, 0 takes
//! back); once checked every card shows its verdict and the reasons the screen gives.

use egui::{Color32, Id, Key, Modifiers, Rect, RichText, Ui};

use super::dnd::{
    CardLook, card_text_ui, drag_card_ui, drop_hover, drop_line_ui, exercise_keys, good_color,
    insertion_index, pointer_pos,
};
use super::grid::{GridCell, columns_ui, grid_ui};
use crate::i18n::{Lang, T};
use crate::model::{Board, shuffled};

/// The accent of a card still in the pool.
const POOL_ACCENT: Color32 = Color32::from_rgb(120, 120, 130);

/// One round of dealing cards into four bins, with the UI state around it.
#[derive(Clone, Debug)]
pub struct Sorting {
    pub board: Board,
    /// The card the keyboard and clicks act on.
    pub selected: Option<usize>,
    pub checked: bool,
    /// Just checked: scroll the verdict into view.
    pub reveal: bool,
    /// The card being dragged, as of the last frame.
    dragging: Option<usize>,
    /// The bins as drawn last frame, for drops and drop highlights.
    cells: [Rect; 4],
}

/// The keys a board answers to besides ←/→, 1–4, 0/Backspace, Esc and Enter.
#[derive(Clone, Copy, Debug, Default)]
pub struct BoardKeys {
    /// Letters that place the selected card like 1–4 (P, D, C, A).
    pub letters: Option<[Key; 4]>,
    /// Alt+↑/↓ move the selected card within its bin (where order is graded).
    pub reorder: bool,
}

impl Sorting {
    /// `count` cards dealt in an order shuffled by `seed`, the first one selected.
    pub fn new(count: usize, seed: u64) -> Self {
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

    /// Applies this frame's keys (none once checked, or while a text field has focus). Call it
    /// before grading, so the board graded is the board drawn. Returns whether Enter (check) was
    /// pressed.
    pub fn keys_ui(&mut self, ui: &Ui, keys: BoardKeys) -> bool {
        if !exercise_keys(ui) || self.checked {
            return false;
        }
        let (shift, left, right, bins, back, escape, enter) = ui.input_mut(|i| {
            // Taken first, so that Alt+↑ does not also choose another card.
            let shift = if !keys.reorder {
                None
            } else if i.consume_key(Modifiers::ALT, Key::ArrowUp) {
                Some(true)
            } else if i.consume_key(Modifiers::ALT, Key::ArrowDown) {
                Some(false)
            } else {
                None
            };
            let digits = [Key::Num1, Key::Num2, Key::Num3, Key::Num4];
            let bins: [bool; 4] = std::array::from_fn(|n| {
                i.key_pressed(digits[n]) || keys.letters.is_some_and(|l| i.key_pressed(l[n]))
            });
            (
                shift,
                i.key_pressed(Key::ArrowLeft) || i.key_pressed(Key::ArrowUp),
                i.key_pressed(Key::ArrowRight) || i.key_pressed(Key::ArrowDown),
                bins,
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
            } else if let Some(up) = shift {
                self.board.shift(card, up);
            } else if back {
                self.board.unplace(card);
            }
        }
        if escape {
            self.selected = None;
        }
        enter
    }

    /// The Check button, enabled once every card is placed; Enter (from [`Self::keys_ui`]) does
    /// the same. Returns true when the learner checked this frame: the screen records the score.
    /// Stays where it is once checked, disabled: a double click's second click lands on it and
    /// does nothing, instead of on what appears after checking (Retry, which would reshuffle).
    pub fn check_button_ui(&mut self, ui: &mut Ui, enter: bool, lang: Lang) -> bool {
        let ready = self.board.is_complete() && !self.checked;
        let clicked = ui
            .add_enabled(
                ready,
                egui::Button::new(RichText::new(T::Check.get(lang)).strong()),
            )
            .clicked();
        if ready && (clicked || enter) {
            self.checked = true;
            self.reveal = true;
            return true;
        }
        false
    }
}

/// A Retry button that ignores the second click of a double click: a learner double-clicking
/// Check must not reshuffle the board they just had checked.
pub fn retry_button_ui(ui: &mut Ui, lang: Lang) -> bool {
    let response = ui.button(T::Retry.get(lang));
    response.clicked() && !response.double_clicked()
}

/// How one card is shown: its text and, once checked, the verdict with the reasons.
pub struct CardView {
    pub text: String,
    pub verdict: Option<bool>,
    /// Shown small under the text after checking: where it belongs, what went wrong, why.
    pub feedback: Vec<(String, Color32)>,
}

/// How the four bins are laid out.
pub enum Bins<'a> {
    /// A 2×2 grid with its axes named (SWOT, TOWS).
    Grid {
        columns: [&'a str; 2],
        rows: [&'a str; 2],
    },
    /// Four columns in order (the PDCA stages).
    Columns,
}

/// What a board needs to know to draw itself.
pub struct BoardSpec<'a> {
    pub id: Id,
    pub cards: &'a [CardView],
    pub cells: [GridCell; 4],
    /// The bins; a card in one takes the bin's colour as its accent.
    pub bins: Bins<'a>,
    pub pool_title: &'a str,
    pub text_size: f32,
}

/// Draws the pool of cards and the bins, and applies drags and clicks to `sorting`.
pub fn board_ui(ui: &mut Ui, sorting: &mut Sorting, spec: &BoardSpec<'_>, lang: Lang) {
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
                .map_or(POOL_ACCENT, |bin| spec.cells[bin].color);
            let look = CardLook {
                accent,
                selected: sorting.selected == Some(card) && !locked,
                verdict: view.verdict,
                draggable: !locked,
            };
            let response = drag_card_ui(ui, spec.id.with(card), width, look, &view.text, |ui| {
                card_text_ui(ui, &view.text, spec.text_size);
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

    let pool_area = pool_ui(ui, sorting, spec.pool_title, lang, |ui, card, width| {
        draw_card(ui, card, width, None);
    });
    ui.add_space(10.0);

    let highlight: [bool; 4] =
        std::array::from_fn(|i| drop_hover(ui, dragging_before.is_some(), sorting.cells[i]));
    let bins = sorting.board.bins.clone();
    let body = |ui: &mut Ui, bin: usize| {
        let width = ui.available_width();
        for &card in &bins[bin] {
            draw_card(ui, card, width, Some(&mut bin_rects[bin]));
            ui.add_space(2.0);
        }
        if bins[bin].is_empty() {
            ui.add(
                egui::Label::new(RichText::new(T::DropHere.get(lang)).weak().italics())
                    .selectable(false),
            );
        }
    };
    let (output, inset) = match spec.bins {
        Bins::Grid { columns, rows } => (
            grid_ui(
                ui,
                spec.id.with("grid"),
                columns,
                rows,
                &spec.cells,
                highlight,
                body,
            ),
            6.0,
        ),
        Bins::Columns => (
            columns_ui(ui, spec.id.with("columns"), &spec.cells, highlight, body),
            4.0,
        ),
    };
    sorting.cells = output.cells;

    // Where the card under the pointer would land: its bin and the place among the bin's cards.
    let target = |pointer: egui::Pos2, card: usize| {
        let bin = output.cells.iter().position(|r| r.contains(pointer))?;
        let rects: Vec<Rect> = bin_rects[bin].iter().map(|(_, r)| *r).collect();
        let skip = bin_rects[bin].iter().position(|(c, _)| *c == card);
        Some((bin, rects, skip))
    };
    // While dragging: a line between the cards of the bin under the pointer.
    if let (Some(card), Some(pointer)) = (dragging_before, ui.ctx().pointer_hover_pos())
        && let Some((bin, rects, skip)) = target(pointer, card)
    {
        drop_line_ui(ui, output.cells[bin].shrink(inset), &rects, pointer.y, skip);
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
            if let Some((bin, rects, skip)) = target(pointer, card) {
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
}

/// The pool: the cards still to sort, two to a row, under its title and count ("all sorted"
/// once empty). Returns the area it took, where a dropped card goes back to the pool.
fn pool_ui(
    ui: &mut Ui,
    sorting: &Sorting,
    title: &str,
    lang: Lang,
    mut draw_card: impl FnMut(&mut Ui, usize, f32),
) -> Rect {
    let dark = ui.visuals().dark_mode;
    let pool_top = ui.cursor().min.y;
    if !sorting.board.pool.is_empty() {
        ui.label(
            RichText::new(format!(
                "{title}{}",
                crate::i18n::paren(lang, &sorting.board.pool.len().to_string())
            ))
            .strong(),
        );
        let width = (ui.available_width() - 8.0) / 2.0;
        for pair in sorting.board.pool.chunks(2) {
            ui.horizontal_top(|ui| {
                for &card in pair {
                    draw_card(ui, card, width);
                }
            });
        }
    } else if !sorting.checked {
        ui.label(
            RichText::new(T::AllSorted.get(lang))
                .color(good_color(dark))
                .strong(),
        );
    }
    Rect::from_min_max(
        egui::pos2(ui.min_rect().left(), pool_top),
        egui::pos2(ui.min_rect().right(), ui.cursor().min.y),
    )
}

/// "Selected: <card> — press 1–4", while a card is selected and the board not yet checked.
pub fn selected_hint_ui(ui: &mut Ui, sorting: &Sorting, cards: &[CardView], lang: Lang) {
    if let Some(CardView { text, .. }) = sorting
        .selected
        .filter(|_| !sorting.checked)
        .and_then(|card| cards.get(card))
    {
        super::exercise::hint_ui(
            ui,
            &format!(
                "{}{text} — {}",
                T::Selected.get(lang),
                T::PressOneToFour.get(lang)
            ),
        );
    }
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
}
