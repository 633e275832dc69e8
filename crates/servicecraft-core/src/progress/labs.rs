//! `labs.ron`: the learner's work in each CRM lab they opened (records added and edited, status
//! changes, reminders, answers), saved atomically like every learner file, restored on
//! reopening, and reset on request after a backup. Format 2 keeps only the records the learner
//! added or changed (the pack holds the seed); format 1 kept a full copy of the company and is
//! read as if every record were a change, which rebases to the same copy.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::backup::{self, BackupError, BackupKind};
use super::migrate::{Versioned, load_versioned};
use crate::model::lab::{LabData, LabState, Records};
use crate::store::{LoadError, SaveError, save_ron};

pub const LABS_FILE: &str = "labs.ron";
pub const LABS_VERSION: u32 = 2;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct LabStates {
    pub format_version: u32,
    /// Per `PACK_ID/LAB_ID`: lab ids are unique in a pack, not across packs.
    pub labs: BTreeMap<String, LabState>,
}

impl Default for LabStates {
    fn default() -> Self {
        Self {
            format_version: LABS_VERSION,
            labs: BTreeMap::new(),
        }
    }
}

impl Versioned for LabStates {
    const VERSION: u32 = LABS_VERSION;

    fn migrate(version: u32, text: &str) -> Result<Self, String> {
        /// A lab in format 1: the whole working copy.
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct LabV1 {
            lab: String,
            records: Records,
            #[serde(default)]
            answers: BTreeMap<String, Vec<String>>,
            #[serde(default)]
            seq: u32,
            #[serde(default)]
            finished: Option<chrono::NaiveDateTime>,
        }
        #[derive(Deserialize)]
        struct V1 {
            #[serde(default)]
            labs: BTreeMap<String, LabV1>,
        }
        if version != 1 {
            return Err(format!("no migration from format {version}"));
        }
        let old: V1 = ron::from_str(text).map_err(|e| e.to_string())?;
        let labs = old
            .labs
            .into_iter()
            .map(|(key, l)| {
                // Every record counts as a change: rebased, each replaces its seed record by
                // itself, so the copy is the one format 1 held.
                let state = LabState::unbased(l.lab, l.records, l.answers, l.seq, l.finished);
                (key, state)
            })
            .collect();
        Ok(Self {
            format_version: LABS_VERSION,
            labs,
        })
    }
}

fn key(pack: &str, lab: &str) -> String {
    format!("{pack}/{lab}")
}

impl LabStates {
    pub fn get(&self, pack: &str, lab: &str) -> Option<&LabState> {
        self.labs.get(&key(pack, lab))
    }

    /// The learner's copy of a lab, made from the seed data the first time it is opened, and
    /// laid over the seed again when it was read from the file.
    pub fn open(&mut self, pack: &str, lab: &str, data: &LabData) -> &mut LabState {
        let state = self
            .labs
            .entry(key(pack, lab))
            .or_insert_with(|| LabState::new(lab, data));
        state.rebase(data);
        state
    }

    /// Forgets the learner's copy, so the lab opens from the seed again. Whether there was one.
    pub fn forget(&mut self, pack: &str, lab: &str) -> bool {
        self.labs.remove(&key(pack, lab)).is_some()
    }
}

/// Reads `labs.ron` from a profile folder; a profile without one has no lab work yet.
pub fn load_labs(profile_dir: &Path) -> Result<LabStates, LoadError> {
    match load_versioned::<LabStates>(&profile_dir.join(LABS_FILE)) {
        Ok(loaded) => Ok(loaded.value),
        Err(LoadError::Missing { .. }) => Ok(LabStates::default()),
        Err(err) => Err(err),
    }
}

/// Writes `labs.ron` atomically (a temporary file renamed over the old one).
pub fn save_labs(profile_dir: &Path, labs: &LabStates) -> Result<(), SaveError> {
    save_ron(&profile_dir.join(LABS_FILE), labs)
}

