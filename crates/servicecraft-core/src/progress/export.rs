//! Results for the instructor: every profile's attempts as a CSV that Excel opens (UTF-8 with a
//! BOM), a per-chapter summary, and xAPI statements a learning record store or LMS can ingest.
//! The rows are read from the profiles' attempt logs and described with the packs at hand.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
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
}

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
/// with an empty chapter and version.
pub fn rows_for(profile: &str, log: &[LoggedAttempt], packs: &[Arc<Pack>]) -> Vec<AttemptRow> {
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
            AttemptRow {
                profile: profile.to_owned(),
                pack_id: logged.pack.clone(),
                pack_version: pack.map(|p| p.manifest.version.clone()).unwrap_or_default(),
                item_id: logged.item.clone(),
                item_type: item_type.to_owned(),
                chapter,
                answer: a.answer.clone(),
                score: a.score,
                max: a.max,
                started: a.started,
                finished: a.finished,
            }
        })
        .collect()
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
            ]
        }),
    )
}

/// Per profile, pack and chapter: how many attempts, points and the percentage.
#[derive(Clone, Debug, PartialEq)]
pub struct ChapterSummary {
    pub profile: String,
    pub pack_id: String,
    pub chapter: String,
    pub attempts: usize,
    pub correct: usize,
    pub score: f32,
    pub max: f32,
}

pub fn summarise(rows: &[AttemptRow]) -> Vec<ChapterSummary> {
    // Chapters keep the order they were first met in; profiles and packs sort.
    let mut order: Vec<(String, String, String)> = Vec::new();
    let mut sums: BTreeMap<(String, String, String), ChapterSummary> = BTreeMap::new();
    for r in rows {
        let key = (r.profile.clone(), r.pack_id.clone(), r.chapter.clone());
        let entry = sums.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            ChapterSummary {
                profile: r.profile.clone(),
                pack_id: r.pack_id.clone(),
                chapter: r.chapter.clone(),
                attempts: 0,
                correct: 0,
                score: 0.0,
                max: 0.0,
            }
        });
        entry.attempts += 1;
        entry.correct += usize::from(r.max > 0.0 && r.score >= r.max - 1e-4);
        entry.score += r.score;
        entry.max += r.max;
    }
    order.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    order.into_iter().filter_map(|k| sums.remove(&k)).collect()
}

pub fn summary_csv(rows: &[AttemptRow]) -> Vec<u8> {
    csv_bytes(
        &[
            "profile", "pack_id", "chapter", "attempts", "correct", "score", "max", "percent",
        ],
        summarise(rows).into_iter().map(|s| {
            let percent = if s.max > 0.0 {
                (s.score / s.max * 100.0).round()
            } else {
                0.0
            };
            vec![
                s.profile,
                s.pack_id,
                s.chapter,
                s.attempts.to_string(),
                s.correct.to_string(),
                number(s.score),
                number(s.max),
                number(percent),
            ]
        }),
    )
}

/// The attempts as xAPI 1.0.3 statements: the learner as an account, the verb "answered", the
/// item as `urn:servicecraft:<pack>:<item>`, and the score scaled, raw and max.
pub fn xapi_statements(rows: &[AttemptRow]) -> serde_json::Value {
    let statements: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            let scaled = if r.max > 0.0 {
                (f64::from(r.score) / f64::from(r.max)).clamp(-1.0, 1.0)
            } else {
                0.0
            };
            let duration = (r.finished - r.started).num_seconds().max(0);
            json!({
                "actor": {
                    "objectType": "Agent",
                    "name": r.profile,
                    "account": { "homePage": "urn:servicecraft", "name": r.profile },
                },
                "verb": {
                    "id": "http://adlnet.gov/expapi/verbs/answered",
                    "display": { "en-US": "answered", "zh-CN": "作答" },
                },
                "object": {
                    "objectType": "Activity",
                    "id": format!("urn:servicecraft:{}:{}", r.pack_id, r.item_id),
                    "definition": {
                        "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                        "name": { "zh-CN": r.item_id },
                        "extensions": { "urn:servicecraft:item-type": r.item_type },
                    },
                },
                "result": {
                    "response": r.answer,
                    "score": { "scaled": scaled, "raw": r.score, "min": 0, "max": r.max },
                    "success": r.max > 0.0 && r.score >= r.max - 1e-4,
                    "completion": true,
                    "duration": format!("PT{duration}S"),
                },
                "context": {
                    "contextActivities": {
                        "parent": [{
                            "objectType": "Activity",
                            "id": format!("urn:servicecraft:{}", r.pack_id),
                            "definition": { "name": { "zh-CN": r.chapter } },
                        }],
                    },
                    "extensions": { "urn:servicecraft:pack-version": r.pack_version },
                },
                "timestamp": time(r.finished),
            })
        })
        .collect();
    serde_json::Value::Array(statements)
}

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
mod tests {
    use super::*;

    fn row(chapter: &str, item: &str, score: f32, max: f32) -> AttemptRow {
        let started = DateTime::parse_from_rfc3339("2026-03-01T08:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        AttemptRow {
            profile: "小王".into(),
            pack_id: "acme.pack".into(),
            pack_version: "1.2.0".into(),
            item_id: item.into(),
            item_type: "single".into(),
            chapter: chapter.into(),
            answer: "AC".into(),
            score,
            max,
            started,
            finished: started + chrono::Duration::seconds(42),
        }
    }

    #[test]
    fn csv_opens_in_excel_and_round_trips() {
        let bytes = attempts_csv(&[row("第一章, 投诉", "q1", 0.5, 2.0)]);
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let record = reader.records().next().unwrap().unwrap();
        assert_eq!(&record[0], "小王");
        assert_eq!(&record[5], "第一章, 投诉");
        assert_eq!(&record[6], "AC");
        assert_eq!((&record[7], &record[8]), ("0.5", "2"));
        assert_eq!(&record[10], "2026-03-01T08:00:42Z");
    }

    #[test]
    fn summary_adds_up_per_chapter() {
        let rows = [
            row("一", "q1", 1.0, 1.0),
            row("二", "q2", 0.0, 1.0),
            row("一", "q3", 1.0, 2.0),
        ];
        let summary = summarise(&rows);
        assert_eq!(summary.len(), 2);
        assert_eq!(summary[0].chapter, "一");
        assert_eq!((summary[0].attempts, summary[0].correct), (2, 1));
        assert_eq!((summary[0].score, summary[0].max), (2.0, 3.0));
        let text = String::from_utf8(summary_csv(&rows)).unwrap();
        assert!(text.contains("小王,acme.pack,一,2,1,2,3,67"), "{text}");
    }

    #[test]
    fn xapi_statements_follow_the_spec() {
        let value = xapi_statements(&[row("一", "q1", 1.0, 2.0)]);
        let s = &value[0];
        assert_eq!(s["actor"]["account"]["name"], "小王");
        assert_eq!(s["verb"]["id"], "http://adlnet.gov/expapi/verbs/answered");
        assert_eq!(s["object"]["id"], "urn:servicecraft:acme.pack:q1");
        assert_eq!(s["result"]["score"]["scaled"], 0.5);
        assert_eq!(s["result"]["score"]["raw"], 1.0);
        assert_eq!(s["result"]["score"]["max"], 2.0);
        assert_eq!(s["result"]["duration"], "PT42S");
        assert_eq!(s["timestamp"], "2026-03-01T08:00:42Z");
    }
}
