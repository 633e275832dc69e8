//! Ordering exercises (the six steps of SWOT analysis, PDCA steps, …): drag the shuffled steps
//! into order, or select one (↑/↓) and move it with Alt+↑/Alt+↓ or its arrow buttons; checking
//! marks every position and reports the longest stretch kept in the right sequence.

use egui::{Color32, Id, Rect, RichText, Ui};

use super::dnd::{
    CardLook, bad_color, drag_card_ui, drop_line_ui, exercise_keys, good_color, insertion_index,
    pointer_pos,
};
use super::exercise::{header_ui, hint_ui, score_banner_ui};
use super::layout::reading_page;
use super::lesson::{Accent, card_ui};
use super::rich::paragraph_ui;
use super::swot::next_seed;
use super::{Command, ScreenCtx, StudyCmd};
use crate::i18n::{Lang, T};
use crate::model::{ItemKind, OrderingExercise, grade_ordering, move_in_list, shuffled};

pub struct OrderingView {
    pub exercise: OrderingExercise,
    seed: u64,
    /// `order[p]`: the step (by its index in the correct order) the learner has at position `p`.
    pub order: Vec<usize>,
    /// The selected step, by its index in the correct order.
    pub selected: Option<usize>,
    pub checked: bool,
    reveal: bool,
    dragging: Option<usize>,
    /// When this attempt was first shown (set on the first frame, cleared once a score is
    /// recorded), so the attempt log has the time the exercise took.
    started: Option<chrono::DateTime<chrono::Utc>>,
}

impl OrderingView {
    pub fn new(exercise: OrderingExercise, seed: u64) -> Self {
        let order = shuffled(exercise.steps.len(), seed);
        Self {
            selected: order.first().copied(),
            order,
            exercise,
            seed,
            checked: false,
            reveal: false,
            dragging: None,
            started: None,
        }
    }

    fn position_of(&self, step: usize) -> Option<usize> {
        self.order.iter().position(|s| *s == step)
    }

    /// Moves the selected step one place; returns whether it moved.
    fn shift_selected(&mut self, up: bool) -> bool {
        let Some(from) = self.selected.and_then(|s| self.position_of(s)) else {
            return false;
        };
        let to = if up {
            from.checked_sub(1)
        } else {
            Some(from + 1)
        };
        match to {
            Some(to) if to < self.order.len() => {
                self.order.swap(from, to);
                true
            }
            _ => false,
        }
    }

    fn keys_ui(&mut self, ui: &Ui) -> bool {
        if !exercise_keys(ui) || self.checked {
            return false;
        }
        use egui::{Key, Modifiers};
        let (up, down, alt_up, alt_down, enter) = ui.input_mut(|i| {
            let alt_up = i.consume_key(Modifiers::ALT, Key::ArrowUp);
            let alt_down = i.consume_key(Modifiers::ALT, Key::ArrowDown);
            (
                i.key_pressed(Key::ArrowUp),
                i.key_pressed(Key::ArrowDown),
                alt_up,
                alt_down,
                i.key_pressed(Key::Enter),
            )
        });
        if alt_up {
            self.shift_selected(true);
        } else if alt_down {
            self.shift_selected(false);
        } else if up || down {
            let here = self.selected.and_then(|s| self.position_of(s));
            let next = match (here, up) {
                (None, _) => 0,
                (Some(p), true) => p.saturating_sub(1),
                (Some(p), false) => (p + 1).min(self.order.len().saturating_sub(1)),
            };
            self.selected = self.order.get(next).copied();
        }
        enter
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &ScreenCtx<'_>) -> Vec<Command> {
        let lang = cx.lang;
        let mut commands = Vec::new();
        let started = *self.started.get_or_insert(cx.now);
        reading_page(ui, ("ordering", self.exercise.id.clone()), |ui| {
            header_ui(
                ui,
                cx,
                ItemKind::Ordering,
                &self.exercise.title,
                &self.exercise.lesson,
                Some(&self.exercise.id.clone()),
                &mut commands,
            );
            if !self.exercise.prompt.is_empty() {
                paragraph_ui(ui, &self.exercise.prompt);
            }
            hint_ui(ui, T::OrderingHelp.get(lang));
            ui.add_space(8.0);
            self.list_ui(ui, lang, started, &mut commands);
            ui.add_space(24.0);
        });
        commands
    }

