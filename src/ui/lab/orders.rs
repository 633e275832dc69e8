//! The 订单与回款 tab (orders; a new order; the selected order's payment plan, payments and
//! termination) and the 账目与欠款 tab (every instalment with what is owed and how late, and the
//! reminders).

use std::borrow::Cow;

use egui::{RichText, Ui};

use super::customers::table_height;
use super::forms::{
    FormGrid, Forms, LineForm, PlanForm, choice_row, entered, error_cell, error_colour, form_error,
    parse_date, parse_number,
};
use super::table::{Col, Table, col, id_cell, text_cell};
use super::{FormError, LabCx, TabOut, order_status_label};
use crate::i18n::T;
use crate::model::lab::{
    LabOp, Order, OrderColumn, OrderFilter, OrderLine, OrderStatus, filter_orders_with, sort_orders,
};

const ORDER_COLS: [Col; 8] = [
    col(T::LabColId, 84.0),
    col(T::LabColDate, 90.0),
    col(T::LabColCustomer, 130.0),
    col(T::LabColStaff, 60.0),
    col(T::LabColTotal, 80.0),
    col(T::LabColPaid, 80.0),
    col(T::LabColOutstanding, 80.0),
    col(T::LabColStatus, 60.0),
];

fn refresh_orders(table: &mut Table, lcx: &LabCx<'_>) {
    let records = &lcx.state.records;
    if !table.stale(records.orders.len()) {
        return;
    }
    let filter = OrderFilter {
        text: table.filter.clone(),
        status: None,
        owing: table.flag,
    };
    let mut rows = filter_orders_with(records, lcx.order_keys(), &filter);
    if let Some((c, descending)) = table.sort {
        let by = match c {
            0 => Some(OrderColumn::Id),
            1 => Some(OrderColumn::Date),
            4 => Some(OrderColumn::Total),
            5 => Some(OrderColumn::Paid),
            6 => Some(OrderColumn::Outstanding),
            _ => None,
        };
        match by {
            Some(by) => sort_orders(&records.orders, &mut rows, by, descending),
            None => {
                let o = &records.orders;
                rows.sort_by_cached_key(|&i| match c {
                    2 => lcx.customer_name(&o[i].customer),
                    3 => lcx.staff_name(&o[i].staff),
                    _ => format!("{:?}", o[i].status),
                });
                if descending {
                    rows.reverse();
                }
            }
        }
    }
    table.set_rows(rows, records.orders.len());
}

pub fn orders_ui(
    ui: &mut Ui,
    lcx: &LabCx<'_>,
    table: &mut Table,
    forms: &mut Forms,
    error: Option<&FormError>,
) -> TabOut {
    let lang = lcx.lang;
    let orders = &lcx.state.records.orders;
    ui.horizontal(|ui| {
        table.filter_ui(ui, lang, orders.len());
        if ui
            .checkbox(&mut table.flag, T::LabOwingOnly.get(lang))
            .changed()
        {
            table.invalidate();
        }
    });
    refresh_orders(table, lcx);
    let selected = table.selected.clone();
    let height = table_height(ui);
    table.ui(
        ui,
        lang,
        "lab-orders",
        &ORDER_COLS,
        height,
        |i| orders[i].id.clone(),
        |row, i| {
            let o = &orders[i];
            let hit = id_cell(row, lang, &o.id, selected.as_deref() == Some(o.id.as_str()));
            text_cell(row, o.date.to_string());
            text_cell(row, lcx.customer_name(&o.customer));
            text_cell(row, lcx.staff_name(&o.staff));
            text_cell(row, o.total().to_string());
            text_cell(row, o.paid().to_string());
            text_cell(row, o.outstanding().to_string());
            text_cell(row, order_status_label(o.status).get(lang));
            hit
        },
    );
    ui.separator();
    let chosen = table
        .selected
        .as_ref()
        .and_then(|id| orders.iter().find(|o| &o.id == id));
    egui::ScrollArea::vertical()
        .id_salt("lab-order-form")
        .show(ui, |ui| {
            ui.columns(2, |columns| {
                let out = new_order_ui(&mut columns[0], lcx, forms, error);
                if let Some(order) = chosen {
                    let more = order_detail_ui(&mut columns[1], lcx, order, &mut forms.plan, error);
                    out.or(more)
                } else {
                    columns[1].add(
                        egui::Label::new(RichText::new(T::LabSelectHint.get(lang)).weak()).wrap(),
                    );
                    out
                }
            })
        })
        .inner
}

