//! The home screen's readiness figures for the open profile and pack, computed in one pure call
//! the app runs on a background thread: the pass probability with its interval, its trend
//! (recomputed from the history as it stood at the end of each past week, so nothing extra is
//! stored), the model's estimate per lesson (the mastery map), calibration, the review-workload
//! forecast and today's plan toward the exam date.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::record::Progress;
use crate::model::evidence::{Calibration, calibration};
use crate::model::memory::{Review, forecast};
use crate::model::readiness::notebook::LastAnswer;
use crate::model::readiness::plan::{DayPlan, PlanInput, today as plan_today};
use crate::model::readiness::{ESTIMATE_SPREAD, History, estimate, items, recall_of, simulate};
use crate::model::study::StudyState;
use crate::model::{MockExamSpec, Pack, QuestionKind};

/// Papers simulated for the figure on the home screen.
pub const HOME_PAPERS: u32 = 4_000;
/// Papers simulated for each past point of the trend (its interval is not shown).
pub const TREND_PAPERS: u32 = 1_000;
/// Past weeks in the trend.
pub const TREND_WEEKS: i64 = 4;
/// Days in the review-workload forecast.
pub const FORECAST_DAYS: usize = 28;
/// Answers in the log before the learner's own FSRS parameters are fitted; the `fsrs` crate's
/// own minimum (8 items reviewed again on a later day) is checked by `memory::optimise`.
pub const OPTIMISE_MIN_ANSWERS: usize = 64;

/// The model's estimate for one lesson: the mean probability of a right answer over its
/// questions on the exam day, and how many of them were ever answered.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LessonEstimate {
    pub p: f32,
    pub questions: usize,
    pub answered: usize,
}

/// Everything the home screen shows about readiness.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outlook {
    /// `None` when the pack has no mock exam to simulate.
    pub pass_probability: Option<f32>,
    pub pass_interval: (f32, f32),
    pub expected_percent: f32,
    pub pass_percent: f32,
    /// (weeks ago, pass probability), oldest first, ending with now (0).
    pub trend: Vec<(i64, f32)>,
    /// By lesson id.
    pub lessons: HashMap<String, LessonEstimate>,
    pub calibration: Calibration,
    /// Reviews expected per day from today.
    pub forecast: Vec<u32>,
    pub today: DayPlan,
    /// Answers in the log on the pack's items.
    pub answers: usize,
}

/// The answers of `full` given before `until`.
fn history_until(full: &History, until: DateTime<Utc>) -> History {
    let mut history = full.clone();
    history.retain(|_, answers| {
        answers.retain(|a| a.when <= until);
        !answers.is_empty()
    });
    history
}

/// The exam day's moment (9 o'clock UTC), or a week after `now` without a date.
fn exam_moment(exam: Option<NaiveDate>, now: DateTime<Utc>) -> DateTime<Utc> {
    exam.and_then(|d| d.and_hms_opt(9, 0, 0))
        .map(|t| t.and_utc())
        .filter(|t| *t > now)
        .unwrap_or(now + Duration::days(7))
}

/// Whether an id is one of the open pack's (study state may hold other packs' items).
pub fn in_pack(pack: &Pack, id: &str) -> bool {
    pack.get(id).is_some()
}

