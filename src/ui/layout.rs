//! Page layout shared by every screen: a vertical scroll area holding a centred column, as wide
//! as reading text wants (lessons, lists) or as wide as the exercise grids want; and the narrow
//! one-question-at-a-time page of the first start and the profiles.

use egui::{AsIdSalt, Ui};

/// A comfortable reading width for Chinese text, in points.
pub const READING_WIDTH: f32 = 760.0;

/// Grids need more room than reading text, but not the whole width of a large screen.
pub const WIDE_WIDTH: f32 = 1040.0;

/// Draws `body` in a column `max` points wide at most, centred, `gutter` points clear of the
/// right edge (of a scroll bar).
/// Nothing in `body` may be wider than the column: one wider row widens the column for every
/// widget after it, which then runs under the scroll bar (a lesson's table did, at 200 % text).
/// Tables go through [`table_ui`], which stacks its rows when they do not fit.
fn centred_column<R>(ui: &mut Ui, max: f32, gutter: f32, body: impl FnOnce(&mut Ui) -> R) -> R {
    let width = (ui.available_width() - gutter).min(max);
    let margin = ((ui.available_width() - width) / 2.0).max(0.0);
    ui.horizontal_top(|ui| {
        ui.add_space(margin);
        ui.vertical(|ui| {
            ui.set_width(width);
            body(ui)
        })
        .inner
    })
    .inner
}

/// Draws `body` in a column no wider than the reading width, centred.
pub fn reading_column<R>(ui: &mut Ui, body: impl FnOnce(&mut Ui) -> R) -> R {
    centred_column(ui, READING_WIDTH, 0.0, body)
}

/// Draws `body` in a centred column up to [`WIDE_WIDTH`], for the exercise grids.
pub fn wide_column<R>(ui: &mut Ui, body: impl FnOnce(&mut Ui) -> R) -> R {
    // Keep clear of the scroll bar on the right.
    centred_column(ui, WIDE_WIDTH, 16.0, body)
}

/// The vertical scroll area every page scrolls in, filling the space it is given; `salt` keeps
/// each page's scroll position apart.
/// The keyboard scrolls it too (`regions::keyboard_scroll`): the offset it asks for is applied
/// on the next frame, which is requested at once.
fn scroll_page<R>(ui: &mut Ui, salt: impl AsIdSalt, body: impl FnOnce(&mut Ui) -> R) -> R {
    let pending = ui.scope_id().with("keyboard-scroll");
    let mut area = egui::ScrollArea::vertical()
        .id_salt(salt)
        .auto_shrink([false, false]);
    if let Some(offset) = ui.ctx().data_mut(|d| d.remove_temp::<f32>(pending)) {
        area = area.vertical_scroll_offset(offset);
    }
    let output = area.show(ui, body);
    let visible = output.inner_rect.height();
    let max = (output.content_size.y - visible).max(0.0);
    let offset = output.state.clamped_offset().y;
    if let Some(to) = super::regions::keyboard_scroll(ui, offset, max, visible) {
        ui.ctx().data_mut(|d| d.insert_temp(pending, to));
        ui.ctx().request_repaint();
    }
    output.inner
}

/// A scrolling page of reading width: lessons, lists, quizzes.
pub fn reading_page<R>(ui: &mut Ui, salt: impl AsIdSalt, body: impl FnOnce(&mut Ui) -> R) -> R {
    scroll_page(ui, salt, |ui| reading_column(ui, body))
}

/// A scrolling page of the wide width: the SWOT, TOWS and PDCA boards.
pub fn wide_page<R>(ui: &mut Ui, salt: impl AsIdSalt, body: impl FnOnce(&mut Ui) -> R) -> R {
    scroll_page(ui, salt, |ui| wide_column(ui, body))
}

/// A scrolling page whose content is a narrow centred column `width` wide, starting `top` points
/// down: the first-start and profile pages, which ask for one thing at a time.
pub fn narrow_page_ui(ui: &mut Ui, width: f32, top: f32, body: impl FnOnce(&mut Ui)) {
    reading_page(ui, "narrow-page", |ui| {
        ui.set_max_width(width);
        ui.add_space(top);
        body(ui);
    });
}

