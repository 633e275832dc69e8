//! The screens and widgets. Each is a struct with a `ui` method that draws it and returns
//! [`Command`]s; the app applies them in one place, so no widget changes state behind its back.

pub mod avatar;
pub mod backups;
pub mod board;
pub mod dnd;
pub mod exam;
pub mod exercise;
pub mod focus;
pub mod fonts;
pub mod grid;
pub mod help;
pub mod home;
pub mod images;
pub mod import;
pub mod item;
pub mod layout;
pub mod lesson;
pub mod library;
pub mod mistakes;
pub mod my_swot;
pub mod notes;
pub mod ordering;
pub mod pdca;
pub mod practice;
pub mod profiles;
pub mod quiz;
pub mod rich;
pub mod roleplay;
pub mod search;
pub mod swot;
pub mod tour;
pub mod tree;
pub mod welcome;
pub mod worksheet;

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::i18n::Lang;
use crate::model::exam::ExamReport;
use crate::model::my_swot::MySwot;
use crate::model::study::{Recall, RolePlayResult};
use crate::model::{Grade, LessonRef, MockExamSpec, Response};
use crate::progress::ThemePref;
use quiz::QuizMode;

/// Something the user asked for; applied by `ServiceCraftApp::apply`.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Home,
    OpenLesson(LessonRef),
    /// Open a lesson scrolled to one of its blocks, marked (a search hit).
    OpenLessonAt {
        at: LessonRef,
        block: usize,
    },
    NextLesson,
    PrevLesson,
    /// Open a question, flashcard or exercise by id.
    OpenItem(String),
    ShowPractice,
    ShowMistakes,
    StartQuiz {
        title: String,
        mode: QuizMode,
        items: Vec<String>,
    },
    StartExam(MockExamSpec),
    /// A graded answer to a question, to record.
    RecordAnswer {
        item: String,
        response: Response,
        grade: Grade,
        started: DateTime<Utc>,
    },
    /// A flashcard self-rating.
    RecordRecall {
        item: String,
        recall: Recall,
    },
    ToggleFavourite(String),
    RemoveMistake(String),
    ExamFinished(ExamReport),
    RecordRolePlay {
        id: String,
        result: RolePlayResult,
    },
    /// Open a lesson by its id (from an exercise's back link).
    OpenLessonById(String),
    /// A scored attempt at a SWOT, ordering or PDCA exercise.
    RecordExerciseScore {
        item: String,
        score: f32,
        max: f32,
    },
    /// The learner typed into a worksheet field (saved shortly after typing stops).
    EditWorksheet {
        worksheet: String,
        field: String,
        text: String,
    },
    /// Open "My SWOT", on the analysis with this id if given.
    OpenMySwot(Option<u64>),
    /// Start a "My SWOT" from a SWOT case's factors, to write one's own strategies.
    NewMySwotFromCase(String),
    SaveMySwot(MySwot),
    DeleteMySwot(u64),
    OpenPdcaDiagram,
    ExportMySwotPng(u64),
    ExportMySwotMarkdown(u64),
    ExportWorksheet(String),
    SetReduceMotion(bool),
    SetLanguage(Lang),
    SetTheme(ThemePref),
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ChooseFontFile,
    ClearFontFile,
    /// Choose a pack's `.zip` or `pack.ron` and install it.
    OpenPackDialog,
    /// Choose a pack folder and install it.
    OpenPackFolderDialog,
    /// Open a pack folder in place, without installing it (`servicecraft open`, for authors).
    OpenPackAt(PathBuf),
    /// Validate and install a pack (folder, `pack.ron` or `.zip`), then study it.
    InstallPack(PathBuf),
    ShowLibrary,
    /// Study an installed pack, by id.
    SwitchPack(String),
    RemovePack {
        id: String,
        forget_records: bool,
    },
    DismissReport,
    ShowImport(bool),
    ImportChooseFile,
    /// Read a question bank (chosen or dropped) into the import window.
    ImportFile(PathBuf),
    ImportInstall(crate::pack::import::PackMeta),
    ImportSaveFolder(crate::pack::import::PackMeta),
    ExportResultsDialog,
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
    /// Show the search screen with the cursor in its field (Ctrl+F).
    OpenSearch,
    /// Leave the search screen for the screen it was opened from (Escape).
    CloseSearch,
    /// Ask where to save the Markdown export of all notes.
    ExportNotes,
    ExportNotesTo(PathBuf),
    SetLessonDone {
        lesson: String,
        done: bool,
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
    /// Show or hide the help window with the keyboard shortcuts (F1).
    ShowHelp(bool),
    /// First start: the language shown is the one wanted; go on to the profiles.
    ConfirmLanguage,
    /// Show the tour of the screens from its first step.
    StartTour,
    /// Go to this step of the tour.
    TourStep(usize),
    /// The tour was finished or skipped: remember it, so it does not come back by itself.
    EndTour,
    /// Classroom presentation mode: larger text, no side panels (F11).
    SetPresentation(bool),
}
