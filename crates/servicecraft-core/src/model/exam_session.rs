//! A mock exam being sat: the paper, the answers and flags so far, the clock (which runs only
//! while the exam is on screen, so it survives leaving it and closing the app), and the learner's
//! own marking of written answers after submission. Saved with the study state (`study.ron`,
//! field `exam`) until its result is recorded.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::Response;
use super::exam::Paper;

/// A mock exam from its start screen to its recorded result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExamSession {
    /// The id of the pack the paper was drawn from: the exam continues only with that pack open.
    pub pack: String,
    pub paper: Paper,
    /// When 开始考试 was pressed; `None` while the start screen shows.
    pub started: Option<DateTime<Utc>>,
    /// Seconds on the clock before `running_since` (the time used while paused).
    pub used_seconds: i64,
    /// Since when the clock runs; `None` while paused (start screen, elsewhere, app closed).
    /// Not saved: a reopened exam is paused until the learner continues it.
    #[serde(skip)]
    pub running_since: Option<DateTime<Utc>>,
    pub answers: BTreeMap<String, Response>,
    pub flagged: BTreeSet<String>,
    /// The item on screen.
    pub current: usize,
    pub submitted: Option<DateTime<Utc>>,
    /// The scoring points the learner says each written answer covers (set while marking).
    pub marks: BTreeMap<String, BTreeSet<usize>>,
    /// The learner confirmed the marking; the report is final.
    pub marked: bool,
    /// Whether choice options are shown in a shuffled order in this sitting (the learner's
    /// setting when the paper was drawn). Saved, so a continued exam shows the order it showed
    /// before; exams saved before shuffling existed read as `false`, their printed order.
    pub shuffle: bool,
    /// The seed of this sitting's option orders (see [`ExamSession::option_order`]).
    pub seed: u64,
}

impl Default for ExamSession {
    fn default() -> Self {
        Self::new(String::new(), Paper::default())
    }
}

impl ExamSession {
    /// A paper on its start screen: the clock has not started.
    pub fn new(pack: String, paper: Paper) -> Self {
        Self {
            pack,
            paper,
            started: None,
            used_seconds: 0,
            running_since: None,
            answers: BTreeMap::new(),
            flagged: BTreeSet::new(),
            current: 0,
            submitted: None,
            marks: BTreeMap::new(),
            marked: false,
            shuffle: false,
            seed: 0,
        }
    }

    /// The same paper with its choice options shuffled per sitting by `seed`.
    pub fn shuffled(mut self, seed: u64) -> Self {
        self.shuffle = true;
        self.seed = seed;
        self
    }

    /// The order `options` of item `id` are shown in during this sitting: `order[shown] = index
    /// in the pack`. Answers stay recorded against the pack's indices; options such as
    /// 以上都对 stay last (see [`crate::model::shuffle::option_order`]).
    pub fn option_order(&self, id: &str, options: &[String]) -> Vec<usize> {
        use crate::model::shuffle;
        if self.shuffle {
            shuffle::option_order(options, shuffle::attempt_seed(id, self.seed))
        } else {
            shuffle::printed(options.len())
        }
    }

    /// 开始考试, or continuing a paused exam: the clock runs from `now`.
    pub fn resume(&mut self, now: DateTime<Utc>) {
        if self.submitted.is_some() || self.running_since.is_some() {
            return;
        }
        self.started.get_or_insert(now);
        self.running_since = Some(now);
    }

    /// Stops the clock (leaving the exam, closing the app), keeping the time used.
    pub fn pause(&mut self, now: DateTime<Utc>) {
        if let Some(since) = self.running_since.take() {
            self.used_seconds += (now - since).num_seconds().max(0);
            self.used_seconds = self.used_seconds.min(self.limit().num_seconds());
        }
    }

    /// A copy to save: the clock folded into `used_seconds`, as a reopened app will find it.
    pub fn snapshot(&self, now: DateTime<Utc>) -> Self {
        let mut copy = self.clone();
        copy.pause(now);
        copy
    }

