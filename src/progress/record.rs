//! `progress.ron`: what a learner has done — every attempt at every item with its answer and
//! score, which lessons are finished, review scheduling state, and the days they studied.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::migrate::Versioned;

pub const PROGRESS_FILE: &str = "progress.ron";
pub const PROGRESS_VERSION: u32 = 1;

/// Share of the points that counts an item as completed: the exam's default pass mark.
pub const COMPLETION_SHARE: f32 = 0.6;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Progress {
    pub format_version: u32,
    /// Per question, flashcard or exercise id.
    pub items: BTreeMap<String, ItemRecord>,
    /// Ids of lessons the learner marked complete.
    pub lessons_done: BTreeSet<String>,
    /// Local calendar days with any study, for the streak.
    pub study_days: BTreeSet<NaiveDate>,
}

impl Default for Progress {
    fn default() -> Self {
        Self {
            format_version: PROGRESS_VERSION,
            items: BTreeMap::new(),
            lessons_done: BTreeSet::new(),
            study_days: BTreeSet::new(),
        }
    }
}

impl Versioned for Progress {
    const VERSION: u32 = PROGRESS_VERSION;
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct ItemRecord {
    /// Oldest first.
    pub attempts: Vec<Attempt>,
    /// Set once an attempt scores at least [`COMPLETION_SHARE`] of the points; stays set.
    pub completed: bool,
    /// Spaced-repetition state, once the item is under review.
    pub review: Option<ReviewState>,
}

/// One answer to an item.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Attempt {
    pub started: DateTime<Utc>,
    pub finished: DateTime<Utc>,
    /// What the learner answered, as the item kind records it (option letters, text, an order).
    #[serde(default)]
    pub answer: String,
    pub score: f32,
    pub max: f32,
}

