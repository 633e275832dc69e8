//! FSRS-6 memory model (crate `fsrs`): review cards, the scheduler with the learner's own
//! parameters and desired retention, memory states replayed from an item's full answer history,
//! the parameter optimiser and the review-workload forecast. Pure; the clock is a parameter.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use fsrs::{ComputeParametersInput, FSRS, FSRSItem, FSRSReview, MemoryState};
use serde::{Deserialize, Serialize};

use super::study::Recall;

/// The default share of reviews the scheduler aims to have remembered when they come due.
pub const DEFAULT_RETENTION: f32 = 0.9;
/// Desired retention is kept in the range FSRS is fitted for.
pub const RETENTION_RANGE: (f32, f32) = (0.7, 0.97);
/// After "again" the item comes back in the same sitting (a relearning step), as in Anki.
pub const RELEARN_MINUTES: i64 = 10;

/// The scheduling state of one item under review. Version 2 of `study.ron` (FSRS-6); version 1
/// stored `rs-fsrs`'s FSRS-5 card, migrated by [`ReviewCard::from_v1`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewCard {
    pub due: DateTime<Utc>,
    pub last_review: DateTime<Utc>,
    /// Days until recall probability falls to 90 %.
    pub stability: f32,
    /// 1 (easy) – 10 (hard).
    pub difficulty: f32,
    pub reps: u32,
    pub lapses: u32,
    /// In a same-day relearning step after "again".
    #[serde(default)]
    pub learning: bool,
}

impl ReviewCard {
    pub fn memory(&self) -> MemoryState {
        MemoryState {
            stability: self.stability,
            difficulty: self.difficulty,
        }
    }

    /// The scheduled interval in whole days (0 while being relearned today).
    pub fn interval_days(&self) -> i64 {
        (self.due - self.last_review).num_days()
    }
}

/// The learner's scheduler settings, kept in `study.ron`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemoryParams {
    /// FSRS-6's 21 weights; empty means the published defaults.
    pub weights: Vec<f32>,
    /// How many reviews the weights were fitted on (0: defaults), to refit as history grows.
    pub fitted_on: usize,
    /// Share of reviews to be remembered when due: higher means more reviews, fewer lapses.
    pub desired_retention: f32,
}

impl Default for MemoryParams {
    fn default() -> Self {
        Self {
            weights: Vec::new(),
            fitted_on: 0,
            desired_retention: DEFAULT_RETENTION,
        }
    }
}

impl MemoryParams {
    pub fn weights(&self) -> &[f32] {
        if self.weights.len() == fsrs::DEFAULT_PARAMETERS.len() {
            &self.weights
        } else {
            &fsrs::DEFAULT_PARAMETERS
        }
    }

    /// FSRS-6's forgetting-curve decay (its last weight).
    pub fn decay(&self) -> f32 {
        self.weights()
            .last()
            .copied()
            .unwrap_or(fsrs::FSRS6_DEFAULT_DECAY)
    }

    pub fn retention(&self) -> f32 {
        self.desired_retention
            .clamp(RETENTION_RANGE.0, RETENTION_RANGE.1)
    }

    pub fn model(&self) -> FSRS {
        FSRS::new(self.weights())
            .or_else(|_| FSRS::new(&fsrs::DEFAULT_PARAMETERS))
            .unwrap_or_default()
    }

    /// The probability of recalling an item in state `memory` `days` after its last review.
    pub fn retrievability(&self, memory: MemoryState, days: f32) -> f32 {
        if memory.stability <= 0.0 {
            return 0.0;
        }
        fsrs::current_retrievability(memory, days.max(0.0), self.decay()).clamp(0.0, 1.0)
    }
}

fn rating(recall: Recall) -> u32 {
    match recall {
        Recall::Again => 1,
        Recall::Hard => 2,
        Recall::Good => 3,
        Recall::Easy => 4,
    }
}

/// Whole days between two reviews, by UTC calendar day (FSRS counts days, not hours).
fn days_between(from: DateTime<Utc>, to: DateTime<Utc>) -> u32 {
    (to.date_naive() - from.date_naive()).num_days().max(0) as u32
}

