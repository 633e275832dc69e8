//! The PDCA cycle (休哈特-戴明环): the painted wheel of Plan, Do, Check and Act whose stages show
//! their steps and purpose when hovered or clicked; the wheel climbing a slope (阶梯式上升) and
//! the big cycle holding small ones (大环套小环), gently animated unless motion is reduced; and
//! the exercise of placing steps into the four stages in order.

use std::f32::consts::{FRAC_PI_2, PI, TAU};

use egui::{
    Color32, CornerRadius, FontId, Id, Painter, Pos2, Rect, RichText, Sense, Shape, Stroke,
    StrokeKind, Ui, Vec2, pos2, vec2,
};

use super::dnd::{
    CardLook, bad_color, drag_card_ui, drop_line_ui, exercise_keys, good_color, insertion_index,
    pointer_pos, readable,
};
use super::exercise::{header_ui, hint_ui, score_banner_ui, wide_column};
use super::lesson::{Accent, card_ui};
use super::rich::paragraph_ui;
use super::swot::next_seed;
use super::{Command, NavCmd, ScreenCtx, StudyCmd};
use crate::export::{stage_name, stage_title};
use crate::i18n::{Lang, T};
use crate::model::{Board, ItemKind, PdcaExercise, PdcaStage, grade_pdca, shuffled};

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

