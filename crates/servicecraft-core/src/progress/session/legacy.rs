//! Legacy adoption: the first release kept one learner's files beside the profiles; the first
//! profile opened takes them over.

use std::path::Path;

use super::{ProfileSession, STUDY_FILE};
use crate::model::study::StudyState;
use crate::progress::record::Attempt;

impl ProfileSession {
    /// where it is and is logged.
    pub fn adopt_legacy_files(&mut self, data_dir: &Path) {
        let study_path = data_dir.join(STUDY_FILE);
        match crate::store::load_ron::<StudyState>(&study_path) {
            Ok(study) => {
                self.set_study(StudyState {
                    format_version: crate::model::study::STUDY_VERSION,
                    ..study
                });
                retire_legacy_file(&study_path);
            }
            Err(crate::store::LoadError::Missing { .. }) => {}
            Err(err) => log::error!("{err}; the earlier study record stays where it is"),
        }
        let attempts_path = data_dir.join(crate::progress::export::LEGACY_ATTEMPTS_FILE);
        match crate::store::load_ron::<Vec<crate::progress::export::AttemptRow>>(&attempts_path) {
            Ok(rows) => {
                for row in rows {
                    self.record_attempt(
                        &row.item_id,
                        &row.pack_id,
                        Attempt {
                            started: row.started,
                            finished: row.finished,
                            answer: row.answer,
                            score: row.score,
                            max: row.max,
                        },
                    );
                }
                retire_legacy_file(&attempts_path);
            }
            Err(crate::store::LoadError::Missing { .. }) => {}
            Err(err) => log::error!("{err}; the earlier attempts stay where they are"),
        }
        self.save_soon();
    }
}

/// Renames a file taken over by a profile to `NAME.moved-to-profile`, kept for the learner to
/// delete.
fn retire_legacy_file(path: &Path) {
    let mut moved = path.as_os_str().to_owned();
    moved.push(".moved-to-profile");
    if let Err(err) = std::fs::rename(path, &moved) {
        log::error!("cannot rename {}: {err}", path.display());
    }
}
