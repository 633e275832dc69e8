//! What the learner has studied: spaced-review cards (FSRS), the mistake notebook (错题本) and
//! favourites, with the rules for entering and leaving them. Pure logic; the clock is a parameter.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::Grade;
use super::evidence::Cause;
use super::memory::{MemoryParams, ReviewCard};
use super::my_swot::MySwot;

/// A mistake leaves the notebook once it was answered right this many times in a row…
pub const MISTAKE_EXIT_STREAK: u32 = 2;
/// …and the scheduler's next interval for it is at least this many days.
pub const MISTAKE_EXIT_DAYS: i64 = 7;
/// New flashcards brought into the daily queue.
pub const NEW_CARDS_PER_DAY: usize = 20;

/// The learner's self-rating of a flashcard, or the rating derived from a graded answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Recall {
    Again,
    Hard,
    Good,
    Easy,
}

impl Recall {
    pub const ALL: [Self; 4] = [Self::Again, Self::Hard, Self::Good, Self::Easy];

    /// Wrong is "again", partly right is "hard", right is "good".
    pub fn from_grade(grade: &Grade) -> Self {
        if grade.is_correct() {
            Self::Good
        } else if grade.score > 0.0 {
            Self::Hard
        } else {
            Self::Again
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MistakeEntry {
    pub added: DateTime<Utc>,
    pub wrong_count: u32,
    /// Right answers in a row since the last wrong one.
    pub right_streak: u32,
}

/// The version of the study file's format; see `progress::Versioned`. Version 2 replaced
/// `rs-fsrs`'s FSRS-5 cards by FSRS-6 [`ReviewCard`]s and added `memory` and `causes`
/// (migration in `study_migrate.rs`).
pub const STUDY_VERSION: u32 = 2;

/// What the learner's study has produced; saved in the learner's profile as `study.ron`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StudyState {
    pub format_version: u32,
    /// Review card per item id (flashcards and questions that were answered wrongly).
    pub reviews: BTreeMap<String, ReviewCard>,
    pub mistakes: BTreeMap<String, MistakeEntry>,
    /// Why the learner says they got a question wrong, by item id (错题本 grouping).
    pub causes: BTreeMap<String, Cause>,
    /// The scheduler's weights (the learner's own once fitted) and desired retention.
    pub memory: MemoryParams,
    pub favourites: BTreeSet<String>,
    /// Every scored attempt at a framework exercise (SWOT, ordering, PDCA), by exercise id; the
    /// strategy stage of a SWOT case is kept under `"{id}#tows"`.
    pub exercise_scores: BTreeMap<String, Vec<ExerciseScore>>,
    /// PDCA worksheet answers: worksheet id → field id → text.
    pub worksheets: BTreeMap<String, BTreeMap<String, String>>,
    /// The learner's own SWOT analyses, oldest first.
    pub my_swot: Vec<MySwot>,
    /// Every finished role-play, by scenario id, oldest first.
    pub roleplays: BTreeMap<String, Vec<RolePlayResult>>,
    /// The mock exam in progress (paper, answers, flags, time used, marking), until its result
    /// is recorded; absent from the file when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exam: Option<super::exam_session::ExamSession>,
}

impl Default for StudyState {
    fn default() -> Self {
        Self {
            format_version: STUDY_VERSION,
            reviews: BTreeMap::new(),
            mistakes: BTreeMap::new(),
            causes: BTreeMap::new(),
            memory: MemoryParams::default(),
            favourites: BTreeSet::new(),
            exercise_scores: BTreeMap::new(),
            worksheets: BTreeMap::new(),
            my_swot: Vec::new(),
            roleplays: BTreeMap::new(),
            exam: None,
        }
    }
}

/// How one play-through of a role-play ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RolePlayResult {
    pub finished: DateTime<Utc>,
    /// Against the best path's total, 0–100.
    pub percent: u32,
    pub outcome: super::Outcome,
    /// The choices taken, as indices into each node's choices, so the path can be replayed.
    pub path: Vec<usize>,
}

/// One scored attempt at an exercise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExerciseScore {
    pub when: DateTime<Utc>,
    pub score: f32,
    pub max: f32,
}

impl ExerciseScore {
    pub fn percent(&self) -> u32 {
        if self.max <= 0.0 {
            0
        } else {
            (self.score / self.max * 100.0).round().clamp(0.0, 100.0) as u32
        }
    }
}