#[derive(Debug, thiserror::Error)]
pub enum ResetError {
    #[error(transparent)]
    Backup(#[from] BackupError),
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// "Reset this lab": backs up the profile's files, then drops the learner's copy of the lab and
/// saves. Returns the backup's name (none when there was nothing to back up). Nothing is
/// changed when the backup fails.
pub fn reset_lab(
    profile_dir: &Path,
    labs: &mut LabStates,
    pack: &str,
    lab: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, ResetError> {
    let name = backup::make_backup(profile_dir, BackupKind::BeforeReset, now)?;
    let mut after = labs.clone();
    after.forget(pack, lab);
    save_labs(profile_dir, &after)?;
    *labs = after;
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::lab::sample::{Scale, generate};

    #[test]
    fn lab_work_survives_a_reopen_and_a_reset_keeps_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let data = generate(Scale::BUILTIN, 1);
        let mut labs = load_labs(dir.path()).unwrap();
        assert_eq!(labs, LabStates::default());
        let state = labs.open("pack", "lab3", &data);
        let customer = crate::model::lab::Customer {
            name: "新客户".into(),
            ..Default::default()
        };
        let id = state.add_customer(&data, customer).unwrap();
        state.answer("t1", vec!["C0001".into()]);
        save_labs(dir.path(), &labs).unwrap();

        let mut reopened = load_labs(dir.path()).unwrap();
        // Only the learner's record is in the file; laid over the seed, the copy is the same.
        let text = std::fs::read_to_string(dir.path().join(LABS_FILE)).unwrap();
        assert!(text.contains("format_version: 2"), "{text}");
        assert!(!text.contains(&data.records.customers[0].name), "{text}");
        assert_eq!(
            reopened
                .get("pack", "lab3")
                .unwrap()
                .records
                .customers
                .len(),
            1
        );
        assert_ne!(reopened, labs);
        reopened.open("pack", "lab3", &data);
        assert_eq!(reopened, labs);
        assert!(
            reopened
                .get("pack", "lab3")
                .unwrap()
                .customer(&id)
                .is_some()
        );

        let now = Utc::now();
        let backup = reset_lab(dir.path(), &mut reopened, "pack", "lab3", now)
            .unwrap()
            .unwrap();
        assert!(backup.ends_with("before-reset"), "{backup}");
        assert!(reopened.get("pack", "lab3").is_none());
        assert!(load_labs(dir.path()).unwrap().get("pack", "lab3").is_none());
        let saved = backup::backups_dir(dir.path())
            .join(&backup)
            .join(LABS_FILE);
        let before: LabStates = crate::store::load_ron(&saved).unwrap();
        assert!(
            before.get("pack", "lab3").is_some(),
            "the backup holds the work"
        );
        assert_eq!(reopened.open("pack", "lab3", &data).records, data.records);
    }

    #[test]
    fn a_newer_or_broken_file_is_refused_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(LABS_FILE), "(format_version: 9, labs: {})").unwrap();
        assert!(matches!(
            load_labs(dir.path()),
            Err(LoadError::Newer { .. })
        ));
        std::fs::write(
            dir.path().join(LABS_FILE),
            "(format_version: 2, labs: {\"x\": 3})",
        )
        .unwrap();
        assert!(matches!(
            load_labs(dir.path()),
            Err(LoadError::Corrupt { .. })
        ));
    }

    #[test]
    fn a_format_1_file_is_read_as_changes_over_the_seed_and_written_as_format_2() {
        let seed: LabData =
            ron::from_str(include_str!("../../../../lessons/labs/qihang-crm.ron")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let fixture = include_str!("../../../../tests/fixtures/v1/labs.ron");
        std::fs::write(dir.path().join(LABS_FILE), fixture).unwrap();
        let loaded = load_versioned::<LabStates>(&dir.path().join(LABS_FILE)).unwrap();
        assert_eq!(loaded.migrated_from, Some(1));
        let mut labs = loaded.value;
        assert_eq!(labs.format_version, LABS_VERSION);
        let key = ("servicecraft-builtin", "lab-fixture");
        let state = labs.open(key.0, key.1, &seed);
        let customers = &state.records.customers;
        assert_eq!(customers.len(), seed.records.customers.len() + 1);
        assert_eq!(customers[0].kind, crate::model::lab::CustomerKind::Agent);
        assert!(customers[0].converted.is_some());
        assert_eq!(
            customers[1..seed.records.customers.len()],
            seed.records.customers[1..]
        );
        assert_eq!(customers.last().unwrap().id, "C-L001");
        assert_eq!(state.records.orders, seed.records.orders);
        assert_eq!(state.answers["t1"], ["C0001"]);
        assert_eq!(state.seq, 1);

        save_labs(dir.path(), &labs).unwrap();
        let text = std::fs::read_to_string(dir.path().join(LABS_FILE)).unwrap();
        assert!(text.contains("format_version: 2"), "{text}");
        assert!(text.contains("C-L001") && text.contains("C0001"), "{text}");
        assert!(!text.contains(&seed.records.customers[1].name), "{text}");
        let mut again = load_labs(dir.path()).unwrap();
        again.open(key.0, key.1, &seed);
        assert_eq!(again, labs);
    }
}
