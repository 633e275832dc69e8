//! The pack library in the window: a dropped zip is installed and studied, the library screen
//! switches and removes packs, and removing keeps the learner's records unless asked otherwise.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use servicecraft::app::{AppConfig, Screen, ServiceCraftApp};
use servicecraft::clock::Clock;
use servicecraft::model::{Grade, Response};
use servicecraft::pack::{self, Library, Progress};
use servicecraft::ui::{Command, LibraryCmd, NavCmd, StudyCmd};

use crate::common::starter_dir;

const TITLE: &str = "投诉处理入门（示例课程包）";

fn zip_starter(out: &Path) {
    let starter = starter_dir();
    let mut writer = zip::ZipWriter::new(std::fs::File::create(out).unwrap());
    for (rel, bytes) in pack::starter_source().files() {
        writer
            .start_file(
                format!("starter/{rel}"),
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap();
    drop(starter);
}

/// A file dropped onto the window, as the windowing backend reports it.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn harness(data: &Path) -> Harness<'static, ServiceCraftApp> {
    common::harness_with(AppConfig::for_tests(data))
}

/// Steps the app until its background job is done.
fn wait_for_job(harness: &mut Harness<'static, ServiceCraftApp>) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while harness.state().is_busy() {
        assert!(Instant::now() < deadline, "the job did not finish");
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    harness.run_steps(3);
}

fn record_answer(harness: &mut Harness<'static, ServiceCraftApp>, item: &str) {
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        Command::Study(StudyCmd::RecordAnswer {
            item: item.to_owned(),
            response: Response::Choices(vec![0]),
            grade: Grade {
                score: 0.0,
                max: 1.0,
            },
            started: chrono::Utc::now(),
            certainty: None,
        }),
    );
}

#[test]
fn a_dropped_zip_is_installed_and_studied() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let zip = work.path().join("starter.zip");
    zip_starter(&zip);
    // The app's clock, not the system's, stamps the install.
    let clock = common::start();
    let mut harness = common::harness(data.path(), &clock);
    harness.run_steps(2);
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(zip.clone())));
    harness.step();
    assert!(harness.state().is_busy());
    wait_for_job(&mut harness);

    let report = harness.state().report().expect("an install report");
    assert!(report.ok, "{:?}", report.details);
    assert_eq!(harness.state().pack().manifest.title, TITLE);
    let installed = Library::new(data.path()).list();
    assert_eq!(installed.len(), 1);
    assert_eq!(installed[0].installed, clock.now());
    harness.get_by_label("关闭").click();
    harness.run_steps(2);
    assert!(harness.state().report().is_none());

    // The installed copy is studied after a restart, with the zip gone.
    std::fs::remove_file(&zip).unwrap();
    drop(harness);
    let mut harness = self::harness(data.path());
    harness.run_steps(2);
    assert_eq!(harness.state().pack().manifest.title, TITLE);
}

#[test]
fn a_broken_zip_shows_the_report_and_changes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let zip = work.path().join("slip.zip");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&zip).unwrap());
    writer
        .start_file("../../evil.ron", zip::write::SimpleFileOptions::default())
        .unwrap();
    writer.finish().unwrap();
    let mut harness = harness(data.path());
    harness.run_steps(2);
    let builtin = harness.state().pack().manifest.title.clone();
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .apply(&ctx, Command::Library(LibraryCmd::Install(zip.clone())));
    wait_for_job(&mut harness);
    let report = harness.state().report().expect("a report");
    assert!(!report.ok);
    assert!(
        report.details[0].contains("outside the pack"),
        "{:?}",
        report.details
    );
    harness.get_by_label_contains("outside the pack");
    assert_eq!(harness.state().pack().manifest.title, builtin);
}

