//! Mock exams as protected work and honest results, driven through the real app: the start
//! screen, leaving an exam asks first, the exam survives closing and reopening the app with its
//! time, a bare keyword list is not full marks, and the result screens with "重做错题".
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{builtin, harness, start, wait_for_saved};
use chrono::Duration;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use servicecraft::app::{Screen, ServiceCraftApp};
use servicecraft::model::exam::Marking;
use servicecraft::model::{Pack, QuestionKind, Response, answer_indices};
use servicecraft::ui::{Command, NavCmd};

type App = Harness<'static, ServiceCraftApp>;

fn click(harness: &mut App, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

/// Opens the start screen of the exam titled `title` from the practice centre.
fn open_exam(harness: &mut App, title: &str) {
    harness.get_all_by_label("练习中心").next().unwrap().click();
    harness.run();
    click(harness, &format!("开始考试 {title}"));
}

/// The exam on screen, or a panic.
fn exam(harness: &App) -> &servicecraft::ui::exam::ExamView {
    match harness.state().screen() {
        Screen::Exam(view) => view,
        _ => panic!("not on the exam screen"),
    }
}

/// The pack's index of the option shown `shown`-th (A = 0) for item `id` of the exam on screen:
/// options come in the sitting's own order.
fn pack_index(harness: &App, id: &str, shown: usize) -> usize {
    let pack = builtin();
    let (_, question, _) = pack.question(id).unwrap();
    let (QuestionKind::Single { options, .. } | QuestionKind::Multiple { options, .. }) =
        &question.kind
    else {
        panic!("{id} is not a choice question")
    };
    exam(harness).session.option_order(id, options)[shown]
}

/// The last button with `label` (a dialog's, drawn after the screen's own).
fn click_last(harness: &mut App, label: &str) {
    harness.get_all_by_label(label).last().unwrap().click();
    harness.run();
}

#[test]
fn the_start_screen_states_the_paper_and_the_clock_waits_for_it() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let mut harness = harness(data.path(), &clock);
    harness.run();
    open_exam(&mut harness, "十分钟小测");
    assert_eq!(
        harness.get_all_by_label("考试说明").count(),
        2,
        "heading and card"
    );
    harness.get_by_label_contains("考试时间 10 分钟");
    harness.get_by_label_contains("及格线 60%");
    harness.get_by_label("5 题，共 5 分");
    harness.get_by_label_contains("点击“开始考试”后才开始计时");
    assert!(harness.query_by_label_contains("剩余时间").is_none());
    clock.advance(Duration::minutes(3));
    harness.run();
    click(&mut harness, "开始考试");
    harness.get_by_label("剩余时间 10:00");
    // Focused: no syllabus tree beside the exam.
    let pack = builtin();
    let lesson = &pack.chapters[0].sections[0].lessons[0].title;
    assert!(
        harness.query_by_label(lesson).is_none(),
        "the tree is hidden"
    );
    // A 10-minute clock is not red with nine minutes left, only in its last minute.
    clock.advance(Duration::minutes(1));
    harness.run();
    assert!(!exam(&harness).session.time_is_short(clock_now(&clock)));
    clock.advance(Duration::minutes(8));
    harness.run();
    assert!(exam(&harness).session.time_is_short(clock_now(&clock)));
}

fn clock_now(clock: &servicecraft::clock::MockClock) -> chrono::DateTime<chrono::Utc> {
    use servicecraft::clock::Clock;
    clock.now()
}

