//! The dashboard's figures (lessons done, mastery per chapter, streak, today's reviews), derived
//! from a profile's progress and study state. Pure: the app computes them when the data changes,
//! not every frame, and the home screen only draws them.

use chrono::{DateTime, Utc};

use super::{Progress, dates};
use crate::model::{ItemRef, LessonRef, Pack};

/// Figures derived from the progress, computed when it changes rather than every frame (a large
/// profile has 100 000 attempts to scan).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub lessons_total: usize,
    pub lessons_done: usize,
    pub chapters: Vec<ChapterSummary>,
    /// Newest first: item title, score, points, when.
    pub recent: Vec<(String, f32, f32, DateTime<Utc>)>,
    pub streak: u32,
    /// Today's reviews: due cards and today's new ones, in the order the practice centre offers
    /// them (computed here once a minute rather than on every frame of that screen).
    pub review_queue: Vec<String>,
    /// The queue told apart as Anki does: cards never reviewed, and reviews due (computed here,
    /// not on every frame of the home screen and the practice centre).
    pub queue_new: usize,
    pub queue_due: usize,
    pub attempts: usize,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChapterSummary {
    pub title: String,
    /// The chapter's first lesson, to open it from the list.
    pub first_lesson: Option<LessonRef>,
    pub lessons_total: usize,
    pub lessons_done: usize,
    pub questions: usize,
    /// 0.0–1.0; `None` when the chapter has no practice items.
    pub mastery: Option<f32>,
}

impl Summary {
    /// `study` should be scoped to `pack` ([`crate::model::study::StudyState::scoped_to`]), so
    /// the review queue names only cards the pack can show.
    pub fn compute(
        pack: &Pack,
        progress: &Progress,
        study: &crate::model::study::StudyState,
        now: DateTime<Utc>,
    ) -> Self {
        let mut chapters: Vec<ChapterSummary> = pack
            .chapters
            .iter()
            .enumerate()
            .map(|(i, c)| ChapterSummary {
                title: c.title.clone(),
                // The count 练习中心 shows too: a case counts as its answerable parts.
                questions: pack.chapter_questions(i).len(),
                ..Default::default()
            })
            .collect();
        let mut lessons_total = 0;
        let mut lessons_done = 0;
        for (at, lesson) in pack.lessons() {
            lessons_total += 1;
            let done = progress.lesson_done(&lesson.id);
            lessons_done += usize::from(done);
            if let Some(chapter) = chapters.get_mut(at.chapter) {
                chapter.lessons_total += 1;
                chapter.lessons_done += usize::from(done);
                chapter.first_lesson.get_or_insert(at);
            }
        }
        let mut items: Vec<Vec<String>> = vec![Vec::new(); pack.chapters.len()];
        for (id, item) in pack.all_ids() {
            // Case sub-questions count through their case, so a case is one item, not several.
            let chapter = match item {
                ItemRef::Question(c, _)
                | ItemRef::Flashcard(c, _)
                | ItemRef::Swot(c, _)
                | ItemRef::Ordering(c, _)
                | ItemRef::Pdca(c, _)
                | ItemRef::Worksheet(c, _)
                | ItemRef::RolePlay(c, _) => c,
                _ => continue,
            };
            if let Some(list) = items.get_mut(chapter) {
                list.push(id);
            }
        }
        for (chapter, ids) in chapters.iter_mut().zip(&items) {
            chapter.mastery = progress.mastery(ids.iter().map(String::as_str));
        }
        let recent = progress
            .recent(8)
            .into_iter()
            .map(|(id, attempt)| {
                let title = pack
                    .practice_item(id)
                    .map_or_else(|| id.to_owned(), |p| crate::text::plain(&p.title));
                (title, attempt.score, attempt.max, attempt.finished)
            })
            .collect();
        // The queue is drawn from the pack's own flashcards only.
        let review_queue: Vec<String> = study
            .queue(flashcard_ids(pack), now)
            .into_iter()
            .map(str::to_owned)
            .collect();
        let queue_new = review_queue
            .iter()
            .filter(|id| !study.reviews.contains_key(id.as_str()))
            .count();
        Self {
            lessons_total,
            lessons_done,
            chapters,
            recent,
            streak: dates::streak(&progress.study_days, dates::local_day(now)),
            queue_due: review_queue.len() - queue_new,
            queue_new,
            review_queue,
            attempts: progress.attempt_count(),
        }
    }
}

