//! The finished-product experience through the real app: the first start (language, profile,
//! tour), English on every screen, a lesson completed with the keyboard alone, the help window
//! and the tour from it, presentation mode.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::collections::HashSet;

use crate::common::{builtin, harness, start};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use servicecraft::app::{AppConfig, Screen, ServiceCraftApp};
use servicecraft::i18n::{Lang, T};
use servicecraft::model::{ItemRef, Pack};
use servicecraft::progress::AppSettings;

type App = Harness<'static, ServiceCraftApp>;

fn first_start_harness(data: &std::path::Path, lang: Option<Lang>) -> App {
    let config = AppConfig {
        profile: None,
        first_start: true,
        lang,
        ..AppConfig::for_tests(data)
    };
    common::harness_with(config)
}

/// The app settings once the background saver has written `needle` into them.
fn saved_settings(data: &std::path::Path, needle: &str) -> AppSettings {
    let path = AppSettings::path(data);
    for _ in 0..300 {
        if std::fs::read_to_string(&path).is_ok_and(|t| t.contains(needle)) {
            return ron::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("{needle} never reached {}", path.display());
}

/// Moves the pointer to the control, then clicks it, as a hand on a mouse does.
fn click(harness: &mut App, label: &str) {
    harness.get_by_label(label).hover();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

fn press(harness: &mut App, key: Key) {
    harness.key_press(key);
    harness.run();
}

fn focused_label(harness: &App) -> Option<String> {
    harness
        .root()
        .children_recursive()
        .find(|node| node.accesskit_node().is_focused())
        .map(|node| node.accesskit_node().label().unwrap_or_default())
}

/// Presses Tab until the control called `label` has the keyboard focus.
fn tab_to(harness: &mut App, label: &str) {
    for _ in 0..400 {
        if focused_label(harness).as_deref() == Some(label) {
            return;
        }
        press(harness, Key::Tab);
    }
    panic!("Tab never reached {label:?}");
}

#[test]
fn first_start_asks_the_language_then_a_profile_then_shows_the_tour() {
    let data = tempfile::tempdir().unwrap();
    {
        // As `--lang zh` would: the language step starts in Chinese.
        let mut harness = first_start_harness(data.path(), Some(Lang::Zh));
        harness.run();
        harness.get_by_label("请选择界面语言");
        assert!(harness.query_by_label("选择你的学习档案").is_none());
        click(&mut harness, "English");
        // The whole window switches at once, the step's own text included.
        harness.get_by_label("Choose the language of the interface");
        harness.get_by_label("View");
        click(&mut harness, "Continue");

        harness.get_by_label("Choose your profile");
        assert!(
            harness.get_by_label("Name").is_focused(),
            "ready to type a name"
        );
        harness.get_by_label("Name").focus();
        harness.run();
        harness.get_by_label("Name").type_text("Alex");
        harness.run();
        click(&mut harness, "Create profile");
        assert_eq!(harness.state().session().unwrap().profile().name, "Alex");

        harness.get_by_label("Step 1 of 5");
        harness.get_by_label("The syllabus");
        click(&mut harness, "Skip the tour");
        assert!(harness.query_by_label("Step 1 of 5").is_none());
        assert!(matches!(harness.state().screen(), Screen::Home));
        harness.get_by_label("Start with the first lesson");
        harness.get_by_label("Practice");
        let settings = saved_settings(data.path(), "tour_done: true");
        assert_eq!(settings.language, Some(Lang::En));
    }
    // The next start goes straight to the profiles, in English, with no tour.
    let mut harness = first_start_harness(data.path(), None);
    harness.run();
    harness.get_by_label("Choose your profile");
    assert!(
        harness
            .query_by_label("Choose the language of the interface")
            .is_none()
    );
    click(&mut harness, "Start studying");
    assert!(harness.state().session().is_some());
    assert!(harness.query_by_label_contains("Step 1 of").is_none());
}

#[test]
fn tests_and_existing_data_folders_skip_the_first_start() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = harness(data.path(), &start());
    harness.run();
    assert!(harness.query_by_label("请选择界面语言").is_none());
    assert!(harness.query_by_label_contains("第 1 步").is_none());
    harness.get_by_label("从第一课开始");
}

/// Whether `c` is written only in Chinese text: ideographs and full-width punctuation.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{ff00}'..='\u{ffef}')
}

fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Maximal runs of Chinese characters in `text`.
fn cjk_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut run = String::new();
    for c in text.chars() {
        if is_cjk(c) {
            run.push(c);
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

fn collect_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) if s.chars().any(is_cjk) => {
            out.push(s.clone());
            let plain = servicecraft::ui::rich::plain(s);
            if plain != *s {
                out.push(plain);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// Tells pack content (Chinese by design) from interface text, which must be English.
struct EnglishCheck {
    /// Every Chinese text of the pack, longest first.
    pack: Vec<String>,
    pack_exact: HashSet<String>,
    /// The Chinese catalog's runs of two or more ideographs.
    catalog: HashSet<String>,
}

impl EnglishCheck {
    fn new(pack: &Pack, learner_content: &[&str]) -> Self {
        let mut strings = Vec::new();
        collect_strings(&serde_json::to_value(&pack.manifest).unwrap(), &mut strings);
        for chapter in &pack.chapters {
            collect_strings(&serde_json::to_value(chapter).unwrap(), &mut strings);
        }
        strings.extend(learner_content.iter().map(|s| (*s).to_owned()));
        // Drawn with a fill-in blank's brackets held together by no-break spaces.
        let held: Vec<String> = strings
            .iter()
            .filter_map(|s| match servicecraft::text::keep_blanks_together(s) {
                std::borrow::Cow::Owned(held) => Some(held),
                std::borrow::Cow::Borrowed(_) => None,
            })
            .collect();
        strings.extend(held);
        strings.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        strings.dedup();
        let catalog = T::ALL
            .iter()
            .filter(|key| key.get(Lang::Zh) != key.get(Lang::En))
            .flat_map(|key| cjk_runs(key.get(Lang::Zh)))
            .filter(|run| run.chars().filter(|c| is_ideograph(*c)).count() >= 2)
            .collect();
        Self {
            pack_exact: strings.iter().map(|s| s.trim().to_owned()).collect(),
            pack: strings,
            catalog,
        }
    }

    /// Why `label` is not acceptable in an English window, if it is not.
    fn problem(&self, label: &str) -> Option<String> {
        let text = label.trim();
        if !text.chars().any(is_cjk) || self.pack_exact.contains(text) {
            return None;
        }
        if self.catalog.contains(text) {
            return Some("an untranslated catalog string".into());
        }
        // A paragraph's fragment, a cut-off title.
        if self.pack.iter().any(|p| p.contains(text)) {
            return None;
        }
        let mut rest = text.to_owned();
        // Whole pack texts inside a label (a title after a tick or a caption); short ones, a
        // mnemonic's single characters say, would cut interface words apart.
        for p in self.pack.iter().filter(|p| p.chars().count() >= 3) {
            if rest.contains(p.as_str()) {
                rest = rest.replace(p.as_str(), " ");
            }
        }
        for run in cjk_runs(&rest) {
            if !run.chars().any(is_ideograph) {
                return Some(format!(
                    "Chinese punctuation {run:?} added by the interface"
                ));
            }
            if self.catalog.contains(&run) {
                return Some(format!("untranslated catalog text {run:?}"));
            }
            if !self.pack.iter().any(|p| p.contains(run.as_str())) {
                return Some(format!("Chinese {run:?} that is not pack content"));
            }
        }
        None
    }
}

const INTERACTIVE: [Role; 12] = [
    Role::Button,
    Role::CheckBox,
    Role::RadioButton,
    Role::Link,
    Role::TextInput,
    Role::MultilineTextInput,
    Role::SpinButton,
    Role::Slider,
    Role::ComboBox,
    Role::MenuItem,
    Role::MenuItemCheckBox,
    Role::MenuItemRadio,
];

/// On the screen shown: the `expected` English labels are there, every control has a label
/// (screen readers and these tests find controls by it), and nothing but pack content is Chinese.
fn assert_english_screen(harness: &App, check: &EnglishCheck, screen: &str, expected: &[&str]) {
    for label in expected {
        assert!(
            harness.query_all_by_label_contains(label).next().is_some(),
            "{screen}: no {label:?}"
        );
    }
    let mut problems = Vec::new();
    for node in harness.root().children_recursive() {
        let node = node.accesskit_node();
        let label = node.label().unwrap_or_default();
        if INTERACTIVE.contains(&node.role()) && label.trim().is_empty() {
            problems.push(format!("a {:?} without a label", node.role()));
        }
        let value = node.value().unwrap_or_default();
        for text in [label, value] {
            if let Some(problem) = check.problem(&text) {
                problems.push(format!("{text:?}: {problem}"));
            }
        }
    }
    assert!(problems.is_empty(), "{screen}:\n{}", problems.join("\n"));
}

/// Opens a lesson through the syllabus tree.
fn open_lesson(harness: &mut App, pack: &Pack, lesson_id: &str) {
    let (at, lesson) = pack.lesson_by_id(lesson_id).unwrap();
    if harness.query_by_label(&lesson.title).is_none() {
        harness
            .get_all_by_label(&pack.chapters[at.chapter].title)
            .find(|node| node.accesskit_node().role() != Role::Link)
            .unwrap()
            .click_accesskit();
        harness.run();
    }
    // Through AccessKit: with two chapters open the tree scrolls, and the row may be out of sight.
    harness.get_by_label(&lesson.title).click_accesskit();
    harness.run();
}

fn open_exercise(harness: &mut App, pack: &Pack, id: &str) {
    let item = pack.practice_item(id).unwrap();
    harness
        .get_by_label_contains(&format!(": {}", item.title))
        .click_accesskit();
    harness.run();
}

#[test]
fn in_english_every_screen_speaks_english_and_every_control_has_a_label() {
    let data = tempfile::tempdir().unwrap();
    let pack = builtin();
    let check = EnglishCheck::new(
        &pack,
        // The learner's own name, and the language menu's "简体中文" in itself.
        &[AppConfig::TEST_PROFILE, Lang::Zh.native_name()],
    );
    let mut harness = harness(data.path(), &start());
    harness.run();
    click(&mut harness, "视图");
    click(&mut harness, "语言");
    click(&mut harness, "English");
    press(&mut harness, Key::Escape);

    assert_english_screen(
        &harness,
        &check,
        "home",
        &[
            "Start with the first lesson",
            "Overall progress",
            "Syllabus",
        ],
    );

    click(&mut harness, "Start with the first lesson");
    assert!(matches!(harness.state().screen(), Screen::Lesson(_)));
    assert_english_screen(
        &harness,
        &check,
        "lesson",
        &["✔ Mark lesson complete", "Next lesson →", "Notes"],
    );

    click(&mut harness, "Practice");
    assert_english_screen(
        &harness,
        &check,
        "practice centre",
        &["Practice by chapter", "Random practice", "Mock exams"],
    );

    harness.get_by_label("Custom mock exam").click();
    harness.run();
    assert_english_screen(
        &harness,
        &check,
        "mock exam setup",
        &["Start custom exam", "Single choice"],
    );

    let chapter = &pack.chapters[0].title;
    harness
        .get_by_label(&format!("Practise {chapter}"))
        .click_accesskit();
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Quiz(_)));
    assert_english_screen(&harness, &check, "quiz", &["Submit answer"]);
    // A wrong answer, so the mistake notebook has something to show.
    press(&mut harness, Key::Num1);
    press(&mut harness, Key::Enter);
    assert_english_screen(&harness, &check, "quiz, answered", &["Next question"]);

    click(&mut harness, "Mistake notebook");
    assert_english_screen(&harness, &check, "mistake notebook", &["Mistake notebook"]);

    click(&mut harness, "Practice");
    let exam = &pack.manifest.mock_exams[0].title;
    harness
        .get_by_label(&format!("Start exam {exam}"))
        .click_accesskit();
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Exam(_)));
    assert_english_screen(
        &harness,
        &check,
        "mock exam start",
        &["Before you start", "Sections"],
    );
    click(&mut harness, "Start exam");
    assert_english_screen(
        &harness,
        &check,
        "mock exam",
        &["Submit paper", "Answer sheet"],
    );
    // Leaving asks first; this exam is discarded.
    click(&mut harness, "Home");
    assert_english_screen(
        &harness,
        &check,
        "leaving an exam",
        &["An exam is in progress", "Continue later"],
    );
    click(&mut harness, "Discard exam");

    let Some(ItemRef::RolePlay(c, i)) = pack.get("rp.domineering") else {
        panic!("rp.domineering is a role-play")
    };
    let play = &pack.chapters[c].roleplays[i];
    open_lesson(&mut harness, &pack, &play.lesson);
    // A lesson with exercise buttons and practice links.
    assert_english_screen(
        &harness,
        &check,
        "lesson with exercises",
        &["▶ Role-play: ", "Practice for this lesson"],
    );
    open_exercise(&mut harness, &pack, "rp.domineering");
    assert!(matches!(harness.state().screen(), Screen::RolePlay(_)));
    assert_english_screen(&harness, &check, "role-play", &["Your reply:"]);

    let Some(ItemRef::Swot(c, i)) = pack.get("ch1.swot.bank-callcentre") else {
        panic!("a SWOT case")
    };
    let swot = &pack.chapters[c].swot[i];
    open_lesson(&mut harness, &pack, &swot.lesson);
    assert!(
        matches!(harness.state().screen(), Screen::Lesson(at) if pack.lesson(*at).unwrap().id == swot.lesson),
        "the SWOT's lesson is open"
    );
    open_exercise(&mut harness, &pack, "ch1.swot.bank-callcentre");
    assert!(matches!(harness.state().screen(), Screen::Swot(_)));
    assert_english_screen(&harness, &check, "SWOT", &["Cards to sort", "Strengths"]);

    click(&mut harness, "All notes");
    assert_english_screen(&harness, &check, "notes", &["Search notes"]);

    click(&mut harness, "File");
    click(&mut harness, "Backups and restore…");
    assert_english_screen(&harness, &check, "backups", &["Back up now"]);

    click(&mut harness, "Pack library");
    assert_english_screen(&harness, &check, "library", &["Built-in syllabus"]);

    press(&mut harness, Key::F1);
    assert_english_screen(
        &harness,
        &check,
        "help",
        &["Keyboard shortcuts", "Take the tour again", "Ctrl+F"],
    );

    click(&mut harness, "Take the tour again");
    assert!(
        harness.query_by_label("Keyboard shortcuts").is_none(),
        "help closed"
    );
    assert_english_screen(&harness, &check, "tour", &["Step 1 of 5", "Skip the tour"]);
}

