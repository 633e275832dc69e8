//! `progress.ron` and the attempt log: what a learner has done — which lessons are finished and
//! the days they studied (in `progress.ron`), and every attempt at every item with its answer and
//! score (in the log segments `attempts-NNNN.ron`, see [`AttemptSegment`]). What each item has
//! achieved is derived from the log, never stored twice.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::migrate::Versioned;

pub const PROGRESS_FILE: &str = "progress.ron";
/// Version 2 moved the attempts out of `progress.ron` into the attempt log, derives each item's
/// completion from it, and dropped the per-item review state that version 1 reserved (the
/// scheduler keeps it in `study.ron`).
pub const PROGRESS_VERSION: u32 = 2;
pub const SEGMENT_VERSION: u32 = 1;

/// Attempts per log segment. Only the newest segment changes, so a save writes at most this
/// many attempts however long the history is (a full 2 000-attempt segment encodes in a few
/// milliseconds; the whole 100 000-attempt history took 150 ms).
pub const SEGMENT_LEN: usize = 2000;

/// Share of the points that counts an item as completed: the exam's default pass mark.
pub const COMPLETION_SHARE: f32 = 0.6;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Progress {
    pub format_version: u32,
    /// Ids of lessons the learner marked complete.
    pub lessons_done: BTreeSet<String>,
    /// Local calendar days with any study, for the streak.
    pub study_days: BTreeSet<NaiveDate>,
    /// Per question, flashcard or exercise id: built from the log.
    #[serde(skip)]
    pub items: BTreeMap<String, ItemRecord>,
    /// Every attempt, oldest first, in chunks of [`SEGMENT_LEN`] that are the log's segment
    /// files. Shared, so handing the newest segment to the saver copies nothing; an answer given
    /// while the saver still holds it copies that one chunk.
    #[serde(skip)]
    log: Vec<Arc<Vec<LoggedAttempt>>>,
}

impl Default for Progress {
    fn default() -> Self {
        Self {
            format_version: PROGRESS_VERSION,
            lessons_done: BTreeSet::new(),
            study_days: BTreeSet::new(),
            items: BTreeMap::new(),
            log: Vec::new(),
        }
    }
}

impl Versioned for Progress {
    const VERSION: u32 = PROGRESS_VERSION;

    fn migrate(version: u32, text: &str) -> Result<Self, String> {
        /// Version 1 kept each item's attempts inside its record.
        #[derive(Deserialize)]
        struct ItemV1 {
            #[serde(default)]
            attempts: Vec<Attempt>,
        }
        #[derive(Deserialize)]
        struct ProgressV1 {
            #[serde(default)]
            items: BTreeMap<String, ItemV1>,
            #[serde(default)]
            lessons_done: BTreeSet<String>,
            #[serde(default)]
            study_days: BTreeSet<NaiveDate>,
        }
        if version != 1 {
            return Err(format!("no migration from format {version}"));
        }
        let old: ProgressV1 = ron::from_str(text).map_err(|e| e.to_string())?;
        let mut log: Vec<LoggedAttempt> = Vec::new();
        for (id, item) in old.items {
            log.extend(item.attempts.into_iter().map(|attempt| LoggedAttempt {
                item: id.clone(),
                pack: String::new(),
                attempt,
                certainty: None,
                exam: None,
            }));
        }
        // The log is in time order; version 1 only kept the order within each item.
        log.sort_by_key(|a| a.attempt.finished);
        let mut progress = Self {
            format_version: PROGRESS_VERSION,
            lessons_done: old.lessons_done,
            study_days: old.study_days,
            ..Self::default()
        };
        // Version 1's `completed` was set by the same rule from the same attempts: it is derived
        // again from the log.
        progress.set_log(log);
        Ok(progress)
    }
}

/// What one item has achieved, derived from the log.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ItemRecord {
    /// Set once an attempt scores at least [`COMPLETION_SHARE`] of the points; stays set.
    pub completed: bool,
    /// Where this item's attempts are in the log, oldest first.
    pub attempts: Vec<usize>,
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

/// An attempt in the log: which item of which pack it answered.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct LoggedAttempt {
    pub item: String,
    /// The id of the pack the item belongs to (empty for attempts from before it was recorded).
    #[serde(default)]
    pub pack: String,
    pub attempt: Attempt,
    /// How sure the learner said they were (`None` when not given, and in logs from before it
    /// was recorded). Kept beside the attempt rather than in it so every `Attempt` literal in
    /// the app stays valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certainty: Option<crate::model::evidence::Certainty>,
    /// The mock exam the answer was given in (`None` outside exams, and in logs from before it
    /// was recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exam: Option<ExamTag>,
}