/// The card after a review with `recall` at `now`.
pub fn next_card(
    params: &MemoryParams,
    card: Option<&ReviewCard>,
    recall: Recall,
    now: DateTime<Utc>,
) -> ReviewCard {
    let model = params.model();
    let (memory, elapsed) = match card {
        Some(c) if c.reps > 0 && c.stability > 0.0 => {
            (Some(c.memory()), days_between(c.last_review, now))
        }
        _ => (None, 0),
    };
    let states = model.next_states(memory, params.retention(), elapsed);
    let (state, interval) = match states {
        Ok(next) => {
            let s = match recall {
                Recall::Again => next.again,
                Recall::Hard => next.hard,
                Recall::Good => next.good,
                Recall::Easy => next.easy,
            };
            (s.memory, s.interval)
        }
        // Only reachable with invalid weights; keep the old state and a one-day interval.
        Err(_) => (
            memory.unwrap_or(MemoryState {
                stability: 1.0,
                difficulty: 5.0,
            }),
            1.0,
        ),
    };
    let lapse = recall == Recall::Again;
    let due = if lapse {
        now + Duration::minutes(RELEARN_MINUTES)
    } else {
        now + Duration::days(interval.round().max(1.0) as i64)
    };
    ReviewCard {
        due,
        last_review: now,
        stability: state.stability,
        difficulty: state.difficulty,
        reps: card.map_or(0, |c| c.reps) + 1,
        lapses: card.map_or(0, |c| c.lapses) + u32::from(lapse && card.is_some_and(|c| c.reps > 0)),
        learning: lapse,
    }
}

/// One past review of an item, for replaying its memory state.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Review {
    pub when: DateTime<Utc>,
    pub recall: Recall,
}

fn fsrs_item(reviews: &[Review]) -> FSRSItem {
    let mut last: Option<DateTime<Utc>> = None;
    FSRSItem {
        reviews: reviews
            .iter()
            .map(|r| {
                let delta_t = last.map_or(0, |l| days_between(l, r.when));
                last = Some(r.when);
                FSRSReview {
                    rating: rating(r.recall),
                    delta_t,
                }
            })
            .collect(),
    }
}

/// The memory state after an item's whole history (oldest first), or `None` for no history.
pub fn memory_from_history(params: &MemoryParams, reviews: &[Review]) -> Option<MemoryState> {
    if reviews.is_empty() {
        return None;
    }
    params.model().memory_state(fsrs_item(reviews), None).ok()
}

/// The memory state after each review of an item's history (oldest first).
pub fn memory_states_along(params: &MemoryParams, reviews: &[Review]) -> Vec<MemoryState> {
    if reviews.is_empty() {
        return Vec::new();
    }
    params
        .model()
        .historical_memory_states(fsrs_item(reviews), None)
        .unwrap_or_default()
}

/// Fits the learner's own FSRS-6 weights on every item's history (each oldest first). Returns
/// `None` when the crate finds too little history (it needs 8 items with a review on a later
/// day; below 64 it only fits the initial stabilities) or fitting fails.
pub fn optimise(histories: &[Vec<Review>]) -> Option<Vec<f32>> {
    let mut train_set = Vec::new();
    for history in histories {
        let item = fsrs_item(history);
        // The crate trains on every prefix that ends with a review on a later day.
        for end in 2..=item.reviews.len() {
            let prefix = FSRSItem {
                reviews: item.reviews[..end].to_vec(),
            };
            if prefix.reviews.last().is_some_and(|r| r.delta_t > 0) {
                train_set.push(prefix);
            }
        }
    }
    if train_set.len() < 8 {
        return None;
    }
    let weights = fsrs::compute_parameters(ComputeParametersInput {
        train_set,
        ..ComputeParametersInput::default()
    })
    .ok()?;
    (weights.len() == fsrs::DEFAULT_PARAMETERS.len()).then_some(weights)
}

