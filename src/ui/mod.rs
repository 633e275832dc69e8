//! The screens and widgets. Each is a struct with a `ui` method that draws it and returns
//! [`Command`]s; the app applies them in one place, so no widget changes state behind its back.

pub mod exam;
pub mod fonts;
pub mod images;
pub mod item;
pub mod lesson;
pub mod mistakes;
pub mod practice;
pub mod quiz;
pub mod rich;
pub mod roleplay;
pub mod tree;

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::i18n::Lang;
use crate::model::exam::ExamReport;
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
}
