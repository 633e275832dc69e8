//! The instructor's side of the window: File → Class report… built from trainees' exports made
//! here (the sample-history generator and the results export), shown on screen and saved as HTML
//! and Excel; and File → Export results… with mock-exam sittings, role-play replies and exercise
//! start times as the screens record them.
#![expect(clippy::unwrap_used, reason = "tests")]

use crate::common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use servicecraft::app::{
    AppConfig, DialogAnswer, DialogKind, Screen, ScriptedDialogs, ServiceCraftApp,
};
use servicecraft::clock::{Clock, MockClock};
use servicecraft::model::exam::{ExamSession, assemble, report};
use servicecraft::model::{Outcome, Response};
use servicecraft::progress::ExamTag;
use servicecraft::progress::export::{export_results, rows_from_profiles};
use servicecraft::progress::sample::write_history;
use servicecraft::ui::{Command, StudyCmd};

type App = Harness<'static, ServiceCraftApp>;

fn harness_with(
    data: &Path,
    clock: &MockClock,
    answers: Vec<DialogAnswer>,
) -> (App, Arc<ScriptedDialogs>) {
    let dialogs = Arc::new(ScriptedDialogs::new(answers));
    let config = AppConfig {
        dialogs: dialogs.clone(),
        clock: Arc::new(clock.clone()),
        ..AppConfig::for_tests(data)
    };
    let harness = Harness::builder()
        .with_size([1280.0, 900.0])
        .with_max_steps(24)
        .allow_missing_glyphs()
        .build_eframe(move |cc| ServiceCraftApp::new(cc, config));
    (harness, dialogs)
}

/// Runs frames until `done` holds (the work happens on other threads), for at most 20 s.
fn run_until(harness: &mut App, done: impl Fn(&ServiceCraftApp) -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !done(harness.state()) {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out; banners: {:?}",
            harness.state().banners()
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
        // One frame at a time: a job's progress modal repaints until the job ends.
        harness.step();
    }
}

/// Three trainees' exports in `dir/exports`, one of them idle for ten days; and one foreign CSV
/// beside the folder.
fn exports(dir: &Path, now: chrono::DateTime<chrono::Utc>) -> PathBuf {
    let pack = Arc::new(common::builtin());
    let folder = dir.join("exports");
    std::fs::create_dir_all(&folder).unwrap();
    for (n, (name, days, idle)) in [("王芳", 6, 0), ("李强", 3, 0), ("刘洋", 4, 10)]
        .into_iter()
        .enumerate()
    {
        let data = dir.join(format!("trainee{n}"));
        let end = now - chrono::Duration::days(idle);
        write_history(&data, name, &pack, days, 10, end).unwrap();
        let rows = rows_from_profiles(&data, std::slice::from_ref(&pack));
        export_results(&rows, &folder.join(format!("{name}.csv"))).unwrap();
    }
    folder
}

fn open_class_report(harness: &mut App) {
    harness.get_by_label("文件").click();
    harness.run();
    harness.get_by_label("班级报告…").click();
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::ClassReport(_)));
}

fn report_on_screen(app: &ServiceCraftApp) -> bool {
    matches!(app.screen(), Screen::ClassReport(v) if v.report.is_some() || v.error.is_some())
}

#[test]
fn a_class_report_is_built_from_chosen_exports_shown_and_saved_as_html_and_excel() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::start();
    let folder = exports(dir.path(), clock.now());
    let (html, xlsx) = (
        dir.path().join("班级报告.html"),
        dir.path().join("班级报告.xlsx"),
    );
    let (mut harness, dialogs) = harness_with(
        &dir.path().join("app"),
        &clock,
        vec![
            // The folder, then one of its files again (sent twice: counted once).
            DialogAnswer::Chosen(folder.clone()),
            DialogAnswer::ChosenMany(vec![folder.join("王芳.csv")]),
            DialogAnswer::Chosen(html.clone()),
            DialogAnswer::Chosen(xlsx.clone()),
        ],
    );
    open_class_report(&mut harness);
    harness.get_by_label("还没有选择成绩文件。");
    harness.get_by_label("添加文件夹…").click();
    harness.step();
    run_until(&mut harness, report_on_screen);
    harness.run();
    harness.get_by_label("学员概况");
    harness.get_by_label("各章得分率与完成度");
    harness.get_by_label("全班最易错的题");
    // Each trainee appears in both tables; the idle one also under "not studied".
    assert_eq!(harness.get_all_by_label("李强").count(), 2);
    assert_eq!(harness.get_all_by_label("刘洋").count(), 3);
    let meta = format!(
        "3 名学员 · 3 份成绩文件 · 生成于 {}",
        clock.now().format("%Y-%m-%d %H:%M UTC")
    );
    harness.get_by_label(&meta);

    harness.get_by_label("添加成绩文件…").click();
    harness.step();
    run_until(
        &mut harness,
        |app| matches!(app.screen(), Screen::ClassReport(v) if v.report.as_ref().is_some_and(|r| r.files == 4)),
    );
    let Screen::ClassReport(view) = harness.state().screen() else {
        unreachable!()
    };
    let report = view.report.as_ref().unwrap();
    assert_eq!(report.trainees.len(), 3);
    assert!(report.duplicates > 0, "the file sent twice counts once");
    assert!(
        report
            .trainees
            .iter()
            .any(|t| t.name == "刘洋" && t.inactive)
    );
    assert!(!report.missed.is_empty());
    harness.run();

    harness.get_by_label("保存为网页（HTML）…").click();
    harness.step();
    // The banner saying where it went moves the page down: let it settle before the next click.
    run_until(&mut harness, |app| {
        html.exists() && !app.banners().is_empty()
    });
    harness.run();
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("王芳") && page.contains("class=\"idle\""),
        "{page}"
    );
    harness.get_by_label("保存为 Excel 表格…").click();
    harness.step();
    run_until(&mut harness, |_| xlsx.exists());
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let asked = dialogs.asked();
    assert_eq!(
        asked.iter().map(|r| r.kind).collect::<Vec<_>>(),
        [
            DialogKind::Folder,
            DialogKind::OpenFiles,
            DialogKind::SaveFile,
            DialogKind::SaveFile
        ]
    );
    assert!(asked[3].file_name.as_deref().unwrap().ends_with(".xlsx"));
}