#[test]
fn the_check_itself_catches_chinese_interface_text() {
    let pack = builtin();
    let check = EnglishCheck::new(&pack, &[]);
    let lesson = &pack.lessons().next().unwrap().1.title;
    for (label, bad) in [
        ("Mark lesson complete", false),
        (lesson.as_str(), false),
        (&format!("✔ {lesson}"), false),
        (&format!("Notes · {lesson}"), false),
        ("完成本课", true),
        ("✔ 完成本课", true),
        (&format!("▶ Role-play：{lesson}"), true),
        (&format!("{lesson}（3 questions）"), true),
        ("下一课 →", true),
    ] {
        assert_eq!(check.problem(label).is_some(), bad, "{label}");
    }
}

#[test]
fn a_lesson_is_completed_with_the_keyboard_alone() {
    let data = tempfile::tempdir().unwrap();
    let pack = builtin();
    let (_, first) = pack.lessons().next().unwrap();
    let mut harness = harness(data.path(), &start());
    harness.run();

    tab_to(&mut harness, "从第一课开始");
    press(&mut harness, Key::Enter);
    assert!(matches!(harness.state().screen(), Screen::Lesson(_)));

    tab_to(&mut harness, "✔ 完成本课");
    // The button sits below the lesson, out of sight until the focus brought it into view.
    let rect = harness.get_by_label("✔ 完成本课").rect();
    assert!(
        rect.min.y >= 0.0 && rect.max.y <= 900.0,
        "the focused button is scrolled into view: {rect:?}"
    );
    press(&mut harness, Key::Enter);
    let session = harness.state().session().unwrap();
    assert!(session.progress().lesson_done(&first.id));
    harness.get_by_label("本课已完成 ✔");
}

