//! Exam readiness: for every question of a pack, the probability that this learner answers it
//! right on the exam date (FSRS-6 retrievability from the item's own history, shrunk toward a
//! lesson → chapter → question-type estimate, with chance level for untouched material), and
//! from those the simulated mock exam (`readiness/simulate.rs`), today's plan (`plan.rs`) and
//! the grouped mistake notebook (`notebook.rs`). Pure; dates are parameters. Method and
//! calibration figures: `docs/readiness.md`.

pub mod notebook;
pub mod plan;
pub mod simulate;

#[cfg(test)]
mod calibration;

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::evidence::Certainty;
use super::memory::{MemoryParams, Review, memory_states_along};
use super::study::Recall;
use super::{Pack, Question, QuestionKind, QuestionType};

/// One past answer to an item.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Answer {
    pub when: DateTime<Utc>,
    /// Share of the points earned, 0–1.
    pub ratio: f32,
    pub certainty: Option<Certainty>,
}

/// Every item's answers, oldest first, by item id (case parts by their own id).
pub type History = HashMap<String, Vec<Answer>>;

/// How strongly each level's estimate pulls the one below it, in pseudo-answers. Fitted by hand
/// on the calibration test's simulated learners (see `docs/readiness.md`).
const PRIOR_STRENGTH: f32 = 4.0;
/// Weight of the item's own FSRS estimate against its group's, per answer to the item.
const OWN_WEIGHT_PER_ANSWER: f32 = 1.5;

/// Uncertainty of a learner's estimates as a whole, as the standard deviation of one shift on
/// the logit scale shared by all their items (`simulate::simulate_uncertain`): how far the
/// forgetting model and the group estimates may be off for this learner. Chosen on the
/// calibration test's simulated learners (see `docs/readiness.md`).
pub const ESTIMATE_SPREAD: f32 = 0.2;

/// One answerable item of the pack with what the model needs of it.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemInfo {
    pub id: String,
    pub chapter: usize,
    pub lesson: String,
    pub qtype: QuestionType,
    /// Points it is worth on a paper.
    pub points: f32,
    /// Scoring points of a written answer (each earned independently); empty for choices.
    pub parts: Vec<f32>,
    /// Probability of a right answer by guessing.
    pub chance: f32,
}

/// Chance level of a question kind: one option in n, any non-empty subset for 多选, ½ for 判断,
/// and a little for written answers (some scoring points are common sense).
pub fn chance(kind: &QuestionKind) -> f32 {
    match kind {
        QuestionKind::Single { options, .. } => 1.0 / options.len().max(1) as f32,
        QuestionKind::Multiple { options, .. } => {
            1.0 / ((1u32 << options.len().min(10)) - 1).max(1) as f32
        }
        QuestionKind::TrueFalse { .. } => 0.5,
        QuestionKind::ShortAnswer { .. } | QuestionKind::Case { .. } => 0.1,
    }
}

fn item_info(pack: &Pack, chapter: usize, lesson: &str, q: &Question) -> ItemInfo {
    let parts = match &q.kind {
        QuestionKind::ShortAnswer { points, .. } => points.iter().map(|p| p.score as f32).collect(),
        _ => Vec::new(),
    };
    ItemInfo {
        id: q.id.clone(),
        chapter,
        lesson: if q.lesson.is_empty() {
            lesson.to_owned()
        } else {
            q.lesson.clone()
        },
        qtype: q.kind.question_type(),
        points: super::max_points(&q.kind, &pack.manifest.scoring),
        parts,
        chance: chance(&q.kind),
    }
}

/// Every answerable item of the pack (case parts one by one), in pack order.
pub fn items(pack: &Pack) -> Vec<ItemInfo> {
    let mut out = Vec::new();
    for (chapter, q) in pack.questions() {
        match &q.kind {
            QuestionKind::Case { questions, .. } => {
                for part in questions {
                    out.push(item_info(pack, chapter, &q.lesson, part));
                }
            }
            _ => out.push(item_info(pack, chapter, "", q)),
        }
    }
    out
}

/// What an answer says the learner knows: a right answer weighed by its certainty (a right
/// guess counts little more than chance), a partial one by its share.
fn evidence_value(answer: &Answer, chance: f32) -> f32 {
    if answer.ratio >= 0.999 {
        let w = Certainty::right_weight(answer.certainty);
        w + (1.0 - w) * chance
    } else {
        answer.ratio
    }
}

