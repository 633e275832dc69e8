//! Results for the instructor: every profile's attempts as a CSV that Excel opens (UTF-8 with a
//! BOM), a per-chapter summary, and xAPI statements a learning record store or LMS can ingest.
//! The rows are read from the profiles' attempt logs and described with the packs at hand.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

use super::record::LoggedAttempt;
use crate::model::{ItemKind, Pack, QuestionType};
use thiserror::Error;

/// One graded attempt at one item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttemptRow {
    pub profile: String,
    pub pack_id: String,
    pub pack_version: String,
    pub item_id: String,
    /// `single`, `multiple`, `true_false`, `short_answer`, …
    pub item_type: String,
    /// The chapter's title, for the summary.
    pub chapter: String,
    /// What the learner answered (option letters, true/false, text, a role-play path).
    #[serde(default)]
    pub answer: String,
    pub score: f32,
    pub max: f32,
    pub started: DateTime<Utc>,
    pub finished: DateTime<Utc>,
    /// The chapter's place in the course (1-based; 0 when the pack is not at hand), so lists
    /// follow the course rather than the alphabet.
    #[serde(default)]
    pub chapter_no: usize,
    /// The question's stem or the exercise's title.
    #[serde(default)]
    pub question: String,
    /// The right answer of a choice or true/false question (`B`, `ACD`, `对`).
    #[serde(default)]
    pub key: String,
    /// The answer for a reader: option letters with their text, 对/错, the written text.
    #[serde(default)]
    pub answer_text: String,
    /// The scoring points a written answer was credited with, by their text.
    #[serde(default)]
    pub points_ticked: String,
    /// The mock exam the answer was given in (empty outside exams), and its title.
    #[serde(default)]
    pub exam_id: String,
    #[serde(default)]
    pub exam_title: String,
}

/// The `item_type` of the row that closes a mock-exam sitting with its total: the sitting's
/// question points, never mixed with exercises or role-plays.
pub const EXAM_TOTAL: &str = "exam_total";

/// Whether the row's points are question points (added up into a score) rather than an
/// exercise's or role-play's share, which is reported on its own.
pub fn is_question(item_type: &str) -> bool {
    matches!(
        item_type,
        "single" | "multiple" | "true_false" | "short_answer" | "case"
    )
}

/// The learner's written answer without the `[points: 1,3]` line the log appends, and the
/// 1-based numbers of the points it names.
pub fn split_points(answer: &str) -> (&str, Vec<usize>) {
    match answer.rsplit_once("\n[points: ") {
        Some((text, rest)) => (
            text,
            rest.trim_end_matches(']')
                .split(',')
                .filter_map(|n| n.trim().parse().ok())
                .collect(),
        ),
        None => (answer, Vec::new()),
    }
}

/// What a grader needs beside the raw answer: the stem, the key, the readable answer and the
/// points named. Empty strings when the item is not a question of `pack`.
fn readable(pack: &Pack, item: &str, answer: &str) -> (String, String, String, String) {
    use crate::model::QuestionKind;
    let Some((_, q, _)) = pack.question(item) else {
        let title = pack
            .practice_item(item.trim_end_matches(TOWS_SUFFIX))
            .map(|p| p.title)
            .unwrap_or_default();
        let text = roleplay_replies(pack, item, answer).unwrap_or_else(|| answer.to_owned());
        return (title, String::new(), text, String::new());
    };
    let truth = |value: &str| match value {
        "true" => "对".to_owned(),
        "false" => "错".to_owned(),
        other => other.to_owned(),
    };
    match &q.kind {
        QuestionKind::Single {
            options,
            answer: key,
        }
        | QuestionKind::Multiple {
            options,
            answer: key,
        } => {
            let text = crate::model::answer_indices(answer)
                .unwrap_or_default()
                .iter()
                .map(|&i| {
                    format!(
                        "{} {}",
                        crate::model::option_letter(i),
                        options.get(i).map_or("", String::as_str)
                    )
                })
                .collect::<Vec<_>>()
                .join("；");
            (q.stem.clone(), key.clone(), text, String::new())
        }
        QuestionKind::TrueFalse { answer: key } => (
            q.stem.clone(),
            truth(&key.to_string()),
            truth(answer),
            String::new(),
        ),
        QuestionKind::ShortAnswer { points, .. } => {
            let (text, ticked) = split_points(answer);
            let named = ticked
                .iter()
                .filter_map(|n| points.get(n.checked_sub(1)?))
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join("；");
            (q.stem.clone(), String::new(), text.to_owned(), named)
        }
        QuestionKind::Case { .. } => (
            q.stem.clone(),
            String::new(),
            answer.to_owned(),
            String::new(),
        ),
    }
}

