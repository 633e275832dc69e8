//! File dialogs and file writes. Dialogs never block the UI thread: [`Dialogs::ask`] returns at
//! once and the learner's choice arrives later as a [`Command`] carrying the path. They are
//! injected through `AppConfig::dialogs` (as the clock is), so tests answer them. Every file the
//! app writes goes through the atomic store, on a background thread.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::i18n::T;
use crate::pack::Library;
use crate::progress::export;
use crate::progress::notes::notes_markdown;
use crate::store::save_atomic;
use crate::ui::{Command, FilesCmd, LibraryCmd, PrefsCmd};

use super::ServiceCraftApp;
use super::jobs::{CommandSender, JobOutcome, SessionWork};

/// What kind of file dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogKind {
    /// Choose an existing file.
    OpenFile,
    /// Choose where to write a file.
    SaveFile,
    /// Choose a folder.
    Folder,
    /// Choose one or more existing files.
    OpenFiles,
}

/// A file dialog to show.
#[derive(Clone, Debug)]
pub struct DialogRequest {
    pub kind: DialogKind,
    pub title: Option<String>,
    /// Filters by name and extensions (without the dot).
    pub filters: Vec<(String, Vec<String>)>,
    /// The file name offered when saving.
    pub file_name: Option<String>,
}

/// How a file dialog ended.
#[derive(Clone, Debug, PartialEq)]
pub enum DialogAnswer {
    Chosen(PathBuf),
    /// The files chosen in an [`DialogKind::OpenFiles`] dialog.
    ChosenMany(Vec<PathBuf>),
    Cancelled,
    /// No dialog could be shown (on Linux: neither the desktop portal nor zenity).
    Unavailable,
}

/// Shows file dialogs. `ask` returns at once; `answer` is called later, on any thread.
pub trait Dialogs: Send + Sync {
    fn ask(&self, request: DialogRequest, answer: Box<dyn FnOnce(DialogAnswer) + Send>);
}

/// The system's file dialogs through rfd's asynchronous dialog, awaited on a worker thread.
pub struct SystemDialogs;

/// rfd answers `None` both when the learner cancels and, at once, when no dialog could open
/// (it logs the error). Nobody cancels a dialog this fast, so an answer within it means the
/// dialog never appeared.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(250);

/// Whether rfd has any way to show a dialog. On Linux and the BSDs it needs the desktop portal
/// (over the session bus) or zenity; without either it fails, but only after trying to start a
/// bus, which can take longer than `NO_DIALOG_WITHIN`, so it would pass for a cancel.
fn dialog_possible() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty());
    let zenity = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join("zenity").is_file()));
    bus || zenity
}

impl Dialogs for SystemDialogs {
    fn ask(&self, request: DialogRequest, answer: Box<dyn FnOnce(DialogAnswer) + Send>) {
        if !dialog_possible() {
            answer(DialogAnswer::Unavailable);
            return;
        }
        let spawned = std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(move || {
                let mut dialog = rfd::AsyncFileDialog::new();
                if let Some(title) = &request.title {
                    dialog = dialog.set_title(title);
                }
                for (name, extensions) in &request.filters {
                    dialog = dialog.add_filter(name, extensions);
                }
                if let Some(name) = &request.file_name {
                    dialog = dialog.set_file_name(name);
                }
                let asked = Instant::now();
                let kind = request.kind;
                let chosen = pollster::block_on(async move {
                    let one =
                        |file: Option<rfd::FileHandle>| file.map(|f| vec![f.path().to_path_buf()]);
                    match kind {
                        DialogKind::OpenFile => one(dialog.pick_file().await),
                        DialogKind::SaveFile => one(dialog.save_file().await),
                        DialogKind::Folder => one(dialog.pick_folder().await),
                        DialogKind::OpenFiles => dialog
                            .pick_files()
                            .await
                            .map(|files| files.iter().map(|f| f.path().to_path_buf()).collect()),
                    }
                });
                answer(match chosen {
                    Some(paths) if kind == DialogKind::OpenFiles => DialogAnswer::ChosenMany(paths),
                    Some(mut paths) if !paths.is_empty() => DialogAnswer::Chosen(paths.remove(0)),
                    _ if asked.elapsed() < NO_DIALOG_WITHIN => DialogAnswer::Unavailable,
                    _ => DialogAnswer::Cancelled,
                });
            });
        if let Err(err) = spawned {
            log::error!("cannot start a thread for the file dialog: {err}");
        }
    }
}

