//! Background work, so the window never waits for a disk: long jobs with a progress modal
//! (installs, imports, exports, rendering a picture), quiet tasks whose answer arrives as a
//! [`Command`] (file writes, font reads, dialog answers), and the loader of pack images.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use egui::RichText;

use crate::i18n::{Lang, T};
use crate::pack::import::{Format, ImportError, ImportResult, TextEncoding};
use crate::pack::{Diagnostic, InstallError, Installed, PackSource, Progress};
use crate::progress::ProfileSession;
use crate::progress::export::ExportError;
use crate::ui::images::{ImageCache, decode};
use crate::ui::{Command, WindowCmd};

/// What a background job produced.
pub enum JobOutcome {
    Installed(Box<Result<Installed, InstallError>>),
    BankRead(
        PathBuf,
        Result<(ImportResult, Format, TextEncoding), ImportError>,
    ),
    Saved(PathBuf, Result<(), ImportError>),
    Exported(usize, Result<[PathBuf; 3], ExportError>),
    /// The open profile, back from a job that worked on it off the UI thread, and what to do next.
    SessionBack(Box<ProfileSession>, SessionWork),
    /// The class report built from trainees' results files, or why it could not be.
    ClassReport(Box<Result<crate::export::class_report::ClassReport, String>>),
    /// An export rendered in memory (a picture): where to save it is asked next.
    Rendered {
        name: String,
        extension: &'static str,
        bytes: Result<Vec<u8>, String>,
    },
}

/// What a job did with the open profile (see [`super::ServiceCraftApp::with_session_away`]).
pub enum SessionWork {
    /// Restored the backup taken at this time; the name of the one kept of what it replaced.
    Restored {
        taken: String,
        result: Result<String, String>,
    },
    /// Wrote every change, before the results export reads the profiles from disk.
    Flushed { csv_path: PathBuf },
    /// Wrote every change (closing the window, or retrying a failing save): whether all is on
    /// disk, and whether the window closes once it is.
    Saved { saved: bool, then_close: bool },
}

/// A long operation on its own thread, shown with a progress bar.
struct Job {
    title: T,
    progress: Arc<Progress>,
    receiver: Receiver<JobOutcome>,
}

/// The outcome of an install, import or export, shown until closed.
pub struct Report {
    pub ok: bool,
    pub headline: String,
    pub details: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A decoded pack image, or why it cannot be shown.
type Decoded = (String, Result<egui::ColorImage, String>);

/// The shell's background work.
pub struct Jobs {
    job: Option<Job>,
    pub report: Option<Report>,
    /// Answers of quiet tasks and dialogs, applied as commands on the next frame.
    commands: (Sender<Command>, Receiver<Command>),
    images: (Sender<Decoded>, Receiver<Decoded>),
    ctx: egui::Context,
}

/// What a background thread sent for the work in `slot`: the work is taken out once its thread
/// has answered, or has ended without answering.
pub fn take_finished<W, R>(
    slot: &mut Option<W>,
    receiver: impl Fn(&W) -> &Receiver<R>,
) -> Option<(W, R)> {
    let work = slot.as_ref()?;
    match receiver(work).try_recv() {
        Ok(result) => slot.take().map(|work| (work, result)),
        Err(TryRecvError::Empty) => None,
        Err(TryRecvError::Disconnected) => {
            *slot = None;
            None
        }
    }
}

impl Jobs {
    pub fn new(ctx: &egui::Context) -> Self {
        Self {
            job: None,
            report: None,
            commands: channel(),
            images: channel(),
            ctx: ctx.clone(),
        }
    }

    /// Whether a job with a progress bar is running.
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Runs `work` on its own thread with a progress modal; its outcome comes from
    /// [`Self::poll`]. One at a time: a second job while one runs is not started.
    pub fn start(&mut self, title: T, work: impl FnOnce(&Progress) -> JobOutcome + Send + 'static) {
        if self.job.is_some() {
            return;
        }
        let progress = Arc::new(Progress::default());
        let (sender, receiver) = channel();
        let shared = Arc::clone(&progress);
        let ctx = self.ctx.clone();
        std::thread::spawn(move || {
            let _ = sender.send(work(&shared));
            ctx.request_repaint();
        });
        self.job = Some(Job {
            title,
            progress,
            receiver,
        });
    }

    /// Waits up to `timeout` for the running job (the window is closing).
    pub fn wait(&mut self, timeout: std::time::Duration) -> Option<JobOutcome> {
        self.job.take()?.receiver.recv_timeout(timeout).ok()
    }

