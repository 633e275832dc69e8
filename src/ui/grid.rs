//! The painted 2×2 grid of the SWOT quadrants (and of the TOWS pairings): tinted cells with a
//! lettered badge, the axes written along the edges, and a body per cell for cards. Each cell is
//! a labelled button, so "click a quadrant" works for the mouse, the keyboard and tests alike.
//! Also the same four cells as a row of columns, for the PDCA stages.

use egui::epaint::TextShape;
use egui::{
    Align, Color32, CornerRadius, FontId, Id, Layout, Pos2, Rect, RichText, Sense, Stroke,
    StrokeKind, Ui, UiBuilder, pos2, vec2,
};

use super::dnd::rgb;
use crate::export::picture::{pairing_rgb, quadrant_rgb};
use crate::export::{
    pairing_logic, pairing_situation, pairing_strategy, pairing_title, quadrant_name,
    quadrant_nature, quadrant_title,
};
use crate::i18n::{Lang, T};
use crate::model::{Pairing, Quadrant};

pub struct GridCell {
    pub badge: String,
    pub title: String,
    pub subtitle: String,
    pub color: Color32,
    /// The number key that places the selected card here, shown as a hint.
    pub key: Option<String>,
    /// What the cell is called as a button (e.g. "放入 S 优势").
    pub label: String,
}

impl GridCell {
    /// The four SWOT quadrants, each a button called `verb` and the quadrant ("放入 S 优势")
    /// with its number key.
    pub fn quadrants(verb: T, lang: Lang) -> [Self; 4] {
        Quadrant::ALL.map(|q| Self {
            badge: q.letter().to_owned(),
            title: quadrant_name(q).get(lang).to_owned(),
            subtitle: quadrant_nature(q, lang),
            color: rgb(quadrant_rgb(q)),
            key: Some((q.index() + 1).to_string()),
            label: format!("{} {}", verb.get(lang), quadrant_title(q, lang)),
        })
    }

    /// The four TOWS pairings. With `verb` (a board to place strategies on) each is a button
    /// called `verb` and the pairing, with its number key; without, just the pairing.
    pub fn pairings(verb: Option<T>, lang: Lang) -> [Self; 4] {
        Pairing::ALL.map(|p| Self {
            badge: p.code().to_owned(),
            title: format!(
                "{} · {}",
                pairing_strategy(p).get(lang),
                pairing_situation(p).get(lang)
            ),
            subtitle: pairing_logic(p).get(lang).to_owned(),
            color: rgb(pairing_rgb(p)),
            key: verb.map(|_| (p.index() + 1).to_string()),
            label: match verb {
                Some(verb) => format!("{} {}", verb.get(lang), pairing_title(p, lang)),
                None => pairing_title(p, lang),
            },
        })
    }
}

/// The axes of the TOWS grid: the internal factors (S, W) across, the external (O, T) down.
pub fn tows_axes(lang: Lang) -> ([String; 2], [String; 2]) {
    (
        [
            quadrant_title(Quadrant::Strength, lang),
            quadrant_title(Quadrant::Weakness, lang),
        ],
        [
            quadrant_title(Quadrant::Opportunity, lang),
            quadrant_title(Quadrant::Threat, lang),
        ],
    )
}

pub struct GridOutput {
    /// The whole cell, per cell (index = row × 2 + column).
    pub cells: [Rect; 4],
    /// A cell was clicked (not a card in it).
    pub clicked: Option<usize>,
}

const AXIS: f32 = 30.0;
const GAP: f32 = 10.0;
const MIN_HEIGHT: f32 = 150.0;
/// A stacked cell is as wide as the page and needs less height to drop a card in.
const STACKED_MIN_HEIGHT: f32 = 100.0;

