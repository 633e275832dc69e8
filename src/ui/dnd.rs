//! Cards that can be dragged: the card lifts off and follows the pointer from where it was
//! grabbed, leaving a dashed placeholder, so dragging feels like moving paper. Drops are decided
//! by the screens from the pointer position and the target rectangles they drew; every card is
//! also a focusable, labelled button, so clicking and the keyboard do everything dragging does.

use egui::emath::TSTransform;
use egui::{
    Color32, CornerRadius, CursorIcon, Frame, Id, LayerId, Margin, Order, Pos2, Rect, Response,
    Sense, Shadow, Stroke, StrokeKind, Ui, UiBuilder,
};

/// How a card looks: its accent, whether it is selected, and (after checking) right or wrong.
#[derive(Clone, Copy, Debug)]
pub struct CardLook {
    pub accent: Color32,
    pub selected: bool,
    /// `Some(true)` right, `Some(false)` wrong, `None` not judged.
    pub verdict: Option<bool>,
    pub draggable: bool,
}

pub use super::palette::{bad_color, good_color};

pub fn rgb(c: [u8; 3]) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// A colour brightened for dark backgrounds, as is for light ones.
pub fn readable(c: Color32, dark: bool) -> Color32 {
    if dark {
        c.lerp_to_gamma(Color32::WHITE, 0.35)
    } else {
        c
    }
}

/// The card's margins and border, so a card asked to be `width` wide is no wider.
const CARD_CHROME: f32 = 22.0 + 5.0;

fn card_frame(ui: &Ui, look: CardLook, lifted: bool) -> Frame {
    let dark = ui.visuals().dark_mode;
    let mut stroke = Stroke::new(1.0, look.accent.gamma_multiply(0.6));
    if let Some(right) = look.verdict {
        stroke = Stroke::new(
            2.0,
            if right {
                good_color(dark)
            } else {
                bad_color(dark)
            },
        );
    }
    if look.selected {
        stroke = Stroke::new(2.5, ui.visuals().selection.stroke.color);
    }
    let fill = if look.selected {
        ui.visuals().selection.bg_fill.gamma_multiply(0.35)
    } else {
        ui.visuals().extreme_bg_color
    };
    let mut frame = Frame::new()
        .fill(fill)
        .stroke(stroke)
        .corner_radius(CornerRadius::same(6))
        .inner_margin(Margin {
            left: 12,
            right: 10,
            top: 7,
            bottom: 7,
        });
    if lifted {
        frame = frame.shadow(Shadow {
            offset: [2, 6],
            blur: 14,
            spread: 0,
            color: Color32::from_black_alpha(if dark { 140 } else { 60 }),
        });
    }
    frame
}

/// Draws a card of `width` and makes it draggable and clickable. `label` is what screen readers
/// (and tests) know it by. The caller reacts to `clicked()` (select), `dragged()` and
/// `drag_stopped()` (drop at [`pointer_pos`]).
pub fn drag_card_ui(
    ui: &mut Ui,
    id: Id,
    width: f32,
    look: CardLook,
    label: &str,
    add_contents: impl FnOnce(&mut Ui),
) -> Response {
    let ctx = ui.ctx().clone();
    let dragging = look.draggable && ctx.is_being_dragged(id);
    let accent_bar = |ui: &Ui, rect: Rect| {
        let bar = Rect::from_min_max(rect.min, Pos2::new(rect.min.x + 4.0, rect.max.y));
        ui.painter().rect_filled(
            bar,
            CornerRadius {
                nw: 6,
                sw: 6,
                ne: 0,
                se: 0,
            },
            look.accent,
        );
    };
    let rect = if dragging {
        // The card is drawn on a layer above everything, moved by how far the pointer went since
        // the press, so the spot that was grabbed stays under the pointer.
        let layer = LayerId::new(Order::Tooltip, id);
        let inner = ui.scope_builder(UiBuilder::new().layer_id(layer), |ui| {
            let frame = card_frame(ui, look, true);
            frame
                .show(ui, |ui| {
                    ui.set_width(width - CARD_CHROME);
                    ui.vertical(add_contents);
                })
                .response
        });
        let rect = inner.inner.rect;
        accent_bar(&ui.new_child(UiBuilder::new().layer_id(layer)), rect);
        if let (Some(pointer), Some(origin)) = (
            ctx.pointer_interact_pos(),
            ctx.input(|i| i.pointer.press_origin()),
        ) {
            ctx.transform_layer_shapes(layer, TSTransform::from_translation(pointer - origin));
        }
        let dashed = egui::Shape::dashed_line(
            &[
                rect.left_top(),
                rect.right_top(),
                rect.right_bottom(),
                rect.left_bottom(),
                rect.left_top(),
            ],
            Stroke::new(1.5, look.accent.gamma_multiply(0.7)),
            6.0,
            4.0,
        );
        ui.painter().rect_filled(
            rect,
            CornerRadius::same(6),
            look.accent.gamma_multiply(0.08),
        );
        ui.painter().extend(dashed);
        ctx.set_cursor_icon(CursorIcon::Grabbing);
        rect
    } else {
        let frame = card_frame(ui, look, false);
        let response = frame
            .show(ui, |ui| {
                ui.set_width(width - CARD_CHROME);
                ui.vertical(add_contents);
            })
            .response;
        accent_bar(ui, response.rect);
        response.rect
    };
    let sense = if look.draggable {
        Sense::click_and_drag()
    } else {
        Sense::click()
    };
    let response = ui.interact(rect, id, sense);
    if response.hovered() && look.draggable && !dragging {
        ctx.set_cursor_icon(CursorIcon::Grab);
    }
    if response.has_focus() {
        ui.painter().rect_stroke(
            rect.expand(2.0),
            CornerRadius::same(8),
            ui.visuals().selection.stroke,
            StrokeKind::Outside,
        );
    }
    let label = label.to_owned();
    let selected = look.selected;
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, &label));
    response
}

