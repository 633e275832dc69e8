//! When no file dialog can open (a Linux desktop without a portal or zenity), the learner types
//! or pastes the path instead: a small dialog with a text field, for every kind of file dialog
//! (open a file, choose a folder, save a file), checked before it is used.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use egui::RichText;

use crate::i18n::{Lang, T};
use crate::ui::Command;

use super::files::{DialogKind, DialogRequest};

/// A dialog that could not open, and what its path was for.
pub struct Waiting {
    pub request: DialogRequest,
    pub then: Box<dyn FnOnce(Vec<PathBuf>) -> Command + Send>,
}

/// The typed-path dialog being shown.
struct Shown {
    waiting: Waiting,
    text: String,
    error: Option<T>,
    focused: bool,
}

/// The typed-path fallback: filled from the dialog's thread, shown on the UI thread.
#[derive(Default)]
pub struct TypedPath {
    /// Set by the dialog's answer when no dialog could open.
    pub waiting: Arc<Mutex<Option<Waiting>>>,
    shown: Option<Shown>,
}

impl TypedPath {
    /// Shows the dialog for the request that could not open.
    pub fn open(&mut self) {
        let Some(waiting) = self.waiting.lock().ok().and_then(|mut w| w.take()) else {
            return;
        };
        let text = suggestion(&waiting.request);
        self.shown = Some(Shown {
            waiting,
            text,
            error: None,
            focused: false,
        });
    }

    pub fn is_open(&self) -> bool {
        self.shown.is_some()
    }

    /// Draws the dialog; the chosen path comes back as the request's command.
    pub fn ui(&mut self, ctx: &egui::Context, lang: Lang) -> Vec<Command> {
        let mut commands = Vec::new();
        let Some(shown) = &mut self.shown else {
            return commands;
        };
        let request = &shown.waiting.request;
        let (mut ok, mut cancel) = (false, false);
        let modal = egui::Modal::new(egui::Id::unique("typed-path")).show(ctx, |ui| {
            ui.set_width(560.0_f32.min(ctx.content_rect().width() - 60.0));
            let title = request
                .title
                .clone()
                .unwrap_or_else(|| T::TypePathTitle.get(lang).to_owned());
            ui.label(RichText::new(title).size(18.0).strong());
            ui.add(egui::Label::new(T::NoFileDialog.get(lang)).wrap());
            ui.add_space(6.0);
            let prompt = match request.kind {
                // Several files: one typed path is one of them.
                DialogKind::OpenFile | DialogKind::OpenFiles => T::TypePathOpen,
                DialogKind::Folder => T::TypePathFolder,
                DialogKind::SaveFile => T::TypePathSave,
            };
            let label = ui.add(egui::Label::new(prompt.get(lang)).wrap());
            let extensions: Vec<&str> = request
                .filters
                .iter()
                .flat_map(|(_, exts)| exts.iter().map(String::as_str))
                .collect();
            if !extensions.is_empty() {
                let list = extensions
                    .iter()
                    .map(|e| format!(".{e}"))
                    .collect::<Vec<_>>()
                    .join(" ");
                ui.label(RichText::new(T::TypePathKinds.fmt(lang, &[&list])).weak());
            }
            let field = ui.add(
                egui::TextEdit::singleline(&mut shown.text)
                    .id_salt("typed-path-field")
                    .desired_width(f32::INFINITY),
            );
            field.clone().labelled_by(label.id);
            if !std::mem::replace(&mut shown.focused, true) {
                field.request_focus();
            }
            if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                ok = true;
            }
            if let Some(error) = shown.error {
                ui.label(RichText::new(error.get(lang)).color(ui.visuals().error_fg_color));
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ok |= ui.button(T::TypePathUse.get(lang)).clicked();
                cancel |= ui.button(T::Cancel.get(lang)).clicked();
            });
        });
        if modal.should_close() {
            cancel = true;
        }
        if ok {
            match checked_path(&shown.text, &shown.waiting.request) {
                Ok(path) => {
                    if let Some(shown) = self.shown.take() {
                        commands.push((shown.waiting.then)(vec![path]));
                    }
                }
                Err(error) => shown.error = Some(error),
            }
        } else if cancel {
            self.shown = None;
        }
        commands
    }
}

/// What the field starts with: the home folder, and the offered name when saving.
fn suggestion(request: &DialogRequest) -> String {
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from);
    match (home, request.kind, &request.file_name) {
        (Some(home), DialogKind::SaveFile, Some(name)) => home.join(name).display().to_string(),
        (Some(home), _, _) => format!("{}{}", home.display(), std::path::MAIN_SEPARATOR),
        (None, _, Some(name)) => name.clone(),
        (None, _, None) => String::new(),
    }
}

/// The typed path made usable: quotes a file manager adds when copying are dropped; it must be
/// absolute (a relative one would land wherever the app was started); a file to open must exist,
/// a folder must be one, and a file to save goes into an existing folder (a folder typed alone
/// gets the offered name).
pub fn checked_path(text: &str, request: &DialogRequest) -> Result<PathBuf, T> {
    let trimmed = text.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    if trimmed.is_empty() {
        return Err(T::TypePathEmpty);
    }
    let path = PathBuf::from(trimmed);
    if !path.is_absolute() {
        return Err(T::TypePathNotAbsolute);
    }
    match request.kind {
        DialogKind::OpenFile | DialogKind::OpenFiles if path.is_file() => Ok(path),
        DialogKind::OpenFile | DialogKind::OpenFiles => Err(T::TypePathNoFile),
        DialogKind::Folder if path.is_dir() => Ok(path),
        DialogKind::Folder => Err(T::TypePathNoFolder),
        DialogKind::SaveFile => {
            let path = match &request.file_name {
                Some(name) if path.is_dir() => path.join(name),
                _ => path,
            };
            if path.parent().is_some_and(Path::is_dir) && !path.is_dir() {
                Ok(path)
            } else {
                Err(T::TypePathNoFolder)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(kind: DialogKind, file_name: Option<&str>) -> DialogRequest {
        DialogRequest {
            kind,
            title: None,
            filters: Vec::new(),
            file_name: file_name.map(str::to_owned),
        }
    }

    #[test]
    fn typed_paths_are_checked_for_what_the_dialog_was_for() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("pack.zip");
        std::fs::write(&file, b"x").unwrap_or_else(|e| panic!("{e}"));
        let open = request(DialogKind::OpenFile, None);
        let quoted = format!("  \"{}\" ", file.display());
        assert_eq!(checked_path(&quoted, &open), Ok(file.clone()));
        assert_eq!(checked_path("", &open), Err(T::TypePathEmpty));
        assert_eq!(checked_path("pack.zip", &open), Err(T::TypePathNotAbsolute));
        let missing = dir.path().join("nope.zip").display().to_string();
        assert_eq!(checked_path(&missing, &open), Err(T::TypePathNoFile));

        let folder = request(DialogKind::Folder, None);
        let dir_text = dir.path().display().to_string();
        assert_eq!(
            checked_path(&dir_text, &folder),
            Ok(dir.path().to_path_buf())
        );
        assert_eq!(
            checked_path(&file.display().to_string(), &folder),
            Err(T::TypePathNoFolder)
        );

        let save = request(DialogKind::SaveFile, Some("notes.md"));
        assert_eq!(
            checked_path(&dir_text, &save),
            Ok(dir.path().join("notes.md"))
        );
        let inside_missing = dir.path().join("no").join("x.md").display().to_string();
        assert_eq!(
            checked_path(&inside_missing, &save),
            Err(T::TypePathNoFolder)
        );
    }
}
