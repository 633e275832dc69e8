//! Exporting the learner's own work: a SWOT as a PNG picture or Markdown, a PDCA worksheet as
//! Markdown. Builds bytes and text only; choosing the file and writing it is the app's job.

pub mod bank;
pub mod class_report;
pub mod picture;

use std::collections::BTreeMap;

use crate::i18n::{Lang, T};
use crate::model::my_swot::MySwot;
use crate::model::{Pairing, PdcaStage, PdcaWorksheet, Quadrant};

pub fn quadrant_name(quadrant: Quadrant) -> T {
    match quadrant {
        Quadrant::Strength => T::Strengths,
        Quadrant::Weakness => T::Weaknesses,
        Quadrant::Opportunity => T::Opportunities,
        Quadrant::Threat => T::Threats,
    }
}

/// "S 优势" — the letter and the name, as on the grid.
pub fn quadrant_title(quadrant: Quadrant, lang: Lang) -> String {
    format!(
        "{}  {}",
        quadrant.letter(),
        quadrant_name(quadrant).get(lang)
    )
}

/// Where a factor comes from and how it acts: "内部、有利".
pub fn quadrant_nature(quadrant: Quadrant, lang: Lang) -> String {
    let inside = if quadrant.is_internal() {
        T::Internal
    } else {
        T::External
    };
    let helps = if quadrant.is_helpful() {
        T::Helpful
    } else {
        T::Harmful
    };
    format!(
        "{}{}{}",
        inside.get(lang),
        T::ListSep.get(lang),
        helps.get(lang)
    )
}

/// The kind of strategy a pairing calls for (增长型战略 …).
pub fn pairing_strategy(pairing: Pairing) -> T {
    match pairing {
        Pairing::SO => T::StrategySO,
        Pairing::WO => T::StrategyWO,
        Pairing::ST => T::StrategyST,
        Pairing::WT => T::StrategyWT,
    }
}

/// The situation a pairing describes (杠杆效应, 抑制性, 脆弱性, 问题性).
pub fn pairing_situation(pairing: Pairing) -> T {
    match pairing {
        Pairing::SO => T::SituationSO,
        Pairing::WO => T::SituationWO,
        Pairing::ST => T::SituationST,
        Pairing::WT => T::SituationWT,
    }
}

/// Why the pairing calls for its strategy, in one sentence.
pub fn pairing_logic(pairing: Pairing) -> T {
    match pairing {
        Pairing::SO => T::LogicSO,
        Pairing::WO => T::LogicWO,
        Pairing::ST => T::LogicST,
        Pairing::WT => T::LogicWT,
    }
}

/// "SO 增长型战略 · 杠杆效应".
pub fn pairing_title(pairing: Pairing, lang: Lang) -> String {
    format!(
        "{}  {} · {}",
        pairing.code(),
        pairing_strategy(pairing).get(lang),
        pairing_situation(pairing).get(lang)
    )
}

pub fn stage_name(stage: PdcaStage) -> T {
    match stage {
        PdcaStage::Plan => T::StagePlan,
        PdcaStage::Do => T::StageDo,
        PdcaStage::Check => T::StageCheck,
        PdcaStage::Act => T::StageAct,
    }
}

/// "P 计划".
pub fn stage_title(stage: PdcaStage, lang: Lang) -> String {
    format!("{}  {}", stage.letter(), stage_name(stage).get(lang))
}

/// Keeps the learner's text from being read as Markdown syntax, and keeps line breaks inside
/// a list item.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("  \n  "),
            _ => out.push(c),
        }
    }
    out
}

fn bullets(out: &mut String, items: &[String], empty: &str) {
    if items.is_empty() {
        out.push_str(&format!("_{empty}_\n"));
    }
    for item in items {
        out.push_str(&format!("- {}\n", escape(item)));
    }
    out.push('\n');
}

/// A SWOT as Markdown: the situation, the four quadrants and the strategies per pairing.
pub fn my_swot_markdown(swot: &MySwot, lang: Lang, footer: &str) -> String {
    let mut out = String::new();
    let title = if swot.title.trim().is_empty() {
        T::MySwot.get(lang).to_owned()
    } else {
        escape(&swot.title)
    };
    out.push_str(&format!("# {title}\n\n"));
    if !swot.context.trim().is_empty() {
        for line in swot.context.trim().lines() {
            out.push_str(&format!("> {}\n", escape(line)));
        }
        out.push('\n');
    }
    let empty = T::NothingYet.get(lang);
    for quadrant in Quadrant::ALL {
        out.push_str(&format!(
            "## {}{}\n\n",
            quadrant_title(quadrant, lang),
            crate::i18n::paren(lang, &quadrant_nature(quadrant, lang))
        ));
        bullets(&mut out, swot.items(quadrant), empty);
    }
    if Pairing::ALL.iter().any(|p| !swot.strategies(*p).is_empty()) {
        out.push_str(&format!("## {}\n\n", T::TowsStrategies.get(lang)));
        for pairing in Pairing::ALL {
            out.push_str(&format!("### {}\n\n", pairing_title(pairing, lang)));
            bullets(&mut out, swot.strategies(pairing), empty);
        }
    }
    out.push_str(&format!("---\n{footer}\n"));
    out
}

