//! The PDCA diagram: the big wheel whose stages show their purpose and steps when hovered or
//! clicked (or chosen by the buttons under it), and the two pictures of how cycles go on — the
//! wheel climbing a slope (阶梯式上升) and the big cycle holding small ones (大环套小环), gently
//! animated unless motion is reduced.

use std::f32::consts::{FRAC_PI_2, PI, TAU};

use egui::{
    Color32, CornerRadius, FontId, Painter, Rect, RichText, Sense, Shape, Stroke, Ui, Vec2, pos2,
    vec2,
};

use super::wheel::{
    EIGHT_STEPS, WheelAt, circled, paint_wheel, point_at, stage_at, stage_color, stage_purpose,
    stage_start_angle,
};
use crate::export::stage_title;
use crate::i18n::{Lang, T};
use crate::model::PdcaStage;
use crate::ui::dnd::readable;
use crate::ui::exercise::hint_ui;
use crate::ui::lesson::{Accent, card_ui};

/// The diagram; `pinned` is the stage explained when none is hovered (the last one clicked).
pub fn diagram_ui(ui: &mut Ui, pinned: &mut PdcaStage, lang: Lang, reduce_motion: bool) {
    hint_ui(ui, T::PdcaDiagramHelp.get(lang));
    ui.label(RichText::new(T::OneCycle.get(lang)).strong());
    ui.add_space(6.0);
    // The wheel beside its explanation when both fit, else one under the other (a narrow
    // window or large text); the wheel never gets wider than the page.
    let room = ui.available_width();
    let size = room.min(WHEEL);
    if room >= size + 12.0 + DETAIL_MIN {
        ui.horizontal_top(|ui| {
            let hovered = ui.vertical(|ui| wheel_ui(ui, size, pinned, lang)).inner;
            ui.add_space(12.0);
            ui.vertical(|ui| stage_detail_ui(ui, hovered.unwrap_or(*pinned), lang));
        });
    } else {
        let hovered = wheel_ui(ui, size, pinned, lang);
        ui.add_space(12.0);
        stage_detail_ui(ui, hovered.unwrap_or(*pinned), lang);
    }
    ui.add_space(16.0);
    let time = if reduce_motion {
        None
    } else {
        Some(ui.input(|i| i.time) as f32)
    };
    let cards = [
        (T::StaircaseTitle, T::StaircaseText, 0),
        (T::NestedTitle, T::NestedText, 1),
    ];
    let half = (ui.available_width() - 12.0) / 2.0;
    if half >= DETAIL_MIN {
        ui.horizontal_top(|ui| {
            for card in cards {
                ui.vertical(|ui| {
                    ui.set_width(half);
                    picture_card_ui(ui, card, time, lang);
                });
            }
        });
    } else {
        for card in cards {
            picture_card_ui(ui, card, time, lang);
        }
    }
    if time.is_some() {
        // 20 frames a second is smooth enough for wheels turning a few degrees per frame, and
        // keeps a software-rendered machine from spending most of a core on it.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(50));
    }
}

/// The wheel's natural size, and the narrowest the explanation or a picture card may be beside
/// something else before they are stacked.
const WHEEL: f32 = 360.0;
const DETAIL_MIN: f32 = 280.0;

/// The wheel, `size` points square, and the stage buttons under it (the keyboard way to the
/// same explanations); returns the stage under the pointer, and a click pins a stage.
fn wheel_ui(ui: &mut Ui, size: f32, pinned: &mut PdcaStage, lang: Lang) -> Option<PdcaStage> {
    let dark = ui.visuals().dark_mode;
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(size), Sense::click());
    let center = rect.center();
    let radius = size * 0.4;
    let hovered = response
        .hover_pos()
        .and_then(|p| stage_at(center, radius * 1.05, 0.0, p));
    if response.clicked()
        && let Some(stage) = response
            .interact_pointer_pos()
            .and_then(|p| stage_at(center, radius * 1.05, 0.0, p))
    {
        *pinned = stage;
    }
    if hovered.is_some() {
        ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
    }
    let shown = hovered.unwrap_or(*pinned);
    let emphasis = PdcaStage::ALL.map(|s| s == shown);
    paint_wheel(
        ui.painter(),
        WheelAt {
            center,
            radius,
            rotation: 0.0,
        },
        Some(emphasis),
        true,
        true,
        lang,
    );
    let label = T::PdcaDiagram.get(lang).to_owned();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &label));
    ui.horizontal_wrapped(|ui| {
        ui.set_max_width(size);
        for stage in PdcaStage::ALL {
            let text = RichText::new(stage_title(stage, lang))
                .color(readable(stage_color(stage), dark))
                .strong();
            if ui
                .add(egui::Button::selectable(*pinned == stage, text))
                .clicked()
            {
                *pinned = stage;
            }
        }
    });
    hovered
}

