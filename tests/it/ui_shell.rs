//! Drives the real app headlessly: the syllabus tree opens lessons, lessons show their blocks.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use crate::common::builtin;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use servicecraft::app::{AppConfig, Screen, ServiceCraftApp};
use servicecraft::model::Block;
use servicecraft::pack;
use servicecraft::ui::{Command, NavCmd};

fn harness(data: &std::path::Path) -> Harness<'static, ServiceCraftApp> {
    common::harness_with(AppConfig::for_tests(data))
}

/// The text of the first block that is plain text, as a reader would search for it.
fn some_block_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .find_map(|b| match b {
            Block::Paragraph(text) => Some(servicecraft::ui::rich::plain(text)),
            Block::Definition { term, .. } => Some(term.clone()),
            _ => None,
        })
        .expect("a lesson with a paragraph or definition")
}

#[test]
fn clicking_a_lesson_in_the_tree_shows_it() {
    let data = tempfile::tempdir().unwrap();
    let pack = builtin();
    let chapter = &pack.chapters[0];
    let lesson = &chapter.sections[0].lessons[0];
    let mut harness = harness(data.path());
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Home));

    common::open_lesson(&mut harness, &pack, &lesson.id);

    assert!(matches!(harness.state().screen(), Screen::Lesson(_)));
    // The title shows in the tree and as the lesson's heading.
    assert!(harness.get_all_by_label(&lesson.title).count() >= 2);
    let text = some_block_text(&lesson.blocks);
    let snippet: String = text.chars().take(12).collect();
    // The block's text is on screen, inside the lesson (not only in a tree label or a note).
    let shown: Vec<String> = harness
        .get_all_by_label_contains(&snippet)
        .filter_map(|node| node.accesskit_node().label())
        .collect();
    assert!(
        shown
            .iter()
            .any(|label| label.starts_with(&snippet) && label.len() > snippet.len()),
        "{snippet}: {shown:?}"
    );
}

#[test]
fn next_lesson_button_walks_the_syllabus() {
    let data = tempfile::tempdir().unwrap();
    let pack = builtin();
    let mut lessons = pack.lessons();
    let (first_at, first) = lessons.next().unwrap();
    let (second_at, second) = lessons.next().unwrap();
    let mut harness = harness(data.path());
    harness.run();
    harness.get_by_label("从第一课开始").click();
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Lesson(at) if *at == first_at));
    // Its title shows in the tree and as the lesson's heading (and in the breadcrumb).
    assert!(harness.get_all_by_label(&first.title).count() >= 2);
    // The button sits below a long lesson, outside the visible area: press it through
    // AccessKit the way a screen reader would.
    harness.get_by_label("下一课 →").click_accesskit();
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Lesson(at) if *at == second_at));
    assert!(harness.get_all_by_label(&second.title).count() >= 2);
}

#[test]
fn the_last_lesson_is_reopened_on_the_next_start() {
    let data = tempfile::tempdir().unwrap();
    let pack = builtin();
    let (_, first) = pack.lessons().next().unwrap();
    {
        let mut harness = harness(data.path());
        harness.run();
        harness.get_by_label("从第一课开始").click();
        harness.run();
    }
    // Dropping the app closed the profile, which wrote everything before releasing it.
    let settings = data
        .path()
        .join("profiles")
        .join(AppConfig::TEST_PROFILE)
        .join("settings.ron");
    assert!(
        std::fs::read_to_string(settings)
            .unwrap()
            .contains(&first.id)
    );
    let mut harness = harness(data.path());
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Lesson(_)));
    assert!(harness.get_all_by_label(&first.title).count() >= 2);
}

#[test]
fn english_can_be_chosen() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = harness(data.path());
    harness.run();
    common::switch_to_english(&mut harness);
    harness.get_by_label("Start with the first lesson");
    harness.get_by_label("View");
}

#[test]
fn an_id_opens_its_own_screen_and_an_unknown_one_says_it_was_not_found() {
    let data = tempfile::tempdir().unwrap();
    let pack = pack::load_pack(&pack::builtin_source()).pack.unwrap();
    let (at, lesson) = pack.lessons().nth(3).unwrap();
    let mut harness = harness(data.path());
    harness.run();
    common::apply(
        &mut harness,
        Command::Nav(NavCmd::ShowItem(lesson.id.clone())),
    );
    assert!(matches!(harness.state().screen(), Screen::Lesson(open) if *open == at));
    // A note or link to an id the pack no longer has.
    common::apply(
        &mut harness,
        Command::Nav(NavCmd::ShowItem("gone.q.001".into())),
    );
    harness.get_by_label("找不到这个练习：gone.q.001");
    harness.get_by_label("← 返回").click();
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Home));
}

