//! The `readiness` command on profiles written through the documented learner files: a learner
//! whose attempt log holds mostly right answers is more likely to pass than one with mostly
//! wrong answers, and neither is reported as certain.
#![expect(clippy::unwrap_used, reason = "tests")]

use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use servicecraft::cli::run_readiness;
use servicecraft::model::readiness::items;
use servicecraft::pack::{builtin_source, load_pack};
use servicecraft::progress::profile::create_profile;
use servicecraft::progress::{Attempt, ProfileSession, SessionOptions};

const EXAM: &str = "2027-06-01";

/// A profile that answered two items in three of the built-in pack over the month before the
/// exam, right with probability `right`; the exam date is set in its settings.
fn profile(data: &std::path::Path, name: &str, right: f32, seed: u64) {
    let pack = load_pack(&builtin_source()).pack.unwrap();
    let now: DateTime<Utc> = DateTime::from_timestamp(1_811_000_000, 0).unwrap();
    let folder = create_profile(data, name, None, now).unwrap();
    let mut session = ProfileSession::open(data, &folder, SessionOptions::default(), None).unwrap();
    let exam: NaiveDate = EXAM.parse().unwrap();
    session.update_settings(|s| s.exam_date = Some(exam));
    let mut rng = fastrand::Rng::with_seed(seed);
    for (i, item) in items(&pack).iter().enumerate() {
        if i % 3 == 2 {
            continue;
        }
        let when =
            exam.and_hms_opt(9, 0, 0).unwrap().and_utc() - chrono::Duration::days(rng.i64(2..30));
        let score = if rng.f32() < right { item.points } else { 0.0 };
        session.record_attempt(
            &item.id,
            &pack.manifest.id,
            Attempt {
                started: when - chrono::Duration::seconds(30),
                finished: when,
                answer: String::new(),
                score,
                max: item.points,
            },
        );
    }
    session.close(Duration::from_secs(60)).unwrap();
}

fn pass_probability(data: &std::path::Path, name: &str) -> f64 {
    let mut out = Vec::new();
    assert_eq!(
        run_readiness(data, name, None, true, &mut out),
        0,
        "{}",
        String::from_utf8_lossy(&out)
    );
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["exam_date"], EXAM);
    for key in [
        "pass_interval",
        "expected_percent",
        "lost_by_chapter",
        "lost_by_type",
        "top_items",
    ] {
        assert!(!json[key].is_null(), "{key} missing: {json}");
    }
    json["pass_probability"].as_f64().unwrap()
}

#[test]
fn mostly_right_answers_pass_more_often_than_mostly_wrong_ones() {
    let data = tempfile::tempdir().unwrap();
    profile(data.path(), "good", 0.85, 1);
    profile(data.path(), "poor", 0.2, 2);
    let good = pass_probability(data.path(), "good");
    let poor = pass_probability(data.path(), "poor");
    assert!(good > poor, "good {good} poor {poor}");
    for p in [good, poor] {
        assert!(p > 0.0 && p < 1.0, "{p}");
    }
    // The text report says the same.
    let mut text = Vec::new();
    assert_eq!(
        run_readiness(data.path(), "good", None, false, &mut text),
        0
    );
    assert!(
        String::from_utf8(text)
            .unwrap()
            .contains("pass probability")
    );
    let mut missing = Vec::new();
    assert_eq!(
        run_readiness(data.path(), "nobody", None, false, &mut missing),
        2
    );
}
