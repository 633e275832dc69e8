//! One lab table: the filter field (Ctrl+F), headers that sort on a click, and rows laid out by
//! `egui_extras::TableBuilder`, which only lays out the rows in view, so 10 000 records cost
//! what 30 do. The filtered, sorted row order is cached and rebuilt only when the filter, the
//! sort or the records change.

use std::borrow::Cow;

use egui::{Key, Modifiers, RichText, Ui};
use egui_extras::{Column, TableBuilder, TableRow};

use crate::i18n::{Lang, T};

/// Row height: one line of body text and the cell margins.
pub const ROW_HEIGHT: f32 = 22.0;

/// A column: its title and starting width.
pub struct Col {
    pub title: T,
    pub width: f32,
}

pub const fn col(title: T, width: f32) -> Col {
    Col { title, width }
}

/// The state of one tab's table.
#[derive(Default)]
pub struct Table {
    pub filter: String,
    /// The column sorted by, and whether descending.
    pub sort: Option<(usize, bool)>,
    /// The record indices shown, filtered and sorted.
    pub rows: Vec<usize>,
    /// The number of records the rows were built from.
    built_from: Option<usize>,
    /// The selected record's id.
    pub selected: Option<String>,
    /// The tab's own switch (only overdue, only owing).
    pub flag: bool,
}

impl Table {
    /// Forgets the cached rows (the records changed).
    pub fn invalidate(&mut self) {
        self.built_from = None;
    }

    /// Whether the rows must be rebuilt for `len` records.
    pub fn stale(&self, len: usize) -> bool {
        self.built_from != Some(len)
    }

    pub fn set_rows(&mut self, rows: Vec<usize>, len: usize) {
        self.rows = rows;
        self.built_from = Some(len);
    }

    /// Rebuilds the rows of a table whose cells are texts: every word of the filter must appear
    /// in a cell of the row; a sort compares numbers where `number` gives one, else the text.
    pub fn refresh_with<'a>(
        &mut self,
        len: usize,
        cols: usize,
        text: impl Fn(usize, usize) -> Cow<'a, str>,
        number: impl Fn(usize, usize) -> Option<i64>,
    ) {
        if !self.stale(len) {
            return;
        }
        let words: Vec<String> = self
            .filter
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let mut rows: Vec<usize> = (0..len)
            .filter(|&i| {
                words.iter().all(|w| {
                    (0..cols).any(|c| {
                        let cell = text(i, c);
                        cell.contains(w.as_str()) || cell.to_lowercase().contains(w.as_str())
                    })
                })
            })
            .collect();
        if let Some((c, descending)) = self.sort {
            // Numbers where the column has them, text otherwise (and between equal numbers).
            rows.sort_by_cached_key(|&i| (number(i, c), text(i, c).into_owned()));
            if descending {
                rows.reverse();
            }
        }
        self.set_rows(rows, len);
    }

    /// The filter field: Ctrl+F puts the cursor in it. Returns whether the text changed.
    pub fn filter_ui(&mut self, ui: &mut Ui, lang: Lang, total: usize) -> bool {
        let mut changed = false;
        ui.horizontal(|ui| {
            let label = ui.label(T::LabFilter.get(lang));
            let response = ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text(T::LabFilterHint.get(lang))
                    .desired_width(220.0),
            );
            let response = response.labelled_by(label.id);
            if ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::F)) {
                response.request_focus();
            }
            if response.changed() {
                self.invalidate();
                changed = true;
            }
            ui.label(
                RichText::new(
                    T::LabRows.fmt(lang, &[&self.rows.len().to_string(), &total.to_string()]),
                )
                .weak(),
            );
        });
        changed
    }

    /// Draws the table at most `height` tall. `row_ui` fills one row for a record index;
    /// `id_of` names a record (its id). A click on a row (or `row_ui` returning true, its id
    /// cell activated) selects it; returns the record index clicked.
    #[expect(
        clippy::too_many_arguments,
        reason = "each tab passes its own columns, height and two closures; a struct for one call site per tab adds nothing"
    )]
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        salt: &str,
        cols: &[Col],
        height: f32,
        id_of: impl Fn(usize) -> String,
        mut row_ui: impl FnMut(&mut TableRow<'_, '_>, usize) -> bool,
    ) -> Option<usize> {
        let mut clicked = None;
        let mut sort = self.sort;
        // The table's own scroll bar takes its width from the same room.
        let room = ui.available_width() - ui.spacing().scroll.allocated_width();
        let widths = fit_widths(cols, room, ui.spacing().item_spacing.x);
        let mut builder = TableBuilder::new(ui)
            .id_salt(salt)
            .striped(true)
            // Resize handles draw their lines past the table's bottom, over the form below it.
            .resizable(false)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .min_scrolled_height(0.0)
            .max_scroll_height(height);
        // The columns share the width there is: narrower than their natural widths (a small
        // window, large text, the side panels open) each shrinks in proportion and its text is
        // elided with "…" (the full text is on hover and in the form), instead of the last
        // columns running past the panel's edge.
        for width in widths {
            builder = builder.column(Column::exact(width).clip(true));
        }
        let selected = self.selected.clone();
        builder
            .header(ROW_HEIGHT + 4.0, |mut header| {
                for (i, c) in cols.iter().enumerate() {
                    header.col(|ui| {
                        let arrow = match sort {
                            Some((s, false)) if s == i => " ▲",
                            Some((s, true)) if s == i => " ▼",
                            _ => "",
                        };
                        let title = c.title.get(lang);
                        let button = ui.add(
                            egui::Button::new(RichText::new(format!("{title}{arrow}")).strong())
                                .frame(false)
                                .truncate(),
                        );
                        button.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::Button,
                                true,
                                T::LabSortBy.fmt(lang, &[title]),
                            )
                        });
                        if button.clicked() {
                            sort = match sort {
                                Some((s, false)) if s == i => Some((i, true)),
                                _ => Some((i, false)),
                            };
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, self.rows.len(), |mut row| {
                    let Some(&record) = self.rows.get(row.index()) else {
                        return;
                    };
                    let id = id_of(record);
                    row.set_selected(selected.as_deref() == Some(id.as_str()));
                    let hit = row_ui(&mut row, record);
                    if hit || row.response().clicked() {
                        clicked = Some(record);
                    }
                });
            });
        if sort != self.sort {
            self.sort = sort;
            self.invalidate();
        }
        if let Some(record) = clicked {
            self.selected = Some(id_of(record));
        }
        clicked
    }
}

