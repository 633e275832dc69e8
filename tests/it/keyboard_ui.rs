//! The keyboard through the real app (issue 16, point 10): lessons scroll with PageUp/PageDown,
//! ↑/↓, Home and End; "跳到内容" is the first Tab stop; F6 cycles the regions; Tab never stops on
//! the panel dividers; Enter confirms the first start and dialogs; Space turns a flashcard over;
//! F1 lists the keys; and a file dialog that cannot open offers a typed path.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{builtin, harness, start, starter_dir};
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use servicecraft::app::{AppConfig, DialogAnswer, Screen, ScriptedDialogs, ServiceCraftApp};
use servicecraft::i18n::Lang;
use servicecraft::ui::quiz::QuizMode;
use servicecraft::ui::{Command, NavCmd};

type App = Harness<'static, ServiceCraftApp>;

fn press(harness: &mut App, key: Key) {
    harness.key_press(key);
    harness.run();
}

fn focused(harness: &App) -> Option<(String, Role)> {
    harness
        .root()
        .children_recursive()
        .find(|node| node.accesskit_node().is_focused())
        .map(|node| {
            let node = node.accesskit_node();
            (node.label().unwrap_or_default(), node.role())
        })
}

fn focused_label(harness: &App) -> Option<String> {
    focused(harness).map(|(label, _)| label)
}

/// Where the "mark lesson complete" button is drawn: it moves up as the lesson scrolls down.
fn done_button_y(harness: &App) -> f32 {
    harness.get_by_label("✔ 完成本课").rect().min.y
}

fn open_first_lesson(harness: &mut App) {
    harness.get_by_label("从第一课开始").click();
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Lesson(_)));
    // The mouse click left the focus on nothing the arrows would move between.
    harness.ctx.memory_mut(|m| {
        if let Some(id) = m.focused() {
            m.surrender_focus(id);
        }
    });
    harness.run();
}

#[test]
fn a_lesson_scrolls_with_page_keys_arrows_home_and_end() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = harness(data.path(), &start());
    harness.run();
    open_first_lesson(&mut harness);
    let top = done_button_y(&harness);
    assert!(top > 900.0, "the lesson is longer than the window: {top}");

    assert_eq!(focused_label(&harness), None);
    press(&mut harness, Key::ArrowDown);
    let arrowed = done_button_y(&harness);
    assert!(
        top - arrowed > 20.0 && top - arrowed < 200.0,
        "↓ moves a few lines: {top} → {arrowed}"
    );
    press(&mut harness, Key::ArrowUp);
    assert!((done_button_y(&harness) - top).abs() < 1.0, "↑ moves back");
    press(&mut harness, Key::PageDown);
    let paged = done_button_y(&harness);
    assert!(top - paged > 300.0, "PageDown moves far: {top} → {paged}");
    press(&mut harness, Key::PageUp);
    assert!(
        (done_button_y(&harness) - top).abs() < 1.0,
        "PageUp returns to the top"
    );

    press(&mut harness, Key::End);
    let end = done_button_y(&harness);
    assert!(end < 900.0, "End shows the end of the lesson: {end}");
    press(&mut harness, Key::Home);
    assert!(
        (done_button_y(&harness) - top).abs() < 1.0,
        "Home returns to the top"
    );

    // Typing a note, the keys are the text field's: the lesson stays where it is.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::N);
    harness.run();
    assert!(
        harness.ctx.text_edit_focused(),
        "the note field has the cursor"
    );
    press(&mut harness, Key::PageDown);
    press(&mut harness, Key::End);
    assert!(
        (done_button_y(&harness) - top).abs() < 1.0,
        "no scrolling while typing"
    );
}

