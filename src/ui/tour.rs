//! The tour of the screens shown after the first start (and from the Help menu): a few small
//! cards, each pointing at one area of the window with the rest dimmed.

use egui::{Align2, Color32, Id, Rect, RichText, Stroke, Ui, Vec2};

use super::focus::focus_color;
use super::{Command, WindowCmd};
use crate::i18n::{Lang, T};

/// The parts of the window the tour points at. The app marks where each was drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TourArea {
    Tree,
    Reading,
    Practice,
    Notes,
    Help,
}

pub struct TourStep {
    pub area: TourArea,
    pub title: T,
    pub text: T,
}

pub const STEPS: [TourStep; 5] = [
    TourStep {
        area: TourArea::Tree,
        title: T::TourTreeTitle,
        text: T::TourTreeText,
    },
    TourStep {
        area: TourArea::Reading,
        title: T::TourLessonTitle,
        text: T::TourLessonText,
    },
    TourStep {
        area: TourArea::Practice,
        title: T::TourPracticeTitle,
        text: T::TourPracticeText,
    },
    TourStep {
        area: TourArea::Notes,
        title: T::TourNotesTitle,
        text: T::TourNotesText,
    },
    TourStep {
        area: TourArea::Help,
        title: T::TourHelpTitle,
        text: T::TourHelpText,
    },
];

fn area_id(area: TourArea) -> Id {
    Id::unique(("tour-area", area))
}

/// Remembers where `area` was drawn in this frame, for the tour to point at.
pub fn mark_area(ctx: &egui::Context, area: TourArea, rect: Rect) {
    let frame = ctx.cumulative_frame_nr();
    ctx.data_mut(|d| d.insert_temp(area_id(area), (frame, rect)));
}

/// Where `area` was drawn in this frame; `None` when it is hidden (notes closed, presenting).
fn area_rect(ctx: &egui::Context, area: TourArea) -> Option<Rect> {
    let frame = ctx.cumulative_frame_nr();
    ctx.data(|d| d.get_temp::<(u64, Rect)>(area_id(area)))
        .filter(|(drawn, _)| *drawn == frame)
        .map(|(_, rect)| rect)
}

/// Where the card goes beside the area it explains: the point and which of its corners sits there.
fn card_anchor(area: TourArea, rect: Rect) -> (egui::Pos2, Align2) {
    const GAP: f32 = 16.0;
    match area {
        TourArea::Tree => (
            rect.right_center() + Vec2::new(GAP, 0.0),
            Align2::LEFT_CENTER,
        ),
        TourArea::Reading => (rect.center(), Align2::CENTER_CENTER),
        TourArea::Practice | TourArea::Help => {
            (rect.left_bottom() + Vec2::new(0.0, GAP), Align2::LEFT_TOP)
        }
        TourArea::Notes => (
            rect.left_center() - Vec2::new(GAP, 0.0),
            Align2::RIGHT_CENTER,
        ),
    }
}

/// The tour's state: the step shown, and whether its Next button still has to take the focus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tour {
    pub step: usize,
    focus_pending: bool,
}

impl Default for Tour {
    fn default() -> Self {
        Self::at(0)
    }
}

impl Tour {
    pub fn at(step: usize) -> Self {
        Self {
            step: step.min(STEPS.len() - 1),
            focus_pending: true,
        }
    }

    /// Draws the current step over the window. Esc skips the tour.
    pub fn ui(&mut self, ctx: &egui::Context, lang: Lang) -> Vec<Command> {
        let mut commands = Vec::new();
        let Some(step) = STEPS.get(self.step) else {
            return vec![Command::Window(WindowCmd::EndTour)];
        };
        let target = area_rect(ctx, step.area);
        let screen = ctx.content_rect();
        dim_around(ctx, screen, target);
        let id = Id::unique("tour-card");
        let area = match target {
            // Modal's own area, but placed beside the area rather than in the middle.
            Some(rect) => {
                let (pos, pivot) = card_anchor(step.area, rect);
                egui::Area::new(id)
                    .kind(egui::UiKind::Modal)
                    .sense(egui::Sense::hover())
                    .order(egui::Order::Foreground)
                    .interactable(true)
                    .fixed_pos(pos)
                    .pivot(pivot)
                    .constrain(true)
            }
            None => egui::Modal::default_area(id),
        };
        let frame = egui::Frame::popup(&ctx.global_style()).inner_margin(egui::Margin::same(14));
        let modal = egui::Modal::new(id)
            .area(area)
            .frame(frame)
            // The dimming is painted around the area explained, so it stays bright.
            .backdrop_color(Color32::TRANSPARENT)
            .show(ctx, |ui| self.card_ui(ui, lang, &mut commands));
        if modal.should_close() && commands.is_empty() && !modal.backdrop_response.clicked() {
            commands.push(Command::Window(WindowCmd::EndTour));
        }
        commands
    }

