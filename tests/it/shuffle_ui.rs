//! Options and role-play replies in a fresh order per attempt (in a mock exam, one order per
//! sitting), driven through the real app: the shown letters differ from the pack's, the log and
//! the exam record the pack's own letter, 背题 and the setting keep the printed order; and the
//! option controls are what they look like.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{builtin, harness, practise_first_chapter, start};
use chrono::Duration;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use servicecraft::app::ServiceCraftApp;
use servicecraft::model::{Pack, QuestionKind, answer_indices, option_letter};
use servicecraft::ui::quiz::QuizMode;
use servicecraft::ui::{Command, NavCmd, PrefsCmd};

type App = Harness<'static, ServiceCraftApp>;

/// The letter an option is shown with: the option button is labelled "X. text".
fn shown_letter(harness: &App, text: &str) -> char {
    let suffix = format!(". {text}");
    let labels: Vec<String> = harness
        .query_all_by_label_contains(&suffix)
        .filter_map(|n| n.accesskit_node().label())
        .filter(|l| l.ends_with(&suffix) && l.chars().count() == suffix.chars().count() + 1)
        .collect();
    assert_eq!(labels.len(), 1, "one option shows {text}: {labels:?}");
    labels[0].chars().next().unwrap()
}

/// The letters the options of `options` are shown with, in the pack's order.
fn shown_letters(harness: &App, options: &[String]) -> String {
    options.iter().map(|o| shown_letter(harness, o)).collect()
}

fn printed(n: usize) -> String {
    (0..n).map(option_letter).collect()
}

fn single(pack: &Pack) -> (&str, &[String], usize) {
    let question = &pack.chapters[0].questions[0];
    let QuestionKind::Single { options, answer } = &question.kind else {
        panic!("chapter 1 opens with a single-choice question");
    };
    (&question.id, options, answer_indices(answer).unwrap()[0])
}

fn quiz(harness: &mut App, mode: QuizMode, items: &[&str]) {
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        Command::Nav(NavCmd::StartQuiz {
            title: "测试".into(),
            mode,
            items: items.iter().map(|s| (*s).to_owned()).collect(),
        }),
    );
    harness.run();
}

#[test]
fn a_shuffled_answer_is_logged_with_the_packs_own_letter() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let (id, options, right) = single(&pack);
    let mut harness = harness(data.path(), &clock);
    harness.run();
    practise_first_chapter(&mut harness, &pack);
    let letters = shown_letters(&harness, options);
    assert_ne!(letters, printed(options.len()), "the options are shuffled");
    // Redrawing the same showing never reorders.
    for _ in 0..3 {
        harness.run();
        assert_eq!(shown_letters(&harness, options), letters);
    }
    // Pick the right option by the letter it is shown with, with the keyboard.
    let shown = shown_letter(&harness, &options[right]);
    let key = egui::Key::from_name(&shown.to_string()).unwrap();
    harness.key_press(key);
    harness.run();
    harness.get_by_label("提交答案").click();
    harness.run();
    harness.get_by_label_contains("回答正确");
    // The right answer is given by the letter the learner saw, never the pack's.
    harness.get_by_label(&format!("答案：{shown}"));
    let session = harness.state().session().unwrap();
    let logged: Vec<_> = session
        .progress()
        .log()
        .filter(|l| l.item == id)
        .cloned()
        .collect();
    assert_eq!(logged.len(), 1);
    assert_eq!(
        logged[0].attempt.answer,
        option_letter(right).to_string(),
        "the pack's letter is logged"
    );
    assert_eq!(logged[0].attempt.score, logged[0].attempt.max);
}

#[test]
fn every_attempt_gets_a_new_order_and_a_wrong_pick_is_logged_by_the_packs_letter() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let (id, options, right) = single(&pack);
    let wrong = (0..options.len()).find(|i| *i != right).unwrap();
    let mut harness = harness(data.path(), &clock);
    harness.run();
    let mut orders = std::collections::BTreeSet::new();
    for _ in 0..6 {
        clock.advance(Duration::seconds(7));
        quiz(&mut harness, QuizMode::Practice, &[id]);
        orders.insert(shown_letters(&harness, options));
    }
    assert!(orders.len() > 1, "six attempts, one order: {orders:?}");
    // A wrong pick, clicked by its shown label, is recorded against the pack's letter.
    let label = format!(
        "{}. {}",
        shown_letter(&harness, &options[wrong]),
        options[wrong]
    );
    harness.get_by_label(&label).click();
    harness.run();
    harness.get_by_label("提交答案").click();
    harness.run();
    harness.get_by_label_contains("回答错误");
    let session = harness.state().session().unwrap();
    let last = session
        .progress()
        .log()
        .rfind(|l| l.item == id)
        .cloned()
        .unwrap();
    assert_eq!(last.attempt.answer, option_letter(wrong).to_string());
    assert!(harness.state().study().mistakes.contains_key(id));
}

