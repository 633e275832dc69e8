//! Exam readiness through the real app: the home screen's pass probability, plan and mastery
//! map (computed off the UI thread), the exam date, new cards told apart from reviews due,
//! certainty with an answer and calibration, mistake causes, and the grouped 错题本 that shows
//! answers inline, returns to itself and exports for printing.
#![expect(clippy::unwrap_used, reason = "tests")]

use crate::common::{builtin, harness, practise_first_chapter, start};
use chrono::Duration;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use servicecraft::app::{AppConfig, Screen, ServiceCraftApp};
use servicecraft::model::QuestionKind;
use servicecraft::model::evidence::{Cause, Certainty};

type App = Harness<'static, ServiceCraftApp>;

/// Runs frames until the readiness figures for the current data are in (at most 20 s).
fn wait_for_outlook(harness: &mut App) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    let began = std::time::Instant::now();
    // A change applied in the last frame is seen by the next frame's poll, which starts over.
    harness.step();
    loop {
        // The figures arrive from another thread: step and look, frame by frame.
        harness.step();
        let app = harness.state();
        if app.outlook().is_some() && !app.readiness_busy() {
            eprintln!("readiness in {:?}", began.elapsed());
            harness.run_steps(2);
            return;
        }
        assert!(std::time::Instant::now() < deadline, "readiness never came");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// The first single-choice question of chapter 1: its id, a wrong option's text, the right one's.
fn single_choice(pack: &servicecraft::model::Pack) -> (String, String, String) {
    let q = pack.chapters[0]
        .questions
        .iter()
        .find(|q| matches!(q.kind, QuestionKind::Single { .. }))
        .unwrap();
    let QuestionKind::Single { options, answer } = &q.kind else {
        unreachable!()
    };
    let right = (answer.as_bytes()[0] - b'A') as usize;
    let wrong = (right + 1) % options.len();
    let letter = |i: usize| char::from(b'A' + i as u8);
    (
        q.id.clone(),
        format!("{}. {}", letter(wrong), options[wrong]),
        format!("{}. {}", letter(right), options[right]),
    )
}

#[test]
fn a_new_learner_sees_new_cards_a_pass_probability_a_plan_and_a_coloured_map() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let mut harness = harness(data.path(), &clock);
    wait_for_outlook(&mut harness);
    // New cards are not reviews due.
    // On the figures and in today's plan.
    assert_eq!(
        harness
            .query_all_by_label_contains("新 20 · 待复习 0")
            .count(),
        2
    );
    assert!(harness.query_by_label_contains("待复习 20").is_none());
    let outlook = harness.state().outlook().unwrap().clone();
    let p = outlook.pass_probability.unwrap();
    assert!((0.0..=1.0).contains(&p));
    harness.get_by_label_contains("通过概率");
    // Every lesson is a labelled cell of the map.
    let pack = builtin();
    let (at, first) = pack.lessons().next().unwrap();
    let wanted = format!("{}：预计答对", first.title);
    let cell = harness.get_by_label_contains(&wanted);
    let label = cell.accesskit_node().label().unwrap_or_default();
    assert!(label.contains("已练 0/"), "{label}");
    // Unpractised lessons are frames, not red fills, and the legend says what a frame means.
    harness.get_by_label("未练习（框色为按猜测估计的概率）");
    // Without an exam date the plan is the review queue; with one it has lessons.
    harness.get_by_label_contains("未设定考试日期");
    assert!(harness.query_by_label_contains("新学").is_none());
    let exam = (clock_now(&clock) + Duration::days(30)).date_naive();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "考试日期")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "考试日期")
        .type_text(&exam.format("%Y-%m-%d").to_string());
    harness.run();
    harness.get_by_label("设定").click();
    wait_for_outlook(&mut harness);
    let session = harness.state().session().unwrap();
    assert_eq!(session.settings().exam_date, Some(exam));
    harness.get_by_label_contains("距考试还有 30 天");
    harness.get_by_label_contains("新学").click();
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Lesson(shown) if *shown == at));
    // A map cell opens its lesson too.
    harness.get_by_label("首页").click();
    harness.run();
    let (second_at, second) = pack.lessons().nth(1).unwrap();
    harness
        .get_by_label_contains(&format!("{}：预计答对", second.title))
        .click();
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Lesson(shown) if *shown == second_at));
}