/// A card's text, wrapped to the card. Painted rather than added as a label: the card itself
/// carries the text as its name, and a second node with the same name would confuse screen
/// readers (and tests) about which one is the card.
pub fn card_text_ui(ui: &mut Ui, text: &str, size: f32) {
    let color = ui.visuals().text_color();
    let galley = ui.painter().layout(
        text.to_owned(),
        egui::FontId::proportional(size),
        color,
        ui.available_width(),
    );
    let (rect, _) = ui.allocate_exact_size(galley.size(), Sense::hover());
    ui.painter().galley(rect.min, galley, color);
}

/// Where the pointer is now (for deciding a drop).
pub fn pointer_pos(ui: &Ui) -> Option<Pos2> {
    ui.ctx()
        .pointer_interact_pos()
        .or_else(|| ui.input(|i| i.pointer.latest_pos()))
}

/// Whether a drag of one of our cards is going on and the pointer is over `rect`.
pub fn drop_hover(ui: &Ui, dragging: bool, rect: Rect) -> bool {
    dragging
        && ui
            .ctx()
            .pointer_hover_pos()
            .is_some_and(|p| rect.contains(p))
}

/// The index at which something dropped at `y` goes among items laid out at `rects` (top to
/// bottom), not counting the dragged item itself at `skip`.
pub fn insertion_index(rects: &[Rect], y: f32, skip: Option<usize>) -> usize {
    rects
        .iter()
        .enumerate()
        .filter(|(i, r)| Some(*i) != skip && r.center().y < y)
        .count()
}

/// Paints the line showing where a drop will insert, above item `index` of `rects` in `area`.
pub fn insertion_line(ui: &Ui, area: Rect, rects: &[Rect], index: usize, color: Color32) {
    let y = match (
        index.checked_sub(1).and_then(|i| rects.get(i)),
        rects.get(index),
    ) {
        (Some(above), Some(below)) => (above.bottom() + below.top()) / 2.0,
        (Some(above), None) => above.bottom() + 3.0,
        (None, Some(below)) => below.top() - 3.0,
        // An empty target lights up as a whole; no line needed.
        (None, None) => return,
    };
    ui.painter().line_segment(
        [
            Pos2::new(area.left() + 6.0, y),
            Pos2::new(area.right() - 6.0, y),
        ],
        Stroke::new(3.0, color),
    );
}

/// While dragging over a list laid out at `rects` in `area`, paints the line where a drop at
/// `y` would land. `skip`: the dragged item's own index when it is in this list (the line then
/// stays clear of the gap it leaves).
pub fn drop_line_ui(ui: &Ui, area: Rect, rects: &[Rect], y: f32, skip: Option<usize>) {
    let at = insertion_index(rects, y, skip);
    let line_at = if skip.is_some_and(|s| s < at) {
        at + 1
    } else {
        at
    };
    insertion_line(
        ui,
        area,
        rects,
        line_at.min(rects.len()),
        ui.visuals().selection.stroke.color,
    );
}

/// Keys pressed this frame that are meant for the exercise, not for a text field.
pub fn exercise_keys(ui: &Ui) -> bool {
    !ui.ctx().text_edit_focused()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_insert_between_the_items_they_fall_between() {
        let rects: Vec<Rect> = (0..3)
            .map(|i| Rect::from_min_size(Pos2::new(0.0, i as f32 * 40.0), egui::vec2(100.0, 30.0)))
            .collect();
        for (y, skip, expected) in [
            (-5.0, None, 0),
            (20.0, None, 1),
            (60.0, None, 2),
            (500.0, None, 3),
            // Dragging item 0 further down: it does not count itself.
            (60.0, Some(0), 1),
        ] {
            assert_eq!(
                insertion_index(&rects, y, skip),
                expected,
                "y {y} skip {skip:?}"
            );
        }
    }
}
