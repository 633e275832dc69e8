//! `labs.ron`: the learner's working copy of each CRM lab they opened (records added and edited,
//! status changes, reminders, answers), saved atomically like every learner file, restored on
//! reopening, and reset on request after a backup.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::backup::{self, BackupError, BackupKind};
use super::migrate::{Versioned, load_versioned};
use crate::model::lab::{LabData, LabState};
use crate::store::{LoadError, SaveError, save_ron};

pub const LABS_FILE: &str = "labs.ron";
pub const LABS_VERSION: u32 = 1;

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
}

fn key(pack: &str, lab: &str) -> String {
    format!("{pack}/{lab}")
}

impl LabStates {
    pub fn get(&self, pack: &str, lab: &str) -> Option<&LabState> {
        self.labs.get(&key(pack, lab))
    }

    /// The learner's copy of a lab, made from the seed data the first time it is opened.
    pub fn open(&mut self, pack: &str, lab: &str, data: &LabData) -> &mut LabState {
        self.labs
            .entry(key(pack, lab))
            .or_insert_with(|| LabState::new(lab, data))
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
            "(format_version: 1, labs: {\"x\": 3})",
        )
        .unwrap();
        assert!(matches!(
            load_labs(dir.path()),
            Err(LoadError::Corrupt { .. })
        ));
    }
}
