//! A full or refusing disk: answering and typing while every save fails keeps everything in
//! memory with the failure reported, leaves every file on disk byte for byte as it was, and once
//! the disk accepts bytes again saves everything, in order, each answer exactly once. Closing
//! the window writes on a job's thread and closes only once everything is on disk.
//!
//! The fault is injected in the atomic store (`store::Fault`), so it bites as root too, which is
//! how CI runs; where the test runs as root and may mount, the same scenario also runs on a real
//! 256 KiB tmpfs filled to the brim. The test prints which variants ran.
#![expect(clippy::unwrap_used, reason = "tests")]

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use servicecraft::app::{AppConfig, ServiceCraftApp};
use servicecraft::progress::session::read_log;
use servicecraft::progress::{
    Attempt, Notes, ProfileSession, SaveStatus, SessionOptions, dates, load_versioned, profile,
};
use servicecraft::store::{Fault, FaultKind, Filesystem};

fn eager(filesystem: Filesystem) -> SessionOptions {
    SessionOptions {
        note_idle: Duration::ZERO,
        note_max_delay: Duration::ZERO,
        filesystem,
        ..SessionOptions::default()
    }
}

fn attempt(answer: String) -> Attempt {
    let now = dates::now();
    Attempt {
        started: now,
        finished: now,
        answer,
        score: 1.0,
        max: 1.0,
    }
}

/// Every file under `dir` but the lock, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut todo = vec![dir.to_owned()];
    while let Some(folder) = todo.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if entry.file_name() != "lock" {
                files.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn tick_until(
    session: &mut ProfileSession,
    limit: Duration,
    what: &str,
    done: fn(&SaveStatus) -> bool,
) {
    let start = Instant::now();
    loop {
        session.tick(Instant::now());
        if done(&session.status()) {
            return;
        }
        assert!(start.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The scenario, on the profile `folder` of `data`: `break_disk` makes every save fail from
/// now on, `mend_disk` lets them through again; `expected_error` is part of the message.
fn scenario(
    data: &Path,
    options: SessionOptions,
    break_disk: &dyn Fn(),
    mend_disk: &dyn Fn(),
    expected_error: &str,
) {
    let folder = profile::create_profile(data, "学员", None, dates::now()).unwrap();
    let dir = profile::profiles_dir(data).join(&folder);
    let mut session = ProfileSession::open(data, &folder, options, None).unwrap();
    session.record_attempt("q0", "pack", attempt("before".to_owned()));
    session.set_note("l1", "saved before the disk filled", dates::now());
    assert!(session.flush(Duration::from_secs(5)));
    let before = snapshot(&dir);

    break_disk();
    let mut answered = vec!["before".to_owned()];
    for n in 1..=12 {
        let answer = format!("answer {n}");
        session.record_attempt(&format!("q{n}"), "pack", attempt(answer.clone()));
        answered.push(answer);
        session.set_note("l1", &format!("笔记第{n}版"), dates::now());
        session.tick(Instant::now());
        if n == 3 {
            tick_until(&mut session, Duration::from_secs(5), "the failure", |s| {
                matches!(s, SaveStatus::Failing { .. })
            });
        }
    }
    let SaveStatus::Failing { file, error } = session.status() else {
        panic!("expected a failure, got {:?}", session.status());
    };
    assert!(file.starts_with(&dir), "{file:?}");
    assert!(error.contains(expected_error), "{error}");
    // Everything is in memory…
    assert_eq!(session.notes().text("l1"), "笔记第12版");
    let in_memory: Vec<String> = session
        .progress()
        .log()
        .map(|l| l.attempt.answer.clone())
        .collect();
    assert_eq!(in_memory, answered);
    // …and nothing on disk was truncated, replaced or left half-written.
    assert_eq!(snapshot(&dir), before, "the files on disk changed");

    mend_disk();
    tick_until(&mut session, Duration::from_secs(20), "the retry", |s| {
        *s == SaveStatus::Saved
    });
    drop(session);
    let logged: Vec<String> = read_log(&dir)
        .into_iter()
        .map(|l| l.attempt.answer)
        .collect();
    assert_eq!(logged, answered, "every answer once, in order");
    let notes = load_versioned::<Notes>(&dir.join("notes.ron"))
        .unwrap()
        .value;
    assert_eq!(notes.text("l1"), "笔记第12版");
    // The failed writes' temporary files were cleaned up.
    assert!(
        snapshot(&dir)
            .keys()
            .all(|p| !p.to_string_lossy().contains(".tmp-")),
        "a temporary file was left behind"
    );
}

#[test]
fn an_injected_full_disk_loses_nothing_and_saving_resumes() {
    let data = tempfile::tempdir().unwrap();
    let fault = Fault::leak();
    // A few bytes get through first, as on a nearly full disk: the write fails midway.
    scenario(
        data.path(),
        eager(Filesystem::faulty(fault)),
        &|| fault.fail_after(100, FaultKind::NoSpace),
        &|| fault.heal(),
        "No space left on device",
    );
    assert!(fault.refused() > 0);
    println!("variant ran: injected ENOSPC");
}

#[test]
fn an_injected_permission_error_loses_nothing_and_saving_resumes() {
    let data = tempfile::tempdir().unwrap();
    let fault = Fault::leak();
    scenario(
        data.path(),
        eager(Filesystem::faulty(fault)),
        &|| fault.fail_after(0, FaultKind::PermissionDenied),
        &|| fault.heal(),
        "Permission denied",
    );
    assert!(fault.refused() > 0);
    println!("variant ran: injected EACCES");
}

/// A tmpfs mounted for the test, unmounted on drop.
struct Tmpfs(tempfile::TempDir);

impl Tmpfs {
    fn mount() -> Result<Self, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let out = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=256k", "servicecraft-test"])
            .arg(dir.path())
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).trim().to_owned());
        }
        Ok(Self(dir))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.0.path())
            .status();
    }
}

