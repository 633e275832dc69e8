//! "My SWOT": a learner's own SWOT analysis of their organisation or a case, with strategies per
//! TOWS pairing, and the pure edits on it (add, move between quadrants, remove).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Pairing, Quadrant, SwotExercise};

/// One analysis. Saved with the learner's study state; the fields are lists per quadrant so the
/// saved file reads like the grid.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MySwot {
    /// Unique among the learner's analyses; chosen when created.
    pub id: u64,
    pub title: String,
    /// What is being analysed: the organisation, its situation, the case.
    pub context: String,
    pub created: Option<DateTime<Utc>>,
    pub strengths: Vec<String>,
    pub weaknesses: Vec<String>,
    pub opportunities: Vec<String>,
    pub threats: Vec<String>,
    pub so: Vec<String>,
    pub wo: Vec<String>,
    pub st: Vec<String>,
    pub wt: Vec<String>,
}

impl MySwot {
    pub fn new(id: u64, title: String, created: DateTime<Utc>) -> Self {
        Self {
            id,
            title,
            created: Some(created),
            ..Self::default()
        }
    }

    /// A start from a case exercise: its situation and its factors in their right quadrants, so
    /// the learner can go on to write strategies of their own.
    pub fn from_case(id: u64, exercise: &SwotExercise, created: DateTime<Utc>) -> Self {
        let mut swot = Self::new(id, exercise.title.clone(), created);
        swot.context = exercise.case_text.clone();
        for card in &exercise.cards {
            swot.items_mut(card.quadrant).push(card.text.clone());
        }
        swot
    }

    pub fn items(&self, quadrant: Quadrant) -> &[String] {
        match quadrant {
            Quadrant::Strength => &self.strengths,
            Quadrant::Weakness => &self.weaknesses,
            Quadrant::Opportunity => &self.opportunities,
            Quadrant::Threat => &self.threats,
        }
    }

    pub fn items_mut(&mut self, quadrant: Quadrant) -> &mut Vec<String> {
        match quadrant {
            Quadrant::Strength => &mut self.strengths,
            Quadrant::Weakness => &mut self.weaknesses,
            Quadrant::Opportunity => &mut self.opportunities,
            Quadrant::Threat => &mut self.threats,
        }
    }

    pub fn strategies(&self, pairing: Pairing) -> &[String] {
        match pairing {
            Pairing::SO => &self.so,
            Pairing::WO => &self.wo,
            Pairing::ST => &self.st,
            Pairing::WT => &self.wt,
        }
    }

    pub fn strategies_mut(&mut self, pairing: Pairing) -> &mut Vec<String> {
        match pairing {
            Pairing::SO => &mut self.so,
            Pairing::WO => &mut self.wo,
            Pairing::ST => &mut self.st,
            Pairing::WT => &mut self.wt,
        }
    }

    /// Adds a factor; blank text is ignored. Returns whether something was added.
    pub fn add_item(&mut self, quadrant: Quadrant, text: &str) -> bool {
        let text = text.trim();
        if text.is_empty() {
            return false;
        }
        self.items_mut(quadrant).push(text.to_owned());
        true
    }

    /// Moves item `index` of `from` to `to` at `at` (clamped; the end when `None`). Returns the
    /// item's new place, or `None` if there was no such item.
    pub fn move_item(
        &mut self,
        from: Quadrant,
        index: usize,
        to: Quadrant,
        at: Option<usize>,
    ) -> Option<(Quadrant, usize)> {
        if index >= self.items(from).len() {
            return None;
        }
        let item = self.items_mut(from).remove(index);
        let target = self.items_mut(to);
        let at = at.unwrap_or(target.len()).min(target.len());
        target.insert(at, item);
        Some((to, at))
    }

    pub fn remove_item(&mut self, quadrant: Quadrant, index: usize) -> Option<String> {
        let items = self.items_mut(quadrant);
        (index < items.len()).then(|| items.remove(index))
    }

    pub fn add_strategy(&mut self, pairing: Pairing, text: &str) -> bool {
        let text = text.trim();
        if text.is_empty() {
            return false;
        }
        self.strategies_mut(pairing).push(text.to_owned());
        true
    }