#[test]
fn leaving_an_exam_asks_and_the_answers_survive() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let mut harness = harness(data.path(), &clock);
    harness.run();
    open_exam(&mut harness, "十分钟小测");
    click(&mut harness, "开始考试");
    harness.key_press(Key::A);
    harness.run();
    click(&mut harness, "标记本题");
    let first = exam(&harness).session.paper.items[0].id.clone();
    assert_eq!(
        exam(&harness).session.answers.get(&first),
        Some(&Response::Choices(vec![pack_index(&harness, &first, 0)]))
    );

    // 首页: asked, and 继续考试 keeps everything.
    click(&mut harness, "首页");
    assert!(harness.state().asking_to_leave_exam());
    harness.get_by_label("考试正在进行");
    click_last(&mut harness, "继续考试");
    assert!(!harness.state().asking_to_leave_exam());
    assert!(exam(&harness).session.answers.contains_key(&first));
    assert!(exam(&harness).session.flagged.contains(&first));
    harness.get_by_label_contains("已标记 当前题");

    // Alt+→ (next lesson) asks too; 稍后继续 leaves with the exam saved and the clock paused.
    clock.advance(Duration::minutes(2));
    harness.run();
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    harness.run();
    assert!(harness.state().asking_to_leave_exam());
    click(&mut harness, "稍后继续");
    assert!(matches!(harness.state().screen(), Screen::Lesson(_)));
    let saved = harness.state().study().exam.clone().expect("saved");
    assert!(saved.answers.contains_key(&first));
    clock.advance(Duration::minutes(30));
    harness.run();
    harness.get_by_label_contains("未完成的模拟考试：十分钟小测（剩余 08:00）");

    // Continued from the strip: the same paper, answers, flags and time.
    click(&mut harness, "继续考试");
    harness.get_by_label("剩余时间 08:00");
    assert_eq!(exam(&harness).session.paper, saved.paper);
    assert!(exam(&harness).session.flagged.contains(&first));

    // The 错题本 tab while sitting: 交卷 hands the paper in and shows the report.
    click(&mut harness, "错题本");
    click_last(&mut harness, "交卷");
    harness.get_by_label("考试报告");
    assert!(
        harness.state().study().exam.is_none(),
        "recorded, no longer waiting"
    );
    // Leaving a finished exam asks nothing.
    click(&mut harness, "首页");
    assert!(!harness.state().asking_to_leave_exam());
    assert!(matches!(harness.state().screen(), Screen::Home));
}

#[test]
fn discarding_is_a_choice_and_opening_another_pack_asks_too() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let mut harness = harness(data.path(), &clock);
    harness.run();
    open_exam(&mut harness, "十分钟小测");
    click(&mut harness, "开始考试");
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        Command::Library(servicecraft::ui::LibraryCmd::UseBuiltin),
    );
    harness.run();
    assert!(harness.state().asking_to_leave_exam());
    click(&mut harness, "放弃考试");
    assert!(!matches!(harness.state().screen(), Screen::Exam(_)));
    assert!(harness.state().study().exam.is_none());
    assert!(
        harness
            .query_by_label_contains("未完成的模拟考试")
            .is_none()
    );
}

#[test]
fn a_reopened_app_continues_the_same_exam_with_its_remaining_time() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let first;
    {
        let mut harness = harness(data.path(), &clock);
        harness.run();
        open_exam(&mut harness, "十分钟小测");
        click(&mut harness, "开始考试");
        harness.key_press(Key::B);
        harness.run();
        first = exam(&harness).session.paper.items[0].id.clone();
        clock.advance(Duration::seconds(150));
        harness.run();
        harness.get_by_label("剩余时间 07:30");
        // The app is closed here (the harness dropped) with the exam on screen.
    }
    wait_for_saved(data.path(), "Choices");
    // Time does not run while the app is closed.
    clock.advance(Duration::hours(5));
    let mut harness = harness(data.path(), &clock);
    harness.run();
    harness.get_by_label_contains("未完成的模拟考试：十分钟小测（剩余 07:30）");
    click(&mut harness, "继续考试");
    harness.get_by_label("剩余时间 07:30");
    assert_eq!(
        exam(&harness).session.answers.get(&first),
        Some(&Response::Choices(vec![pack_index(&harness, &first, 1)]))
    );
    clock.advance(Duration::seconds(30));
    harness.run();
    harness.get_by_label("剩余时间 07:00");
}

/// The keywords of the first written item on the skills paper, and its index on the paper.
fn skills_short_answer(harness: &App, pack: &Pack) -> (String, Vec<String>) {
    let item = exam(harness).session.paper.items[0].id.clone();
    let Some((_, question, _)) = pack.question(&item) else {
        panic!("{item} is on the paper")
    };
    let QuestionKind::ShortAnswer { points, .. } = &question.kind else {
        panic!("the skills paper opens with a short answer")
    };
    (
        item,
        points.iter().flat_map(|p| p.keywords.clone()).collect(),
    )
}

