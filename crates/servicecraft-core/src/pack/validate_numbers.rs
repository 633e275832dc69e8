//! The numbers in a pack: points, percentages, minutes and role-play scores must be finite and
//! sensible (a NaN or negative point value would flow into grades, charts and exported results),
//! and a mock exam that asks for more questions than its chapters hold is reported.

use super::diagnostic::{Diagnostic, Severity};
use super::validate::Locator;
use crate::model::{ItemRef, Pack, QuestionKind, QuestionType};

/// The most points one question, scoring point or role-play choice or ending may be worth
/// (either way for role-play choices, which may cost points). Keeps totals far from overflow.
pub const MAX_POINTS: f32 = 1000.0;
/// The longest mock exam, in minutes (the real exam is 120).
pub const MAX_EXAM_MINUTES: u32 = 600;

fn error(file: String, message: String) -> Diagnostic {
    Diagnostic::error(file, message)
}

pub(super) fn check_numbers(pack: &Pack, at: &Locator<'_>, out: &mut Vec<Diagnostic>) {
    let scoring = &pack.manifest.scoring;
    for (key, value) in [
        ("single_points", scoring.single_points),
        ("multiple_points", scoring.multiple_points),
        ("true_false_points", scoring.true_false_points),
    ] {
        // Written so that NaN fails too: every comparison with NaN is false.
        if !(value.is_finite() && value > 0.0 && value <= MAX_POINTS) {
            out.push(at.at_key(
                None,
                key,
                0,
                error,
                format!(
                    "`{key}` is {value}; points must be a number above 0 and at most {MAX_POINTS}"
                ),
            ));
        }
    }
    check_exams(pack, at, out);
    // MAX_POINTS is a small whole number, so the cast is exact.
    let max = MAX_POINTS as i32;
    for (c, chapter) in pack.chapters.iter().enumerate() {
        let ch = Some(c);
        for question in &chapter.questions {
            check_question_points(at, ch, &question.kind, out);
        }
        for play in &chapter.roleplays {
            for node in &play.nodes {
                let scores = node
                    .choices
                    .iter()
                    .map(|c| c.score)
                    .chain(node.ending.as_ref().map(|e| e.score));
                if let Some(score) = scores.into_iter().find(|s| s.abs() > max) {
                    out.push(at.error(
                        ch,
                        "id:",
                        &node.id,
                        0,
                        format!(
                            "role-play `{}`: node `{}` has a score of {score}, beyond ±{max}",
                            play.id, node.id
                        ),
                    ));
                }
            }
        }
    }
}

fn check_question_points(
    at: &Locator<'_>,
    ch: Option<usize>,
    kind: &QuestionKind,
    out: &mut Vec<Diagnostic>,
) {
    match kind {
        QuestionKind::ShortAnswer { points, .. } => {
            for point in points {
                if f64::from(point.score) > f64::from(MAX_POINTS) {
                    out.push(at.at_key(
                        ch,
                        "score",
                        0,
                        error,
                        format!(
                            "a scoring point is worth {}, over the limit of {MAX_POINTS}",
                            point.score
                        ),
                    ));
                }
            }
        }
        QuestionKind::Case { questions, .. } => {
            for part in questions {
                check_question_points(at, ch, &part.kind, out);
            }
        }
        _ => {}
    }
}

/// Percentages and minutes in range; a warning when the chapters hold fewer questions of a type
/// than the exam asks for (the paper then comes out short, which may be intended while a pack
/// is being written).
fn check_exams(pack: &Pack, at: &Locator<'_>, out: &mut Vec<Diagnostic>) {
    for exam in &pack.manifest.mock_exams {
        let at_exam = |message: String, severity: Severity| {
            let mut found = at.error(None, "id:", &exam.id, 0, message);
            found.severity = severity;
            found
        };
        if !(1..=100).contains(&exam.pass_percent) {
            out.push(at_exam(
                format!(
                    "mock exam `{}` has a pass mark of {}%; it must be 1–100",
                    exam.id, exam.pass_percent
                ),
                Severity::Error,
            ));
        }
        if exam.minutes > MAX_EXAM_MINUTES {
            out.push(at_exam(
                format!(
                    "mock exam `{}` lasts {} minutes, over the limit of {MAX_EXAM_MINUTES}",
                    exam.id, exam.minutes
                ),
                Severity::Error,
            ));
        }
        let drawn = |c: usize| {
            exam.chapters.is_empty()
                || pack
                    .chapters
                    .get(c)
                    .is_some_and(|ch| exam.chapters.contains(&ch.id))
        };
        let known = exam
            .chapters
            .iter()
            .all(|id| matches!(pack.get(id), Some(ItemRef::Chapter(_))));
        if !known {
            // Already an error; counting against a wrong chapter list would only add noise.
            continue;
        }
        for (kind, name, wanted) in [
            (QuestionType::Single, "single", exam.single),
            (QuestionType::Multiple, "multiple", exam.multiple),
            (QuestionType::TrueFalse, "true_false", exam.true_false),
            (QuestionType::ShortAnswer, "short_answer", exam.short_answer),
            (QuestionType::Case, "case", exam.case),
        ] {
            let held = pack
                .questions()
                .filter(|(c, q)| drawn(*c) && q.kind.question_type() == kind)
                .count();
            if usize::try_from(wanted).is_ok_and(|w| w > held) {
                out.push(at_exam(
                    format!(
                        "mock exam `{}` asks for {wanted} `{name}` questions but {} only {held}; \
                         the paper will have {held}",
                        exam.id,
                        if exam.chapters.is_empty() {
                            "the pack holds"
                        } else {
                            "its chapters hold"
                        }
                    ),
                    Severity::Warning,
                ));
            }
        }
    }
}
