//! ServiceCraft: an interactive trainer for the 高级客户服务管理师 qualification.
//!
//! Data flows one way: files → [`pack`]/[`progress`] → [`model`] → [`ui`]; the [`app`] applies
//! the commands the UI returns. See `docs/architecture.md`.

pub mod app;
pub mod cli;
pub mod clock;
pub mod export;
pub mod i18n;
pub mod locale;
pub mod model;
pub mod pack;
pub mod perf;
pub mod progress;
pub mod ui;