/// The rating an answer gives the scheduler: wrong "again", partial "hard", right "good", and
/// a right guess only "hard".
pub fn recall_of(answer: &Answer) -> Recall {
    if answer.ratio >= 0.999 {
        if answer.certainty == Some(Certainty::Guess) {
            Recall::Hard
        } else {
            Recall::Good
        }
    } else if answer.ratio > 0.0 {
        Recall::Hard
    } else {
        Recall::Again
    }
}

#[derive(Clone, Copy, Default)]
struct Tally {
    sum: f32,
    n: f32,
}

impl Tally {
    fn add(&mut self, v: f32) {
        self.sum += v;
        self.n += 1.0;
    }
    fn shrunk(&self, prior: f32) -> f32 {
        (self.sum + PRIOR_STRENGTH * prior) / (self.n + PRIOR_STRENGTH)
    }
}

/// The model's view of one item on the exam date.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// Probability of a right answer (for written answers: the expected share of points).
    pub p: f32,
    /// Answers the item has had.
    pub answers: u32,
    /// FSRS-6 retrievability on the exam date, where the item has history.
    pub retrievability: Option<f32>,
}

/// Stability scales tried when fitting how fast this learner forgets compared with FSRS's
/// parameters (a one-parameter stand-in for the full optimiser that works on little history).
const STABILITY_SCALES: [f32; 10] = [0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0, 1.5, 2.5, 4.0];
/// Repeat answers needed before the fitted scale is trusted.
const MIN_REPEATS_TO_FIT: usize = 20;

fn days(from: DateTime<Utc>, to: DateTime<Utc>) -> f32 {
    (to - from).num_seconds() as f32 / 86_400.0
}

/// An answered item replayed: memory states after each answer.
struct Replayed<'a> {
    index: usize,
    answers: &'a [Answer],
    states: Vec<fsrs::MemoryState>,
}

/// The stability scale under which FSRS best predicted this learner's own repeat answers.
fn fit_scale(items: &[ItemInfo], replayed: &[Replayed], params: &MemoryParams) -> f32 {
    let mut loss = [0.0f64; STABILITY_SCALES.len()];
    let mut repeats = 0;
    for r in replayed {
        let chance = items[r.index].chance;
        for j in 1..r.answers.len().min(r.states.len()) {
            let (before, answer) = (r.states[j - 1], &r.answers[j]);
            let dt = days(r.answers[j - 1].when, answer.when);
            if dt < 0.5 {
                continue;
            }
            repeats += 1;
            let y = f64::from(answer.ratio.clamp(0.0, 1.0));
            for (k, scale) in STABILITY_SCALES.iter().enumerate() {
                let m = fsrs::MemoryState {
                    stability: before.stability * scale,
                    difficulty: before.difficulty,
                };
                let rr = params.retrievability(m, dt);
                let p = f64::from(rr + (1.0 - rr) * chance).clamp(0.01, 0.99);
                loss[k] -= y * p.ln() + (1.0 - y) * (1.0 - p).ln();
            }
        }
    }
    if repeats < MIN_REPEATS_TO_FIT {
        return 1.0;
    }
    let best = (0..loss.len())
        .min_by(|a, b| loss[*a].total_cmp(&loss[*b]))
        .unwrap_or(6);
    STABILITY_SCALES[best]
}

/// What the learner knows of an item when it is fresh in memory (0–1, above chance): their
/// latest three answers above chance, weighed by certainty, against the recall FSRS expected at
/// each of them (1 for a first answer). Taking the plain share of right answers, as before,
/// counted forgetting twice: once in the answers given after a gap and again in the exam-day
/// retrievability it is multiplied by.
fn fresh_share(item: &ItemInfo, r: &Replayed, scale: f32, params: &MemoryParams) -> f32 {
    let from = r.answers.len().saturating_sub(3);
    let (mut shown, mut expected) = (0.0f32, 0.0f32);
    for (at, a) in r.answers.iter().enumerate().skip(from) {
        let value = if item.parts.is_empty() {
            evidence_value(a, item.chance)
        } else {
            a.ratio
        };
        shown += ((value - item.chance) / (1.0 - item.chance).max(1e-3)).clamp(0.0, 1.0);
        expected += match at.checked_sub(1) {
            None => 1.0,
            Some(before) => r.states.get(before).map_or(0.0, |m| {
                let m = fsrs::MemoryState {
                    stability: m.stability * scale,
                    difficulty: m.difficulty,
                };
                params.retrievability(m, days(r.answers[before].when, a.when))
            }),
        };
    }
    (shown / expected.max(1e-3)).clamp(0.0, 1.0)
}

