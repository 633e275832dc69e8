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
// TODO(layout): at 200 % text beside both panels a lesson is laid out wider than the scroll
// area shows (some 40 points cut at the right); `tests/layout_fit.rs` lists "lesson".
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