#[test]
fn f1_opens_the_help_and_the_tour_starts_again_from_it() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = harness(data.path(), &start());
    harness.run();
    assert!(harness.query_by_label("键盘快捷键").is_none());
    press(&mut harness, Key::F1);
    harness.get_by_label("键盘快捷键");
    for keys in [
        "Ctrl+N",
        "Ctrl+F",
        "F1",
        "F11 或 Ctrl+Shift+P",
        "Alt+→",
        "1–8 / A–H",
    ] {
        harness.get_by_label(keys);
    }
    harness.get_by_label("搜索课程、题目、记忆卡和笔记");
    harness.get_by_label_contains(env!("CARGO_PKG_VERSION"));
    // F1 again closes it, as Esc does.
    press(&mut harness, Key::F1);
    assert!(harness.query_by_label("键盘快捷键").is_none());
    click(&mut harness, "帮助");
    harness.get_by_label_contains("帮助与快捷键").click();
    harness.run();
    harness.get_by_label("键盘快捷键");

    click(&mut harness, "重新开始导览");
    assert!(harness.query_by_label("键盘快捷键").is_none());
    harness.get_by_label("第 1 步，共 5 步");
    harness.get_by_label(T::TourTreeText.get(Lang::Zh));
    // The Next button has the focus: Enter goes on.
    press(&mut harness, Key::Enter);
    harness.get_by_label("第 2 步，共 5 步");
    harness.get_by_label(T::TourLessonText.get(Lang::Zh));
    click(&mut harness, "上一步");
    harness.get_by_label("第 1 步，共 5 步");
    for step in 2..=5 {
        click(&mut harness, "下一步");
        harness.get_by_label(&format!("第 {step} 步，共 5 步"));
    }
    harness.get_by_label(T::TourHelpText.get(Lang::Zh));
    click(&mut harness, "完成");
    assert!(harness.query_by_label_contains("步，共 5 步").is_none());
    assert!(saved_settings(data.path(), "tour_done: true").tour_done);

    // From the Help menu too; Esc skips it.
    click(&mut harness, "帮助");
    click(&mut harness, "界面导览");
    harness.get_by_label("第 1 步，共 5 步");
    press(&mut harness, Key::Escape);
    assert!(harness.query_by_label_contains("步，共 5 步").is_none());

    // About says the version, and closes with a button in the learner's language.
    click(&mut harness, "帮助");
    click(&mut harness, "关于 ServiceCraft");
    harness.get_by_label(&format!("版本 {}", env!("CARGO_PKG_VERSION")));
    click(&mut harness, "关闭");
    assert!(harness.query_by_label_contains("版本").is_none());
}