/// Draws the grid across the available width. `highlight[i]` marks the cell a dragged card is
/// over; `body` fills a cell's inside below its header.
pub fn grid_ui(
    ui: &mut Ui,
    id: Id,
    columns: [&str; 2],
    rows: [&str; 2],
    cells: &[GridCell; 4],
    highlight: [bool; 4],
    mut body: impl FnMut(&mut Ui, usize),
) -> GridOutput {
    let dark = ui.visuals().dark_mode;
    let width = ui.available_width();
    // Two columns when every cell's title fits on one line beside its badge and key hint;
    // otherwise (a narrow page, long TOWS titles, 200 % text) the four cells are stacked in
    // one column, each named by its own badge and title, without the axes.
    let two_columns = ((width - AXIS - GAP) / 2.0).max(120.0);
    let stacked = cells
        .iter()
        .any(|cell| header_width(ui, cell) > two_columns);
    let (column_width, left, row_count) = if stacked {
        (width, 0.0, 4)
    } else {
        (two_columns, AXIS, 2)
    };
    let origin = ui.cursor().min;
    // Cell heights follow their content; the last frame's heights place this frame's cells, so
    // the cells exist (and take clicks) before the cards inside them are drawn.
    let min_height = if stacked {
        STACKED_MIN_HEIGHT
    } else {
        MIN_HEIGHT
    };
    let heights: [f32; 4] = ui
        .data(|d| d.get_temp(id.with(stacked)))
        .unwrap_or([min_height; 4]);
    let mut needed = [min_height; 4];
    let weak = ui.visuals().weak_text_color();
    let painter = ui.painter().clone();
    let header_height = if stacked { 0.0 } else { 24.0 };
    for (c, label) in columns.iter().enumerate().filter(|_| !stacked) {
        let x = origin.x + left + c as f32 * (column_width + GAP);
        painter.text(
            pos2(x + column_width / 2.0, origin.y + header_height / 2.0),
            egui::Align2::CENTER_CENTER,
            *label,
            FontId::proportional(14.0),
            weak,
        );
    }
    let mut rects = [Rect::NOTHING; 4];
    let mut clicked = None;
    let mut y = origin.y + header_height;
    for r in 0..row_count {
        let row_top = y;
        for c in 0..4 / row_count {
            let i = r * (4 / row_count) + c;
            let cell = &cells[i];
            let x = origin.x + left + c as f32 * (column_width + GAP);
            let rect = Rect::from_min_size(pos2(x, y), vec2(column_width, heights[r]));
            rects[i] = rect;
            let response = ui.interact(rect, id.with(("cell", i)), Sense::click());
            let label = cell.label.clone();
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
            if response.clicked() {
                clicked = Some(i);
            }
            let hot = highlight[i] || response.hovered();
            let fill = cell.color.gamma_multiply(match (dark, hot) {
                (false, false) => 0.07,
                (false, true) => 0.16,
                (true, false) => 0.14,
                (true, true) => 0.26,
            });
            let stroke = Stroke::new(
                if highlight[i] { 2.5 } else { 1.0 },
                cell.color
                    .gamma_multiply(if highlight[i] { 1.0 } else { 0.45 }),
            );
            painter.rect(
                rect,
                CornerRadius::same(10),
                fill,
                stroke,
                StrokeKind::Inside,
            );
            if response.has_focus() {
                painter.rect_stroke(
                    rect.expand(2.0),
                    CornerRadius::same(12),
                    ui.visuals().selection.stroke,
                    StrokeKind::Outside,
                );
            }
            let inner = rect.shrink2(vec2(12.0, 10.0));
            let mut child = ui.new_child(
                UiBuilder::new()
                    .id_salt(("grid-cell", i))
                    .max_rect(inner)
                    .layout(Layout::top_down(Align::Min)),
            );
            child.horizontal(|ui| {
                let (badge_rect, _) = ui.allocate_exact_size(vec2(28.0, 28.0), Sense::hover());
                ui.painter()
                    .circle_filled(badge_rect.center(), 14.0, cell.color);
                ui.painter().text(
                    badge_rect.center(),
                    egui::Align2::CENTER_CENTER,
                    &cell.badge,
                    FontId::proportional(if cell.badge.len() > 1 { 12.5 } else { 16.0 }),
                    Color32::WHITE,
                );
                // The title wraps in what the key hint leaves of the row.
                let hint = cell.key.as_ref().map(|key| key_hint(key));
                let hint_width = hint.as_ref().map_or(0.0, |h| {
                    super::layout::line_width(ui, h.clone()) + ui.spacing().item_spacing.x
                });
                let title_width = (ui.available_width() - hint_width).max(0.0);
                ui.allocate_ui(vec2(title_width, 28.0), |ui| {
                    ui.add(egui::Label::new(title_text(cell, dark)).wrap());
                });
                if let (Some(key), Some(hint)) = (&cell.key, hint) {
                    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                        ui.add(egui::Label::new(hint).selectable(false))
                            .on_hover_text(key.as_str());
                    });
                }
            });
            if !cell.subtitle.is_empty() {
                child.add(
                    egui::Label::new(RichText::new(&cell.subtitle).small().color(weak))
                        .wrap()
                        .selectable(false),
                );
            }
            child.add_space(4.0);
            body(&mut child, i);
            needed[r] = needed[r].max(child.min_rect().height() + 24.0);
        }
        if stacked {
            y += heights[r] + GAP;
            continue;
        }
        // The axis along the row, read bottom to top.
        let bar = Rect::from_min_max(
            pos2(origin.x + 4.0, row_top + 6.0),
            pos2(origin.x + 7.0, row_top + heights[r] - 6.0),
        );
        painter.rect_filled(bar, CornerRadius::same(2), weak.gamma_multiply(0.5));
        let galley = painter.layout_no_wrap(rows[r].to_owned(), FontId::proportional(14.0), weak);
        let size = galley.size();
        let center = pos2(origin.x + 19.0, row_top + heights[r] / 2.0);
        let pos = Pos2::new(center.x - size.y / 2.0, center.y + size.x / 2.0);
        painter.add(TextShape::new(pos, galley, weak).with_angle(-std::f32::consts::FRAC_PI_2));
        y += heights[r] + GAP;
    }
    let total = Rect::from_min_max(origin, pos2(origin.x + width, y - GAP));
    ui.allocate_rect(total, Sense::hover());
    if needed.iter().zip(heights).any(|(n, h)| (n - h).abs() > 0.5) {
        ui.data_mut(|d| d.insert_temp(id.with(stacked), needed));
        ui.ctx().request_repaint();
    }
    GridOutput {
        cells: rects,
        clicked,
    }
}