/// One of the two picture cards under the wheel: its animated picture and its text.
fn picture_card_ui(ui: &mut Ui, (title, text, kind): (T, T, u8), time: Option<f32>, lang: Lang) {
    card_ui(ui, Accent::KeyPoints, title.get(lang), |ui| {
        let (rect, response) =
            ui.allocate_exact_size(vec2(ui.available_width(), 250.0), Sense::hover());
        let label = title.get(lang).to_owned();
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &label));
        if kind == 0 {
            paint_staircase(ui.painter(), rect, time, lang);
        } else {
            paint_nested(ui.painter(), rect, time, lang);
        }
        ui.add(egui::Label::new(text.get(lang)).wrap());
    });
}

/// The explanation of one stage: purpose and steps.
fn stage_detail_ui(ui: &mut Ui, stage: PdcaStage, lang: Lang) {
    let dark = ui.visuals().dark_mode;
    let color = stage_color(stage);
    egui::Frame::new()
        .fill(color.gamma_multiply(if dark { 0.16 } else { 0.08 }))
        .stroke(Stroke::new(1.5, color.gamma_multiply(0.6)))
        .corner_radius(CornerRadius::same(10))
        .inner_margin(egui::Margin::same(16))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(stage_title(stage, lang))
                    .size(26.0)
                    .strong()
                    .color(readable(color, dark)),
            );
            ui.add(egui::Label::new(stage_purpose(stage).get(lang)).wrap());
            ui.add_space(8.0);
            for (i, (s, step)) in EIGHT_STEPS.iter().enumerate() {
                if *s != stage {
                    continue;
                }
                ui.horizontal_top(|ui| {
                    ui.label(
                        RichText::new(circled(i + 1))
                            .size(18.0)
                            .color(readable(color, dark)),
                    );
                    ui.add(egui::Label::new(RichText::new(step.get(lang)).size(16.0)).wrap());
                });
            }
            if stage == PdcaStage::Plan {
                ui.add_space(6.0);
                ui.add(egui::Label::new(RichText::new(T::FiveWOneH.get(lang)).weak()).wrap());
            }
        });
}

fn ease(x: f32) -> f32 {
    let x = x.clamp(0.0, 1.0);
    x * x * (3.0 - 2.0 * x)
}

