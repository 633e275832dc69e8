//! Domain types of a lesson pack and the pure logic over them (grading, role-play, scheduling): no IO, no egui.

pub mod audit;
pub mod evidence;
pub mod exam;
pub mod exam_session;
pub mod exercise;
pub mod exercise_grading;
pub mod grading;
pub mod lab;
pub mod memory;
pub mod my_swot;
pub mod pack;
pub mod question;
pub mod readiness;
pub mod roleplay;
pub mod roleplay_best;
pub mod roleplay_check;
pub mod scope;
pub mod search;
pub mod shuffle;
pub mod study;
mod study_migrate;

pub use exercise::*;
pub use exercise_grading::*;
pub use grading::*;
pub use pack::*;
pub use question::*;
pub use roleplay::*;