fn harness_with_dialogs(
    data: &std::path::Path,
    answers: Vec<servicecraft::app::DialogAnswer>,
) -> (
    Harness<'static, ServiceCraftApp>,
    std::sync::Arc<servicecraft::app::ScriptedDialogs>,
) {
    let dialogs = std::sync::Arc::new(servicecraft::app::ScriptedDialogs::new(answers));
    let config = AppConfig {
        dialogs: dialogs.clone(),
        ..AppConfig::for_tests(data)
    };
    (common::harness_with(config), dialogs)
}

/// Runs frames until `done` holds (the work happens on other threads), for at most 10 s.
fn run_until(
    harness: &mut Harness<'static, ServiceCraftApp>,
    done: impl Fn(&ServiceCraftApp) -> bool,
) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !done(harness.state()) {
        assert!(std::time::Instant::now() < deadline, "timed out");
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.run();
    }
}

#[test]
fn notes_are_exported_where_the_file_dialog_answers() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("笔记.md");
    let (mut harness, dialogs) = harness_with_dialogs(
        data.path(),
        vec![servicecraft::app::DialogAnswer::Chosen(target.clone())],
    );
    let pack = builtin();
    let lesson = pack.lessons().next().unwrap().1.id.clone();
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        Command::Study(servicecraft::ui::StudyCmd::EditNote {
            id: lesson,
            text: "客户满意度要先倾听".into(),
        }),
    );
    harness.run();
    common::click_through(&mut harness, &["文件", "导出笔记为 Markdown…"]);
    // The dialog was asked for a Markdown file, and the app did not wait for it.
    let asked = dialogs.asked();
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].kind, servicecraft::app::DialogKind::SaveFile);
    assert!(asked[0].file_name.as_deref().unwrap().ends_with(".md"));
    run_until(&mut harness, |app| {
        app.banners().iter().any(|b| b.starts_with("笔记已导出到"))
    });
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.contains("客户满意度要先倾听"), "{written}");
}

#[test]
fn a_file_dialog_that_cannot_open_is_reported_not_ignored() {
    let data = tempfile::tempdir().unwrap();
    let (mut harness, _dialogs) = harness_with_dialogs(
        data.path(),
        vec![servicecraft::app::DialogAnswer::Unavailable],
    );
    assert!(harness.state().banners().is_empty());
    common::click_through(&mut harness, &["文件", "打开课程包…"]);
    run_until(&mut harness, |app| !app.banners().is_empty());
    assert!(
        harness.state().banners()[0].contains("无法打开文件对话框"),
        "{:?}",
        harness.state().banners()
    );
}

#[test]
fn back_returns_through_the_screens_shown_in_order() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = harness(data.path());
    let pack = builtin();
    let (at, _) = pack.lessons().next().unwrap();
    let ctx = harness.ctx.clone();
    let apply = |harness: &mut Harness<'static, ServiceCraftApp>, command| {
        harness.state_mut().apply(&ctx, command);
        harness.run();
    };
    apply(&mut harness, Command::Nav(NavCmd::ShowLesson(at)));
    apply(&mut harness, Command::Nav(NavCmd::ShowPractice));
    apply(&mut harness, Command::Nav(NavCmd::ShowSearch));
    assert!(matches!(harness.state().screen(), Screen::Search));
    apply(&mut harness, Command::Nav(NavCmd::Back));
    assert!(matches!(harness.state().screen(), Screen::Practice));
    apply(&mut harness, Command::Nav(NavCmd::Back));
    assert!(matches!(harness.state().screen(), Screen::Lesson(shown) if *shown == at));
    apply(&mut harness, Command::Nav(NavCmd::Back));
    assert!(matches!(harness.state().screen(), Screen::Home));
    // Nothing left to return to: Back stays on the dashboard.
    assert_eq!(harness.state().back_depth(), 0);
    apply(&mut harness, Command::Nav(NavCmd::Back));
    assert!(matches!(harness.state().screen(), Screen::Home));
}