impl DialogRequest {
    pub(super) fn new(kind: DialogKind) -> Self {
        Self {
            kind,
            title: None,
            filters: Vec::new(),
            file_name: None,
        }
    }

    pub(super) fn title(mut self, title: &str) -> Self {
        self.title = Some(title.to_owned());
        self
    }

    pub(super) fn filter(mut self, name: &str, extensions: &[&str]) -> Self {
        let extensions = extensions.iter().map(|e| (*e).to_owned()).collect();
        self.filters.push((name.to_owned(), extensions));
        self
    }

    fn file_name(mut self, name: String) -> Self {
        self.file_name = Some(name);
        self
    }
}

impl ServiceCraftApp {
    /// Shows a file dialog; the chosen path comes back as the command `then` makes of it.
    /// When no dialog can open, the request and what to do with its path wait in
    /// `typed_path` for the learner to type or paste the path instead.
    fn ask(&self, request: DialogRequest, then: impl FnOnce(PathBuf) -> Command + Send + 'static) {
        self.ask_many(request, move |paths| {
            paths
                .into_iter()
                .next()
                .map_or(Command::Files(FilesCmd::DialogUnavailable), then)
        });
    }

    /// [`Self::ask`] for a dialog that may answer with several paths.
    pub(super) fn ask_many(
        &self,
        request: DialogRequest,
        then: impl FnOnce(Vec<PathBuf>) -> Command + Send + 'static,
    ) {
        let sender: CommandSender = self.jobs.command_sender();
        let waiting = std::sync::Arc::clone(&self.typed_path.waiting);
        let asked = request.clone();
        self.config.dialogs.ask(
            request,
            Box::new(move |answer| match answer {
                DialogAnswer::Chosen(path) => sender.send(then(vec![path])),
                DialogAnswer::ChosenMany(paths) if !paths.is_empty() => sender.send(then(paths)),
                DialogAnswer::ChosenMany(_) | DialogAnswer::Cancelled => {}
                DialogAnswer::Unavailable => {
                    if let Ok(mut slot) = waiting.lock() {
                        *slot = Some(super::typed_path::Waiting {
                            request: asked,
                            then: Box::new(then),
                        });
                    }
                    sender.send(Command::Files(FilesCmd::DialogUnavailable));
                }
            }),
        );
    }

