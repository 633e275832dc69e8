//! Mock exams: drawing a paper from the pack and the report, with written answers marked by
//! the learner (keyword hits are hints only). The exam being sat is in `exam_session`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use super::exam_session::ExamSession;
use super::{
    Grade, MockExamSpec, Pack, QuestionKind, QuestionType, Response, grade, keyword_hits,
    only_keywords,
};

/// One answerable question on a paper.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperItem {
    pub id: String,
    pub chapter: usize,
    /// The paper section it is in; case parts are in the case section.
    pub section: QuestionType,
    /// The case a part belongs to.
    pub case: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
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

/// How a written answer was marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marking {
    /// The learner ticked the scoring points it covers against the model answer (自评).
    SelfMarked,
    /// The answer is only the scoring points' keywords: no points, whatever was ticked.
    KeywordsOnly,
    /// Nothing was written.
    Blank,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ItemResult {
    pub id: String,
    pub response: Option<Response>,
    pub grade: Grade,
    /// For written answers: how they were marked, and how many scoring points the keyword
    /// hints suggested (shown beside the learner's own marking, never counted).
    pub marking: Option<(Marking, usize)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExamReport {
    pub score: f32,
    pub max: f32,
    pub passed: bool,
    /// Time on the clock, in seconds.
    pub used_seconds: i64,
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

    pub fn percent(&self) -> f32 {
        if self.max > 0.0 {
            self.score / self.max * 100.0
        } else {
            0.0
        }
    }
}

/// The written answers on a submitted paper the learner has to mark: those with text that is
/// more than a list of keywords.
pub fn to_mark(pack: &Pack, session: &ExamSession) -> Vec<String> {
    session
        .paper
        .items
        .iter()
        .filter(|item| {
            let Some((_, question, _)) = pack.question(&item.id) else {
                return false;
            };
            let QuestionKind::ShortAnswer { points, .. } = &question.kind else {
                return false;
            };
            match session.answers.get(&item.id) {
                Some(Response::Written { text, .. }) => {
                    !text.trim().is_empty() && !only_keywords(text, points)
                }
                _ => false,
            }
        })
        .map(|item| item.id.clone())
        .collect()
}

/// Grades every item. A written answer scores the scoring points the learner marked
/// (`session.marks`); one that is only the keywords scores nothing.
pub fn report(pack: &Pack, session: &ExamSession) -> ExamReport {
    let scoring = &pack.manifest.scoring;
    let mut by_chapter: BTreeMap<usize, (f32, f32)> = BTreeMap::new();
    let mut by_type: Vec<(QuestionType, f32, f32)> = Vec::new();
    let mut results = Vec::new();
    for item in &session.paper.items {
        let Some((_, question, _)) = pack.question(&item.id) else {
            continue;
        };
        let mut marking = None;
        let response = session
            .answers
            .get(&item.id)
            .cloned()
            .map(|r| match (&question.kind, r) {
                (QuestionKind::ShortAnswer { points, .. }, Response::Written { text, .. }) => {
                    let hints = keyword_hits(&text, points).iter().filter(|h| **h).count();
                    let how = if text.trim().is_empty() {
                        Marking::Blank
                    } else if only_keywords(&text, points) {
                        Marking::KeywordsOnly
                    } else {
                        Marking::SelfMarked
                    };
                    marking = Some((how, hints));
                    let covered = match how {
                        Marking::SelfMarked => session
                            .marks
                            .get(&item.id)
                            .map(|m| m.iter().copied().collect())
                            .unwrap_or_default(),
                        Marking::KeywordsOnly | Marking::Blank => Vec::new(),
                    };
                    Response::Written { text, covered }
                }
                (_, other) => other,
            });
        if marking.is_none() && matches!(question.kind, QuestionKind::ShortAnswer { .. }) {
            marking = Some((Marking::Blank, 0));
        }
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
            marking,
        });
    }
    // Folds from +0.0 (`Sum` for floats starts at -0.0, which prints as "-0.0").
    let score = results.iter().fold(0.0, |t, r| t + r.grade.score);
    let max = results.iter().fold(0.0, |t, r| t + r.grade.max);
    let passed = max > 0.0 && score / max * 100.0 >= session.paper.pass_percent as f32 - 1e-4;
    let used_seconds = session
        .submitted
        .map_or(session.used_seconds, |at| session.used(at).num_seconds());
    ExamReport {
        score,
        max,
        passed,
        used_seconds,
        by_chapter: by_chapter
            .into_iter()
            .map(|(c, (s, m))| (c, s, m))
            .collect(),
        by_type,
        results,
    }
}

