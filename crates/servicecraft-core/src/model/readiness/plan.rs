//! Today's plan toward the exam date: the reviews due, the new lessons that reach the whole
//! syllabus before the exam, mistakes to redo and mock exams on planned days, with estimated
//! minutes, balanced so no day is overloaded. Without an exam date: the daily review queue.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

/// Minutes one review takes on average (a flashcard or a question seen before).
pub const REVIEW_MINUTES: f32 = 0.5;
/// Minutes to redo a mistake and read its explanation.
pub const MISTAKE_MINUTES: f32 = 1.5;
/// A lesson without a stated length.
pub const DEFAULT_LESSON_MINUTES: u32 = 15;
/// Mistakes redone on one day at most; the rest wait for later days.
pub const MISTAKES_PER_DAY: usize = 15;
/// Days before the exam kept free of new lessons, for revision and mock exams.
pub const REVISION_DAYS: i64 = 3;
/// A mock exam every this many days, counting back from the day before the exam.
pub const MOCK_EVERY_DAYS: i64 = 7;

/// What the plan is made from.
#[derive(Clone, Debug, Default)]
pub struct PlanInput {
    pub today: NaiveDate,
    pub exam: Option<NaiveDate>,
    /// Reviews expected per day from today (today's are those due now), e.g. from
    /// [`crate::model::memory::forecast`].
    pub reviews: Vec<u32>,
    /// Lessons not yet done, in syllabus order: (id, minutes, 0 if unknown).
    pub lessons_left: Vec<(String, u32)>,
    /// Items in the mistake notebook.
    pub mistakes: usize,
    /// The length of the pack's mock exam (0: the pack has none).
    pub mock_minutes: u32,
}

/// One day's plan.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DayPlan {
    pub date: NaiveDate,
    pub reviews: u32,
    pub lessons: Vec<String>,
    pub mistakes: usize,
    pub mock_exam: bool,
    pub minutes: u32,
}

fn lesson_minutes(m: u32) -> u32 {
    if m == 0 { DEFAULT_LESSON_MINUTES } else { m }
}

/// Every day's plan from today to the day before the exam (just today without an exam date, or
/// with the exam today or past).
#[expect(
    clippy::needless_range_loop,
    reason = "the day offset indexes several per-day tables and is the date too"
)]
pub fn plan(input: &PlanInput) -> Vec<DayPlan> {
    let reviews_on = |d: usize| input.reviews.get(d).copied().unwrap_or(0);
    let days_left = input.exam.map_or(0, |e| (e - input.today).num_days());
    if days_left <= 0 {
        let mistakes = input.mistakes.min(MISTAKES_PER_DAY);
        let mut day = DayPlan {
            date: input.today,
            reviews: reviews_on(0),
            mistakes,
            ..DayPlan::default()
        };
        day.minutes = minutes(&day, 0);
        return vec![day];
    }
    let days = days_left as usize;
    // Lessons go on the days before the revision days (at least one day).
    let lesson_days = (days_left - REVISION_DAYS).max(1).min(days_left) as usize;
    let review_min: Vec<f32> = (0..days)
        .map(|d| reviews_on(d) as f32 * REVIEW_MINUTES)
        .collect();
    let lesson_total: f32 = input
        .lessons_left
        .iter()
        .map(|(_, m)| lesson_minutes(*m) as f32)
        .sum();
    // Balance: aim for the same total load on every lesson day, so lessons fill the days with
    // few reviews; each day's share of the lessons is its room under that level.
    let level = (lesson_total + review_min[..lesson_days].iter().sum::<f32>()) / lesson_days as f32;
    let room: Vec<f32> = review_min[..lesson_days]
        .iter()
        .map(|r| (level - r).max(level * 0.25))
        .collect();
    let room_total: f32 = room.iter().sum::<f32>().max(1e-3);
    let mut out = Vec::with_capacity(days);
    let mut next_lesson = 0;
    let (mut placed, mut target) = (0.0f32, 0.0f32);
    let mut mistakes_left = input.mistakes;
    // Mistakes are redone within the first week, evenly.
    let mistakes_per_day = input.mistakes.div_ceil(days.min(7)).min(MISTAKES_PER_DAY);
    for d in 0..days {
        let date = input.today + Duration::days(d as i64);
        let mut day = DayPlan {
            date,
            reviews: reviews_on(d),
            ..DayPlan::default()
        };
        if d < lesson_days {
            target += lesson_total * room[d] / room_total;
            let last = d + 1 == lesson_days;
            while let Some((id, m)) = input.lessons_left.get(next_lesson) {
                let m = lesson_minutes(*m) as f32;
                if !last && placed + m / 2.0 > target {
                    break;
                }
                day.lessons.push(id.clone());
                placed += m;
                next_lesson += 1;
            }
        }
        day.mistakes = mistakes_per_day.min(mistakes_left);
        mistakes_left -= day.mistakes;
        let before_exam = days_left - d as i64;
        day.mock_exam = input.mock_minutes > 0 && (before_exam - 1) % MOCK_EVERY_DAYS == 0;
        let lesson_min: u32 = input
            .lessons_left
            .iter()
            .filter(|(id, _)| day.lessons.contains(id))
            .map(|(_, m)| lesson_minutes(*m))
            .sum();
        day.minutes =
            minutes(&day, lesson_min) + if day.mock_exam { input.mock_minutes } else { 0 };
        out.push(day);
    }
    out
}

