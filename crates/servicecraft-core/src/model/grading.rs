//! Grading answers: single, multiple (all-or-nothing or partial credit), true/false and
//! short answers scored by the points the learner covered.

use serde::{Deserialize, Serialize};

use super::{MultipleScoring, QuestionKind, Scoring, ScoringPoint, answer_indices};

/// What the learner answered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Response {
    /// Option indices picked (one for single choice).
    Choices(Vec<usize>),
    TrueFalse(bool),
    /// A written answer and the scoring points the learner says it covers.
    Written {
        text: String,
        covered: Vec<usize>,
    },
}

impl Response {
    /// The answer as the learner's record keeps it: option letters ("AC"), "true"/"false", or
    /// the written text followed by the scoring points the learner ticked.
    pub fn record_text(&self) -> String {
        match self {
            Self::Choices(picked) => picked
                .iter()
                .map(|&i| crate::model::option_letter(i))
                .collect(),
            Self::TrueFalse(value) => value.to_string(),
            Self::Written { text, covered } if covered.is_empty() => text.clone(),
            Self::Written { text, covered } => {
                let points: Vec<String> = covered.iter().map(|i| (i + 1).to_string()).collect();
                format!("{text}\n[points: {}]", points.join(","))
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    pub score: f32,
    pub max: f32,
}

impl Grade {
    pub fn is_correct(&self) -> bool {
        self.max > 0.0 && self.score >= self.max - 1e-4
    }

    pub fn fraction(&self) -> f32 {
        if self.max > 0.0 {
            (self.score / self.max).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

/// The most a question of this kind is worth (a case is worth the sum of its parts).
pub fn max_points(kind: &QuestionKind, scoring: &Scoring) -> f32 {
    match kind {
        QuestionKind::Single { .. } => scoring.single_points,
        QuestionKind::Multiple { .. } => scoring.multiple_points,
        QuestionKind::TrueFalse { .. } => scoring.true_false_points,
        QuestionKind::ShortAnswer { points, .. } => points.iter().map(|p| p.score as f32).sum(),
        QuestionKind::Case { questions, .. } => {
            questions.iter().map(|q| max_points(&q.kind, scoring)).sum()
        }
    }
}

/// Grades `response` against `kind`; `None` when the response does not fit the question (or the
/// question is a case, whose sub-questions are graded one by one).
pub fn grade(kind: &QuestionKind, response: &Response, scoring: &Scoring) -> Option<Grade> {
    let max = max_points(kind, scoring);
    let score = match (kind, response) {
        (QuestionKind::Single { answer, .. }, Response::Choices(picked)) => {
            let correct = answer_indices(answer)?;
            if picked.len() == 1 && correct.first() == picked.first() {
                max
            } else {
                0.0
            }
        }
        (QuestionKind::Multiple { answer, .. }, Response::Choices(picked)) => {
            let mut correct = answer_indices(answer)?;
            correct.sort_unstable();
            correct.dedup();
            let mut picked = picked.clone();
            picked.sort_unstable();
            picked.dedup();
            let wrong_pick = picked.iter().any(|p| !correct.contains(p));
            if wrong_pick || picked.is_empty() {
                0.0
            } else if picked == correct {
                max
            } else {
                match scoring.multiple {
                    MultipleScoring::AllOrNothing => 0.0,
                    MultipleScoring::Partial => max * picked.len() as f32 / correct.len() as f32,
                }
            }
        }
        (QuestionKind::TrueFalse { answer }, Response::TrueFalse(given)) => {
            if answer == given {
                max
            } else {
                0.0
            }
        }
        (QuestionKind::ShortAnswer { points, .. }, Response::Written { covered, .. }) => {
            let mut covered = covered.clone();
            covered.sort_unstable();
            covered.dedup();
            covered
                .iter()
                .filter_map(|&i| points.get(i))
                // A fold from +0.0: `Sum` for floats starts at -0.0, and an empty answer would
                // show as "-0.0".
                .fold(0.0, |total, p| total + p.score as f32)
        }
        _ => return None,
    };
    Some(Grade { score, max })
}

/// For each scoring point, whether one of its keywords appears in `text` (a hint, not a verdict).
pub fn keyword_hits(text: &str, points: &[ScoringPoint]) -> Vec<bool> {
    let text = text.to_lowercase();
    points
        .iter()
        .map(|p| p.keywords.iter().any(|k| contains_keyword(&text, k)))
        .collect()
}

/// Whether `keyword` occurs in `text` (already lower-cased). A Latin keyword must stand as a
/// word of its own, so `ST` does not match "strength" and `WO` does not match "SWOT"; Chinese
/// has no spaces between words, so a Chinese keyword matches anywhere.
fn contains_keyword(text: &str, keyword: &str) -> bool {
    let keyword = keyword.trim().to_lowercase();
    if keyword.is_empty() {
        return false;
    }
    let latin = |c: char| c.is_ascii_alphanumeric();
    let (starts_latin, ends_latin) = (
        keyword.chars().next().is_some_and(latin),
        keyword.chars().next_back().is_some_and(latin),
    );
    text.match_indices(&keyword).any(|(at, found)| {
        let before = text[..at].chars().next_back();
        let after = text[at + found.len()..].chars().next();
        let glued_before = starts_latin && before.is_some_and(latin);
        let glued_after = ends_latin && after.is_some_and(latin);
        !(glued_before || glued_after)
    })
}

/// Whether a written answer is nothing but scoring-point keywords (and separators): such a
/// list says what a good answer mentions without answering, so it earns no points by itself.
/// What is left once every keyword, space, punctuation mark and list number is taken out must
/// be at least a few characters.
pub fn only_keywords(text: &str, points: &[ScoringPoint]) -> bool {
    let mut rest = text.to_lowercase();
    let mut keywords: Vec<String> = points
        .iter()
        .flat_map(|p| &p.keywords)
        .map(|k| k.trim().to_lowercase())
        .filter(|k| !k.is_empty())
        .collect();
    // Longer keywords first, so one inside another is not left half-removed.
    keywords.sort_by_key(|k| std::cmp::Reverse(k.chars().count()));
    let before = rest.clone();
    for keyword in &keywords {
        rest = rest.replace(keyword.as_str(), " ");
    }
    if rest == before {
        return false;
    }
    let left = rest
        .chars()
        .filter(|c| {
            !(c.is_whitespace()
                || c.is_ascii_punctuation()
                || c.is_ascii_digit()
                || "，。、；：！？“”‘’（）《》【】…—·和及与".contains(*c))
        })
        .count();
    left < 4
}

/// The scoring points a written answer covers by keyword: hints beside the learner's marking.
pub fn covered_by_keywords(text: &str, points: &[ScoringPoint]) -> Vec<usize> {
    keyword_hits(text, points)
        .into_iter()
        .enumerate()
        .filter_map(|(i, hit)| hit.then_some(i))
        .collect()
}

#[cfg(test)]
mod keyword_tests {
    use super::{ScoringPoint, contains_keyword, only_keywords};

    #[test]
    fn a_bare_keyword_list_is_recognised_and_an_answer_is_not() {
        let points: Vec<ScoringPoint> = ["道歉", "方案", "执行", "回访"]
            .iter()
            .map(|k| ScoringPoint {
                text: (*k).into(),
                keywords: vec![(*k).into()],
                score: 1,
            })
            .collect();
        for bare in [
            "道歉 方案 执行 回访",
            "1. 道歉、2. 方案；执行和回访",
            "道歉方案执行回访。",
        ] {
            assert!(only_keywords(bare, &points), "{bare}");
        }
        for answer in [
            "先向顾客真诚道歉，再提出补偿方案并立即执行，三天后电话回访",
            "I would apologise and call back",
            "",
        ] {
            assert!(!only_keywords(answer, &points), "{answer}");
        }
    }

    #[test]
    fn latin_keywords_match_whole_words_and_chinese_anywhere() {
        for (text, keyword, expected) in [
            ("strength and weakness", "ST", false),
            ("a swot analysis", "WO", false),
            ("use the wo strategy", "WO", true),
            ("wo/st pairing", "st", true),
            ("先认真倾听客户", "倾听", true),
            ("PDCA循环", "pdca", true),
            ("采取action", "Action", true),
            ("  ", "", false),
        ] {
            assert_eq!(
                contains_keyword(&text.to_lowercase(), keyword),
                expected,
                "{text} / {keyword}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn multiple(answer: &str) -> QuestionKind {
        QuestionKind::Multiple {
            options: ["a", "b", "c", "d"].map(String::from).to_vec(),
            answer: answer.to_owned(),
        }
    }

    fn scoring(multiple: MultipleScoring) -> Scoring {
        Scoring {
            multiple,
            ..Scoring::default()
        }
    }

    #[test]
    fn responses_are_recorded_as_readable_text() {
        let cases = [
            (Response::Choices(vec![1]), "B"),
            (Response::Choices(vec![0, 2, 3]), "ACD"),
            (Response::TrueFalse(false), "false"),
            (
                Response::Written {
                    text: "先倾听".to_owned(),
                    covered: vec![],
                },
                "先倾听",
            ),
            (
                Response::Written {
                    text: "先倾听".to_owned(),
                    covered: vec![0, 2],
                },
                "先倾听\n[points: 1,3]",
            ),
        ];
        for (response, expected) in cases {
            assert_eq!(response.record_text(), expected, "{response:?}");
        }
    }

    #[test]
    fn multiple_choice_scoring() {
        use MultipleScoring::{AllOrNothing, Partial};
        // (answer, picked, scoring, expected score out of 2)
        let cases: &[(&str, &[usize], MultipleScoring, f32)] = &[
            ("ACD", &[0, 2, 3], AllOrNothing, 2.0),
            ("ACD", &[3, 0, 2], Partial, 2.0),
            ("ACD", &[0, 2], AllOrNothing, 0.0),
            ("ACD", &[0, 2], Partial, 4.0 / 3.0),
            ("ACD", &[0], Partial, 2.0 / 3.0),
            ("ACD", &[0, 1], Partial, 0.0),
            ("ACD", &[0, 1, 2, 3], Partial, 0.0),
            ("ACD", &[], Partial, 0.0),
            ("AB", &[0, 0, 1], AllOrNothing, 2.0),
        ];
        for (answer, picked, mode, expected) in cases {
            let got = grade(
                &multiple(answer),
                &Response::Choices(picked.to_vec()),
                &scoring(*mode),
            )
            .unwrap();
            assert!(
                (got.score - expected).abs() < 1e-4,
                "{answer} {picked:?} {mode:?}: {got:?}"
            );
            assert_eq!(got.max, 2.0);
        }
    }

    #[test]
    fn single_and_true_false() {
        let single = QuestionKind::Single {
            options: ["a", "b", "c"].map(String::from).to_vec(),
            answer: "B".into(),
        };
        let s = Scoring::default();
        assert!(
            grade(&single, &Response::Choices(vec![1]), &s)
                .unwrap()
                .is_correct()
        );
        assert!(
            !grade(&single, &Response::Choices(vec![0]), &s)
                .unwrap()
                .is_correct()
        );
        assert!(
            !grade(&single, &Response::Choices(vec![1, 0]), &s)
                .unwrap()
                .is_correct()
        );
        assert_eq!(grade(&single, &Response::TrueFalse(true), &s), None);
        let tf = QuestionKind::TrueFalse { answer: false };
        assert!(
            grade(&tf, &Response::TrueFalse(false), &s)
                .unwrap()
                .is_correct()
        );
        assert_eq!(
            grade(&tf, &Response::TrueFalse(true), &s).unwrap().score,
            0.0
        );
    }

    #[test]
    fn short_answers_score_the_points_covered() {
        let points = vec![
            ScoringPoint {
                text: "倾听".into(),
                keywords: vec!["倾听".into(), "听".into()],
                score: 2,
            },
            ScoringPoint {
                text: "道歉".into(),
                keywords: vec!["道歉".into()],
                score: 1,
            },
            ScoringPoint {
                text: "行动".into(),
                keywords: vec!["Action".into()],
                score: 1,
            },
        ];
        let kind = QuestionKind::ShortAnswer {
            essay: false,
            model_answer: "…".into(),
            points: points.clone(),
        };
        let s = Scoring::default();
        let cases: &[(&[usize], f32)] = &[
            (&[], 0.0),
            (&[0], 2.0),
            (&[0, 2], 3.0),
            (&[0, 1, 2], 4.0),
            (&[1, 1, 9], 1.0),
        ];
        for (covered, expected) in cases {
            let response = Response::Written {
                text: String::new(),
                covered: covered.to_vec(),
            };
            let got = grade(&kind, &response, &s).unwrap();
            assert_eq!((got.score, got.max), (*expected, 4.0), "{covered:?}");
        }
        assert_eq!(
            keyword_hits("先认真倾听，再采取 action", &points),
            vec![true, false, true]
        );
        assert_eq!(covered_by_keywords("我会道歉", &points), vec![1]);
    }

    #[test]
    fn a_case_is_worth_its_parts() {
        let part = |kind| super::super::Question {
            id: "x".into(),
            lesson: String::new(),
            stem: "s".into(),
            kind,
            explanation: String::new(),
            difficulty: 2,
            frequency: 1,
            source: String::new(),
            supplement: false,
        };
        let case = QuestionKind::Case {
            case_text: "c".into(),
            questions: vec![
                part(QuestionKind::TrueFalse { answer: true }),
                part(multiple("AB")),
            ],
        };
        assert_eq!(max_points(&case, &Scoring::default()), 3.0);
        assert_eq!(
            grade(&case, &Response::TrueFalse(true), &Scoring::default()),
            None
        );
    }
}
