//! Command-line interface: argument parsing and the commands that need no window.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::model::{Counts, TypeCounts};
use crate::pack::import::{self, Format, PackMeta};
use crate::pack::{self, Diagnostic, DirSource, InstallError, Library, LoadedPack, PackSource};
use crate::progress::export;

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
    /// Validate the pack at PATH (a folder, its pack.ron or a .zip) and install it into the
    /// pack library in the data folder; a newer version of an installed pack replaces it.
    Install { path: PathBuf },
    /// Turn a question bank into a pack folder: an Excel workbook (.xlsx, .xls, .ods), CSV in
    /// UTF-8 or GBK, text pasted from Word (.txt) or a Word .docx, or Moodle GIFT.
    Import {
        file: PathBuf,
        /// The folder to write the pack into (new or empty).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The bank's format; guessed from the file name and content when left out.
        #[arg(long, value_enum)]
        format: Option<ImportFormat>,
        /// The pack's id (default: from the file name).
        #[arg(long)]
        id: Option<String>,
        /// The pack's title (default: the file name).
        #[arg(long)]
        title: Option<String>,
        /// The pack's version; raise it when re-importing an edited bank to update the pack
        /// (default: the version in a workbook written by export-bank, else 1.0.0).
        #[arg(long, value_name = "VERSION")]
        pack_version: Option<String>,
    },
    /// Write a pack's questions into an Excel workbook in the import format (one sheet per
    /// chapter, stable ids in 编号), to edit in Excel and import again. PACK is a pack folder,
    /// its pack.ron, a .zip, or `builtin`.
    ExportBank {
        pack: PathBuf,
        #[arg(long, value_name = "FILE.xlsx")]
        out: PathBuf,
    },
    /// Merge trainees' results exports (files, or folders of them) into one class report:
    /// an HTML page (`--out report.html`) or a workbook (`--out report.xlsx`).
    ClassReport {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write the learner's results for the instructor: FILE (one row per attempt), and beside
    /// it FILE's name with .summary.csv (per chapter) and .xapi.json (xAPI statements).
    ExportResults {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// How likely the learner is to pass the pack's mock exam on the exam date, the expected
    /// score, the points expected lost per chapter and type, and the items most worth reviewing
    /// (keys of --json in docs/readiness.md). Reads the profile named by the global
    /// `--profile NAME` without opening it.
    Readiness {
        /// The exam date (default: the profile's own, else today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        exam_date: Option<chrono::NaiveDate>,
        /// One JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ImportFormat {
    Csv,
    Gift,
    /// .xlsx, .xls or .ods
    Excel,
    /// Numbered questions pasted from Word, as text
    Word,
    Docx,
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
        crate::store::save_atomic(&path, bytes)?;
    }
    writeln!(
        out,
        "wrote a starter pack to {}; check it with `servicecraft validate {}`",
        dir.display(),
        dir.display()
    )?;
    Ok(())
}

/// Runs `install`; returns 0 when installed, 1 when the pack was refused, 2 when unreadable.
pub fn run_install(data_dir: &Path, path: &Path, out: &mut dyn Write) -> i32 {
    let library = Library::new(data_dir);
    match library.install(path, &pack::Progress::default()) {
        Ok(installed) => {
            for warning in &installed.warnings {
                let _ = writeln!(out, "{warning}");
            }
            let p = &installed.pack;
            let _ = match &installed.replaced {
                Some(old) => writeln!(
                    out,
                    "updated {} ({}) from version {old} to {}; the learner's records are kept",
                    p.title, p.id, p.version
                ),
                None => writeln!(
                    out,
                    "installed {} ({}) version {} into {}",
                    p.title,
                    p.id,
                    p.version,
                    installed.dir.display()
                ),
            };
            EXIT_VALID
        }
        Err(InstallError::Invalid(diagnostics)) => {
            for d in &diagnostics {
                let _ = writeln!(out, "{d}");
            }
            let _ = writeln!(
                out,
                "not installed: {}",
                InstallError::Invalid(diagnostics.clone())
            );
            EXIT_INVALID
        }
        Err(
            err @ (InstallError::NotFound(_) | InstallError::NotAPack(_) | InstallError::Io { .. }),
        ) => {
            let _ = writeln!(out, "{}: error: {err}", path.display());
            EXIT_UNREADABLE
        }
        Err(err) => {
            let _ = writeln!(out, "{}: error: {err}", path.display());
            let _ = writeln!(out, "not installed");
            EXIT_INVALID
        }
    }
}

/// The options of `import` besides the file.
pub struct ImportOptions {
    pub out: PathBuf,
    pub format: Option<ImportFormat>,
    pub id: Option<String>,
    pub title: Option<String>,
    pub pack_version: Option<String>,
}

/// Runs `import`: 0 when every question imported, 1 when the pack was written without the bad
/// rows reported above, 2 when nothing was written.
pub fn run_import(file: &Path, options: &ImportOptions, out: &mut dyn Write) -> i32 {
    let format = options.format.map(|f| match f {
        ImportFormat::Csv => Format::Csv,
        ImportFormat::Gift => Format::Gift,
        ImportFormat::Excel => Format::Workbook,
        ImportFormat::Word => Format::WordText,
        ImportFormat::Docx => Format::Docx,
    });
    let (result, format, encoding) = match import::import_file(file, format) {
        Ok(parsed) => parsed,
        Err(err) => {
            let _ = writeln!(out, "error: {err}");
            return EXIT_UNREADABLE;
        }
    };
    for problem in &result.problems {
        let _ = writeln!(out, "{problem}");
    }
    // A workbook written by export-bank names its pack, so an edited bank updates that pack.
    let mut meta = result
        .meta
        .clone()
        .unwrap_or_else(|| PackMeta::from_file(file));
    if meta.title.is_empty() {
        meta.title = PackMeta::from_file(file).title;
    }
    if let Some(id) = &options.id {
        meta.id.clone_from(id);
    }
    if let Some(title) = &options.title {
        meta.title.clone_from(title);
    }
    if let Some(version) = &options.pack_version {
        meta.version.clone_from(version);
    }
    if let Err(err) = import::write_pack(&options.out, &meta, &result.questions) {
        let _ = writeln!(out, "error: {err}");
        return EXIT_UNREADABLE;
    }
    let loaded = pack::load_pack(&DirSource::new(&options.out));
    for problem in &loaded.diagnostics {
        let _ = writeln!(out, "{problem}");
    }
    let bad = result.problems.iter().filter(|p| p.is_error()).count();
    let _ = writeln!(
        out,
        "imported {} question{} from {} ({}, {}) into {}; {bad} row{} skipped",
        result.questions.len(),
        if result.questions.len() == 1 { "" } else { "s" },
        file.display(),
        format.name(),
        encoding.name(),
        options.out.display(),
        if bad == 1 { "" } else { "s" },
    );
    if bad > 0 || !loaded.is_valid() {
        EXIT_INVALID
    } else {
        EXIT_VALID
    }
}

/// Runs `export-results`: 0 when written, 2 when a file could not be written.
pub fn run_export_results(data_dir: &Path, csv_path: &Path, out: &mut dyn Write) -> i32 {
    let packs = crate::pack::Library::new(data_dir).known_packs();
    let rows = export::rows_from_profiles(data_dir, &packs);
    match export::export_results(&rows, csv_path) {
        Ok(paths) => {
            let _ = writeln!(
                out,
                "exported {} attempt{} to {}, {} and {}",
                rows.len(),
                if rows.len() == 1 { "" } else { "s" },
                paths[0].display(),
                paths[1].display(),
                paths[2].display()
            );
            EXIT_VALID
        }
        Err(err) => {
            let _ = writeln!(out, "error: {err}");
            EXIT_UNREADABLE
        }
    }
}

/// The pack `export-bank` reads: `builtin`, a folder, its pack.ron or a .zip.
fn load_for_export(path: &Path) -> Result<crate::model::Pack, Vec<String>> {
    let loaded = if path.as_os_str() == "builtin" {
        pack::load_pack(&pack::builtin_source())
    } else if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
    {
        // Unpacked with the install checks into a folder of our own, removed afterwards.
        let dest = std::env::temp_dir().join(format!("servicecraft-export-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dest);
        std::fs::create_dir_all(&dest).map_err(|e| vec![format!("{}: {e}", dest.display())])?;
        let unpacked = pack::zip::extract(
            path,
            &dest,
            &pack::zip::ExtractLimits::default(),
            &pack::Progress::default(),
        );
        let loaded = unpacked
            .map(|_| pack::load_pack(&DirSource::new(&dest)))
            .map_err(|e| vec![format!("{}: {e}", path.display())]);
        let _ = std::fs::remove_dir_all(&dest);
        loaded?
    } else {
        pack::load_pack(&DirSource::new(pack_dir(path)))
    };
    match loaded.pack {
        Some(p) if loaded.is_valid() => Ok(p),
        _ => Err(loaded.errors().map(ToString::to_string).collect()),
    }
}

/// Runs `export-bank`: 0 when written, 1 when the pack is invalid, 2 when unreadable or unwritable.
pub fn run_export_bank(pack_path: &Path, out_path: &Path, out: &mut dyn Write) -> i32 {
    let pack = match load_for_export(pack_path) {
        Ok(pack) => pack,
        Err(errors) => {
            for e in &errors {
                let _ = writeln!(out, "{e}");
            }
            let _ = writeln!(
                out,
                "error: {} is not a valid pack; nothing written",
                pack_path.display()
            );
            return if errors.is_empty() {
                EXIT_UNREADABLE
            } else {
                EXIT_INVALID
            };
        }
    };
    let bytes = match crate::export::bank::bank_workbook(&pack) {
        Ok(bytes) => bytes,
        Err(err) => {
            let _ = writeln!(out, "error: cannot make the workbook: {err}");
            return EXIT_UNREADABLE;
        }
    };
    if let Err(err) = crate::store::save_atomic(out_path, &bytes) {
        let _ = writeln!(out, "error: cannot write {}: {err}", out_path.display());
        return EXIT_UNREADABLE;
    }
    let questions: usize = pack.chapters.iter().map(|c| c.questions.len()).sum();
    let _ = writeln!(
        out,
        "wrote {questions} questions of {} ({}) version {} to {}; edit them in Excel, raise the version and import with `servicecraft import {} --out DIR`",
        pack.manifest.title,
        pack.manifest.id,
        pack.manifest.version,
        out_path.display(),
        out_path.display()
    );
    EXIT_VALID
}

/// Runs `class-report`: 0 when written, 2 when an input is not a results export or the report
/// cannot be written (and then nothing is written).
pub fn run_class_report(
    paths: &[PathBuf],
    out_path: &Path,
    lang: crate::i18n::Lang,
    out: &mut dyn Write,
) -> i32 {
    use crate::export::class_report;
    let xlsx = out_path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let report = match class_report::from_paths(paths, chrono::Utc::now()) {
        Ok(report) => report,
        Err(err) => {
            let _ = writeln!(out, "error: {err}; nothing written");
            return EXIT_UNREADABLE;
        }
    };
    let bytes = if xlsx {
        match class_report::workbook(&report, lang) {
            Ok(bytes) => bytes,
            Err(err) => {
                let _ = writeln!(out, "error: cannot make the workbook: {err}");
                return EXIT_UNREADABLE;
            }
        }
    } else {
        class_report::html(&report, lang).into_bytes()
    };
    if let Err(err) = crate::store::save_atomic(out_path, &bytes) {
        let _ = writeln!(out, "error: cannot write {}: {err}", out_path.display());
        return EXIT_UNREADABLE;
    }
    let _ = writeln!(
        out,
        "wrote the class report of {} trainee{} from {} file{} to {}{}",
        report.trainees.len(),
        if report.trainees.len() == 1 { "" } else { "s" },
        report.files,
        if report.files == 1 { "" } else { "s" },
        out_path.display(),
        if report.duplicates > 0 {
            format!(" ({} duplicate records counted once)", report.duplicates)
        } else {
            String::new()
        }
    );
    EXIT_VALID
}

/// Runs `readiness`: 0 when reported, 2 when the profile or its pack cannot be found.
pub fn run_readiness(
    data_dir: &Path,
    name: &str,
    exam_date: Option<chrono::NaiveDate>,
    json: bool,
    out: &mut dyn Write,
) -> i32 {
    let packs = crate::pack::Library::new(data_dir).known_packs();
    let today = chrono::Local::now().date_naive();
    let report = match crate::progress::readiness::profile_readiness(
        data_dir, name, exam_date, &packs, today,
    ) {
        Ok(report) => report,
        Err(err) => {
            let _ = writeln!(out, "error: {err}");
            return EXIT_UNREADABLE;
        }
    };
    let written = if json {
        serde_json::to_writer_pretty(&mut *out, &report)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out))
    } else {
        write_readiness(&report, out)
    };
    if written.is_err() {
        return EXIT_UNREADABLE;
    }
    EXIT_VALID
}

fn write_readiness(
    r: &crate::progress::readiness::ReadinessReport,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let pct = |x: f32| x * 100.0;
    writeln!(
        out,
        "{} — {} ({}), exam on {}, {} answers",
        r.profile, r.pack, r.mock_exam, r.exam_date, r.answers
    )?;
    writeln!(
        out,
        "pass probability {:.1} % (95 % interval {:.1}–{:.1} %, {} simulated papers)",
        pct(r.pass_probability),
        pct(r.pass_interval[0]),
        pct(r.pass_interval[1]),
        r.papers
    )?;
    writeln!(
        out,
        "expected score {:.1} % ± {:.1} (pass mark {} %)",
        r.expected_percent, r.sd_percent, r.pass_percent
    )?;
    writeln!(out, "expected points lost per chapter:")?;
    for c in &r.lost_by_chapter {
        writeln!(out, "  {:>6.2}  {}", c.points, c.title)?;
    }
    writeln!(out, "expected points lost per question type:")?;
    for t in &r.lost_by_type {
        writeln!(out, "  {:>6.2}  {:?}", t.points, t.qtype)?;
    }
    writeln!(out, "review first:")?;
    for item in &r.top_items {
        writeln!(
            out,
            "  {}  right now {:.0} %, pass +{:.1} points of percentage",
            item.id,
            pct(item.p_right),
            pct(item.pass_gain)
        )?;
    }
    if let Some(rate) = r.calibration.sure.rate() {
        writeln!(
            out,
            "when you were sure, you were right {:.0} % of the time",
            pct(rate)
        )?;
    }
    Ok(())
}
