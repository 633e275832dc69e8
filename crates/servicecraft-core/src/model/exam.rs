//! Mock exams: drawing a paper from the pack, the countdown and auto-submit, and the report.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, Utc};

use super::{
    Grade, MockExamSpec, Pack, QuestionKind, QuestionType, Response, covered_by_keywords, grade,
};

/// One answerable question on a paper.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaperItem {
    pub id: String,
    pub chapter: usize,
    /// The paper section it is in; case parts are in the case section.
    pub section: QuestionType,
    /// The case a part belongs to.
    pub case: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Paper {
    /// The mock exam's id in the pack (logged with each answer, so results name the exam).
    pub id: String,
    pub title: String,
    pub minutes: u32,
    pub pass_percent: u32,
    pub items: Vec<PaperItem>,
}

/// Draws a paper for `spec` with a seeded shuffle: as many questions of each type as asked (or
/// all there are), from the chosen chapters, in exam order (单选, 多选, 判断, 简答, 案例).
pub fn assemble(pack: &Pack, spec: &MockExamSpec, seed: u64) -> Paper {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut items = Vec::new();
    for (section, wanted, mut pool) in blueprint(pack, spec) {
        rng.shuffle(&mut pool);
        for (chapter, question) in pool.into_iter().take(wanted) {
            let case =
                matches!(question.kind, QuestionKind::Case { .. }).then(|| question.id.clone());
            for id in Pack::answerable_ids(question) {
                items.push(PaperItem {
                    id,
                    chapter,
                    section,
                    case: case.clone(),
                });
            }
        }
    }
    Paper {
        id: spec.id.clone(),
        title: spec.title.clone(),
        minutes: spec.minutes,
        pass_percent: spec.pass_percent,
        items,
    }
}

/// The questions one section of a paper draws from: (chapter index, question).
pub type Pool<'a> = Vec<(usize, &'a super::Question)>;

/// The sections of `spec`'s paper in exam order: each with its type, how many questions it
/// asks for, and the pool it draws them from (chapter index, question), before any shuffle.
/// Drawing a paper and the readiness simulation both read the blueprint from here.
pub fn blueprint<'a>(pack: &'a Pack, spec: &MockExamSpec) -> Vec<(QuestionType, usize, Pool<'a>)> {
    let allowed = |c: usize| {
        spec.chapters.is_empty()
            || pack
                .chapters
                .get(c)
                .is_some_and(|ch| spec.chapters.contains(&ch.id))
    };
    let is_essay =
        |q: &super::Question| matches!(q.kind, QuestionKind::ShortAnswer { essay: true, .. });
    // With essays asked for apart, the short-answer section draws only 简答 (`Some(false)`).
    let split_essays = spec.essay > 0;
    [
        (QuestionType::Single, None, spec.single),
        (QuestionType::Multiple, None, spec.multiple),
        (QuestionType::TrueFalse, None, spec.true_false),
        (
            QuestionType::ShortAnswer,
            split_essays.then_some(false),
            spec.short_answer,
        ),
        (QuestionType::ShortAnswer, Some(true), spec.essay),
        (QuestionType::Case, None, spec.case),
    ]
    .into_iter()
    .map(|(section, essays, wanted)| {
        let pool = pack
            .questions()
            .filter(|(c, q)| {
                allowed(*c)
                    && q.kind.question_type() == section
                    && essays.is_none_or(|essay: bool| is_essay(q) == essay)
            })
            .collect();
        (section, wanted as usize, pool)
    })
    .collect()
}

/// A mock exam being sat.
#[derive(Clone, Debug)]
pub struct ExamSession {
    pub paper: Paper,
    pub started: DateTime<Utc>,
    pub answers: BTreeMap<String, Response>,
    pub flagged: BTreeSet<String>,
    pub submitted: Option<DateTime<Utc>>,
}

impl ExamSession {
    pub fn new(paper: Paper, now: DateTime<Utc>) -> Self {
        Self {
            paper,
            started: now,
            answers: BTreeMap::new(),
            flagged: BTreeSet::new(),
            submitted: None,
        }
    }