/// 阶梯式上升: a slope with three landings; the wheel turns once per landing as it climbs, and a
/// wedge marked "standard" stops it rolling back. Without `time`, three wheels show the climb.
pub fn paint_staircase(painter: &Painter, rect: Rect, time: Option<f32>, lang: Lang) {
    let dark = painter.ctx().global_style().visuals.dark_mode;
    let ground = if dark {
        Color32::from_gray(70)
    } else {
        Color32::from_gray(215)
    };
    let ink = if dark {
        Color32::from_gray(200)
    } else {
        Color32::from_gray(80)
    };
    let bottom_left = rect.left_bottom() + vec2(56.0, -16.0);
    let top_right = rect.right_top() + vec2(-16.0, 56.0);
    painter.add(Shape::convex_polygon(
        vec![bottom_left, pos2(top_right.x, bottom_left.y), top_right],
        ground,
        Stroke::NONE,
    ));
    let along = |t: f32| bottom_left + (top_right - bottom_left) * t;
    let slope = (top_right - bottom_left).normalized();
    let up_normal = vec2(slope.y, -slope.x);
    let radius = 30.0;
    let landings = [0.18, 0.5, 0.82];
    // A quality arrow above the slope, parallel to it.
    let arrow_from = along(0.1) + up_normal * 105.0;
    let arrow_to = along(0.4) + up_normal * 105.0;
    painter.arrow(arrow_from, arrow_to - arrow_from, Stroke::new(2.0, ink));
    painter.text(
        arrow_to + vec2(8.0, 0.0),
        egui::Align2::LEFT_CENTER,
        T::QualityRises.get(lang),
        FontId::proportional(12.5),
        ink,
    );
    // The wedge of standardisation, set behind the wheel on its landing.
    let wedge_color = stage_color(PdcaStage::Act);
    let wedge = |at: f32, strong: bool| {
        let base = along(at) - slope * (radius * 0.9);
        painter.add(Shape::convex_polygon(
            vec![
                base - slope * 20.0,
                base + slope * 4.0,
                base + slope * 4.0 + up_normal * 26.0,
            ],
            if strong {
                wedge_color
            } else {
                wedge_color.gamma_multiply(0.45)
            },
            Stroke::NONE,
        ));
    };
    let label_wedge = |at: f32| {
        painter.text(
            along(at) - slope * (radius * 0.9 + 22.0) + up_normal * 6.0,
            egui::Align2::RIGHT_BOTTOM,
            T::Standardise.get(lang),
            FontId::proportional(12.0),
            readable(wedge_color, dark),
        );
    };
    let wheel_at = |t: f32, turn: f32| {
        let center = along(t) + up_normal * radius;
        let painter = painter.clone().with_clip_rect(rect);
        paint_wheel(
            &painter,
            WheelAt {
                center,
                radius,
                rotation: turn,
            },
            None,
            false,
            false,
            lang,
        );
    };
    match time {
        Some(time) => {
            // 4 s per landing: 2.5 s rolling up (turning as it rolls), then at rest with the
            // wedge set behind it.
            let period = 4.0;
            let cycle = (time / period).floor() as usize % landings.len();
            let phase = (time % period) / period;
            let from = if cycle == 0 { 0.0 } else { landings[cycle - 1] };
            let to = landings[cycle];
            let progress = ease(phase / 0.62);
            let t = from + (to - from) * progress;
            let turn = (top_right - bottom_left).length() * t / radius;
            for landing in landings.iter().take(cycle) {
                wedge(*landing, false);
            }
            if progress >= 1.0 {
                wedge(to, true);
                label_wedge(to);
            } else if cycle > 0 {
                label_wedge(from);
            }
            wheel_at(t, turn);
        }
        None => {
            for (i, landing) in landings.iter().enumerate() {
                wedge(*landing, true);
                wheel_at(*landing, i as f32 * 0.6);
            }
            label_wedge(landings[1]);
        }
    }
}

/// 大环套小环: the organisation's big cycle turning slowly with departments' and teams' small
/// cycles turning inside it.
pub fn paint_nested(painter: &Painter, rect: Rect, time: Option<f32>, lang: Lang) {
    let dark = painter.ctx().global_style().visuals.dark_mode;
    let ink = if dark {
        Color32::from_gray(210)
    } else {
        Color32::from_gray(70)
    };
    let center = rect.center();
    let radius = rect.height() * 0.42;
    let slow = time.map_or(0.0, |t| t * TAU / 40.0);
    let fast = time.map_or(0.0, |t| t * TAU / 10.0);
    // The big cycle, pale, with its arrows.
    let big = painter.clone().with_clip_rect(rect);
    for stage in PdcaStage::ALL {
        let start = stage_start_angle(stage) + slow;
        let mut points = vec![center];
        for k in 0..=24 {
            points.push(point_at(
                center,
                radius,
                start + FRAC_PI_2 * k as f32 / 24.0,
            ));
        }
        big.add(Shape::convex_polygon(
            points,
            stage_color(stage).gamma_multiply(if dark { 0.3 } else { 0.18 }),
            Stroke::new(1.0, stage_color(stage).gamma_multiply(0.5)),
        ));
        let mid = start + FRAC_PI_2 / 2.0;
        big.text(
            point_at(center, radius * 0.92, mid),
            egui::Align2::CENTER_CENTER,
            stage.letter(),
            FontId::proportional(13.0),
            readable(stage_color(stage), dark),
        );
        // A small cycle in every stage of the big one: each turns on its own.
        let small_center = point_at(center, radius * 0.5, mid);
        paint_wheel(
            &big,
            WheelAt {
                center: small_center,
                radius: radius * 0.26,
                rotation: fast + stage.index() as f32 * PI / 3.0,
            },
            None,
            false,
            true,
            lang,
        );
    }
    big.circle_stroke(center, radius, Stroke::new(2.0, ink.gamma_multiply(0.6)));
    let hub = if dark {
        Color32::from_gray(40)
    } else {
        Color32::WHITE
    };
    big.circle(
        center,
        radius * 0.16,
        hub,
        Stroke::new(1.0, ink.gamma_multiply(0.4)),
    );
    big.text(
        center,
        egui::Align2::CENTER_CENTER,
        T::Organisation.get(lang),
        FontId::proportional(12.0),
        ink,
    );
}