    pub fn remove_strategy(&mut self, pairing: Pairing, index: usize) -> Option<String> {
        let items = self.strategies_mut(pairing);
        (index < items.len()).then(|| items.remove(index))
    }

    pub fn is_empty(&self) -> bool {
        Quadrant::ALL.iter().all(|q| self.items(*q).is_empty())
            && Pairing::ALL.iter().all(|p| self.strategies(*p).is_empty())
    }
}

/// An id not used by any of `existing`, derived from the creation time so it stays stable.
pub fn fresh_id(existing: &[MySwot], now: DateTime<Utc>) -> u64 {
    let mut id = now.timestamp_millis().unsigned_abs();
    while existing.iter().any(|s| s.id == id) {
        id += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SwotCard;

    fn when() -> DateTime<Utc> {
        DateTime::from_timestamp(1_780_000_000, 0).unwrap()
    }

    #[test]
    fn items_move_between_quadrants_and_keep_their_text() {
        let mut swot = MySwot::new(1, "热线".into(), when());
        assert!(swot.add_item(Quadrant::Strength, "  坐席经验丰富 "));
        assert!(!swot.add_item(Quadrant::Strength, "   "));
        swot.add_item(Quadrant::Strength, "知识库完善");
        swot.add_item(Quadrant::Threat, "同行竞争");
        for (from, index, to, at, expected) in [
            (
                Quadrant::Strength,
                0,
                Quadrant::Threat,
                Some(0),
                Some((Quadrant::Threat, 0)),
            ),
            (
                Quadrant::Threat,
                0,
                Quadrant::Strength,
                None,
                Some((Quadrant::Strength, 1)),
            ),
            (Quadrant::Weakness, 0, Quadrant::Strength, None, None),
            (
                Quadrant::Strength,
                1,
                Quadrant::Strength,
                Some(0),
                Some((Quadrant::Strength, 0)),
            ),
            (
                Quadrant::Strength,
                0,
                Quadrant::Opportunity,
                Some(9),
                Some((Quadrant::Opportunity, 0)),
            ),
        ] {
            assert_eq!(swot.move_item(from, index, to, at), expected);
        }
        assert_eq!(swot.opportunities, vec!["坐席经验丰富"]);
        assert_eq!(swot.strengths, vec!["知识库完善"]);
        assert_eq!(swot.threats, vec!["同行竞争"]);
        assert_eq!(swot.remove_item(Quadrant::Threat, 5), None);
        assert_eq!(
            swot.remove_item(Quadrant::Threat, 0).as_deref(),
            Some("同行竞争")
        );
    }

    #[test]
    fn strategies_are_kept_per_pairing() {
        let mut swot = MySwot::new(1, String::new(), when());
        assert!(swot.is_empty());
        swot.add_strategy(Pairing::WO, "引入语音机器人");
        assert_eq!(swot.strategies(Pairing::WO), ["引入语音机器人"]);
        assert!(swot.strategies(Pairing::SO).is_empty());
        assert!(!swot.is_empty());
        assert_eq!(
            swot.remove_strategy(Pairing::WO, 0).as_deref(),
            Some("引入语音机器人")
        );
        assert!(swot.is_empty());
    }

    #[test]
    fn a_case_starts_with_its_cards_in_place() {
        let exercise = SwotExercise {
            id: "x".into(),
            lesson: "l".into(),
            title: "案例".into(),
            case_text: "情况".into(),
            cards: vec![
                SwotCard {
                    text: "强".into(),
                    quadrant: Quadrant::Strength,
                    reason: String::new(),
                },
                SwotCard {
                    text: "险".into(),
                    quadrant: Quadrant::Threat,
                    reason: String::new(),
                },
            ],
            strategies: Vec::new(),
        };
        let swot = MySwot::from_case(7, &exercise, when());
        assert_eq!(
            (swot.id, swot.title.as_str(), swot.context.as_str()),
            (7, "案例", "情况")
        );
        assert_eq!(swot.strengths, vec!["强"]);
        assert_eq!(swot.threats, vec!["险"]);
    }

    #[test]
    fn fresh_ids_do_not_collide() {
        let first = fresh_id(&[], when());
        let existing = vec![MySwot::new(first, String::new(), when())];
        assert_ne!(fresh_id(&existing, when()), first);
    }
}
