//! Fuzz target: every learner file the app reads, in every version it migrates from.
//!
//! The first byte picks the file; the rest is its bytes. Each is read the way the app reads it
//! (`parse_versioned`, which `load_versioned` calls after reading the file, with the migration of
//! older versions; the first release's plain files through RON). Checked: reading never panics;
//! what was read is used as the app uses it (the attempt log rebuilt, exported as CSV and xAPI,
//! the review queue and the scheduler run over the study state) without panicking; and what the
//! app would write back for it reads again (a file we save must never be one we cannot open).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use servicecraft_core::model::study::{Recall, StudyState};
use servicecraft_core::progress::export::{self, AttemptRow};
use servicecraft_core::progress::migrate::parse_versioned;
use servicecraft_core::progress::record::{AttemptSegment, LoggedAttempt};
use servicecraft_core::progress::{
    AppSettings, Notes, Profile, ProfileSettings, Progress, Versioned,
};
use servicecraft_core::store::encode_ron;

/// A fixed "now" keeps runs reproducible.
fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default()
}

/// Reads `bytes` as a `T`; when that works, what the app writes for it must read back.
fn read<T: Versioned>(bytes: &[u8]) -> Option<T> {
    let loaded = parse_versioned::<T>(Path::new("fuzz.ron"), bytes).ok()?;
    written_reads_back(&loaded.value);
    Some(loaded.value)
}

fn written_reads_back<T: Versioned>(value: &T) {
    let text = match encode_ron(value) {
        Ok(text) => text,
        Err(err) => panic!("a value read from a file does not encode: {err}"),
    };
    if let Err(err) = parse_versioned::<T>(Path::new("again.ron"), text.as_bytes()) {
        panic!("a file we write does not read back: {err}\n{text}");
    }
}

/// The attempt log as the app uses it: rebuilt into a progress record, exported.
fn use_log(log: Vec<LoggedAttempt>) {
    let rows = export::rows_for("fuzz", &log, &[]);
    use_rows(&rows);
    let mut progress = Progress::default();
    progress.set_log(log);
    let _ = progress.recent(10);
    let _ = progress.mastery(
        progress
            .items
            .keys()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    for index in 0..progress.segment_count() {
        written_reads_back(&progress.segment(index));
    }
    written_reads_back(&progress.file_copy());
}

fn use_rows(rows: &[AttemptRow]) {
    let _ = export::attempts_csv(rows);
    let _ = export::summary_csv(rows);
    let _ = export::xapi_statements(rows);
}

fn use_study(mut study: StudyState) {
    let _ = study.queue(["a", "b"], now());
    let ids: Vec<String> = study
        .reviews
        .keys()
        .chain(study.exercise_scores.keys())
        .chain(study.roleplays.keys())
        .cloned()
        .collect();
    for id in &ids {
        let _ = study.exercise_summary(id);
        let _ = study.best_roleplay(id);
        study.record_recall(id, Recall::Good, now());
    }
    written_reads_back(&study);
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    match which % 9 {
        0 => {
            read::<Profile>(bytes);
        }
        1 => {
            read::<ProfileSettings>(bytes);
        }
        2 => {
            if let Some(mut progress) = read::<Progress>(bytes) {
                // A version-1 file carries its attempts: they become the log.
                use_log(progress.take_log());
            }
        }
        3 => {
            read::<Notes>(bytes);
        }
        4 => {
            if let Some(study) = read::<StudyState>(bytes) {
                use_study(study);
            }
        }
        5 => {
            if let Some(segment) = read::<AttemptSegment>(bytes) {
                use_log(segment.attempts);
            }
        }
        6 => {
            read::<AppSettings>(bytes);
        }
        // The first release's files, adopted by the first profile.
        7 => {
            if let Some(study) = std::str::from_utf8(bytes)
                .ok()
                .and_then(|t| ron::Options::default().from_str::<StudyState>(t).ok())
            {
                // As `adopt_legacy_files` does: the old file's version field meant nothing.
                use_study(StudyState {
                    format_version: servicecraft_core::model::study::STUDY_VERSION,
                    ..study
                });
            }
        }
        _ => {
            if let Some(rows) = std::str::from_utf8(bytes)
                .ok()
                .and_then(|t| ron::Options::default().from_str::<Vec<AttemptRow>>(t).ok())
            {
                use_rows(&rows);
            }
        }
    }
});