/// The scheduled interval in whole days (0 while still being learned today).
pub fn interval_days(card: &ReviewCard) -> i64 {
    card.interval_days()
}

impl StudyState {
    /// Records a graded answer to a question: wrong answers enter the mistake notebook; a
    /// question in the notebook (or already under review) is rescheduled; a mistake leaves once
    /// the scheduler judges it learned. Returns whether the item left the notebook.
    pub fn record_answer(&mut self, item: &str, grade: &Grade, now: DateTime<Utc>) -> bool {
        self.record_answer_with(item, grade, None, now)
    }

    /// [`Self::record_answer`] with the certainty the learner gave: a right guess is weak
    /// evidence, so it is rated "hard", enters review and does not count toward leaving the
    /// notebook.
    pub fn record_answer_with(
        &mut self,
        item: &str,
        grade: &Grade,
        certainty: Option<super::evidence::Certainty>,
        now: DateTime<Utc>,
    ) -> bool {
        let guessed = certainty == Some(super::evidence::Certainty::Guess);
        let correct = grade.is_correct() && !guessed;
        if guessed && grade.is_correct() {
            let card =
                super::memory::next_card(&self.memory, self.reviews.get(item), Recall::Hard, now);
            self.reviews.insert(item.to_owned(), card);
            if let Some(entry) = self.mistakes.get_mut(item) {
                entry.right_streak = 0;
            }
            return false;
        }
        if !correct {
            let entry = self
                .mistakes
                .entry(item.to_owned())
                .or_insert(MistakeEntry {
                    added: now,
                    wrong_count: 0,
                    right_streak: 0,
                });
            entry.wrong_count += 1;
            entry.right_streak = 0;
        }
        if !correct || self.reviews.contains_key(item) {
            let card = super::memory::next_card(
                &self.memory,
                self.reviews.get(item),
                Recall::from_grade(grade),
                now,
            );
            self.reviews.insert(item.to_owned(), card);
        }
        if correct && let Some(entry) = self.mistakes.get_mut(item) {
            entry.right_streak += 1;
            let learned = entry.right_streak >= MISTAKE_EXIT_STREAK
                && self
                    .reviews
                    .get(item)
                    .is_some_and(|c| interval_days(c) >= MISTAKE_EXIT_DAYS);
            if learned {
                self.mistakes.remove(item);
                return true;
            }
        }
        false
    }

    /// Records a flashcard self-rating.
    pub fn record_recall(&mut self, item: &str, recall: Recall, now: DateTime<Utc>) {
        let card = super::memory::next_card(&self.memory, self.reviews.get(item), recall, now);
        self.reviews.insert(item.to_owned(), card);
    }

    /// Tags (or with `None` untags) why a question was answered wrongly.
    pub fn set_cause(&mut self, item: &str, cause: Option<Cause>) {
        match cause {
            Some(cause) => self.causes.insert(item.to_owned(), cause),
            None => self.causes.remove(item),
        };
    }

    pub fn record_roleplay(&mut self, id: &str, result: RolePlayResult) {
        self.roleplays
            .entry(id.to_owned())
            .or_default()
            .push(result);
    }

    /// The best result so far of a role-play.
    pub fn best_roleplay(&self, id: &str) -> Option<&RolePlayResult> {
        self.roleplays.get(id)?.iter().max_by_key(|r| r.percent)
    }

    pub fn remove_mistake(&mut self, item: &str) {
        self.mistakes.remove(item);
    }

    pub fn toggle_favourite(&mut self, item: &str) {
        if !self.favourites.remove(item) {
            self.favourites.insert(item.to_owned());
        }
    }

    pub fn record_exercise(&mut self, item: &str, score: f32, max: f32, now: DateTime<Utc>) {
        self.exercise_scores
            .entry(item.to_owned())
            .or_default()
            .push(ExerciseScore {
                when: now,
                score,
                max,
            });
    }

    /// The latest and the best percentage scored on an exercise, if it was ever attempted.
    pub fn exercise_summary(&self, item: &str) -> Option<(u32, u32)> {
        let scores = self.exercise_scores.get(item)?;
        let last = scores.last()?.percent();
        let best = scores
            .iter()
            .map(ExerciseScore::percent)
            .max()
            .unwrap_or(last);
        Some((last, best))
    }