/// The columns' widths in `available` points: their natural widths while they fit; else the
/// widest columns give up room first (every column is capped at one width, chosen so the caps
/// fill the room), so short columns such as ids and classes stay readable and long names are
/// elided. Never below [`MIN_COLUMN`].
pub fn fit_widths(cols: &[Col], available: f32, spacing: f32) -> Vec<f32> {
    let room = available - spacing * cols.len().saturating_sub(1) as f32;
    let natural: f32 = cols.iter().map(|c| c.width).sum();
    if natural <= room {
        return cols.iter().map(|c| c.width).collect();
    }
    // Water-filling: with the columns narrowest first, the cap is the width at which the
    // columns not yet placed share what the placed ones leave.
    let mut widths: Vec<f32> = cols.iter().map(|c| c.width).collect();
    widths.sort_by(f32::total_cmp);
    let mut left = room;
    let mut cap = 0.0;
    for (placed, w) in widths.iter().enumerate() {
        let share = left / (cols.len() - placed) as f32;
        if *w > share {
            cap = share;
            break;
        }
        left -= w;
    }
    cols.iter()
        .map(|c| c.width.min(cap).max(MIN_COLUMN))
        .collect()
}

/// The narrowest a column gets: room for a few characters and the ellipsis.
const MIN_COLUMN: f32 = 36.0;

/// The first cell of a row: the record's id as a selectable, labelled control, so the keyboard
/// and screen readers can pick the row too. Returns whether it was activated.
pub fn id_cell(row: &mut TableRow<'_, '_>, lang: Lang, id: &str, selected: bool) -> bool {
    let mut hit = false;
    row.col(|ui| {
        let response = ui.selectable_label(selected, id);
        response.widget_info(|| {
            egui::WidgetInfo::selected(
                egui::Role::Button,
                true,
                selected,
                T::LabSelect.fmt(lang, &[id]),
            )
        });
        hit = response.clicked();
    });
    hit
}

/// A plain text cell.
pub fn text_cell(row: &mut TableRow<'_, '_>, text: impl Into<egui::WidgetText>) {
    row.col(|ui| {
        ui.add(egui::Label::new(text).truncate());
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_keep_their_widths_while_they_fit_and_the_widest_shrink_first() {
        let cols = [col(T::LabColId, 100.0), col(T::LabColName, 300.0)];
        let check = |available: f32, expected: [f32; 2]| {
            let widths = fit_widths(&cols, available, 8.0);
            for (w, e) in widths.iter().zip(expected) {
                assert!(
                    (w - e).abs() < 0.01,
                    "{available}: {widths:?}, expected {expected:?}"
                );
            }
        };
        check(1000.0, [100.0, 300.0]);
        check(408.0, [100.0, 300.0]);
        // Less room: the wide column gives it up, the narrow one keeps its width.
        check(308.0, [100.0, 200.0]);
        check(208.0, [100.0, 100.0]);
        // Then both shrink alike; never narrower than a few characters.
        check(108.0, [50.0, 50.0]);
        check(20.0, [MIN_COLUMN, MIN_COLUMN]);
    }
}
