//! Unit tests of an open profile: the round trip through the disk, recovery of a damaged file,
//! adoption of the first release's files, saving under an injected fault and the rescue on close.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::*;
use crate::progress::export::{AttemptRow, LEGACY_ATTEMPTS_FILE};
use crate::progress::migrate::load_versioned;
use crate::progress::profile::{create_profile, profiles_dir};
use crate::store::{Fault, FaultKind, save_ron};

fn eager(filesystem: Filesystem) -> SessionOptions {
    SessionOptions {
        note_idle: Duration::ZERO,
        note_max_delay: Duration::ZERO,
        filesystem,
        ..SessionOptions::default()
    }
}

fn new_profile(data: &Path) -> (String, PathBuf) {
    let folder = create_profile(data, "学员", None, dates::now()).unwrap();
    let dir = profiles_dir(data).join(&folder);
    (folder, dir)
}

fn open(data: &Path, folder: &str, fs: Filesystem) -> ProfileSession {
    ProfileSession::open(data, folder, eager(fs), None).unwrap()
}

fn attempt(answer: &str, score: f32) -> Attempt {
    let now = dates::now();
    Attempt {
        started: now,
        finished: now,
        answer: answer.to_owned(),
        score,
        max: 1.0,
    }
}

fn answers(session: &ProfileSession) -> Vec<String> {
    session
        .progress()
        .log()
        .map(|l| l.attempt.answer.clone())
        .collect()
}

#[test]
fn a_fresh_profile_records_flushes_and_reads_back_the_same() {
    let data = tempfile::tempdir().unwrap();
    let (folder, dir) = new_profile(data.path());
    let mut session = open(data.path(), &folder, Filesystem::REAL);
    assert!(session.notes().text("l1").is_empty());
    session.record_attempt("q1", "pack", attempt("A", 1.0));
    session.record_attempt("q2", "pack", attempt("B", 0.0));
    session.set_note("l1", "倾听、道歉、解决", dates::now());
    assert_eq!(session.status(), SaveStatus::Pending);
    assert!(session.flush(Duration::from_secs(5)));
    assert_eq!(session.status(), SaveStatus::Saved);
    assert!(dir.join(segment_file(0)).is_file());
    drop(session);
    let session = open(data.path(), &folder, Filesystem::REAL);
    assert_eq!(answers(&session), ["A", "B"]);
    assert_eq!(session.notes().text("l1"), "倾听、道歉、解决");
    assert!(session.progress().last_attempt("q1").is_some());
}

#[test]
fn a_damaged_file_is_moved_aside_and_recovered_from_the_backup() {
    let data = tempfile::tempdir().unwrap();
    let (folder, dir) = new_profile(data.path());
    let mut session = open(data.path(), &folder, Filesystem::REAL);
    session.set_note("l1", "kept in the backup", dates::now());
    assert!(session.flush(Duration::from_secs(5)));
    crate::progress::backup::make_backup(
        &dir,
        crate::progress::backup::BackupKind::Manual,
        dates::now(),
    )
    .unwrap();
    drop(session);
    std::fs::write(dir.join(NOTES_FILE), "(garbage").unwrap();
    let mut session = open(data.path(), &folder, Filesystem::REAL);
    assert_eq!(session.notes().text("l1"), "kept in the backup");
    let notices = session.take_notices();
    let [Notice::Corrupt { moved_to, .. }] = notices.as_slice() else {
        panic!("{notices:?}");
    };
    let moved_to = moved_to.clone().unwrap();
    assert_eq!(std::fs::read_to_string(moved_to).unwrap(), "(garbage");
    // The recovered document is written back at once.
    assert!(session.flush(Duration::from_secs(5)));
    let on_disk = load_versioned::<Notes>(&dir.join(NOTES_FILE))
        .unwrap()
        .value;
    assert_eq!(on_disk.text("l1"), "kept in the backup");
}