    /// Stores one worksheet answer; an emptied field is forgotten.
    pub fn set_worksheet_field(&mut self, worksheet: &str, field: &str, text: &str) {
        if text.is_empty() {
            if let Some(fields) = self.worksheets.get_mut(worksheet) {
                fields.remove(field);
                if fields.is_empty() {
                    self.worksheets.remove(worksheet);
                }
            }
        } else {
            self.worksheets
                .entry(worksheet.to_owned())
                .or_default()
                .insert(field.to_owned(), text.to_owned());
        }
    }

    /// Replaces the analysis with the same id, or adds it.
    pub fn save_my_swot(&mut self, swot: MySwot) {
        match self.my_swot.iter_mut().find(|s| s.id == swot.id) {
            Some(existing) => *existing = swot,
            None => self.my_swot.push(swot),
        }
    }

    pub fn delete_my_swot(&mut self, id: u64) {
        self.my_swot.retain(|s| s.id != id);
    }

    /// Cards already under review that are due by the end of `now`'s day, most overdue first.
    pub fn due(&self, now: DateTime<Utc>) -> Vec<&str> {
        let end_of_day = end_of_day(now);
        let mut due: Vec<(&str, DateTime<Utc>)> = self
            .reviews
            .iter()
            .filter(|(_, card)| card.reps > 0 && card.due <= end_of_day)
            .map(|(id, card)| (id.as_str(), card.due))
            .collect();
        due.sort_by_key(|(_, when)| *when);
        due.into_iter().map(|(id, _)| id).collect()
    }

    /// Today's review queue: due cards first, then up to the day's share of new flashcards from
    /// `flashcards` (in pack order) that were never reviewed.
    pub fn queue<'a>(
        &'a self,
        flashcards: impl IntoIterator<Item = &'a str>,
        now: DateTime<Utc>,
    ) -> Vec<&'a str> {
        let mut queue = self.due(now);
        let start = end_of_day(now) - Duration::days(1);
        let introduced_today = self
            .reviews
            .values()
            .filter(|c| c.reps > 0 && first_review_after(c, start))
            .count();
        let room = NEW_CARDS_PER_DAY.saturating_sub(introduced_today);
        queue.extend(
            flashcards
                .into_iter()
                .filter(|id| !self.reviews.contains_key(*id))
                .take(room),
        );
        queue
    }
}

/// Whether a card with one review was first reviewed after `start` (a card learned today).
fn first_review_after(card: &ReviewCard, start: DateTime<Utc>) -> bool {
    card.reps == 1 && card.last_review > start
}

