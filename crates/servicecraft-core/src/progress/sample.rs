//! A made-up study history of any length, for benchmarks and for measuring startup with a
//! profile that has been used for a long time (`examples/make_history.rs`).

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::record::Attempt;
use super::session::{ProfileSession, SessionError, SessionOptions};
use crate::model::{Grade, Pack};

/// Creates profile `name` in `data_dir` with `days` days of study ending at `now`: `per_day`
/// answers a day to the pack's questions in turn (every third one wrong, a different third each
/// day), the mistake notebook and reviews those answers make, every other lesson finished, and a
/// note on every fifth lesson. Returns the profile's folder.
pub fn write_history(
    data_dir: &Path,
    name: &str,
    pack: &Pack,
    days: i64,
    per_day: i64,
    now: DateTime<Utc>,
) -> Result<String, SessionError> {
    let folder = super::profile::create_profile(data_dir, name, None, now)?;
    let mut session = ProfileSession::open(data_dir, &folder, SessionOptions::default(), None)?;
    let ids: Vec<&str> = pack.questions().map(|(_, q)| q.id.as_str()).collect();
    let mut study = session.study().clone();
    if !ids.is_empty() {
        for day in (0..days).rev() {
            for n in 0..per_day {
                let at = now - chrono::Duration::days(day) - chrono::Duration::minutes(n);
                let i = usize::try_from(day * per_day + n).unwrap_or(0) % ids.len();
                let score = if (i + usize::try_from(day).unwrap_or(0)).is_multiple_of(3) {
                    0.0
                } else {
                    1.0
                };
                study.record_answer(ids[i], &Grade { score, max: 1.0 }, at);
                session.record_attempt(
                    ids[i],
                    &pack.manifest.id,
                    Attempt {
                        started: at - chrono::Duration::seconds(40),
                        finished: at,
                        answer: "A".to_owned(),
                        score,
                        max: 1.0,
                    },
                );
            }
        }
    }
    session.set_study(study);
    for (n, (_, lesson)) in pack.lessons().enumerate() {
        if n.is_multiple_of(2) {
            session.set_lesson_done(&lesson.id, true);
        }
        if n.is_multiple_of(5) {
            session.set_note(&lesson.id, "复习时重点看这一课的要点和例题。", now);
        }
    }
    session
        .close(Duration::from_secs(120))
        .map_err(|rescued| SessionError::Unsaved(rescued.display().to_string()))?;
    Ok(folder)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{builtin_source, load_pack};

    #[test]
    fn a_written_history_opens_with_every_day_and_answer() {
        let data = tempfile::tempdir().unwrap();
        let pack = load_pack(&builtin_source()).pack.unwrap();
        let now = DateTime::from_timestamp(1_780_000_000, 0).unwrap();
        let folder = write_history(data.path(), "学员", &pack, 3, 4, now).unwrap();
        let session =
            ProfileSession::open(data.path(), &folder, SessionOptions::default(), None).unwrap();
        let progress = session.progress();
        assert_eq!(progress.attempt_count(), 12);
        assert_eq!(progress.study_days.len(), 3);
        assert_eq!(
            progress.lessons_done.len(),
            pack.lessons().count().div_ceil(2)
        );
        assert!(!session.notes().notes.is_empty());
        // Wrong answers went into the mistake notebook and the review schedule.
        assert!(!session.study().mistakes.is_empty());
        assert!(session.study().reviews.len() >= session.study().mistakes.len());
    }
}