/// A row of tabs (selectable buttons) over the page's parts; clicking one makes it `current`.
pub fn tabs_ui<V: Copy + PartialEq>(ui: &mut Ui, current: &mut V, tabs: &[(V, &str)]) {
    ui.horizontal(|ui| {
        for &(tab, label) in tabs {
            if ui
                .add(egui::Button::selectable(
                    *current == tab,
                    egui::RichText::new(label).size(15.0),
                ))
                .clicked()
            {
                *current = tab;
            }
        }
    });
}

/// The width `text` takes on one line in the body font.
pub fn line_width(ui: &Ui, text: impl Into<egui::WidgetText>) -> f32 {
    text.into()
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Body,
        )
        .size()
        .x
}

/// A cell longer than this many characters wraps in its column; a shorter one keeps its words
/// whole.
const LONG_CELL: usize = 16;

/// The narrowest a cell of `text` can be: its whole line when short, some ten characters when
/// long (it wraps).
fn cell_min_width(ui: &Ui, text: &str) -> f32 {
    let whole = line_width(ui, text);
    if text.chars().count() > LONG_CELL {
        whole.min(10.0 * ui.text_style_height(&egui::TextStyle::Body))
    } else {
        whole
    }
}

/// A table of text cells (with an optional `header`) that fits the width it is given: a striped
/// grid when its columns fit side by side, otherwise each row stacked as a block, its first cell
/// in bold and the others under it, each named by its column's header ("英文：Strengths"), so that nothing runs
/// under the page's edge (narrow windows, 200 % text). `cell` draws one cell's text.
pub fn table_ui(
    ui: &mut Ui,
    id: impl AsIdSalt,
    header: &[String],
    rows: &[Vec<String>],
    lang: crate::i18n::Lang,
    cell: impl Fn(&str) -> String,
) {
    let spacing = egui::vec2(16.0, 6.0);
    let columns = rows
        .iter()
        .map(Vec::len)
        .chain([header.len()])
        .max()
        .unwrap_or(0);
    let needed: f32 = (0..columns)
        .map(|c| {
            let head = header.get(c).map_or(0.0, |h| {
                line_width(ui, egui::RichText::new(h.as_str()).strong())
            });
            rows.iter()
                .filter_map(|row| row.get(c))
                .map(|text| cell_min_width(ui, text))
                .fold(head, f32::max)
        })
        .sum::<f32>()
        + spacing.x * columns.saturating_sub(1) as f32;
    if needed <= ui.available_width() {
        egui::Grid::new(id)
            .striped(true)
            .num_columns(columns)
            .spacing(spacing)
            .show(ui, |ui| {
                if !header.is_empty() {
                    for h in header {
                        ui.label(egui::RichText::new(h.as_str()).strong());
                    }
                    ui.end_row();
                }
                for row in rows {
                    for text in row {
                        let mode = if text.chars().count() > LONG_CELL {
                            egui::TextWrapMode::Wrap
                        } else {
                            egui::TextWrapMode::Extend
                        };
                        ui.add(egui::Label::new(cell(text)).wrap_mode(mode));
                    }
                    ui.end_row();
                }
            });
        return;
    }
    for (r, row) in rows.iter().enumerate() {
        if r > 0 {
            ui.separator();
        }
        for (c, text) in row.iter().enumerate() {
            let shown = match header.get(c) {
                Some(h) if c > 0 && !h.is_empty() => {
                    let mut job = egui::text::LayoutJob::default();
                    let style = ui.style().clone();
                    for part in [
                        egui::RichText::new(crate::i18n::T::LabelledText.fmt(lang, &[h, ""]))
                            .weak(),
                        egui::RichText::new(cell(text)),
                    ] {
                        part.append_to(
                            &mut job,
                            &style,
                            egui::FontSelection::Default,
                            egui::Align::Min,
                        );
                    }
                    egui::WidgetText::from(job)
                }
                _ if c == 0 => egui::RichText::new(cell(text)).strong().into(),
                _ => cell(text).into(),
            };
            ui.add(egui::Label::new(shown).wrap());
        }
    }
}