/// Per-item estimates for the exam at `exam` (aligned with `items`).
pub fn estimate(
    items: &[ItemInfo],
    history: &History,
    params: &MemoryParams,
    exam: DateTime<Utc>,
) -> Vec<Estimate> {
    let replayed: Vec<Replayed> = items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| {
            let answers = history.get(&item.id).filter(|h| !h.is_empty())?;
            let reviews: Vec<Review> = answers
                .iter()
                .map(|a| Review {
                    when: a.when,
                    recall: recall_of(a),
                })
                .collect();
            Some(Replayed {
                index,
                answers,
                states: memory_states_along(params, &reviews),
            })
        })
        .collect();
    let scale = fit_scale(items, &replayed, params);
    // Each answered item's own estimate for the exam day: recall then (or a guess), times what
    // the learner knew of it when fresh; a right guess counts for little.
    let mut own: Vec<Option<(f32, f32, u32)>> = vec![None; items.len()];
    let mut fresh: Vec<Option<f32>> = vec![None; items.len()];
    for r in &replayed {
        let item = &items[r.index];
        let last = r.answers.last().map_or(exam, |a| a.when);
        let retrievability = r.states.last().map(|m| {
            let m = fsrs::MemoryState {
                stability: m.stability * scale,
                difficulty: m.difficulty,
            };
            params.retrievability(m, days(last, exam))
        });
        let share = fresh_share(item, r, scale, params);
        let p = retrievability.map_or(item.chance, |rr| {
            let known = (rr * share).min(1.0);
            known + (1.0 - known) * item.chance
        });
        own[r.index] = Some((p, retrievability.unwrap_or(0.0), r.answers.len() as u32));
        fresh[r.index] = Some(item.chance + (1.0 - item.chance) * share);
    }
    // Group evidence: one observation per answered item, so an item drilled fifty times does
    // not stand for its whole lesson. Two views: what the learner knows when fresh (as above,
    // chance included), for untouched items of the group, and the answered
    // items' own exam-day estimates, which answered items are shrunk toward.
    let mut by_type: HashMap<QuestionType, (Tally, Tally, f32, f32)> = HashMap::new();
    let mut by_chapter: HashMap<(usize, QuestionType), (Tally, Tally)> = HashMap::new();
    let mut by_lesson: HashMap<(&str, QuestionType), (Tally, Tally)> = HashMap::new();
    for ((item, own), fresh) in items.iter().zip(&own).zip(&fresh) {
        let entry = by_type.entry(item.qtype).or_default();
        entry.2 += item.chance;
        entry.3 += 1.0;
        if let (Some((p, ..)), Some(last)) = (own, history.get(&item.id).and_then(|h| h.last())) {
            let shown = fresh.unwrap_or_else(|| evidence_value(last, item.chance));
            entry.0.add(shown);
            entry.1.add(*p);
            let ch = by_chapter.entry((item.chapter, item.qtype)).or_default();
            ch.0.add(shown);
            ch.1.add(*p);
            let le = by_lesson.entry((&item.lesson, item.qtype)).or_default();
            le.0.add(shown);
            le.1.add(*p);
        }
    }
    items
        .iter()
        .zip(&own)
        .map(|(item, own)| {
            let (shown_t, exam_t, chance_sum, count) =
                by_type.get(&item.qtype).copied().unwrap_or_default();
            let chance = if count > 0.0 {
                chance_sum / count
            } else {
                item.chance
            };
            let ch = by_chapter
                .get(&(item.chapter, item.qtype))
                .copied()
                .unwrap_or_default();
            let le = by_lesson
                .get(&(item.lesson.as_str(), item.qtype))
                .copied()
                .unwrap_or_default();
            let shown = le.0.shrunk(ch.0.shrunk(shown_t.shrunk(chance)));
            let group = le.1.shrunk(ch.1.shrunk(exam_t.shrunk(chance)));
            let Some((p_own, retrievability, answers)) = *own else {
                // Untouched items are not known as well as practised ones of the same lesson
                // would suggest: only the part above chance carries over, halved.
                let untouched = item.chance + (shown - item.chance).max(0.0) * 0.5;
                return Estimate {
                    p: untouched.clamp(item.chance.min(1.0), 1.0),
                    answers: 0,
                    retrievability: None,
                };
            };
            let weight = OWN_WEIGHT_PER_ANSWER * answers as f32;
            let p = (weight * p_own + group) / (weight + 1.0);
            Estimate {
                p: p.clamp(0.0, 1.0),
                answers,
                retrievability: Some(retrievability),
            }
        })
        .collect()
}

