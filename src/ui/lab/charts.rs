//! The 分析决策 tab (sales by day, month, department and staff; the customer ranking; service
//! feedback by type and status; arrears ageing; market activities — each a chart with its
//! figures listed under it, for reading aloud and for tests) and the 对象挖掘 tab (customers
//! ranked by the engine's RFM value score). Figures are computed once per change, not per frame.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Legend, Plot};

use super::forms::parse_date;
use super::table::{Col, Table, col, id_cell, text_cell};
use super::{LabCx, TabOut, class_label, feedback_label, status_label};
use crate::i18n::T;
use crate::model::lab::{
    ARREARS_BUCKETS, FeedbackType, ServiceStatus, ValueScore, arrears_ageing, customer_ranking,
    feedback_by_type, leads_by_activity_kind, sales_by_day, sales_by_department, sales_by_month,
    sales_by_staff, value_scores,
};

/// The analyses, one chart each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chart {
    SalesByDay,
    SalesByMonth,
    ByDepartment,
    ByStaff,
    Ranking,
    Feedback,
    Arrears,
    Activities,
}

impl Chart {
    const ALL: [Self; 8] = [
        Self::ByDepartment,
        Self::ByStaff,
        Self::SalesByMonth,
        Self::SalesByDay,
        Self::Ranking,
        Self::Feedback,
        Self::Arrears,
        Self::Activities,
    ];

    fn title(self) -> T {
        match self {
            Self::SalesByDay => T::LabChartSalesByDay,
            Self::SalesByMonth => T::LabChartSalesByMonth,
            Self::ByDepartment => T::LabChartByDept,
            Self::ByStaff => T::LabChartByStaff,
            Self::Ranking => T::LabChartRanking,
            Self::Feedback => T::LabChartFeedback,
            Self::Arrears => T::LabChartArrears,
            Self::Activities => T::LabChartActivities,
        }
    }

    /// Whether the chart reads a period.
    fn dated(self) -> bool {
        matches!(
            self,
            Self::SalesByDay
                | Self::SalesByMonth
                | Self::ByDepartment
                | Self::ByStaff
                | Self::Ranking
        )
    }
}

/// A computed chart: a label per bar and one value per series.
struct Figures {
    series: Vec<String>,
    bars: Vec<(String, Vec<i64>)>,
}

pub struct ChartsState {
    chart: Chart,
    from: String,
    to: String,
    /// What the figures were computed for: chart, period and the records' epoch.
    key: Option<(Chart, String, String, u64)>,
    figures: Option<Figures>,
    /// The value scores of 对象挖掘, for the records' epoch.
    scores: Option<(u64, Vec<ValueScore>)>,
}

impl Default for ChartsState {
    fn default() -> Self {
        Self {
            chart: Chart::ByDepartment,
            from: String::new(),
            to: String::new(),
            key: None,
            figures: None,
            scores: None,
        }
    }
}

/// The last full calendar year before the lab's today: the period the experiments ask about.
fn default_period(today: NaiveDate) -> (String, String) {
    let year = today.year() - 1;
    (format!("{year}-01-01"), format!("{year}-12-31"))
}

fn compute(lcx: &LabCx<'_>, chart: Chart, from: NaiveDate, to: NaiveDate) -> Figures {
    let (data, records, lang) = (lcx.data, &lcx.state.records, lcx.lang);
    let one = |name: T, bars: Vec<(String, i64)>| Figures {
        series: vec![name.get(lang).to_owned()],
        bars: bars.into_iter().map(|(l, v)| (l, vec![v])).collect(),
    };
    let tallies = |t: Vec<crate::model::lab::Tally>| -> Vec<(String, i64)> {
        t.into_iter().map(|t| (t.label, t.amount)).collect()
    };
    match chart {
        Chart::SalesByDay => one(
            T::LabColAmount,
            sales_by_day(records, from, to)
                .into_iter()
                .map(|(d, a, _)| (d.to_string(), a))
                .collect(),
        ),
        Chart::SalesByMonth => one(T::LabColAmount, tallies(sales_by_month(records, from, to))),
        Chart::ByDepartment => one(
            T::LabColAmount,
            tallies(sales_by_department(data, records, from, to)),
        ),
        Chart::ByStaff => one(
            T::LabColAmount,
            tallies(sales_by_staff(data, records, from, to)),
        ),
        Chart::Ranking => one(
            T::LabColPaid,
            tallies(customer_ranking(records, from, to))
                .into_iter()
                .take(20)
                .collect(),
        ),
        Chart::Arrears => one(
            T::LabColOutstanding,
            ARREARS_BUCKETS
                .iter()
                .zip(arrears_ageing(records, data.today))
                .map(|(l, v)| ((*l).to_owned(), v))
                .collect(),
        ),
        Chart::Activities => one(
            T::LabChartActivities,
            tallies(leads_by_activity_kind(records)),
        ),
        Chart::Feedback => Figures {
            series: ServiceStatus::ALL
                .iter()
                .map(|s| status_label(*s).get(lang).to_owned())
                .collect(),
            bars: feedback_by_type(records)
                .into_iter()
                .map(|(kind, by_status, _): (FeedbackType, [u32; 4], _)| {
                    (
                        feedback_label(kind).get(lang).to_owned(),
                        by_status.iter().map(|n| i64::from(*n)).collect(),
                    )
                })
                .collect(),
        },
    }
}