/// A role-play's path (`0,2,1`: the choice taken at each turn) as the replies the learner chose,
/// by replaying it; `None` when the item is not a role-play or the path no longer fits it (the
/// pack changed), so the raw path is shown instead.
fn roleplay_replies(pack: &Pack, item: &str, path: &str) -> Option<String> {
    let Some(crate::model::ItemRef::RolePlay(c, i)) = pack.get(item) else {
        return None;
    };
    let play = pack.chapters.get(c)?.roleplays.get(i)?;
    let mut talk = crate::model::Conversation::start(play).ok()?;
    let mut replies = Vec::new();
    for step in path.split(',').filter(|s| !s.trim().is_empty()) {
        let index: usize = step.trim().parse().ok()?;
        replies.push(talk.current(play)?.choices.get(index)?.text.clone());
        talk.choose(play, index).ok()?;
    }
    Some(replies.join(" → "))
}

/// The strategy stage of a SWOT case is logged under the case's id with this suffix.
const TOWS_SUFFIX: &str = "#tows";

#[derive(Debug, Error)]
pub enum ExportError {
    #[error("cannot write {path}: {message}")]
    Write { path: PathBuf, message: String },
}

/// The file the first release kept graded attempts in, beside the profiles; it is moved into the
/// first profile's log.
pub const LEGACY_ATTEMPTS_FILE: &str = "attempts.ron";

/// The chapter title and item type of `item` in `pack` (empty and "other" when unknown).
pub fn describe_item(pack: &Pack, item: &str) -> (String, &'static str) {
    if let Some(case) = item.strip_suffix(TOWS_SUFFIX) {
        return (describe_item(pack, case).0, "tows");
    }
    match pack.question(item) {
        Some((c, question, _)) => (
            pack.chapters
                .get(c)
                .map(|ch| ch.title.clone())
                .unwrap_or_default(),
            question_type_name(question.kind.question_type()),
        ),
        None => {
            let practice = pack.practice_item(item);
            let chapter = pack
                .get(item)
                .and_then(crate::model::ItemRef::chapter)
                .and_then(|c| pack.chapters.get(c))
                .map(|ch| ch.title.clone())
                .unwrap_or_default();
            let kind = match practice.map(|i| i.kind) {
                Some(ItemKind::RolePlay) => "roleplay",
                Some(ItemKind::Swot) => "swot",
                Some(ItemKind::Ordering) => "ordering",
                Some(ItemKind::Pdca) => "pdca",
                Some(ItemKind::Flashcard) => "flashcard",
                _ => "other",
            };
            (chapter, kind)
        }
    }
}

fn question_type_name(kind: QuestionType) -> &'static str {
    match kind {
        QuestionType::Single => "single",
        QuestionType::Multiple => "multiple",
        QuestionType::TrueFalse => "true_false",
        QuestionType::ShortAnswer => "short_answer",
        QuestionType::Case => "case",
    }
}

/// Export rows for one profile's log. An attempt whose pack is not among `packs` keeps its ids
/// with an empty chapter and version. Each mock-exam sitting (the answers logged with one exam
/// and one start time) is followed by its total row.
pub fn rows_for(profile: &str, log: &[LoggedAttempt], packs: &[Arc<Pack>]) -> Vec<AttemptRow> {
    with_exam_totals(answer_rows(profile, log, packs))
}

