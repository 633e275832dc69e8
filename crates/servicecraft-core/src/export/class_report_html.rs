//! The class report as one self-contained HTML page: inline CSS, the chart as inline SVG, no
//! script and nothing fetched, laid out to print on A4.

use std::fmt::Write as _;

use super::{ClassReport, duration_text, heat_colour, percent};
use crate::i18n::{Lang, T};

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const STYLE: &str = "
@page { size: A4; margin: 12mm; }
body { font-family: 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif;
  color: #222; margin: 24px; font-size: 14px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 22px 0 8px; border-bottom: 2px solid #4a7ab5; padding-bottom: 3px; }
.meta, .note { color: #666; font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; }
th, td { border: 1px solid #ccc; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #e8eef6; font-weight: 600; }
td.n { text-align: right; white-space: nowrap; }
td.heat { text-align: center; white-space: nowrap; }
td.heat small { display: block; color: #555; font-size: 11px; }
tr { page-break-inside: avoid; }
.idle { color: #b03a2e; font-weight: 600; }
.chip { display: inline-block; background: #f6e3e1; border-radius: 3px; padding: 0 4px;
  margin: 1px 2px; font-size: 12px; }
svg text { font-size: 11px; fill: #333; }
@media print { body { margin: 0; font-size: 11px; } h2 { page-break-after: avoid; } }
";

/// Bars of the class average per chapter.
fn chart(report: &ClassReport) -> String {
    let row_h = 20;
    let label_w = 190;
    let bar_w = 420;
    let height = row_h * report.chapters.len() + 10;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{height}\" role=\"img\">",
        label_w + bar_w + 50
    );
    for (i, (chapter, avg)) in report
        .chapters
        .iter()
        .zip(&report.class_average)
        .enumerate()
    {
        let y = i * row_h + 4;
        let label: String = chapter.chars().take(14).collect();
        let width = avg.map_or(0.0, |a| a * bar_w as f32);
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <rect x=\"{label_w}\" y=\"{y}\" width=\"{bar_w}\" height=\"14\" fill=\"#eee\"/>\
             <rect x=\"{label_w}\" y=\"{y}\" width=\"{width:.1}\" height=\"14\" fill=\"{}\"/>\
             <text x=\"{}\" y=\"{}\">{}</text>",
            label_w - 6,
            y + 11,
            esc(&label),
            heat_colour(*avg).replace("82%", "55%"),
            label_w + bar_w + 4,
            y + 11,
            percent(*avg),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The whole page.
pub fn html(report: &ClassReport, lang: Lang) -> String {
    let t = |k: T| k.get(lang);
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>",
        if lang == Lang::Zh { "zh-CN" } else { "en" },
        t(T::ClassReportTitle)
    );
    let _ = write!(
        page,
        "<h1>{}</h1><p class=\"meta\">{}",
        t(T::ClassReportTitle),
        esc(&T::ClassReportMeta.fmt(
            lang,
            &[
                &report.trainees.len().to_string(),
                &report.files.to_string(),
                &report.made.format("%Y-%m-%d %H:%M UTC").to_string(),
            ]
        ))
    );
    if report.duplicates > 0 {
        let _ = write!(
            page,
            " · {}",
            T::ClassReportDuplicates.fmt(lang, &[&report.duplicates.to_string()])
        );
    }
    page.push_str("</p>");

    // Trainees.
    let has_pass = report
        .trainees
        .iter()
        .any(|tr| tr.pass_probability.is_some());
    let _ = write!(
        page,
        "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>{}<th>{}</th><th>{}</th></tr>",
        t(T::ClassTrainees),
        t(T::ClassTrainee),
        t(T::ClassScore),
        t(T::ClassCompletion),
        t(T::ClassAttempts),
        if has_pass {
            format!("<th>{}</th>", t(T::ClassPassProbability))
        } else {
            String::new()
        },
        t(T::ClassTimeSpent),
        t(T::ClassLastStudied),
    );
    for tr in &report.trainees {
        let last = tr
            .last
            .map_or_else(|| "—".to_owned(), |l| l.format("%Y-%m-%d").to_string());
        let _ = write!(
            page,
            "<tr><td>{}</td><td class=\"heat\" style=\"background:{}\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>{}<td class=\"n\">{}</td><td{}>{}</td></tr>",
            esc(&tr.name),
            heat_colour(tr.score),
            percent(tr.score),
            percent(Some(tr.completion)),
            tr.attempts,
            if has_pass {
                format!("<td class=\"n\">{}</td>", percent(tr.pass_probability))
            } else {
                String::new()
            },
            duration_text(tr.seconds, lang),
            if tr.inactive { " class=\"idle\"" } else { "" },
            last,
        );
    }
    page.push_str("</table>");
    let idle: Vec<&str> = report
        .trainees
        .iter()
        .filter(|tr| tr.inactive)
        .map(|tr| tr.name.as_str())
        .collect();
    let _ = write!(
        page,
        "<p><b>{}：</b>{}</p>",
        t(T::ClassInactive),
        if idle.is_empty() {
            t(T::ClassInactiveNone).to_owned()
        } else {
            format!("<span class=\"idle\">{}</span>", esc(&idle.join("、")))
        }
    );

    // Chapters: heat table and chart.
    let _ = write!(
        page,
        "<h2>{}</h2><p class=\"note\">{}</p><table><tr><th>{}</th>",
        t(T::ClassByChapter),
        t(T::ClassByChapterHelp),
        t(T::ClassChapter)
    );
    for tr in &report.trainees {
        let _ = write!(page, "<th>{}</th>", esc(&tr.name));
    }
    let _ = write!(page, "<th>{}</th></tr>", t(T::ClassAverage));
    for (c, chapter) in report.chapters.iter().enumerate() {
        let _ = write!(page, "<tr><td>{}</td>", esc(chapter));
        for row in &report.cells {
            let cell = row[c];
            let _ = write!(
                page,
                "<td class=\"heat\" style=\"background:{}\">{}<small>{}/{}</small></td>",
                heat_colour(cell.score),
                percent(cell.score),
                cell.done,
                cell.total
            );
        }
        let avg = report.class_average[c];
        let _ = write!(
            page,
            "<td class=\"heat\" style=\"background:{}\"><b>{}</b></td></tr>",
            heat_colour(avg),
            percent(avg)
        );
    }
    page.push_str("</table>");
    page.push_str(&chart(report));

    // Most-missed questions.
    let _ = write!(page, "<h2>{}</h2>", t(T::ClassMostMissed));
    if report.missed.is_empty() {
        let _ = write!(page, "<p>{}</p>", t(T::ClassNoMisses));
    } else {
        let _ = write!(
            page,
            "<table><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            t(T::ClassQuestion),
            t(T::ClassKey),
            t(T::ClassWrong),
            t(T::ClassWrongAnswers)
        );
        for (i, m) in report.missed.iter().enumerate() {
            let question = if m.question.is_empty() {
                &m.item_id
            } else {
                &m.question
            };
            let chips: String = m
                .wrong_answers
                .iter()
                .map(|(a, n)| format!("<span class=\"chip\">{} ×{n}</span>", esc(a)))
                .collect();
            let _ = write!(
                page,
                "<tr><td class=\"n\">{}</td><td>{}<br><span class=\"note\">{} · {}</span></td><td>{}</td><td class=\"n\">{}/{}</td><td>{}</td></tr>",
                i + 1,
                esc(question),
                esc(&m.chapter),
                esc(&m.item_id),
                esc(&m.key),
                m.wrong,
                m.attempts,
                chips
            );
        }
        page.push_str("</table>");
    }
    let _ = write!(
        page,
        "<p class=\"note\">{}</p></body></html>",
        t(T::ClassReportNote)
    );
    page
}
