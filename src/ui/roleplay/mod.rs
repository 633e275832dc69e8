//! A role-play: a chat with a simulated customer whose mood follows the learner's choices, with
//! feedback, an ending with its debrief, and the learner's path beside the best path (the
//! debrief's steps in [`debrief`]).

mod debrief;

use egui::{Color32, CornerRadius, Frame, Margin, Pos2, RichText, Sense, Stroke, Ui, Vec2};

use debrief::{debrief_steps, step_ui};

use super::images::{ImageCache, ImageState};
use super::lesson::{Accent, card_ui};
use super::rich::paragraph_ui;
use super::{Command, NavCmd, ScreenCtx, StudyCmd};
use crate::i18n::{Lang, T};
use crate::model::shuffle;
use crate::model::study::RolePlayResult;
use crate::model::{
    ANGER, Conversation, Emotion, FeedbackTiming, Outcome, RolePlay, Speaker, TRUST,
};

/// Below this width (points) the customer's panel beside the conversation leaves it too
/// narrow, and below this height the title and reply panels leave it no room: the parts are
/// stacked in one scrolling page.
const NARROW_WIDTH: f32 = 560.0;
const NARROW_HEIGHT: f32 = 480.0;

/// How far the seed moves for a restart (an odd constant: every play-through differs).
const REPLAY_STEP: u64 = 0x9e37_79b9_7f4a_7c15;

/// One line of the transcript.
#[derive(Clone, Debug, PartialEq)]
enum Line {
    Customer {
        text: String,
        emotion: Emotion,
        narrator: bool,
    },
    Learner {
        text: String,
        feedback: String,
        principle: String,
        score: i32,
    },
}

pub struct RolePlayView {
    pub id: String,
    talk: Conversation,
    log: Vec<Line>,
    recorded: bool,
    error: Option<String>,
    /// The seed of this play-through's reply order: each step's replies are shuffled from it
    /// and the step, so redrawing keeps the order and the next play-through changes it.
    seed: u64,
    /// When this run of the conversation was first shown (cleared on a restart).
    started: Option<chrono::DateTime<chrono::Utc>>,
}

impl RolePlayView {
    /// A play-through whose replies are shuffled from `seed` (the shell's clock).
    pub fn new(play: &RolePlay, seed: u64) -> Self {
        let mut view = Self {
            id: play.id.clone(),
            talk: Conversation {
                node: play.start.clone(),
                vars: play.initial_vars(),
                path: Vec::new(),
            },
            log: Vec::new(),
            recorded: false,
            error: None,
            // `restart` steps it once more.
            seed: seed.wrapping_sub(REPLAY_STEP),
            started: None,
        };
        view.restart(play);
        view
    }

    fn restart(&mut self, play: &RolePlay) {
        // A new play-through, a new order.
        self.seed = self.seed.wrapping_add(REPLAY_STEP);
        self.log.clear();
        self.recorded = false;
        self.started = None;
        match Conversation::start(play) {
            Ok(talk) => {
                self.talk = talk;
                self.error = None;
                // Narrator lines before the first choice are part of the opening.
                self.push_lines_to_current(play, &play.start.clone());
            }
            Err(err) => self.error = Some(err.to_string()),
        }
    }

    /// Adds the lines from `from` up to the current node (following narrator `next` links).
    fn push_lines_to_current(&mut self, play: &RolePlay, from: &str) {
        let mut id = from.to_owned();
        for _ in 0..64 {
            let Some(node) = play.node(&id) else {
                return;
            };
            self.log.push(Line::Customer {
                text: node.text.clone(),
                emotion: node.emotion,
                narrator: node.speaker == Speaker::Narrator,
            });
            if node.id == self.talk.node {
                return;
            }
            match &node.next {
                Some(next) => id = next.clone(),
                None => return,
            }
        }
    }

