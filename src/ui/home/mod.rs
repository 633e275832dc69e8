//! The home screen: a welcome with "continue" and "start" buttons, the pass probability with
//! its trend and today's plan toward the exam date (`plan.rs`), the mastery map
//! (`ui/mastery.rs`), the learner's figures (new and due told apart), memory settings with the
//! review forecast (`memory.rs`) and recent scores. The readiness figures are computed by the
//! shell on a background thread; this screen only draws the last ones.

mod memory;
mod plan;

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::layout::reading_page;
use super::{Command, NavCmd};
use crate::i18n::{Lang, T};
use crate::model::Pack;
use crate::model::study::StudyState;
use crate::progress::dates;
use crate::progress::outlook::{Outlook, in_pack};
pub use crate::progress::summary::{ChapterSummary, Summary};

/// What the home screen keeps between frames: the exam date being typed.
#[derive(Default)]
pub struct HomeState {
    pub exam_date_text: String,
    /// The date shown in the field was taken from this setting (re-filled when it changes).
    pub exam_date_seen: Option<Option<NaiveDate>>,
    pub exam_date_error: bool,
}

pub struct HomeView<'a> {
    pub pack: &'a Pack,
    pub summary: &'a Summary,
    pub study: &'a StudyState,
    pub profile_name: &'a str,
    pub profile_avatar: Option<&'a str>,
    pub last_lesson: Option<&'a str>,
    pub lang: Lang,
    /// The profile's exam date.
    pub exam_date: Option<NaiveDate>,
    pub today: NaiveDate,
    /// The last readiness figures (`None` until the first are computed).
    pub outlook: Option<&'a Outlook>,
    /// Newer figures are being computed.
    pub computing: bool,
    /// The learner's FSRS parameters are being fitted.
    pub fitting: bool,
}

/// Today's review queue told apart as Anki does: (new cards, reviews due), the open pack's only.
pub fn new_and_due(pack: &Pack, study: &StudyState, queue: &[String]) -> (usize, usize) {
    let mine = queue.iter().filter(|id| in_pack(pack, id));
    let (new, due): (Vec<&String>, Vec<&String>) =
        mine.partition(|id| !study.reviews.contains_key(id.as_str()));
    (new.len(), due.len())
}

/// The review queue of the open pack only (the study state may hold other packs' items).
pub fn pack_queue(pack: &Pack, queue: &[String]) -> Vec<String> {
    queue
        .iter()
        .filter(|id| in_pack(pack, id))
        .cloned()
        .collect()
}

