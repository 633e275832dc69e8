//! Domain types of a lesson pack and the pure logic over them (grading, role-play, scheduling): no IO, no egui.

pub mod exam;
pub mod exercise;
pub mod grading;
pub mod pack;
pub mod question;
pub mod roleplay;
pub mod study;

pub use exercise::*;
pub use grading::*;
pub use pack::*;
pub use question::*;
pub use roleplay::*;