/// The home screen's readiness figures for `pack` with the exam on `exam` (`None`: not set, the
/// figures are for a week from now and the plan is the review queue).
pub fn outlook(
    pack: &Pack,
    spec: Option<&MockExamSpec>,
    progress: &Progress,
    study: &StudyState,
    exam: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Outlook {
    let all = items(pack);
    let params = &study.memory;
    let full = progress.readiness_history();
    let history = history_until(&full, now);
    let own: HashMap<&str, ()> = all.iter().map(|i| (i.id.as_str(), ())).collect();
    let answers = progress
        .log()
        .filter(|l| own.contains_key(l.item.as_str()))
        .count();
    let exam_at = exam_moment(exam, now);
    let estimates = estimate(&all, &history, params, exam_at);
    let mut out = Outlook {
        answers,
        ..Outlook::default()
    };
    for (item, e) in all.iter().zip(&estimates) {
        let entry = out.lessons.entry(item.lesson.clone()).or_default();
        entry.p += e.p;
        entry.questions += 1;
        entry.answered += usize::from(e.answers > 0);
    }
    for entry in out.lessons.values_mut() {
        entry.p /= entry.questions.max(1) as f32;
    }
    if let Some(spec) = spec {
        let blueprint = simulate::Blueprint::new(pack, spec, &all);
        let sim = simulate::simulate_uncertain(
            &blueprint,
            &all,
            &estimates,
            ESTIMATE_SPREAD,
            HOME_PAPERS,
            0x5EED,
            0,
        );
        out.pass_probability = Some(sim.pass_probability);
        out.pass_interval = sim.pass_interval;
        out.expected_percent = sim.expected_percent;
        out.pass_percent = sim.pass_percent;
        for weeks in (1..=TREND_WEEKS).rev() {
            let then = now - Duration::days(7 * weeks);
            let past = history_until(&full, then);
            if past.is_empty() {
                continue;
            }
            let e = estimate(&all, &past, params, exam_at);
            let s = simulate::simulate_uncertain(
                &blueprint,
                &all,
                &e,
                ESTIMATE_SPREAD,
                TREND_PAPERS,
                0x5EED,
                0,
            );
            out.trend.push((weeks, s.pass_probability));
        }
        out.trend.push((0, sim.pass_probability));
    }
    out.calibration = calibration(
        progress
            .log()
            .filter(|l| own.contains_key(l.item.as_str()))
            .map(|l| (l.certainty, l.attempt.ratio() >= 0.999)),
    );
    let today = super::dates::local_day(now);
    let cards = study
        .reviews
        .iter()
        .filter(|(id, _)| in_pack(pack, id))
        .map(|(_, c)| c);
    out.forecast = forecast(params, cards, today, FORECAST_DAYS);
    // Today's reviews are what is due now (overdue included), as the practice centre counts.
    if let Some(first) = out.forecast.first_mut() {
        *first = study
            .due(now)
            .into_iter()
            .filter(|id| in_pack(pack, id))
            .count() as u32;
    }
    out.today = plan_today(&PlanInput {
        today,
        exam,
        reviews: out.forecast.clone(),
        lessons_left: pack
            .lessons()
            .filter(|(_, l)| !progress.lesson_done(&l.id))
            .map(|(_, l)| (l.id.clone(), l.minutes))
            .collect(),
        mistakes: study.mistakes.keys().filter(|id| in_pack(pack, id)).count(),
        mock_minutes: spec.map_or(0, |s| s.minutes),
    });
    out
}

/// A recorded answer as the learner reads it: the picked options with their text, 正确/错误, or
/// the written text without the scoring points ticked.
pub fn answer_text(kind: &QuestionKind, recorded: &str) -> String {
    match kind {
        QuestionKind::Single { options, .. } | QuestionKind::Multiple { options, .. } => recorded
            .chars()
            .filter_map(|c| {
                let i = (c as u32).checked_sub('A' as u32)? as usize;
                Some(format!("{c}. {}", options.get(i)?))
            })
            .collect::<Vec<_>>()
            .join("；"),
        QuestionKind::TrueFalse { .. } => match recorded {
            "true" => "正确".to_owned(),
            "false" => "错误".to_owned(),
            other => other.to_owned(),
        },
        QuestionKind::ShortAnswer { .. } | QuestionKind::Case { .. } => recorded
            .rsplit_once("\n[points:")
            .map_or(recorded, |(text, _)| text)
            .trim()
            .to_owned(),
    }
}

/// The latest answer to each question in the mistake notebook (the open pack's), for showing
/// and exporting it beside the right answer.
pub fn last_answers(
    pack: &Pack,
    progress: &Progress,
    study: &StudyState,
) -> HashMap<String, LastAnswer> {
    study
        .mistakes
        .keys()
        .filter_map(|id| {
            let (_, question, _) = pack.question(id)?;
            let logged = progress.last_logged(id)?;
            Some((
                id.clone(),
                LastAnswer {
                    answer: answer_text(&question.kind, &logged.attempt.answer),
                    certainty: logged.certainty,
                },
            ))
        })
        .collect()
}

/// Every item's review history from the log, for fitting the learner's FSRS parameters.
pub fn review_histories(progress: &Progress) -> Vec<Vec<Review>> {
    progress
        .readiness_history()
        .into_values()
        .map(|answers| {
            answers
                .iter()
                .map(|a| Review {
                    when: a.when,
                    recall: recall_of(a),
                })
                .collect()
        })
        .collect()
}

/// Whether the learner's parameters should be (re)fitted: enough answers, and a quarter more
/// than they were last fitted on.
pub fn wants_fit(answers: usize, fitted_on: usize) -> bool {
    answers >= OPTIMISE_MIN_ANSWERS && answers > fitted_on + fitted_on / 4
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Attempt;

    fn pack() -> Pack {
        crate::pack::load_pack(&crate::pack::builtin_source())
            .pack
            .unwrap()
    }

    fn answer_all(progress: &mut Progress, pack: &Pack, right: bool, when: DateTime<Utc>) {
        for item in items(pack).iter().take(120) {
            progress.record_attempt(
                &item.id,
                &pack.manifest.id,
                Attempt {
                    started: when,
                    finished: when,
                    answer: String::new(),
                    score: if right { item.points } else { 0.0 },
                    max: item.points,
                },
            );
        }
    }

    #[test]
    fn good_answers_raise_the_pass_probability_and_the_trend_shows_it() {
        let pack = pack();
        let spec = pack.manifest.mock_exams.first().cloned();
        let now = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let exam = Some((now + Duration::days(30)).date_naive());
        let empty = outlook(
            &pack,
            spec.as_ref(),
            &Progress::default(),
            &StudyState::default(),
            exam,
            now,
        );
        let p0 = empty.pass_probability.unwrap();
        assert_eq!(empty.trend.len(), 1, "no history, no past points");
        let mut progress = Progress::default();
        answer_all(&mut progress, &pack, true, now - Duration::days(10));
        answer_all(&mut progress, &pack, true, now - Duration::days(2));
        let good = outlook(
            &pack,
            spec.as_ref(),
            &progress,
            &StudyState::default(),
            exam,
            now,
        );
        let p1 = good.pass_probability.unwrap();
        assert!(p1 > p0, "{p1} > {p0}");
        // Two weeks ago nothing was answered yet; one week ago half was.
        assert_eq!(good.trend.first().map(|t| t.0), Some(1));
        assert_eq!(good.trend.last(), Some(&(0, p1)));
        assert_eq!(good.answers, 240);
        let lesson = &items(&pack)[0].lesson;
        let untouched = &empty.lessons[lesson];
        assert!(good.lessons[lesson].p > untouched.p);
        assert!(good.lessons[lesson].answered > 0 && untouched.answered == 0);
    }

    #[test]
    fn the_plan_without_an_exam_date_is_the_review_queue_and_with_one_has_lessons() {
        let pack = pack();
        let now = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let none = outlook(
            &pack,
            None,
            &Progress::default(),
            &StudyState::default(),
            None,
            now,
        );
        assert!(none.today.lessons.is_empty() && !none.today.mock_exam);
        assert_eq!(none.pass_probability, None);
        let exam = Some((now + Duration::days(20)).date_naive());
        let dated = outlook(
            &pack,
            None,
            &Progress::default(),
            &StudyState::default(),
            exam,
            now,
        );
        assert!(!dated.today.lessons.is_empty());
        assert_eq!(dated.forecast.len(), FORECAST_DAYS);
    }

    #[test]
    fn recorded_answers_read_as_the_learner_gave_them() {
        let kind = QuestionKind::Multiple {
            options: vec!["甲".into(), "乙".into(), "丙".into()],
            answer: "AB".into(),
        };
        assert_eq!(answer_text(&kind, "AC"), "A. 甲；C. 丙");
        let tf = QuestionKind::TrueFalse { answer: true };
        assert_eq!(answer_text(&tf, "false"), "错误");
    }

    #[test]
    fn fitting_waits_for_enough_new_answers() {
        assert!(!wants_fit(10, 0));
        assert!(wants_fit(OPTIMISE_MIN_ANSWERS, 0));
        assert!(!wants_fit(110, 100));
        assert!(wants_fit(126, 100));
    }
}
