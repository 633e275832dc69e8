//! The PDCA wheel itself: the stages' colours and steps, where each stage sits on the wheel, and
//! the painting of a wheel (lifted and dimmed stages, letters, step numbers, rim arrows), used by
//! the diagram, the worksheets and the placement board.

use std::f32::consts::{FRAC_PI_2, TAU};

use egui::{Color32, FontId, Painter, Pos2, Shape, Stroke, vec2};

use crate::export::stage_name;
use crate::i18n::{Lang, T};
use crate::model::PdcaStage;

pub fn stage_color(stage: PdcaStage) -> Color32 {
    match stage {
        PdcaStage::Plan => Color32::from_rgb(30, 111, 200),
        PdcaStage::Do => Color32::from_rgb(46, 150, 75),
        PdcaStage::Check => Color32::from_rgb(205, 135, 0),
        PdcaStage::Act => Color32::from_rgb(192, 57, 43),
    }
}

/// The standard eight steps, numbered across the cycle, with their stage.
pub const EIGHT_STEPS: [(PdcaStage, T); 8] = [
    (PdcaStage::Plan, T::PdcaStep1),
    (PdcaStage::Plan, T::PdcaStep2),
    (PdcaStage::Plan, T::PdcaStep3),
    (PdcaStage::Plan, T::PdcaStep4),
    (PdcaStage::Do, T::PdcaStep5),
    (PdcaStage::Check, T::PdcaStep6),
    (PdcaStage::Act, T::PdcaStep7),
    (PdcaStage::Act, T::PdcaStep8),
];

pub(super) fn stage_purpose(stage: PdcaStage) -> T {
    match stage {
        PdcaStage::Plan => T::PurposePlan,
        PdcaStage::Do => T::PurposeDo,
        PdcaStage::Check => T::PurposeCheck,
        PdcaStage::Act => T::PurposeAct,
    }
}

/// ① … ⑳ for step numbers.
pub fn circled(n: usize) -> String {
    match n {
        1..=20 => char::from_u32(0x2460 + n as u32 - 1).map_or_else(|| n.to_string(), String::from),
        _ => n.to_string(),
    }
}

/// The quarter of the wheel each stage takes, clockwise from the top (y points down, so
/// increasing angles turn clockwise on screen): P top right, D bottom right, C bottom left,
/// A top left.
pub(super) fn stage_start_angle(stage: PdcaStage) -> f32 {
    -FRAC_PI_2 + stage.index() as f32 * FRAC_PI_2
}

pub(super) fn point_at(center: Pos2, radius: f32, angle: f32) -> Pos2 {
    center + vec2(angle.cos(), angle.sin()) * radius
}

/// The stage under `pointer` on a wheel at `center`, turned by `rotation`.
pub(super) fn stage_at(
    center: Pos2,
    radius: f32,
    rotation: f32,
    pointer: Pos2,
) -> Option<PdcaStage> {
    let d = pointer - center;
    if d.length() > radius || d.length() < radius * 0.22 {
        return None;
    }
    let angle = (d.y.atan2(d.x) - rotation + FRAC_PI_2).rem_euclid(TAU);
    PdcaStage::ALL.get((angle / FRAC_PI_2) as usize).copied()
}

/// Where a wheel is drawn: its centre, its radius, and how far it has turned.
#[derive(Clone, Copy, Debug)]
pub struct WheelAt {
    pub center: Pos2,
    pub radius: f32,
    pub rotation: f32,
}