impl Attempt {
    /// The share of the points earned, 0.0–1.0 (0 for an item worth nothing).
    pub fn ratio(&self) -> f32 {
        if self.max > 0.0 {
            (self.score / self.max).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

/// Spaced-repetition scheduling of one item. Times are unix seconds. The scheduler fills this in;
/// every field has a default so the scheduler can add fields without a format change.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct ReviewState {
    pub due: i64,
    pub stability: f32,
    pub difficulty: f32,
    pub reps: u32,
    pub lapses: u32,
    pub last_review: Option<i64>,
}

impl Progress {
    /// Records an answer; marks the item completed when it earned enough points and the day of
    /// the answer as a study day.
    pub fn record_attempt(&mut self, item_id: &str, attempt: Attempt) {
        self.study_days
            .insert(super::dates::local_day(attempt.finished));
        let record = self.items.entry(item_id.to_owned()).or_default();
        if attempt.max > 0.0 && attempt.score >= COMPLETION_SHARE * attempt.max {
            record.completed = true;
        }
        record.attempts.push(attempt);
    }

    /// How many items are due for review at or before `until` (pass the end of today for
    /// "due today").
    pub fn due_count(&self, until: DateTime<Utc>) -> usize {
        let until = until.timestamp();
        self.items
            .values()
            .filter(|r| r.review.as_ref().is_some_and(|review| review.due <= until))
            .count()
    }

    /// Marks or unmarks a lesson as done; returns whether anything changed.
    pub fn set_lesson_done(&mut self, lesson_id: &str, done: bool) -> bool {
        if done {
            self.lessons_done.insert(lesson_id.to_owned())
        } else {
            self.lessons_done.remove(lesson_id)
        }
    }

    pub fn lesson_done(&self, lesson_id: &str) -> bool {
        self.lessons_done.contains(lesson_id)
    }

    /// Records `day` as a study day; returns whether it is new.
    pub fn mark_study_day(&mut self, day: NaiveDate) -> bool {
        self.study_days.insert(day)
    }

    /// The latest attempt's share of the points, if the item was ever answered.
    pub fn last_ratio(&self, item_id: &str) -> Option<f32> {
        self.items
            .get(item_id)
            .and_then(|r| r.attempts.last())
            .map(Attempt::ratio)
    }

    /// Mastery of a set of items: the mean of each one's latest score share, unanswered items
    /// counting as 0. `None` for an empty set.
    pub fn mastery<'a>(&self, item_ids: impl IntoIterator<Item = &'a str>) -> Option<f32> {
        let (mut sum, mut n) = (0.0, 0u32);
        for id in item_ids {
            sum += self.last_ratio(id).unwrap_or(0.0);
            n += 1;
        }
        (n > 0).then(|| sum / n as f32)
    }

    /// The `n` most recent attempts, newest first. One pass keeping the best `n` so far: a large
    /// profile has 100 000 attempts, and collecting them all to pick ten was the slow part of the
    /// dashboard.
    pub fn recent(&self, n: usize) -> Vec<(&str, &Attempt)> {
        let mut best: Vec<(&str, &Attempt)> = Vec::with_capacity(n + 1);
        if n == 0 {
            return best;
        }
        for (id, record) in &self.items {
            // Attempts are appended in time order, so only the newest n of each item can count.
            let start = record.attempts.len().saturating_sub(n);
            for attempt in &record.attempts[start..] {
                if best.len() == n
                    && best
                        .last()
                        .is_some_and(|(_, oldest)| oldest.finished >= attempt.finished)
                {
                    continue;
                }
                let at = best.partition_point(|(_, a)| a.finished >= attempt.finished);
                best.insert(at, (id.as_str(), attempt));
                best.truncate(n);
            }
        }
        best
    }

    pub fn attempt_count(&self) -> usize {
        self.items.values().map(|r| r.attempts.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_750_000_000 + secs, 0).unwrap()
    }

    fn attempt(secs: i64, score: f32) -> Attempt {
        Attempt {
            started: at(secs - 30),
            finished: at(secs),
            answer: "B".to_owned(),
            score,
            max: 1.0,
        }
    }

    #[test]
    fn attempts_complete_items_and_count_study_days() {
        let mut p = Progress::default();
        p.record_attempt("q1", attempt(0, 0.0));
        assert!(!p.items["q1"].completed);
        p.record_attempt("q1", attempt(10, 1.0));
        p.record_attempt("q1", attempt(20, 0.0));
        assert!(p.items["q1"].completed, "completion stays once earned");
        assert_eq!(p.items["q1"].attempts.len(), 3);
        assert_eq!(p.study_days.len(), 1);
        assert_eq!(p.attempt_count(), 3);
    }

    #[test]
    fn mastery_uses_the_latest_score_and_counts_unanswered_items_as_zero() {
        let mut p = Progress::default();
        p.record_attempt("a", attempt(0, 0.0));
        p.record_attempt("a", attempt(1, 1.0));
        p.record_attempt("b", attempt(2, 0.5));
        assert_eq!(p.mastery(["a", "b", "c", "d"]), Some(0.375));
        assert_eq!(p.mastery([]), None);
    }

    #[test]
    fn due_reviews_are_counted_up_to_a_moment() {
        let mut p = Progress::default();
        for (id, due) in [("a", 100), ("b", 200), ("c", 300)] {
            p.items.entry(id.to_owned()).or_default().review = Some(ReviewState {
                due: at(due).timestamp(),
                ..Default::default()
            });
        }
        p.items.entry("d".to_owned()).or_default();
        assert_eq!(p.due_count(at(50)), 0);
        assert_eq!(p.due_count(at(200)), 2);
        assert_eq!(p.due_count(at(1000)), 3);
    }

    #[test]
    fn recent_attempts_come_newest_first() {
        let mut p = Progress::default();
        for i in 0..50 {
            p.record_attempt(&format!("q{}", i % 7), attempt(i * 10, 1.0));
        }
        let recent = p.recent(5);
        let times: Vec<i64> = recent.iter().map(|(_, a)| a.finished.timestamp()).collect();
        assert_eq!(
            times,
            (45..50)
                .rev()
                .map(|i| at(i * 10).timestamp())
                .collect::<Vec<_>>()
        );
    }
}
