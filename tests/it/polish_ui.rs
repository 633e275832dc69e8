//! The small things of issue 16, point 11, through the real app: singular English counts, no
//! label said twice, a fill-in blank's brackets kept on one line, an empty home chart that says
//! so, a double click on Check that does not reshuffle the SWOT board, and presentation mode whose
//! top bar does not run into itself.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{builtin, harness, start, switch_to_english};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use servicecraft::app::{Screen, ServiceCraftApp};
use servicecraft::model::{ItemRef, QuestionKind};
use servicecraft::ui::quiz::QuizMode;
use servicecraft::ui::{Command, NavCmd};

type App = Harness<'static, ServiceCraftApp>;

fn apply(harness: &mut App, command: Command) {
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, command);
    harness.run();
}

fn app() -> (tempfile::TempDir, App) {
    let data = tempfile::tempdir().unwrap();
    let mut harness = harness(data.path(), &start());
    harness.run();
    (data, harness)
}

#[test]
fn counts_are_singular_in_english() {
    let (_data, mut harness) = app();
    // One lesson done: the streak is "1 day", not "1 days".
    let pack = builtin();
    let (first, lesson) = pack.lessons().next().unwrap();
    apply(&mut harness, Command::Nav(NavCmd::ShowLesson(first)));
    harness.get_by_label("✔ 完成本课").click_accesskit();
    harness.run();
    assert!(
        harness
            .state()
            .session()
            .unwrap()
            .progress()
            .lesson_done(&lesson.id)
    );
    switch_to_english(&mut harness);
    apply(&mut harness, Command::Nav(NavCmd::ShowHome));
    harness.get_by_label("1 day");
    assert!(harness.query_by_label("1 days").is_none());
}

#[test]
fn labels_are_not_said_twice_and_blanks_stay_whole() {
    let (_data, mut harness) = app();
    let pack = builtin();
    // The worksheet's button: its title already starts with its kind.
    let (sheet_lesson, sheet) = pack
        .chapters
        .iter()
        .flat_map(|c| &c.worksheets)
        .find(|w| w.title.starts_with("PDCA 工作表："))
        .map(|w| (w.lesson.clone(), w.title.clone()))
        .unwrap();
    let (at, _) = pack.lesson_by_id(&sheet_lesson).unwrap();
    apply(&mut harness, Command::Nav(NavCmd::ShowLesson(at)));
    harness.get_by_label(&format!("▶ {sheet}"));
    assert!(
        harness
            .query_by_label_contains("PDCA 工作表：PDCA 工作表")
            .is_none()
    );

    // A case whose stem starts "案例：" under the caption 案例材料.
    let case = pack
        .chapters
        .iter()
        .flat_map(|c| &c.questions)
        .find(|q| matches!(q.kind, QuestionKind::Case { .. }) && q.stem.starts_with("案例："))
        .unwrap();
    let QuestionKind::Case { questions, .. } = &case.kind else {
        unreachable!()
    };
    let part = questions.first().map(|p| p.id.clone()).unwrap();
    apply(
        &mut harness,
        Command::Nav(NavCmd::StartQuiz {
            title: "案例".into(),
            mode: QuizMode::Practice,
            items: vec![part],
        }),
    );
    let shown = case.stem.trim_start_matches("案例：");
    harness.get_by_label(&format!("案例材料：{shown}"));
    assert!(
        harness
            .query_by_label_contains("案例材料：案例：")
            .is_none()
    );

    // A fill-in stem's "（ ）" is drawn as one unbreakable piece (`text::keep_blanks_together`,
    // unit-tested) and read as written.
    let blank = pack
        .chapters
        .iter()
        .flat_map(|c| &c.questions)
        .find(|q| q.stem.contains("（ ）") && !q.stem.contains("**"))
        .unwrap();
    apply(
        &mut harness,
        Command::Nav(NavCmd::StartQuiz {
            title: "填空".into(),
            mode: QuizMode::Practice,
            items: vec![blank.id.clone()],
        }),
    );
    harness.get_by_label(&blank.stem);
}

#[test]
fn a_double_click_on_check_keeps_the_checked_board() {
    let (_data, mut harness) = app();
    let pack = builtin();
    let id = "ch1.swot.bank-callcentre";
    let Some(ItemRef::Swot(c, i)) = pack.get(id) else {
        panic!("{id}")
    };
    let exercise = pack.chapters[c].swot[i].clone();
    apply(&mut harness, Command::Nav(NavCmd::ShowItem(id.into())));
    const DIGITS: [Key; 4] = [Key::Num1, Key::Num2, Key::Num3, Key::Num4];
    for _ in 0..exercise.cards.len() {
        let Screen::Swot(view) = harness.state().screen() else {
            panic!()
        };
        let card = view.selected().unwrap();
        harness.key_press(DIGITS[exercise.cards[card].quadrant.index()]);
        harness.run();
    }
    let at = harness.get_by_label("检查").rect().center();
    harness.event(egui::Event::PointerMoved(at));
    for _ in 0..2 {
        for pressed in [true, false] {
            harness.event(egui::Event::PointerButton {
                pos: at,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::NONE,
            });
            harness.step();
        }
    }
    harness.run();
    let full = format!("得分 {0} / {0}（100%）", exercise.cards.len());
    harness.get_by_label(&full);
    // Check stays where it was, disabled; Retry is elsewhere and still offered.
    assert!(harness.get_by_label("检查").accesskit_node().is_disabled());
    harness.get_by_label("重新打乱，再做一次");
}

#[test]
fn presenting_with_large_text_the_top_bar_does_not_run_into_itself() {
    let data = tempfile::tempdir().unwrap();
    let mut config = servicecraft::app::AppConfig::for_tests(data.path());
    config.clock = std::sync::Arc::new(start());
    config.system_fonts = true;
    let mut harness = Harness::builder()
        .with_size([1024.0, 700.0])
        .with_max_steps(24)
        .allow_missing_glyphs()
        .build_eframe(move |cc| ServiceCraftApp::new(cc, config));
    harness.run();
    // At ordinary size the pack's title is in the top bar.
    let title = builtin().manifest.title;
    assert!(
        harness
            .get_all_by_label(&title)
            .any(|node| node.rect().max.y < 30.0),
        "the title is in the top bar"
    );
    // Larger text, then presenting (another 1.5×).
    harness.ctx.set_zoom_factor(2.0);
    harness.run();
    harness.key_press(Key::F11);
    harness.run();
    let mut labelled = std::collections::HashMap::new();
    for node in harness.root().children_recursive() {
        let ak = node.accesskit_node();
        if let Some(text) = ak.label().or_else(|| ak.value()) {
            labelled.insert(ak.locate().0, text);
        }
    }
    let window = harness.ctx.content_rect();
    let found = servicecraft::ui::fit::misfits(
        &harness.ctx,
        &|id: egui::Id| labelled.contains_key(&id.accesskit_id()),
        window,
    );
    let named: Vec<String> = found
        .iter()
        .map(|m| {
            labelled
                .get(&m.id.accesskit_id())
                .cloned()
                .unwrap_or_default()
        })
        .collect();
    assert!(found.is_empty(), "{named:?} {found:?}");
    // Every tab is still there to press; the pack's title gave way.
    for tab in ["首页", "练习中心", "错题本", "全部笔记", "课程包库"] {
        let rect = harness.get_by_label(tab).rect();
        assert!(rect.max.x <= window.max.x + 0.5, "{tab} {rect:?}");
    }
}