fn new_order_ui(
    ui: &mut Ui,
    lcx: &LabCx<'_>,
    forms: &mut Forms,
    error: Option<&FormError>,
) -> TabOut {
    let lang = lcx.lang;
    let form = &mut forms.order;
    if form.date.is_empty() {
        form.date = lcx.data.today.to_string();
    }
    // A salesperson and the first product to start from, as an order form in a CRM does.
    if form.staff.is_empty() {
        let staff = &lcx.data.company.staff;
        if let Some(s) = staff
            .iter()
            .find(|s| s.role.contains('销'))
            .or(staff.first())
        {
            form.staff.clone_from(&s.id);
        }
    }
    if form.lines.is_empty() {
        form.lines.push(LineForm::default());
    }
    // A new line starts from the first product.
    if let Some(p) = lcx.data.products.first() {
        for line in form.lines.iter_mut().filter(|l| l.product.is_empty()) {
            line.product.clone_from(&p.id);
        }
    }
    ui.label(RichText::new(T::LabNewOrder.get(lang)).strong());
    let mut remove = None;
    let grid = FormGrid::show(ui, "lab-order-grid", lang, error, |ui, g| {
        g.text(ui, T::LabColCustomer, &mut form.customer, "customer");
        g.choice(
            ui,
            T::LabColStaff,
            &mut form.staff,
            &lcx.staff_choices(),
            false,
        );
        g.text(ui, T::LabColDate, &mut form.date, "date");
        let products: Vec<(String, String)> = lcx
            .data
            .products
            .iter()
            .map(|p| (p.id.clone(), format!("{}（{} 元）", p.name, p.price)))
            .collect();
        let several = form.lines.len() > 1;
        for (n, line) in form.lines.iter_mut().enumerate() {
            // The first line's fields keep their plain names; the others say their line.
            let name = |t: T| {
                if n == 0 {
                    t.get(lang).to_owned()
                } else {
                    T::LabLineField.fmt(lang, &[t.get(lang), &(n + 1).to_string()])
                }
            };
            choice_row(
                ui,
                lang,
                &name(T::LabColProduct),
                &mut line.product,
                &products,
                false,
            );
            // With several lines, a line's error is shown under them all, not beside one.
            let q = &name(T::LabColQuantity);
            g.text_named(ui, q, &mut line.quantity, "quantity", !several);
            let p = &name(T::LabColPrice);
            g.text_named(ui, p, &mut line.price, "amount", !several);
            if n > 0 {
                ui.label("");
                if ui
                    .small_button(T::LabRemoveLine.fmt(lang, &[&(n + 1).to_string()]))
                    .clicked()
                {
                    remove = Some(n);
                }
                ui.end_row();
            }
        }
    });
    if let Some(n) = remove {
        form.lines.remove(n);
    }
    if ui.small_button(T::LabAddLine.get(lang)).clicked() {
        form.lines.push(LineForm::default());
    }
    if form.lines.len() > 1
        && let Some(e) = error.filter(|e| matches!(e.field, "quantity" | "amount"))
    {
        ui.colored_label(error_colour(ui), &e.message);
    }
    // The total as the lines stand: each line's quantity times its price (the list price
    // when none is typed); lines not yet readable count nothing.
    let total: i64 = form
        .lines
        .iter()
        .filter_map(|l| {
            let quantity = parse_number(&l.quantity, "quantity", lang).ok()?;
            let price = line_price(lcx, l, lang).ok()?;
            Some(quantity.max(0) * price)
        })
        .sum();
    ui.label(RichText::new(T::LabOrderTotal.fmt(lang, &[&total.to_string()])).strong());
    // Which customer the text names, by id or by exact name.
    let typed = form.customer.trim();
    let customer = if typed.is_empty() {
        None
    } else {
        lcx.customer(typed).or_else(|| {
            let customers = &lcx.state.records.customers;
            customers.iter().find(|c| c.name == typed)
        })
    };
    ui.label(
        RichText::new(match customer {
            Some(c) => T::LabCustomerIs.fmt(lang, &[&c.name]),
            None => T::LabCustomerHint.get(lang).to_owned(),
        })
        .weak(),
    );
    error_cell(ui, "staff", error);
    error_cell(ui, "product", error);
    let save = ui.button(T::LabSave.get(lang));
    if !(save.clicked() || grid.enter) {
        return None;
    }
    let read = || -> Result<LabOp, FormError> {
        let date = parse_date(&form.date, lang)?;
        let mut lines = Vec::new();
        for line in form.lines.iter().filter(|l| !l.product.is_empty()) {
            let quantity = parse_number(&line.quantity, "quantity", lang)?;
            lines.push(OrderLine {
                product: line.product.clone(),
                quantity: u32::try_from(quantity).unwrap_or(0),
                price: line_price(lcx, line, lang)?,
            });
        }
        Ok(LabOp::AddOrder {
            customer: customer.map_or_else(|| form.customer.trim().to_owned(), |c| c.id.clone()),
            staff: form.staff.clone(),
            date,
            lines,
        })
    };
    Some(read())
}

