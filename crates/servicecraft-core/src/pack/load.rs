//! Reads a pack from a [`PackSource`]: manifest, then each chapter file, then validation.

use serde::de::DeserializeOwned;

use super::diagnostic::{Diagnostic, position_of_offset};
use super::source::{PackSource, SourceError, check_enclosed};
use super::validate::ImageCheck;
use crate::model::lab::LabData;
use crate::model::{Chapter, FORMAT_VERSION, Manifest, Pack};

/// No pack file may be larger; bigger files are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

pub const MANIFEST: &str = "pack.ron";

/// The result of loading: the pack when the manifest could be read, and every problem found.
pub struct LoadedPack {
    pub pack: Option<Pack>,
    /// The text of every file that parsed, by relative path, for locating later problems.
    pub texts: Vec<(String, String)>,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadedPack {
    pub fn is_valid(&self) -> bool {
        self.pack.is_some() && !self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// Parses RON text into `T`, turning ron's error into a positioned diagnostic for `file`, in
/// words a Chinese author can act on (a full-width `，` named with its fix, a misspelt field with
/// the nearest right one).
pub fn parse_ron<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, Diagnostic> {
    ron::Options::default().from_str(text).map_err(|err| {
        let (line, col) = (err.span.start.line, err.span.start.col);
        Diagnostic::error(file, super::hints::explain(&err.code, text, line, col))
            .at(Some((line, col)))
    })
}

fn read_text(source: &dyn PackSource, rel: &str) -> Result<String, Diagnostic> {
    let file = source.display(rel);
    let bytes = source.read(rel).map_err(|err| match err {
        SourceError::NotFound => Diagnostic::error(&file, "file not found"),
        other => Diagnostic::error(&file, other.to_string()),
    })?;
    String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&err.as_bytes()[..valid]).into_owned();
        Diagnostic::error(&file, "not valid UTF-8 text (save the file as UTF-8)")
            .at(Some(position_of_offset(&prefix, valid)))
    })
}

/// Reads each lab data file the chapters' labs name, once however many labs share it.
fn load_lab_data(
    source: &dyn PackSource,
    pack: &mut Pack,
    texts: &mut Vec<(String, String)>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let files: std::collections::BTreeSet<String> =
        pack.labs().map(|(_, lab)| lab.data.clone()).collect();
    for rel in files {
        if let Err(err) = check_enclosed(&rel) {
            diagnostics.push(Diagnostic::error(
                source.display(&rel),
                format!("lab data: {err}"),
            ));
            continue;
        }
        let text = match read_text(source, &rel) {
            Ok(text) => text,
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                continue;
            }
        };
        match parse_ron::<LabData>(&source.display(&rel), &text) {
            Ok(data) => {
                pack.lab_data.insert(rel.clone(), std::sync::Arc::new(data));
                texts.push((rel, text));
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
}

/// Loads and validates the pack in `source`. Never panics on bad input; every problem is reported.
pub fn load_pack(source: &dyn PackSource) -> LoadedPack {
    load_pack_with(source, ImageCheck::Full)
}

/// Loads a pack that was validated in full when installed, checking only image headers.
pub fn load_installed_pack(source: &dyn PackSource) -> LoadedPack {
    load_pack_with(source, ImageCheck::Header)
}

fn load_pack_with(source: &dyn PackSource, image_check: ImageCheck) -> LoadedPack {
    let mut diagnostics = Vec::new();
    let mut texts = Vec::new();
    let manifest_text = match read_text(source, MANIFEST) {
        Ok(text) => text,
        Err(diagnostic) => {
            return LoadedPack {
                pack: None,
                texts,
                diagnostics: vec![diagnostic],
            };
        }
    };
    let manifest_file = source.display(MANIFEST);
    let manifest: Manifest = match parse_ron(&manifest_file, &manifest_text) {
        Ok(manifest) => manifest,
        Err(diagnostic) => {
            // The chapter files named in the broken manifest are still checked for their own
            // syntax errors, so an author fixes them all in one round.
            let mut diagnostics = vec![diagnostic];
            for rel in super::hints::chapter_files_named(&manifest_text) {
                if check_enclosed(&rel).is_err() {
                    continue;
                }
                if let Ok(text) = read_text(source, &rel)
                    && let Err(d) = parse_ron::<Chapter>(&source.display(&rel), &text)
                {
                    diagnostics.push(d);
                }
            }
            return LoadedPack {
                pack: None,
                texts,
                diagnostics,
            };
        }
    };
    if manifest.format_version != FORMAT_VERSION {
        let at = super::diagnostic::locate(&manifest_text, "format_version", 0);
        diagnostics.push(
            Diagnostic::error(
                &manifest_file,
                format!(
                    "unsupported format_version {} (this version of ServiceCraft reads {FORMAT_VERSION})",
                    manifest.format_version
                ),
            )
            .at(at),
        );
        return LoadedPack {
            pack: None,
            texts,
            diagnostics,
        };
    }
    texts.push((MANIFEST.to_owned(), manifest_text));

    let mut chapters = Vec::new();
    let mut chapter_files = Vec::new();
    for (nth, rel) in manifest.chapters.iter().enumerate() {
        if let Err(err) = check_enclosed(rel) {
            let at = super::diagnostic::locate(&texts[0].1, &format!("{rel:?}"), 0);
            diagnostics.push(
                Diagnostic::error(&manifest_file, format!("chapter {}: {err}", nth + 1)).at(at),
            );
            continue;
        }
        let text = match read_text(source, rel) {
            Ok(text) => text,
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                continue;
            }
        };
        match parse_ron::<Chapter>(&source.display(rel), &text) {
            Ok(chapter) => {
                chapters.push(chapter);
                chapter_files.push(rel.clone());
                texts.push((rel.clone(), text));
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    let mut pack = Pack::new(manifest, chapters);
    load_lab_data(source, &mut pack, &mut texts, &mut diagnostics);
    diagnostics.extend(super::validate(
        &pack,
        source,
        &chapter_files,
        &texts,
        image_check,
    ));
    LoadedPack {
        pack: Some(pack),
        texts,
        diagnostics,
    }
}