#[test]
fn the_skip_link_is_the_first_tab_stop_and_f6_cycles_the_regions() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = harness(data.path(), &start());
    harness.run();
    open_first_lesson(&mut harness);
    assert_eq!(focused_label(&harness), None);

    press(&mut harness, Key::Tab);
    assert_eq!(focused_label(&harness).as_deref(), Some("跳到内容"));
    press(&mut harness, Key::Enter);
    assert_eq!(focused_label(&harness).as_deref(), Some("内容区域"));
    // From the content's start, the arrows read on …
    let top = done_button_y(&harness);
    press(&mut harness, Key::ArrowDown);
    assert!(
        done_button_y(&harness) < top,
        "↓ scrolls from the content's start"
    );
    // … and Tab goes to the lesson's first control, not through the 63 entries of the tree.
    press(&mut harness, Key::Tab);
    let tree_right = harness.get_by_label("课程目录区域").rect().max.x;
    let now = harness
        .root()
        .children_recursive()
        .find(|node| node.accesskit_node().is_focused())
        .unwrap()
        .rect();
    assert!(now.min.x > tree_right, "Tab went into the content: {now:?}");

    // F6 from the content: notes, then the tree, then the content again; Shift+F6 back.
    press(&mut harness, Key::F6);
    assert_eq!(focused_label(&harness).as_deref(), Some("笔记区域"));
    press(&mut harness, Key::F6);
    assert_eq!(focused_label(&harness).as_deref(), Some("课程目录区域"));
    press(&mut harness, Key::F6);
    assert_eq!(focused_label(&harness).as_deref(), Some("内容区域"));
    harness.key_press_modifiers(egui::Modifiers::SHIFT, Key::F6);
    harness.run();
    assert_eq!(focused_label(&harness).as_deref(), Some("课程目录区域"));
}

#[test]
fn tab_never_stops_on_the_panel_dividers() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = harness(data.path(), &start());
    harness.run();
    open_first_lesson(&mut harness);
    let dividers = harness
        .root()
        .children_recursive()
        .filter(|node| node.accesskit_node().role() == Role::Splitter)
        .count();
    assert_eq!(
        dividers, 2,
        "the tree and the notes panel have a divider each"
    );
    let mut seen = std::collections::HashSet::new();
    for step in 0..160 {
        let key_backwards = step >= 120;
        if key_backwards {
            harness.key_press_modifiers(egui::Modifiers::SHIFT, Key::Tab);
            harness.run();
        } else {
            press(&mut harness, Key::Tab);
        }
        let (label, role) = focused(&harness).expect("something has the focus");
        assert_ne!(
            role,
            Role::Splitter,
            "Tab stopped on a divider after {step} presses"
        );
        seen.insert(label);
    }
    // It went through the tree, past the divider, into the lesson and the notes.
    assert!(seen.contains("✔ 完成本课"), "{seen:?}");
    assert!(seen.len() > 30, "{}", seen.len());
    assert!(
        seen.contains("笔记区域") && seen.contains("课程目录区域"),
        "{seen:?}"
    );
}

#[test]
fn enter_continues_the_first_start_and_closes_dialogs() {
    let data = tempfile::tempdir().unwrap();
    let config = AppConfig {
        profile: None,
        first_start: true,
        lang: Some(Lang::Zh),
        ..AppConfig::for_tests(data.path())
    };
    let mut harness = Harness::builder()
        .with_size([1280.0, 900.0])
        .with_max_steps(24)
        .allow_missing_glyphs()
        .build_eframe(move |cc| ServiceCraftApp::new(cc, config));
    harness.run();
    harness.get_by_label("请选择界面语言");
    press(&mut harness, Key::Enter);
    assert!(harness.query_by_label("请选择界面语言").is_none());
    harness.get_by_label("选择你的学习档案");

    // The About dialog closes with Enter, as with its Close button.
    let data = tempfile::tempdir().unwrap();
    let mut harness = harness_at(data.path());
    harness.get_by_label("帮助").click();
    harness.run();
    harness.get_by_label("关于 ServiceCraft").click();
    harness.run();
    harness.get_by_label_contains("版本");
    press(&mut harness, Key::Enter);
    assert!(harness.query_by_label_contains("版本").is_none());
}

fn harness_at(data: &std::path::Path) -> App {
    let mut harness = harness(data, &start());
    harness.run();
    harness
}

#[test]
fn space_turns_a_flashcard_over() {
    let data = tempfile::tempdir().unwrap();
    let pack = builtin();
    let card = pack
        .chapters
        .iter()
        .flat_map(|c| &c.flashcards)
        .next()
        .unwrap()
        .clone();
    let mut harness = harness_at(data.path());
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        Command::Nav(NavCmd::StartQuiz {
            title: "记忆卡".into(),
            mode: QuizMode::Review,
            items: vec![card.id.clone()],
        }),
    );
    harness.run();
    harness.get_by_label("显示答案");
    assert!(harness.query_by_label("记得怎么样？").is_none());
    press(&mut harness, Key::Space);
    harness.get_by_label("记得怎么样？");
    assert!(harness.query_by_label("显示答案").is_none());
}