    pub(super) fn apply_files(&mut self, command: FilesCmd) {
        let lang = self.prefs.lang;
        let now = self.config.clock.now();
        match command {
            FilesCmd::ChoosePack => self.ask(
                DialogRequest::new(DialogKind::OpenFile)
                    .title(T::OpenPack.get(lang))
                    .filter(T::PackFileFilter.get(lang), &["zip", "ron"]),
                |path| Command::Library(LibraryCmd::Install(path)),
            ),
            FilesCmd::ChoosePackFolder => self.ask(
                DialogRequest::new(DialogKind::Folder).title(T::OpenPackFolder.get(lang)),
                |path| Command::Library(LibraryCmd::Install(path)),
            ),
            FilesCmd::ChooseBank => self.ask(
                DialogRequest::new(DialogKind::OpenFile).filter(
                    T::BankFileFilter.get(lang),
                    &crate::pack::import::EXTENSIONS,
                ),
                |path| Command::Library(LibraryCmd::ReadBank(path)),
            ),
            FilesCmd::ChooseBankFolder(meta) => {
                if self.windows.import.parsed.is_some() {
                    self.ask(DialogRequest::new(DialogKind::Folder), move |dir| {
                        Command::Library(LibraryCmd::SaveBankTo { meta, dir })
                    });
                }
            }
            FilesCmd::ChooseFont => self.ask(
                DialogRequest::new(DialogKind::OpenFile)
                    .filter(T::FontFileFilter.get(lang), &["ttf", "otf", "ttc", "otc"]),
                |path| Command::Prefs(PrefsCmd::SetFontFile(path)),
            ),
            FilesCmd::ChooseResultsFile => self.ask(
                DialogRequest::new(DialogKind::SaveFile)
                    .filter("CSV", &["csv"])
                    .file_name(format!("results-{}.csv", now.format("%Y%m%d"))),
                |path| Command::Files(FilesCmd::ExportResultsTo(path)),
            ),
            FilesCmd::ExportResultsTo(path) => self.export_results(path),
            FilesCmd::ChooseNotesFile => {
                let name = self
                    .profile
                    .session
                    .as_ref()
                    .map_or_else(String::new, |s| s.profile().name.clone());
                self.ask(
                    DialogRequest::new(DialogKind::SaveFile)
                        .filter("Markdown", &["md"])
                        .file_name(format!("ServiceCraft-{}-{name}.md", T::Notes.get(lang))),
                    |path| Command::Files(FilesCmd::ExportNotesTo(path)),
                );
            }
            FilesCmd::ExportNotesTo(path) => self.export_notes(&path),
            FilesCmd::ExportMySwotPng(id) => self.export_my_swot_png(id),
            FilesCmd::ExportMySwotMarkdown(id) => {
                if let Some(swot) = self.study().my_swot.iter().find(|s| s.id == id).cloned() {
                    let text = crate::export::my_swot_markdown(&swot, lang, &self.footer());
                    self.save_export(&swot.title, "md", Ok(text.into_bytes()));
                }
            }
            FilesCmd::ExportWorksheet(id) => {
                let pack = &self.packs.view.pack;
                if let Some(crate::model::ItemRef::Worksheet(c, i)) = pack.get(&id)
                    && let Some(sheet) = pack
                        .chapters
                        .get(c)
                        .and_then(|ch| ch.worksheets.get(i))
                        .cloned()
                {
                    let answers = self.study().worksheets.get(&id);
                    let text =
                        crate::export::worksheet_markdown(&sheet, answers, lang, &self.footer());
                    self.save_export(&sheet.title, "md", Ok(text.into_bytes()));
                }
            }
            FilesCmd::ExportMistakes { html, by, ids } => {
                use crate::model::readiness::notebook;
                let pack = std::sync::Arc::clone(&self.packs.view.pack);
                let (text, extension) = match &self.profile.session {
                    Some(session) => {
                        let last = crate::progress::outlook::last_answers(
                            &pack,
                            session.progress(),
                            session.study(),
                        );
                        let entries: Vec<notebook::Entry> =
                            notebook::entries(&pack, session.study(), &last)
                                .into_iter()
                                .filter(|e| ids.contains(&e.id))
                                .collect();
                        let groups = notebook::group(&pack, &entries, by);
                        if html {
                            (notebook::to_html(&pack, &groups), "html")
                        } else {
                            (notebook::to_markdown(&pack, &groups), "md")
                        }
                    }
                    None => return,
                };
                let name = format!("{}-{}", T::Mistakes.get(lang), pack.manifest.title);
                self.save_export(&name, extension, Ok(text.into_bytes()));
            }
            FilesCmd::Write { path, bytes } => {
                self.jobs.task(move || {
                    let message = match save_atomic(&path, &bytes) {
                        Ok(()) => format!("{}{}", T::Exported.get(lang), path.display()),
                        Err(err) => {
                            format!("{}{} ({err})", T::ExportFailed.get(lang), path.display())
                        }
                    };
                    Command::Window(crate::ui::WindowCmd::Banner(message))
                });
            }
            FilesCmd::DialogUnavailable => {
                self.banners.push(T::NoFileDialog.get(lang).to_owned());
                self.typed_path.open();
            }
            command @ (FilesCmd::ChooseClassResults
            | FilesCmd::ChooseClassFolder
            | FilesCmd::AddClassSources(_)
            | FilesCmd::BuildClassReport(_)
            | FilesCmd::SaveClassReport { .. }) => self.apply_class_report(command),
        }
    }

