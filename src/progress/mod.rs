//! The learner's data on disk: app settings, the store that saves RON files atomically, and
//! the results export for instructors.

pub mod export;
mod settings;
mod store;

pub use settings::{AppSettings, ThemePref, data_dir};
pub use store::{LoadError, SaveError, load_ron, save_atomic, save_ron, save_ron_in_background};
