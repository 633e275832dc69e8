//! Packs and the library: the pack being studied, installing and switching packs, importing
//! question banks ([`LibraryCmd`]), and packs dropped on the window.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::cli::pack_dir;
use crate::clock::Clock;
use crate::i18n::{Lang, T};
use crate::model::Pack;
use crate::pack::{self, DirSource, InstalledPack, Library, PackSource, import};
use crate::ui::images::ImageCache;
use crate::ui::{Command, LibraryCmd};

use super::jobs::JobOutcome;
use super::{Screen, ServiceCraftApp};

/// The pack being studied, with where its files come from.
pub struct PackView {
    pub source: Arc<dyn PackSource>,
    pub pack: Arc<Pack>,
    /// The library id when the pack is an installed one (`None`: built-in or opened in place).
    pub installed: Option<String>,
    /// Counted once on opening; the status line shows them every frame.
    pub counts: crate::model::Counts,
}

impl PackView {
    fn new(source: Arc<dyn PackSource>, pack: Pack, installed: Option<String>) -> Self {
        Self {
            counts: pack.counts().0,
            source,
            pack: Arc::new(pack),
            installed,
        }
    }

    pub fn builtin() -> Self {
        let source = pack::builtin_source();
        let loaded = pack::load_installed_pack(&source);
        for problem in &loaded.diagnostics {
            log::error!("built-in syllabus: {problem}");
        }
        let pack = loaded
            .pack
            .unwrap_or_else(|| Pack::new(empty_manifest(), Vec::new()));
        Self::new(Arc::new(source), pack, None)
    }
}

fn empty_manifest() -> crate::model::Manifest {
    crate::model::Manifest {
        format_version: crate::model::FORMAT_VERSION,
        id: String::new(),
        title: "ServiceCraft".to_owned(),
        version: String::new(),
        language: "zh-CN".to_owned(),
        authors: Vec::new(),
        description: String::new(),
        chapters: Vec::new(),
        scoring: Default::default(),
        mock_exams: Vec::new(),
    }
}

/// The pack studied, the library of installed ones, and the pack's images as textures.
pub struct Packs {
    pub view: PackView,
    pub library: Library,
    /// The library's packs as last read (not re-read every frame).
    pub installed: Vec<InstalledPack>,
    pub images: ImageCache,
}

impl Packs {
    /// The library in `data_dir`; installs are stamped with `clock`'s time.
    pub fn new(data_dir: &Path, clock: Arc<dyn Clock>) -> Self {
        Self {
            view: PackView::builtin(),
            library: Library::with_clock(data_dir, clock),
            installed: Vec::new(),
            images: ImageCache::default(),
        }
    }
}

impl ServiceCraftApp {
    pub(super) fn apply_library(&mut self, command: LibraryCmd) {
        match command {
            LibraryCmd::Install(path) => self.install(path),
            LibraryCmd::StudyInPlace(path) => self.open_pack(&path),
            LibraryCmd::Switch(id) => self.switch_pack(&id),
            LibraryCmd::Remove { id, forget_records } => self.remove_pack(&id, forget_records),
            LibraryCmd::UseBuiltin => self.use_builtin(),
            LibraryCmd::ReadBank(path) => self.read_bank(path),
            LibraryCmd::InstallBank(meta) => {
                if let Some(parsed) = &self.windows.import.parsed {
                    let questions = parsed.result.questions.clone();
                    let library = self.packs.library.clone();
                    self.jobs.start(T::InstallingPack, move |progress| {
                        JobOutcome::Installed(Box::new(
                            library.install_questions(&meta, &questions, progress),
                        ))
                    });
                }
            }
            LibraryCmd::SaveBankTo { meta, dir } => {
                if let Some(parsed) = &self.windows.import.parsed {
                    let questions = parsed.result.questions.clone();
                    self.jobs.start(T::ImportingBank, move |_| {
                        let result = import::write_pack(&dir, &meta, &questions);
                        JobOutcome::Saved(dir, result)
                    });
                }
            }
        }
    }

    /// Studies the installed pack `id`; a pack whose files were damaged since shows its problems.
    pub(super) fn switch_pack(&mut self, id: &str) {
        let Some(entry) = self.packs.library.get(id) else {
            return;
        };
        let dir = self.packs.library.dir_of(&entry);
        let source = DirSource::new(&dir);
        let loaded = pack::load_installed_pack(&source);
        if self.show_pack(&dir, source, loaded, Some(id.to_owned()))
            && let Err(err) = self.packs.library.set_current(Some(id))
        {
            log::error!("{err}");
        }
    }