#[test]
fn library_screen_switches_and_removes_keeping_records() {
    let data = tempfile::tempdir().unwrap();
    let starter = starter_dir();
    Library::new(data.path())
        .install(starter.path(), &Progress::default())
        .unwrap();
    let mut harness = harness(data.path());
    harness.run_steps(2);
    let builtin = harness.state().pack().manifest.title.clone();
    assert_ne!(builtin, TITLE);

    harness.get_by_label("课程包库").click();
    harness.run_steps(2);
    assert!(matches!(harness.state().screen(), Screen::Library));
    harness.get_by_label(TITLE);
    harness.get_by_label_contains("版本 1.0.0 · example.complaints");
    harness
        .get_by_label("学习这个课程包 投诉处理入门（示例课程包）")
        .click();
    harness.run_steps(2);
    assert_eq!(harness.state().pack().manifest.title, TITLE);

    record_answer(&mut harness, "ex.q.single");
    assert!(harness.state().study().mistakes.contains_key("ex.q.single"));
    let log = |harness: &Harness<'static, ServiceCraftApp>| {
        harness
            .state()
            .session()
            .unwrap()
            .progress()
            .log()
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(log(&harness).len(), 1);
    assert_eq!(log(&harness)[0].pack, "example.complaints");

    // Remove, keeping records (the default).
    harness.get_by_label("课程包库").click();
    harness.run_steps(2);
    harness
        .get_by_label("移除… 投诉处理入门（示例课程包）")
        .click();
    harness.run_steps(2);
    harness.get_by_label("确定移除").click();
    harness.run_steps(2);
    assert!(Library::new(data.path()).list().is_empty());
    assert_eq!(harness.state().pack().manifest.title, builtin);
    assert!(harness.state().study().mistakes.contains_key("ex.q.single"));
    assert_eq!(log(&harness).len(), 1);
    harness.get_by_label("还没有安装其他课程包。");

    // Install again, then remove and ask for the records to go too.
    Library::new(data.path())
        .install(starter.path(), &Progress::default())
        .unwrap();
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .apply(&ctx, Command::Nav(NavCmd::ShowLibrary));
    harness.run_steps(2);
    harness
        .get_by_label("移除… 投诉处理入门（示例课程包）")
        .click();
    harness.run_steps(2);
    harness
        .get_by_label("同时删除我在这个课程包里的学习记录")
        .click();
    harness.run_steps(1);
    harness.get_by_label("确定移除").click();
    harness.run_steps(2);
    assert!(!harness.state().study().mistakes.contains_key("ex.q.single"));
    assert!(log(&harness).is_empty());
}

#[test]
fn export_from_the_window_writes_the_attempts() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = harness(data.path());
    harness.run_steps(2);
    let pack = harness.state().pack().clone();
    let (_, question) = pack.questions().next().unwrap();
    let item = question.id.clone();
    record_answer(&mut harness, &item);
    let out = tempfile::tempdir().unwrap();
    let csv = out.path().join("results.csv");
    harness.state_mut().export_results(csv.clone());
    wait_for_job(&mut harness);
    assert!(harness.state().report().unwrap().ok);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains(&item), "{text}");
    assert!(out.path().join("results.xapi.json").exists());
    assert!(out.path().join("results.summary.csv").exists());
}

#[test]
fn a_dropped_gbk_bank_is_imported_from_the_window() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let bank = work.path().join("前台题库.csv");
    let text = "题型,题干,选项A,选项B,答案,章节\r\n\
                单选,客人投诉时先做什么？,道歉,解释,A,第一章\r\n\
                判断,换房后无需回访。,,,错,第一章\r\n\
                单选,坏行,甲\r\n";
    std::fs::write(&bank, encoding_rs::GBK.encode(text).0).unwrap();
    let mut harness = harness(data.path());
    harness.run_steps(2);
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(bank.clone())));
    harness.step();
    wait_for_job(&mut harness);

    harness.get_by_label_contains("读到题目：2");
    harness.get_by_label_contains("编码：CSV, GBK");
    harness.get_by_label_contains("前台题库.csv:4:1: error: the row has 3 fields");
    harness.get_by_label("导入并安装").click();
    harness.run_steps(2);
    wait_for_job(&mut harness);
    assert!(harness.state().report().unwrap().ok);
    assert_eq!(harness.state().pack().manifest.title, "前台题库");
    assert_eq!(harness.state().pack().counts().0.questions, 2);
    assert_eq!(Library::new(data.path()).list().len(), 1);
}
