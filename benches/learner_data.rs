//! Loading and saving a large profile: 100 000 attempts and 2 000 notes (budget: a save
//! ≤ 30 ms, done off the UI thread; the UI thread's part well under a millisecond).
//!
//! "save" is what the saver thread does: after an answer, encode the newest log segment and write
//! it atomically with fsync (`progress.ron` too when the answer starts a new study day). "hand-over" is the UI thread's part:
//! record the attempt and queue the changed documents. Notes are saved on their own, when typed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use chrono::DateTime;
use criterion::{Criterion, criterion_group, criterion_main};
use servicecraft::progress::record::{LoggedAttempt, encode_segment};
use servicecraft::progress::{
    Attempt, Notes, ProfileSession, Progress, SessionOptions, profile, session,
};
use servicecraft::store::{encode_ron, save_atomic};

const ATTEMPTS: usize = 100_000;
const NOTES: usize = 2_000;

fn attempt(i: usize) -> Attempt {
    let at = DateTime::from_timestamp(1_750_000_000 + i as i64 * 300, 0).unwrap();
    Attempt {
        started: at,
        finished: at + chrono::Duration::seconds(40),
        answer: if i.is_multiple_of(5) {
            "先倾听客户的诉求，再确认问题，给出解决方案并跟进。".to_owned()
        } else {
            "AC".to_owned()
        },
        score: if i.is_multiple_of(3) { 0.0 } else { 1.0 },
        max: 1.0,
    }
}

fn item(i: usize) -> String {
    format!("ch{}.q.{:03}", i % 8 + 1, i % 460)
}

/// A profile folder on disk holding the large history, saved through a real session.
fn large_profile(data: &std::path::Path) -> String {
    let at = DateTime::from_timestamp(1_750_000_000, 0).unwrap();
    let folder = profile::create_profile(data, "学员", None, at).unwrap();
    let mut session = ProfileSession::open(data, &folder, SessionOptions::default(), None).unwrap();
    for i in 0..ATTEMPTS {
        session.record_attempt(&item(i), "servicecraft.syllabus", attempt(i));
    }
    for i in 0..NOTES {
        session.set_note(
            &format!("note{i}"),
            &"顾客投诉处理的要点：倾听、道歉、解决、跟进。".repeat(4),
            at,
        );
    }
    session.close(Duration::from_secs(120)).unwrap();
    folder
}

fn learner_data(c: &mut Criterion) {
    let data = tempfile::tempdir().unwrap();
    let folder = large_profile(data.path());
    let dir = profile::profiles_dir(data.path()).join(&folder);

    let mut group = c.benchmark_group("learner data, 100 000 attempts + 2 000 notes");
    group.sample_size(20);
    group.bench_function("load: open the profile", |b| {
        b.iter(|| {
            let session =
                ProfileSession::open(data.path(), &folder, SessionOptions::default(), None)
                    .unwrap();
            assert_eq!(session.progress().attempt_count(), ATTEMPTS);
        });
    });

    let mut progress = Progress::default();
    let log: Vec<LoggedAttempt> = session::read_log(&dir);
    progress.set_log(log);
    let newest = progress.segment_count() - 1;
    let scratch = tempfile::tempdir().unwrap();
    group.bench_function("save after an answer: newest segment", |b| {
        b.iter(|| {
            let chunk = progress.segment_shared(newest).unwrap();
            let segment = encode_segment(&chunk).unwrap();
            save_atomic(&scratch.path().join("attempts.ron"), segment.as_bytes()).unwrap();
        });
    });
    group.bench_function("save on a new study day: progress.ron", |b| {
        b.iter(|| {
            let file = encode_ron(&progress.file_copy()).unwrap();
            save_atomic(&scratch.path().join("progress.ron"), file.as_bytes()).unwrap();
        });
    });
    let notes: Notes = servicecraft::store::load_ron(&dir.join("notes.ron")).unwrap();
    group.bench_function("save after typing: notes.ron", |b| {
        b.iter(|| {
            let text = encode_ron(&notes).unwrap();
            save_atomic(&scratch.path().join("notes.ron"), text.as_bytes()).unwrap();
        });
    });
    // The two halves of a save, to see which one a regression is in.
    group.bench_function("encode only: newest segment", |b| {
        let chunk = progress.segment_shared(newest).unwrap();
        b.iter(|| encode_segment(&chunk).unwrap().len());
    });
    let notes_text = encode_ron(&notes).unwrap();
    group.bench_function("encode only: notes.ron", |b| {
        b.iter(|| encode_ron(&notes).unwrap().len());
    });
    group.bench_function(
        "write only: notes.ron (temporary file, fsync, rename)",
        |b| {
            b.iter(|| {
                save_atomic(&scratch.path().join("notes.ron"), notes_text.as_bytes()).unwrap()
            });
        },
    );

    let mut session =
        ProfileSession::open(data.path(), &folder, SessionOptions::default(), None).unwrap();
    let mut i = ATTEMPTS;
    // Answers come seconds apart, so the saver has finished the previous one: wait for it
    // outside the timed part.
    group.bench_function("UI thread: record an answer and hand it over", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                assert!(session.flush(Duration::from_secs(10)));
                let started = std::time::Instant::now();
                session.record_attempt(&item(i), "servicecraft.syllabus", attempt(i));
                session.save_soon();
                total += started.elapsed();
                i += 1;
            }
            total
        });
    });
    group.finish();
    session.close(Duration::from_secs(120)).unwrap();
}

criterion_group!(benches, learner_data);
criterion_main!(benches);