#[test]
fn the_first_releases_files_are_adopted_once_and_renamed() {
    let data = tempfile::tempdir().unwrap();
    let (folder, _) = new_profile(data.path());
    let now = dates::now();
    let row = AttemptRow {
        profile: String::new(),
        pack_id: "pack".to_owned(),
        pack_version: "1".to_owned(),
        item_id: "q9".to_owned(),
        item_type: "single".to_owned(),
        chapter: String::new(),
        answer: "C".to_owned(),
        score: 1.0,
        max: 1.0,
        started: now,
        finished: now,
        chapter_no: 0,
        question: String::new(),
        key: String::new(),
        answer_text: String::new(),
        points_ticked: String::new(),
        exam_id: String::new(),
        exam_title: String::new(),
    };
    save_ron(&data.path().join(LEGACY_ATTEMPTS_FILE), &vec![row]).unwrap();
    save_ron(&data.path().join(STUDY_FILE), &StudyState::default()).unwrap();
    let mut session = open(data.path(), &folder, Filesystem::REAL);
    session.adopt_legacy_files(data.path());
    assert_eq!(answers(&session), ["C"]);
    assert!(!data.path().join(LEGACY_ATTEMPTS_FILE).exists());
    assert!(data.path().join("attempts.ron.moved-to-profile").exists());
    assert!(data.path().join("study.ron.moved-to-profile").exists());
    // A second call finds nothing left to take.
    session.adopt_legacy_files(data.path());
    assert_eq!(answers(&session), ["C"]);
}

#[test]
fn a_refusing_disk_keeps_changes_in_memory_and_close_rescues_them() {
    let data = tempfile::tempdir().unwrap();
    let (folder, dir) = new_profile(data.path());
    let fault = Fault::leak();
    let mut session = open(data.path(), &folder, Filesystem::faulty(fault));
    assert!(session.flush(Duration::from_secs(5)));
    fault.fail_after(0, FaultKind::PermissionDenied);
    session.set_note("l1", "无法保存的笔记", dates::now());
    session.record_attempt("q1", "pack", attempt("A", 1.0));
    let start = Instant::now();
    while !matches!(session.status(), SaveStatus::Failing { .. }) {
        session.tick(Instant::now());
        assert!(start.elapsed() < Duration::from_secs(5), "no failure seen");
        std::thread::sleep(Duration::from_millis(10));
    }
    let SaveStatus::Failing { error, .. } = session.status() else {
        unreachable!()
    };
    // "Permission denied" on Linux, "permission denied" on Windows.
    assert!(
        error.to_lowercase().contains("permission denied"),
        "{error}"
    );
    assert_eq!(session.notes().text("l1"), "无法保存的笔记");
    assert!(!dir.join(NOTES_FILE).exists());
    let rescue = session.close(Duration::from_millis(300)).unwrap_err();
    let rescued = load_versioned::<Notes>(&rescue.join(NOTES_FILE))
        .unwrap()
        .value;
    assert_eq!(rescued.text("l1"), "无法保存的笔记");
    assert!(rescue.join(segment_file(0)).is_file());
    std::fs::remove_dir_all(rescue).unwrap();
}

#[test]
fn lab_work_is_saved_restored_and_reset_after_a_backup() {
    use crate::model::lab::sample::{Scale, generate};
    let data = tempfile::tempdir().unwrap();
    let (folder, dir) = new_profile(data.path());
    let lab = generate(Scale::BUILTIN, 3);
    let mut session = open(data.path(), &folder, Filesystem::REAL);
    assert!(session.labs().get("pack", "lab").is_none());
    let changed = session.update_labs(|labs| {
        let state = labs.open("pack", "lab", &lab);
        let draft = crate::model::lab::Customer {
            name: "新客户".into(),
            ..Default::default()
        };
        state.add_customer(&lab, draft).is_ok()
    });
    assert!(changed);
    assert_eq!(session.status(), SaveStatus::Pending);
    assert!(session.flush(Duration::from_secs(5)));
    assert!(
        std::fs::read_to_string(dir.join("labs.ron"))
            .unwrap()
            .contains("新客户")
    );
    drop(session);

    let mut session = open(data.path(), &folder, Filesystem::REAL);
    let state = session.labs().get("pack", "lab").unwrap();
    // The file holds the learner's changes only; laid over the seed, they are the full copy.
    assert_eq!(state.records.customers.len(), 1);
    assert_eq!(
        state.based(&lab).records.customers.len(),
        lab.records.customers.len() + 1
    );

    let backup = session.reset_lab("pack", "lab").unwrap().unwrap();
    assert!(backup.ends_with("before-reset"), "{backup}");
    assert!(session.labs().get("pack", "lab").is_none());
    assert!(session.flush(Duration::from_secs(5)));
    assert!(
        !std::fs::read_to_string(dir.join("labs.ron"))
            .unwrap()
            .contains("新客户")
    );
    let kept = crate::progress::backup::backups_dir(&dir)
        .join(&backup)
        .join("labs.ron");
    assert!(std::fs::read_to_string(kept).unwrap().contains("新客户"));
}
