//! The class report: many trainees' "Export results" files merged into one picture (score and
//! completion per chapter, most-missed questions with the wrong answers chosen, time spent, who
//! has been idle), as one self-contained HTML page and an .xlsx twin (`class_report_xlsx.rs`).
//! Duplicate exports count once; items are reconciled by id across pack versions.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};

use crate::i18n::{Lang, T};
use crate::progress::export::{AttemptRow, EXAM_TOTAL, is_question};

/// A results file bigger than this is refused unread (a year of daily study is ~5 MiB).
pub const MAX_RESULTS_BYTES: u64 = 64 * 1024 * 1024;

/// Longer gaps in one attempt (the window left open) count as this much study.
const MAX_ATTEMPT_SECONDS: i64 = 30 * 60;

/// How many questions the most-missed list shows.
const MOST_MISSED: usize = 15;

/// The columns a file must have to be read as a ServiceCraft results export.
const REQUIRED: [&str; 6] = ["profile", "pack_id", "item_id", "score", "max", "finished"];

/// The results files named by `paths`: files as given, folders searched (not recursively) for
/// `.csv` files other than the `.summary.csv` written beside each export.
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries =
                std::fs::read_dir(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    let name = p.file_name().map(|n| n.to_string_lossy().to_lowercase());
                    name.is_some_and(|n| n.ends_with(".csv") && !n.ends_with(".summary.csv"))
                })
                .collect();
            found.sort();
            files.extend(found);
        } else if path.exists() {
            files.push(path.clone());
        } else {
            return Err(format!("{}: no such file or folder", path.display()));
        }
    }
    Ok(files)
}

/// One results file's rows and, where the file carries it, each trainee's pass probability.
pub struct ResultsFile {
    pub rows: Vec<AttemptRow>,
    pub pass_probability: HashMap<String, f32>,
}

/// Reads one export; `Err` names the file's problem (not ours, too big, a bad row).
pub fn read_results(path: &Path) -> Result<ResultsFile, String> {
    let size = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    if size > MAX_RESULTS_BYTES {
        return Err(format!(
            "{size} bytes, over the limit of {MAX_RESULTS_BYTES}; is it really a results file?"
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    parse_results(&bytes)
}

pub fn parse_results(bytes: &[u8]) -> Result<ResultsFile, String> {
    let (text, _) = crate::pack::import::decode_text(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| e.to_string())?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let missing: Vec<&str> = REQUIRED
        .iter()
        .filter(|c| !header.iter().any(|h| h == *c))
        .copied()
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "not a ServiceCraft results export (made with File → Export results… or `servicecraft export-results`): it lacks the column{} {}",
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", ")
        ));
    }
    let col = |name: &str| header.iter().position(|h| h == name);
    let pass_col = col("pass_probability");
    let mut out = ResultsFile {
        rows: Vec::new(),
        pass_probability: HashMap::new(),
    };
    for (n, record) in reader.records().enumerate() {
        let line = n + 2;
        let record = record.map_err(|e| format!("line {line}: {e}"))?;
        let get = |name: &str| col(name).and_then(|i| record.get(i)).unwrap_or("").trim();
        let number = |name: &str| {
            get(name)
                .parse::<f32>()
                .map_err(|_| format!("line {line}: {name} `{}` is not a number", get(name)))
        };
        let when = |name: &str| {
            DateTime::parse_from_rfc3339(get(name))
                .map(|t| t.with_timezone(&Utc))
                .map_err(|_| format!("line {line}: {name} `{}` is not a time", get(name)))
        };
        let finished = when("finished")?;
        let started = if get("started").is_empty() {
            finished
        } else {
            when("started")?
        };
        let row = AttemptRow {
            profile: get("profile").to_owned(),
            pack_id: get("pack_id").to_owned(),
            pack_version: get("pack_version").to_owned(),
            item_id: get("item_id").to_owned(),
            item_type: get("item_type").to_owned(),
            chapter: get("chapter").to_owned(),
            answer: get("answer").to_owned(),
            score: number("score")?,
            max: number("max")?,
            started,
            finished,
            chapter_no: get("chapter_no").parse().unwrap_or(0),
            question: get("question").to_owned(),
            key: get("key").to_owned(),
            answer_text: get("answer_text").to_owned(),
            points_ticked: get("points_ticked").to_owned(),
            exam_id: get("exam_id").to_owned(),
            exam_title: get("exam_title").to_owned(),
        };
        if let Some(p) = pass_col
            .and_then(|i| record.get(i))
            .and_then(|v| v.trim().trim_end_matches('%').parse::<f32>().ok())
        {
            let share = if p > 1.0 { p / 100.0 } else { p };
            out.pass_probability.insert(row.profile.clone(), share);
        }
        // A sitting's total repeats its answers; the report counts the answers.
        if row.item_type != EXAM_TOTAL {
            out.rows.push(row);
        }
    }
    Ok(out)
}