/// Reviews expected on each of the `days` days from `today`: due cards counted on their due day
/// (overdue ones today), then each review's next one placed at its expected interval (assuming a
/// "good" answer), so a card due twice within the window counts twice.
pub fn forecast<'a>(
    params: &MemoryParams,
    cards: impl IntoIterator<Item = &'a ReviewCard>,
    today: NaiveDate,
    days: usize,
) -> Vec<u32> {
    let mut counts = vec![0u32; days];
    let model = params.model();
    let retention = params.retention();
    for card in cards {
        if card.reps == 0 {
            continue;
        }
        let mut day = (card.due.date_naive() - today).num_days().max(0);
        let mut memory = card.memory();
        let mut last = card.last_review.date_naive();
        let mut guard = 0;
        while (day as usize) < days && guard < 64 {
            counts[day as usize] += 1;
            let review_day = today + Duration::days(day);
            let elapsed = (review_day - last).num_days().max(0) as u32;
            let Ok(next) = model.next_states(Some(memory), retention, elapsed) else {
                break;
            };
            memory = next.good.memory;
            last = review_day;
            day += next.good.interval.round().max(1.0) as i64;
            guard += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_780_000_000, 0).unwrap_or_default() + Duration::days(n)
    }

    #[test]
    fn good_answers_lengthen_intervals_and_again_relearns_today() {
        let p = MemoryParams::default();
        let first = next_card(&p, None, Recall::Good, day(0));
        assert!(first.interval_days() >= 1);
        let second = next_card(&p, Some(&first), Recall::Good, first.due);
        assert!(second.interval_days() > first.interval_days());
        let lapse = next_card(&p, Some(&second), Recall::Again, second.due);
        assert_eq!(lapse.interval_days(), 0);
        assert_eq!(lapse.lapses, 1);
        assert!(lapse.stability < second.stability);
    }

    #[test]
    fn higher_retention_means_shorter_intervals() {
        let low = MemoryParams {
            desired_retention: 0.8,
            ..MemoryParams::default()
        };
        let high = MemoryParams {
            desired_retention: 0.95,
            ..MemoryParams::default()
        };
        let a = next_card(&low, None, Recall::Good, day(0));
        let b = next_card(&high, None, Recall::Good, day(0));
        assert!(a.interval_days() > b.interval_days());
    }

    #[test]
    fn history_replay_matches_step_by_step_scheduling() {
        let p = MemoryParams::default();
        let reviews = [
            Review {
                when: day(0),
                recall: Recall::Good,
            },
            Review {
                when: day(3),
                recall: Recall::Good,
            },
            Review {
                when: day(12),
                recall: Recall::Again,
            },
            Review {
                when: day(13),
                recall: Recall::Good,
            },
        ];
        let mut card = None;
        for r in reviews {
            card = Some(next_card(&p, card.as_ref(), r.recall, r.when));
        }
        let replayed = memory_from_history(&p, &reviews).unwrap();
        let card = card.unwrap();
        assert!((replayed.stability - card.stability).abs() < 1e-3);
        assert!((replayed.difficulty - card.difficulty).abs() < 1e-3);
        // Retrievability falls with time.
        assert!(p.retrievability(replayed, 1.0) > p.retrievability(replayed, 30.0));
    }

    #[test]
    fn the_optimiser_needs_history_and_fits_weights_on_enough() {
        assert!(
            optimise(&[vec![Review {
                when: day(0),
                recall: Recall::Good
            }]])
            .is_none()
        );
        let mut rng = fastrand::Rng::with_seed(3);
        let histories: Vec<Vec<Review>> = (0..120)
            .map(|_| {
                let mut t = 0;
                (0..6)
                    .map(|_| {
                        t += rng.i64(1..9);
                        let recall = if rng.f32() < 0.8 {
                            Recall::Good
                        } else {
                            Recall::Again
                        };
                        Review {
                            when: day(t),
                            recall,
                        }
                    })
                    .collect()
            })
            .collect();
        let weights = optimise(&histories).unwrap();
        assert_eq!(weights.len(), 21);
    }

    #[test]
    fn the_forecast_counts_due_cards_and_their_next_reviews() {
        let p = MemoryParams::default();
        let card = next_card(&p, None, Recall::Good, day(0));
        let due_day = card.due.date_naive();
        let counts = forecast(&p, [&card], day(0).date_naive(), 28);
        let offset = (due_day - day(0).date_naive()).num_days() as usize;
        assert_eq!(counts[offset], 1);
        assert!(counts.iter().sum::<u32>() >= 2, "{counts:?}");
        assert!(counts[..offset].iter().all(|&c| c == 0));
    }
}
