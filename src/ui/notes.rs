//! Notes: the side panel beside a lesson or exercise, where the learner types (saved by the app
//! without a Save button), and the screen listing every note by chapter with search and export.

use egui::{RichText, Ui};

use super::layout::reading_page;
use super::{Command, FilesCmd, NavCmd, ScreenCtx, StudyCmd};
use crate::i18n::{Lang, T};
use crate::model::Pack;
use crate::progress::notes::{NoteTarget, group_notes};
use crate::progress::{Notes, SaveStatus, dates};

/// The text being edited, kept here between frames because `TextEdit` needs a `String` it can
/// change; every change is sent to the app as [`Command::Study(StudyCmd::EditNote)`].
#[derive(Default)]
pub struct NotesPanel {
    draft_id: Option<String>,
    draft: String,
    focus: bool,
}

/// What the panel takes notes on.
pub struct NoteTargetView<'a> {
    pub id: &'a str,
    pub title: &'a str,
}

impl NotesPanel {
    /// Puts the cursor in the editor on the next frame.
    pub fn focus(&mut self) {
        self.focus = true;
    }

    /// Forgets the draft, so it is read again from the notes (after a restore or profile switch).
    pub fn reset(&mut self) {
        self.draft_id = None;
        self.draft.clear();
    }

    pub fn editor_id(note_id: &str) -> egui::Id {
        egui::Id::unique(("note-editor", note_id))
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        target: Option<NoteTargetView<'_>>,
        notes: &Notes,
        writable: bool,
        status: &SaveStatus,
        lang: Lang,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        let Some(target) = target else {
            ui.add_space(8.0);
            ui.label(RichText::new(T::Notes.get(lang)).strong().size(18.0));
            ui.add_space(8.0);
            ui.label(RichText::new(T::NotesNothingOpen.get(lang)).weak());
            self.focus = false;
            return commands;
        };
        if self.draft_id.as_deref() != Some(target.id) {
            self.draft_id = Some(target.id.to_owned());
            notes.text(target.id).clone_into(&mut self.draft);
        }
        ui.add_space(8.0);
        ui.add(
            egui::Label::new(
                RichText::new(T::NotesFor.fmt(lang, &[target.title]))
                    .strong()
                    .size(16.0),
            )
            .wrap(),
        );
        ui.add_space(4.0);
        let footer = 28.0;
        let id = Self::editor_id(target.id);
        egui::ScrollArea::vertical()
            .id_salt("notes-scroll")
            .max_height((ui.available_height() - footer).max(80.0))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let size = ui.available_size();
                let response = ui.add_enabled(
                    writable,
                    egui::TextEdit::multiline(&mut self.draft)
                        .id(id)
                        .hint_text(T::NotesHint.get(lang))
                        .desired_width(f32::INFINITY)
                        .min_size(size)
                        // Tab moves on instead of indenting: notes are prose.
                        .lock_focus(false),
                );
                let response = response.accessible_name(T::Notes.get(lang));
                if response.changed() {
                    commands.push(Command::Study(StudyCmd::EditNote {
                        id: target.id.to_owned(),
                        text: self.draft.clone(),
                    }));
                }
                if std::mem::take(&mut self.focus) {
                    response.request_focus();
                }
            });
        ui.horizontal(|ui| {
            let (text, color) = if !writable {
                (T::NotesReadOnly.get(lang), ui.visuals().warn_fg_color)
            } else {
                match status {
                    SaveStatus::Saved => (T::NotesSaved.get(lang), ui.visuals().weak_text_color()),
                    SaveStatus::Pending => {
                        (T::NotesSaving.get(lang), ui.visuals().weak_text_color())
                    }
                    SaveStatus::Failing { .. } => {
                        (T::StatusSaveFailed.get(lang), ui.visuals().error_fg_color)
                    }
                }
            };
            ui.label(RichText::new(text).small().color(color));
        });
        commands
    }
}

/// The notes screen: every note by chapter, a search box, and the export button.
#[derive(Default)]
pub struct NotesList {
    query: String,
}

impl NotesList {
    pub fn ui(&mut self, ui: &mut Ui, cx: &ScreenCtx<'_>) -> Vec<Command> {
        let (pack, notes, lang): (&Pack, &Notes, Lang) = (cx.pack, cx.notes, cx.lang);
        let mut commands = Vec::new();
        reading_page(ui, "notes-list", |ui| {
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                ui.label(RichText::new(T::AllNotes.get(lang)).size(24.0).strong());
                ui.label(
                    RichText::new(crate::i18n::counted(
                        lang,
                        notes.notes.len(),
                        T::NoteOne,
                        T::NotesCount,
                    ))
                    .weak(),
                );
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .add_enabled(
                            !notes.notes.is_empty(),
                            egui::Button::new(T::ExportNotes.get(lang)),
                        )
                        .clicked()
                    {
                        commands.push(Command::Files(FilesCmd::ChooseNotesFile));
                    }
                });
            });
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.label(T::SearchNotes.get(lang));
                ui.add(
                    egui::TextEdit::singleline(&mut self.query)
                        .id_salt("notes-search")
                        .hint_text(T::SearchNotes.get(lang))
                        .desired_width(f32::INFINITY),
                )
                .accessible_name(T::SearchNotes.get(lang));
            });
            ui.add_space(8.0);
            if notes.notes.is_empty() {
                ui.label(RichText::new(T::NoNotes.get(lang)).weak());
                return;
            }
            let query = self.query.trim().to_lowercase();
            let mut shown = 0;
            for group in group_notes(pack, notes, lang) {
                let entries: Vec<_> = group
                    .entries
                    .iter()
                    .filter(|e| {
                        query.is_empty()
                            || e.note.text.to_lowercase().contains(&query)
                            || e.title.to_lowercase().contains(&query)
                    })
                    .collect();
                if entries.is_empty() {
                    continue;
                }
                ui.add_space(10.0);
                ui.label(RichText::new(&group.title).size(19.0).strong());
                ui.separator();
                for entry in entries {
                    shown += 1;
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.horizontal_wrapped(|ui| {
                            let kind = match entry.target {
                                NoteTarget::Lesson(_) => T::LessonNote.get(lang),
                                NoteTarget::Item(_) => T::ItemNote.get(lang),
                                NoteTarget::Unknown => "",
                            };
                            ui.label(RichText::new(kind).weak());
                            let link = ui.link(RichText::new(&entry.title).size(16.0));
                            if link.clicked() {
                                commands.push(match entry.target {
                                    NoteTarget::Lesson(at) => Command::Nav(NavCmd::ShowLesson(at)),
                                    _ => Command::Nav(NavCmd::ShowItem(entry.id.to_owned())),
                                });
                            }
                            if let NoteTarget::Item(Some(at)) = entry.target
                                && ui.small_button(T::GoToLesson.get(lang)).clicked()
                            {
                                commands.push(Command::Nav(NavCmd::ShowLesson(at)));
                            }
                            ui.label(
                                RichText::new(format!(
                                    "{} {}",
                                    T::UpdatedAt.get(lang),
                                    dates::display(entry.note.updated)
                                ))
                                .small()
                                .weak(),
                            );
                        });
                        // A preview; the whole note is one click away.
                        let preview: String = entry.note.text.chars().take(400).collect();
                        let more = entry.note.text.chars().count() > 400;
                        ui.add(
                            egui::Label::new(if more {
                                format!("{preview}…")
                            } else {
                                preview
                            })
                            .wrap(),
                        );
                    });
                }
            }
            if shown == 0 {
                ui.label(RichText::new(T::NoMatches.get(lang)).weak());
            }
        });
        commands
    }
}
