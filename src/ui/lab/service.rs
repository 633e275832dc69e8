//! The 服务任务 tab (feedback taken in, moved through 受理 → 处理中 → 已解决 → 已关闭 with its
//! history kept) and the 客户关怀 tab (care plans for customers).

use std::borrow::Cow;

use egui::{RichText, Ui};

use super::customers::table_height;
use super::forms::{FormGrid, Forms, error_cell, parse_date};
use super::table::{Col, Table, col, id_cell, text_cell};
use super::{FormError, LabCx, TabOut, feedback_label, status_label};
use crate::i18n::T;
use crate::model::lab::{CarePlan, FeedbackType, LabOp, ServiceStatus, ServiceTask};

const SERVICE_COLS: [Col; 7] = [
    col(T::LabColId, 60.0),
    col(T::LabColCustomer, 140.0),
    col(T::LabColType, 50.0),
    col(T::LabColTitle, 180.0),
    col(T::LabColStatus, 60.0),
    col(T::LabColOpened, 90.0),
    col(T::LabColStaff, 60.0),
];

/// The id the learner typed or the customer with that exact name.
fn customer_id(lcx: &LabCx<'_>, typed: &str) -> String {
    let typed = typed.trim();
    lcx.state
        .records
        .customers
        .iter()
        .find(|c| c.id == typed || c.name == typed)
        .map_or_else(|| typed.to_owned(), |c| c.id.clone())
}

pub fn service_ui(
    ui: &mut Ui,
    lcx: &LabCx<'_>,
    table: &mut Table,
    forms: &mut Forms,
    error: Option<&FormError>,
) -> TabOut {
    let lang = lcx.lang;
    let list = &lcx.state.records.service;
    table.filter_ui(ui, lang, list.len());
    table.refresh_with(
        list.len(),
        SERVICE_COLS.len(),
        |i, c| {
            let t = &list[i];
            match c {
                0 => Cow::Borrowed(t.id.as_str()),
                1 => Cow::Owned(lcx.customer_name(&t.customer)),
                2 => Cow::Borrowed(feedback_label(t.kind).get(lang)),
                3 => Cow::Borrowed(t.title.as_str()),
                4 => Cow::Borrowed(status_label(t.status).get(lang)),
                5 => Cow::Owned(t.opened.to_string()),
                _ => Cow::Owned(lcx.staff_name(&t.staff)),
            }
        },
        |i, c| (c == 4).then(|| list[i].status as i64),
    );
    let selected = table.selected.clone();
    let height = table_height(ui);
    table.ui(
        ui,
        lang,
        "lab-service",
        &SERVICE_COLS,
        height,
        |i| list[i].id.clone(),
        |row, i| {
            let t = &list[i];
            let hit = id_cell(row, lang, &t.id, selected.as_deref() == Some(t.id.as_str()));
            text_cell(row, lcx.customer_name(&t.customer));
            text_cell(row, feedback_label(t.kind).get(lang));
            text_cell(row, &t.title);
            text_cell(row, status_label(t.status).get(lang));
            text_cell(row, t.opened.to_string());
            text_cell(row, lcx.staff_name(&t.staff));
            hit
        },
    );
    ui.separator();
    let chosen = table
        .selected
        .as_ref()
        .and_then(|id| list.iter().find(|t| &t.id == id));
    egui::ScrollArea::vertical()
        .id_salt("lab-service-form")
        .show(ui, |ui| {
            ui.columns(2, |columns| {
                let out = new_task_ui(&mut columns[0], lcx, forms, error);
                match chosen {
                    Some(task) => out.or(task_ui(&mut columns[1], lcx, task, forms, error)),
                    None => {
                        columns[1].add(
                            egui::Label::new(RichText::new(T::LabSelectHint.get(lang)).weak())
                                .wrap(),
                        );
                        out
                    }
                }
            })
        })
        .inner
}

fn new_task_ui(
    ui: &mut Ui,
    lcx: &LabCx<'_>,
    forms: &mut Forms,
    error: Option<&FormError>,
) -> TabOut {
    let lang = lcx.lang;
    let form = &mut forms.task;
    ui.label(RichText::new(T::LabNewTask.get(lang)).strong());
    let grid = FormGrid::show(ui, "lab-task-grid", lang, error, |ui, g| {
        g.text(ui, T::LabColCustomer, &mut form.customer, "customer");
        let label = T::LabColType.get(lang);
        ui.label(label);
        let response = egui::ComboBox::from_id_salt("lab-feedback-type")
            .selected_text(feedback_label(form.kind).get(lang))
            .show_ui(ui, |ui| {
                for kind in FeedbackType::ALL {
                    ui.selectable_value(&mut form.kind, kind, feedback_label(kind).get(lang));
                }
            })
            .response;
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, label));
        ui.label("");
        ui.end_row();
        g.text(ui, T::LabColTitle, &mut form.title, "title");
    });
    let save = ui.button(T::LabSave.get(lang));
    (save.clicked() || grid.enter).then(|| {
        Ok(LabOp::AddServiceTask {
            customer: customer_id(lcx, &form.customer),
            kind: form.kind,
            title: form.title.clone(),
        })
    })
}

