//! Learner data under faults: damaged, truncated, zero-filled and newer files, a second copy of
//! the app, restores and the version-1 fixtures. A full or refusing disk is in `full_disk.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use servicecraft::progress::backup::{self, BackupKind};
use servicecraft::progress::profile::{self, ProfileSettings};
use servicecraft::progress::session::Doc;
use servicecraft::progress::{
    Attempt, LockError, Notes, Notice, ProfileSession, Progress, SaveStatus, SessionError,
    SessionOptions, dates, load_versioned,
};

/// Saves as soon as something changes, so tests need not wait for the typing pause.
fn eager() -> SessionOptions {
    SessionOptions {
        note_idle: Duration::ZERO,
        note_max_delay: Duration::ZERO,
        ..SessionOptions::default()
    }
}

fn new_profile(data: &Path, name: &str) -> (String, PathBuf) {
    let folder = profile::create_profile(data, name, None, dates::now()).unwrap();
    let dir = profile::profiles_dir(data).join(&folder);
    (folder, dir)
}

fn open(data: &Path, folder: &str) -> ProfileSession {
    ProfileSession::open(data, folder, eager(), None).unwrap()
}

/// Ticks the session until `done` holds, or panics after `limit`.
fn wait_until(
    session: &mut ProfileSession,
    limit: Duration,
    what: &str,
    done: impl Fn(&ProfileSession) -> bool,
) {
    let start = Instant::now();
    loop {
        session.tick(Instant::now());
        if done(session) {
            return;
        }
        assert!(start.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn attempt(score: f32) -> Attempt {
    let now = dates::now();
    Attempt {
        started: now,
        finished: now,
        answer: "A".to_owned(),
        score,
        max: 1.0,
    }
}

/// A profile with one note and one answer, backed up, then changed again: the backup holds
/// "from the backup", the files hold "latest".
fn profile_with_backup(data: &Path) -> (String, PathBuf, String) {
    let (folder, dir) = new_profile(data, "学员");
    let mut session = open(data, &folder);
    session.set_note("ch1.l.swot-intro", "from the backup", dates::now());
    session.record_attempt("q1", "pack", attempt(1.0));
    assert!(session.flush(Duration::from_secs(5)));
    let name = backup::make_backup(&dir, BackupKind::Manual, dates::now())
        .unwrap()
        .unwrap();
    session.set_note("ch1.l.swot-intro", "latest", dates::now());
    assert!(session.flush(Duration::from_secs(5)));
    drop(session);
    (folder, dir, name)
}

fn corrupt_copies(dir: &Path, file: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("{file}.corrupt-"))
        })
        .collect()
}

#[test]
fn damaged_files_are_moved_aside_and_the_newest_good_backup_is_loaded() {
    type Damage = Box<dyn Fn(&[u8]) -> Vec<u8>>;
    let cases: [(&str, Damage); 4] = [
        (
            "corrupt",
            Box::new(|_| b"(format_version: 1, notes: {\"x\": (text: 5".to_vec()),
        ),
        (
            "truncated",
            Box::new(|good| good[..good.len() / 2].to_vec()),
        ),
        ("zero-filled", Box::new(|good| vec![0u8; good.len()])),
        ("empty", Box::new(|_| Vec::new())),
    ];
    for (what, damage) in cases {
        let data = tempfile::tempdir().unwrap();
        let (folder, dir, backup_name) = profile_with_backup(data.path());
        let notes = dir.join("notes.ron");
        let good = std::fs::read(&notes).unwrap();
        let damaged = damage(&good);
        std::fs::write(&notes, &damaged).unwrap();

        let mut session = open(data.path(), &folder);
        let notices = session.take_notices();
        assert_eq!(notices.len(), 1, "{what}: {notices:?}");
        let Notice::Corrupt {
            moved_to: Some(moved),
            restored_from,
            ..
        } = &notices[0]
        else {
            panic!("{what}: {notices:?}");
        };
        assert_eq!(
            restored_from.as_deref(),
            Some(backup_name.as_str()),
            "{what}"
        );
        // The damaged bytes are kept for inspection, never overwritten.
        assert_eq!(std::fs::read(moved).unwrap(), damaged, "{what}");
        assert_eq!(corrupt_copies(&dir, "notes.ron"), vec![moved.clone()]);
        assert_eq!(
            session.notes().text("ch1.l.swot-intro"),
            "from the backup",
            "{what}"
        );
        // The other files were fine and are untouched.
        assert_eq!(session.progress().items["q1"].attempts.len(), 1);
        // The recovered notes are written back as a whole file.
        wait_until(&mut session, Duration::from_secs(5), "the rewrite", |s| {
            s.status() == SaveStatus::Saved
        });
        drop(session);
        let reread = load_versioned::<Notes>(&notes).unwrap().value;
        assert_eq!(reread.text("ch1.l.swot-intro"), "from the backup");
    }
}