    fn choose(&mut self, play: &RolePlay, index: usize) {
        let Some(choice) = self
            .talk
            .current(play)
            .and_then(|n| n.choices.get(index))
            .cloned()
        else {
            return;
        };
        let before = self.talk.vars.clone();
        if self.talk.choose(play, index).is_err() {
            return;
        }
        self.log.push(Line::Learner {
            text: choice.text.clone(),
            feedback: choice.feedback.clone(),
            principle: choice.principle.clone(),
            score: choice.score,
        });
        // Where the choice led before narrator links were followed.
        let mut vars = before;
        let target = play.apply(&choice, &mut vars).to_owned();
        self.push_lines_to_current(play, &target);
    }

    pub fn ui(&mut self, ui: &mut Ui, play: &RolePlay, cx: &ScreenCtx<'_>) -> Vec<Command> {
        let (images, lang, now) = (cx.images, cx.lang, cx.now);
        let mut commands = Vec::new();
        if let Some(error) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
            return commands;
        }
        let started = *self.started.get_or_insert(now);
        let ended = self.talk.ending(play).is_some();
        if ended && !self.recorded {
            self.recorded = true;
            if let Some(ending) = self.talk.ending(play) {
                commands.push(Command::Study(StudyCmd::RecordRolePlay {
                    id: play.id.clone(),
                    result: RolePlayResult {
                        finished: now,
                        percent: self.talk.percent(play),
                        outcome: ending.outcome,
                        path: self.talk.path.iter().map(|s| s.choice).collect(),
                    },
                    started,
                }));
            }
        }
        let shuffle = cx.settings.shuffle_options;
        // Too small for the panels side by side and one above the other (1024×700 beside both
        // side panels, 200 % text): the reply buttons were pushed over the customer's words.
        // The same parts are then stacked in one scrolling page instead.
        if ui.available_width() < NARROW_WIDTH || ui.available_height() < NARROW_HEIGHT {
            egui::ScrollArea::vertical()
                .id_salt(("roleplay-stacked", &play.id))
                .stick_to_bottom(!ended)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    self.title_ui(ui, play, lang);
                    ui.separator();
                    self.customer_ui(ui, play, images, lang);
                    ui.separator();
                    if ended {
                        self.ending_ui(ui, play, lang, &mut commands);
                    } else {
                        self.transcript_ui(ui, play, lang);
                        ui.separator();
                        self.choices_ui(ui, play, shuffle, lang);
                    }
                });
            return commands;
        }
        egui::Panel::top("roleplay-title").show(ui, |ui| self.title_ui(ui, play, lang));
        egui::Panel::left("roleplay-customer")
            .resizable(false)
            .default_size(230.0)
            .show(ui, |ui| {
                self.customer_ui(ui, play, images, lang);
            });
        if ended {
            egui::CentralPanel::default().show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("roleplay-end")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        self.ending_ui(ui, play, lang, &mut commands);
                    });
            });
        } else {
            egui::Panel::bottom("roleplay-choices")
                .show(ui, |ui| self.choices_ui(ui, play, shuffle, lang));
            egui::CentralPanel::default().show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("roleplay-chat")
                    .stick_to_bottom(true)
                    .auto_shrink([false, false])
                    .show(ui, |ui| self.transcript_ui(ui, play, lang));
            });
        }
        commands
    }

    /// The play's title with the restart button, and its brief.
    fn title_ui(&mut self, ui: &mut Ui, play: &RolePlay, lang: Lang) {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&play.title).size(20.0).strong());
            let restart = T::Restart.get(lang);
            let width =
                super::layout::line_width(ui, restart) + 2.0 * ui.spacing().button_padding.x;
            // At the right end when the title leaves room for it, else wrapped under it.
            let clicked = if ui.available_width() >= width {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.button(restart).clicked()
                })
                .inner
            } else {
                ui.button(restart).clicked()
            };
            if clicked {
                self.restart(play);
            }
        });
        egui::CollapsingHeader::new(T::Brief.get(lang))
            .id_salt(("brief", &play.id))
            .default_open(true)
            .show(ui, |ui| paragraph_ui(ui, &play.brief));
    }

    fn customer_ui(&self, ui: &mut Ui, play: &RolePlay, images: &ImageCache, lang: Lang) {
        let node = self.talk.current(play);
        let emotion = node.map_or(Emotion::Neutral, |n| n.emotion);
        ui.add_space(8.0);
        let anger = self.talk.vars.get(ANGER).copied().unwrap_or(0);
        let portrait = play.portraits.get(&emotion).map(|path| images.get(path));
        match portrait {
            Some(ImageState::Ready(texture)) => {
                ui.add(egui::Image::new((texture.id(), Vec2::splat(160.0))));
            }
            _ => face_ui(ui, emotion, anger),
        }
        let name = if play.customer.is_empty() {
            T::Customer.get(lang)
        } else {
            &play.customer
        };
        ui.label(RichText::new(name).strong().size(16.0));
        ui.label(RichText::new(emotion_label(emotion, lang)).weak());
        ui.add_space(10.0);
        meter_ui(
            ui,
            T::Anger.get(lang),
            anger,
            Color32::from_rgb(220, 70, 60),
            ("anger", &self.id),
        );
        meter_ui(
            ui,
            T::Trust.get(lang),
            self.talk.vars.get(TRUST).copied().unwrap_or(0),
            Color32::from_rgb(60, 170, 90),
            ("trust", &self.id),
        );
    }

    fn transcript_ui(&self, ui: &mut Ui, play: &RolePlay, lang: Lang) {
        let immediate = play.feedback == FeedbackTiming::Immediate;
        ui.add_space(8.0);
        for line in &self.log {
            match line {
                Line::Customer {
                    text,
                    narrator: true,
                    ..
                } => {
                    ui.vertical_centered(|ui| ui.label(RichText::new(text).italics().weak()));
                }
                Line::Customer { text, .. } => bubble_ui(ui, text, false),
                Line::Learner {
                    text,
                    feedback,
                    principle,
                    score,
                } => {
                    bubble_ui(ui, text, true);
                    if immediate && !feedback.is_empty() {
                        feedback_note_ui(ui, feedback, principle, *score, lang);
                    }
                }
            }
            ui.add_space(6.0);
        }
    }

    /// The replies available now, in this play-through's order for this step (the printed order
    /// when shuffling is off). Choices stay recorded by their index in the scenario.
    fn shown_replies<'a>(
        &self,
        play: &'a RolePlay,
        shuffle: bool,
    ) -> Vec<(usize, &'a crate::model::Choice)> {
        let Some(node) = self.talk.current(play) else {
            return Vec::new();
        };
        let available = play.available(node, &self.talk.vars);
        if !shuffle {
            return available;
        }
        let step_seed =
            shuffle::attempt_seed(&format!("{}#{}", node.id, self.talk.path.len()), self.seed);
        shuffle::shuffled(available.len(), step_seed)
            .into_iter()
            .filter_map(|i| available.get(i).copied())
            .collect()
    }

    fn choices_ui(&mut self, ui: &mut Ui, play: &RolePlay, shuffle: bool, lang: Lang) {
        ui.add_space(6.0);
        ui.label(RichText::new(T::YourReply.get(lang)).strong());
        let available = self.shown_replies(play, shuffle);
        let keys = [
            egui::Key::Num1,
            egui::Key::Num2,
            egui::Key::Num3,
            egui::Key::Num4,
            egui::Key::Num5,
            egui::Key::Num6,
        ];
        let mut chosen = None;
        ui.with_layout(egui::Layout::top_down_justified(egui::Align::Min), |ui| {
            for (n, (index, choice)) in available.iter().enumerate() {
                let pressed = keys.get(n).is_some_and(|k| ui.input(|i| i.key_pressed(*k)));
                let button = egui::Button::new(
                    RichText::new(format!("{}. {}", n + 1, choice.text)).size(15.0),
                )
                .wrap()
                .min_size(Vec2::new(0.0, 30.0));
                if ui.add(button).clicked() || pressed {
                    chosen = Some(*index);
                }
            }
        });
        ui.add_space(6.0);
        if let Some(index) = chosen {
            self.choose(play, index);
        }
    }

    fn ending_ui(&self, ui: &mut Ui, play: &RolePlay, lang: Lang, commands: &mut Vec<Command>) {
        let Some(ending) = self.talk.ending(play) else {
            return;
        };
        ui.add_space(10.0);
        self.transcript_tail_ui(ui, play);
        let (label, color) = match ending.outcome {
            Outcome::Success => (T::OutcomeSuccess, Color32::from_rgb(40, 160, 80)),
            Outcome::Partial => (T::OutcomePartial, ui.visuals().warn_fg_color),
            Outcome::Failure => (T::OutcomeFailure, ui.visuals().error_fg_color),
        };
        ui.label(
            RichText::new(label.get(lang))
                .size(24.0)
                .strong()
                .color(color),
        );
        ui.label(
            RichText::new(format!(
                "{} {} / 100",
                T::RolePlayScore.get(lang),
                self.talk.percent(play)
            ))
            .size(18.0)
            .strong(),
        );
        card_ui(ui, Accent::KeyPoints, T::Debrief.get(lang), |ui| {
            paragraph_ui(ui, &ending.debrief)
        });
        ui.add_space(10.0);
        ui.label(
            RichText::new(T::PathComparison.get(lang))
                .size(18.0)
                .strong(),
        );
        let path: Vec<usize> = self.talk.path.iter().map(|s| s.choice).collect();
        for (n, step) in debrief_steps(play, &path).iter().enumerate() {
            step_ui(ui, n, step, lang);
        }
        if play.feedback == FeedbackTiming::AtEnd {
            ui.add_space(10.0);
            ui.label(
                RichText::new(T::FeedbackOnChoices.get(lang))
                    .size(18.0)
                    .strong(),
            );
            for line in &self.log {
                if let Line::Learner {
                    text,
                    feedback,
                    principle,
                    score,
                } = line
                {
                    bubble_ui(ui, text, true);
                    feedback_note_ui(ui, feedback, principle, *score, lang);
                }
            }
        }
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            if ui.button(T::PlayAgain.get(lang)).clicked() {
                commands.push(Command::Nav(NavCmd::ShowItem(play.id.clone())));
            }
            if ui.button(T::BackToLesson.get(lang)).clicked() {
                commands.push(Command::Nav(NavCmd::ShowLessonById(play.lesson.clone())));
            }
        });
        ui.add_space(20.0);
    }

    /// The last customer line, so the ending reads in context.
    fn transcript_tail_ui(&self, ui: &mut Ui, _play: &RolePlay) {
        if let Some(Line::Customer { text, .. }) = self.log.last() {
            bubble_ui(ui, text, false);
            ui.add_space(6.0);
        }
    }
}