    pub fn is_started(&self) -> bool {
        self.started.is_some()
    }

    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    /// The paper's time.
    pub fn limit(&self) -> Duration {
        Duration::minutes(i64::from(self.paper.minutes))
    }

    /// Time on the clock so far.
    pub fn used(&self, now: DateTime<Utc>) -> Duration {
        let running = self.running_since.map_or(Duration::zero(), |since| {
            (now - since).max(Duration::zero())
        });
        (Duration::seconds(self.used_seconds) + running).min(self.limit())
    }

    pub fn remaining(&self, now: DateTime<Utc>) -> Duration {
        (self.limit() - self.used(now)).max(Duration::zero())
    }

    /// Whether the clock should warn: the last tenth of the time, and at most the last five
    /// minutes (a 5-minute paper is not red from its first second).
    pub fn time_is_short(&self, now: DateTime<Utc>) -> bool {
        let warn = (self.limit().num_seconds() / 10).min(300);
        self.remaining(now).num_seconds() <= warn
    }

    pub fn is_submitted(&self) -> bool {
        self.submitted.is_some()
    }

    /// Indices of the paper's items with no answer yet.
    pub fn unanswered(&self) -> Vec<usize> {
        self.paper
            .items
            .iter()
            .enumerate()
            .filter(|(_, item)| !self.answers.get(&item.id).is_some_and(is_answered))
            .map(|(i, _)| i)
            .collect()
    }

    pub fn answer(&mut self, id: &str, response: Response) {
        if !self.is_submitted() {
            self.answers.insert(id.to_owned(), response);
        }
    }

    pub fn toggle_flag(&mut self, id: &str) {
        if !self.flagged.remove(id) {
            self.flagged.insert(id.to_owned());
        }
    }

    /// Hands the paper in: the clock stops; written answers wait for the learner's marking.
    pub fn submit(&mut self, now: DateTime<Utc>) {
        if self.submitted.is_none() {
            self.pause(now);
            self.started.get_or_insert(now);
            self.submitted = Some(now);
        }
    }

    /// Submits by itself when the time is up; true if it did so now.
    pub fn tick(&mut self, now: DateTime<Utc>) -> bool {
        if self.submitted.is_none() && self.is_running() && self.remaining(now).is_zero() {
            self.submit(now);
            return true;
        }
        false
    }

    /// Ticks or unticks scoring point `point` of written answer `id` while marking.
    pub fn set_mark(&mut self, id: &str, point: usize, covered: bool) {
        if self.marked {
            return;
        }
        let marks = self.marks.entry(id.to_owned()).or_default();
        if covered {
            marks.insert(point);
        } else {
            marks.remove(&point);
        }
    }
}