#[test]
fn a_damaged_file_without_any_backup_starts_empty_and_says_so() {
    let data = tempfile::tempdir().unwrap();
    let (folder, dir) = new_profile(data.path(), "学员");
    std::fs::write(dir.join("progress.ron"), [0u8; 512]).unwrap();
    let mut session = open(data.path(), &folder);
    let notices = session.take_notices();
    assert!(matches!(
        &notices[..],
        [Notice::Corrupt {
            moved_to: Some(_),
            restored_from: None,
            ..
        }]
    ));
    assert_eq!(session.progress(), &Progress::default());
    assert_eq!(corrupt_copies(&dir, "progress.ron").len(), 1);
}

#[test]
fn a_file_from_a_newer_version_is_left_untouched_and_not_written() {
    let data = tempfile::tempdir().unwrap();
    let (folder, dir, backup_name) = profile_with_backup(data.path());
    let notes = dir.join("notes.ron");
    let future = "(format_version: 7, notebooks: [(title: \"新版本\")])";
    std::fs::write(&notes, future).unwrap();

    let mut session = open(data.path(), &folder);
    let notices = session.take_notices();
    assert!(
        matches!(&notices[..], [Notice::Newer { version: 7, restored_from: Some(name), .. }] if *name == backup_name),
        "{notices:?}"
    );
    assert_eq!(session.notes().text("ch1.l.swot-intro"), "from the backup");
    assert!(!session.writable(Doc::Notes));
    // Typing is refused rather than accepted and lost, and nothing overwrites the file.
    assert!(!session.set_note("ch1.l.swot-intro", "new", dates::now()));
    session.record_attempt("q2", "pack", attempt(0.5));
    assert!(session.flush(Duration::from_secs(5)));
    drop(session);
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), future);
    assert!(corrupt_copies(&dir, "notes.ron").is_empty());
    // The rest of the profile is saved normally.
    let log = servicecraft::progress::session::read_log(&dir);
    assert!(log.iter().any(|l| l.item == "q2"));
}

#[test]
fn a_second_session_on_the_same_profile_is_refused_until_the_first_closes() {
    let data = tempfile::tempdir().unwrap();
    let (folder, _) = new_profile(data.path(), "学员");
    let first = open(data.path(), &folder);
    match ProfileSession::open(data.path(), &folder, eager(), None) {
        Err(SessionError::Locked(LockError::Busy { .. })) => {}
        Err(other) => panic!("expected the lock to refuse, got {other}"),
        Ok(_) => panic!("expected the lock to refuse, got a session"),
    }
    drop(first);
    let _second = open(data.path(), &folder);
}

/// A stand-in for another copy of the app, started by the lock test as a child process: it locks
/// the profile `SERVICECRAFT_HOLD_LOCK` names, says so, and waits to be killed. Ignored, so it
/// never counts as a test of its own.
#[test]
#[ignore = "the lock test's child process; it runs only when that test starts it"]
fn hold_lock_child() {
    let dir = std::env::var("SERVICECRAFT_HOLD_LOCK").expect("started by the lock test");
    let _lock = servicecraft::progress::ProfileLock::acquire(Path::new(&dir)).unwrap();
    println!("locked");
    std::thread::sleep(Duration::from_secs(60));
}

#[test]
fn another_process_holding_the_profile_is_refused_and_its_crash_frees_it() {
    use std::io::BufRead;
    let data = tempfile::tempdir().unwrap();
    let (folder, dir) = new_profile(data.path(), "学员");
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            // Its name in the one test binary (tests/it/main.rs).
            "learner_data::hold_lock_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("SERVICECRAFT_HOLD_LOCK", &dir)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    assert!(
        lines
            .by_ref()
            .map_while(Result::ok)
            .any(|line| line.contains("locked")),
        "the child did not lock"
    );
    match ProfileSession::open(data.path(), &folder, eager(), None) {
        Err(SessionError::Locked(LockError::Busy { holder })) => {
            if cfg!(unix) {
                assert!(holder.unwrap().contains(&child.id().to_string()));
            }
        }
        Err(other) => panic!("expected Busy, got {other}"),
        Ok(_) => panic!("expected Busy, got a session"),
    }
    // The other copy crashes (SIGKILL on Unix): its lock file stays, its lock does not.
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(dir.join("lock").exists());
    let _session = open(data.path(), &folder);
}