fn minutes(day: &DayPlan, lesson_minutes: u32) -> u32 {
    (day.reviews as f32 * REVIEW_MINUTES + day.mistakes as f32 * MISTAKE_MINUTES).ceil() as u32
        + lesson_minutes
}

/// Today's plan: the first day of [`plan`].
pub fn today(input: &PlanInput) -> DayPlan {
    plan(input).into_iter().next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, d).unwrap()
    }

    fn input(exam: Option<NaiveDate>) -> PlanInput {
        PlanInput {
            today: date(1),
            exam,
            reviews: vec![40, 5, 5, 30, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5],
            lessons_left: (0..24)
                .map(|i| (format!("l{i}"), 20 + (i % 3) * 5))
                .collect(),
            mistakes: 30,
            mock_minutes: 90,
        }
    }

    #[test]
    fn the_whole_syllabus_is_planned_before_the_revision_days() {
        let days = plan(&input(Some(date(21))));
        assert_eq!(days.len(), 20);
        let planned: Vec<&String> = days.iter().flat_map(|d| &d.lessons).collect();
        assert_eq!(planned.len(), 24);
        assert!(
            planned
                .windows(2)
                .all(|w| w[0] < w[1] || w[0].len() != w[1].len())
        );
        assert!(days[17..].iter().all(|d| d.lessons.is_empty()));
        assert_eq!(days.iter().map(|d| d.mistakes).sum::<usize>(), 30);
    }

    #[test]
    fn no_day_is_overloaded_and_heavy_review_days_get_fewer_lessons() {
        let days = plan(&input(Some(date(21))));
        let study: Vec<u32> = days[..17]
            .iter()
            .map(|d| d.minutes - if d.mock_exam { 90 } else { 0 })
            .collect();
        let mean = study.iter().sum::<u32>() as f32 / study.len() as f32;
        let max = *study.iter().max().unwrap() as f32;
        assert!(max <= mean * 1.6 + 30.0, "{study:?}");
        assert!(days[0].lessons.len() <= days[1].lessons.len(), "{days:?}");
    }

    #[test]
    fn mock_exams_fall_on_planned_days_including_the_eve_of_the_exam() {
        let days = plan(&input(Some(date(21))));
        let mocks: Vec<NaiveDate> = days
            .iter()
            .filter(|d| d.mock_exam)
            .map(|d| d.date)
            .collect();
        assert_eq!(mocks, vec![date(6), date(13), date(20)]);
    }

    #[test]
    fn without_an_exam_date_it_is_the_review_queue() {
        let day = today(&input(None));
        assert_eq!(day.date, date(1));
        assert_eq!(day.reviews, 40);
        assert!(day.lessons.is_empty() && !day.mock_exam);
        assert_eq!(day.mistakes, MISTAKES_PER_DAY);
        assert_eq!(day.minutes, 20 + 23);
    }
}
