//! The home screen's memory settings: the desired retention (with its trade-off in one line),
//! whether the FSRS-6 parameters are the learner's own, calibration, and the review-workload
//! forecast for the coming weeks as a bar chart.

use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Plot};

use super::super::{Command, StudyCmd};
use super::HomeView;
use crate::i18n::T;
use crate::model::memory::RETENTION_RANGE;
use crate::progress::outlook::OPTIMISE_MIN_ANSWERS;

impl HomeView<'_> {
    pub(super) fn memory_ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let lang = self.lang;
        egui::CollapsingHeader::new(
            RichText::new(T::MemorySettings.get(lang))
                .size(18.0)
                .strong(),
        )
        .id_salt("home-memory")
        .default_open(true)
        .show(ui, |ui| {
            let mut retention = self.study.memory.retention() * 100.0;
            let slider = egui::Slider::new(
                &mut retention,
                RETENTION_RANGE.0 * 100.0..=RETENTION_RANGE.1 * 100.0,
            )
            .step_by(1.0)
            .suffix("%")
            .text(T::DesiredRetention.get(lang));
            let response = ui.add(slider);
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Slider, true, T::DesiredRetention.get(lang))
            });
            if response.changed() {
                commands.push(Command::Study(StudyCmd::SetRetention(retention / 100.0)));
            }
            ui.label(
                RichText::new(T::DesiredRetentionHelp.get(lang))
                    .small()
                    .weak(),
            );
            let params = if self.fitting {
                T::ParamsFitting.get(lang).to_owned()
            } else if self.study.memory.fitted_on > 0 {
                T::ParamsFitted.fmt(lang, &[&self.study.memory.fitted_on.to_string()])
            } else {
                T::ParamsDefault.fmt(lang, &[&OPTIMISE_MIN_ANSWERS.to_string()])
            };
            ui.label(RichText::new(params).small());
            if let Some(o) = self.outlook {
                super::super::certainty::calibration_ui(ui, &o.calibration, lang);
                ui.add_space(4.0);
                ui.label(RichText::new(T::ForecastTitle.get(lang)).strong());
                forecast_ui(ui, &o.forecast, lang);
            }
        });
    }
}

fn forecast_ui(ui: &mut Ui, forecast: &[u32], lang: crate::i18n::Lang) {
    let color = super::super::lesson::Accent::Definition.color(ui.visuals().dark_mode);
    let bars: Vec<Bar> = forecast
        .iter()
        .enumerate()
        .map(|(day, n)| Bar::new(day as f64, f64::from(*n)).width(0.8))
        .collect();
    let max = forecast.iter().copied().max().unwrap_or(0).max(4);
    let axis = T::ForecastAxis.get(lang);
    Plot::new("review-forecast")
        .height(130.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .include_x(-0.6)
        .include_x(forecast.len() as f64 - 0.4)
        .include_y(0.0)
        .include_y(f64::from(max) * 1.1)
        .x_axis_label(axis)
        .show(ui, |plot| {
            plot.bar_chart(
                BarChart::new(T::ForecastTitle.get(lang), bars)
                    .color(color)
                    .element_formatter(Box::new(|bar, _| {
                        format!("+{:.0}: {:.0}", bar.argument, bar.value)
                    })),
            );
        });
}