/// Everything readiness needs to know about one pack, assessed for an exam on `exam`.
pub fn assess(
    pack: &Pack,
    spec: &super::MockExamSpec,
    history: &History,
    params: &MemoryParams,
    exam: DateTime<Utc>,
    papers: u32,
    top: usize,
) -> simulate::Simulation {
    let items = items(pack);
    let estimates = estimate(&items, history, params, exam);
    let blueprint = simulate::Blueprint::new(pack, spec, &items);
    // A fixed seed: the same data give the same figures.
    simulate::simulate_uncertain(
        &blueprint,
        &items,
        &estimates,
        ESTIMATE_SPREAD,
        papers,
        0x5EED,
        top,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{builtin_source, load_pack};
    use chrono::Duration;

    fn answers(
        when: DateTime<Utc>,
        ratio: f32,
        certainty: Option<Certainty>,
        n: usize,
    ) -> Vec<Answer> {
        (0..n)
            .map(|i| Answer {
                when: when + Duration::days(3 * i as i64),
                ratio,
                certainty,
            })
            .collect()
    }

    #[test]
    fn untouched_items_sit_at_chance_and_evidence_moves_them() {
        let pack = load_pack(&builtin_source()).pack.unwrap();
        let items = items(&pack);
        let exam = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let params = MemoryParams::default();
        let none = estimate(&items, &History::new(), &params, exam);
        for (item, e) in items.iter().zip(&none) {
            assert!((e.p - item.chance).abs() < 0.02, "{} {}", item.id, e.p);
        }
        // Right answers on half a lesson's questions raise the rest of its questions a little,
        // and the answered ones a lot; wrong answers lower them.
        let single: Vec<&ItemInfo> = items
            .iter()
            .filter(|i| i.qtype == QuestionType::Single)
            .collect();
        let lesson = &single[0].lesson;
        let same: Vec<&&ItemInfo> = single.iter().filter(|i| &i.lesson == lesson).collect();
        assert!(
            same.len() >= 2,
            "need a lesson with two single-choice questions"
        );
        let start = exam - Duration::days(20);
        let mut good = History::new();
        good.insert(
            same[0].id.clone(),
            answers(start, 1.0, Some(Certainty::Sure), 4),
        );
        let mut bad = History::new();
        bad.insert(
            same[0].id.clone(),
            answers(start, 0.0, Some(Certainty::Sure), 4),
        );
        let g = estimate(&items, &good, &params, exam);
        let b = estimate(&items, &bad, &params, exam);
        let at = |id: &str| items.iter().position(|i| i.id == id).unwrap();
        let (a, other) = (at(&same[0].id), at(&same[1].id));
        assert!(g[a].p > 0.8 && b[a].p < 0.3, "{} {}", g[a].p, b[a].p);
        assert!(g[other].p > none[other].p && g[other].p < g[a].p);
        assert!(g[a].retrievability.is_some());
        // A right guess is weaker evidence than a sure right answer.
        let mut guessed = History::new();
        guessed.insert(
            same[0].id.clone(),
            answers(start, 1.0, Some(Certainty::Guess), 4),
        );
        let q = estimate(&items, &guessed, &params, exam);
        assert!(q[a].p < g[a].p);
    }

    #[test]
    fn memories_fade_toward_the_exam() {
        let pack = load_pack(&builtin_source()).pack.unwrap();
        let items = items(&pack);
        let start = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let mut h = History::new();
        h.insert(items[0].id.clone(), answers(start, 1.0, None, 2));
        let params = MemoryParams::default();
        let soon = estimate(&items, &h, &params, start + Duration::days(5));
        let late = estimate(&items, &h, &params, start + Duration::days(200));
        assert!(soon[0].p > late[0].p);
    }
}
