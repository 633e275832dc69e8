//! The syllabus tree: chapters → sections → lessons, with the open lesson highlighted and
//! finished lessons ticked.

use egui::{CollapsingHeader, Ui};

use super::{Command, NavCmd, ScreenCtx};
use crate::i18n::T;
use crate::model::LessonRef;

#[derive(Default)]
pub struct SyllabusTree {
    /// Set when the open lesson changed, so its chapter unfolds and it scrolls into view once.
    reveal: Option<LessonRef>,
}

impl SyllabusTree {
    pub fn reveal(&mut self, lesson: LessonRef) {
        self.reveal = Some(lesson);
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &ScreenCtx<'_>) -> Vec<Command> {
        let current = cx.lesson;
        let done = &cx.progress.lessons_done;
        let mut commands = Vec::new();
        ui.heading(T::Syllabus.get(cx.lang));
        ui.separator();
        let reveal = self.reveal.take();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for (c, chapter) in cx.pack.chapters.iter().enumerate() {
                    let mut header =
                        CollapsingHeader::new(egui::RichText::new(&chapter.title).strong())
                            .id_salt(("chapter", &chapter.id))
                            .default_open(current.is_some_and(|at| at.chapter == c));
                    if reveal.is_some_and(|at| at.chapter == c) {
                        header = header.open(Some(true));
                    }
                    header.show(ui, |ui| {
                        for (s, section) in chapter.sections.iter().enumerate() {
                            let single =
                                chapter.sections.len() == 1 && section.title == chapter.title;
                            let mut lessons_ui = |ui: &mut Ui| {
                                for (l, lesson) in section.lessons.iter().enumerate() {
                                    let at = LessonRef {
                                        chapter: c,
                                        section: s,
                                        lesson: l,
                                    };
                                    let selected = current == Some(at);
                                    // A finished lesson is marked, so the tree shows at a glance
                                    // how far the learner has come.
                                    let response = if done.contains(&lesson.id) {
                                        ui.selectable_label(selected, format!("✔ {}", lesson.title))
                                    } else {
                                        ui.selectable_label(selected, &lesson.title)
                                    };
                                    if reveal == Some(at) {
                                        response.scroll_to_me(Some(egui::Align::Center));
                                    }
                                    if response.clicked() && !selected {
                                        commands.push(Command::Nav(NavCmd::ShowLesson(at)));
                                    }
                                }
                            };
                            if single {
                                lessons_ui(ui);
                            } else {
                                let mut inner = CollapsingHeader::new(&section.title)
                                    .id_salt(("section", &section.id))
                                    .default_open(true);
                                if reveal.is_some_and(|at| at.chapter == c && at.section == s) {
                                    inner = inner.open(Some(true));
                                }
                                inner.show(ui, lessons_ui);
                            }
                        }
                    });
                }
            });
        commands
    }
}
