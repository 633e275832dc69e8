//! Command-line interface: argument parsing and the commands that need no window.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::model::{Counts, TypeCounts};
use crate::pack::{self, Diagnostic, DirSource, LoadedPack, PackSource};

#[derive(Debug, Parser)]
#[command(
    name = "servicecraft",
    version,
    about = "ServiceCraft — 高级客户服务管理师 interactive trainer"
)]
pub struct Cli {
    /// Keep all settings and learner data in DIR (portable installs, tests).
    #[arg(long, global = true, env = "SERVICECRAFT_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Interface language.
    #[arg(long, global = true, value_parser = ["zh", "en"])]
    pub lang: Option<String>,
    /// Open this learner's profile at once (created if missing) instead of showing the picker.
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// Draw the first frame, print `first frame after N ms` on stderr and exit (startup benchmarks).
    #[arg(long, global = true)]
    pub exit_after_first_frame: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the window with the pack at PATH (a folder or its pack.ron).
    Open { path: PathBuf },
    /// Check packs without opening a window.
    Validate {
        /// Check the built-in syllabus.
        #[arg(long)]
        builtin: bool,
        /// One JSON object per pack instead of text.
        #[arg(long)]
        json: bool,
        paths: Vec<PathBuf>,
    },
    /// Write a starter pack with one of every block and exercise kind into DIR.
    NewPack { dir: PathBuf },
}

/// Exit codes of `validate`.
pub const EXIT_VALID: i32 = 0;
pub const EXIT_INVALID: i32 = 1;
pub const EXIT_UNREADABLE: i32 = 2;

/// A pack path given as its folder or its `pack.ron`.
pub fn pack_dir(path: &Path) -> PathBuf {
    if path.file_name().is_some_and(|n| n == "pack.ron") {
        path.parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    } else {
        path.to_path_buf()
    }
}

#[derive(Serialize)]
struct JsonError<'a> {
    file: &'a str,
    line: Option<usize>,
    col: Option<usize>,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    path: String,
    id: Option<&'a str>,
    title: Option<&'a str>,
    version: Option<&'a str>,
    valid: bool,
    errors: Vec<JsonError<'a>>,
    counts: Counts,
    question_types: TypeCounts,
}

/// Runs `validate`, writing the report to `out`; returns the exit code.
pub fn run_validate(builtin: bool, json: bool, paths: &[PathBuf], out: &mut dyn Write) -> i32 {
    if !builtin && paths.is_empty() {
        let _ = writeln!(
            out,
            "usage: servicecraft validate [--json] [--builtin] PATH..."
        );
        return EXIT_UNREADABLE;
    }
    let mut sources: Vec<(String, Box<dyn PackSource>)> = Vec::new();
    if builtin {
        sources.push(("<builtin>".to_owned(), Box::new(pack::builtin_source())));
    }
    for path in paths {
        sources.push((
            path.display().to_string(),
            Box::new(DirSource::new(pack_dir(path))),
        ));
    }
    let mut code = EXIT_VALID;
    let (mut valid, mut invalid, mut errors) = (0, 0, 0);
    for (name, source) in &sources {
        let loaded = pack::load_pack(source.as_ref());
        let unreadable = loaded.pack.is_none() && !source.exists("pack.ron");
        if loaded.is_valid() {
            valid += 1;
        } else {
            invalid += 1;
            code = code.max(if unreadable {
                EXIT_UNREADABLE
            } else {
                EXIT_INVALID
            });
        }
        errors += loaded.errors().count();
        let written = if json {
            write_json(name, &loaded, out)
        } else {
            loaded
                .diagnostics
                .iter()
                .try_for_each(|d| writeln!(out, "{d}"))
        };
        if written.is_err() {
            return EXIT_UNREADABLE;
        }
    }
    if !json {
        let _ = writeln!(
            out,
            "checked {} pack{}: {valid} valid, {invalid} invalid, {errors} error{}",
            sources.len(),
            if sources.len() == 1 { "" } else { "s" },
            if errors == 1 { "" } else { "s" },
        );
    }
    code
}

fn write_json(name: &str, loaded: &LoadedPack, out: &mut dyn Write) -> std::io::Result<()> {
    let (counts, question_types) = loaded.pack.as_ref().map(|p| p.counts()).unwrap_or_default();
    let manifest = loaded.pack.as_ref().map(|p| &p.manifest);
    let report = JsonReport {
        path: name.to_owned(),
        id: manifest.map(|m| m.id.as_str()),
        title: manifest.map(|m| m.title.as_str()),
        version: manifest.map(|m| m.version.as_str()),
        valid: loaded.is_valid(),
        errors: loaded
            .errors()
            .map(|d: &Diagnostic| JsonError {
                file: &d.file,
                line: d.line,
                col: d.col,
                message: &d.message,
            })
            .collect(),
        counts,
        question_types,
    };
    let line = serde_json::to_string(&report).map_err(std::io::Error::other)?;
    writeln!(out, "{line}")
}

/// Writes the starter pack into `dir`, refusing to overwrite existing files.
pub fn run_new_pack(dir: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    let starter = pack::starter_source();
    for (rel, _) in starter.files() {
        if dir.join(rel).exists() {
            anyhow::bail!(
                "{} already exists; choose an empty folder",
                dir.join(rel).display()
            );
        }
    }
    for (rel, bytes) in starter.files() {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, bytes)?;
    }
    writeln!(
        out,
        "wrote a starter pack to {}; check it with `servicecraft validate {}`",
        dir.display(),
        dir.display()
    )?;
    Ok(())
}