pub fn analysis_ui(ui: &mut Ui, lcx: &LabCx<'_>, st: &mut ChartsState, epoch: u64) -> TabOut {
    let lang = lcx.lang;
    if st.from.is_empty() {
        (st.from, st.to) = default_period(lcx.data.today);
    }
    ui.horizontal_wrapped(|ui| {
        for chart in Chart::ALL {
            let title = chart.title().get(lang);
            let response = ui.selectable_value(&mut st.chart, chart, title);
            // "分析：…", so the choice is not mistaken for the chart's heading.
            let name = T::LabelledText.fmt(lang, &[T::LabChart.get(lang), title]);
            let selected = st.chart == chart;
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Button, true, selected, &name)
            });
        }
    });
    let mut bad = None;
    if st.chart.dated() {
        ui.horizontal(|ui| {
            for (label, value) in [(T::LabFrom, &mut st.from), (T::LabTo, &mut st.to)] {
                let name = ui.label(label.get(lang));
                ui.add(egui::TextEdit::singleline(value).desired_width(110.0))
                    .labelled_by(name.id);
            }
        });
    }
    let period = parse_date(&st.from, lang).and_then(|f| Ok((f, parse_date(&st.to, lang)?)));
    let (from, to) = match period {
        Ok(p) => p,
        Err(e) => {
            bad = Some(e);
            default_period_dates(lcx.data.today)
        }
    };
    if let Some(e) = &bad {
        ui.colored_label(ui.visuals().error_fg_color, &e.message);
    }
    let key = (st.chart, st.from.clone(), st.to.clone(), epoch);
    if st.key.as_ref() != Some(&key) {
        st.figures = Some(compute(lcx, st.chart, from, to));
        st.key = Some(key);
    }
    let Some(figures) = &st.figures else {
        return None;
    };
    ui.label(
        RichText::new(st.chart.title().get(lang))
            .strong()
            .size(16.0),
    );
    let height = (ui.available_height() * 0.55).max(160.0);
    plot_ui(ui, st.chart, figures, height);
    ui.label(RichText::new(T::LabChartData.get(lang)).strong());
    egui::ScrollArea::vertical()
        .id_salt("lab-chart-figures")
        .show(ui, |ui| {
            egui::Grid::new("lab-chart-grid")
                .striped(true)
                .num_columns(figures.series.len() + 1)
                .show(ui, |ui| {
                    ui.label("");
                    for s in &figures.series {
                        ui.label(RichText::new(s).strong());
                    }
                    ui.end_row();
                    for (label, values) in &figures.bars {
                        ui.label(label);
                        for v in values {
                            ui.label(v.to_string());
                        }
                        ui.end_row();
                    }
                });
        });
    None
}

fn default_period_dates(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let year = today.year() - 1;
    (
        NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today),
        NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today),
    )
}