fn emotion_label(emotion: Emotion, lang: Lang) -> &'static str {
    match emotion {
        Emotion::Neutral => T::EmotionNeutral,
        Emotion::Pleased => T::EmotionPleased,
        Emotion::Anxious => T::EmotionAnxious,
        Emotion::Doubtful => T::EmotionDoubtful,
        Emotion::Annoyed => T::EmotionAnnoyed,
        Emotion::Angry => T::EmotionAngry,
        Emotion::Furious => T::EmotionFurious,
    }
    .get(lang)
}

fn bubble_ui(ui: &mut Ui, text: &str, mine: bool) {
    let dark = ui.visuals().dark_mode;
    let fill = match (mine, dark) {
        (true, true) => Color32::from_rgb(30, 80, 130),
        (true, false) => Color32::from_rgb(210, 230, 250),
        (false, true) => Color32::from_gray(55),
        (false, false) => Color32::from_gray(235),
    };
    let layout = if mine {
        egui::Layout::right_to_left(egui::Align::Min)
    } else {
        egui::Layout::left_to_right(egui::Align::Min)
    };
    ui.with_layout(layout, |ui| {
        // Three quarters of the width, at least 200 points, never more than there is.
        let max = (ui.available_width() * 0.75)
            .max(200.0)
            .min(ui.available_width() - 24.0);
        Frame::new()
            .fill(fill)
            .corner_radius(CornerRadius::same(10))
            .inner_margin(Margin::symmetric(12, 8))
            .show(ui, |ui| {
                ui.set_max_width(max);
                ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                    let color = ui.visuals().strong_text_color();
                    ui.add(egui::Label::new(RichText::new(text).size(16.0).color(color)).wrap());
                });
            });
    });
}

