//! The screens and widgets. Each is a struct with a `ui` method that draws it and returns
//! [`Command`]s; the app applies them in one place, so no widget changes state behind its back.

pub mod dnd;
pub mod exam;
pub mod exercise;
pub mod fonts;
pub mod grid;
pub mod images;
pub mod import;
pub mod item;
pub mod lesson;
pub mod library;
pub mod mistakes;
pub mod my_swot;
pub mod ordering;
pub mod pdca;
pub mod practice;
pub mod quiz;
pub mod rich;
pub mod roleplay;
pub mod swot;
pub mod tree;
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
}
