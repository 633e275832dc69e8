//! Shared set-up for the UI tests: the built-in pack, and the real app on a temporary data
//! folder with a clock the test moves.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::sync::Arc;

use chrono::DateTime;
use egui_kittest::Harness;
use servicecraft::app::{AppConfig, ServiceCraftApp};
use servicecraft::clock::MockClock;
use servicecraft::model::Pack;
use servicecraft::pack;

pub fn builtin() -> Pack {
    pack::load_pack(&pack::builtin_source()).pack.unwrap()
}

pub fn harness(data: &std::path::Path, clock: &MockClock) -> Harness<'static, ServiceCraftApp> {
    let mut config = AppConfig::for_tests(data);
    config.clock = Arc::new(clock.clone());
    Harness::builder()
        .with_size([1280.0, 900.0])
        // Background saves wake the UI when they finish, which can take a few extra frames.
        .with_max_steps(24)
        .allow_missing_glyphs()
        .build_eframe(move |cc| ServiceCraftApp::new(cc, config))
}

/// A fixed starting time, so schedules and timers are reproducible.
pub fn start() -> MockClock {
    MockClock::new(DateTime::from_timestamp(1_780_000_000, 0).unwrap())
}