#[test]
fn presentation_mode_hides_the_side_panels_and_esc_leaves_it() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = harness(data.path(), &start());
    harness.run();
    click(&mut harness, "从第一课开始");
    let zoom = harness.ctx.zoom_factor();
    harness.get_by_label("课程目录");
    harness.get_by_label("笔记");

    press(&mut harness, Key::F11);
    assert!(harness.query_by_label("课程目录").is_none(), "tree hidden");
    assert!(harness.query_by_label("笔记").is_none(), "notes hidden");
    harness.get_by_label("✔ 完成本课");
    harness.get_by_label("演示模式 · 按 Esc 退出");
    assert!((harness.ctx.zoom_factor() - zoom * 1.5).abs() < 1e-3);
    // What is remembered is the learner's own size, never the enlargement.
    let remembered = |harness: &App| harness.state().settings().text_scale;
    assert!((remembered(&harness) - zoom).abs() < 1e-3);

    press(&mut harness, Key::Escape);
    harness.get_by_label("课程目录");
    harness.get_by_label("笔记");
    assert!((harness.ctx.zoom_factor() - zoom).abs() < 1e-3);
    assert!((remembered(&harness) - zoom).abs() < 1e-3);

    // Ctrl+Shift+P and the View menu toggle it too; the learner's own size is what is saved.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run();
    assert!(harness.query_by_label("课程目录").is_none());
    click(&mut harness, "视图");
    harness.get_by_label("演示模式（F11）").click();
    harness.run();
    harness.get_by_label("课程目录");
    assert!((harness.ctx.zoom_factor() - zoom).abs() < 1e-3);
}