/// One trainee's line.
#[derive(Clone, Debug, PartialEq)]
pub struct Trainee {
    pub name: String,
    pub attempts: usize,
    /// Question points of the latest attempt at each question, as a share (None: no question).
    pub score: Option<f32>,
    /// Items done / items the class has done.
    pub completion: f32,
    pub pass_probability: Option<f32>,
    pub seconds: i64,
    pub last: Option<DateTime<Utc>>,
    pub inactive: bool,
}

/// One chapter's cell for one trainee.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Cell {
    pub score: Option<f32>,
    pub done: usize,
    pub total: usize,
}

/// A question the class gets wrong, with the wrong answers chosen (answer → times).
#[derive(Clone, Debug, PartialEq)]
pub struct Missed {
    pub item_id: String,
    pub chapter: String,
    pub question: String,
    pub key: String,
    pub attempts: usize,
    pub wrong: usize,
    pub wrong_answers: Vec<(String, usize)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ClassReport {
    pub made: DateTime<Utc>,
    pub files: usize,
    pub duplicates: usize,
    pub chapters: Vec<String>,
    pub trainees: Vec<Trainee>,
    /// `cells[t][c]`: trainee `t`, chapter `c`.
    pub cells: Vec<Vec<Cell>>,
    pub class_average: Vec<Option<f32>>,
    pub missed: Vec<Missed>,
}

/// `1.10.0` > `1.9.2`: versions compared part by part as numbers.
fn version_key(v: &str) -> Vec<u64> {
    v.split(['.', '-'])
        .map(|p| p.parse().unwrap_or(0))
        .collect()
}

fn share(score: f32, max: f32) -> Option<f32> {
    (max > 0.0).then(|| (score / max).clamp(0.0, 1.0))
}

/// Merges the files' rows into the report; `now` decides who has been idle for a week.
pub fn build(files: Vec<ResultsFile>, now: DateTime<Utc>) -> ClassReport {
    let file_count = files.len();
    let mut pass: HashMap<String, f32> = HashMap::new();
    let mut seen = HashSet::new();
    let mut rows: Vec<AttemptRow> = Vec::new();
    let mut duplicates = 0;
    for file in files {
        pass.extend(file.pass_probability);
        for r in file.rows {
            let key = (
                r.profile.clone(),
                r.pack_id.clone(),
                r.item_id.clone(),
                r.started,
                r.finished,
                r.answer.clone(),
            );
            if seen.insert(key) {
                rows.push(r);
            } else {
                duplicates += 1;
            }
        }
    }
    rows.sort_by(|a, b| (&a.profile, a.finished).cmp(&(&b.profile, b.finished)));

    // Each item's chapter, stem and key come from the newest pack version that names it.
    let mut newest: HashMap<(&str, &str), &AttemptRow> = HashMap::new();
    for r in &rows {
        let slot = newest.entry((&r.pack_id, &r.item_id)).or_insert(r);
        if version_key(&r.pack_version) > version_key(&slot.pack_version) {
            *slot = r;
        }
    }
    let chapter_of = |r: &AttemptRow| {
        newest
            .get(&(r.pack_id.as_str(), r.item_id.as_str()))
            .map_or((0, String::new()), |n| (n.chapter_no, n.chapter.clone()))
    };
    let mut chapter_set: BTreeSet<(usize, String)> = BTreeSet::new();
    for r in &rows {
        let (no, title) = chapter_of(r);
        chapter_set.insert((if no == 0 { usize::MAX } else { no }, title));
    }
    let chapters: Vec<String> = chapter_set.into_iter().map(|(_, t)| t).collect();
    let chapter_index: HashMap<&str, usize> = chapters
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();

    // The class's items per chapter, and each trainee's latest attempt per item.
    let mut class_items: Vec<BTreeSet<(String, String)>> = vec![BTreeSet::new(); chapters.len()];
    let mut latest: BTreeMap<&str, BTreeMap<(&str, &str), &AttemptRow>> = BTreeMap::new();
    for r in &rows {
        let c = chapter_index
            .get(chapter_of(r).1.as_str())
            .copied()
            .unwrap_or(0);
        if let Some(set) = class_items.get_mut(c) {
            set.insert((r.pack_id.clone(), r.item_id.clone()));
        }
        latest
            .entry(&r.profile)
            .or_default()
            .insert((&r.pack_id, &r.item_id), r);
    }
    let class_total: usize = class_items.iter().map(BTreeSet::len).sum();
    let mut trainees = Vec::new();
    let mut cells = Vec::new();
    for (name, items) in &latest {
        let mine: Vec<&AttemptRow> = rows.iter().filter(|r| r.profile == *name).collect();
        let mut row_cells = vec![Cell::default(); chapters.len()];
        let mut sums = vec![(0.0_f32, 0.0_f32); chapters.len()];
        let (mut score, mut max) = (0.0, 0.0);
        for r in items.values() {
            let c = chapter_index
                .get(chapter_of(r).1.as_str())
                .copied()
                .unwrap_or(0);
            if let Some(cell) = row_cells.get_mut(c) {
                cell.done += 1;
            }
            if is_question(&r.item_type) || r.item_type.is_empty() {
                sums[c].0 += r.score;
                sums[c].1 += r.max;
                score += r.score;
                max += r.max;
            }
        }
        for (c, cell) in row_cells.iter_mut().enumerate() {
            cell.total = class_items[c].len();
            cell.score = share(sums[c].0, sums[c].1);
        }
        let last = mine.iter().map(|r| r.finished).max();
        trainees.push(Trainee {
            name: (*name).to_owned(),
            attempts: mine.len(),
            score: share(score, max),
            completion: if class_total > 0 {
                items.len() as f32 / class_total as f32
            } else {
                0.0
            },
            pass_probability: pass.get(*name).copied(),
            seconds: mine
                .iter()
                .map(|r| {
                    (r.finished - r.started)
                        .num_seconds()
                        .clamp(0, MAX_ATTEMPT_SECONDS)
                })
                .sum(),
            last,
            inactive: last.is_none_or(|t| t < now - Duration::days(7)),
        });
        cells.push(row_cells);
    }
    let class_average = (0..chapters.len())
        .map(|c| {
            let scores: Vec<f32> = cells.iter().filter_map(|row| row[c].score).collect();
            (!scores.is_empty()).then(|| scores.iter().sum::<f32>() / scores.len() as f32)
        })
        .collect();
    ClassReport {
        made: now,
        files: file_count,
        duplicates,
        chapters,
        trainees,
        cells,
        class_average,
        missed: most_missed(&rows, &newest),
    }
}

fn most_missed(rows: &[AttemptRow], newest: &HashMap<(&str, &str), &AttemptRow>) -> Vec<Missed> {
    let mut by_item: BTreeMap<(&str, &str), Missed> = BTreeMap::new();
    for r in rows
        .iter()
        .filter(|r| is_question(&r.item_type) && r.max > 0.0)
    {
        let info = newest
            .get(&(r.pack_id.as_str(), r.item_id.as_str()))
            .copied()
            .unwrap_or(r);
        let entry = by_item
            .entry((&r.pack_id, &r.item_id))
            .or_insert_with(|| Missed {
                item_id: r.item_id.clone(),
                chapter: info.chapter.clone(),
                question: info.question.clone(),
                key: info.key.clone(),
                attempts: 0,
                wrong: 0,
                wrong_answers: Vec::new(),
            });
        entry.attempts += 1;
        if r.score < r.max - 1e-4 {
            entry.wrong += 1;
            let shown = if r.answer_text.is_empty() || r.item_type == "short_answer" {
                r.answer.chars().take(40).collect()
            } else {
                r.answer_text.clone()
            };
            match entry.wrong_answers.iter_mut().find(|(a, _)| *a == shown) {
                Some((_, n)) => *n += 1,
                None => entry.wrong_answers.push((shown, 1)),
            }
        }
    }
    let mut missed: Vec<Missed> = by_item.into_values().filter(|m| m.wrong > 0).collect();
    for m in &mut missed {
        m.wrong_answers
            .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    }
    missed.sort_by(|a, b| {
        b.wrong
            .cmp(&a.wrong)
            .then((b.wrong * a.attempts).cmp(&(a.wrong * b.attempts)))
            .then(a.item_id.cmp(&b.item_id))
    });
    missed.truncate(MOST_MISSED);
    missed
}

/// Reads every file and builds the report; a file that is not a results export is an error
/// naming it, and nothing is built.
pub fn from_paths(paths: &[PathBuf], now: DateTime<Utc>) -> Result<ClassReport, String> {
    let files = collect_files(paths)?;
    if files.is_empty() {
        return Err("no results files (.csv) found".to_owned());
    }
    let mut read = Vec::new();
    for path in &files {
        read.push(read_results(path).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    Ok(build(read, now))
}

pub fn percent(share: Option<f32>) -> String {
    share.map_or_else(|| "—".to_owned(), |s| format!("{:.0}%", s * 100.0))
}

/// The heat colour as RGB (the page's `hsl(h, 70%, 82%)`, h from 0 red to 120 green), for the
/// workbook's fills and the window's cells; light grey when there is no score.
pub fn heat_rgb(share: Option<f32>) -> [u8; 3] {
    let Some(s) = share else {
        return [0xF3, 0xF3, 0xF3];
    };
    let h = f64::from(s.clamp(0.0, 1.0)) * 120.0;
    let (l, sat) = (0.82_f64, 0.70_f64);
    let c = (1.0 - (2.0 * l - 1.0).abs()) * sat;
    let x = c * (1.0 - ((h / 60.0) % 2.0 - 1.0).abs());
    let m = l - c / 2.0;
    let (r, g, b) = if h < 60.0 { (c, x, 0.0) } else { (x, c, 0.0) };
    let byte = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    [byte(r), byte(g), byte(b)]
}

/// Red (0 %) through amber to green (100 %), light enough to read black text on and to print.
pub fn heat_colour(share: Option<f32>) -> String {
    match share {
        None => "#f3f3f3".to_owned(),
        Some(s) => format!("hsl({:.0}, 70%, 82%)", s.clamp(0.0, 1.0) * 120.0),
    }
}

pub fn duration_text(seconds: i64, lang: Lang) -> String {
    let minutes = (seconds + 30) / 60;
    if minutes >= 60 {
        match lang {
            Lang::Zh => format!("{} 小时 {} 分", minutes / 60, minutes % 60),
            Lang::En => format!("{} h {} min", minutes / 60, minutes % 60),
        }
    } else {
        T::ClassMinutes.fmt(lang, &[&minutes.to_string()])
    }
}

#[path = "class_report_html.rs"]
mod html;
#[path = "class_report_xlsx.rs"]
mod xlsx;

pub use html::html;
pub use xlsx::workbook;

#[cfg(test)]
#[path = "class_report_tests.rs"]
mod tests;