/// Paints a PDCA wheel. With `emphasis`, the stages marked true are lifted (hover, selection,
/// done) and the others dimmed; `labels` writes the letters and names (off for small wheels).
pub fn paint_wheel(
    painter: &Painter,
    WheelAt {
        center,
        radius,
        rotation,
    }: WheelAt,
    emphasis: Option<[bool; 4]>,
    labels: bool,
    arrows: bool,
    lang: Lang,
) {
    let dark = painter.ctx().global_style().visuals.dark_mode;
    for stage in PdcaStage::ALL {
        let lifted = emphasis.is_some_and(|e| e[stage.index()]);
        let r = if lifted { radius * 1.05 } else { radius };
        let start = stage_start_angle(stage) + rotation;
        let mut points = vec![center];
        let segments = 24;
        for k in 0..=segments {
            points.push(point_at(
                center,
                r,
                start + FRAC_PI_2 * k as f32 / segments as f32,
            ));
        }
        let mut color = stage_color(stage);
        if !lifted && emphasis.is_some() {
            // Greyed rather than faded, so the white letters keep their contrast.
            color = color.lerp_to_gamma(Color32::from_gray(120), 0.55);
        }
        painter.add(Shape::convex_polygon(
            points,
            color,
            Stroke::new(
                2.0,
                if dark {
                    Color32::from_gray(30)
                } else {
                    Color32::WHITE
                },
            ),
        ));
        if labels {
            let mid = start + FRAC_PI_2 / 2.0;
            let at = point_at(center, r * 0.6, mid);
            painter.text(
                at - vec2(0.0, radius * 0.09),
                egui::Align2::CENTER_CENTER,
                stage.letter(),
                FontId::proportional(radius * 0.22),
                Color32::WHITE,
            );
            painter.text(
                at + vec2(0.0, radius * 0.1),
                egui::Align2::CENTER_CENTER,
                stage_name(stage).get(lang),
                FontId::proportional((radius * 0.1).max(11.0)),
                Color32::WHITE,
            );
            let numbers: String = EIGHT_STEPS
                .iter()
                .enumerate()
                .filter(|(_, (s, _))| *s == stage)
                .map(|(i, _)| circled(i + 1))
                .collect();
            painter.text(
                at + vec2(0.0, radius * 0.24),
                egui::Align2::CENTER_CENTER,
                numbers,
                FontId::proportional((radius * 0.075).max(10.0)),
                Color32::WHITE.gamma_multiply(0.9),
            );
        }
    }
    let hub = if dark {
        Color32::from_gray(40)
    } else {
        Color32::WHITE
    };
    painter.circle_filled(center, radius * 0.2, hub);
    if labels {
        painter.text(
            center,
            egui::Align2::CENTER_CENTER,
            "PDCA",
            FontId::proportional(radius * 0.09),
            if dark {
                Color32::from_gray(220)
            } else {
                Color32::from_gray(60)
            },
        );
    }
    if arrows {
        // Arrows round the rim, clockwise, from each stage into the next.
        let ring = radius * 1.12;
        let color = if dark {
            Color32::from_gray(190)
        } else {
            Color32::from_gray(90)
        };
        for stage in PdcaStage::ALL {
            let start = stage_start_angle(stage) + rotation + 0.12;
            let end = start + FRAC_PI_2 - 0.24;
            let arc: Vec<Pos2> = (0..=16)
                .map(|k| point_at(center, ring, start + (end - start) * k as f32 / 16.0))
                .collect();
            painter.add(Shape::line(arc, Stroke::new(2.5, color)));
            let tip = point_at(center, ring, end + 0.06);
            let tangent = vec2(-(end).sin(), end.cos());
            let normal = vec2(tangent.y, -tangent.x);
            let size = (radius * 0.06).max(6.0);
            painter.add(Shape::convex_polygon(
                vec![
                    tip + tangent * size * 0.6,
                    tip - tangent * size + normal * size * 0.7,
                    tip - tangent * size - normal * size * 0.7,
                ],
                color,
                Stroke::NONE,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use egui::pos2;

    use super::*;

    #[test]
    fn stages_sit_clockwise_from_the_top_right() {
        let center = pos2(100.0, 100.0);
        for (pointer, expected) in [
            (pos2(140.0, 60.0), Some(PdcaStage::Plan)),
            (pos2(140.0, 140.0), Some(PdcaStage::Do)),
            (pos2(60.0, 140.0), Some(PdcaStage::Check)),
            (pos2(60.0, 60.0), Some(PdcaStage::Act)),
            (pos2(100.0, 100.0), None),
            (pos2(300.0, 100.0), None),
        ] {
            assert_eq!(
                stage_at(center, 80.0, 0.0, pointer),
                expected,
                "{pointer:?}"
            );
        }
        // Turned a quarter clockwise, the top right holds Act.
        assert_eq!(
            stage_at(center, 80.0, FRAC_PI_2, pos2(140.0, 60.0)),
            Some(PdcaStage::Act)
        );
    }

    #[test]
    fn the_eight_steps_fill_the_four_stages_four_one_one_two() {
        let counts = PdcaStage::ALL.map(|s| EIGHT_STEPS.iter().filter(|(t, _)| *t == s).count());
        assert_eq!(counts, [4, 1, 1, 2]);
        assert_eq!(circled(1), "①");
        assert_eq!(circled(8), "⑧");
        assert_eq!(circled(42), "42");
    }
}