    /// Asks where to save an export, then writes it there; says how it went in the banner.
    pub(super) fn save_export(
        &mut self,
        name: &str,
        extension: &'static str,
        bytes: Result<Vec<u8>, String>,
    ) {
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(message) => {
                self.banners.push(message);
                return;
            }
        };
        let request = DialogRequest::new(DialogKind::SaveFile)
            .filter(&extension.to_uppercase(), &[extension])
            .file_name(format!("{}.{extension}", sanitize_file_name(name)));
        self.ask(request, move |path| {
            Command::Files(FilesCmd::Write { path, bytes })
        });
    }

    /// Renders a "My SWOT" picture on a background job (finding the fonts takes a moment the
    /// first time), then asks where to save it.
    fn export_my_swot_png(&mut self, id: u64) {
        let Some(swot) = self.study().my_swot.iter().find(|s| s.id == id).cloned() else {
            return;
        };
        let lang = self.prefs.lang;
        let footer = self.footer();
        let faces = self.prefs.export_faces();
        self.jobs.start(T::ExportingPicture, move |_| {
            use crate::export::picture::{PictureError, encode_png, render_my_swot};
            let bytes = render_my_swot(&swot, faces.get(), lang, &footer)
                .and_then(|picture| encode_png(&picture))
                .map_err(|err| match err {
                    PictureError::NoChineseFont => T::ExportNoFont.get(lang).to_owned(),
                    other => format!("{}{other}", T::ExportFailed.get(lang)),
                });
            JobOutcome::Rendered {
                name: swot.title,
                extension: "png",
                bytes,
            }
        });
    }

    /// Writes the results export for `csv_path` (and its summary and xAPI files) in the
    /// background. The open profile's newest attempts are read from disk with everyone else's,
    /// so its changes are written first, also off the UI thread.
    pub fn export_results(&mut self, csv_path: PathBuf) {
        if self.profile.session.is_some() {
            self.with_session_away(T::SavingProfile, move |session| {
                if !session.flush(Duration::from_secs(5)) {
                    log::warn!("exporting results while some changes are not saved yet");
                }
                SessionWork::Flushed { csv_path }
            });
        } else {
            self.start_results_export(csv_path);
        }
    }

    pub(super) fn start_results_export(&mut self, csv_path: PathBuf) {
        let data_dir = self.config.data_dir.clone();
        self.jobs.start(T::ExportingResults, move |_| {
            let packs = Library::new(&data_dir).known_packs();
            let rows = export::rows_from_profiles(&data_dir, &packs);
            JobOutcome::Exported(rows.len(), export::export_results(&rows, &csv_path))
        });
    }

    /// Writes every note as Markdown to `path`, in the background.
    fn export_notes(&mut self, path: &Path) {
        let Some(session) = &self.profile.session else {
            return;
        };
        let lang = self.prefs.lang;
        let markdown = notes_markdown(
            &self.packs.view.pack,
            session.notes(),
            &session.profile().name,
            lang,
            self.config.clock.now(),
        );
        let path = path.to_path_buf();
        self.jobs.task(move || {
            let message = match save_atomic(&path, markdown.as_bytes()) {
                Ok(()) => T::NotesExported.fmt(lang, &[&path.display().to_string()]),
                Err(err) => format!("{}{err}", T::ExportFailed.get(lang)),
            };
            Command::Window(crate::ui::WindowCmd::Banner(message))
        });
    }

    /// The line at the foot of exports.
    fn footer(&self) -> String {
        format!(
            "ServiceCraft · {}",
            self.config.clock.now().format("%Y-%m-%d")
        )
    }
}

/// A file name from a title: characters that file systems refuse become `_`.
fn sanitize_file_name(title: &str) -> String {
    let cleaned: String = title
        .trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    if cleaned.is_empty() {
        "servicecraft".to_owned()
    } else {
        cleaned
    }
}

/// File dialogs that answer by themselves, in order, from a list: for tests (and headless runs).
/// Once the list is used up every dialog is cancelled.
#[derive(Default)]
pub struct ScriptedDialogs {
    answers: std::sync::Mutex<std::collections::VecDeque<DialogAnswer>>,
    asked: std::sync::Mutex<Vec<DialogRequest>>,
}

impl ScriptedDialogs {
    pub fn new(answers: impl IntoIterator<Item = DialogAnswer>) -> Self {
        Self {
            answers: std::sync::Mutex::new(answers.into_iter().collect()),
            asked: std::sync::Mutex::default(),
        }
    }

    /// The dialogs asked for so far.
    pub fn asked(&self) -> Vec<DialogRequest> {
        self.asked.lock().map(|a| a.clone()).unwrap_or_default()
    }
}

impl Dialogs for ScriptedDialogs {
    fn ask(&self, request: DialogRequest, answer: Box<dyn FnOnce(DialogAnswer) + Send>) {
        if let Ok(mut asked) = self.asked.lock() {
            asked.push(request);
        }
        let next = self.answers.lock().ok().and_then(|mut a| a.pop_front());
        answer(next.unwrap_or(DialogAnswer::Cancelled));
    }
}