fn plot_ui(ui: &mut Ui, chart: Chart, figures: &Figures, height: f32) {
    let labels: Vec<String> = figures.bars.iter().map(|(l, _)| l.clone()).collect();
    let n = figures.series.len().max(1);
    let width = 0.8 / n as f64;
    let palette = [
        egui::Color32::from_rgb(70, 130, 200),
        egui::Color32::from_rgb(230, 150, 50),
        egui::Color32::from_rgb(80, 170, 100),
        egui::Color32::from_rgb(150, 110, 190),
    ];
    let axis_labels = labels.clone();
    Plot::new(("lab-chart", chart as u8))
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .legend(Legend::default())
        .include_y(0.0)
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                axis_labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            for (s, name) in figures.series.iter().enumerate() {
                let offset = (s as f64 - (n as f64 - 1.0) / 2.0) * width;
                let bars: Vec<Bar> = figures
                    .bars
                    .iter()
                    .enumerate()
                    .map(|(i, (label, values))| {
                        Bar::new(
                            i as f64 + offset,
                            values.get(s).copied().unwrap_or(0) as f64,
                        )
                        .width(width * 0.9)
                        .name(label)
                    })
                    .collect();
                plot.bar_chart(BarChart::new(name.clone(), bars).color(palette[s % palette.len()]));
            }
        });
}

const MINING_COLS: [Col; 8] = [
    col(T::LabColId, 70.0),
    col(T::LabColName, 160.0),
    col(T::LabColClass, 80.0),
    col(T::LabColRecency, 90.0),
    col(T::LabColFrequency, 70.0),
    col(T::LabColMonetary, 90.0),
    col(T::LabColScore, 80.0),
    col(T::LabColKind, 60.0),
];

/// 对象挖掘: every customer and agent with its value score, best first until sorted otherwise.
pub fn mining_ui(
    ui: &mut Ui,
    lcx: &LabCx<'_>,
    table: &mut Table,
    st: &mut ChartsState,
    epoch: u64,
) -> TabOut {
    let lang = lcx.lang;
    if st.scores.as_ref().is_none_or(|(e, _)| *e != epoch) {
        st.scores = Some((epoch, value_scores(&lcx.state.records, lcx.data.today)));
        table.invalidate();
    }
    let scores = st.scores.as_ref().map_or(&[][..], |(_, s)| s.as_slice());
    ui.add(egui::Label::new(RichText::new(T::LabMiningHelp.get(lang)).weak()).wrap());
    table.filter_ui(ui, lang, scores.len());
    let name = |i: usize| lcx.customer(&scores[i].customer);
    table.refresh_with(
        scores.len(),
        MINING_COLS.len(),
        |i, c| {
            let v = &scores[i];
            match c {
                0 => Cow::Borrowed(v.customer.as_str()),
                1 => Cow::Owned(name(i).map(|x| x.name.clone()).unwrap_or_default()),
                2 => Cow::Borrowed(
                    name(i)
                        .and_then(|x| x.class)
                        .map_or("", |k| class_label(k).get(lang)),
                ),
                3 => Cow::Owned(v.recency_days.map(|d| d.to_string()).unwrap_or_default()),
                4 => Cow::Owned(v.frequency.to_string()),
                5 => Cow::Owned(v.monetary.to_string()),
                6 => Cow::Owned(v.score.to_string()),
                _ => Cow::Borrowed(name(i).map_or("", |x| super::kind_label(x.kind).get(lang))),
            }
        },
        |i, c| {
            let v = &scores[i];
            match c {
                3 => Some(v.recency_days.unwrap_or(i64::MAX)),
                4 => Some(i64::from(v.frequency)),
                5 => Some(v.monetary),
                6 => Some(i64::from(v.score)),
                _ => None,
            }
        },
    );
    let selected = table.selected.clone();
    let height = (ui.available_height() - 8.0).max(140.0);
    table.ui(
        ui,
        lang,
        "lab-mining",
        &MINING_COLS,
        height,
        |i| scores[i].customer.clone(),
        |row, i| {
            let v = &scores[i];
            let c = name(i);
            let hit = id_cell(
                row,
                lang,
                &v.customer,
                selected.as_deref() == Some(v.customer.as_str()),
            );
            text_cell(row, c.map(|x| x.name.as_str()).unwrap_or_default());
            text_cell(
                row,
                c.and_then(|x| x.class)
                    .map_or("", |k| class_label(k).get(lang)),
            );
            text_cell(
                row,
                v.recency_days.map(|d| d.to_string()).unwrap_or_default(),
            );
            text_cell(row, v.frequency.to_string());
            text_cell(row, v.monetary.to_string());
            text_cell(row, format!("{} ({}+{}+{})", v.score, v.r, v.f, v.m));
            text_cell(row, c.map_or("", |x| super::kind_label(x.kind).get(lang)));
            hit
        },
    );
    None
}