fn stage_purpose(stage: PdcaStage) -> T {
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
fn stage_start_angle(stage: PdcaStage) -> f32 {
    -FRAC_PI_2 + stage.index() as f32 * FRAC_PI_2
}

fn point_at(center: Pos2, radius: f32, angle: f32) -> Pos2 {
    center + vec2(angle.cos(), angle.sin()) * radius
}

/// The stage under `pointer` on a wheel at `center`, turned by `rotation`.
fn stage_at(center: Pos2, radius: f32, rotation: f32, pointer: Pos2) -> Option<PdcaStage> {
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PdcaTab {
    Diagram,
    Exercise,
}

pub struct PdcaView {
    pub exercise: Option<PdcaExercise>,
    pub tab: PdcaTab,
    seed: u64,
    pub board: Board,
    pub selected: Option<usize>,
    pub checked: bool,
    reveal: bool,
    dragging: Option<usize>,
    columns: [Rect; 4],
    /// The stage whose steps the diagram explains (clicked); hovering shows another for a while.
    pub pinned: PdcaStage,
}

impl PdcaView {
    /// The diagram alone.
    pub fn diagram() -> Self {
        Self {
            exercise: None,
            tab: PdcaTab::Diagram,
            seed: 0,
            board: Board::new(Vec::new()),
            selected: None,
            checked: false,
            reveal: false,
            dragging: None,
            columns: [Rect::NOTHING; 4],
            pinned: PdcaStage::Plan,
        }
    }

    /// A placement exercise, opened on the exercise with the diagram a tab away.
    pub fn exercise(exercise: PdcaExercise, seed: u64) -> Self {
        let board = Board::new(shuffled(exercise.steps.len(), seed));
        Self {
            selected: board.pool.first().copied(),
            board,
            exercise: Some(exercise),
            tab: PdcaTab::Exercise,
            seed,
            ..Self::diagram()
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &ScreenCtx<'_>) -> Vec<Command> {
        let lang = cx.lang;
        let reduce_motion = cx.settings.reduce_motion;
        let mut commands = Vec::new();
        let id_salt = self
            .exercise
            .as_ref()
            .map_or_else(|| "pdca-diagram".to_owned(), |e| e.id.clone());
        egui::ScrollArea::vertical()
            .id_salt(("pdca", id_salt))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                wide_column(ui, |ui| {
                    match &self.exercise {
                        Some(exercise) => {
                            header_ui(
                                ui,
                                cx,
                                ItemKind::Pdca,
                                &exercise.title,
                                &exercise.lesson,
                                Some(&exercise.id),
                                &mut commands,
                            );
                            ui.horizontal(|ui| {
                                for (tab, label) in [
                                    (PdcaTab::Exercise, T::PdcaExerciseTab),
                                    (PdcaTab::Diagram, T::PdcaDiagram),
                                ] {
                                    if ui
                                        .add(egui::Button::selectable(
                                            self.tab == tab,
                                            RichText::new(label.get(lang)).size(15.0),
                                        ))
                                        .clicked()
                                    {
                                        self.tab = tab;
                                    }
                                }
                            });
                            ui.add_space(6.0);
                        }
                        None => {
                            ui.add_space(10.0);
                            if ui.button(format!("← {}", T::Back2.get(lang))).clicked() {
                                commands.push(Command::Nav(NavCmd::ShowPractice));
                            }
                            ui.label(RichText::new(T::PdcaDiagram.get(lang)).heading().size(24.0));
                        }
                    }
                    match self.tab {
                        PdcaTab::Diagram => self.diagram_ui(ui, lang, reduce_motion),
                        PdcaTab::Exercise => self.exercise_ui(ui, lang, &mut commands),
                    }
                    ui.add_space(24.0);
                });
            });
        commands
    }

    fn diagram_ui(&mut self, ui: &mut Ui, lang: Lang, reduce_motion: bool) {
        let dark = ui.visuals().dark_mode;
        hint_ui(ui, T::PdcaDiagramHelp.get(lang));
        ui.label(RichText::new(T::OneCycle.get(lang)).strong());
        ui.add_space(6.0);
        let mut hovered = None;
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                let size = 360.0;
                let (rect, response) = ui.allocate_exact_size(Vec2::splat(size), Sense::click());
                let center = rect.center();
                let radius = size * 0.4;
                hovered = response
                    .hover_pos()
                    .and_then(|p| stage_at(center, radius * 1.05, 0.0, p));
                if response.clicked()
                    && let Some(stage) = response
                        .interact_pointer_pos()
                        .and_then(|p| stage_at(center, radius * 1.05, 0.0, p))
                {
                    self.pinned = stage;
                }
                if hovered.is_some() {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
                }
                let shown = hovered.unwrap_or(self.pinned);
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
                // The keyboard way to the same explanations.
                ui.horizontal(|ui| {
                    for stage in PdcaStage::ALL {
                        let text = RichText::new(stage_title(stage, lang))
                            .color(readable(stage_color(stage), dark))
                            .strong();
                        if ui
                            .add(egui::Button::selectable(self.pinned == stage, text))
                            .clicked()
                        {
                            self.pinned = stage;
                        }
                    }
                });
            });
            ui.add_space(12.0);
            ui.vertical(|ui| {
                let stage = hovered.unwrap_or(self.pinned);
                stage_detail_ui(ui, stage, lang);
            });
        });
        ui.add_space(16.0);
        let time = if reduce_motion {
            None
        } else {
            Some(ui.input(|i| i.time) as f32)
        };
        let width = (ui.available_width() - 12.0) / 2.0;
        ui.horizontal_top(|ui| {
            for (title, text, kind) in [
                (T::StaircaseTitle, T::StaircaseText, 0),
                (T::NestedTitle, T::NestedText, 1),
            ] {
                ui.vertical(|ui| {
                    ui.set_width(width);
                    card_ui(ui, Accent::KeyPoints, title.get(lang), |ui| {
                        let (rect, response) = ui
                            .allocate_exact_size(vec2(ui.available_width(), 250.0), Sense::hover());
                        let label = title.get(lang).to_owned();
                        response.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Image, true, &label)
                        });
                        if kind == 0 {
                            paint_staircase(ui.painter(), rect, time, lang);
                        } else {
                            paint_nested(ui.painter(), rect, time, lang);
                        }
                        ui.add(egui::Label::new(text.get(lang)).wrap());
                    });
                });
            }
        });
        if time.is_some() {
            // 20 frames a second is smooth enough for wheels turning a few degrees per frame, and
            // keeps a software-rendered machine from spending most of a core on it.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(50));
        }
    }

    fn exercise_ui(&mut self, ui: &mut Ui, lang: Lang, commands: &mut Vec<Command>) {
        let Some(exercise) = self.exercise.clone() else {
            return;
        };
        let dark = ui.visuals().dark_mode;
        if !exercise.prompt.is_empty() {
            paragraph_ui(ui, &exercise.prompt);
        }
        hint_ui(ui, T::PdcaPlaceHelp.get(lang));
        ui.add_space(6.0);
        let enter = self.keys_ui(ui);
        let grade = grade_pdca(&exercise, &self.board.bins);
        let locked = self.checked;
        let mut clicked_card = None;
        let mut dragging_now = None;
        let mut dropped = None;
        let mut column_rects: [Vec<(usize, Rect)>; 4] = Default::default();
        let selected = self.selected;
        let neutral = Color32::from_rgb(120, 120, 130);

        let mut draw_card =
            |ui: &mut Ui, step: usize, width: f32, stage: Option<PdcaStage>| -> Option<Rect> {
                let text = exercise.steps.get(step)?.text.clone();
                let result = grade.steps.get(step)?;
                let verdict = locked.then_some(result.right_stage && result.right_order);
                let look = CardLook {
                    accent: stage.map_or(neutral, stage_color),
                    selected: selected == Some(step) && !locked,
                    verdict,
                    draggable: !locked,
                };
                let expected = exercise.steps.get(step)?.stage;
                let rank = exercise.steps[..step]
                    .iter()
                    .filter(|s| s.stage == expected)
                    .count()
                    + 1;
                let response = drag_card_ui(
                    ui,
                    Id::unique(("pdca-step", &exercise.id, step)),
                    width,
                    look,
                    &text,
                    |ui| {
                        super::dnd::card_text_ui(ui, &text, 14.5);
                        if locked {
                            let (line, color) = if result.right_stage && result.right_order {
                                (
                                    format!(
                                        "✔ {} · {}",
                                        stage_title(expected, lang),
                                        circled(step + 1)
                                    ),
                                    good_color(dark),
                                )
                            } else if result.right_stage {
                                (
                                    format!("◐ {}{}", T::WrongOrder.get(lang), circled(step + 1)),
                                    ui.visuals().warn_fg_color,
                                )
                            } else {
                                (
                                    format!(
                                        "✘ {}{} · {}",
                                        T::BelongsIn.get(lang),
                                        stage_title(expected, lang),
                                        circled(step + 1)
                                    ),
                                    bad_color(dark),
                                )
                            };
                            ui.add(
                                egui::Label::new(RichText::new(line).small().color(color))
                                    .wrap()
                                    .selectable(false),
                            );
                            if !(result.right_stage && result.right_order) {
                                let detail = format!("{}{rank}", T::StepInStage.get(lang));
                                ui.add(
                                    egui::Label::new(RichText::new(detail).small().weak())
                                        .selectable(false),
                                );
                            }
                            if let Some(reason) = exercise.steps.get(step).map(|s| &s.reason)
                                && !reason.is_empty()
                            {
                                ui.add(
                                    egui::Label::new(RichText::new(reason).small().weak())
                                        .wrap()
                                        .selectable(false),
                                );
                            }
                        }
                    },
                );
                if response.clicked() {
                    clicked_card = Some(step);
                }
                if response.dragged() {
                    dragging_now = Some(step);
                }
                if response.drag_stopped() {
                    dropped = Some(step);
                }
                Some(response.rect)
            };

        // The pool.
        let pool_top = ui.cursor().min.y;
        if !self.board.pool.is_empty() {
            ui.label(
                RichText::new(format!(
                    "{}{}",
                    T::StepsToPlace.get(lang),
                    crate::i18n::paren(lang, &self.board.pool.len().to_string())
                ))
                .strong(),
            );
            let width = (ui.available_width() - 8.0) / 2.0;
            let pool = self.board.pool.clone();
            for pair in pool.chunks(2) {
                ui.horizontal_top(|ui| {
                    for &step in pair {
                        draw_card(ui, step, width, None);
                    }
                });
            }
        } else if !locked {
            ui.label(
                RichText::new(T::AllSorted.get(lang))
                    .strong()
                    .color(good_color(dark)),
            );
        }
        let pool_area = Rect::from_min_max(
            pos2(ui.min_rect().left(), pool_top),
            pos2(ui.min_rect().right(), ui.cursor().min.y),
        );
        ui.add_space(10.0);

        // Four stage columns, P → D → C → A.
        let id = Id::unique(("pdca-columns", &exercise.id));
        let height: f32 = ui.data(|d| d.get_temp(id)).unwrap_or(220.0);
        let gap = 10.0;
        let width = (ui.available_width() - 3.0 * gap) / 4.0;
        let origin = ui.cursor().min;
        let mut needed: f32 = 220.0;
        let mut clicked_column = None;
        for stage in PdcaStage::ALL {
            let i = stage.index();
            let rect = Rect::from_min_size(
                pos2(origin.x + i as f32 * (width + gap), origin.y),
                vec2(width, height),
            );
            let response = ui.interact(rect, id.with(i), Sense::click());
            let label = format!("{} {}", T::PutIn.get(lang), stage_title(stage, lang));
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
            if response.clicked() {
                clicked_column = Some(i);
            }
            let color = stage_color(stage);
            let hot = self.dragging.is_some()
                && ui
                    .ctx()
                    .pointer_hover_pos()
                    .is_some_and(|p| self.columns[i].contains(p));
            let fill = color.gamma_multiply(match (dark, hot || response.hovered()) {
                (false, false) => 0.07,
                (false, true) => 0.16,
                (true, false) => 0.14,
                (true, true) => 0.26,
            });
            ui.painter().rect(
                rect,
                CornerRadius::same(10),
                fill,
                Stroke::new(
                    if hot { 2.5 } else { 1.0 },
                    color.gamma_multiply(if hot { 1.0 } else { 0.5 }),
                ),
                StrokeKind::Inside,
            );
            let header = Rect::from_min_size(rect.min, vec2(width, 40.0));
            ui.painter().rect_filled(
                header,
                CornerRadius {
                    nw: 10,
                    ne: 10,
                    sw: 0,
                    se: 0,
                },
                color,
            );
            ui.painter().text(
                header.left_center() + vec2(12.0, 0.0),
                egui::Align2::LEFT_CENTER,
                stage_title(stage, lang),
                FontId::proportional(17.0),
                Color32::WHITE,
            );
            ui.painter().text(
                header.right_center() - vec2(10.0, 0.0),
                egui::Align2::RIGHT_CENTER,
                format!("{}", i + 1),
                FontId::monospace(12.0),
                Color32::WHITE.gamma_multiply(0.85),
            );
            if i < 3 {
                let y = header.center().y;
                let x = rect.right() + gap / 2.0;
                ui.painter().text(
                    pos2(x, y),
                    egui::Align2::CENTER_CENTER,
                    "▶",
                    FontId::proportional(10.0),
                    ui.visuals().weak_text_color(),
                );
            }
            let inner = Rect::from_min_max(rect.min + vec2(8.0, 48.0), rect.max - vec2(8.0, 8.0));
            let mut child = ui.new_child(
                egui::UiBuilder::new()
                    .id_salt(("pdca-column", i))
                    .max_rect(inner)
                    .layout(egui::Layout::top_down(egui::Align::Min)),
            );
            let steps = self.board.bins[i].clone();
            for step in steps {
                if let Some(r) = draw_card(&mut child, step, inner.width(), Some(stage)) {
                    column_rects[i].push((step, r));
                }
                child.add_space(2.0);
            }
            if self.board.bins[i].is_empty() {
                child.add(
                    egui::Label::new(RichText::new(T::DropHere.get(lang)).weak().italics())
                        .selectable(false),
                );
            }
            needed = needed.max(child.min_rect().height() + 60.0);
            self.columns[i] = rect;
        }
        ui.allocate_rect(
            Rect::from_min_size(origin, vec2(4.0 * width + 3.0 * gap, height)),
            Sense::hover(),
        );
        if (needed - height).abs() > 0.5 {
            ui.data_mut(|d| d.insert_temp(id, needed));
            ui.ctx().request_repaint();
        }
        if let (Some(step), Some(pointer)) = (self.dragging, ui.ctx().pointer_hover_pos())
            && let Some(i) = self.columns.iter().position(|r| r.contains(pointer))
        {
            let rects: Vec<Rect> = column_rects[i].iter().map(|(_, r)| *r).collect();
            let skip = column_rects[i].iter().position(|(s, _)| *s == step);
            drop_line_ui(ui, self.columns[i].shrink(4.0), &rects, pointer.y, skip);
        }
        if !locked {
            if let Some(step) = clicked_card {
                self.selected = if self.selected == Some(step) {
                    None
                } else {
                    Some(step)
                };
            }
            if let (Some(i), Some(step)) = (clicked_column, self.selected) {
                self.place(step, i, None);
            }
            if let Some(step) = dropped
                && let Some(pointer) = pointer_pos(ui)
            {
                if let Some(i) = self.columns.iter().position(|r| r.contains(pointer)) {
                    let rects: Vec<Rect> = column_rects[i].iter().map(|(_, r)| *r).collect();
                    let skip = column_rects[i].iter().position(|(s, _)| *s == step);
                    let at = insertion_index(&rects, pointer.y, skip);
                    self.place(step, i, Some(at));
                } else if pool_area.contains(pointer) {
                    self.board.unplace(step);
                }
            }
        }
        self.dragging = dragging_now;
        if dragging_now.is_some() {
            ui.ctx().request_repaint();
        }
        ui.add_space(10.0);
        if self.checked {
            score_banner_ui(
                ui,
                T::Score.get(lang),
                grade.score(),
                grade.max(),
                &mut self.reveal,
                lang,
            );
            ui.label(format!(
                "{} {} / {} · {} {} / {}",
                T::RightStage.get(lang),
                grade.right_stage,
                grade.steps.len(),
                T::RightOrder.get(lang),
                grade.right_order,
                grade.steps.len()
            ));
            if ui.button(T::Retry.get(lang)).clicked() {
                self.seed = next_seed(self.seed);
                let tab = self.tab;
                *self = Self::exercise(exercise, self.seed);
                self.tab = tab;
            }
        } else {
            let ready = self.board.is_complete();
            if ui
                .add_enabled(
                    ready,
                    egui::Button::new(RichText::new(T::Check.get(lang)).strong()),
                )
                .clicked()
                || (ready && enter)
            {
                self.checked = true;
                self.reveal = true;
                commands.push(Command::Study(StudyCmd::RecordExerciseScore {
                    item: exercise.id.clone(),
                    score: grade.score() as f32,
                    max: grade.max() as f32,
                }));
            }
        }
    }

    fn place(&mut self, step: usize, stage: usize, at: Option<usize>) {
        self.board.place(step, stage, at);
        self.selected = self.board.pool.first().copied();
    }

    fn keys_ui(&mut self, ui: &Ui) -> bool {
        if !exercise_keys(ui) || self.checked {
            return false;
        }
        use egui::{Key, Modifiers};
        let mut enter = false;
        let mut target = None;
        let mut cycle = None;
        let mut shift = None;
        let mut back = false;
        ui.input_mut(|i| {
            if i.consume_key(Modifiers::ALT, Key::ArrowUp) {
                shift = Some(true);
            }
            if i.consume_key(Modifiers::ALT, Key::ArrowDown) {
                shift = Some(false);
            }
            for (n, (digit, letter)) in [
                (Key::Num1, Key::P),
                (Key::Num2, Key::D),
                (Key::Num3, Key::C),
                (Key::Num4, Key::A),
            ]
            .into_iter()
            .enumerate()
            {
                if i.key_pressed(digit) || i.key_pressed(letter) {
                    target = Some(n);
                }
            }
            if i.key_pressed(Key::ArrowLeft) || i.key_pressed(Key::ArrowUp) {
                cycle = Some(false);
            }
            if i.key_pressed(Key::ArrowRight) || i.key_pressed(Key::ArrowDown) {
                cycle = Some(true);
            }
            back = i.key_pressed(Key::Num0) || i.key_pressed(Key::Backspace);
            enter = i.key_pressed(Key::Enter);
        });
        if let Some(forward) = cycle {
            let order = self.board.reading_order();
            if !order.is_empty() {
                let here = self
                    .selected
                    .and_then(|s| order.iter().position(|c| *c == s));
                let next = match (here, forward) {
                    (None, _) => 0,
                    (Some(i), true) => (i + 1) % order.len(),
                    (Some(i), false) => (i + order.len() - 1) % order.len(),
                };
                self.selected = order.get(next).copied();
            }
        }
        if let Some(step) = self.selected {
            if let Some(stage) = target {
                self.place(step, stage, None);
            } else if let Some(up) = shift {
                self.board.shift(step, up);
            } else if back {
                self.board.unplace(step);
            }
        }
        enter
    }
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

#[cfg(test)]
mod tests {
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