#[test]
fn f1_says_how_to_scroll_jump_and_flip() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = harness_at(data.path());
    press(&mut harness, Key::F1);
    for keys in ["F6 / Shift+F6", "PgUp PgDn ↑ ↓ Home End", "Space"] {
        harness.get_by_label(keys);
    }
    harness.get_by_label("在目录、内容和笔记之间跳转");
    harness.get_by_label("记忆卡：翻面");
    harness.get_by_label_contains("只有调整侧栏宽度需要鼠标");
}

fn harness_with_dialogs(data: &std::path::Path, answers: Vec<DialogAnswer>) -> App {
    let config = AppConfig {
        dialogs: std::sync::Arc::new(ScriptedDialogs::new(answers)),
        ..AppConfig::for_tests(data)
    };
    let mut harness = Harness::builder()
        .with_size([1280.0, 900.0])
        .with_max_steps(24)
        .allow_missing_glyphs()
        .build_eframe(move |cc| ServiceCraftApp::new(cc, config));
    harness.run();
    harness
}

/// Runs frames until `done` holds (the work happens on other threads), for at most 10 s.
fn run_until(harness: &mut App, done: impl Fn(&App) -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !done(harness) {
        assert!(std::time::Instant::now() < deadline, "timed out");
        std::thread::sleep(std::time::Duration::from_millis(10));
        // One frame at a time: a running job's progress bar keeps asking for frames.
        harness.step();
    }
}

/// Replaces the typed-path field's text.
fn type_path(harness: &mut App, label: &str, path: &std::path::Path) {
    let field = harness.get_by_label(label);
    field.focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    harness.run();
    harness
        .get_by_label(label)
        .type_text(&path.display().to_string());
    harness.run();
}

#[test]
fn a_dialog_that_cannot_open_takes_a_typed_path_for_a_pack_and_for_notes() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = harness_with_dialogs(
        data.path(),
        vec![DialogAnswer::Unavailable, DialogAnswer::Unavailable],
    );

    // 打开课程包… : the dialog says it could not open and asks for the file instead.
    harness.get_by_label("文件").click();
    harness.run();
    harness.get_by_label("打开课程包…").click();
    run_until(&mut harness, |h| {
        h.query_by_label("请输入或粘贴要打开的文件的完整路径：")
            .is_some()
    });
    // Said in the banner and in the typed-path dialog.
    assert_eq!(
        harness
            .get_all_by_label_contains("无法打开文件对话框")
            .count(),
        2
    );
    harness.get_by_label("可用的文件类型：.zip .ron");
    let prompt = "请输入或粘贴要打开的文件的完整路径：";
    // A file that is not there is refused, and the dialog stays.
    let missing = data.path().join("没有这个文件.zip");
    type_path(&mut harness, prompt, &missing);
    harness.get_by_label("使用这个路径").click();
    harness.run();
    harness.get_by_label("找不到这个文件。");
    let pack = starter_dir();
    type_path(&mut harness, prompt, &pack.path().join("pack.ron"));
    harness.key_press(Key::Enter);
    run_until(&mut harness, |h| h.query_by_label(prompt).is_none());
    run_until(&mut harness, |h| {
        !h.state().is_busy() && h.state().pack().manifest.title != builtin().manifest.title
    });
    // The install report closes with Enter too.
    assert!(harness.state().report().is_some());
    press(&mut harness, Key::Enter);
    assert!(harness.state().report().is_none());

    // 导出笔记… : a folder is enough; the offered name is added.
    harness.get_by_label("文件").click();
    harness.run();
    harness.get_by_label_contains("导出笔记").click();
    let save = "请输入或粘贴保存位置（完整路径，也可以只写文件夹）：";
    run_until(&mut harness, |h| h.query_by_label(save).is_some());
    let out = tempfile::tempdir().unwrap();
    type_path(&mut harness, save, out.path());
    harness.get_by_label("使用这个路径").click();
    harness.run();
    run_until(&mut harness, |h| {
        h.state()
            .banners()
            .iter()
            .any(|b| b.starts_with("笔记已导出到"))
    });
    let written: Vec<_> = std::fs::read_dir(out.path()).unwrap().collect();
    assert_eq!(written.len(), 1, "one Markdown file in the folder typed");
}