/// The points each section of a paper is worth and how many items it has, in exam order (the
/// start screen).
pub fn sections(pack: &Pack, paper: &Paper) -> Vec<(QuestionType, usize, f32)> {
    let mut out: Vec<(QuestionType, usize, f32)> = Vec::new();
    for item in &paper.items {
        let points = pack.question(&item.id).map_or(0.0, |(_, q, _)| {
            super::max_points(&q.kind, &pack.manifest.scoring)
        });
        match out.iter_mut().find(|(t, ..)| *t == item.section) {
            Some(entry) => {
                entry.1 += 1;
                entry.2 += points;
            }
            None => out.push((item.section, 1, points)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

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
    fn reports_score_by_chapter_and_type() {
        let pack = starter();
        let mut exam = ExamSession::new("p".into(), assemble(&pack, &spec(10), 1));
        exam.resume(t(0));
        assert_eq!(exam.unanswered().len(), 6);
        exam.answer("ex.q.single", Response::Choices(vec![1]));
        exam.answer("ex.q.multiple", Response::Choices(vec![0, 1]));
        exam.answer("ex.q.truefalse", Response::TrueFalse(true));
        exam.answer(
            "ex.q.short",
            Response::Written {
                text: "先耐心倾听顾客，再真诚道歉".into(),
                covered: vec![],
            },
        );
        exam.answer("ex.q.case.2", Response::TrueFalse(true));
        exam.toggle_flag("ex.q.case.1");
        assert_eq!(exam.unanswered(), vec![4]);
        exam.submit(t(30));
        assert_eq!(to_mark(&pack, &exam), vec!["ex.q.short".to_owned()]);
        // The learner marks the two scoring points the answer covers.
        exam.set_mark("ex.q.short", 0, true);
        exam.set_mark("ex.q.short", 1, true);
        let report = report(&pack, &exam);
        assert_eq!(report.used_seconds, 30);
        // single 1 + multiple partial 2×2/3 + tf 0 + short 2 of 4 + case tf 1 (+ case single 0)
        let expected = 1.0 + 4.0 / 3.0 + 0.0 + 2.0 + 1.0;
        let short = report
            .results
            .iter()
            .find(|r| r.id == "ex.q.short")
            .unwrap();
        assert_eq!(short.marking, Some((Marking::SelfMarked, 2)));
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

    fn short_answer_paper(pack: &Pack, text: &str) -> ExamSession {
        let mut only_short = spec(10);
        (
            only_short.single,
            only_short.multiple,
            only_short.true_false,
            only_short.case,
        ) = (0, 0, 0, 0);
        let mut exam = ExamSession::new("p".into(), assemble(pack, &only_short, 1));
        exam.resume(t(0));
        exam.answer(
            "ex.q.short",
            Response::Written {
                text: text.into(),
                covered: vec![0, 1],
            },
        );
        exam.submit(t(10));
        exam
    }

    #[test]
    fn a_bare_keyword_list_scores_nothing_even_when_ticked() {
        let pack = starter();
        let keywords: Vec<String> = match &pack.question("ex.q.short").unwrap().1.kind {
            QuestionKind::ShortAnswer { points, .. } => {
                points.iter().flat_map(|p| p.keywords.clone()).collect()
            }
            _ => unreachable!(),
        };
        let mut exam = short_answer_paper(&pack, &keywords.join(" "));
        assert!(to_mark(&pack, &exam).is_empty(), "nothing to mark");
        exam.set_mark("ex.q.short", 0, true);
        exam.set_mark("ex.q.short", 1, true);
        let report = report(&pack, &exam);
        assert_eq!(report.score, 0.0);
        assert_eq!(
            report.results[0].marking.map(|m| m.0),
            Some(Marking::KeywordsOnly)
        );
    }

    #[test]
    fn keyword_hits_alone_never_score_a_written_answer() {
        let pack = starter();
        // The response's own `covered` (as a keyword pass would fill it) is ignored: only the
        // learner's marks count, and there are none yet.
        let exam = short_answer_paper(&pack, "先认真倾听顾客的诉说，再真诚地道歉并说明原因");
        let report = report(&pack, &exam);
        assert_eq!(report.score, 0.0);
        assert!(
            report.results[0]
                .marking
                .is_some_and(|(how, hints)| how == Marking::SelfMarked && hints > 0)
        );
    }

    #[test]
    fn an_english_or_empty_answer_scores_plain_zero() {
        let pack = starter();
        for text in ["I would listen and say sorry", "", "   "] {
            let exam = short_answer_paper(&pack, text);
            let report = report(&pack, &exam);
            assert_eq!(format!("{:.1}", report.score), "0.0", "{text:?}");
            assert!(report.score.is_sign_positive());
        }
    }
}