fn feedback_note_ui(ui: &mut Ui, feedback: &str, principle: &str, score: i32, lang: Lang) {
    let color = if score > 0 {
        super::palette::good_color(ui.visuals().dark_mode)
    } else if score < 0 {
        ui.visuals().error_fg_color
    } else {
        ui.visuals().warn_fg_color
    };
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
        ui.vertical(|ui| {
            ui.set_max_width(
                (ui.available_width() * 0.75)
                    .max(200.0)
                    .min(ui.available_width()),
            );
            ui.add(
                egui::Label::new(RichText::new(format!("{score:+} · {feedback}")).color(color))
                    .wrap(),
            );
            if !principle.is_empty() {
                ui.label(
                    RichText::new(format!("{} {principle}", T::Principle.get(lang)))
                        .small()
                        .weak(),
                );
            }
        });
    });
}

/// A mood meter that glides to its new value.
fn meter_ui(ui: &mut Ui, label: &str, value: i32, color: Color32, id: (&str, &str)) {
    let shown = ui
        .ctx()
        .animate_value_with_time(egui::Id::unique(id), value as f32, 0.6);
    ui.label(format!("{label} {value}"));
    let (rect, response) = ui.allocate_exact_size(
        Vec2::new(ui.available_width().min(200.0), 12.0),
        Sense::hover(),
    );
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::ProgressIndicator,
            true,
            format!("{label} {value}"),
        )
    });
    let painter = ui.painter();
    painter.rect_filled(rect, 6.0, ui.visuals().extreme_bg_color);
    let mut filled = rect;
    filled.set_width(rect.width() * (shown / 100.0).clamp(0.0, 1.0));
    painter.rect_filled(filled, 6.0, color);
    ui.add_space(6.0);
}