/// A worksheet with the learner's answers, stage by stage.
pub fn worksheet_markdown(
    sheet: &PdcaWorksheet,
    answers: Option<&BTreeMap<String, String>>,
    lang: Lang,
    footer: &str,
) -> String {
    let mut out = format!("# {}\n\n", escape(&sheet.title));
    out.push_str(&format!("## {}\n\n", T::CaseText.get(lang)));
    for line in sheet.case_text.trim().lines() {
        out.push_str(&format!("> {}\n", escape(line)));
    }
    out.push('\n');
    for stage in PdcaStage::ALL {
        let fields: Vec<_> = sheet.fields.iter().filter(|f| f.stage == stage).collect();
        if fields.is_empty() {
            continue;
        }
        out.push_str(&format!("## {}\n\n", stage_title(stage, lang)));
        for field in fields {
            out.push_str(&format!("### {}\n\n", escape(&field.label)));
            match answers.and_then(|a| a.get(&field.id)) {
                Some(text) if !text.trim().is_empty() => {
                    for line in text.trim().lines() {
                        out.push_str(&escape(line));
                        out.push_str("  \n");
                    }
                    out.push('\n');
                }
                _ => out.push_str(&format!("_{}_\n\n", T::NotFilledIn.get(lang))),
            }
        }
    }
    out.push_str(&format!("---\n{footer}\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::WorksheetField;

    #[test]
    fn markdown_syntax_in_learner_text_is_escaped() {
        for (input, expected) in [
            ("普通文字", "普通文字"),
            ("*重点*", "\\*重点\\*"),
            ("a_b [c]", "a\\_b \\[c\\]"),
            ("第一行\n第二行", "第一行  \n  第二行"),
            ("  留白  ", "留白"),
        ] {
            assert_eq!(escape(input), expected);
        }
    }

    #[test]
    fn a_swot_exports_every_quadrant_and_its_strategies() {
        let mut swot = MySwot {
            title: "我的客服中心".into(),
            context: "三百人的热线".into(),
            ..MySwot::default()
        };
        swot.add_item(Quadrant::Strength, "坐席经验丰富");
        swot.add_item(Quadrant::Threat, "同行 24 小时在线");
        swot.add_strategy(Pairing::SO, "用资深坐席训练机器人");
        let md = my_swot_markdown(&swot, Lang::Zh, "ServiceCraft");
        assert!(md.starts_with("# 我的客服中心\n\n> 三百人的热线\n"));
        for needle in [
            "## S  优势（内部因素、有利）\n\n- 坐席经验丰富\n",
            "## W  劣势",
            "## T  威胁（外部因素、不利）\n\n- 同行 24 小时在线\n",
            "### SO  增长型战略 · 杠杆效应\n\n- 用资深坐席训练机器人\n",
            "### WT  防御型战略 · 问题性\n\n_",
        ] {
            assert!(md.contains(needle), "{needle:?} missing from\n{md}");
        }
        // Without strategies there is no strategy section.
        swot.so.clear();
        assert!(!my_swot_markdown(&swot, Lang::Zh, "").contains("###"));
    }

    #[test]
    fn a_worksheet_exports_answers_by_stage() {
        let field = |id: &str, stage, label: &str| WorksheetField {
            id: id.into(),
            stage,
            label: label.into(),
            hint: String::new(),
        };
        let sheet = PdcaWorksheet {
            id: "ws".into(),
            lesson: "l".into(),
            title: "缩短处理时长".into(),
            case_text: "平均 52 小时".into(),
            fields: vec![
                field("baseline", PdcaStage::Plan, "问题与基线"),
                field("do", PdcaStage::Do, "执行情况"),
            ],
        };
        let answers = BTreeMap::from([("baseline".to_owned(), "52 小时 → 24 小时".to_owned())]);
        let md = worksheet_markdown(&sheet, Some(&answers), Lang::Zh, "");
        assert!(
            md.contains("## P  计划\n\n### 问题与基线\n\n52 小时 → 24 小时  \n"),
            "{md}"
        );
        assert!(
            md.contains("## D  执行\n\n### 执行情况\n\n_（未填写）_"),
            "{md}"
        );
        assert!(
            !md.contains("## C  检查"),
            "stages without fields are left out"
        );
    }
}