fn answer_rows(profile: &str, log: &[LoggedAttempt], packs: &[Arc<Pack>]) -> Vec<AttemptRow> {
    let by_id: HashMap<&str, &Pack> = packs
        .iter()
        .map(|p| (p.manifest.id.as_str(), p.as_ref()))
        .collect();
    log.iter()
        .map(|logged| {
            let pack = by_id.get(logged.pack.as_str());
            let (chapter, item_type) =
                pack.map_or((String::new(), "other"), |p| describe_item(p, &logged.item));
            let a = &logged.attempt;
            let (question, key, answer_text, points_ticked) =
                pack.map_or_else(Default::default, |p| readable(p, &logged.item, &a.answer));
            let chapter_no = pack
                .and_then(|p| p.get(logged.item.trim_end_matches(TOWS_SUFFIX)))
                .and_then(crate::model::ItemRef::chapter)
                .map_or(0, |c| c + 1);
            AttemptRow {
                profile: profile.to_owned(),
                pack_id: logged.pack.clone(),
                pack_version: pack.map(|p| p.manifest.version.clone()).unwrap_or_default(),
                item_id: logged.item.clone(),
                item_type: item_type.to_owned(),
                chapter,
                answer: split_points(&a.answer).0.to_owned(),
                score: a.score,
                max: a.max,
                started: a.started,
                finished: a.finished,
                chapter_no,
                question,
                key,
                answer_text,
                points_ticked,
                exam_id: logged
                    .exam
                    .as_ref()
                    .map(|e| e.id.clone())
                    .unwrap_or_default(),
                exam_title: logged
                    .exam
                    .as_ref()
                    .map(|e| e.title.clone())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// The rows with a total row after each sitting. A sitting's answers are logged together when
/// the paper is handed in, so they are consecutive and share the exam and the start time.
fn with_exam_totals(rows: Vec<AttemptRow>) -> Vec<AttemptRow> {
    let mut out: Vec<AttemptRow> = Vec::with_capacity(rows.len());
    let mut sitting: Option<AttemptRow> = None;
    let mut answered = (0_usize, 0_usize);
    for row in rows {
        let same = sitting.as_ref().is_some_and(|t| {
            !row.exam_id.is_empty() && t.exam_id == row.exam_id && t.started == row.started
        });
        if !same && let Some(total) = sitting.take() {
            out.push(close_sitting(total, answered));
        }
        if !row.exam_id.is_empty() {
            let total = sitting.get_or_insert_with(|| AttemptRow {
                item_id: row.exam_id.clone(),
                item_type: EXAM_TOTAL.to_owned(),
                chapter: String::new(),
                answer: String::new(),
                score: 0.0,
                max: 0.0,
                chapter_no: 0,
                question: row.exam_title.clone(),
                key: String::new(),
                answer_text: String::new(),
                points_ticked: String::new(),
                ..row.clone()
            });
            if !same {
                answered = (0, 0);
            }
            total.score += row.score;
            total.max += row.max;
            total.finished = total.finished.max(row.finished);
            answered.0 += usize::from(row.max > 0.0 && row.score >= row.max - 1e-4);
            answered.1 += 1;
        }
        out.push(row);
    }
    if let Some(total) = sitting {
        out.push(close_sitting(total, answered));
    }
    out
}

/// The total row, its `answer_text` the questions with full marks out of those on the paper.
fn close_sitting(mut total: AttemptRow, (right, count): (usize, usize)) -> AttemptRow {
    total.answer_text = format!("{right}/{count}");
    total
}

/// The attempts of every profile in `data_dir`, profile by profile, each in time order.
pub fn rows_from_profiles(data_dir: &Path, packs: &[Arc<Pack>]) -> Vec<AttemptRow> {
    super::profile::list_profiles(data_dir)
        .into_iter()
        .flat_map(|profile| {
            let dir = super::profile::profiles_dir(data_dir).join(&profile.folder);
            rows_for(&profile.name, &super::session::read_log(&dir), packs)
        })
        .collect()
}

const UTF8_BOM: &str = "\u{feff}";

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Scores are written plainly (`1`, `0.5`), as a spreadsheet expects.
fn number(x: f32) -> String {
    let rounded = (f64::from(x) * 1000.0).round() / 1000.0;
    format!("{rounded}")
}

fn csv_bytes(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(UTF8_BOM.as_bytes().to_vec());
    // Writing to memory cannot fail; an error here would be a bug in the csv crate.
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(&row);
    }
    writer.into_inner().unwrap_or_default()
}

/// One row per attempt.
pub fn attempts_csv(rows: &[AttemptRow]) -> Vec<u8> {
    csv_bytes(
        &[
            "profile",
            "pack_id",
            "pack_version",
            "item_id",
            "item_type",
            "chapter",
            "answer",
            "score",
            "max",
            "started",
            "finished",
            "chapter_no",
            "question",
            "key",
            "answer_text",
            "points_ticked",
            "seconds",
            "exam_id",
            "exam_title",
        ],
        rows.iter().map(|r| {
            vec![
                r.profile.clone(),
                r.pack_id.clone(),
                r.pack_version.clone(),
                r.item_id.clone(),
                r.item_type.clone(),
                r.chapter.clone(),
                r.answer.clone(),
                number(r.score),
                number(r.max),
                time(r.started),
                time(r.finished),
                r.chapter_no.to_string(),
                r.question.clone(),
                r.key.clone(),
                r.answer_text.clone(),
                r.points_ticked.clone(),
                (r.finished - r.started).num_seconds().max(0).to_string(),
                r.exam_id.clone(),
                r.exam_title.clone(),
            ]
        }),
    )
}

/// Per profile, pack and chapter: questions' points, and the exercises' and role-plays' mean
/// share apart, since a role-play's 0–100 and a question's 1 point do not add up.
#[derive(Clone, Debug, PartialEq)]
pub struct ChapterSummary {
    pub profile: String,
    pub pack_id: String,
    pub chapter_no: usize,
    pub chapter: String,
    /// Question attempts, how many earned full points, and their points.
    pub attempts: usize,
    pub correct: usize,
    pub score: f32,
    pub max: f32,
    /// Exercise and role-play attempts and the sum of their shares (0–1 each).
    pub practice_attempts: usize,
    pub practice_share_sum: f32,
}

impl ChapterSummary {
    pub fn practice_percent(&self) -> Option<f32> {
        (self.practice_attempts > 0)
            .then(|| self.practice_share_sum / self.practice_attempts as f32 * 100.0)
    }
}

pub fn summarise(rows: &[AttemptRow]) -> Vec<ChapterSummary> {
    let mut sums: BTreeMap<(String, String, usize, String), ChapterSummary> = BTreeMap::new();
    // A sitting's total repeats its answers' points.
    for r in rows.iter().filter(|r| r.item_type != EXAM_TOTAL) {
        // Chapters sort by their place in the course; unknown ones (0) go last.
        let place = if r.chapter_no == 0 {
            usize::MAX
        } else {
            r.chapter_no
        };
        let key = (
            r.profile.clone(),
            r.pack_id.clone(),
            place,
            r.chapter.clone(),
        );
        let entry = sums.entry(key).or_insert_with(|| ChapterSummary {
            profile: r.profile.clone(),
            pack_id: r.pack_id.clone(),
            chapter_no: r.chapter_no,
            chapter: r.chapter.clone(),
            attempts: 0,
            correct: 0,
            score: 0.0,
            max: 0.0,
            practice_attempts: 0,
            practice_share_sum: 0.0,
        });
        if is_question(&r.item_type) {
            entry.attempts += 1;
            entry.correct += usize::from(r.max > 0.0 && r.score >= r.max - 1e-4);
            entry.score += r.score;
            entry.max += r.max;
        } else {
            entry.practice_attempts += 1;
            if r.max > 0.0 {
                entry.practice_share_sum += (r.score / r.max).clamp(0.0, 1.0);
            }
        }
    }
    sums.into_values().collect()
}

pub fn summary_csv(rows: &[AttemptRow]) -> Vec<u8> {
    csv_bytes(
        &[
            "profile",
            "pack_id",
            "chapter",
            "attempts",
            "correct",
            "score",
            "max",
            "percent",
            "chapter_no",
            "practice_attempts",
            "practice_percent",
        ],
        summarise(rows).into_iter().map(|s| {
            let percent = if s.max > 0.0 {
                (s.score / s.max * 100.0).round()
            } else {
                0.0
            };
            let practice = s
                .practice_percent()
                .map_or_else(String::new, |p| number(p.round()));
            vec![
                s.profile,
                s.pack_id,
                s.chapter,
                s.attempts.to_string(),
                s.correct.to_string(),
                number(s.score),
                number(s.max),
                number(percent),
                s.chapter_no.to_string(),
                s.practice_attempts.to_string(),
                practice,
            ]
        }),
    )
}

#[path = "export_xapi.rs"]
mod xapi;
pub use xapi::{XAPI_HOME_PAGE, statement_id, xapi_statements};

/// The three files written for `csv_path`: the attempts, `<name>.summary.csv`, `<name>.xapi.json`.
pub fn export_paths(csv_path: &Path) -> [PathBuf; 3] {
    let stem = csv_path.file_stem().map_or_else(
        || "results".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let dir = csv_path.parent().unwrap_or(Path::new(""));
    [
        csv_path.to_path_buf(),
        dir.join(format!("{stem}.summary.csv")),
        dir.join(format!("{stem}.xapi.json")),
    ]
}

/// Writes the attempts CSV at `csv_path` and the summary and xAPI files beside it.
pub fn export_results(rows: &[AttemptRow], csv_path: &Path) -> Result<[PathBuf; 3], ExportError> {
    let paths = export_paths(csv_path);
    let xapi =
        serde_json::to_vec_pretty(&xapi_statements(rows)).map_err(|e| ExportError::Write {
            path: paths[2].clone(),
            message: e.to_string(),
        })?;
    for (path, bytes) in paths
        .iter()
        .zip([attempts_csv(rows), summary_csv(rows), xapi])
    {
        crate::store::save_atomic(path, &bytes).map_err(|e| ExportError::Write {
            path: path.clone(),
            message: e.to_string(),
        })?;
    }
    Ok(paths)
}

#[cfg(test)]
#[path = "export_tests.rs"]
mod tests;
