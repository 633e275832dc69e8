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
}

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
        return (title, String::new(), answer.to_owned(), String::new());
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
            "chapter_no",
            "question",
            "key",
            "answer_text",
            "points_ticked",
            "seconds",
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
    for r in rows {
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

/// A name-based id in UUID form (version 8, FNV-1a of the name, twice with different seeds):
/// the same attempt always gets the same statement id, so a learning record store that is sent
/// an export twice keeps one statement.
pub fn statement_id(name: &str) -> String {
    let hash = |seed: u64| {
        name.bytes().fold(seed, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    };
    let (hi, lo) = (hash(0xcbf2_9ce4_8422_2325), hash(0x8422_2325_cbf2_9ce4));
    let bytes: Vec<u8> = hi
        .to_be_bytes()
        .into_iter()
        .chain(lo.to_be_bytes())
        .collect();
    let mut b = [0_u8; 16];
    b.copy_from_slice(&bytes);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Where the learners' accounts live, as xAPI wants an https home page.
pub const XAPI_HOME_PAGE: &str = "https://servicecraft.invalid/learners";

/// The attempts as xAPI 1.0.3 statements: a stable id per attempt, the learner as an account,
/// the verb "answered", the item as `urn:servicecraft:<pack>:<item>` named by its question,
/// the pack as the one parent activity, and the score scaled, raw and max.
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
            let name = if r.question.is_empty() {
                &r.item_id
            } else {
                &r.question
            };
            json!({
                "id": statement_id(&format!(
                    "{}|{}|{}|{}",
                    r.profile,
                    r.pack_id,
                    r.item_id,
                    time(r.started)
                )),
                "actor": {
                    "objectType": "Agent",
                    "name": r.profile,
                    "account": { "homePage": XAPI_HOME_PAGE, "name": r.profile },
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
                        "name": { "zh-CN": name },
                        "extensions": {
                            "urn:servicecraft:item-type": r.item_type,
                            "urn:servicecraft:chapter": r.chapter,
                        },
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
                            "definition": { "type": "http://adlnet.gov/expapi/activities/course" },
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
            chapter_no: 0,
            question: String::new(),
            key: String::new(),
            answer_text: String::new(),
            points_ticked: String::new(),
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
    fn chapters_follow_the_course_and_practice_stays_apart() {
        let mut rows = vec![
            row("二", "q2", 1.0, 1.0),
            row("一", "q1", 1.0, 1.0),
            row("一", "rp1", 80.0, 100.0),
        ];
        rows[0].chapter_no = 2;
        rows[1].chapter_no = 1;
        rows[2].chapter_no = 1;
        rows[2].item_type = "roleplay".into();
        let summary = summarise(&rows);
        assert_eq!(summary[0].chapter, "一");
        assert_eq!((summary[0].score, summary[0].max), (1.0, 1.0));
        assert_eq!(summary[0].practice_percent(), Some(80.0));
        assert_eq!(summary[1].chapter, "二");
        assert_eq!(
            split_points("先倾听\n[points: 1,3]"),
            ("先倾听", vec![1, 3])
        );
        let a = xapi_statements(&rows);
        let b = xapi_statements(&rows);
        assert_eq!(a[0]["id"], b[0]["id"]);
        assert_ne!(a[0]["id"], a[1]["id"]);
        assert_eq!(a[0]["id"].as_str().unwrap().len(), 36);
        assert!(
            a[0]["actor"]["account"]["homePage"]
                .as_str()
                .unwrap()
                .starts_with("https://")
        );
        assert_eq!(
            a[0]["context"]["contextActivities"]["parent"][0]["id"],
            a[1]["context"]["contextActivities"]["parent"][0]["id"]
        );
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