#[test]
fn answers_move_the_pass_probability_the_right_way() {
    use servicecraft::ui::{Command, StudyCmd};
    let pack = builtin();
    let estimate = |right: bool| {
        let data = tempfile::tempdir().unwrap();
        let clock = start();
        let mut harness = harness(data.path(), &clock);
        wait_for_outlook(&mut harness);
        let ctx = harness.ctx.clone();
        for (_, q) in pack.questions().take(150) {
            let QuestionKind::Single { answer, .. } = &q.kind else {
                continue;
            };
            let index = (answer.as_bytes()[0] - b'A') as usize;
            let picked = if right { index } else { (index + 1) % 4 };
            harness.state_mut().apply(
                &ctx,
                Command::Study(StudyCmd::RecordAnswer {
                    item: q.id.clone(),
                    response: servicecraft::model::Response::Choices(vec![picked]),
                    grade: servicecraft::model::Grade {
                        score: if right { 1.0 } else { 0.0 },
                        max: 1.0,
                    },
                    started: clock_now(&clock),
                    certainty: Some(Certainty::Sure),
                }),
            );
        }
        wait_for_outlook(&mut harness);
        let o = harness.state().outlook().unwrap().clone();
        (o.pass_probability.unwrap(), o.expected_percent)
    };
    let (good, bad) = (estimate(true), estimate(false));
    // A third of the bank answered leaves the pass probability near 0 either way; the expected
    // score moves clearly, and the probability never the wrong way.
    assert!(good.1 > bad.1 + 5.0, "{good:?} > {bad:?}");
    assert!(good.0 >= bad.0, "{good:?} >= {bad:?}");
}

#[test]
fn certainty_is_recorded_with_the_answer_and_a_cause_can_be_tagged() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let mut harness = harness(data.path(), &clock);
    let pack = builtin();
    let (id, wrong, _) = single_choice(&pack);
    practise_first_chapter(&mut harness, &pack);
    harness.get_by_label(&wrong).click();
    harness.run();
    // One click on "sure" submits the answer with its certainty.
    harness.get_by_label("J 确定").click();
    harness.run();
    let session = harness.state().session().unwrap();
    let logged = session.progress().last_logged(&id).unwrap();
    assert_eq!(logged.certainty, Some(Certainty::Sure));
    assert!(harness.state().study().mistakes.contains_key(&id));
    harness.get_by_label("记忆混淆").click();
    harness.run();
    assert_eq!(
        harness.state().study().causes.get(&id),
        Some(&Cause::Confusion)
    );
}

#[test]
fn the_notebook_groups_shows_answers_inline_returns_to_itself_and_exports() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("错题本.html");
    let dialogs = std::sync::Arc::new(servicecraft::app::ScriptedDialogs::new(vec![
        servicecraft::app::DialogAnswer::Chosen(target.clone()),
    ]));
    let clock = start();
    let mut config = AppConfig::for_tests(data.path());
    config.clock = std::sync::Arc::new(clock.clone());
    config.dialogs = dialogs;
    let mut harness: App = Harness::builder()
        .with_size([1280.0, 900.0])
        .with_max_steps(24)
        .allow_missing_glyphs()
        .build_eframe(move |cc| ServiceCraftApp::new(cc, config));
    let pack = builtin();
    let (id, wrong, right) = single_choice(&pack);
    practise_first_chapter(&mut harness, &pack);
    harness.get_by_label(&wrong).click();
    harness.run();
    harness.get_by_label("J 确定").click();
    harness.run();
    harness.get_by_label("概念不清").click();
    harness.run();
    harness.get_by_label("← 练习中心").click();
    harness.run();
    harness.get_by_label("错题本 (1)").click();
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Mistakes));
    // Sure and wrong: a misconception, shown first with both answers and the explanation.
    harness.get_by_label_contains("误解（确定却答错）");
    harness.get_by_label(&format!("你的答案：{wrong}"));
    harness.get_by_label(&format!("正确答案：{right}"));
    // Grouped by cause, the group is the cause tagged.
    harness.get_by_label("按错因").click();
    harness.run();
    harness.get_by_label("概念不清 · 1");
    // Practising from the notebook comes back to it.
    harness.get_by_label(&format!("练这道题 {id}")).click();
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Quiz(_)));
    harness.get_by_label("← 错题本").click();
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Mistakes));
    // The printable page is written through the file dialog and the atomic store.
    harness.get_by_label("导出打印版 HTML…").click();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !target.exists() {
        assert!(std::time::Instant::now() < deadline, "never written");
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.run();
    }
    let html = std::fs::read_to_string(&target).unwrap();
    assert!(html.contains("<!DOCTYPE html>") && html.contains("误解"));
    assert!(html.contains(&pack.question(&id).unwrap().1.stem));
}

fn clock_now(clock: &servicecraft::clock::MockClock) -> chrono::DateTime<chrono::Utc> {
    use servicecraft::clock::Clock;
    clock.now()
}