/// Which mock exam an attempt belonged to: the exam's id and title as the pack named them when
/// it was sat (the title is kept, so the export reads well after the pack changed). One sitting's
/// attempts share the exam and their start time.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct ExamTag {
    pub id: String,
    pub title: String,
}

/// A segment as it is written: the shared chunk, borrowed.
#[derive(Serialize)]
struct SegmentFile<'a> {
    format_version: u32,
    attempts: &'a [LoggedAttempt],
}

/// The text of a segment file holding `attempts`.
pub fn encode_segment(attempts: &[LoggedAttempt]) -> Result<String, String> {
    crate::store::encode_ron(&SegmentFile {
        format_version: SEGMENT_VERSION,
        attempts,
    })
}

/// `attempts-NNNN.ron`: attempts `NNNN × SEGMENT_LEN` onwards, at most [`SEGMENT_LEN`] of them.
/// Every segment but the newest is full and never written again.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct AttemptSegment {
    pub format_version: u32,
    pub attempts: Vec<LoggedAttempt>,
}

impl Default for AttemptSegment {
    fn default() -> Self {
        Self {
            format_version: SEGMENT_VERSION,
            attempts: Vec::new(),
        }
    }
}

impl Versioned for AttemptSegment {
    const VERSION: u32 = SEGMENT_VERSION;
}

/// The file name of log segment `index`.
pub fn segment_file(index: usize) -> String {
    format!("attempts-{index:04}.ron")
}

