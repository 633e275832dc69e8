//! Reading `study.ron` format 1, whose review cards were `rs-fsrs` (FSRS-5) cards, into format 2
//! (FSRS-6 [`ReviewCard`]s). Every due date and last review is kept as it was, so no learner
//! loses a scheduled review; stability and difficulty carry over (both versions measure them on
//! the same scales), and FSRS-6 takes over from the next answer.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::memory::ReviewCard;
use super::my_swot::MySwot;
use super::study::{ExerciseScore, MistakeEntry, RolePlayResult, STUDY_VERSION, StudyState};

/// `rs-fsrs` 1.2's `State`, as its serde feature wrote it.
#[derive(Deserialize, PartialEq)]
enum StateV1 {
    New,
    Learning,
    Review,
    Relearning,
}

/// `rs-fsrs` 1.2's `Card`, as its serde feature wrote it.
#[derive(Deserialize)]
struct CardV1 {
    due: DateTime<Utc>,
    stability: f64,
    difficulty: f64,
    #[serde(default)]
    reps: i32,
    #[serde(default)]
    lapses: i32,
    state: StateV1,
    last_review: DateTime<Utc>,
}

impl CardV1 {
    fn upgrade(self) -> ReviewCard {
        ReviewCard {
            due: self.due,
            last_review: self.last_review,
            stability: self.stability as f32,
            difficulty: (self.difficulty as f32).clamp(1.0, 10.0),
            // A card that was never reviewed stays new (it is not in the due queue).
            reps: if self.state == StateV1::New {
                0
            } else {
                self.reps.max(1) as u32
            },
            lapses: self.lapses.max(0) as u32,
            learning: matches!(self.state, StateV1::Learning | StateV1::Relearning),
        }
    }
}

/// Format 1: the same fields as format 2 less `memory` and `causes`, with FSRS-5 cards.
#[derive(Deserialize, Default)]
#[serde(default)]
struct StudyV1 {
    reviews: BTreeMap<String, CardV1>,
    mistakes: BTreeMap<String, MistakeEntry>,
    favourites: BTreeSet<String>,
    exercise_scores: BTreeMap<String, Vec<ExerciseScore>>,
    worksheets: BTreeMap<String, BTreeMap<String, String>>,
    my_swot: Vec<MySwot>,
    roleplays: BTreeMap<String, Vec<RolePlayResult>>,
}

impl StudyState {
    /// Reads the text of a `study.ron` written in the older format `version`.
    pub fn migrate_from(version: u32, text: &str) -> Result<Self, String> {
        if version != 1 {
            return Err(format!("no migration from format {version}"));
        }
        let old: StudyV1 = ron::Options::default()
            .from_str(text)
            .map_err(|e| e.to_string())?;
        Ok(Self {
            format_version: STUDY_VERSION,
            reviews: old
                .reviews
                .into_iter()
                .map(|(id, card)| (id, card.upgrade()))
                .collect(),
            mistakes: old.mistakes,
            favourites: old.favourites,
            exercise_scores: old.exercise_scores,
            worksheets: old.worksheets,
            my_swot: old.my_swot,
            roleplays: old.roleplays,
            ..Self::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: &str = r#"(
    format_version: 1,
    reviews: {
        "q1": (due: "2026-12-20T08:00:00Z", stability: 12.5, difficulty: 5.2, elapsed_days: 3,
               scheduled_days: 12, reps: 3, lapses: 1, state: Review,
               last_review: "2026-12-08T08:00:00Z"),
    },
    mistakes: {"q1": (added: "2026-11-01T08:00:00Z", wrong_count: 2, right_streak: 1)},
    favourites: ["q2"],
)"#;

    #[test]
    fn version_1_keeps_every_due_date() {
        let study = StudyState::migrate_from(1, V1).unwrap();
        let card = &study.reviews["q1"];
        assert_eq!(card.due.to_rfc3339(), "2026-12-20T08:00:00+00:00");
        assert_eq!((card.reps, card.lapses), (3, 1));
        assert!((card.stability - 12.5).abs() < 1e-6);
        assert_eq!(study.mistakes["q1"].wrong_count, 2);
        assert!(study.favourites.contains("q2"));
        assert_eq!(study.format_version, STUDY_VERSION);
    }
}