    /// The finished job's outcome, once.
    pub fn poll(&mut self) -> Option<JobOutcome> {
        take_finished(&mut self.job, |j| &j.receiver).map(|(_, outcome)| outcome)
    }

    /// Runs `work` on its own thread without a modal; the command it returns is applied on a
    /// later frame.
    pub fn task(&self, work: impl FnOnce() -> Command + Send + 'static) {
        let sender = self.command_sender();
        std::thread::spawn(move || sender.send(work()));
    }

    /// Where background threads (tasks, dialogs) send the commands they answer with; sending
    /// wakes the window.
    pub fn command_sender(&self) -> CommandSender {
        CommandSender {
            sender: self.commands.0.clone(),
            ctx: self.ctx.clone(),
        }
    }

    /// The commands background threads sent since the last frame.
    pub fn take_commands(&self) -> Vec<Command> {
        self.commands.1.try_iter().collect()
    }

    /// Starts reading and decoding the images screens asked for, and turns the decoded ones into
    /// textures.
    pub fn load_images(&self, images: &mut ImageCache, source: &Arc<dyn PackSource>) {
        for (path, decoded) in self.images.1.try_iter() {
            images.insert(&self.ctx, path, decoded);
        }
        for path in images.take_wanted() {
            let sender = self.images.0.clone();
            let source = Arc::clone(source);
            let ctx = self.ctx.clone();
            std::thread::spawn(move || {
                let result = source
                    .read(&path)
                    .map_err(|e| e.to_string())
                    .and_then(|bytes| decode(&bytes));
                let _ = sender.send((path, result));
                ctx.request_repaint();
            });
        }
    }

    /// A modal with a progress bar while a job runs; the window keeps drawing meanwhile.
    pub fn job_ui(&self, ctx: &egui::Context, lang: Lang) {
        let Some(job) = &self.job else {
            return;
        };
        ctx.request_repaint_after(std::time::Duration::from_millis(100));
        egui::Modal::new(egui::Id::unique("job-progress")).show(ctx, |ui| {
            ui.set_width(360.0);
            ui.label(RichText::new(job.title.get(lang)).strong());
            ui.add_space(6.0);
            match job.progress.fraction() {
                Some(fraction) => {
                    ui.add(egui::ProgressBar::new(fraction).show_percentage());
                }
                None => {
                    ui.add(egui::ProgressBar::new(0.0).animate(true));
                }
            }
        });
    }

    /// The report of the last install, import or export: what happened, and every problem with
    /// its `file:line:col`.
    pub fn report_ui(&self, ctx: &egui::Context, lang: Lang) -> Vec<Command> {
        let mut commands = Vec::new();
        let Some(report) = &self.report else {
            return commands;
        };
        let close = Command::Window(WindowCmd::DismissReport);
        let modal = egui::Modal::new(egui::Id::unique("pack-report")).show(ctx, |ui| {
            ui.set_width(640.0_f32.min(ctx.content_rect().width() - 80.0));
            let color = if report.ok {
                ui.visuals().text_color()
            } else {
                ui.visuals().error_fg_color
            };
            ui.label(
                RichText::new(&report.headline)
                    .size(18.0)
                    .strong()
                    .color(color),
            );
            for line in &report.details {
                ui.add(egui::Label::new(line).wrap());
            }
            if !report.diagnostics.is_empty() {
                ui.add_space(6.0);
                if report.ok {
                    ui.label(T::PackWarnings.get(lang));
                } else {
                    ui.label(T::PackProblemsHelp.get(lang));
                }
                egui::ScrollArea::vertical()
                    .max_height(ctx.content_rect().height() * 0.5)
                    .show(ui, |ui| {
                        for problem in &report.diagnostics {
                            let color = if problem.is_error() {
                                ui.visuals().error_fg_color
                            } else {
                                ui.visuals().warn_fg_color
                            };
                            ui.add(
                                egui::Label::new(
                                    RichText::new(problem.to_string()).monospace().color(color),
                                )
                                .wrap(),
                            );
                        }
                    });
            }
            ui.add_space(8.0);
            if ui.button(T::ReportClose.get(lang)).clicked() || crate::ui::focus::enter_confirms(ui)
            {
                commands.push(close.clone());
            }
        });
        if modal.should_close() && commands.is_empty() {
            commands.push(close);
        }
        commands
    }
}

/// Sends a command to the UI thread from any thread, and wakes the window to apply it.
#[derive(Clone)]
pub struct CommandSender {
    sender: Sender<Command>,
    ctx: egui::Context,
}

impl CommandSender {
    pub fn send(&self, command: Command) {
        let _ = self.sender.send(command);
        self.ctx.request_repaint();
    }
}

impl Report {
    pub fn success(headline: String, details: Vec<String>) -> Self {
        Self {
            ok: true,
            headline,
            details,
            diagnostics: Vec::new(),
        }
    }