    pub fn deadline(&self) -> DateTime<Utc> {
        self.started + Duration::minutes(i64::from(self.paper.minutes))
    }

    pub fn remaining(&self, now: DateTime<Utc>) -> Duration {
        (self.deadline() - now).max(Duration::zero())
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

    pub fn submit(&mut self, now: DateTime<Utc>) {
        if self.submitted.is_none() {
            self.submitted = Some(now.min(self.deadline()));
        }
    }

    /// Submits by itself when the time is up; true if it did so now.
    pub fn tick(&mut self, now: DateTime<Utc>) -> bool {
        if self.submitted.is_none() && now >= self.deadline() {
            self.submit(now);
            return true;
        }
        false
    }
}

fn is_answered(response: &Response) -> bool {
    match response {
        Response::Choices(picked) => !picked.is_empty(),
        Response::TrueFalse(_) => true,
        Response::Written { text, .. } => !text.trim().is_empty(),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ItemResult {
    pub id: String,
    pub response: Option<Response>,
    pub grade: Grade,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExamReport {
    pub score: f32,
    pub max: f32,
    pub passed: bool,
    /// (chapter index, score, max), in chapter order.
    pub by_chapter: Vec<(usize, f32, f32)>,
    /// (section, score, max), in exam order.
    pub by_type: Vec<(QuestionType, f32, f32)>,
    pub results: Vec<ItemResult>,
}

impl ExamReport {
    pub fn wrong(&self) -> impl Iterator<Item = &ItemResult> {
        self.results.iter().filter(|r| !r.grade.is_correct())
    }
}

/// Grades every item; written answers are marked by the keywords of their scoring points.
pub fn report(pack: &Pack, session: &ExamSession) -> ExamReport {
    let scoring = &pack.manifest.scoring;
    let mut by_chapter: BTreeMap<usize, (f32, f32)> = BTreeMap::new();
    let mut by_type: Vec<(QuestionType, f32, f32)> = Vec::new();
    let mut results = Vec::new();
    for item in &session.paper.items {
        let Some((_, question, _)) = pack.question(&item.id) else {
            continue;
        };
        let response = session
            .answers
            .get(&item.id)
            .cloned()
            .map(|r| match (&question.kind, r) {
                (QuestionKind::ShortAnswer { points, .. }, Response::Written { text, .. }) => {
                    let covered = covered_by_keywords(&text, points);
                    Response::Written { text, covered }
                }
                (_, other) => other,
            });
        let max = super::max_points(&question.kind, scoring);
        let graded = response
            .as_ref()
            .and_then(|r| grade(&question.kind, r, scoring))
            .unwrap_or(Grade { score: 0.0, max });
        let chapter = by_chapter.entry(item.chapter).or_default();
        chapter.0 += graded.score;
        chapter.1 += graded.max;
        match by_type.iter_mut().find(|(t, ..)| *t == item.section) {
            Some(entry) => {
                entry.1 += graded.score;
                entry.2 += graded.max;
            }
            None => by_type.push((item.section, graded.score, graded.max)),
        }
        results.push(ItemResult {
            id: item.id.clone(),
            response,
            grade: graded,
        });
    }
    let score: f32 = results.iter().map(|r| r.grade.score).sum();
    let max: f32 = results.iter().map(|r| r.grade.max).sum();
    let passed = max > 0.0 && score / max * 100.0 >= session.paper.pass_percent as f32 - 1e-4;
    ExamReport {
        score,
        max,
        passed,
        by_chapter: by_chapter
            .into_iter()
            .map(|(c, (s, m))| (c, s, m))
            .collect(),
        by_type,
        results,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{load_pack, starter_source};

    fn starter() -> Pack {
        load_pack(&starter_source()).pack.unwrap()
    }

    fn spec(minutes: u32) -> MockExamSpec {
        MockExamSpec {
            id: "m".into(),
            title: "t".into(),
            minutes,
            single: 5,
            multiple: 1,
            true_false: 1,
            short_answer: 1,
            essay: 0,
            case: 1,
            chapters: vec![],
            pass_percent: 60,
        }
    }

    fn t(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_780_000_000 + seconds, 0).unwrap()
    }

    #[test]
    fn papers_follow_the_spec_and_exam_order() {
        let pack = starter();
        let paper = assemble(&pack, &spec(10), 7);
        let sections: Vec<QuestionType> = paper.items.iter().map(|i| i.section).collect();
        // The starter has one question of each kind; the case expands to its two parts.
        use QuestionType::*;
        assert_eq!(
            sections,
            vec![Single, Multiple, TrueFalse, ShortAnswer, Case, Case]
        );
        assert_eq!(paper.items[4].case.as_deref(), Some("ex.q.case"));
        assert_eq!(
            assemble(&pack, &spec(10), 7),
            paper,
            "same seed, same paper"
        );
    }

    #[test]
    fn essays_drawn_apart_leave_short_answers_without_them() {
        let pack = crate::pack::load_pack(&crate::pack::builtin_source())
            .pack
            .unwrap();
        let is_essay = |id: &str| {
            pack.question(id).is_some_and(|(_, q, _)| {
                matches!(q.kind, QuestionKind::ShortAnswer { essay: true, .. })
            })
        };
        let mut skills = spec(60);
        (
            skills.single,
            skills.multiple,
            skills.true_false,
            skills.case,
        ) = (0, 0, 0, 0);
        (skills.short_answer, skills.essay) = (4, 2);
        for seed in 0..20 {
            let paper = assemble(&pack, &skills, seed);
            let essays = paper.items.iter().filter(|i| is_essay(&i.id)).count();
            assert_eq!((paper.items.len(), essays), (6, 2), "seed {seed}");
        }
    }

    #[test]
    fn the_clock_auto_submits_at_the_deadline() {
        let pack = starter();
        let mut exam = ExamSession::new(assemble(&pack, &spec(10), 1), t(0));
        assert_eq!(exam.remaining(t(60)), Duration::minutes(9));
        assert!(!exam.tick(t(599)));
        exam.answer("ex.q.single", Response::Choices(vec![1]));
        assert!(exam.tick(t(600)));
        assert!(!exam.tick(t(601)), "submits once");
        assert_eq!(exam.submitted, Some(t(600)));
        exam.answer("ex.q.truefalse", Response::TrueFalse(false));
        assert!(
            !exam.answers.contains_key("ex.q.truefalse"),
            "no answers after submission"
        );
        assert_eq!(exam.remaining(t(700)), Duration::zero());
    }

    #[test]
    fn reports_score_by_chapter_and_type() {
        let pack = starter();
        let mut exam = ExamSession::new(assemble(&pack, &spec(10), 1), t(0));
        assert_eq!(exam.unanswered().len(), 6);
        exam.answer("ex.q.single", Response::Choices(vec![1]));
        exam.answer("ex.q.multiple", Response::Choices(vec![0, 1]));
        exam.answer("ex.q.truefalse", Response::TrueFalse(true));
        exam.answer(
            "ex.q.short",
            Response::Written {
                text: "先倾听，再道歉".into(),
                covered: vec![],
            },
        );
        exam.answer("ex.q.case.2", Response::TrueFalse(true));
        exam.toggle_flag("ex.q.case.1");
        assert_eq!(exam.unanswered(), vec![4]);
        exam.submit(t(30));
        let report = report(&pack, &exam);
        // single 1 + multiple partial 2×2/3 + tf 0 + short 2 of 4 + case tf 1 (+ case single 0)
        let expected = 1.0 + 4.0 / 3.0 + 0.0 + 2.0 + 1.0;
        assert!((report.score - expected).abs() < 1e-4, "{report:?}");
        assert_eq!(report.max, 1.0 + 2.0 + 1.0 + 4.0 + 2.0);
        assert!(!report.passed);
        assert_eq!(report.by_chapter.len(), 1);
        assert_eq!(report.by_type.len(), 5);
        let wrong: Vec<&str> = report.wrong().map(|r| r.id.as_str()).collect();
        assert_eq!(
            wrong,
            vec![
                "ex.q.multiple",
                "ex.q.truefalse",
                "ex.q.short",
                "ex.q.case.1"
            ]
        );
    }
}