#[test]
fn a_bare_keyword_list_is_not_worth_full_marks() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let mut harness = harness(data.path(), &clock);
    harness.run();
    open_exam(&mut harness, "专业能力模拟卷");
    click(&mut harness, "开始考试");
    let (item, keywords) = skills_short_answer(&harness, &pack);
    click(&mut harness, "你的答案");
    harness
        .get_by_label("你的答案")
        .type_text(&keywords.join(" "));
    harness.run();
    click(&mut harness, "交卷");
    click(&mut harness, "仍然交卷");
    // Nothing to mark: the only written answer is a keyword list, worth nothing.
    harness.get_by_label("考试报告");
    let report = exam(&harness).report.clone().unwrap();
    let result = report.results.iter().find(|r| r.id == item).unwrap();
    assert_eq!(result.grade.score, 0.0);
    assert_eq!(result.marking.map(|m| m.0), Some(Marking::KeywordsOnly));
    // Said in the marking summary and beside the answer in the review.
    assert_eq!(
        harness
            .get_all_by_label_contains("只列出关键词，不计分")
            .count(),
        2
    );
    assert!(
        harness.query_by_label_contains("-0").is_none(),
        "no minus zero"
    );
}

#[test]
fn written_answers_are_marked_by_the_learner_and_hints_are_not_ticked() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let mut harness = harness(data.path(), &clock);
    harness.run();
    open_exam(&mut harness, "专业能力模拟卷");
    click(&mut harness, "开始考试");
    let (item, keywords) = skills_short_answer(&harness, &pack);
    let answer = format!(
        "我认为首先要做到{}，然后根据实际情况灵活处理，并且持续跟进改进。",
        keywords[0]
    );
    click(&mut harness, "你的答案");
    harness.get_by_label("你的答案").type_text(&answer);
    harness.run();
    click(&mut harness, "交卷");
    click(&mut harness, "仍然交卷");
    harness.get_by_label("评阅主观题");
    // The points whose keywords were found are suggested, not ticked.
    let hinted: Vec<_> = harness.get_all_by_label_contains("含关键词").collect();
    assert!(!hinted.is_empty());
    for point in hinted {
        assert_ne!(
            format!("{:?}", point.accesskit_node().toggled()),
            "Some(True)"
        );
    }
    assert!(
        exam(&harness)
            .session
            .marks
            .get(&item)
            .is_none_or(|m| m.is_empty()),
        "nothing ticked for the learner"
    );
    // Confirming without ticking gives no points for the written answer.
    click(&mut harness, "确认评分，查看成绩");
    let report = exam(&harness).report.clone().unwrap();
    let result = report.results.iter().find(|r| r.id == item).unwrap();
    assert_eq!(result.grade.score, 0.0);
    assert_eq!(result.marking.map(|m| m.0), Some(Marking::SelfMarked));
    // The report says how it was marked: self-marked, no point ticked.
    // Said in the marking summary and beside the answer in the review.
    assert_eq!(harness.get_all_by_label_contains("自评：0/").count(), 2);
}

#[test]
fn the_quiz_result_shows_score_time_card_and_redoes_the_wrong_ones() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let mut harness = harness(data.path(), &clock);
    harness.run();
    let singles: Vec<(String, usize)> = pack.chapters[0]
        .questions
        .iter()
        .filter_map(|q| match &q.kind {
            QuestionKind::Single { answer, .. } => {
                Some((q.id.clone(), answer_indices(answer).unwrap()[0]))
            }
            _ => None,
        })
        .take(3)
        .collect();
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        Command::Nav(NavCmd::StartQuiz {
            title: "三题".into(),
            mode: servicecraft::ui::quiz::QuizMode::Practice,
            items: singles.iter().map(|(id, _)| id.clone()).collect(),
        }),
    );
    harness.run();
    for (n, (id, right)) in singles.iter().enumerate() {
        // The first right, the others wrong; options are shown shuffled, so pick by text.
        let pick = if n == 0 { *right } else { (right + 1) % 4 };
        let Some(QuestionKind::Single { options, .. }) = pack.question(id).map(|(_, q, _)| &q.kind)
        else {
            panic!("{id} is not single choice")
        };
        clock.advance(Duration::seconds(20));
        crate::common::answer_with(&mut harness, &options[pick]);
        harness.key_press(Key::Enter);
        harness.run();
    }
    harness.get_by_label("练习结果");
    harness.get_by_label_contains("得分 1 / 3（33%）");
    harness.get_by_label_contains("用时 01:00");
    harness.get_by_label("第 1 正确");
    harness.get_by_label("第 2 错误");
    harness.get_by_label("图例：");
    harness.get_by_label("按章节");
    harness.get_by_label("错题解析");
    click(&mut harness, "重做错题 (2)");
    let Screen::Quiz(run) = harness.state().screen() else {
        panic!("a quiz of the wrong ones")
    };
    let wrong: Vec<String> = singles[1..].iter().map(|(id, _)| id.clone()).collect();
    assert_eq!(run.items, wrong);
    assert!(run.title.contains("重做错题"));
}
