//! Shared set-up for the UI tests: the built-in pack, and the real app on a temporary data
//! folder with a clock the test moves.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    dead_code,
    reason = "tests; a helper may outlive its last caller while tests are reworked"
)]

use std::sync::Arc;

use chrono::DateTime;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use servicecraft::app::{AppConfig, Screen, ServiceCraftApp};
use servicecraft::clock::MockClock;
use servicecraft::model::Pack;
use servicecraft::pack;
use servicecraft::ui::Command;

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

/// The real app on `config`, in a 1280×900 window.
pub fn harness_with(config: AppConfig) -> App {
    Harness::builder()
        .with_size([1280.0, 900.0])
        // Background saves wake the UI when they finish, which can take a few extra frames.
        .with_max_steps(24)
        .allow_missing_glyphs()
        .build_eframe(move |cc| ServiceCraftApp::new(cc, config))
}

/// The real app on the data folder `data`, with the test profile open and `clock`'s time.
pub fn harness(data: &std::path::Path, clock: &MockClock) -> App {
    let mut config = AppConfig::for_tests(data);
    config.clock = Arc::new(clock.clone());
    harness_with(config)
}

/// A fixed starting time, so schedules and timers are reproducible.
pub fn start() -> MockClock {
    MockClock::new(DateTime::from_timestamp(1_780_000_000, 0).unwrap())
}

pub type App = Harness<'static, ServiceCraftApp>;

/// Applies `command` as if a screen had returned it, then runs the frames that follow.
pub fn apply(harness: &mut App, command: Command) {
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, command);
    harness.run();
}

/// Clicks each label in turn, running the frames after each click.
pub fn click_through(harness: &mut App, labels: &[&str]) {
    for label in labels {
        harness.get_by_label(label).click();
        harness.run();
    }
}

/// Unfolds a chapter in the syllabus tree (the home screen lists chapters as links too: the
/// tree's header is the one that is not a link).
pub fn unfold_chapter(harness: &mut App, title: &str) {
    harness
        .get_all_by_label(title)
        .find(|node| node.accesskit_node().role() != Role::Link)
        .expect("a chapter header in the tree")
        .click();
    harness.run();
}

/// Opens a lesson through the syllabus tree (unless it is already open).
pub fn open_lesson(harness: &mut App, pack: &Pack, lesson_id: &str) {
    let (at, lesson) = pack.lesson_by_id(lesson_id).unwrap();
    if matches!(harness.state().screen(), Screen::Lesson(open) if *open == at) {
        return;
    }
    if harness.query_by_label(&lesson.title).is_none() {
        unfold_chapter(harness, &pack.chapters[at.chapter].title);
    }
    harness.get_by_label(&lesson.title).click();
    harness.run();
}

/// Opens chapter 1's practice from the practice centre.
pub fn practise_first_chapter(harness: &mut App, pack: &Pack) {
    let chapter = format!("练习 {}", pack.chapters[0].title);
    click_through(harness, &["练习中心", &chapter]);
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
    click_through(harness, &["视图", "语言", "English"]);
}

/// Clicks the control labelled `label`, scrolled into view first as a learner would (twice: a
/// long page lays out further as it scrolls, moving a control near its end).
pub fn click_shown(harness: &mut App, label: &str) {
    for _ in 0..2 {
        harness.get_by_label(label).scroll_to_me();
        harness.run();
    }
    harness.get_by_label(label).click();
    harness.run();
}

/// Replaces the text of the field labelled `label`, scrolled into view first.
pub fn set_field(harness: &mut App, label: &str, text: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}
