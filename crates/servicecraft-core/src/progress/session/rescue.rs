//! Closing: save everything, and when the disk still refuses, write the unsaved documents to a
//! rescue folder in the system's temporary directory rather than lose them.

use std::path::PathBuf;
use std::time::Duration;

use super::{Doc, ProfileSession};
use crate::progress::dates;
use crate::progress::record::segment_file;
use crate::store::save_atomic;

impl ProfileSession {
    /// Saves everything and closes the profile: the saver stops after writing, then the lock is
    /// released. When the disk refuses even now, the unsaved documents are written to a rescue
    /// folder in the system's temporary directory, whose path is returned.
    pub fn close(&mut self, timeout: Duration) -> Result<(), PathBuf> {
        if self.saver.is_none() {
            return Ok(());
        }
        let saved = self.flush(timeout);
        let rescued = if saved { None } else { self.rescue() };
        self.saver = None;
        self.lock = None;
        rescued.map_or(Ok(()), Err)
    }

    fn rescue(&self) -> Option<PathBuf> {
        let dir = std::env::temp_dir()
            .join("servicecraft-rescue")
            .join(format!(
                "{}-{}",
                self.folder,
                dates::file_stamp(self.clock.now())
            ));
        let mut any = false;
        for (doc, state) in Doc::ALL.into_iter().zip(&self.docs) {
            if !state.writable || state.saved >= state.generation {
                continue;
            }
            let files: Vec<(String, Result<String, String>)> = match doc {
                Doc::Profile => vec![(
                    doc.file().to_owned(),
                    crate::store::encode_ron(&*self.profile),
                )],
                Doc::Settings => vec![(
                    doc.file().to_owned(),
                    crate::store::encode_ron(&*self.settings),
                )],
                Doc::Progress => vec![(
                    doc.file().to_owned(),
                    crate::store::encode_ron(&self.progress.file_copy()),
                )],
                Doc::Notes => vec![(
                    doc.file().to_owned(),
                    crate::store::encode_ron(&*self.notes),
                )],
                Doc::Study => vec![(
                    doc.file().to_owned(),
                    crate::store::encode_ron(&*self.study),
                )],
                Doc::Labs => vec![(doc.file().to_owned(), crate::store::encode_ron(&*self.labs))],
                // Every segment: which of them reached the disk is not known here.
                Doc::Attempts => (0..self.progress.segment_count())
                    .map(|i| {
                        (
                            segment_file(i),
                            crate::store::encode_ron(&self.progress.segment(i)),
                        )
                    })
                    .collect(),
            };
            for (file, text) in files {
                let written = text.and_then(|t| {
                    save_atomic(&dir.join(&file), t.as_bytes()).map_err(|e| e.to_string())
                });
                match written {
                    Ok(()) => any = true,
                    Err(err) => log::error!("cannot rescue {file}: {err}"),
                }
            }
        }
        if any {
            log::error!("unsaved changes were written to {}", dir.display());
        }
        any.then_some(dir)
    }
}