fn task_ui(
    ui: &mut Ui,
    lcx: &LabCx<'_>,
    task: &ServiceTask,
    forms: &mut Forms,
    error: Option<&FormError>,
) -> TabOut {
    let lang = lcx.lang;
    let mut out = None;
    ui.label(RichText::new(T::LabEditing.fmt(lang, &[&task.id])).strong());
    ui.add(
        egui::Label::new(format!(
            "{} · {}",
            lcx.customer_name(&task.customer),
            task.title
        ))
        .wrap(),
    );
    ui.label(format!(
        "{}：{}",
        T::LabColStatus.get(lang),
        status_label(task.status).get(lang)
    ));
    if !task.resolution.is_empty() {
        ui.add(
            egui::Label::new(format!(
                "{}：{}",
                T::LabColResolution.get(lang),
                task.resolution
            ))
            .wrap(),
        );
    }
    let next: Vec<ServiceStatus> = ServiceStatus::ALL
        .into_iter()
        .filter(|s| task.status.can_move_to(*s))
        .collect();
    if next.contains(&ServiceStatus::Resolved) {
        let name = ui.label(T::LabColResolution.get(lang));
        ui.add(
            egui::TextEdit::multiline(&mut forms.task.resolution)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(name.id);
        error_cell(ui, "resolution", error);
    }
    ui.horizontal_wrapped(|ui| {
        for to in next {
            if ui
                .button(T::LabMoveTo.fmt(lang, &[status_label(to).get(lang)]))
                .clicked()
            {
                out = Some(Ok(LabOp::ChangeStatus {
                    id: task.id.clone(),
                    to,
                    resolution: forms.task.resolution.clone(),
                }));
            }
        }
    });
    ui.label(RichText::new(T::LabHistory.get(lang)).strong());
    for h in &task.history {
        ui.label(T::LabHistoryLine.fmt(
            lang,
            &[
                &h.when.format("%Y-%m-%d %H:%M").to_string(),
                &h.who,
                status_label(h.from).get(lang),
                status_label(h.to).get(lang),
            ],
        ));
    }
    out
}

const CARE_COLS: [Col; 6] = [
    col(T::LabColId, 60.0),
    col(T::LabColCustomer, 150.0),
    col(T::LabColCareKind, 90.0),
    col(T::LabColDate, 90.0),
    col(T::LabColStaff, 70.0),
    col(T::LabColDone, 50.0),
];

/// The kinds of care offered in the form: stored in Chinese (the company's records), shown in
/// the UI's language.
const CARE_KINDS: [(&str, T); 4] = [
    ("生日问候", T::LabCareBirthday),
    ("节日关怀", T::LabCareHoliday),
    ("使用回访", T::LabCareVisit),
    ("满意度调查", T::LabCareSurvey),
];

pub fn care_ui(
    ui: &mut Ui,
    lcx: &LabCx<'_>,
    table: &mut Table,
    forms: &mut Forms,
    error: Option<&FormError>,
) -> TabOut {
    let lang = lcx.lang;
    let list = &lcx.state.records.cares;
    table.filter_ui(ui, lang, list.len());
    let yes_no = |b: bool| if b { T::LabYes } else { T::LabNo }.get(lang);
    table.refresh_with(
        list.len(),
        CARE_COLS.len(),
        |i, c| {
            let x = &list[i];
            match c {
                0 => Cow::Borrowed(x.id.as_str()),
                1 => Cow::Owned(lcx.customer_name(&x.customer)),
                2 => Cow::Borrowed(x.kind.as_str()),
                3 => Cow::Owned(x.date.to_string()),
                4 => Cow::Owned(lcx.staff_name(&x.staff)),
                _ => Cow::Borrowed(yes_no(x.done)),
            }
        },
        |_, _| None,
    );
    let selected = table.selected.clone();
    let height = table_height(ui);
    table.ui(
        ui,
        lang,
        "lab-care",
        &CARE_COLS,
        height,
        |i| list[i].id.clone(),
        |row, i| {
            let x = &list[i];
            let hit = id_cell(row, lang, &x.id, selected.as_deref() == Some(x.id.as_str()));
            text_cell(row, lcx.customer_name(&x.customer));
            text_cell(row, &x.kind);
            text_cell(row, x.date.to_string());
            text_cell(row, lcx.staff_name(&x.staff));
            text_cell(row, yes_no(x.done));
            hit
        },
    );
    ui.separator();
    let form = &mut forms.care;
    if form.date.is_empty() {
        form.date = lcx.data.today.to_string();
    }
    if form.kind.is_empty() {
        CARE_KINDS[2].0.clone_into(&mut form.kind);
    }
    ui.label(RichText::new(T::LabAdding.get(lang)).strong());
    let grid = FormGrid::show(ui, "lab-care-grid", lang, error, |ui, g| {
        g.text(ui, T::LabColCustomer, &mut form.customer, "customer");
        let kinds: Vec<(String, String)> = CARE_KINDS
            .iter()
            .map(|(zh, t)| ((*zh).to_owned(), t.get(lang).to_owned()))
            .collect();
        g.choice(ui, T::LabColCareKind, &mut form.kind, &kinds, false);
        g.text(ui, T::LabColDate, &mut form.date, "date");
        g.choice(
            ui,
            T::LabColStaff,
            &mut form.staff,
            &lcx.staff_choices(),
            true,
        );
        g.text(ui, T::LabColNote, &mut form.note, "note");
    });
    grid.other_error(ui);
    let save = ui.button(T::LabSave.get(lang));
    (save.clicked() || grid.enter).then(|| {
        Ok(LabOp::AddCare(CarePlan {
            id: String::new(),
            customer: customer_id(lcx, &form.customer),
            kind: form.kind.clone(),
            date: parse_date(&form.date, lang)?,
            staff: form.staff.clone(),
            note: form.note.trim().to_owned(),
            done: false,
            by_learner: true,
        }))
    })
}