impl HomeView<'_> {
    pub fn ui(&self, ui: &mut Ui, state: &mut HomeState) -> Vec<Command> {
        let lang = self.lang;
        let pack = self.pack;
        let mut commands = Vec::new();
        reading_page(ui, "home", |ui| {
            ui.add_space(24.0);
            ui.label(RichText::new(T::Welcome.get(lang)).size(28.0).strong());
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                super::avatar::avatar_ui(ui, self.profile_name, self.profile_avatar, 26.0);
                ui.label(
                    RichText::new(T::Hello.fmt(lang, &[self.profile_name]))
                        .size(18.0)
                        .weak(),
                );
            });
            ui.add_space(6.0);
            ui.label(RichText::new(&pack.manifest.title).size(20.0));
            if !pack.manifest.description.is_empty() {
                ui.label(&pack.manifest.description);
            }
            ui.add_space(12.0);
            ui.label(T::WelcomeText.get(lang));
            ui.add_space(8.0);
            self.buttons_ui(ui, &mut commands);
            ui.add_space(16.0);
            self.readiness_ui(ui, state, &mut commands);
            ui.add_space(16.0);
            commands.extend(super::mastery::mastery_map_ui(
                ui,
                pack,
                self.outlook.map(|o| &o.lessons),
                lang,
            ));
            ui.add_space(16.0);
            self.stats_ui(ui);
            ui.add_space(16.0);
            self.memory_ui(ui, &mut commands);
            ui.add_space(16.0);
            self.recent_ui(ui);
            ui.add_space(24.0);
        });
        commands
    }

    fn buttons_ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let lang = self.lang;
        let last = self.last_lesson.and_then(|id| self.pack.lesson_by_id(id));
        ui.horizontal_wrapped(|ui| {
            if let Some((at, lesson)) = last
                && ui
                    .button(
                        RichText::new(format!("{}{}", T::ContinueLesson.get(lang), lesson.title))
                            .size(16.0),
                    )
                    .clicked()
            {
                commands.push(Command::Nav(NavCmd::ShowLesson(at)));
            }
            if let Some((first, _)) = self.pack.lessons().next()
                && ui
                    .button(RichText::new(T::StartFirstLesson.get(lang)).size(16.0))
                    .clicked()
            {
                commands.push(Command::Nav(NavCmd::ShowLesson(first)));
            }
        });
    }

    fn stats_ui(&self, ui: &mut Ui) {
        let lang = self.lang;
        let s = self.summary;
        ui.label(RichText::new(T::Overall.get(lang)).size(18.0).strong());
        let share = if s.lessons_total > 0 {
            s.lessons_done as f32 / s.lessons_total as f32
        } else {
            0.0
        };
        ui.add(
            egui::ProgressBar::new(share)
                .text(T::LessonsDoneOf.fmt(
                    lang,
                    &[&s.lessons_done.to_string(), &s.lessons_total.to_string()],
                ))
                .desired_height(22.0),
        );
        ui.add_space(8.0);
        let (new, due) = (s.queue_new, s.queue_due);
        let stats = [
            (
                T::Streak.get(lang),
                crate::i18n::counted(lang, s.streak as usize, T::DayOne, T::DaysN),
            ),
            (
                T::ReviewsDue.get(lang),
                T::NewAndDue.fmt(lang, &[&new.to_string(), &due.to_string()]),
            ),
            (T::AnswersCount.get(lang), s.attempts.to_string()),
        ];
        // Three boxes side by side when each value fits on its line, else one under another
        // (200 % text), rather than a value broken a character a line.
        // A group frame's margins and strokes on both sides.
        let frame = 16.0;
        let widest = stats
            .iter()
            .map(|(caption, value)| {
                super::layout::line_width(ui, stat_value(value))
                    .max(super::layout::line_width(ui, stat_caption(caption)))
            })
            .fold(0.0, f32::max);
        let gaps = 2.0 * ui.spacing().item_spacing.x;
        if (ui.available_width() - gaps) / 3.0 >= widest + frame {
            ui.columns(3, |cols| {
                for (col, (caption, value)) in cols.iter_mut().zip(&stats) {
                    stat_ui(col, caption, value);
                }
            });
        } else {
            for (caption, value) in &stats {
                stat_ui(ui, caption, value);
            }
        }
    }

    fn recent_ui(&self, ui: &mut Ui) {
        let lang = self.lang;
        ui.label(RichText::new(T::RecentScores.get(lang)).size(18.0).strong());
        if self.summary.recent.is_empty() {
            ui.label(RichText::new(T::NoScoresYet.get(lang)).weak());
            return;
        }
        egui::Grid::new("recent-scores")
            .striped(true)
            .num_columns(3)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                for (title, score, max, when) in &self.summary.recent {
                    // A fixed width: a truncating label in a grid otherwise shrinks to "SW…".
                    let width = (ui.available_width() * 0.6).clamp(200.0, 420.0);
                    ui.allocate_ui_with_layout(
                        egui::vec2(width, 20.0),
                        egui::Layout::left_to_right(egui::Align::Center),
                        |ui| {
                            ui.set_min_width(width);
                            ui.add(egui::Label::new(title.as_str()).truncate())
                        },
                    );
                    let ratio = if *max > 0.0 { score / max } else { 0.0 };
                    let color = if ratio >= crate::progress::record::COMPLETION_SHARE {
                        super::lesson::Accent::Definition.color(ui.visuals().dark_mode)
                    } else {
                        ui.visuals().warn_fg_color
                    };
                    ui.label(
                        RichText::new(format!("{score:.1} / {max:.1}"))
                            .color(color)
                            .strong(),
                    );
                    ui.label(RichText::new(dates::display(*when)).weak());
                    ui.end_row();
                }
            });
    }
}

fn stat_caption(caption: &str) -> RichText {
    RichText::new(caption).small().weak()
}

fn stat_value(value: &str) -> RichText {
    RichText::new(value).size(24.0).strong()
}

fn stat_ui(ui: &mut Ui, caption: &str, value: &str) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(stat_caption(caption));
        ui.label(stat_value(value));
    });
}