/// The segment number in a file name written by [`segment_file`].
pub fn segment_index(file: &str) -> Option<usize> {
    let digits = file.strip_prefix("attempts-")?.strip_suffix(".ron")?;
    if digits.len() < 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

impl Progress {
    /// Records an answer to `item_id` of pack `pack`; marks the item completed when it earned
    /// enough points and the day of the answer as a study day. Returns whether `progress.ron`
    /// changed (a new study day): the log itself is saved on its own.
    pub fn record_attempt(&mut self, item_id: &str, pack: &str, attempt: Attempt) -> bool {
        self.record_attempt_with(item_id, pack, attempt, None)
    }

    /// [`Self::record_attempt`] with the certainty the learner gave with the answer.
    pub fn record_attempt_with(
        &mut self,
        item_id: &str,
        pack: &str,
        attempt: Attempt,
        certainty: Option<crate::model::evidence::Certainty>,
    ) -> bool {
        self.record_logged(LoggedAttempt {
            item: item_id.to_owned(),
            pack: pack.to_owned(),
            attempt,
            certainty,
            exam: None,
        })
    }

    /// Appends `logged` to the log (an answer with everything known about it, such as the exam
    /// it was given in); returns whether `progress.ron` changed, as [`Self::record_attempt`].
    pub fn record_logged(&mut self, logged: LoggedAttempt) -> bool {
        let new_day = self
            .study_days
            .insert(super::dates::local_day(logged.attempt.finished));
        let index = self.attempt_count();
        self.index_attempt(&logged.item, &logged.attempt, index);
        match self.log.last_mut() {
            Some(chunk) if chunk.len() < SEGMENT_LEN => Arc::make_mut(chunk).push(logged),
            _ => {
                let mut chunk = Vec::with_capacity(SEGMENT_LEN);
                chunk.push(logged);
                self.log.push(Arc::new(chunk));
            }
        }
        new_day
    }

    fn index_attempt(&mut self, item_id: &str, attempt: &Attempt, index: usize) {
        let record = match self.items.get_mut(item_id) {
            Some(record) => record,
            None => self.items.entry(item_id.to_owned()).or_default(),
        };
        if attempt.max > 0.0 && attempt.score >= COMPLETION_SHARE * attempt.max {
            record.completed = true;
        }
        record.attempts.push(index);
    }

    /// Puts a loaded log in place and derives each item's record from it.
    pub fn set_log(&mut self, log: Vec<LoggedAttempt>) {
        self.items.clear();
        for (i, logged) in log.iter().enumerate() {
            self.index_attempt(&logged.item, &logged.attempt, i);
        }
        let mut chunks = Vec::with_capacity(log.len().div_ceil(SEGMENT_LEN));
        let mut rest = log.into_iter().peekable();
        while rest.peek().is_some() {
            chunks.push(Arc::new(
                rest.by_ref().take(SEGMENT_LEN).collect::<Vec<_>>(),
            ));
        }
        self.log = chunks;
    }

    /// The whole log, oldest first.
    pub fn log(&self) -> impl DoubleEndedIterator<Item = &LoggedAttempt> {
        self.log.iter().flat_map(|chunk| chunk.iter())
    }

    /// Attempt number `index` of the log.
    pub fn logged(&self, index: usize) -> Option<&LoggedAttempt> {
        self.log
            .get(index / SEGMENT_LEN)
            .and_then(|chunk| chunk.get(index % SEGMENT_LEN))
    }

    /// Takes the log out (leaving it empty), oldest first.
    pub fn take_log(&mut self) -> Vec<LoggedAttempt> {
        self.items.clear();
        std::mem::take(&mut self.log)
            .into_iter()
            .flat_map(Arc::unwrap_or_clone)
            .collect()
    }

    /// The attempts at one item, oldest first.
    pub fn attempts_of<'a>(&'a self, item_id: &str) -> impl Iterator<Item = &'a Attempt> + 'a {
        let indices = self.items.get(item_id).map_or(&[][..], |r| &r.attempts[..]);
        indices
            .iter()
            .filter_map(|&i| self.logged(i).map(|l| &l.attempt))
    }

    /// Every item's answers from the log, oldest first, for the readiness model.
    pub fn readiness_history(&self) -> crate::model::readiness::History {
        readiness_history(self.log())
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

    /// The latest attempt at an item, if it was ever answered.
    pub fn last_attempt(&self, item_id: &str) -> Option<&Attempt> {
        let index = *self.items.get(item_id)?.attempts.last()?;
        self.logged(index).map(|l| &l.attempt)
    }

    /// The latest logged attempt at an item, with the certainty given with it.
    pub fn last_logged(&self, item_id: &str) -> Option<&LoggedAttempt> {
        let index = *self.items.get(item_id)?.attempts.last()?;
        self.logged(index)
    }

    /// The latest attempt's share of the points, if the item was ever answered.
    pub fn last_ratio(&self, item_id: &str) -> Option<f32> {
        self.last_attempt(item_id).map(Attempt::ratio)
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

    /// The `n` most recent attempts, newest first: the end of the log, which is in time order.
    pub fn recent(&self, n: usize) -> Vec<(&str, &Attempt)> {
        self.log()
            .rev()
            .take(n)
            .map(|l| (l.item.as_str(), &l.attempt))
            .collect()
    }

    pub fn attempt_count(&self) -> usize {
        self.log.iter().map(|chunk| chunk.len()).sum()
    }

    /// Log segment `index` as it should be on disk (a copy).
    pub fn segment(&self, index: usize) -> AttemptSegment {
        AttemptSegment {
            format_version: SEGMENT_VERSION,
            attempts: self
                .log
                .get(index)
                .map(|chunk| chunk.to_vec())
                .unwrap_or_default(),
        }
    }

    /// Log segment `index`, shared.
    pub fn segment_shared(&self, index: usize) -> Option<Arc<Vec<LoggedAttempt>>> {
        self.log.get(index).cloned()
    }

    /// What `progress.ron` holds: everything but the log and what is derived from it.
    pub fn file_copy(&self) -> Self {
        Self {
            format_version: self.format_version,
            lessons_done: self.lessons_done.clone(),
            study_days: self.study_days.clone(),
            ..Self::default()
        }
    }

    /// How many segment files the log fills.
    pub fn segment_count(&self) -> usize {
        self.log.len()
    }
}

/// Every item's answers in `log`, oldest first, for the readiness model (read straight from the
/// log: the readiness command does not need the indices a [`Progress`] builds).
pub fn readiness_history<'a>(
    log: impl IntoIterator<Item = &'a LoggedAttempt>,
) -> crate::model::readiness::History {
    let mut history = crate::model::readiness::History::new();
    for logged in log {
        history
            .entry(logged.item.clone())
            .or_default()
            .push(crate::model::readiness::Answer {
                when: logged.attempt.finished,
                ratio: logged.attempt.ratio(),
                certainty: logged.certainty,
            });
    }
    history
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
        p.record_attempt("q1", "pack", attempt(0, 0.0));
        assert!(!p.items["q1"].completed);
        p.record_attempt("q1", "pack", attempt(10, 1.0));
        p.record_attempt("q1", "pack", attempt(20, 0.0));
        assert!(p.items["q1"].completed, "completion stays once earned");
        assert_eq!(p.attempts_of("q1").count(), 3);
        assert_eq!(p.study_days.len(), 1);
        assert_eq!(p.attempt_count(), 3);
    }

    #[test]
    fn mastery_uses_the_latest_score_and_counts_unanswered_items_as_zero() {
        let mut p = Progress::default();
        p.record_attempt("a", "pack", attempt(0, 0.0));
        p.record_attempt("a", "pack", attempt(1, 1.0));
        p.record_attempt("b", "pack", attempt(2, 0.5));
        assert_eq!(p.mastery(["a", "b", "c", "d"]), Some(0.375));
        assert_eq!(p.mastery([]), None);
    }

    #[test]
    fn recent_attempts_come_newest_first() {
        let mut p = Progress::default();
        for i in 0..50 {
            p.record_attempt(&format!("q{}", i % 7), "pack", attempt(i * 10, 1.0));
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

    #[test]
    fn a_version_1_file_is_migrated_into_a_time_ordered_log() {
        let text = r#"(
            format_version: 1,
            items: {
                "q2": (attempts: [(started: "2026-01-01T00:00:05Z", finished: "2026-01-01T00:00:10Z", answer: "A", score: 0.0, max: 1.0)]),
                "q1": (
                    attempts: [
                        (started: "2026-01-01T00:00:00Z", finished: "2026-01-01T00:00:01Z", answer: "B", score: 1.0, max: 1.0),
                        (started: "2026-01-01T00:00:20Z", finished: "2026-01-01T00:00:30Z", answer: "C", score: 0.0, max: 1.0),
                    ],
                    completed: true,
                ),
            },
            lessons_done: ["l1"],
            study_days: ["2026-01-01"],
        )"#;
        let p = Progress::migrate(1, text).unwrap();
        let order: Vec<(&str, &str)> = p
            .log()
            .map(|l| (l.item.as_str(), l.attempt.answer.as_str()))
            .collect();
        assert_eq!(order, [("q1", "B"), ("q2", "A"), ("q1", "C")]);
        assert!(p.items["q1"].completed);
        assert!(!p.items["q2"].completed);
        assert_eq!(p.last_attempt("q1").unwrap().answer, "C");
        assert!(p.lesson_done("l1"));
        assert_eq!(p.format_version, PROGRESS_VERSION);
    }

    #[test]
    fn the_log_is_cut_into_segments_of_fixed_length() {
        let mut p = Progress::default();
        for i in 0..(2 * SEGMENT_LEN as i64 + 3) {
            p.record_attempt("q", "pack", attempt(i, 1.0));
        }
        assert_eq!(p.segment_count(), 3);
        assert_eq!(p.segment(0).attempts.len(), SEGMENT_LEN);
        assert_eq!(p.segment(2).attempts.len(), 3);
        assert_eq!(
            p.segment(1).attempts[0].attempt.finished,
            at(SEGMENT_LEN as i64)
        );
        for (file, index) in [
            ("attempts-0000.ron", Some(0)),
            ("attempts-0012.ron", Some(12)),
            ("attempts-12345.ron", Some(12345)),
            ("attempts-12.ron", None),
            ("attempts-00a1.ron", None),
            ("attempts-0001.ron.tmp", None),
            ("progress.ron", None),
        ] {
            assert_eq!(segment_index(file), index, "{file}");
        }
        assert_eq!(segment_index(&segment_file(7)), Some(7));
    }

    #[test]
    fn a_loaded_log_is_indexed_and_completes_what_it_shows_completed() {
        let mut p = Progress::default();
        p.items.entry("q1".to_owned()).or_default();
        let log = vec![
            LoggedAttempt {
                item: "q1".to_owned(),
                pack: "p".to_owned(),
                attempt: attempt(0, 1.0),
                certainty: None,
                exam: None,
            },
            LoggedAttempt {
                item: "q2".to_owned(),
                pack: "p".to_owned(),
                attempt: attempt(1, 0.0),
                certainty: Some(crate::model::evidence::Certainty::Sure),
                exam: Some(ExamTag {
                    id: "mock1".to_owned(),
                    title: "模拟考试一".to_owned(),
                }),
            },
        ];
        p.set_log(log);
        assert!(p.items["q1"].completed);
        assert!(!p.items["q2"].completed);
        assert_eq!(p.attempts_of("q2").count(), 1);
        assert_eq!(p.recent(1)[0].0, "q2");
    }
}
