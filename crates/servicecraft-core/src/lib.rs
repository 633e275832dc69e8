//! The ServiceCraft engine: the domain ([`model`]), the pack format ([`pack`]), the learner's data
//! ([`progress`]), file exports ([`export`]), the string catalog ([`i18n`]) and the clock.
//!
//! It has no user interface and does not depend on egui, eframe or rfd: the crate boundary keeps
//! the rule that the engine knows nothing of screens. See `docs/architecture.md`.

pub mod clock;
pub mod export;
pub mod i18n;
pub mod model;
pub mod pack;
pub mod progress;
pub mod store;
pub mod text;
