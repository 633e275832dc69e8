//! Layouts that fit (issue 16, point 6): every main screen is walked at 1024×700, and again at
//! 200 % text size, paging down through each, and nothing may be cut off at a side or drawn over
//! another text (`servicecraft::ui::fit`, whose own tests prove the check fails on a clipped
//! table). Pictures of each screen are written when `SERVICECRAFT_FIT_PNG` names a folder.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::sync::Arc;

use crate::common::{builtin, start};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use servicecraft::app::{AppConfig, Screen, ServiceCraftApp};
use servicecraft::model::{ItemRef, Pack};
use servicecraft::ui::quiz::QuizMode;
use servicecraft::ui::{Command, NavCmd};

type App = Harness<'static, ServiceCraftApp>;

fn harness(data: &std::path::Path, size: [f32; 2], zoom: f32) -> App {
    let mut config = AppConfig::for_tests(data);
    config.clock = Arc::new(start());
    // Widths are measured with the Chinese font the app really draws with (when the machine has
    // one): the missing-glyph boxes are narrower and hid a clipped home table.
    config.system_fonts = true;
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(24)
        .allow_missing_glyphs()
        .build_eframe(move |cc| ServiceCraftApp::new(cc, config));
    harness.run();
    if (zoom - 1.0).abs() > f32::EPSILON {
        harness.ctx.set_zoom_factor(zoom);
        harness.run();
    }
    harness
}

fn apply(harness: &mut App, command: Command) {
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, command);
    harness.run();
}

/// The texts on screen that are cut off or drawn over each other, as "label (why)".
fn misfits(harness: &App) -> Vec<String> {
    let mut labelled = std::collections::HashMap::new();
    for node in harness.root().children_recursive() {
        let ak = node.accesskit_node();
        let text = ak.label().or_else(|| ak.value()).unwrap_or_default();
        if !text.trim().is_empty() {
            labelled.insert(ak.locate().0, text);
        }
    }
    let window = harness.ctx.content_rect();
    let texts = |id: egui::Id| labelled.contains_key(&id.accesskit_id());
    let name = |id: egui::Id| {
        labelled
            .get(&id.accesskit_id())
            .map(|t| t.chars().take(40).collect::<String>())
            .unwrap_or_default()
    };
    servicecraft::ui::fit::misfits(&harness.ctx, &texts, window)
        .into_iter()
        // A control named by the caption beside it (a combo box and its label) shares its text
        // and part of its area: that is one text, not one drawn over another.
        .filter(|m| m.over.is_none_or(|other| name(other) != name(m.id)))
        .map(|m| match m.over {
            None => format!(
                "“{}” cut off: laid out {:.0}–{:.0}, seen {:.0}–{:.0}",
                name(m.id),
                m.rect.min.x,
                m.rect.max.x,
                m.visible.min.x,
                m.visible.max.x
            ),
            Some(other) => format!("“{}” drawn over “{}”", name(m.id), name(other)),
        })
        .collect()
}

/// Checks the screen, paging down to its end; collects what does not fit under `screen`.
fn check(harness: &mut App, screen: &str, found: &mut Vec<String>) {
    harness.run();
    let mut seen = HashSet::new();
    let pictures = std::env::var_os("SERVICECRAFT_FIT_PNG").map(std::path::PathBuf::from);
    for page in 0..12 {
        if let Some(folder) = &pictures {
            let zoom = harness.ctx.zoom_factor();
            let size = harness.ctx.content_rect().size() * zoom;
            let name = format!("{:.0}x{:.0}@{zoom}-{screen}-{page}", size.x, size.y);
            crate::fit_picture::save(&harness.ctx, harness.output(), folder, &name);
        }
        for problem in misfits(harness) {
            if seen.insert(problem.clone()) {
                found.push(format!("{screen}: {problem}"));
            }
        }
        let before = harness
            .root()
            .children_recursive()
            .filter_map(|n| n.accesskit_node().bounding_box())
            .map(|r| r.y0 as i64)
            .sum::<i64>();
        harness.key_press(Key::PageDown);
        harness.run();
        let after = harness
            .root()
            .children_recursive()
            .filter_map(|n| n.accesskit_node().bounding_box())
            .map(|r| r.y0 as i64)
            .sum::<i64>();
        if before == after {
            break;
        }
    }
}

fn first_item(
    pack: &Pack,
    pick: impl Fn(&servicecraft::model::Chapter) -> Option<String>,
) -> String {
    pack.chapters.iter().find_map(pick).unwrap()
}

