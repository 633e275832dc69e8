//! Shared set-up for the UI tests: the built-in pack, and the real app on a temporary data
//! folder with a clock the test moves.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    dead_code,
    reason = "tests; each test binary uses its own part of these helpers"
)]

use std::sync::Arc;

use chrono::DateTime;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use servicecraft::app::{AppConfig, ServiceCraftApp};
use servicecraft::clock::MockClock;
use servicecraft::model::Pack;
use servicecraft::pack;

/// The built-in syllabus, which must load and validate.
pub fn builtin() -> Pack {
    let loaded = pack::load_pack(&pack::builtin_source());
    assert!(loaded.is_valid(), "{:#?}", loaded.diagnostics);
    loaded.pack.unwrap()
}

/// Writes the starter pack (`servicecraft new-pack`'s) into a fresh folder.
pub fn starter_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, bytes) in pack::starter_source().files() {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

/// Waits for the background writer to put `needle` into the test profile's study file.
pub fn wait_for_saved(data: &std::path::Path, needle: &str) {
    let path = data
        .join("profiles")
        .join(AppConfig::TEST_PROFILE)
        .join("study.ron");
    for _ in 0..300 {
        if std::fs::read_to_string(&path).is_ok_and(|t| t.contains(needle)) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("{needle} was never saved");
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

type App = Harness<'static, ServiceCraftApp>;

/// Opens chapter 1's practice from the practice centre.
pub fn practise_first_chapter(harness: &mut App, pack: &Pack) {
    harness.get_by_label("练习中心").click();
    harness.run();
    harness
        .get_by_label(&format!("练习 {}", pack.chapters[0].title))
        .click();
    harness.run();
}

/// The label ("C. …") of the option showing `text`: options are shown in a shuffled order,
/// lettered as shown. A leading printed letter ("B. ") in `text` is ignored.
pub fn shown_option(harness: &App, text: &str) -> String {
    let text = match text.split_once(". ") {
        Some((letter, rest)) if letter.chars().count() == 1 => rest,
        _ => text,
    };
    let suffix = format!(". {text}");
    harness
        .query_all_by_label_contains(&suffix)
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| l.ends_with(&suffix) && l.chars().count() == suffix.chars().count() + 1)
        .unwrap_or_else(|| panic!("no option shows {text}"))
}

/// Picks the option showing `option` (with or without a printed letter) and submits it.
pub fn answer_with(harness: &mut App, option: &str) {
    let label = shown_option(harness, option);
    harness.get_by_label(&label).click();
    harness.run();
    harness.get_by_label("提交答案").click();
    harness.run();
}

/// Switches the interface to English through the View menu.
pub fn switch_to_english(harness: &mut App) {
    for label in ["视图", "语言", "English"] {
        harness.get_by_label(label).click();
        harness.run();
    }
}
