//! Practice, the mistake notebook, mock exams and the next day's review, driven through the UI.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use crate::common::{answer_with, builtin, harness, practise_first_chapter, start, wait_for_saved};
use chrono::Duration;
use egui_kittest::kittest::Queryable;
use servicecraft::app::Screen;
use servicecraft::clock::MockClock;
use servicecraft::model::{Pack, QuestionKind, answer_indices, option_letter};

/// The first single-choice question of chapter 1 and the label of a wrong option.
fn first_single(pack: &Pack) -> (String, String) {
    let question = pack.chapters[0].questions.first().unwrap();
    let QuestionKind::Single { options, answer } = &question.kind else {
        panic!("chapter 1 should open with a single-choice question");
    };
    let right = answer_indices(answer).unwrap()[0];
    let wrong = (0..options.len()).find(|i| *i != right).unwrap();
    (
        question.id.clone(),
        format!("{}. {}", option_letter(wrong), options[wrong]),
    )
}

#[test]
fn a_wrong_answer_lands_in_the_mistake_notebook() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let (id, wrong_option) = first_single(&pack);
    let mut harness = harness(data.path(), &clock);
    harness.run();
    practise_first_chapter(&mut harness, &pack);
    answer_with(&mut harness, &wrong_option);
    harness.get_by_label_contains("回答错误");
    assert!(harness.state().study().mistakes.contains_key(&id));

    harness.get_by_label("错题本").click();
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Mistakes));
    harness.get_by_label(&format!("移除 {id}"));
    harness.get_by_label_contains("练习全部错题 (1)");
}

#[test]
fn options_can_be_picked_and_submitted_with_the_keyboard() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let question = &pack.chapters[0].questions[0];
    let QuestionKind::Single { answer, options } = &question.kind else {
        panic!()
    };
    let right = answer_indices(answer).unwrap()[0];
    let mut harness = harness(data.path(), &clock);
    harness.run();
    practise_first_chapter(&mut harness, &pack);
    // The letter the right option is shown with in this attempt's order.
    let shown = common::shown_option(&harness, &options[right]);
    let key = egui::Key::from_name(&shown[..1]).unwrap();
    harness.key_press(key);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label_contains("回答正确");
    assert!(harness.state().study().mistakes.is_empty());
}

#[test]
fn a_mock_exam_runs_to_its_report_and_times_out_by_itself() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let mut harness = harness(data.path(), &clock);
    harness.run();
    common::click_through(
        &mut harness,
        &["练习中心", "开始考试 十分钟小测", "开始考试"],
    );
    harness.get_by_label_contains("剩余时间 10:00");
    harness.key_press(egui::Key::A);
    harness.run();
    harness.get_by_label("交卷").click();
    harness.run();
    // Unanswered questions: a warning first.
    harness.get_by_label_contains("还有未作答的题目");
    harness.get_by_label("仍然交卷").click();
    harness.run();
    harness.get_by_label("考试报告");
    harness.get_by_label_contains("得分 ");
    harness.get_by_label_contains("用时 ");
    assert!(
        !harness.state().study().mistakes.is_empty(),
        "unanswered questions count as wrong"
    );

    // A second exam left alone is submitted when the time is up. (The report has its own
    // "练习中心" button; the menu bar's comes first.)
    harness.get_all_by_label("练习中心").next().unwrap().click();
    harness.run();
    harness.get_by_label("开始考试 十分钟小测").click();
    harness.run();
    harness.get_by_label("开始考试").click();
    harness.run();
    clock.advance(Duration::minutes(4));
    harness.run();
    harness.get_by_label_contains("剩余时间 06:00");
    clock.advance(Duration::minutes(6));
    harness.run();
    harness.get_by_label("考试报告");
}

#[test]
fn the_next_day_brings_a_due_review_queue() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let (id, wrong_option) = first_single(&pack);
    {
        let mut harness = harness(data.path(), &clock);
        harness.run();
        practise_first_chapter(&mut harness, &pack);
        answer_with(&mut harness, &wrong_option);
    }
    wait_for_saved(data.path(), &id);
    clock.advance(Duration::days(1));
    let mut harness = harness(data.path(), &clock);
    harness.run();
    assert!(
        harness
            .state()
            .study()
            .due(clock_now(&clock))
            .contains(&id.as_str())
    );
    harness.get_by_label("练习中心").click();
    harness.run();
    // The mistake is a review due, told apart from the new cards.
    harness.get_by_label_contains("待复习 1");
    harness.get_by_label("开始复习").click();
    harness.run();
    // The mistake comes first in the queue.
    let stem = &pack.chapters[0].questions[0].stem;
    harness.get_by_label(stem);
}

fn clock_now(clock: &MockClock) -> chrono::DateTime<chrono::Utc> {
    use servicecraft::clock::Clock;
    clock.now()
}