/// Fills the file system holding `dir` until a write fails with ENOSPC.
fn fill(filler: &Path) {
    use std::io::Write;
    let mut file = std::fs::File::create(filler).unwrap();
    let block = [0u8; 1024];
    loop {
        if let Err(err) = file.write_all(&block).and_then(|()| file.sync_all()) {
            assert_eq!(err.raw_os_error(), Some(28), "{err}");
            return;
        }
    }
}

#[test]
fn a_real_full_tmpfs_loses_nothing_where_one_can_be_mounted() {
    let tmpfs = match Tmpfs::mount() {
        Ok(tmpfs) => tmpfs,
        Err(why) => {
            // The injected variants above always run; this one needs root and mount rights.
            println!("variant ran: injected only (tmpfs not mountable here: {why})");
            return;
        }
    };
    let data = tmpfs.0.path().to_owned();
    let filler = data.join("filler");
    scenario(
        &data,
        eager(Filesystem::REAL),
        &|| fill(&filler),
        &|| std::fs::remove_file(&filler).unwrap(),
        "No space left on device",
    );
    println!("variant ran: real tmpfs of 256 KiB");
}

/// Runs frames until `done` holds, sleeping between them so the saver thread can report.
fn frames_until(
    harness: &mut Harness<'static, ServiceCraftApp>,
    what: &str,
    done: impl Fn(&Harness<'static, ServiceCraftApp>) -> bool,
) {
    let start = Instant::now();
    loop {
        harness.run_steps(2);
        if done(harness) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn banner_shown(harness: &Harness<'static, ServiceCraftApp>) -> bool {
    harness
        .query_all_by_label_contains("你的更改仍保留在内存中")
        .next()
        .is_some()
}

#[test]
fn the_real_app_shows_the_failure_keeps_the_answer_and_saves_it_once_when_the_disk_recovers() {
    let data = tempfile::tempdir().unwrap();
    let fault = Fault::leak();
    let (mut harness, dir) = app_on(fault, data.path());
    let pack = common::builtin();
    let before = snapshot(&dir);

    fault.fail_after(0, FaultKind::NoSpace);
    harness.key_press(egui::Key::A);
    harness.run_steps(2);
    harness.key_press(egui::Key::Enter);
    frames_until(&mut harness, "the banner", banner_shown);
    let question = &pack.chapters[0].questions[0].id;
    let session = harness.state().session().unwrap();
    assert!(matches!(session.status(), SaveStatus::Failing { .. }));
    assert_eq!(session.progress().attempts_of(question).count(), 1);
    assert_eq!(snapshot(&dir), before, "the files on disk changed");

    fault.heal();
    frames_until(&mut harness, "the banner to go", |h| !banner_shown(h));
    frames_until(&mut harness, "the save", |h| {
        h.state().session().unwrap().status() == SaveStatus::Saved
    });
    drop(harness);
    let logged = read_log(&dir);
    assert_eq!(
        logged.iter().filter(|l| &l.item == question).count(),
        1,
        "the answer is in the log exactly once"
    );
}

/// Asks the window to close, as its close button does; whether the window held the close.
fn request_close(harness: &mut Harness<'static, ServiceCraftApp>) -> bool {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.step();
    let held = sent(harness, &egui::ViewportCommand::CancelClose);
    // A modal is laid out unseen on its first frame.
    harness.step();
    held
}

/// Whether the last frame told the window `command`.
fn sent(harness: &Harness<'static, ServiceCraftApp>, command: &egui::ViewportCommand) -> bool {
    harness
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|v| v.commands.contains(command))
}

/// Steps one frame at a time until `done`, failing if the window is told to close before.
fn frames_until_open(
    harness: &mut Harness<'static, ServiceCraftApp>,
    what: &str,
    done: impl Fn(&Harness<'static, ServiceCraftApp>) -> bool,
) {
    let start = Instant::now();
    while !done(harness) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(10));
        harness.step();
        assert!(
            !sent(harness, &egui::ViewportCommand::Close),
            "the window closed before {what}"
        );
    }
}

fn saving_shown(harness: &Harness<'static, ServiceCraftApp>) -> bool {
    harness
        .query_all_by_label("正在保存学习档案…")
        .next()
        .is_some()
}

fn exit_dialog_shown(harness: &Harness<'static, ServiceCraftApp>) -> bool {
    harness
        .query_all_by_label("还有更改没能保存")
        .next()
        .is_some()
}

/// The app on `fault`'s disk with chapter 1's practice open; the profile's folder.
fn app_on(fault: &'static Fault, data: &Path) -> (Harness<'static, ServiceCraftApp>, PathBuf) {
    let mut config = AppConfig::for_tests(data);
    config.session = eager(Filesystem::faulty(fault));
    config.clock = std::sync::Arc::new(common::start());
    let mut harness = common::harness_with(config);
    harness.run_steps(4);
    common::practise_first_chapter(&mut harness, &common::builtin());
    let dir = harness.state().session().unwrap().dir().to_owned();
    (harness, dir)
}

/// Answers the open question with A.
fn answer(harness: &mut Harness<'static, ServiceCraftApp>) {
    harness.key_press(egui::Key::A);
    harness.run_steps(2);
    harness.key_press(egui::Key::Enter);
    harness.step();
}

/// How often the first question of chapter 1 is in the log on disk.
fn logged(dir: &Path) -> usize {
    let question = &common::builtin().chapters[0].questions[0].id;
    read_log(dir).iter().filter(|l| &l.item == question).count()
}

/// A saving job is running: the profile is on its thread, the window says "saving…" and is
/// still open (the frame returned while the disk was stalled: the UI thread did not wait).
fn assert_saving_on_a_job(harness: &Harness<'static, ServiceCraftApp>) {
    assert!(harness.state().is_busy(), "the flush runs as a job");
    assert!(
        harness.state().session().is_none(),
        "the profile is on the job's thread"
    );
    assert!(saving_shown(harness), "the window says it is saving");
    assert!(!sent(harness, &egui::ViewportCommand::Close));
}

/// Steps until the window is told to close.
fn frames_until_closed(harness: &mut Harness<'static, ServiceCraftApp>) {
    let start = Instant::now();
    while !sent(harness, &egui::ViewportCommand::Close) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the window never closed"
        );
        std::thread::sleep(Duration::from_millis(10));
        harness.step();
    }
}