    pub fn failure(headline: String, details: Vec<String>) -> Self {
        Self {
            ok: false,
            headline,
            details,
            diagnostics: Vec::new(),
        }
    }
}

impl super::ServiceCraftApp {
    /// Runs `work` on the open profile on a job's thread (restoring a backup and waiting for
    /// the saver take a while on a slow disk); the profile comes back with the job's outcome.
    /// Meanwhile the window shows that the profile is busy.
    pub(super) fn with_session_away(
        &mut self,
        title: T,
        work: impl FnOnce(&mut ProfileSession) -> SessionWork + Send + 'static,
    ) {
        if self.jobs.busy() {
            return;
        }
        let Some(mut session) = self.profile.session.take() else {
            return;
        };
        self.profile.away = Some(session.profile().name.clone());
        self.jobs.start(title, move |_| {
            let work = work(&mut session);
            JobOutcome::SessionBack(Box::new(session), work)
        });
    }

    /// Takes a finished job's outcome to where it belongs.
    pub(super) fn poll_job(&mut self) {
        let Some(outcome) = self.jobs.poll() else {
            return;
        };
        let lang = self.prefs.lang;
        match outcome {
            JobOutcome::Installed(result) => self.finish_install(*result),
            JobOutcome::BankRead(path, Ok((result, format, encoding))) => {
                self.windows
                    .import
                    .set_parsed(crate::ui::import::ParsedBank {
                        path,
                        result,
                        format,
                        encoding,
                    });
            }
            JobOutcome::BankRead(_, Err(err)) => self.windows.import.error = Some(err.to_string()),
            JobOutcome::Saved(dir, result) => {
                self.jobs.report = Some(match result {
                    Ok(()) => Report::success(
                        T::ImportSaved.get(lang).to_owned(),
                        vec![dir.display().to_string()],
                    ),
                    Err(err) => {
                        Report::failure(T::ImportFailed.get(lang).to_owned(), vec![err.to_string()])
                    }
                });
            }
            JobOutcome::Exported(count, result) => {
                self.jobs.report = Some(match result {
                    Ok(paths) => Report::success(
                        T::ExportDone.get(lang).to_owned(),
                        std::iter::once(crate::i18n::counted(
                            lang,
                            count,
                            T::AttemptOne,
                            T::AttemptCount,
                        ))
                        .chain(paths.iter().map(|p| p.display().to_string()))
                        .collect(),
                    ),
                    Err(err) => {
                        Report::failure(T::ExportFailed.get(lang).to_owned(), vec![err.to_string()])
                    }
                });
            }
            JobOutcome::Rendered {
                name,
                extension,
                bytes,
            } => self.save_export(&name, extension, bytes),
            JobOutcome::ClassReport(result) => self.finish_class_report(*result),
            JobOutcome::SessionBack(session, work) => {
                self.profile.session = Some(*session);
                self.profile.away = None;
                match work {
                    SessionWork::Restored { taken, result } => self.finish_restore(taken, result),
                    SessionWork::Flushed { csv_path } => self.start_results_export(csv_path),
                    SessionWork::Saved { saved, then_close } => {
                        self.finish_flush(saved, then_close);
                    }
                }
            }
        }
    }

    fn finish_install(&mut self, result: Result<Installed, InstallError>) {
        let lang = self.prefs.lang;
        match result {
            Ok(installed) => {
                let key = match &installed.replaced {
                    Some(_) => T::PackUpdated,
                    None => T::PackInstalled,
                };
                let mut details = vec![format!(
                    "{} {} · {}",
                    T::Version.get(lang),
                    installed.pack.version,
                    installed.pack.id
                )];
                if let Some(old) = &installed.replaced {
                    details.push(format!("{old} → {}", installed.pack.version));
                }
                self.jobs.report = Some(Report {
                    ok: true,
                    headline: format!("{}{}", key.get(lang), installed.pack.title),
                    details,
                    diagnostics: installed.warnings.clone(),
                });
                self.windows.import.open = false;
                self.switch_pack(&installed.pack.id);
                self.packs.installed = self.packs.library.list();
            }
            Err(err) => {
                let diagnostics = match &err {
                    InstallError::Invalid(diagnostics) => diagnostics.clone(),
                    _ => Vec::new(),
                };
                self.jobs.report = Some(Report {
                    ok: false,
                    headline: T::PackRefused.get(lang).to_owned(),
                    details: vec![err.to_string()],
                    diagnostics,
                });
            }
        }
    }
}