/// A line's price: as typed, or the product's list price when none is.
fn line_price(lcx: &LabCx<'_>, line: &LineForm, lang: crate::i18n::Lang) -> Result<i64, FormError> {
    match line.price.trim() {
        "" => Ok(lcx.data.product(&line.product).map_or(0, |p| p.price)),
        typed => parse_number(typed, "amount", lang),
    }
}

/// Loads the order's plan into the form when another order is selected.
fn load_plan(form: &mut PlanForm, order: &Order) {
    if form.order.as_deref() == Some(order.id.as_str()) {
        return;
    }
    *form = PlanForm {
        order: Some(order.id.clone()),
        rows: order
            .plan
            .iter()
            .map(|i| (i.due.to_string(), i.amount.to_string()))
            .collect(),
        pay_n: order
            .plan
            .iter()
            .position(|i| i.outstanding() > 0)
            .unwrap_or(0),
        pay_date: String::new(),
        pay_amount: String::new(),
    };
}

fn order_detail_ui(
    ui: &mut Ui,
    lcx: &LabCx<'_>,
    order: &Order,
    form: &mut PlanForm,
    error: Option<&FormError>,
) -> TabOut {
    let lang = lcx.lang;
    load_plan(form, order);
    let mut out = None;
    ui.label(RichText::new(T::LabEditing.fmt(lang, &[&order.id])).strong());
    for line in &order.lines {
        let name = lcx
            .data
            .product(&line.product)
            .map_or("", |p| p.name.as_str());
        ui.label(format!("{name} × {} @ {}", line.quantity, line.price));
    }
    let open = order.status == OrderStatus::Open;
    ui.label(RichText::new(T::LabPlanTitle.get(lang)).strong());
    let mut enter = false;
    egui::Grid::new("lab-plan-grid")
        .num_columns(2)
        .spacing([6.0, 4.0])
        .show(ui, |ui| {
            // One row per field: a narrow column still shows a whole date.
            for (n, (due, amount)) in form.rows.iter_mut().enumerate() {
                let k = (n + 1).to_string();
                let l = ui.label(T::LabDueN.fmt(lang, &[&k]));
                let r = ui
                    .add(egui::TextEdit::singleline(due).desired_width(110.0))
                    .labelled_by(l.id);
                enter |= entered(&r, ui);
                ui.end_row();
                let a = ui.label(T::LabAmountN.fmt(lang, &[&k]));
                let r = ui
                    .add(egui::TextEdit::singleline(amount).desired_width(110.0))
                    .labelled_by(a.id);
                enter |= entered(&r, ui);
                ui.end_row();
            }
        });
    let sum: i64 = form
        .rows
        .iter()
        .filter_map(|(_, a)| parse_number(a, "plan", lang).ok())
        .sum();
    ui.label(T::LabPlanSumNow.fmt(lang, &[&sum.to_string(), &order.total().to_string()]));
    error_cell(ui, "plan", error);
    ui.horizontal_wrapped(|ui| {
        if ui.button(T::LabAddInstalment.get(lang)).clicked() {
            form.rows.push((String::new(), String::new()));
        }
        if ui.button(T::LabRemoveInstalment.get(lang)).clicked() {
            form.rows.pop();
        }
        if ui.button(T::LabSplitEven.get(lang)).clicked() && !form.rows.is_empty() {
            split_evenly(form, order);
        }
        if ui
            .add_enabled(open, egui::Button::new(T::LabSavePlan.get(lang)))
            .clicked()
            || enter
        {
            out = Some(read_plan(form, lang));
        }
    });
    ui.separator();
    for (n, part) in order.plan.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "{} {} · {} / {}",
                n + 1,
                part.due,
                part.paid(),
                part.amount
            ));
            if let Some(day) = part.reminded {
                ui.label(RichText::new(format!("{} {day}", T::LabColReminded.get(lang))).weak());
            }
            let label = T::LabRemindRow.fmt(lang, &[&order.id, &(n + 1).to_string()]);
            let remind = ui.add_enabled(
                open && part.outstanding() > 0,
                egui::Button::new(T::LabRemindShort.get(lang)),
            );
            remind.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
            if remind.clicked() {
                out = Some(Ok(LabOp::Remind {
                    order: order.id.clone(),
                    n,
                }));
            }
        });
    }
    if !order.plan.is_empty() && open {
        out = out.or(payment_ui(ui, lcx, order, form, error));
    }
    if open && ui.button(T::LabTerminate.get(lang)).clicked() {
        out = Some(Ok(LabOp::TerminateOrder(order.id.clone())));
    }
    form_error(ui, &["plan", "amount", "date"], error);
    out
}

