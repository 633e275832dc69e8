//! The screens and widgets. Each is a struct with a `ui` method that draws it and returns
//! [`Command`]s; the app applies them in one place, so no widget changes state behind its back.

pub mod avatar;
pub mod backups;
pub mod board;
pub mod certainty;
pub mod class_report;
mod command;
pub mod dnd;
pub mod exam;
pub mod exam_report;
pub mod exam_start;
pub mod exercise;
pub mod fit;
pub mod focus;
pub mod fonts;
pub mod grid;
pub mod help;
pub mod home;
pub mod images;
pub mod import;
pub mod item;
pub mod lab;
pub mod layout;
pub mod lesson;
pub mod library;
pub mod mastery;
pub mod mistakes;
pub mod my_swot;
pub mod notes;
pub mod options;
pub mod ordering;
pub mod palette;
pub mod pdca;
pub mod practice;
pub mod profiles;
pub mod quiz;
pub mod regions;
pub mod results;
pub mod rich;
pub mod roleplay;
mod screen_ctx;
pub mod search;
pub mod swot;
pub mod tour;
pub mod tree;
pub mod welcome;
pub mod worksheet;

pub use command::{
    Command, FilesCmd, LibraryCmd, NavCmd, PrefsCmd, ProfileCmd, StudyCmd, WindowCmd,
};
pub use screen_ctx::{BackupsInfo, BuiltinInfo, LibraryInfo, ScreenCtx, ScreenFixture};