/// Every flashcard of the pack, in syllabus order: the review queue is drawn from them.
pub fn flashcard_ids(pack: &Pack) -> Vec<&str> {
    pack.chapters
        .iter()
        .flat_map(|c| c.flashcards.iter().map(|f| f.id.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::study::StudyState;
    use crate::progress::Attempt;

    fn builtin() -> Pack {
        crate::pack::load_installed_pack(&crate::pack::builtin_source())
            .pack
            .unwrap()
    }

    #[test]
    fn an_empty_profile_has_every_lesson_to_do_and_no_streak() {
        let pack = builtin();
        let now = Utc::now();
        let summary = Summary::compute(&pack, &Progress::default(), &StudyState::default(), now);
        assert_eq!(summary.lessons_total, pack.lessons().count());
        assert!(summary.lessons_total > 0);
        assert_eq!(summary.lessons_done, 0);
        assert_eq!(summary.streak, 0);
        assert_eq!(summary.attempts, 0);
        assert!(summary.recent.is_empty());
        assert_eq!(summary.chapters.len(), pack.chapters.len());
        // Nothing answered: nothing mastered.
        assert!(
            summary
                .chapters
                .iter()
                .all(|c| c.mastery.is_none_or(|m| m <= 0.0))
        );
        // The queue is the study state's, over the pack's flashcards in syllabus order.
        let cards = flashcard_ids(&pack);
        assert_eq!(
            cards.len(),
            pack.chapters
                .iter()
                .map(|c| c.flashcards.len())
                .sum::<usize>()
        );
        assert!(
            summary
                .review_queue
                .iter()
                .all(|id| cards.contains(&id.as_str()))
        );
    }

    #[test]
    fn a_done_lesson_and_an_answer_show_in_the_figures() {
        let pack = builtin();
        let now = Utc::now();
        let (at, lesson) = pack.lessons().next().unwrap();
        let (question, _) = pack
            .all_ids()
            .find(|(_, item)| matches!(item, ItemRef::Question(..)))
            .unwrap();
        let mut progress = Progress::default();
        progress.set_lesson_done(&lesson.id, true);
        progress.record_attempt(
            &question,
            &pack.manifest.id,
            Attempt {
                started: now,
                finished: now,
                answer: String::new(),
                score: 2.0,
                max: 2.0,
            },
        );
        let summary = Summary::compute(&pack, &progress, &StudyState::default(), now);
        assert_eq!(summary.lessons_done, 1);
        assert_eq!(summary.chapters[at.chapter].lessons_done, 1);
        assert_eq!(summary.chapters[at.chapter].first_lesson, Some(at));
        assert_eq!(summary.attempts, 1);
        assert_eq!(summary.streak, 1);
        assert_eq!(summary.recent.len(), 1);
        assert_eq!(summary.recent[0].1, 2.0);
        assert!(
            summary
                .chapters
                .iter()
                .any(|c| c.mastery.is_some_and(|m| m > 0.0))
        );
    }

    #[test]
    fn the_queue_tells_new_cards_from_reviews_due() {
        let pack = builtin();
        let now = Utc::now();
        let fresh = Summary::compute(&pack, &Progress::default(), &StudyState::default(), now);
        assert_eq!(fresh.queue_due, 0);
        assert_eq!(fresh.queue_new, fresh.review_queue.len());
        let card = flashcard_ids(&pack)[0].to_owned();
        let mut study = StudyState::default();
        study.reviews.insert(
            card.clone(),
            crate::model::memory::ReviewCard {
                due: now - chrono::Duration::days(1),
                last_review: now - chrono::Duration::days(4),
                stability: 3.0,
                difficulty: 5.0,
                reps: 2,
                lapses: 0,
                learning: false,
            },
        );
        let summary = Summary::compute(&pack, &Progress::default(), &study, now);
        assert!(summary.review_queue.contains(&card));
        assert_eq!(summary.queue_due, 1);
        assert_eq!(summary.queue_new + 1, summary.review_queue.len());
    }
}
