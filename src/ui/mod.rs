//! The screens and widgets. Each is a struct with a `ui` method that draws it and returns
//! [`Command`]s; the app applies them in one place, so no widget changes state behind its back.

pub mod fonts;
pub mod images;
pub mod item;
pub mod lesson;
pub mod rich;
pub mod tree;

use std::path::PathBuf;

use crate::i18n::Lang;
use crate::model::LessonRef;
use crate::progress::ThemePref;

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
}