/// On a slow disk, closing writes on a job's thread with "saving…" shown, and the window closes
/// only once the job reports, with the last answer on disk.
#[test]
fn closing_on_a_slow_disk_saves_on_a_job_and_then_closes() {
    let data = tempfile::tempdir().unwrap();
    let fault = Fault::leak();
    let (mut harness, dir) = app_on(fault, data.path());
    fault.stall();
    answer(&mut harness);

    assert!(request_close(&mut harness), "the close is held");
    assert_saving_on_a_job(&harness);
    for _ in 0..5 {
        harness.step();
        assert_saving_on_a_job(&harness);
    }
    assert_eq!(logged(&dir), 0, "the disk has not taken the answer yet");

    fault.release();
    frames_until_closed(&mut harness);
    // Written before the window was told to close, not by dropping the app.
    assert_eq!(logged(&dir), 1, "the answer is on disk once");
    assert_eq!(
        harness.state().session().unwrap().status(),
        SaveStatus::Saved
    );
}

/// On a refusing disk, "retry" in the banner saves on a job; closing asks instead of closing,
/// and "retry" in that dialog closes once the disk takes the bytes.
#[test]
fn closing_on_a_refusing_disk_asks_and_retrying_closes_once_saved() {
    let data = tempfile::tempdir().unwrap();
    let fault = Fault::leak();
    let (mut harness, dir) = app_on(fault, data.path());
    fault.fail_after(0, FaultKind::NoSpace);
    answer(&mut harness);
    frames_until(&mut harness, "the banner", banner_shown);

    // The banner's retry is a job too, and leaves the window open.
    fault.stall();
    harness.get_by_label("立即重试").click();
    harness.run_steps(3);
    assert_saving_on_a_job(&harness);
    fault.release();
    frames_until_open(&mut harness, "the retry", |h| !h.state().is_busy());
    assert!(banner_shown(&harness), "still failing");
    assert!(!exit_dialog_shown(&harness));

    fault.stall();
    assert!(request_close(&mut harness), "the close is held");
    assert_saving_on_a_job(&harness);
    fault.release();
    frames_until_open(&mut harness, "the exit dialog", exit_dialog_shown);
    assert!(!harness.state().is_busy());
    assert_eq!(logged(&dir), 0);

    // The disk takes bytes again: retrying from the dialog saves on a job, then closes.
    fault.heal();
    harness.get_all_by_label("立即重试").last().unwrap().click();
    frames_until_closed(&mut harness);
    assert_eq!(logged(&dir), 1, "the answer is on disk once");
    assert_eq!(
        harness.state().session().unwrap().status(),
        SaveStatus::Saved
    );
}