#[test]
fn memorise_mode_and_the_setting_keep_the_printed_order() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let (id, options, _) = single(&pack);
    let mut harness = harness(data.path(), &clock);
    harness.run();
    quiz(&mut harness, QuizMode::Memorise, &[id]);
    assert_eq!(shown_letters(&harness, options), printed(options.len()));

    // 设置: shuffling off, through the menu's switch.
    quiz(&mut harness, QuizMode::Practice, &[id]);
    assert_ne!(shown_letters(&harness, options), printed(options.len()));
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .apply(&ctx, Command::Prefs(PrefsCmd::SetShuffleOptions(false)));
    clock.advance(Duration::seconds(3));
    quiz(&mut harness, QuizMode::Practice, &[id]);
    assert_eq!(shown_letters(&harness, options), printed(options.len()));
}

#[test]
fn options_are_radio_buttons_checkboxes_and_true_false_buttons() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let find = |want: fn(&QuestionKind) -> bool| {
        pack.questions()
            .find(|(_, q)| want(&q.kind))
            .map(|(_, q)| q.id.clone())
            .unwrap()
    };
    let single = find(|k| matches!(k, QuestionKind::Single { .. }));
    let multiple = find(|k| matches!(k, QuestionKind::Multiple { .. }));
    let judge = find(|k| matches!(k, QuestionKind::TrueFalse { .. }));
    let mut harness = harness(data.path(), &clock);
    harness.run();
    let roles = |harness: &App, role: egui::accesskit::Role| {
        harness
            .query_all_by_role(role)
            .filter(|n| n.accesskit_node().label().is_some_and(|l| l.contains(". ")))
            .count()
    };
    quiz(&mut harness, QuizMode::Practice, &[&single]);
    let (_, q, _) = pack.question(&single).unwrap();
    let QuestionKind::Single { options, answer } = &q.kind else {
        unreachable!()
    };
    assert_eq!(
        roles(&harness, egui::accesskit::Role::RadioButton),
        options.len()
    );
    assert_eq!(roles(&harness, egui::accesskit::Role::CheckBox), 0);
    // A wrong pick is marked in words beside the colours, and the right one too.
    let right = answer_indices(answer).unwrap()[0];
    let wrong = (0..options.len()).find(|i| *i != right).unwrap();
    let label = format!(
        "{}. {}",
        shown_letter(&harness, &options[wrong]),
        options[wrong]
    );
    harness.get_by_label(&label).click();
    harness.run();
    harness.get_by_label("提交答案").click();
    harness.run();
    harness.get_by_label("✔ 正确答案");
    harness.get_by_label("✖ 你的选择");

    quiz(&mut harness, QuizMode::Practice, &[&multiple]);
    let (_, q, _) = pack.question(&multiple).unwrap();
    let QuestionKind::Multiple { options, .. } = &q.kind else {
        unreachable!()
    };
    assert_eq!(
        roles(&harness, egui::accesskit::Role::CheckBox),
        options.len()
    );
    assert_eq!(roles(&harness, egui::accesskit::Role::RadioButton), 0);
    // Two ticks stay ticked (checkboxes, not a single choice).
    let first = format!("A. {}", options[0]);
    let first = harness
        .query_all_by_label_contains(". ")
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| l.starts_with("A. "))
        .unwrap_or(first);
    let second = harness
        .query_all_by_label_contains(". ")
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| l.starts_with("B. "))
        .unwrap();
    harness.get_by_label(&first).click();
    harness.run();
    harness.get_by_label(&second).click();
    harness.run();
    let ticked = harness
        .query_all_by_role(egui::accesskit::Role::CheckBox)
        .filter(|n| n.accesskit_node().toggled() == Some(egui::accesskit::Toggled::True))
        .count();
    assert_eq!(ticked, 2);

    quiz(&mut harness, QuizMode::Practice, &[&judge]);
    assert_eq!(
        harness.get_by_label("对").accesskit_node().role(),
        egui::accesskit::Role::Button
    );
    assert_eq!(
        harness.get_by_label("错").accesskit_node().role(),
        egui::accesskit::Role::Button
    );
    let on = |harness: &App, label: &str| {
        harness.get_by_label(label).accesskit_node().toggled()
            == Some(egui::accesskit::Toggled::True)
    };
    assert!(!on(&harness, "对") && !on(&harness, "错"));
    harness.get_by_label("对").click();
    harness.run();
    assert!(on(&harness, "对") && !on(&harness, "错"));
}

/// The exam on screen, or a panic.
fn exam_session(harness: &App) -> &servicecraft::model::exam::ExamSession {
    match harness.state().screen() {
        servicecraft::app::Screen::Exam(view) => &view.session,
        _ => panic!("not on the exam screen"),
    }
}

