//! Exercise schemas: SWOT sorting, step ordering, PDCA placement and PDCA worksheets.

use serde::{Deserialize, Serialize};

/// Sort statements of a case into S/W/O/T, then (optionally) match strategies to SO/WO/ST/WT.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SwotExercise {
    pub id: String,
    pub lesson: String,
    pub title: String,
    pub case_text: String,
    pub cards: Vec<SwotCard>,
    #[serde(default)]
    pub strategies: Vec<StrategyCard>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SwotCard {
    pub text: String,
    pub quadrant: Quadrant,
    /// Why it belongs there (internal/external, helps/hurts).
    #[serde(default)]
    pub reason: String,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Quadrant {
    Strength,
    Weakness,
    Opportunity,
    Threat,
}

impl Quadrant {
    pub const ALL: [Self; 4] = [
        Self::Strength,
        Self::Weakness,
        Self::Opportunity,
        Self::Threat,
    ];
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StrategyCard {
    pub text: String,
    pub pairing: Pairing,
    #[serde(default)]
    pub reason: String,
}

/// The four TOWS pairings.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pairing {
    SO,
    WO,
    ST,
    WT,
}

impl Pairing {
    pub const ALL: [Self; 4] = [Self::SO, Self::WO, Self::ST, Self::WT];
}

/// Put steps in order; `steps` is the correct order, shown shuffled.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct OrderingExercise {
    pub id: String,
    pub lesson: String,
    pub title: String,
    #[serde(default)]
    pub prompt: String,
    pub steps: Vec<String>,
    #[serde(default)]
    pub explanation: String,
}

/// Place steps into the four PDCA stages; `steps` lists them in the correct order.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PdcaExercise {
    pub id: String,
    pub lesson: String,
    pub title: String,
    #[serde(default)]
    pub prompt: String,
    pub steps: Vec<PdcaStep>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PdcaStep {
    pub text: String,
    pub stage: PdcaStage,
    #[serde(default)]
    pub reason: String,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PdcaStage {
    Plan,
    Do,
    Check,
    Act,
}

impl PdcaStage {
    pub const ALL: [Self; 4] = [Self::Plan, Self::Do, Self::Check, Self::Act];
}

/// A guided improvement cycle the learner works through on a case, field by field.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PdcaWorksheet {
    pub id: String,
    pub lesson: String,
    pub title: String,
    pub case_text: String,
    pub fields: Vec<WorksheetField>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WorksheetField {
    pub id: String,
    pub stage: PdcaStage,
    pub label: String,
    #[serde(default)]
    pub hint: String,
}