fn is_answered(response: &Response) -> bool {
    match response {
        Response::Choices(picked) => !picked.is_empty(),
        Response::TrueFalse(_) => true,
        Response::Written { text, .. } => !text.trim().is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::QuestionType;
    use crate::model::exam::PaperItem;

    fn t(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_780_000_000 + seconds, 0).unwrap()
    }

    fn paper(minutes: u32) -> Paper {
        Paper {
            id: "mock".into(),
            title: "t".into(),
            minutes,
            pass_percent: 60,
            items: vec![PaperItem {
                id: "q".into(),
                chapter: 0,
                section: QuestionType::TrueFalse,
                case: None,
            }],
        }
    }

    #[test]
    fn the_clock_runs_only_while_the_exam_is_on_screen() {
        let mut exam = ExamSession::new("p".into(), paper(10));
        assert_eq!(
            exam.remaining(t(500)),
            Duration::minutes(10),
            "start screen"
        );
        exam.resume(t(1000));
        assert_eq!(exam.remaining(t(1060)), Duration::minutes(9));
        exam.pause(t(1120));
        assert_eq!(exam.remaining(t(99_000)), Duration::minutes(8), "paused");
        exam.resume(t(100_000));
        assert_eq!(exam.remaining(t(100_060)), Duration::minutes(7));
        assert_eq!(exam.started, Some(t(1000)));
    }

    #[test]
    fn a_saved_exam_comes_back_paused_with_its_time_and_answers() {
        let mut exam = ExamSession::new("p".into(), paper(10));
        exam.resume(t(0));
        exam.answer("q", Response::TrueFalse(true));
        exam.toggle_flag("q");
        let text = ron::to_string(&exam.snapshot(t(90))).unwrap();
        let back: ExamSession = ron::from_str(&text).unwrap();
        assert!(!back.is_running());
        assert_eq!(back.remaining(t(5000)), Duration::seconds(510));
        assert_eq!(back.answers, exam.answers);
        assert!(back.flagged.contains("q"));
    }

    #[test]
    fn time_up_submits_once_and_only_while_running() {
        let mut exam = ExamSession::new("p".into(), paper(10));
        assert!(!exam.tick(t(10_000)), "not started");
        exam.resume(t(0));
        assert!(!exam.tick(t(599)));
        assert!(exam.tick(t(600)));
        assert!(!exam.tick(t(601)));
        exam.answer("q", Response::TrueFalse(false));
        assert!(exam.answers.is_empty(), "no answers after submission");
        assert_eq!(exam.used(t(700)), Duration::minutes(10));
    }

    #[test]
    fn a_five_minute_timer_is_not_red_from_its_first_second() {
        let mut exam = ExamSession::new("p".into(), paper(5));
        exam.resume(t(0));
        assert!(!exam.time_is_short(t(1)));
        assert!(!exam.time_is_short(t(269)));
        assert!(exam.time_is_short(t(270)), "last 10 %");
        let mut long = ExamSession::new("p".into(), paper(90));
        long.resume(t(0));
        assert!(!long.time_is_short(t(60 * 84)));
        assert!(long.time_is_short(t(60 * 85)), "last five minutes");
    }

    fn options(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| (*t).to_owned()).collect()
    }

    #[test]
    fn a_sitting_keeps_its_option_order_and_the_next_sitting_gets_another() {
        let four = options(&["甲", "乙", "丙", "丁"]);
        let printed = ExamSession::new("p".into(), paper(10));
        assert_eq!(printed.option_order("q", &four), vec![0, 1, 2, 3]);
        let sitting = ExamSession::new("p".into(), paper(10)).shuffled(7);
        let order = sitting.option_order("q", &four);
        assert_eq!(order, sitting.option_order("q", &four), "redrawn alike");
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, vec![0, 1, 2, 3], "a permutation");
        // Saved and read back (as a continued exam is), the order is the one shown before.
        let saved = ron::to_string(&sitting).unwrap();
        let reread: ExamSession = ron::from_str(&saved).unwrap();
        assert_eq!(reread.option_order("q", &four), order);
        // Across sittings the orders differ: not all of 20 seeds give the first one's order.
        let others: Vec<Vec<usize>> = (8..28)
            .map(|seed| {
                ExamSession::new("p".into(), paper(10))
                    .shuffled(seed)
                    .option_order("q", &four)
            })
            .collect();
        assert!(others.iter().any(|o| *o != order));
        assert!(others.iter().any(|o| o[0] != 0), "the first option moves");
    }

    #[test]
    fn an_exam_saved_before_shuffling_continues_in_printed_order() {
        // The fields of a session saved by the previous version: no `shuffle`, no `seed`.
        let old = r#"(pack: "p", paper: (id: "mock", title: "t", minutes: 10, pass_percent: 60,
            items: []), started: None, used_seconds: 0, answers: {}, flagged: [], current: 0,
            submitted: None, marks: {}, marked: false)"#;
        let exam: ExamSession = ron::from_str(old).unwrap();
        assert!(!exam.shuffle);
        let three = options(&["甲", "乙", "以上都对"]);
        assert_eq!(exam.option_order("q", &three), vec![0, 1, 2]);
        // Shuffled, 以上都对 stays last.
        for seed in 0..20 {
            assert_eq!(exam.clone().shuffled(seed).option_order("q", &three)[2], 2);
        }
    }
}