/// The last instant of `now`'s day in UTC.
fn end_of_day(now: DateTime<Utc>) -> DateTime<Utc> {
    let midnight = now
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc())
        .unwrap_or(now);
    midnight + Duration::days(1) - Duration::seconds(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_780_000_000, 0).unwrap() + Duration::days(n)
    }

    const WRONG: Grade = Grade {
        score: 0.0,
        max: 1.0,
    };
    const RIGHT: Grade = Grade {
        score: 1.0,
        max: 1.0,
    };

    #[test]
    fn right_answers_never_enter_the_notebook() {
        let mut study = StudyState::default();
        study.record_answer("q", &RIGHT, day(0));
        assert!(study.mistakes.is_empty());
        assert!(study.reviews.is_empty());
    }

    #[test]
    fn a_mistake_leaves_only_when_the_scheduler_judges_it_learned() {
        let mut study = StudyState::default();
        study.record_answer("q", &WRONG, day(0));
        assert!(study.mistakes.contains_key("q"));
        // One right answer the same day is not enough.
        assert!(!study.record_answer("q", &RIGHT, day(0)));
        assert!(study.mistakes.contains_key("q"));
        // Keep answering right at each due date until it leaves; it must take several reviews.
        let mut when = day(0);
        let mut reviews = 1;
        while study.mistakes.contains_key("q") {
            when = study.reviews["q"].due.max(when + Duration::hours(1));
            study.record_answer("q", &RIGHT, when);
            reviews += 1;
            assert!(reviews < 20, "never left the notebook");
        }
        assert!(reviews >= 3, "left after {reviews} right answers");
        assert!(interval_days(&study.reviews["q"]) >= MISTAKE_EXIT_DAYS);
    }

    #[test]
    fn a_wrong_answer_resets_the_streak() {
        let mut study = StudyState::default();
        study.record_answer("q", &WRONG, day(0));
        study.record_answer("q", &RIGHT, day(1));
        study.record_answer("q", &WRONG, day(2));
        let entry = &study.mistakes["q"];
        assert_eq!((entry.wrong_count, entry.right_streak), (2, 0));
        study.remove_mistake("q");
        assert!(study.mistakes.is_empty());
    }

    #[test]
    fn the_queue_has_due_cards_then_new_flashcards() {
        let mut study = StudyState::default();
        study.record_answer("mistake", &WRONG, day(0));
        study.record_recall("card-a", Recall::Good, day(0));
        let cards = ["card-a", "card-b", "card-c"];
        // Today: the mistake is relearned within minutes; card-a, answered well, is already
        // scheduled days ahead (FSRS-6 has no same-day steps after a good answer); then the new cards.
        let today = study.queue(cards, day(0));
        assert_eq!(today, vec!["mistake", "card-b", "card-c"]);
        assert!(interval_days(&study.reviews["card-a"]) >= 1);
        study.record_recall("card-a", Recall::Good, study.reviews["card-a"].due);
        assert!(interval_days(&study.reviews["card-a"]) >= 3);
        assert!(!study.due(day(0)).contains(&"card-a"));
        // Much later everything reviewed is due.
        let later = study.queue(cards, day(60));
        assert!(later.contains(&"card-a") && later.contains(&"mistake"));
    }

    #[test]
    fn new_cards_are_rationed_per_day() {
        let mut study = StudyState::default();
        let ids: Vec<String> = (0..50).map(|i| format!("c{i}")).collect();
        for id in ids.iter().take(15) {
            study.record_recall(id, Recall::Good, day(0));
        }
        let queue = study.queue(ids.iter().map(String::as_str), day(0));
        let new_today = queue
            .iter()
            .filter(|id| !study.reviews.contains_key(**id))
            .count();
        assert_eq!(new_today, NEW_CARDS_PER_DAY - 15, "{queue:?}");
        let tomorrow = study.queue(ids.iter().map(String::as_str), day(1));
        assert!(tomorrow.len() >= NEW_CARDS_PER_DAY);
    }

    #[test]
    fn exercise_scores_keep_every_attempt() {
        let mut study = StudyState::default();
        assert_eq!(study.exercise_summary("swot"), None);
        for (score, max) in [(6.0, 8.0), (8.0, 8.0), (4.0, 8.0)] {
            study.record_exercise("swot", score, max, day(0));
        }
        assert_eq!(study.exercise_scores["swot"].len(), 3);
        assert_eq!(study.exercise_summary("swot"), Some((50, 100)));
    }

    #[test]
    fn worksheet_fields_are_stored_and_emptied_ones_forgotten() {
        let mut study = StudyState::default();
        study.set_worksheet_field("ws", "baseline", "平均 52 小时");
        study.set_worksheet_field("ws", "causes", "流转等待");
        assert_eq!(study.worksheets["ws"]["baseline"], "平均 52 小时");
        study.set_worksheet_field("ws", "baseline", "");
        study.set_worksheet_field("ws", "causes", "");
        assert!(study.worksheets.is_empty());
    }

    #[test]
    fn my_swots_are_replaced_by_id() {
        let mut study = StudyState::default();
        let mut swot = MySwot::new(1, "a".into(), day(0));
        study.save_my_swot(swot.clone());
        swot.title = "b".into();
        study.save_my_swot(swot);
        study.save_my_swot(MySwot::new(2, "c".into(), day(0)));
        let titles: Vec<&str> = study.my_swot.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["b", "c"]);
        study.delete_my_swot(1);
        assert_eq!(study.my_swot.len(), 1);
    }

    #[test]
    fn an_older_study_file_still_loads() {
        let old = "(reviews: {}, mistakes: {}, favourites: [\"q\"])";
        let study: StudyState = ron::from_str(old).unwrap();
        assert!(study.favourites.contains("q"));
        assert!(study.worksheets.is_empty() && study.my_swot.is_empty());
    }

    #[test]
    fn favourites_toggle() {
        let mut study = StudyState::default();
        study.toggle_favourite("q");
        assert!(study.favourites.contains("q"));
        study.toggle_favourite("q");
        assert!(study.favourites.is_empty());
    }
}