/// A drawn face for scenarios without portraits: the mouth and brows follow the emotion, the
/// face reddens with anger.
fn face_ui(ui: &mut Ui, emotion: Emotion, anger: i32) {
    let (rect, _) = ui.allocate_exact_size(Vec2::splat(160.0), Sense::hover());
    let painter = ui.painter_at(rect);
    let c = rect.center();
    let r = 70.0;
    let heat = (anger as f32 / 100.0).clamp(0.0, 1.0);
    let skin = Color32::from_rgb(
        245,
        (220.0 - 90.0 * heat) as u8,
        (180.0 - 100.0 * heat) as u8,
    );
    painter.circle(c, r, skin, Stroke::new(2.0, Color32::from_gray(90)));
    let ink = Stroke::new(3.0, Color32::from_gray(40));
    for dx in [-24.0, 24.0] {
        painter.circle_filled(Pos2::new(c.x + dx, c.y - 12.0), 5.0, Color32::from_gray(40));
    }
    // Brows: slanted inwards when angry, raised when anxious or doubtful.
    let (inner, outer) = match emotion {
        Emotion::Angry | Emotion::Furious | Emotion::Annoyed => (8.0, -4.0),
        Emotion::Anxious | Emotion::Doubtful => (-6.0, 2.0),
        _ => (0.0, 0.0),
    };
    for side in [-1.0, 1.0] {
        let a = Pos2::new(c.x + side * 12.0, c.y - 30.0 + inner);
        let b = Pos2::new(c.x + side * 36.0, c.y - 30.0 + outer);
        painter.line_segment([a, b], ink);
    }
    // Mouth: a curve whose bend follows the mood.
    let bend = match emotion {
        Emotion::Pleased => 14.0,
        Emotion::Neutral => 2.0,
        Emotion::Doubtful | Emotion::Anxious => -4.0,
        Emotion::Annoyed => -8.0,
        Emotion::Angry => -12.0,
        Emotion::Furious => -18.0,
    };
    let points: Vec<Pos2> = (0..=12)
        .map(|i| {
            let t = i as f32 / 12.0;
            let x = c.x - 28.0 + 56.0 * t;
            let y = c.y + 28.0 + bend * (1.0 - (2.0 * t - 1.0).powi(2));
            Pos2::new(x, y)
        })
        .collect();
    painter.add(egui::Shape::line(points, ink));
}