#[test]
fn restoring_a_backup_keeps_what_it_replaces() {
    let data = tempfile::tempdir().unwrap();
    let (folder, dir, backup_name) = profile_with_backup(data.path());
    let mut session = open(data.path(), &folder);
    session.record_attempt("q9", "pack", attempt(0.0));
    let kept = session.restore(&backup_name).unwrap();
    assert_eq!(session.notes().text("ch1.l.swot-intro"), "from the backup");
    assert!(!session.progress().items.contains_key("q9"));
    // What was replaced is a backup of its own, with the latest note and the unsaved answer.
    let (_, kind) = backup::parse_name(&kept).unwrap();
    assert_eq!(kind, BackupKind::BeforeRestore);
    let kept_dir = backup::backups_dir(&dir).join(&kept);
    let kept_notes = load_versioned::<Notes>(&kept_dir.join("notes.ron"))
        .unwrap()
        .value;
    assert_eq!(kept_notes.text("ch1.l.swot-intro"), "latest");
    let kept_log = servicecraft::progress::session::read_log(&kept_dir);
    assert!(kept_log.iter().any(|l| l.item == "q9"));
    // And it can be restored in turn.
    session.restore(&kept).unwrap();
    assert_eq!(session.notes().text("ch1.l.swot-intro"), "latest");
    assert!(session.backups().iter().any(|b| b.name == backup_name));
}

#[test]
fn a_damaged_backup_is_not_restored() {
    let data = tempfile::tempdir().unwrap();
    let (folder, dir, backup_name) = profile_with_backup(data.path());
    let broken = backup::backups_dir(&dir)
        .join(&backup_name)
        .join("notes.ron");
    std::fs::write(&broken, "(format_version: 1, notes: {").unwrap();
    let mut session = open(data.path(), &folder);
    assert!(matches!(
        session.restore(&backup_name),
        Err(SessionError::BadBackup { .. })
    ));
    assert_eq!(session.notes().text("ch1.l.swot-intro"), "latest");
}