    fn card_ui(&mut self, ui: &mut Ui, lang: Lang, commands: &mut Vec<Command>) {
        let Some(step) = STEPS.get(self.step) else {
            return;
        };
        ui.set_width(360.0);
        ui.label(
            RichText::new(T::StepOf.fmt(
                lang,
                &[&(self.step + 1).to_string(), &STEPS.len().to_string()],
            ))
            .small()
            .weak(),
        );
        ui.label(RichText::new(step.title.get(lang)).size(19.0).strong());
        ui.add_space(2.0);
        ui.add(egui::Label::new(step.text.get(lang)).wrap());
        ui.add_space(10.0);
        let last = self.step + 1 == STEPS.len();
        // `Sides`, not a right-to-left layout, which would grow the card on every frame.
        let step = self.step;
        let focus_pending = &mut self.focus_pending;
        let (skip, moved) = egui::Sides::new().show(
            ui,
            |ui| ui.button(T::TourSkip.get(lang)).clicked(),
            |ui| {
                let next_text = if last {
                    T::Finish.get(lang)
                } else {
                    T::TourNext.get(lang)
                };
                let next = ui.add(egui::Button::new(RichText::new(next_text).strong()));
                if std::mem::take(focus_pending) {
                    // Enter or Space goes on at once; Tab reaches Back and Skip.
                    next.request_focus();
                }
                let back = step > 0 && ui.button(T::TourBack.get(lang)).clicked();
                if next.clicked() {
                    Some(if last {
                        Command::Window(WindowCmd::EndTour)
                    } else {
                        Command::Window(WindowCmd::TourStep(step + 1))
                    })
                } else if back {
                    Some(Command::Window(WindowCmd::TourStep(step - 1)))
                } else {
                    None
                }
            },
        );
        if skip {
            commands.push(Command::Window(WindowCmd::EndTour));
        }
        commands.extend(moved);
    }
}

/// Dims the window except `target`, and rings `target` in the focus colour.
fn dim_around(ctx: &egui::Context, screen: Rect, target: Option<Rect>) {
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Middle,
        Id::unique("tour-dim"),
    ));
    let shade = Color32::from_black_alpha(110);
    // A little room around the area, so the ring does not sit on a menu entry's letters.
    let Some(target) = target.map(|r| r.expand(4.0).intersect(screen.shrink(2.0))) else {
        painter.rect_filled(screen, 0.0, shade);
        return;
    };
    for rect in [
        Rect::from_min_max(screen.min, egui::pos2(screen.max.x, target.min.y)),
        Rect::from_min_max(egui::pos2(screen.min.x, target.max.y), screen.max),
        Rect::from_min_max(
            egui::pos2(screen.min.x, target.min.y),
            egui::pos2(target.min.x, target.max.y),
        ),
        Rect::from_min_max(
            egui::pos2(target.max.x, target.min.y),
            egui::pos2(screen.max.x, target.max.y),
        ),
    ] {
        if rect.is_positive() {
            painter.rect_filled(rect, 0.0, shade);
        }
    }
    let dark = ctx.global_style().visuals.dark_mode;
    painter.rect_stroke(
        target,
        6.0,
        Stroke::new(3.0, focus_color(dark)),
        egui::StrokeKind::Inside,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_card_sits_beside_its_area_inside_the_window() {
        let screen = Rect::from_min_size(egui::Pos2::ZERO, Vec2::new(1280.0, 800.0));
        let tree = Rect::from_min_max(egui::pos2(0.0, 30.0), egui::pos2(300.0, 770.0));
        let notes = Rect::from_min_max(egui::pos2(960.0, 30.0), egui::pos2(1280.0, 770.0));
        let (pos, pivot) = card_anchor(TourArea::Tree, tree);
        assert!(pos.x > tree.max.x && pivot == Align2::LEFT_CENTER);
        let (pos, pivot) = card_anchor(TourArea::Notes, notes);
        assert!(pos.x < notes.min.x && pivot == Align2::RIGHT_CENTER);
        let menu_button = Rect::from_min_max(egui::pos2(400.0, 0.0), egui::pos2(600.0, 28.0));
        let reading = Rect::from_min_max(egui::pos2(300.0, 30.0), egui::pos2(960.0, 770.0));
        for (step, rect) in STEPS
            .iter()
            .zip([tree, reading, menu_button, notes, menu_button])
        {
            let (pos, _) = card_anchor(step.area, rect);
            assert!(screen.contains(pos), "{:?}", step.area);
            assert!(!rect.contains(pos) || step.area == TourArea::Reading);
        }
    }

    #[test]
    fn a_step_past_the_end_is_the_last_step() {
        assert_eq!(Tour::at(99).step, STEPS.len() - 1);
        assert_eq!(Tour::default().step, 0);
    }
}