/// Opens the 十分钟小测 from the practice centre and starts its clock.
fn sit_short_exam(harness: &mut App) {
    harness.get_all_by_label("练习中心").next().unwrap().click();
    harness.run();
    harness.get_by_label("开始考试 十分钟小测").click();
    harness.run();
    harness.get_by_label("开始考试").click();
    harness.run();
}

/// Each single-choice item on the paper: its id, the letters its options are shown with (in the
/// pack's order), and after picking the right one by its shown label, what the exam recorded.
fn answer_every_single(harness: &mut App, pack: &Pack) -> Vec<(String, String, usize)> {
    let items = exam_session(harness).paper.items.clone();
    let mut seen = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let (_, question, _) = pack.question(&item.id).unwrap();
        if let QuestionKind::Single { options, answer } = &question.kind {
            let right = answer_indices(answer).unwrap()[0];
            let letters = shown_letters(harness, options);
            let label = format!(
                "{}. {}",
                shown_letter(harness, &options[right]),
                options[right]
            );
            harness.get_by_label(&label).click();
            harness.run();
            assert_eq!(
                exam_session(harness).answers.get(&item.id),
                Some(&servicecraft::model::Response::Choices(vec![right])),
                "the pack's own index is recorded for {}",
                item.id
            );
            seen.push((item.id.clone(), letters, right));
        }
        if i + 1 < items.len() {
            harness.get_by_label("下一题 →").click();
            harness.run();
        }
    }
    seen
}

#[test]
fn a_mock_exam_shuffles_options_per_sitting_and_records_the_packs_index() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let mut harness = harness(data.path(), &clock);
    harness.run();
    sit_short_exam(&mut harness);
    let first = answer_every_single(&mut harness, &pack);
    assert!(first.len() >= 5, "the short exam has single-choice items");
    let moved = first
        .iter()
        .filter(|(_, letters, _)| *letters != printed(letters.chars().count()))
        .count();
    assert!(
        moved * 4 >= first.len() * 3,
        "most orders differ from the printed one: {moved} of {}",
        first.len()
    );
    // The right answer is no longer a remembered position: it is shown under several letters.
    let right_letters: std::collections::BTreeSet<char> = first
        .iter()
        .map(|(_, letters, right)| letters.chars().nth(*right).unwrap())
        .collect();
    assert!(right_letters.len() >= 2, "{right_letters:?}");
    // Going back to an answered item shows the same order as before.
    harness.get_by_label("← 上一题").click();
    harness.run();
    let last_item = exam_session(&harness).paper.items.len() - 2;
    let id = exam_session(&harness).paper.items[last_item].id.clone();
    if let Some((_, letters, _)) = first.iter().find(|(i, _, _)| *i == id) {
        let (_, question, _) = pack.question(&id).unwrap();
        let QuestionKind::Single { options, .. } = &question.kind else {
            unreachable!()
        };
        assert_eq!(&shown_letters(&harness, options), letters);
    }

    // Handed in, then a second sitting later: its own seed gives the same items other orders.
    harness.get_by_label("交卷").click();
    harness.run();
    harness.get_all_by_label("仍然交卷").last().unwrap().click();
    harness.run();
    harness.get_by_label("考试报告");
    clock.advance(Duration::minutes(20));
    harness.run();
    sit_short_exam(&mut harness);
    let second = exam_session(&harness).clone();
    let mut compared = 0;
    let mut reordered = 0;
    for (id, _, _) in &first {
        let (_, question, _) = pack.question(id).unwrap();
        let QuestionKind::Single { options, .. } = &question.kind else {
            unreachable!()
        };
        let before: Vec<usize> = letters_to_order(&first, id);
        compared += 1;
        if second.option_order(id, options) != before {
            reordered += 1;
        }
    }
    assert!(reordered * 2 >= compared, "{reordered} of {compared}");

    // With shuffling switched off, the next sitting shows the printed order.
    harness.get_by_label("交卷").click();
    harness.run();
    harness.get_all_by_label("仍然交卷").last().unwrap().click();
    harness.run();
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .apply(&ctx, Command::Prefs(PrefsCmd::SetShuffleOptions(false)));
    clock.advance(Duration::minutes(20));
    harness.run();
    sit_short_exam(&mut harness);
    for (id, letters, _) in answer_every_single(&mut harness, &pack) {
        assert_eq!(letters, printed(letters.chars().count()), "{id}");
    }
}

/// The shown order (`order[shown] = pack index`) that `letters` (shown letter per pack index)
/// stand for, for the item `id` of `seen`.
fn letters_to_order(seen: &[(String, String, usize)], id: &str) -> Vec<usize> {
    let (_, letters, _) = seen.iter().find(|(i, _, _)| i == id).unwrap();
    let mut order: Vec<(char, usize)> = letters.chars().zip(0..).collect();
    order.sort_unstable();
    order.into_iter().map(|(_, i)| i).collect()
}