/// Walks every main screen, returning what does not fit.
fn walk(size: [f32; 2], zoom: f32) -> Vec<String> {
    let data = tempfile::tempdir().unwrap();
    let pack = builtin();
    let mut harness = harness(data.path(), size, zoom);
    let mut found = Vec::new();

    apply(&mut harness, Command::Nav(NavCmd::ShowHome));
    check(&mut harness, "home", &mut found);
    let (first, _) = pack.lessons().next().unwrap();
    apply(&mut harness, Command::Nav(NavCmd::ShowLesson(first)));
    check(&mut harness, "lesson", &mut found);
    apply(&mut harness, Command::Nav(NavCmd::ShowPractice));
    check(&mut harness, "practice", &mut found);

    let questions: Vec<String> = pack.chapters[0]
        .questions
        .iter()
        .take(3)
        .map(|q| q.id.clone())
        .collect();
    apply(
        &mut harness,
        Command::Nav(NavCmd::StartQuiz {
            title: pack.chapters[0].title.clone(),
            mode: QuizMode::Practice,
            items: questions,
        }),
    );
    check(&mut harness, "quiz", &mut found);
    harness.key_press(Key::Num1);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    check(&mut harness, "quiz-answered", &mut found);
    // The other two answered too: the quiz's result screen.
    for _ in 0..2 {
        harness.key_press(Key::Enter);
        harness.run();
        harness.key_press(Key::Num1);
        harness.run();
        harness.key_press(Key::Enter);
        harness.run();
    }
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("练习结果");
    check(&mut harness, "quiz-result", &mut found);

    // A mock exam, submitted unanswered, for its report; then the notebook it filled.
    apply(&mut harness, Command::Nav(NavCmd::ShowPractice));
    harness.get_by_label("开始考试 十分钟小测").click();
    harness.run();
    // The start screen states the paper before the clock runs.
    check(&mut harness, "exam-start", &mut found);
    harness.get_by_label("开始考试").click();
    harness.run();
    check(&mut harness, "exam", &mut found);
    harness.get_by_label("交卷").click();
    harness.run();
    harness.get_by_label("仍然交卷").click();
    harness.run();
    check(&mut harness, "exam-report", &mut found);
    apply(&mut harness, Command::Nav(NavCmd::ShowMistakes));
    check(&mut harness, "mistakes", &mut found);

    // SWOT sorted right, then its TOWS stage.
    let swot = "ch1.swot.bank-callcentre";
    let Some(ItemRef::Swot(c, i)) = pack.get(swot) else {
        panic!("{swot}")
    };
    let exercise = pack.chapters[c].swot[i].clone();
    apply(&mut harness, Command::Nav(NavCmd::ShowItem(swot.into())));
    check(&mut harness, "swot", &mut found);
    const DIGITS: [Key; 4] = [Key::Num1, Key::Num2, Key::Num3, Key::Num4];
    for _ in 0..exercise.cards.len() {
        let Screen::Swot(view) = harness.state().screen() else {
            panic!()
        };
        let card = view.selected().unwrap();
        harness.key_press(DIGITS[exercise.cards[card].quadrant.index()]);
        harness.run();
    }
    harness.key_press(Key::Enter);
    harness.run();
    check(&mut harness, "swot-checked", &mut found);
    if !exercise.strategies.is_empty() {
        harness.get_by_label("下一步：策略配对（TOWS）→").click();
        harness.run();
        check(&mut harness, "tows", &mut found);
    }

    let pdca = first_item(&pack, |c| c.pdca.first().map(|e| e.id.clone()));
    apply(&mut harness, Command::Nav(NavCmd::ShowItem(pdca)));
    check(&mut harness, "pdca", &mut found);
    let sheet = first_item(&pack, |c| c.worksheets.first().map(|e| e.id.clone()));
    apply(&mut harness, Command::Nav(NavCmd::ShowItem(sheet)));
    check(&mut harness, "worksheet", &mut found);

    let play = first_item(&pack, |c| c.roleplays.first().map(|e| e.id.clone()));
    apply(&mut harness, Command::Nav(NavCmd::ShowItem(play)));
    check(&mut harness, "roleplay", &mut found);
    for _ in 0..12 {
        if harness.query_by_label("你的选择与最佳路径").is_some() {
            break;
        }
        harness.key_press(Key::Num1);
        harness.run();
    }
    harness.get_by_label("你的选择与最佳路径");
    check(&mut harness, "roleplay-debrief", &mut found);

    let ordering = first_item(&pack, |c| c.orderings.first().map(|e| e.id.clone()));
    apply(&mut harness, Command::Nav(NavCmd::ShowItem(ordering)));
    check(&mut harness, "ordering", &mut found);
    let card = first_item(&pack, |c| c.flashcards.first().map(|e| e.id.clone()));
    apply(&mut harness, Command::Nav(NavCmd::ShowItem(card)));
    check(&mut harness, "flashcard", &mut found);
    apply(&mut harness, Command::Nav(NavCmd::ShowPdcaDiagram));
    check(&mut harness, "pdca-diagram", &mut found);

    // Every module of the first CRM lab.
    let (_, lab) = pack.labs().next().unwrap();
    apply(&mut harness, Command::Nav(NavCmd::ShowLab(lab.id.clone())));
    let modules: Vec<String> = harness
        .query_all_by_label_contains("模块：")
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert!(modules.len() >= 10, "{modules:?}");
    for module in modules {
        harness.get_by_label(&module).click();
        harness.run();
        check(&mut harness, &format!("lab {module}"), &mut found);
    }
    apply(&mut harness, Command::Nav(NavCmd::ShowClassReport));
    check(&mut harness, "class-report", &mut found);

    apply(&mut harness, Command::Nav(NavCmd::ShowSearch));
    harness.get_by_label("搜索").type_text("投诉");
    harness.run();
    check(&mut harness, "search", &mut found);
    apply(&mut harness, Command::Nav(NavCmd::ShowLibrary));
    check(&mut harness, "library", &mut found);
    apply(&mut harness, Command::Nav(NavCmd::ShowNotesList));
    check(&mut harness, "notes", &mut found);
    apply(&mut harness, Command::Nav(NavCmd::ShowBackups));
    check(&mut harness, "backups", &mut found);
    apply(&mut harness, Command::Nav(NavCmd::ShowMySwot(None)));
    check(&mut harness, "my-swot", &mut found);
    found
}

/// Fails, naming each, when anything does not fit.
fn assert_fits(found: &[String]) {
    assert!(
        found.is_empty(),
        "{} cut off or drawn over another text:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn every_screen_fits_at_1024_by_700() {
    let found = walk([1024.0, 700.0], 1.0);
    assert_fits(&found);
}

#[test]
fn every_screen_fits_at_200_percent_text() {
    // A 1080p screen with text at 200 %: 960×540 points to lay out in.
    let found = walk([1920.0, 1080.0], 2.0);
    assert_fits(&found);
}