/// A cell's title as drawn in its header.
fn title_text(cell: &GridCell, dark: bool) -> RichText {
    RichText::new(&cell.title)
        .size(17.0)
        .strong()
        .color(super::dnd::readable(cell.color, dark))
}

/// The number key that places a card in the cell, as shown at the right of its header.
fn key_hint(key: &str) -> RichText {
    RichText::new(format!(" {key} ")).monospace().small()
}

/// The width a cell's header needs to keep its title on one line: the cell's margins, the
/// badge, the title and the key hint.
fn header_width(ui: &Ui, cell: &GridCell) -> f32 {
    let gap = ui.spacing().item_spacing.x;
    let hint = cell.key.as_ref().map_or(0.0, |key| {
        super::layout::line_width(ui, key_hint(key)) + gap
    });
    24.0 + 28.0 + gap + super::layout::line_width(ui, title_text(cell, false)) + hint
}

const COLUMN_GAP: f32 = 10.0;
const COLUMN_MIN_HEIGHT: f32 = 220.0;

/// Draws four cells side by side across the available width, in order with arrows between them
/// (the PDCA stages): a coloured header with the title and the key, and `body` below it. Only
/// `title`, `color`, `key` and `label` of a cell are shown. `highlight` and the output are as for
/// [`grid_ui`].
pub fn columns_ui(
    ui: &mut Ui,
    id: Id,
    cells: &[GridCell; 4],
    highlight: [bool; 4],
    mut body: impl FnMut(&mut Ui, usize),
) -> GridOutput {
    let dark = ui.visuals().dark_mode;
    // As in the grid, last frame's height places this frame's columns.
    let height: f32 = ui.data(|d| d.get_temp(id)).unwrap_or(COLUMN_MIN_HEIGHT);
    let width = (ui.available_width() - 3.0 * COLUMN_GAP) / 4.0;
    let origin = ui.cursor().min;
    let mut needed = COLUMN_MIN_HEIGHT;
    let mut rects = [Rect::NOTHING; 4];
    let mut clicked = None;
    for (i, cell) in cells.iter().enumerate() {
        let rect = Rect::from_min_size(
            pos2(origin.x + i as f32 * (width + COLUMN_GAP), origin.y),
            vec2(width, height),
        );
        rects[i] = rect;
        let response = ui.interact(rect, id.with(i), Sense::click());
        let label = cell.label.clone();
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        if response.clicked() {
            clicked = Some(i);
        }
        let hot = highlight[i];
        let fill = cell
            .color
            .gamma_multiply(match (dark, hot || response.hovered()) {
                (false, false) => 0.07,
                (false, true) => 0.16,
                (true, false) => 0.14,
                (true, true) => 0.26,
            });
        let painter = ui.painter();
        painter.rect(
            rect,
            CornerRadius::same(10),
            fill,
            Stroke::new(
                if hot { 2.5 } else { 1.0 },
                cell.color.gamma_multiply(if hot { 1.0 } else { 0.5 }),
            ),
            StrokeKind::Inside,
        );
        let header = Rect::from_min_size(rect.min, vec2(width, 40.0));
        painter.rect_filled(
            header,
            CornerRadius {
                nw: 10,
                ne: 10,
                sw: 0,
                se: 0,
            },
            cell.color,
        );
        painter.text(
            header.left_center() + vec2(12.0, 0.0),
            egui::Align2::LEFT_CENTER,
            &cell.title,
            FontId::proportional(17.0),
            Color32::WHITE,
        );
        if let Some(key) = &cell.key {
            painter.text(
                header.right_center() - vec2(10.0, 0.0),
                egui::Align2::RIGHT_CENTER,
                key,
                FontId::monospace(12.0),
                Color32::WHITE.gamma_multiply(0.85),
            );
        }
        if i < 3 {
            painter.text(
                pos2(rect.right() + COLUMN_GAP / 2.0, header.center().y),
                egui::Align2::CENTER_CENTER,
                "▶",
                FontId::proportional(10.0),
                ui.visuals().weak_text_color(),
            );
        }
        let inner = Rect::from_min_max(rect.min + vec2(8.0, 48.0), rect.max - vec2(8.0, 8.0));
        let mut child = ui.new_child(
            UiBuilder::new()
                .id_salt(("board-column", i))
                .max_rect(inner)
                .layout(Layout::top_down(Align::Min)),
        );
        body(&mut child, i);
        needed = needed.max(child.min_rect().height() + 60.0);
    }
    ui.allocate_rect(
        Rect::from_min_size(origin, vec2(4.0 * width + 3.0 * COLUMN_GAP, height)),
        Sense::hover(),
    );
    if (needed - height).abs() > 0.5 {
        ui.data_mut(|d| d.insert_temp(id, needed));
        ui.ctx().request_repaint();
    }
    GridOutput {
        cells: rects,
        clicked,
    }
}