#[test]
fn automatic_backups_follow_study_time_and_only_when_something_changed() {
    let data = tempfile::tempdir().unwrap();
    let (folder, dir) = new_profile(data.path(), "学员");
    let options = SessionOptions {
        backup_every: Duration::from_millis(300),
        ..eager()
    };
    let mut session = ProfileSession::open(data.path(), &folder, options, None).unwrap();
    // The first start of the day backs up the profile as it was.
    assert!(session.flush(Duration::from_secs(5)));
    assert_eq!(backup::list_backups(&dir).len(), 1);
    // Study time passes without changes: no new backup.
    for _ in 0..10 {
        session.tick(Instant::now());
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(session.flush(Duration::from_secs(5)));
    assert_eq!(backup::list_backups(&dir).len(), 1);
    // A change, then enough study time: one more.
    session.set_note("ch1.l.swot-intro", "改动", dates::now());
    for _ in 0..10 {
        session.tick(Instant::now());
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(session.flush(Duration::from_secs(5)));
    let list = backup::list_backups(&dir);
    assert_eq!(list.len(), 2, "{list:?}");
    let newest = backup::backups_dir(&dir)
        .join(&list[0].name)
        .join("notes.ron");
    assert!(std::fs::read_to_string(newest).unwrap().contains("改动"));
}

#[test]
fn version_1_files_still_load() {
    // These fixtures were written by the first release of the format and must load forever.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1/profile");
    let profile =
        load_versioned::<servicecraft::progress::Profile>(&fixtures.join("profile.ron")).unwrap();
    assert_eq!(profile.value.name, "张三");
    let settings = load_versioned::<ProfileSettings>(&fixtures.join("settings.ron")).unwrap();
    assert_eq!(
        settings.value.last_lesson.as_deref(),
        Some("ch1.l.swot-steps")
    );
    let progress = load_versioned::<Progress>(&fixtures.join("progress.ron")).unwrap();
    // Version 2 moved the attempts into the log.
    assert_eq!(progress.migrated_from, Some(1));
    let answers: Vec<&str> = progress
        .value
        .attempts_of("ch1.q.001")
        .map(|a| a.answer.as_str())
        .collect();
    assert_eq!(answers, ["B", "C"]);
    let record = &progress.value.items["ch1.q.001"];
    assert!(record.completed);
    assert_eq!(progress.value.study_days.len(), 2);
    let notes = load_versioned::<Notes>(&fixtures.join("notes.ron")).unwrap();
    assert!(notes.value.text("ch1.l.swot-intro").contains("优势"));
    for loaded in [
        profile.migrated_from,
        settings.migrated_from,
        notes.migrated_from,
    ] {
        assert_eq!(loaded, None, "still the current version");
    }
}

#[test]
fn a_version_1_labs_file_is_backed_up_then_written_as_the_learners_changes_only() {
    use servicecraft::progress::labs::LabStates;
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1/labs.ron");
    let pack = crate::common::builtin();
    let (_, seed) = pack
        .labs()
        .next()
        .map(|(_, l)| pack.lab(&l.id).unwrap())
        .unwrap();
    let data = tempfile::tempdir().unwrap();
    let (folder, dir) = new_profile(data.path(), "学员");
    std::fs::copy(&fixture, dir.join("labs.ron")).unwrap();
    {
        let mut session = open(data.path(), &folder);
        let key = ("servicecraft-builtin", "lab-fixture");
        let read = session.labs().get(key.0, key.1).unwrap();
        let copy = read.based(seed);
        assert_eq!(
            copy.records.customers.len(),
            seed.records.customers.len() + 1
        );
        assert!(session.flush(Duration::from_secs(30)));
        let upgrade = session
            .backups()
            .iter()
            .find(|b| b.name.ends_with("before-upgrade"))
            .expect("a before-upgrade backup");
        let old = backup::backups_dir(&dir)
            .join(&upgrade.name)
            .join("labs.ron");
        assert_eq!(
            std::fs::read_to_string(old).unwrap(),
            std::fs::read_to_string(&fixture).unwrap()
        );
    }
    let written = std::fs::read_to_string(dir.join("labs.ron")).unwrap();
    assert!(written.contains("format_version: 2"), "{written}");
    assert!(written.contains("C-L001"), "{written}");
    let again = load_versioned::<LabStates>(&dir.join("labs.ron")).unwrap();
    assert_eq!(again.migrated_from, None);
}

#[test]
fn a_version_1_study_file_keeps_every_due_date_and_is_backed_up_before_the_upgrade() {
    use servicecraft::model::study::StudyState;
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1/profile");
    let loaded = load_versioned::<StudyState>(&fixtures.join("study.ron")).unwrap();
    assert_eq!(loaded.migrated_from, Some(1));
    let card = &loaded.value.reviews["ch1.q.001"];
    assert_eq!(card.due.to_rfc3339(), "2025-03-12T10:15:20+00:00");
    assert_eq!((card.reps, card.lapses, card.learning), (3, 1, false));
    assert!(loaded.value.reviews["ch1.fc.swot"].learning);
    assert_eq!(loaded.value.mistakes["ch1.q.001"].right_streak, 1);
    // Opened as part of a profile: the old file is backed up, then written in format 2.
    let data = tempfile::tempdir().unwrap();
    let (folder, dir) = new_profile(data.path(), "学员");
    std::fs::copy(fixtures.join("study.ron"), dir.join("study.ron")).unwrap();
    {
        let mut session = open(data.path(), &folder);
        let due = session.study().due(card.due);
        assert!(due.contains(&"ch1.q.001"), "{due:?}");
        assert!(session.flush(Duration::from_secs(30)));
        let upgrade = session
            .backups()
            .iter()
            .find(|b| b.name.ends_with("before-upgrade"))
            .expect("a before-upgrade backup");
        let old = backup::backups_dir(&dir)
            .join(&upgrade.name)
            .join("study.ron");
        assert!(
            std::fs::read_to_string(old)
                .unwrap()
                .contains("scheduled_days")
        );
    }
    let written = std::fs::read_to_string(dir.join("study.ron")).unwrap();
    assert!(written.contains("format_version: 2"), "{written}");
    let again = load_versioned::<StudyState>(&dir.join("study.ron")).unwrap();
    assert_eq!(again.migrated_from, None);
    assert_eq!(again.value.reviews["ch1.q.001"].due, card.due);
}

#[test]
fn a_long_history_is_saved_in_segments_and_only_the_newest_is_rewritten() {
    use servicecraft::progress::record::SEGMENT_LEN;
    let data = tempfile::tempdir().unwrap();
    let (folder, dir) = new_profile(data.path(), "学员");
    let total = 2 * SEGMENT_LEN + 10;
    {
        let mut session = open(data.path(), &folder);
        for i in 0..total {
            session.record_attempt(&format!("ch{}.q.{}", i % 7, i % 900), "pack", attempt(0.5));
        }
        assert!(session.flush(Duration::from_secs(30)));
        let sealed = std::fs::metadata(dir.join("attempts-0000.ron"))
            .unwrap()
            .modified()
            .unwrap();
        let open_segment = std::fs::read_to_string(dir.join("attempts-0002.ron")).unwrap();
        std::thread::sleep(Duration::from_millis(20));
        session.record_attempt("ch1.q.001", "pack", attempt(1.0));
        assert!(session.flush(Duration::from_secs(30)));
        let sealed_after = std::fs::metadata(dir.join("attempts-0000.ron"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(sealed, sealed_after, "a full segment is not written again");
        assert_ne!(
            open_segment,
            std::fs::read_to_string(dir.join("attempts-0002.ron")).unwrap()
        );
    }
    let session = open(data.path(), &folder);
    assert_eq!(session.progress().attempt_count(), total + 1);
    assert_eq!(session.progress().logged(total).unwrap().item, "ch1.q.001");
    assert!(session.progress().items["ch1.q.001"].completed);
}

#[test]
fn a_damaged_log_segment_is_moved_aside_and_the_log_written_again() {
    use servicecraft::progress::record::SEGMENT_LEN;
    let data = tempfile::tempdir().unwrap();
    let (folder, dir) = new_profile(data.path(), "学员");
    {
        let mut session = open(data.path(), &folder);
        for i in 0..(SEGMENT_LEN + 5) {
            session.record_attempt(&format!("q{i}"), "pack", attempt(1.0));
        }
        assert!(session.flush(Duration::from_secs(30)));
        session.queue_backup(backup::BackupKind::Auto);
        assert!(session.flush(Duration::from_secs(30)));
    }
    std::fs::write(
        dir.join("attempts-0000.ron"),
        "(format_version: 1, attempts: [(",
    )
    .unwrap();
    let mut session = open(data.path(), &folder);
    let notices = session.take_notices();
    assert!(
        notices
            .iter()
            .any(|n| n.file().ends_with("attempts-0000.ron")),
        "{notices:?}"
    );
    // The backup holds the segment as it was.
    assert_eq!(session.progress().attempt_count(), SEGMENT_LEN + 5);
    assert!(session.flush(Duration::from_secs(30)));
    let moved_aside = std::fs::read_dir(&dir).unwrap().flatten().any(|e| {
        e.file_name()
            .to_string_lossy()
            .starts_with("attempts-0000.ron.corrupt-")
    });
    assert!(moved_aside);
}

#[test]
fn saving_a_profile_writes_plain_readable_ron() {
    let data = tempfile::tempdir().unwrap();
    let (folder, dir) = new_profile(data.path(), "学员");
    let mut session = open(data.path(), &folder);
    session.set_note("ch1.l.swot-intro", "第一行\n第二行", dates::now());
    session.set_lesson_done("ch1.l.swot-intro", true);
    session.record_attempt("ch1.q.001", "pack", attempt(1.0));
    assert!(session.flush(Duration::from_secs(5)));
    let notes = std::fs::read_to_string(dir.join("notes.ron")).unwrap();
    assert!(notes.starts_with("(\n  format_version: 1,"), "{notes}");
    let progress = std::fs::read_to_string(dir.join("progress.ron")).unwrap();
    assert!(
        progress.contains("lessons_done: [\n    \"ch1.l.swot-intro\","),
        "{progress}"
    );
    // Times are RFC 3339, readable without a tool.
    let log = std::fs::read_to_string(dir.join("attempts-0000.ron")).unwrap();
    assert!(log.contains("started: \"20"), "{log}");
    assert!(log.contains("item: \"ch1.q.001\""), "{log}");
    // A session's own files are the only ones in the folder (besides lock and backups);
    // settings.ron appears once a setting changes.
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "attempts-0000.ron",
            "backups",
            "lock",
            "notes.ron",
            "profile.ron",
            "progress.ron"
        ]
    );
}

#[test]
fn every_answer_changes_the_generation_the_dashboard_is_cached_by() {
    let data = tempfile::tempdir().unwrap();
    let (folder, _) = new_profile(data.path(), "学员");
    let mut session = open(data.path(), &folder);
    let mut seen = vec![session.generation()];
    // The same day twice: the second answer changes only the log, not progress.ron.
    for id in ["q1", "q2"] {
        session.record_attempt(id, "pack", attempt(1.0));
        seen.push(session.generation());
    }
    session.set_study(servicecraft::model::study::StudyState {
        favourites: ["q1".to_owned()].into(),
        ..Default::default()
    });
    seen.push(session.generation());
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
}
