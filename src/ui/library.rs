//! The pack library screen: the built-in syllabus and every installed pack, with switching,
//! updating and removing (after a confirmation that keeps the learner's records by default).

use egui::{RichText, Ui};

use super::layout::reading_page;
use super::{Command, FilesCmd, LibraryCmd, ScreenCtx, WindowCmd};
use crate::i18n::{Lang, T, counted};
use crate::model::Counts;

/// The screen's own state: which pack is being confirmed for removal.
#[derive(Default)]
pub struct LibraryView {
    confirm_remove: Option<(String, String)>,
    forget_records: bool,
}

/// "8 章 · 63 课 · 459 题 · 25 练习": what a pack holds, in the library and the status line.
pub fn counts_line(counts: &Counts, lang: Lang) -> String {
    let exercises = counts.swot + counts.pdca + counts.orderings + counts.roleplays;
    [
        counted(lang, counts.chapters, T::ChapterOne, T::Chapters),
        counted(lang, counts.lessons, T::LessonOne, T::Lessons),
        counted(lang, counts.questions, T::QuestionOne, T::Questions),
        counted(lang, exercises, T::ExerciseOne, T::Exercises),
    ]
    .join(" · ")
}

/// A button with its own AccessKit label, for buttons whose text repeats on every card.
fn labelled_button(ui: &mut Ui, text: &str, label: String) -> egui::Response {
    let response = ui.button(text);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    response
}

/// "Studying now", shaped like the buttons it stands in for so the row stays aligned.
fn current_marker_ui(ui: &mut Ui, lang: Lang) {
    ui.add_enabled(
        false,
        egui::Button::selectable(true, RichText::new(T::CurrentPack.get(lang)).strong()),
    );
}

/// One pack's box on the screen.
fn card_ui(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::same(12))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui);
        });
    ui.add_space(8.0);
}

impl LibraryView {
    pub fn ui(&mut self, ui: &mut Ui, cx: &ScreenCtx<'_>) -> Vec<Command> {
        let lang = cx.lang;
        let builtin = &cx.library.builtin;
        let packs = cx.library.installed;
        let current = cx.library.current;
        let mut commands = Vec::new();
        reading_page(ui, "library", |ui| {
            ui.add_space(16.0);
            ui.label(RichText::new(T::PackLibrary.get(lang)).size(24.0).strong());
            ui.label(T::PackLibraryHelp.get(lang));
            ui.add_space(8.0);
            ui.horizontal_wrapped(|ui| {
                for (command, label) in [
                    (Command::Files(FilesCmd::ChoosePack), T::OpenPack),
                    (
                        Command::Files(FilesCmd::ChoosePackFolder),
                        T::OpenPackFolder,
                    ),
                    (Command::Window(WindowCmd::Import(true)), T::ImportBank),
                ] {
                    if ui.button(label.get(lang)).clicked() {
                        commands.push(command);
                    }
                }
            });
            ui.add_space(12.0);
            card_ui(ui, |ui| {
                ui.label(RichText::new(builtin.title).size(18.0).strong());
                ui.label(
                    RichText::new(format!(
                        "{} · {} {}",
                        T::BuiltinPack.get(lang),
                        T::Version.get(lang),
                        builtin.version
                    ))
                    .weak(),
                );
                ui.label(counts_line(builtin.counts, lang));
                if current.is_none() {
                    current_marker_ui(ui, lang);
                } else if labelled_button(
                    ui,
                    T::StudyThisPack.get(lang),
                    format!("{} {}", T::StudyThisPack.get(lang), builtin.title),
                )
                .clicked()
                {
                    commands.push(Command::Library(LibraryCmd::UseBuiltin));
                }
            });
            if packs.is_empty() {
                ui.add_space(8.0);
                ui.label(RichText::new(T::NoInstalledPacks.get(lang)).weak());
            }
            for pack in packs {
                card_ui(ui, |ui| {
                    ui.label(RichText::new(&pack.title).size(18.0).strong());
                    let mut meta =
                        format!("{} {} · {}", T::Version.get(lang), pack.version, pack.id);
                    if !pack.authors.is_empty() {
                        meta += &format!(
                            " · {} {}",
                            T::Authors.get(lang),
                            pack.authors.join(T::ListSep.get(lang))
                        );
                    }
                    ui.label(RichText::new(meta).weak());
                    if !pack.description.is_empty() {
                        ui.label(&pack.description);
                    }
                    ui.label(counts_line(&pack.counts, lang));
                    ui.horizontal(|ui| {
                        if current == Some(pack.id.as_str()) {
                            current_marker_ui(ui, lang);
                        } else if labelled_button(
                            ui,
                            T::StudyThisPack.get(lang),
                            format!("{} {}", T::StudyThisPack.get(lang), pack.title),
                        )
                        .clicked()
                        {
                            commands.push(Command::Library(LibraryCmd::Switch(pack.id.clone())));
                        }
                        if labelled_button(
                            ui,
                            T::UpdatePack.get(lang),
                            format!("{} {}", T::UpdatePack.get(lang), pack.title),
                        )
                        .clicked()
                        {
                            commands.push(Command::Files(FilesCmd::ChoosePack));
                        }
                        if labelled_button(
                            ui,
                            T::RemovePack.get(lang),
                            format!("{} {}", T::RemovePack.get(lang), pack.title),
                        )
                        .clicked()
                        {
                            self.confirm_remove = Some((pack.id.clone(), pack.title.clone()));
                            self.forget_records = false;
                        }
                    });
                });
            }
        });
        commands.extend(self.confirm_ui(ui, lang));
        commands
    }

    fn confirm_ui(&mut self, ui: &mut Ui, lang: Lang) -> Vec<Command> {
        let mut commands = Vec::new();
        let Some((id, title)) = self.confirm_remove.clone() else {
            return commands;
        };
        let mut close = false;
        let modal =
            egui::Modal::new(egui::Id::unique("confirm-remove-pack")).show(ui.ctx(), |ui| {
                ui.set_max_width(420.0);
                ui.label(
                    RichText::new(T::RemoveConfirmTitle.get(lang))
                        .size(18.0)
                        .strong(),
                );
                ui.label(RichText::new(&title).strong());
                ui.label(T::RemoveConfirmText.get(lang));
                ui.checkbox(&mut self.forget_records, T::ForgetRecords.get(lang));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button(T::ConfirmRemove.get(lang)).clicked() {
                        commands.push(Command::Library(LibraryCmd::Remove {
                            id: id.clone(),
                            forget_records: self.forget_records,
                        }));
                        close = true;
                    }
                    if ui.button(T::Cancel.get(lang)).clicked() {
                        close = true;
                    }
                });
            });
        if close || modal.should_close() {
            self.confirm_remove = None;
        }
        commands
    }
}
