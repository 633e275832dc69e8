//! Readiness of a profile on disk, without opening it (no lock, read only): its attempt log,
//! scheduler settings and exam date read from its files, the pack it studies, and the report
//! the `readiness` command prints. The JSON keys are documented in `docs/readiness.md`.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::migrate::load_versioned;
use super::profile::{PROFILE_SETTINGS_FILE, ProfileSettings, list_profiles, profiles_dir};
use super::record::readiness_history;
use super::session::{STUDY_FILE, read_log};
use crate::model::evidence::{Calibration, calibration};
use crate::model::readiness::{assess, simulate::Simulation};
use crate::model::study::StudyState;
use crate::model::{Pack, QuestionType};

/// Simulated papers behind a report.
pub const PAPERS: u32 = 10_000;
/// Items listed as the most worth reviewing.
pub const TOP_ITEMS: usize = 10;

#[derive(Clone, Debug, Serialize)]
pub struct ChapterLoss {
    pub chapter: String,
    pub title: String,
    pub points: f32,
}

#[derive(Clone, Debug, Serialize)]
pub struct TypeLoss {
    #[serde(rename = "type")]
    pub qtype: QuestionType,
    pub points: f32,
}

#[derive(Clone, Debug, Serialize)]
pub struct TopItem {
    pub id: String,
    pub p_right: f32,
    pub pass_gain: f32,
}

/// What `servicecraft readiness` reports.
#[derive(Clone, Debug, Serialize)]
pub struct ReadinessReport {
    pub profile: String,
    pub pack: String,
    pub mock_exam: String,
    pub exam_date: NaiveDate,
    pub answers: usize,
    pub papers: u32,
    pub pass_probability: f32,
    pub pass_interval: [f32; 2],
    pub expected_percent: f32,
    pub sd_percent: f32,
    pub pass_percent: f32,
    pub lost_by_chapter: Vec<ChapterLoss>,
    pub lost_by_type: Vec<TypeLoss>,
    pub top_items: Vec<TopItem>,
    pub calibration: Calibration,
}

/// Builds the report for the profile named `name` (or with that folder name) in `data_dir`.
/// The exam date is `exam_date`, else the profile's, else `today`.
pub fn profile_readiness(
    data_dir: &Path,
    name: &str,
    exam_date: Option<NaiveDate>,
    packs: &[Arc<Pack>],
    today: NaiveDate,
) -> Result<ReadinessReport, String> {
    let entry = list_profiles(data_dir)
        .into_iter()
        .find(|p| p.name == name || p.folder == name)
        .ok_or_else(|| format!("no profile named “{name}”"))?;
    let dir = profiles_dir(data_dir).join(&entry.folder);
    let settings = load_versioned::<ProfileSettings>(&dir.join(PROFILE_SETTINGS_FILE))
        .map(|l| l.value)
        .unwrap_or_default();
    let study = load_versioned::<StudyState>(&dir.join(STUDY_FILE))
        .map(|l| l.value)
        .unwrap_or_default();
    let log = read_log(&dir);
    let answers = log.len();
    // The pack studied most; the built-in syllabus for a profile with no answers.
    let mut per_pack: HashMap<&str, usize> = HashMap::new();
    for l in &log {
        *per_pack.entry(l.pack.as_str()).or_default() += 1;
    }
    let studied = per_pack
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(p, _)| p.to_owned());
    let pack = studied
        .and_then(|id| packs.iter().find(|p| p.manifest.id == id))
        .or_else(|| packs.first())
        .ok_or("no lesson pack found")?;
    let spec = pack
        .manifest
        .mock_exams
        .first()
        .ok_or_else(|| format!("the pack “{}” has no mock exam", pack.manifest.title))?;
    let exam_date = exam_date.or(settings.exam_date).unwrap_or(today);
    let exam: DateTime<Utc> = exam_date
        .and_hms_opt(9, 0, 0)
        .map_or_else(Utc::now, |t| t.and_utc());
    let calibration = calibration(
        log.iter()
            .map(|l| (l.certainty, l.attempt.ratio() >= 0.999)),
    );
    let history = readiness_history(&log);
    let sim: Simulation = assess(pack, spec, &history, &study.memory, exam, PAPERS, TOP_ITEMS);
    Ok(ReadinessReport {
        profile: entry.name,
        pack: pack.manifest.id.clone(),
        mock_exam: spec.title.clone(),
        exam_date,
        answers,
        papers: sim.papers,
        pass_probability: sim.pass_probability,
        pass_interval: [sim.pass_interval.0, sim.pass_interval.1],
        expected_percent: sim.expected_percent,
        sd_percent: sim.sd_percent,
        pass_percent: sim.pass_percent,
        lost_by_chapter: sim
            .lost_by_chapter
            .iter()
            .map(|(c, points)| ChapterLoss {
                chapter: pack
                    .chapters
                    .get(*c)
                    .map(|ch| ch.id.clone())
                    .unwrap_or_default(),
                title: pack
                    .chapters
                    .get(*c)
                    .map(|ch| ch.title.clone())
                    .unwrap_or_default(),
                points: *points,
            })
            .collect(),
        lost_by_type: sim
            .lost_by_type
            .iter()
            .map(|(qtype, points)| TypeLoss {
                qtype: *qtype,
                points: *points,
            })
            .collect(),
        top_items: sim
            .top_items
            .iter()
            .map(|g| TopItem {
                id: g.id.clone(),
                p_right: g.p,
                pass_gain: g.pass_gain,
            })
            .collect(),
        calibration,
    })
}
