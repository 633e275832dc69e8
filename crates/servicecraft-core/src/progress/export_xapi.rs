//! The results as xAPI 1.0.3 statements, for a learning record store or LMS: a stable id per
//! attempt (so a re-import does not duplicate), the question as the activity's name, one parent
//! activity per pack. A sitting's total row is not a statement (its answers are).

use serde_json::json;

use super::{AttemptRow, EXAM_TOTAL, time};

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
        .filter(|r| r.item_type != EXAM_TOTAL)
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
