//! Does the layout fit? Finds widgets cut off at the side: a widget whose rectangle reaches past
//! the clip rectangle of the panel, scroll area or table cell it is drawn in, while part of it
//! is in sight. egui keeps both for every widget of the last frame (`rect` and the clipped
//! `interact_rect`), so the check needs no screenshots. Scrolling down is not being cut off, so
//! only the sides count; and two texts drawn over each other (a grid column too narrow for its
//! text, which egui lets spill into the next one) count too. The UI tests walk every screen with
//! it (`tests/layout_fit.rs`).

use egui::{Id, LayerId, Rect};

/// A widget that does not fit.
#[derive(Clone, Debug, PartialEq)]
pub struct Misfit {
    pub id: Id,
    /// Where it is laid out.
    pub rect: Rect,
    /// What of it can be seen (the clip), or the widget it is drawn over.
    pub visible: Rect,
    /// Cut at a side, or drawn over another text (`Some` of the other widget).
    pub over: Option<Id>,
}

/// Slack for rounding: half-pixel layouts and strokes.
const SLACK: f32 = 1.5;

/// The widgets of the last frame cut off at a side or drawn over each other, among those `texts`
/// accepts (widgets that show text: labels, buttons, links; the caller knows them from the
/// accessibility tree); `window` bounds everything.
pub fn misfits(ctx: &egui::Context, texts: &dyn Fn(Id) -> bool, window: Rect) -> Vec<Misfit> {
    let widgets: Vec<(LayerId, egui::WidgetRect)> = ctx.viewport(|vp| {
        vp.prev_pass
            .widgets
            .layers()
            .flat_map(|(layer, list)| list.iter().map(move |w| (*layer, *w)))
            .collect()
    });
    let mut out = Vec::new();
    let shown: Vec<&(LayerId, egui::WidgetRect)> = widgets
        .iter()
        .filter(|(_, w)| texts(w.id) && w.rect.width() > SLACK && w.rect.height() > SLACK)
        // Scrolled out of sight above or below: not cut off, just not shown now.
        .filter(|(_, w)| w.interact_rect.height() > SLACK)
        .collect();
    for (_, w) in &shown {
        let clip = w.interact_rect;
        let cut_left = w.rect.min.x < clip.min.x - SLACK || w.rect.min.x < window.min.x - SLACK;
        let cut_right = w.rect.max.x > clip.max.x + SLACK || w.rect.max.x > window.max.x + SLACK;
        if cut_left || cut_right {
            out.push(Misfit {
                id: w.id,
                rect: w.rect,
                visible: clip,
                over: None,
            });
        }
    }
    // Texts over texts: on one layer, overlapping by more than the slack both ways, neither
    // holding the other (a frame around a label).
    for (i, (layer_a, a)) in shown.iter().enumerate() {
        for (layer_b, b) in shown.iter().skip(i + 1) {
            if layer_a != layer_b || a.id == b.id {
                continue;
            }
            let both = a.interact_rect.intersect(b.interact_rect);
            // A card or button holding a label has padding all round it; a label spilling over
            // its neighbour on the same line does not.
            let nested = a.rect.shrink(1.0).contains_rect(b.rect)
                || b.rect.shrink(1.0).contains_rect(a.rect);
            if both.width() > 3.0 && both.height() > 3.0 && !nested {
                out.push(Misfit {
                    id: a.id,
                    rect: a.rect,
                    visible: b.rect,
                    over: Some(b.id),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs a few frames of `body` in a 400×300 window and returns what does not fit among the
    /// texts `body` reports (by their ids).
    fn check(body: impl Fn(&mut egui::Ui) -> Vec<Id>) -> Vec<Misfit> {
        let ctx = egui::Context::default();
        let window = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(400.0, 300.0));
        let input = || egui::RawInput {
            screen_rect: Some(window),
            ..Default::default()
        };
        let mut texts = Vec::new();
        for _ in 0..3 {
            let mut output = ctx.run_ui(input(), |ui| {
                egui::CentralPanel::default().show(ui, |ui| texts = body(ui));
            });
            // No renderer takes the font texture here.
            output.textures_delta.clear();
        }
        misfits(&ctx, &|id| texts.contains(&id), window)
    }

    const LONG: &str = "客户服务管理师需要把投诉处理的每一步都写清楚，包括道歉、方案、执行和回访";

    #[test]
    fn a_text_wider_than_its_table_column_is_found() {
        // A table of two fixed columns, 120 points each, that clip their cells: the long text
        // is cut at the column's edge, as in the role-play debrief of issue 16.
        let found = check(|ui| {
            let mut ids = Vec::new();
            egui::Grid::new("clipped").num_columns(2).show(ui, |ui| {
                for column in 0..2 {
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(120.0, 20.0), egui::Sense::hover());
                    let mut cell = ui.new_child(egui::UiBuilder::new().max_rect(rect));
                    cell.set_clip_rect(rect);
                    ids.push(
                        cell.add(egui::Label::new(format!("{column} {LONG}")).extend())
                            .id,
                    );
                }
                ui.end_row();
            });
            ids
        });
        assert!(
            found.iter().any(|m| m.over.is_none()),
            "the clipped cell is not seen: {found:?}"
        );
    }

    #[test]
    fn a_text_spilling_into_the_next_column_is_found() {
        let found = check(|ui| {
            let start = ui.cursor().min;
            let long = ui.put(
                Rect::from_min_size(start, egui::vec2(300.0, 20.0)),
                egui::Label::new(LONG).extend(),
            );
            let next = ui.put(
                Rect::from_min_size(start + egui::vec2(100.0, 0.0), egui::vec2(100.0, 20.0)),
                egui::Label::new("第二列"),
            );
            vec![long.id, next.id]
        });
        assert!(found.iter().any(|m| m.over.is_some()), "{found:?}");
    }

    /// A table of four columns whose short cells keep their words whole. English: this
    /// context has no Chinese font, and missing glyphs are narrower than the real ones.
    fn wide_table() -> (Vec<String>, Vec<Vec<String>>) {
        let header = ["Factor", "Source", "Effect", "Example"]
            .map(String::from)
            .to_vec();
        let rows = [
            [
                "Strengths",
                "Inside the firm",
                "Helps it grow",
                "Skilled agents",
            ],
            [
                "Opportunities",
                "Its environment",
                "Helps it grow",
                "A new subsidy",
            ],
        ]
        .map(|row| row.map(String::from).to_vec())
        .to_vec();
        (header, rows)
    }

    #[test]
    fn a_table_too_wide_for_its_column_is_stacked_and_fits() {
        let (header, rows) = wide_table();
        let found = check(|ui| {
            // 400 points are too few for the four columns side by side in a larger font.
            ui.style_mut()
                .text_styles
                .insert(egui::TextStyle::Body, egui::FontId::proportional(28.0));
            let before = ids_of_widgets(ui).len();
            crate::ui::layout::table_ui(
                ui,
                "table",
                &header,
                &rows,
                crate::i18n::Lang::Zh,
                str::to_owned,
            );
            // The texts the table drew: its widgets that hold no other (not its inner Uis).
            let drawn: Vec<(Id, Rect)> = ids_of_widgets(ui).split_off(before);
            drawn
                .iter()
                .filter(|(id, rect)| {
                    !drawn
                        .iter()
                        .any(|(other, r)| other != id && rect.contains_rect(*r))
                })
                .map(|(id, _)| *id)
                .collect()
        });
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_table_that_fits_stays_a_grid() {
        let (header, rows) = wide_table();
        let ctx = egui::Context::default();
        let window = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(900.0, 300.0));
        let mut height = [0.0; 2];
        for (n, width) in [900.0, 300.0].into_iter().enumerate() {
            let mut output = ctx.run_ui(
                egui::RawInput {
                    screen_rect: Some(window),
                    ..Default::default()
                },
                |ui| {
                    egui::CentralPanel::default().show(ui, |ui| {
                        ui.allocate_ui(egui::vec2(width, 280.0), |ui| {
                            let top = ui.cursor().min.y;
                            crate::ui::layout::table_ui(
                                ui,
                                "t",
                                &header,
                                &rows,
                                crate::i18n::Lang::Zh,
                                str::to_owned,
                            );
                            height[n] = ui.cursor().min.y - top;
                        });
                    });
                },
            );
            output.textures_delta.clear();
        }
        // Side by side: a header line and two rows. Stacked: a line for each cell.
        assert!(height[1] > 2.0 * height[0], "{height:?}");
    }

    /// Every widget drawn so far in this pass, in order.
    fn ids_of_widgets(ui: &egui::Ui) -> Vec<(Id, Rect)> {
        ui.ctx().viewport(|vp| {
            vp.this_pass
                .widgets
                .layers()
                .flat_map(|(_, list)| list.iter().map(|w| (w.id, w.rect)))
                .collect()
        })
    }

    #[test]
    fn wrapped_text_fits() {
        let found = check(|ui| {
            vec![
                ui.add(egui::Label::new(LONG).wrap()).id,
                ui.add(egui::Label::new(LONG).truncate()).id,
                ui.horizontal(|ui| {
                    ui.label("第一列");
                    ui.label("第二列").id
                })
                .inner,
            ]
        });
        assert!(found.is_empty(), "{found:?}");
    }
}