fn split_evenly(form: &mut PlanForm, order: &Order) {
    let n = form.rows.len() as i64;
    let total = order.total();
    let each = total / n;
    for (k, (due, amount)) in form.rows.iter_mut().enumerate() {
        let k = k as i64;
        *amount = if k == n - 1 {
            (total - each * (n - 1)).to_string()
        } else {
            each.to_string()
        };
        if due.trim().is_empty() {
            *due = (order.date + chrono::Duration::days(30 * (k + 1))).to_string();
        }
    }
}

fn read_plan(form: &PlanForm, lang: crate::i18n::Lang) -> Result<LabOp, FormError> {
    let mut instalments = Vec::new();
    for (due, amount) in &form.rows {
        let due = parse_date(due, lang).map_err(|e| FormError { field: "plan", ..e })?;
        let amount = parse_number(amount, "plan", lang)?;
        instalments.push((due, amount));
    }
    Ok(LabOp::SetPlan {
        order: form.order.clone().unwrap_or_default(),
        instalments,
    })
}

fn payment_ui(
    ui: &mut Ui,
    lcx: &LabCx<'_>,
    order: &Order,
    form: &mut PlanForm,
    error: Option<&FormError>,
) -> TabOut {
    let lang = lcx.lang;
    if form.pay_date.is_empty() {
        form.pay_date = lcx.data.today.to_string();
    }
    ui.label(RichText::new(T::LabPay.get(lang)).strong());
    let grid = FormGrid::show(ui, "lab-pay-grid", lang, error, |ui, g| {
        let choices: Vec<(String, String)> = order
            .plan
            .iter()
            .enumerate()
            .map(|(n, p)| (n.to_string(), format!("{} · {}", n + 1, p.due)))
            .collect();
        let mut n = form.pay_n.to_string();
        g.choice(ui, T::LabPayFor, &mut n, &choices, false);
        form.pay_n = n.parse().unwrap_or(0);
        g.text(ui, T::LabColDate, &mut form.pay_date, "date");
        g.text(ui, T::LabColAmount, &mut form.pay_amount, "amount");
    });
    let save = ui.button(T::LabPay.get(lang));
    (save.clicked() || grid.enter).then(|| {
        Ok(LabOp::RecordPayment {
            order: order.id.clone(),
            n: form.pay_n,
            date: parse_date(&form.pay_date, lang)?,
            amount: parse_number(&form.pay_amount, "amount", lang)?,
        })
    })
}

const ACCOUNT_COLS: [Col; 9] = [
    col(T::LabColId, 70.0),
    col(T::LabColCustomer, 140.0),
    col(T::LabColInstalment, 40.0),
    col(T::LabColDue, 90.0),
    col(T::LabColAmount, 70.0),
    col(T::LabColOutstanding, 70.0),
    col(T::LabColOverdue, 60.0),
    col(T::LabColReminded, 90.0),
    col(T::LabRemindShort, 60.0),
];

