//! The shell's side of the class report screen: asking for results files (several at once) or a
//! folder, reading and merging them on a worker thread with the job's progress bar, handing the
//! report to the screen, and rendering it as HTML or Excel off the UI thread before asking where
//! to save it (written through the atomic store, like every export).

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::export::class_report::{self, ClassReport};
use crate::i18n::T;
use crate::pack::Progress;
use crate::ui::class_report::ClassReportView;
use crate::ui::{Command, FilesCmd};

use super::ServiceCraftApp;
use super::files::{DialogKind, DialogRequest};
use super::jobs::JobOutcome;
use super::nav::Screen;

impl ServiceCraftApp {
    /// The class report screen, when it is the one shown.
    pub(super) fn class_report_view(&mut self) -> Option<&mut ClassReportView> {
        match self.nav.screen_mut() {
            Screen::ClassReport(view) => Some(view),
            _ => None,
        }
    }

    pub(super) fn apply_class_report(&mut self, command: FilesCmd) {
        let lang = self.prefs.lang;
        match command {
            FilesCmd::ChooseClassResults => self.ask_many(
                DialogRequest::new(DialogKind::OpenFiles)
                    .title(T::ClassAddFiles.get(lang))
                    .filter(T::ClassResultsFilter.get(lang), &["csv"]),
                |paths| Command::Files(FilesCmd::AddClassSources(paths)),
            ),
            FilesCmd::ChooseClassFolder => self.ask_many(
                DialogRequest::new(DialogKind::Folder).title(T::ClassAddFolder.get(lang)),
                |paths| Command::Files(FilesCmd::AddClassSources(paths)),
            ),
            FilesCmd::AddClassSources(paths) => {
                let Some(view) = self.class_report_view() else {
                    return;
                };
                for path in paths {
                    if !view.sources.contains(&path) {
                        view.sources.push(path);
                    }
                }
                let sources = view.sources.clone();
                self.build_class_report(sources);
            }
            FilesCmd::BuildClassReport(sources) => self.build_class_report(sources),
            FilesCmd::SaveClassReport { xlsx } => self.save_class_report(xlsx),
            _ => {}
        }
    }

    /// Reads and merges the results files on a job's thread; the report (or why there is none)
    /// comes back to the screen through [`Self::finish_class_report`].
    fn build_class_report(&mut self, sources: Vec<PathBuf>) {
        let now = self.config.clock.now();
        self.jobs.start(T::ClassBuilding, move |progress| {
            JobOutcome::ClassReport(Box::new(read_and_build(&sources, now, progress)))
        });
    }

    pub(super) fn finish_class_report(&mut self, result: Result<ClassReport, String>) {
        if let Some(view) = self.class_report_view() {
            match result {
                Ok(report) => {
                    view.report = Some(report);
                    view.error = None;
                }
                Err(error) => {
                    view.report = None;
                    view.error = Some(error);
                }
            }
        }
    }

    /// Renders the report on screen off the UI thread, then asks where to save it.
    fn save_class_report(&mut self, xlsx: bool) {
        let lang = self.prefs.lang;
        let Some(report) = self.class_report_view().and_then(|v| v.report.clone()) else {
            return;
        };
        let name = format!(
            "{}-{}",
            T::ClassReportTitle.get(lang),
            report.made.format("%Y%m%d")
        );
        self.jobs.start(T::ClassBuilding, move |_| {
            let (extension, bytes) = if xlsx {
                (
                    "xlsx",
                    class_report::workbook(&report, lang)
                        .map_err(|e| format!("{}{e}", T::ExportFailed.get(lang))),
                )
            } else {
                ("html", Ok(class_report::html(&report, lang).into_bytes()))
            };
            JobOutcome::Rendered {
                name,
                extension,
                bytes,
            }
        });
    }
}

/// Every results file named (folders searched), read one by one with the progress bar moving,
/// then merged. The first file that is not a results export stops it, named.
fn read_and_build(
    sources: &[PathBuf],
    now: DateTime<Utc>,
    progress: &Progress,
) -> Result<ClassReport, String> {
    let files = class_report::collect_files(sources)?;
    if files.is_empty() {
        return Err("no results files (.csv) found".to_owned());
    }
    progress.set_total(files.len() as u64);
    let mut read = Vec::with_capacity(files.len());
    for path in &files {
        read.push(
            class_report::read_results(path).map_err(|e| format!("{}: {e}", path.display()))?,
        );
        progress.advance();
    }
    Ok(class_report::build(read, now))
}
