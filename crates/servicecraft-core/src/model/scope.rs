//! What the open pack holds of the learner's study: the study state scoped to the pack (so the
//! review queue, 错题本, favourites and every count name only items the pack can show), and the
//! one count of a chapter's questions every screen uses.
//!
//! A profile keeps one study state across packs (switching back to the built-in syllabus finds
//! its reviews again), so nothing is deleted here: screens draw from a scoped copy, and the
//! session keeps the whole state.

use super::pack::Pack;
use super::study::StudyState;

impl StudyState {
    /// The study state with everything keyed by an id `pack` does not have left out: reviews,
    /// mistakes and their causes, favourites, exercise scores, worksheets and role-play results.
    /// The learner's own SWOT analyses and the scheduler's weights belong to no pack and stay.
    pub fn scoped_to(&self, pack: &Pack) -> StudyState {
        let has = |id: &String| pack.get(id).is_some();
        // An exercise's extra scores are kept under "{id}#stage" (the TOWS stage of a SWOT case).
        let has_base = |id: &String| {
            has(id)
                || id
                    .split_once('#')
                    .is_some_and(|(b, _)| pack.get(b).is_some())
        };
        StudyState {
            format_version: self.format_version,
            reviews: self
                .reviews
                .iter()
                .filter(|(id, _)| has(id))
                .map(|(id, card)| (id.clone(), card.clone()))
                .collect(),
            mistakes: self
                .mistakes
                .iter()
                .filter(|(id, _)| pack.question(id).is_some())
                .map(|(id, entry)| (id.clone(), entry.clone()))
                .collect(),
            causes: self
                .causes
                .iter()
                .filter(|(id, _)| has(id))
                .map(|(id, cause)| (id.clone(), *cause))
                .collect(),
            memory: self.memory.clone(),
            favourites: self
                .favourites
                .iter()
                .filter(|id| has(id))
                .cloned()
                .collect(),
            exercise_scores: self
                .exercise_scores
                .iter()
                .filter(|(id, _)| has_base(id))
                .map(|(id, scores)| (id.clone(), scores.clone()))
                .collect(),
            worksheets: self
                .worksheets
                .iter()
                .filter(|(id, _)| has(id))
                .map(|(id, fields)| (id.clone(), fields.clone()))
                .collect(),
            my_swot: self.my_swot.clone(),
            roleplays: self
                .roleplays
                .iter()
                .filter(|(id, _)| has(id))
                .map(|(id, results)| (id.clone(), results.clone()))
                .collect(),
            // The exam in progress names its own pack; screens offer it only with that pack open.
            exam: self.exam.clone(),
        }
    }

    /// Whether every id the study state keys by is one `pack` has, so the state can be shown as
    /// it is, without a scoped copy (the usual case: one pack studied).
    pub fn within(&self, pack: &Pack) -> bool {
        let has = |id: &String| pack.get(id).is_some();
        self.reviews.keys().all(has)
            && self.mistakes.keys().all(|id| pack.question(id).is_some())
            && self.causes.keys().all(has)
            && self.favourites.iter().all(has)
            && self.worksheets.keys().all(has)
            && self.roleplays.keys().all(has)
            && self.exercise_scores.keys().all(|id| {
                has(id)
                    || id
                        .split_once('#')
                        .is_some_and(|(b, _)| pack.get(b).is_some())
            })
    }
}

impl Pack {
    /// Every answerable question id of chapter `c` in file order: a case counts as its parts,
    /// since each part is answered and scored on its own. The one count of a chapter's
    /// questions (home, 练习中心, chapter practice).
    pub fn chapter_questions(&self, c: usize) -> Vec<String> {
        self.chapters
            .get(c)
            .map(|chapter| {
                chapter
                    .questions
                    .iter()
                    .flat_map(Pack::answerable_ids)
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::model::Grade;
    use crate::model::study::Recall;

    fn builtin() -> Pack {
        crate::pack::load_installed_pack(&crate::pack::builtin_source())
            .pack
            .unwrap()
    }

    fn starter() -> Pack {
        crate::pack::load_installed_pack(&crate::pack::starter_source())
            .pack
            .unwrap()
    }

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_780_000_000, 0).unwrap()
    }

    /// A study state with work in the built-in pack: a mistake, a review, a favourite.
    fn builtin_study(pack: &Pack) -> (StudyState, String) {
        let question = pack
            .questions()
            .next()
            .map(|(_, q)| q.id.clone())
            .unwrap_or_default();
        let card = pack
            .chapters
            .iter()
            .flat_map(|c| &c.flashcards)
            .next()
            .map(|f| f.id.clone())
            .unwrap_or_default();
        let mut study = StudyState::default();
        study.record_answer(
            &question,
            &Grade {
                score: 0.0,
                max: 1.0,
            },
            now(),
        );
        study.record_recall(&card, Recall::Good, now());
        study.toggle_favourite(&question);
        (study, question)
    }

    #[test]
    fn another_packs_work_is_left_out_and_the_open_packs_kept() {
        let builtin = builtin();
        let starter = starter();
        assert!(!builtin.chapters.is_empty() && !starter.chapters.is_empty());
        let (study, question) = builtin_study(&builtin);
        assert!(study.within(&builtin));
        assert!(!study.within(&starter));

        let scoped = study.scoped_to(&starter);
        assert!(scoped.mistakes.is_empty(), "{:?}", scoped.mistakes);
        assert!(scoped.reviews.is_empty());
        assert!(scoped.favourites.is_empty());
        assert!(scoped.within(&starter));
        // Nothing due, so no review page without a card.
        assert!(scoped.due(now() + chrono::Duration::days(30)).is_empty());

        let kept = study.scoped_to(&builtin);
        assert_eq!(kept, study);
        assert!(kept.mistakes.contains_key(&question));
    }

    #[test]
    fn a_chapters_count_is_its_answerable_questions() {
        let pack = builtin();
        for (c, chapter) in pack.chapters.iter().enumerate() {
            let ids = pack.chapter_questions(c);
            assert!(ids.len() >= chapter.questions.len());
            assert!(ids.iter().all(|id| pack.question(id).is_some()), "{ids:?}");
        }
        assert!(pack.chapter_questions(usize::MAX).is_empty());
    }
}
