//! The screens and widgets. Each is a struct with a `ui` method that draws it and returns
//! [`Command`]s; the app applies them in one place, so no widget changes state behind its back.

pub mod avatar;
pub mod backups;
pub mod fonts;
pub mod home;
pub mod images;
pub mod item;
pub mod lesson;
pub mod notes;
pub mod profiles;
pub mod rich;
pub mod selfcheck;
pub mod tree;

use std::path::PathBuf;

use crate::i18n::Lang;
use crate::model::LessonRef;
use crate::progress::{Attempt, ThemePref};

/// Something the user asked for; applied by `ServiceCraftApp::apply`.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Home,
    OpenLesson(LessonRef),
    NextLesson,
    PrevLesson,
    /// Open a question, flashcard or exercise by id.
    OpenItem(String),
    SetLanguage(Lang),
    SetTheme(ThemePref),
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ChooseFontFile,
    ClearFontFile,
    OpenPackDialog,
    OpenPackAt(PathBuf),
    UseBuiltin,
    DismissBanner,
    ShowAbout(bool),
    Quit,
    /// Open the profile in this folder under `profiles/`.
    SelectProfile(String),
    CreateProfile {
        name: String,
        avatar: Option<String>,
    },
    /// Close the open profile (saving it) and show the profile picker.
    SwitchProfile,
    /// The text of the note on a lesson or item, as typed so far.
    EditNote {
        id: String,
        text: String,
    },
    ShowNotes(bool),
    /// Show the notes panel and put the cursor in it (Ctrl+N).
    FocusNotes,
    OpenNotesList,
    /// Ask where to save the Markdown export of all notes.
    ExportNotes,
    ExportNotesTo(PathBuf),
    SetLessonDone {
        lesson: String,
        done: bool,
    },
    /// An answer to a question, flashcard or exercise, to add to the progress.
    RecordAttempt {
        item: String,
        attempt: Attempt,
    },
    OpenBackups,
    BackupNow,
    /// Ask whether to restore this backup…
    AskRestore(Option<String>),
    /// …and do it.
    RestoreBackup(String),
    /// Try a failing save again now.
    RetrySave,
    /// Close even though some changes could not be saved.
    QuitAnyway,
}
