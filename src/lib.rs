//! ServiceCraft: an interactive trainer for the 高级客户服务管理师 qualification.
//!
//! The engine ([`servicecraft_core`]: model, pack format, learner data, exports) has no UI; this
//! crate is the desktop app around it: the [`app`] shell, the [`ui`] screens and the [`cli`].
//! Data flows one way: files → engine → screens → commands → shell → engine. See
//! `docs/architecture.md`.

pub mod app;
pub mod cli;
pub mod locale;
pub mod perf;
pub mod ui;

// The engine's modules under their usual names, so `crate::model::…` reads the same in the app.
pub use servicecraft_core::{clock, export, i18n, model, pack, progress, store, text};
