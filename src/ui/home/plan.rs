//! The home screen's readiness card: the pass probability with its interval and trend, the exam
//! date (set per profile), and today's plan, each entry opening the screen that does it.

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::super::quiz::QuizMode;
use super::super::{Command, NavCmd, ProfileCmd};
use super::{HomeState, HomeView};
use crate::i18n::T;
use crate::model::readiness::plan::REVIEW_MINUTES;
use crate::progress::outlook::HOME_PAPERS;

fn percent(p: f32) -> String {
    format!("{:.0}", (p * 100.0).clamp(0.0, 100.0))
}

/// A date typed as 2027-05-20 (or 2027/5/20), not before `today`.
pub fn parse_exam_date(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let text = text.trim().replace(['/', '.'], "-");
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .ok()
        .filter(|d| *d >= today)
}

impl HomeView<'_> {
    pub(super) fn readiness_ui(
        &self,
        ui: &mut Ui,
        state: &mut HomeState,
        commands: &mut Vec<Command>,
    ) {
        let lang = self.lang;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(T::ReadinessTitle.get(lang))
                        .size(18.0)
                        .strong(),
                );
                // Static text, not a spinner: a spinner repaints every frame while the figures
                // are computed; the worker wakes the window itself when they are ready.
                if self.computing && self.outlook.is_some() {
                    ui.label(RichText::new(T::ReadinessUpdating.get(lang)).small().weak());
                }
            });
            match self.outlook {
                None => {
                    ui.label(RichText::new(T::ReadinessComputing.get(lang)).weak());
                }
                Some(o) => match o.pass_probability {
                    None => {
                        ui.label(RichText::new(T::ReadinessNoMock.get(lang)).weak());
                    }
                    Some(p) => {
                        let (lo, hi) = o.pass_interval;
                        let text = T::PassProbability
                            .fmt(lang, &[&percent(p), &percent(lo), &percent(hi)]);
                        ui.label(RichText::new(text).size(24.0).strong());
                        ui.label(T::ExpectedScore.fmt(
                            lang,
                            &[
                                &format!("{:.0}", o.expected_percent),
                                &format!("{:.0}", o.pass_percent),
                            ],
                        ));
                        self.trend_ui(ui, o);
                        ui.label(
                            RichText::new(
                                T::ReadinessBasis
                                    .fmt(lang, &[&o.answers.to_string(), &HOME_PAPERS.to_string()]),
                            )
                            .small()
                            .weak(),
                        );
                    }
                },
            }
            ui.add_space(6.0);
            self.exam_date_ui(ui, state, commands);
            ui.separator();
            self.plan_ui(ui, commands);
        });
    }

    fn trend_ui(&self, ui: &mut Ui, o: &crate::progress::outlook::Outlook) {
        let lang = self.lang;
        if o.trend.len() < 2 {
            return;
        }
        let points: Vec<String> = o
            .trend
            .iter()
            .map(|(weeks, p)| {
                let when = if *weeks == 0 {
                    T::TrendNow.get(lang).to_owned()
                } else {
                    T::TrendWeeksAgo.fmt(lang, &[&weeks.to_string()])
                };
                format!("{when} {}%", percent(*p))
            })
            .collect();
        let first = o.trend.first().map_or(0.0, |t| t.1);
        let last = o.trend.last().map_or(0.0, |t| t.1);
        let arrow = if last > first + 0.005 {
            "↑"
        } else if last + 0.005 < first {
            "↓"
        } else {
            "→"
        };
        ui.label(format!(
            "{}：{} {arrow}",
            T::TrendTitle.get(lang),
            points.join(" · ")
        ));
    }

    fn exam_date_ui(&self, ui: &mut Ui, state: &mut HomeState, commands: &mut Vec<Command>) {
        let lang = self.lang;
        if state.exam_date_seen != Some(self.exam_date) {
            state.exam_date_seen = Some(self.exam_date);
            state.exam_date_text = self
                .exam_date
                .map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string());
            state.exam_date_error = false;
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(T::ExamDate.get(lang));
            let field = ui.add(
                egui::TextEdit::singleline(&mut state.exam_date_text)
                    .hint_text("2027-05-20")
                    .desired_width(110.0),
            );
            field.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, T::ExamDate.get(lang))
            });
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button(T::ExamDateSet.get(lang)).clicked() || entered {
                match parse_exam_date(&state.exam_date_text, self.today) {
                    Some(date) => {
                        state.exam_date_error = false;
                        commands.push(Command::Profile(ProfileCmd::SetExamDate(Some(date))));
                    }
                    None => state.exam_date_error = true,
                }
            }
            if self.exam_date.is_some() && ui.button(T::ExamDateClear.get(lang)).clicked() {
                commands.push(Command::Profile(ProfileCmd::SetExamDate(None)));
            }
            if let Some(date) = self.exam_date {
                let days = (date - self.today).num_days().max(0);
                ui.label(RichText::new(T::DaysToExam.fmt(lang, &[&days.to_string()])).strong());
            }
        });
        if state.exam_date_error {
            ui.colored_label(ui.visuals().error_fg_color, T::ExamDateInvalid.get(lang));
        } else if self.exam_date.is_none() {
            ui.label(RichText::new(T::ExamDateNone.get(lang)).small().weak());
        }
    }

    fn plan_ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let lang = self.lang;
        ui.label(RichText::new(T::TodayPlan.get(lang)).size(16.0).strong());
        // Counted once per change of the data (the summary), not per frame; the queue holds the
        // open pack's flashcards only.
        let queue = &self.summary.review_queue;
        let (new, due) = (self.summary.queue_new, self.summary.queue_due);
        let day = self.outlook.map(|o| &o.today);
        let mut any = false;
        if !queue.is_empty() {
            any = true;
            let text = format!(
                "{} · {}",
                T::PlanReviews.fmt(lang, &[&queue.len().to_string()]),
                T::NewAndDue.fmt(lang, &[&new.to_string(), &due.to_string()])
            );
            if ui.button(text).clicked() {
                commands.push(Command::Nav(NavCmd::StartQuiz {
                    title: T::TodayReview.get(lang).to_owned(),
                    mode: QuizMode::Review,
                    items: queue.clone(),
                }));
            }
        }
        if let Some(day) = day {
            if let Some(first) = day.lessons.first() {
                any = true;
                let titles: Vec<String> = day
                    .lessons
                    .iter()
                    .take(3)
                    .filter_map(|id| self.pack.lesson_by_id(id).map(|(_, l)| l.title.clone()))
                    .collect();
                let mut list = titles.join("、");
                if day.lessons.len() > 3 {
                    list.push('…');
                }
                let text = T::PlanLessons.fmt(lang, &[&day.lessons.len().to_string(), &list]);
                if ui.add(egui::Button::new(text).wrap()).clicked() {
                    commands.push(Command::Nav(NavCmd::ShowLessonById(first.clone())));
                }
            }
            if day.mistakes > 0 {
                any = true;
                let text = T::PlanMistakes.fmt(lang, &[&day.mistakes.to_string()]);
                if ui.button(text).clicked() {
                    commands.push(Command::Nav(NavCmd::ShowMistakes));
                }
            }
            if day.mock_exam
                && let Some(spec) = self.pack.manifest.mock_exams.first()
            {
                any = true;
                if ui.button(T::PlanMock.get(lang)).clicked() {
                    commands.push(Command::Nav(NavCmd::StartExam(spec.clone())));
                }
            }
            // The plan counts the reviews due; new cards add their own minutes.
            let minutes = day.minutes + (new as f32 * REVIEW_MINUTES).ceil() as u32;
            if any {
                ui.label(RichText::new(T::PlanMinutes.fmt(lang, &[&minutes.to_string()])).weak());
            }
        }
        if !any {
            ui.label(RichText::new(T::PlanNothing.get(lang)).weak());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exam_dates_parse_and_the_past_is_refused() {
        let today = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        assert_eq!(
            parse_exam_date(" 2027/5/20 ", today),
            NaiveDate::from_ymd_opt(2027, 5, 20)
        );
        assert_eq!(parse_exam_date("2027-02-28", today), None);
        assert_eq!(parse_exam_date("明天", today), None);
    }
}