/// 账目与欠款: one row per instalment of an order that counts as a sale.
pub fn accounts_ui(
    ui: &mut Ui,
    lcx: &LabCx<'_>,
    table: &mut Table,
    _forms: &mut Forms,
    error: Option<&FormError>,
) -> TabOut {
    let lang = lcx.lang;
    let today = lcx.data.today;
    let orders = &lcx.state.records.orders;
    let flat: Vec<(usize, usize)> = orders
        .iter()
        .enumerate()
        .filter(|(_, o)| o.counts_as_sale())
        .flat_map(|(i, o)| (0..o.plan.len()).map(move |n| (i, n)))
        .collect();
    let overdue_only = table.flag;
    ui.horizontal(|ui| {
        table.filter_ui(ui, lang, flat.len());
        if ui
            .checkbox(&mut table.flag, T::LabOverdueOnly.get(lang))
            .changed()
        {
            table.invalidate();
        }
    });
    let late = |(i, n): (usize, usize)| (today - orders[i].plan[n].due).num_days();
    let rebuilt = table.stale(flat.len());
    table.refresh_with(
        flat.len(),
        ACCOUNT_COLS.len() - 1,
        |k, c| {
            let (i, n) = flat[k];
            let (o, p) = (&orders[i], &orders[i].plan[n]);
            match c {
                0 => Cow::Borrowed(o.id.as_str()),
                1 => Cow::Owned(lcx.customer_name(&o.customer)),
                2 => Cow::Owned((n + 1).to_string()),
                3 => Cow::Owned(p.due.to_string()),
                4 => Cow::Owned(p.amount.to_string()),
                5 => Cow::Owned(p.outstanding().to_string()),
                6 => Cow::Owned(late((i, n)).max(0).to_string()),
                _ => Cow::Owned(p.reminded.map(|d| d.to_string()).unwrap_or_default()),
            }
        },
        |k, c| {
            let (i, n) = flat[k];
            let p = &orders[i].plan[n];
            match c {
                2 => Some(n as i64),
                4 => Some(p.amount),
                5 => Some(p.outstanding()),
                6 => Some(late((i, n))),
                _ => None,
            }
        },
    );
    if overdue_only && rebuilt {
        // The overdue filter is applied on top of the words.
        let rows: Vec<usize> = table
            .rows
            .iter()
            .copied()
            .filter(|&k| {
                let (i, n) = flat[k];
                orders[i].plan[n].overdue(today)
            })
            .collect();
        table.set_rows(rows, flat.len());
    }
    let mut out = None;
    let height = (ui.available_height() - 40.0).max(140.0);
    table.ui(
        ui,
        lang,
        "lab-accounts",
        &ACCOUNT_COLS,
        height,
        |k| {
            let (i, n) = flat[k];
            format!("{}#{}", orders[i].id, n + 1)
        },
        |row, k| {
            let (i, n) = flat[k];
            let (o, p) = (&orders[i], &orders[i].plan[n]);
            text_cell(row, &o.id);
            text_cell(row, lcx.customer_name(&o.customer));
            text_cell(row, (n + 1).to_string());
            text_cell(row, p.due.to_string());
            text_cell(row, p.amount.to_string());
            text_cell(row, p.outstanding().to_string());
            let days = late((i, n));
            if p.overdue(today) {
                row.col(|ui| {
                    ui.colored_label(ui.visuals().error_fg_color, days.to_string());
                });
            } else {
                text_cell(row, "");
            }
            text_cell(row, p.reminded.map(|d| d.to_string()).unwrap_or_default());
            row.col(|ui| {
                let label = T::LabRemindRow.fmt(lang, &[&o.id, &(n + 1).to_string()]);
                let can = o.status == OrderStatus::Open && p.outstanding() > 0;
                let button =
                    ui.add_enabled(can, egui::Button::new(T::LabRemindShort.get(lang)).small());
                button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                if button.clicked() {
                    out = Some(Ok(LabOp::Remind {
                        order: o.id.clone(),
                        n,
                    }));
                }
            });
            false
        },
    );
    form_error(ui, &[], error);
    out
}
