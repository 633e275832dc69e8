//! How a [`LabState`] is written to `labs.ron` (format 2): only the records the learner added or
//! changed, by id, since the pack already holds the seed; reading a state back gives those
//! changes alone, laid over the seed by [`LabState::rebase`] when the lab is opened. A company
//! of 10 000 orders thus costs its learner a few records in the file, not the whole company.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDateTime;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{
    CarePlan, Competitor, Customer, LabState, MarketActivity, Order, Records, ServiceTask,
};

/// A record with an id, by which a change is matched to its seed record.
trait Keyed: Clone + PartialEq {
    fn key(&self) -> &str;
}

macro_rules! keyed {
    ($($t:ty),*) => {$(
        impl Keyed for $t {
            fn key(&self) -> &str {
                &self.id
            }
        }
    )*};
}

keyed!(
    Customer,
    Competitor,
    Order,
    ServiceTask,
    CarePlan,
    MarketActivity
);

/// The seed's records with each change put in place of the record of its id (in seed order),
/// and the records new to the seed after them (in the order they were added).
fn merge_list<T: Keyed>(seed: &[T], changes: Vec<T>) -> Vec<T> {
    let mut out = seed.to_vec();
    let at: HashMap<&str, usize> = seed.iter().enumerate().map(|(i, r)| (r.key(), i)).collect();
    for change in changes {
        match at.get(change.key()) {
            Some(&i) => out[i] = change,
            None => out.push(change),
        }
    }
    out
}

/// The records of `records` that differ from the seed record of their id or are not in the
/// seed. The learner cannot delete records, so every seed record is still there.
fn diff_list<T: Keyed>(seed: &[T], records: &[T]) -> Vec<T> {
    let by_id: HashMap<&str, &T> = seed.iter().map(|r| (r.key(), r)).collect();
    records
        .iter()
        .enumerate()
        .filter(|(i, r)| {
            // Records keep their seed positions, so most are found without the map.
            let same_place = seed.get(*i).is_some_and(|s| s.key() == r.key());
            let original = if same_place {
                seed.get(*i)
            } else {
                by_id.get(r.key()).copied()
            };
            original != Some(*r)
        })
        .map(|(_, r)| r.clone())
        .collect()
}

/// The full copy: `changes` laid over `seed`.
pub(super) fn merge(seed: &Records, changes: Records) -> Records {
    Records {
        customers: merge_list(&seed.customers, changes.customers),
        competitors: merge_list(&seed.competitors, changes.competitors),
        orders: merge_list(&seed.orders, changes.orders),
        service: merge_list(&seed.service, changes.service),
        cares: merge_list(&seed.cares, changes.cares),
        activities: merge_list(&seed.activities, changes.activities),
    }
}

/// What `records` changed or added to `seed`.
pub(super) fn diff(seed: &Records, records: &Records) -> Records {
    Records {
        customers: diff_list(&seed.customers, &records.customers),
        competitors: diff_list(&seed.competitors, &records.competitors),
        orders: diff_list(&seed.orders, &records.orders),
        service: diff_list(&seed.service, &records.service),
        cares: diff_list(&seed.cares, &records.cares),
        activities: diff_list(&seed.activities, &records.activities),
    }
}

/// A lab state as written in `labs.ron` format 2.
#[derive(Serialize)]
struct SavedRef<'a> {
    lab: &'a str,
    changes: &'a Records,
    answers: &'a BTreeMap<String, Vec<String>>,
    seq: u32,
    finished: Option<NaiveDateTime>,
}

/// A lab state as read from `labs.ron` format 2.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Saved {
    lab: String,
    #[serde(default)]
    changes: Records,
    #[serde(default)]
    answers: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    seq: u32,
    #[serde(default)]
    finished: Option<NaiveDateTime>,
}

impl Serialize for LabState {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let owned;
        let changes = match &self.seed {
            Some(seed) => {
                owned = diff(seed, &self.records);
                &owned
            }
            // Not rebased since it was read: the records are the changes.
            None => &self.records,
        };
        SavedRef {
            lab: &self.lab,
            changes,
            answers: &self.answers,
            seq: self.seq,
            finished: self.finished,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for LabState {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let saved = Saved::deserialize(d)?;
        Ok(Self::unbased(
            saved.lab,
            saved.changes,
            saved.answers,
            saved.seq,
            saved.finished,
        ))
    }
}

impl LabState {
    /// A state read from a file: the learner's changes, to be rebased on the seed.
    pub(crate) fn unbased(
        lab: String,
        changes: Records,
        answers: BTreeMap<String, Vec<String>>,
        seq: u32,
        finished: Option<NaiveDateTime>,
    ) -> Self {
        Self {
            lab,
            records: changes,
            answers,
            seq,
            finished,
            seed: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::lab::sample::{Scale, generate};

    #[test]
    fn only_changed_and_added_records_are_saved_and_they_rebase_to_the_same_copy() {
        let data = generate(Scale::BUILTIN, 2);
        let mut state = LabState::new("lab", &data);
        let now = data.today.and_hms_opt(9, 0, 0).unwrap();
        let seed_customer = data.records.customers[3].id.clone();
        state.convert_to_agent(&seed_customer, now).unwrap();
        let draft = Customer {
            name: "新客户".into(),
            ..Customer::default()
        };
        let added = state.add_customer(&data, draft).unwrap();
        let changes = diff(&data.records, &state.records);
        let ids: Vec<&str> = changes.customers.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, [seed_customer.as_str(), added.as_str()]);
        assert!(changes.orders.is_empty() && changes.service.is_empty());

        let text = ron::to_string(&state).unwrap();
        assert!(!text.contains(&data.records.customers[0].name), "{text}");
        let mut read: LabState = ron::from_str(&text).unwrap();
        assert!(!read.is_based());
        assert_eq!(read.records.customers.len(), 2);
        read.rebase(&data);
        assert_eq!(read, state);
        // Written again before and after rebasing, the file is the same.
        let unbased: LabState = ron::from_str(&text).unwrap();
        assert_eq!(ron::to_string(&unbased).unwrap(), text);
        assert_eq!(ron::to_string(&read).unwrap(), text);
    }
}