    /// Studies `loaded` if it is valid, or shows its problems; true when it is now studied.
    fn show_pack(
        &mut self,
        dir: &Path,
        source: DirSource,
        loaded: pack::LoadedPack,
        installed: Option<String>,
    ) -> bool {
        let valid = loaded.is_valid();
        match loaded.pack {
            Some(pack) if valid => {
                self.packs.view = PackView::new(Arc::new(source), pack, installed);
                self.packs.images.clear();
                self.nav.reset(Screen::Home);
                true
            }
            _ => {
                let path = dir.display().to_string();
                self.nav
                    .reset(Screen::PackProblems(path, loaded.diagnostics));
                false
            }
        }
    }

    fn use_builtin(&mut self) {
        self.packs.view = PackView::builtin();
        self.packs.images.clear();
        self.summary = None;
        self.scoped = None;
        self.nav.reset(Screen::Home);
        if let Err(err) = self.packs.library.set_current(None) {
            log::error!("{err}");
        }
    }

    pub(super) fn open_pack(&mut self, path: &Path) {
        let dir = pack_dir(path);
        let source = DirSource::new(&dir);
        let loaded = pack::load_pack(&source);
        self.show_pack(&dir, source, loaded, None);
    }

    pub(super) fn install(&mut self, path: PathBuf) {
        let library = self.packs.library.clone();
        self.jobs.start(T::InstallingPack, move |progress| {
            JobOutcome::Installed(Box::new(library.install(&path, progress)))
        });
    }

    /// Reads a question bank in the background and shows it in the import window.
    fn read_bank(&mut self, path: PathBuf) {
        self.windows.import.open = true;
        self.jobs.start(T::ImportingBank, move |_| {
            let result = import::import_file(&path, None);
            JobOutcome::BankRead(path, result)
        });
    }

    fn remove_pack(&mut self, id: &str, forget_records: bool) {
        if forget_records && let Some(entry) = self.packs.library.get(id) {
            let dir = self.packs.library.dir_of(&entry);
            let ids = pack::load_installed_pack(&DirSource::new(dir))
                .pack
                .map(|pack| pack.all_ids().map(|(id, _)| id).collect())
                .unwrap_or_default();
            self.forget_records(id, &ids);
        }
        let removed = self.packs.library.remove(id);
        self.packs.installed = self.packs.library.list();
        match removed {
            Ok(_) => {
                if self.packs.view.installed.as_deref() == Some(id) {
                    self.use_builtin();
                    self.nav.reset(Screen::Library);
                }
            }
            Err(err) => self.banners.push(err.to_string()),
        }
    }
}

/// Title, version and counts of the built-in syllabus, read once.
pub fn builtin_summary() -> (&'static str, &'static str, &'static crate::model::Counts) {
    static SUMMARY: std::sync::OnceLock<(String, String, crate::model::Counts)> =
        std::sync::OnceLock::new();
    let (title, version, counts) = SUMMARY.get_or_init(|| {
        pack::load_installed_pack(&pack::builtin_source())
            .pack
            .map_or_else(Default::default, |p| {
                (
                    p.manifest.title.clone(),
                    p.manifest.version.clone(),
                    p.counts().0,
                )
            })
    });
    (title, version, counts)
}

/// Packs dropped on the window are installed and question banks imported; while they hover, the
/// window says so.
pub fn drop_ui(ctx: &egui::Context, lang: Lang, idle: bool) -> Vec<Command> {
    let (hovering, dropped) =
        ctx.input(|i| (!i.raw.hovered_files.is_empty(), i.raw.dropped_files.clone()));
    if hovering {
        let rect = ctx.content_rect();
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("drop-overlay"),
        ));
        painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            T::DropToInstall.get(lang),
            egui::FontId::proportional(28.0),
            egui::Color32::WHITE,
        );
    }
    if !idle {
        return Vec::new();
    }
    // A question bank goes to the import window; anything else is taken for a pack.
    dropped
        .iter()
        .map(|file| file.path().to_path_buf())
        .find(|path| !path.as_os_str().is_empty())
        .map(|path| {
            let bank = path.extension().is_some_and(|e| {
                crate::pack::import::EXTENSIONS
                    .iter()
                    .any(|b| e.eq_ignore_ascii_case(b))
            });
            Command::Library(if bank {
                LibraryCmd::ReadBank(path)
            } else {
                LibraryCmd::Install(path)
            })
        })
        .into_iter()
        .collect()
}