    fn list_ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        started: chrono::DateTime<chrono::Utc>,
        commands: &mut Vec<Command>,
    ) {
        let enter = self.keys_ui(ui);
        let dark = ui.visuals().dark_mode;
        let grade = grade_ordering(&self.order);
        let accent = Color32::from_rgb(30, 110, 200);
        let mut rects: Vec<Rect> = Vec::new();
        let mut clicked = None;
        let mut dragging_now = None;
        let mut dropped = None;
        let mut moves: Vec<(usize, bool)> = Vec::new();
        let area_top = ui.cursor().min.y;
        let order = self.order.clone();
        for (position, &step) in order.iter().enumerate() {
            let text = self.exercise.steps.get(step).cloned().unwrap_or_default();
            let verdict = self
                .checked
                .then(|| grade.positions.get(position).copied().unwrap_or(false));
            ui.horizontal(|ui| {
                let (badge, _) =
                    ui.allocate_exact_size(egui::vec2(30.0, 30.0), egui::Sense::hover());
                let badge_color = match verdict {
                    Some(true) => good_color(dark),
                    Some(false) => bad_color(dark),
                    None => accent,
                };
                ui.painter()
                    .circle_filled(badge.center(), 14.0, badge_color);
                ui.painter().text(
                    badge.center(),
                    egui::Align2::CENTER_CENTER,
                    (position + 1).to_string(),
                    egui::FontId::proportional(15.0),
                    Color32::WHITE,
                );
                let width = (ui.available_width() - 96.0).max(200.0);
                let look = CardLook {
                    accent,
                    selected: self.selected == Some(step) && !self.checked,
                    verdict,
                    draggable: !self.checked,
                };
                let label = format!("{} {text}", position + 1);
                let response = drag_card_ui(
                    ui,
                    Id::unique(("order-step", &self.exercise.id, step)),
                    width,
                    look,
                    &label,
                    |ui| {
                        super::dnd::card_text_ui(ui, &text, 16.0);
                        if verdict == Some(false) {
                            ui.label(
                                RichText::new(format!(
                                    "✘ {}",
                                    T::BelongsAtPosition
                                        .get(lang)
                                        .replace("{n}", &(step + 1).to_string())
                                ))
                                .small()
                                .color(bad_color(dark)),
                            );
                        }
                    },
                );
                rects.push(response.rect);
                if response.clicked() {
                    clicked = Some(step);
                }
                if response.dragged() {
                    dragging_now = Some(step);
                }
                if response.drag_stopped() {
                    dropped = Some(position);
                }
                if !self.checked {
                    for (up, arrow, name) in [(true, "↑", T::MoveUp), (false, "↓", T::MoveDown)]
                    {
                        let enabled = if up {
                            position > 0
                        } else {
                            position + 1 < order.len()
                        };
                        let button = ui.add_enabled(enabled, egui::Button::new(arrow));
                        let label = format!("{} {text}", name.get(lang));
                        button.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Button, enabled, &label)
                        });
                        if button.clicked() {
                            moves.push((step, up));
                        }
                    }
                }
            });
            ui.add_space(2.0);
        }
        let area = Rect::from_min_max(
            egui::pos2(ui.min_rect().left(), area_top),
            egui::pos2(ui.min_rect().right(), ui.cursor().min.y),
        );
        if let (Some(step), Some(pointer)) = (self.dragging, ui.ctx().pointer_hover_pos())
            && area.expand(30.0).contains(pointer)
        {
            drop_line_ui(ui, area, &rects, pointer.y, self.position_of(step));
        }
        if !self.checked {
            if let Some(step) = clicked {
                self.selected = Some(step);
            }
            for (step, up) in moves {
                self.selected = Some(step);
                self.shift_selected(up);
            }
            if let Some(from) = dropped
                && let Some(pointer) = pointer_pos(ui)
                && area.expand(30.0).contains(pointer)
            {
                let to = insertion_index(&rects, pointer.y, Some(from));
                move_in_list(&mut self.order, from, to);
            }
        }
        self.dragging = dragging_now;
        if dragging_now.is_some() {
            ui.ctx().request_repaint();
        }
        ui.add_space(8.0);
        if self.checked {
            score_banner_ui(
                ui,
                T::InRightPlace.get(lang),
                grade.right,
                grade.max,
                &mut self.reveal,
                lang,
            );
            ui.label(format!(
                "{}{} / {}",
                T::LongestRun.get(lang),
                grade.longest_run,
                grade.max
            ));
            ui.add_space(4.0);
            card_ui(ui, Accent::KeyPoints, T::CorrectOrder.get(lang), |ui| {
                super::lesson::list_ui(ui, true, &self.exercise.steps);
                if !self.exercise.explanation.is_empty() {
                    ui.add_space(4.0);
                    paragraph_ui(ui, &self.exercise.explanation);
                }
            });
            ui.add_space(6.0);
            if ui.button(T::Retry.get(lang)).clicked() {
                self.seed = next_seed(self.seed);
                *self = Self::new(self.exercise.clone(), self.seed);
            }
        } else if ui
            .button(RichText::new(T::Check.get(lang)).strong())
            .clicked()
            || enter
        {
            self.checked = true;
            self.reveal = true;
            commands.push(Command::Study(StudyCmd::RecordExerciseScore {
                item: self.exercise.id.clone(),
                score: grade.right as f32,
                max: grade.max as f32,
                started,
            }));
            self.started = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exercise() -> OrderingExercise {
        OrderingExercise {
            id: "o".into(),
            lesson: "l".into(),
            title: String::new(),
            prompt: String::new(),
            steps: ["a", "b", "c", "d"].map(String::from).to_vec(),
            explanation: String::new(),
        }
    }

    #[test]
    fn the_selected_step_moves_with_its_neighbours() {
        let mut view = OrderingView::new(exercise(), 5);
        view.order = vec![2, 0, 1, 3];
        view.selected = Some(2);
        assert!(!view.shift_selected(true), "already at the top");
        assert!(view.shift_selected(false));
        assert!(view.shift_selected(false));
        assert_eq!(view.order, vec![0, 1, 2, 3]);
        view.selected = None;
        assert!(!view.shift_selected(false));
    }
}