#[test]
fn a_foreign_results_file_is_named_on_the_class_report_screen() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("成绩表.csv");
    std::fs::write(&foreign, "姓名,总分\n张三,88\n").unwrap();
    let clock = common::start();
    let (mut harness, _) = harness_with(
        &dir.path().join("app"),
        &clock,
        vec![DialogAnswer::ChosenMany(vec![foreign])],
    );
    open_class_report(&mut harness);
    harness.get_by_label("添加成绩文件…").click();
    harness.step();
    run_until(&mut harness, report_on_screen);
    harness.run();
    let Screen::ClassReport(view) = harness.state().screen() else {
        unreachable!()
    };
    let error = view.error.clone().unwrap();
    assert!(
        error.contains("成绩表.csv") && error.contains("lacks the column"),
        "{error}"
    );
    harness.get_by_label(&format!("无法生成班级报告：{error}"));
}

/// What the window writes for an exam sitting, a role-play and an exercise, as its screens
/// send them.
#[test]
fn exported_results_carry_the_exam_role_play_replies_and_exercise_start_times() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::start();
    let csv = dir.path().join("results.csv");
    let (mut harness, _) = harness_with(
        &dir.path().join("app"),
        &clock,
        vec![DialogAnswer::Chosen(csv.clone())],
    );
    let pack = common::builtin();
    let ctx = harness.ctx.clone();
    let spec = pack.manifest.mock_exams[0].clone();
    let began = clock.now();
    let mut session = ExamSession::new(pack.manifest.id.clone(), assemble(&pack, &spec, 7));
    session.resume(began);
    let first = session.paper.items[0].id.clone();
    session.answer(&first, Response::Choices(vec![0]));
    clock.advance(chrono::Duration::minutes(20));
    session.submit(clock.now());
    let graded = report(&pack, &session);
    let exam = ExamTag {
        id: spec.id.clone(),
        title: spec.title.clone(),
    };
    harness.state_mut().apply(
        &ctx,
        Command::Study(StudyCmd::RecordExam {
            report: graded.clone(),
            started: began,
            exam,
        }),
    );
    let exercise = pack
        .chapters
        .iter()
        .flat_map(|c| &c.orderings)
        .next()
        .unwrap()
        .id
        .clone();
    let dealt = clock.now();
    clock.advance(chrono::Duration::seconds(95));
    harness.state_mut().apply(
        &ctx,
        Command::Study(StudyCmd::RecordExerciseScore {
            item: exercise.clone(),
            score: 3.0,
            max: 5.0,
            started: dealt,
        }),
    );
    let play = pack
        .chapters
        .iter()
        .flat_map(|c| &c.roleplays)
        .next()
        .unwrap();
    let (_, path) = play.best_path().unwrap();
    let talk = servicecraft::model::Conversation::start(play).unwrap();
    let reply = talk.current(play).unwrap().choices[path[0]].text.clone();
    harness.state_mut().apply(
        &ctx,
        Command::Study(StudyCmd::RecordRolePlay {
            id: play.id.clone(),
            result: servicecraft::model::study::RolePlayResult {
                finished: clock.now(),
                percent: 100,
                outcome: Outcome::Success,
                path: path.clone(),
            },
            started: dealt,
        }),
    );
    harness.run();
    harness.get_by_label("文件").click();
    harness.run();
    harness.get_by_label("导出成绩…").click();
    harness.step();
    run_until(&mut harness, |_| csv.exists());
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let sitting: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| r[col("exam_id")] == spec.id)
        .collect();
    assert_eq!(
        sitting.len(),
        graded.results.len() + 1,
        "answers and a total"
    );
    let total = sitting.last().unwrap();
    assert_eq!(&total[col("item_type")], "exam_total");
    assert_eq!(&total[col("question")], spec.title);
    assert_eq!(&total[col("exam_title")], spec.title);
    assert_eq!(total[col("max")].parse::<f32>().unwrap(), graded.max);
    assert_eq!(
        &sitting[0][col("answer")],
        "A",
        "the exam's answers are recorded"
    );
    assert_eq!(&sitting[0][col("seconds")], "1200");
    let ordering = rows.iter().find(|r| r[col("item_id")] == exercise).unwrap();
    assert_eq!(
        &ordering[col("seconds")],
        "95",
        "timed from when it was dealt"
    );
    let roleplay = rows
        .iter()
        .find(|r| &r[col("item_type")] == "roleplay")
        .unwrap();
    assert!(
        roleplay[col("answer_text")].starts_with(reply.as_str()),
        "{}",
        &roleplay[col("answer_text")]
    );
}
