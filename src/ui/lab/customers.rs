//! The 客户, 代理 and 潜在客户 tabs (one table of customer records, by kind, with the form to add
//! and edit them, and the conversions), 竞争对手 and the read-only 产品档案.

use std::borrow::Cow;

use egui::{RichText, Ui};

use super::forms::{CompetitorForm, CustomerForm, FormGrid, Forms};
use super::table::{Col, Table, col, id_cell, text_cell};
use super::{FormError, LabCx, Tab, TabOut, class_label};
use crate::i18n::{Lang, T};
use crate::model::lab::{
    Competitor, Customer, CustomerClass, CustomerColumn, CustomerFilter, CustomerKind, LabOp,
    filter_customers_with, sort_customers,
};

const CUSTOMER_COLS: [Col; 8] = [
    col(T::LabColId, 70.0),
    col(T::LabColName, 170.0),
    col(T::LabColClass, 80.0),
    col(T::LabColIndustry, 80.0),
    col(T::LabColContact, 70.0),
    col(T::LabColPhone, 110.0),
    col(T::LabColRegion, 60.0),
    col(T::LabColCreated, 90.0),
];

/// The height left for a table above its form.
pub fn table_height(ui: &Ui) -> f32 {
    (ui.available_height() * 0.42).max(140.0)
}

fn kind_of(tab: Tab) -> CustomerKind {
    match tab {
        Tab::Agents => CustomerKind::Agent,
        Tab::Potential => CustomerKind::Potential,
        _ => CustomerKind::Customer,
    }
}

fn refresh_customers(table: &mut Table, lcx: &LabCx<'_>, kind: CustomerKind) {
    let customers = &lcx.state.records.customers;
    if !table.stale(customers.len()) {
        return;
    }
    let filter = CustomerFilter {
        text: table.filter.clone(),
        kind: Some(kind),
        class: None,
    };
    let mut rows = filter_customers_with(customers, lcx.customer_keys(), &filter);
    if let Some((c, descending)) = table.sort {
        let by = match c {
            0 => Some(CustomerColumn::Id),
            1 => Some(CustomerColumn::Name),
            2 => Some(CustomerColumn::Class),
            3 => Some(CustomerColumn::Industry),
            6 => Some(CustomerColumn::Region),
            7 => Some(CustomerColumn::Created),
            _ => None,
        };
        match by {
            Some(by) => sort_customers(customers, &mut rows, by, descending),
            None => {
                let key = |i: usize| match c {
                    4 => customers[i].contact.clone(),
                    _ => customers[i].phone.clone(),
                };
                rows.sort_by_cached_key(|&i| key(i));
                if descending {
                    rows.reverse();
                }
            }
        }
    }
    table.set_rows(rows, customers.len());
}

pub fn customers_ui(
    ui: &mut Ui,
    lcx: &LabCx<'_>,
    tab: Tab,
    table: &mut Table,
    forms: &mut Forms,
    error: Option<&FormError>,
) -> TabOut {
    let lang = lcx.lang;
    let customers = &lcx.state.records.customers;
    let kind = kind_of(tab);
    table.filter_ui(ui, lang, customers.len());
    refresh_customers(table, lcx, kind);
    let selected = table.selected.clone();
    let height = table_height(ui);
    let clicked = table.ui(
        ui,
        lang,
        &format!("lab-customers-{tab:?}"),
        &CUSTOMER_COLS,
        height,
        |i| customers[i].id.clone(),
        |row, i| {
            let c = &customers[i];
            let hit = id_cell(row, lang, &c.id, selected.as_deref() == Some(c.id.as_str()));
            text_cell(row, &c.name);
            text_cell(row, c.class.map_or("", |k| class_label(k).get(lang)));
            text_cell(row, &c.industry);
            text_cell(row, &c.contact);
            text_cell(row, &c.phone);
            text_cell(row, &c.region);
            text_cell(row, c.created.to_string());
            hit
        },
    );
    if let Some(i) = clicked {
        forms.customer = load_customer(&customers[i]);
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("lab-customer-form")
        .show(ui, |ui| {
            customer_form(ui, lcx, kind, &mut forms.customer, error)
        })
        .inner
}

fn load_customer(c: &Customer) -> CustomerForm {
    CustomerForm {
        editing: Some(c.id.clone()),
        name: c.name.clone(),
        class: c.class,
        industry: c.industry.clone(),
        contact: c.contact.clone(),
        phone: c.phone.clone(),
        region: c.region.clone(),
        address: c.address.clone(),
        owner: c.owner.clone(),
        note: c.note.clone(),
    }
}

fn customer_form(
    ui: &mut Ui,
    lcx: &LabCx<'_>,
    kind: CustomerKind,
    form: &mut CustomerForm,
    error: Option<&FormError>,
) -> TabOut {
    let lang = lcx.lang;
    let mut out = None;
    ui.horizontal(|ui| {
        let heading = match &form.editing {
            Some(id) => T::LabEditing.fmt(lang, &[id]),
            None => T::LabAdding.get(lang).to_owned(),
        };
        ui.label(RichText::new(heading).strong());
        if ui.button(T::LabNew.get(lang)).clicked() {
            *form = CustomerForm::default();
        }
    });
    let grid = FormGrid::show(ui, "lab-customer-grid", lang, error, |ui, g| {
        g.text(ui, T::LabColName, &mut form.name, "name");
        class_row(ui, lang, &mut form.class);
        g.text(ui, T::LabColIndustry, &mut form.industry, "industry");
        g.text(ui, T::LabColContact, &mut form.contact, "contact");
        g.text(ui, T::LabColPhone, &mut form.phone, "phone");
        g.text(ui, T::LabColRegion, &mut form.region, "region");
        g.text(ui, T::LabColAddress, &mut form.address, "address");
        g.choice(
            ui,
            T::LabColOwner,
            &mut form.owner,
            &lcx.staff_choices(),
            true,
        );
        g.text(ui, T::LabColNote, &mut form.note, "note");
    });
    grid.other_error(ui);
    ui.horizontal(|ui| {
        if ui.button(T::LabSave.get(lang)).clicked() || grid.enter {
            let draft = Customer {
                id: String::new(),
                name: form.name.clone(),
                kind,
                class: form.class,
                industry: form.industry.trim().to_owned(),
                contact: form.contact.trim().to_owned(),
                phone: form.phone.trim().to_owned(),
                region: form.region.trim().to_owned(),
                address: form.address.trim().to_owned(),
                owner: form.owner.clone(),
                created: lcx.data.today,
                note: form.note.trim().to_owned(),
                by_learner: true,
                converted: None,
            };
            out = Some(Ok(match &form.editing {
                Some(id) => LabOp::EditCustomer {
                    id: id.clone(),
                    draft,
                },
                None => LabOp::AddCustomer(draft),
            }));
        }
        if let Some(id) = &form.editing {
            let current = lcx.customer(id).map(|c| c.kind);
            if current == Some(CustomerKind::Customer)
                && ui.button(T::LabConvert.get(lang)).clicked()
            {
                out = Some(Ok(LabOp::ConvertToAgent(id.clone())));
            }
            if current == Some(CustomerKind::Potential)
                && ui.button(T::LabPromote.get(lang)).clicked()
            {
                out = Some(Ok(LabOp::PromotePotential(id.clone())));
            }
        }
    });
    // A conversion moves the record to another tab: the form starts afresh.
    if matches!(
        out,
        Some(Ok(LabOp::ConvertToAgent(_) | LabOp::PromotePotential(_)))
    ) {
        *form = CustomerForm::default();
    }
    out
}

fn class_row(ui: &mut Ui, lang: Lang, class: &mut Option<CustomerClass>) {
    let label = T::LabColClass.get(lang);
    ui.label(label);
    ui.horizontal(|ui| {
        let choices = std::iter::once(None).chain(CustomerClass::ALL.into_iter().map(Some));
        for k in choices {
            let shown = k.map_or(T::LabNone.get(lang), |k| class_label(k).get(lang));
            let selected = *class == k;
            let response = ui.selectable_label(selected, shown);
            // "分类：重要客户": the field and the choice, unlike the same word in the table.
            let name = T::LabelledText.fmt(lang, &[label, shown]);
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Button, true, selected, &name)
            });
            if response.clicked() {
                *class = k;
            }
        }
    });
    ui.label("");
    ui.end_row();
}

const COMPETITOR_COLS: [Col; 5] = [
    col(T::LabColId, 60.0),
    col(T::LabColName, 150.0),
    col(T::LabColProducts, 150.0),
    col(T::LabColStrengths, 150.0),
    col(T::LabColPriceLevel, 80.0),
];

pub fn competitors_ui(
    ui: &mut Ui,
    lcx: &LabCx<'_>,
    table: &mut Table,
    forms: &mut Forms,
    error: Option<&FormError>,
) -> TabOut {
    let lang = lcx.lang;
    let list = &lcx.state.records.competitors;
    table.filter_ui(ui, lang, list.len());
    table.refresh_with(
        list.len(),
        COMPETITOR_COLS.len(),
        |i, c| {
            let k = &list[i];
            Cow::Borrowed(match c {
                0 => k.id.as_str(),
                1 => &k.name,
                2 => &k.products,
                3 => &k.strengths,
                _ => &k.price_level,
            })
        },
        |_, _| None,
    );
    let selected = table.selected.clone();
    let height = table_height(ui);
    table.ui(
        ui,
        lang,
        "lab-competitors",
        &COMPETITOR_COLS,
        height,
        |i| list[i].id.clone(),
        |row, i| {
            let k = &list[i];
            let hit = id_cell(row, lang, &k.id, selected.as_deref() == Some(k.id.as_str()));
            text_cell(row, &k.name);
            text_cell(row, &k.products);
            text_cell(row, format!("{} / {}", k.strengths, k.weaknesses));
            text_cell(row, &k.price_level);
            hit
        },
    );
    ui.separator();
    let form: &mut CompetitorForm = &mut forms.competitor;
    ui.label(RichText::new(T::LabAdding.get(lang)).strong());
    let grid = FormGrid::show(ui, "lab-competitor-grid", lang, error, |ui, g| {
        g.text(ui, T::LabColName, &mut form.name, "name");
        g.text(ui, T::LabColProducts, &mut form.products, "products");
        g.text(ui, T::LabColStrengths, &mut form.strengths, "strengths");
        g.text(ui, T::LabColWeaknesses, &mut form.weaknesses, "weaknesses");
        g.text(
            ui,
            T::LabColPriceLevel,
            &mut form.price_level,
            "price_level",
        );
    });
    grid.other_error(ui);
    let save = ui.button(T::LabSave.get(lang));
    (save.clicked() || grid.enter).then(|| {
        Ok(LabOp::AddCompetitor(Competitor {
            id: String::new(),
            name: form.name.trim().to_owned(),
            products: form.products.trim().to_owned(),
            strengths: form.strengths.trim().to_owned(),
            weaknesses: form.weaknesses.trim().to_owned(),
            price_level: form.price_level.trim().to_owned(),
        }))
    })
}

const PRODUCT_COLS: [Col; 6] = [
    col(T::LabColId, 60.0),
    col(T::LabColName, 180.0),
    col(T::LabColCategory, 90.0),
    col(T::LabColUnit, 50.0),
    col(T::LabColPrice, 90.0),
    col(T::LabColWarranty, 90.0),
];

/// 产品档案: read-only, the company keeps it.
pub fn products_ui(ui: &mut Ui, lcx: &LabCx<'_>, table: &mut Table) -> TabOut {
    let lang = lcx.lang;
    let list = &lcx.data.products;
    table.filter_ui(ui, lang, list.len());
    table.refresh_with(
        list.len(),
        PRODUCT_COLS.len(),
        |i, c| {
            let p = &list[i];
            match c {
                0 => Cow::Borrowed(p.id.as_str()),
                1 => Cow::Borrowed(p.name.as_str()),
                2 => Cow::Borrowed(p.category.as_str()),
                3 => Cow::Borrowed(p.unit.as_str()),
                4 => Cow::Owned(p.price.to_string()),
                _ => Cow::Owned(p.warranty_months.to_string()),
            }
        },
        |i, c| match c {
            4 => Some(list[i].price),
            5 => Some(i64::from(list[i].warranty_months)),
            _ => None,
        },
    );
    let selected = table.selected.clone();
    let height = table_height(ui);
    let clicked = table.ui(
        ui,
        lang,
        "lab-products",
        &PRODUCT_COLS,
        height,
        |i| list[i].id.clone(),
        |row, i| {
            let p = &list[i];
            let hit = id_cell(row, lang, &p.id, selected.as_deref() == Some(p.id.as_str()));
            text_cell(row, &p.name);
            text_cell(row, &p.category);
            text_cell(row, &p.unit);
            text_cell(row, p.price.to_string());
            text_cell(row, p.warranty_months.to_string());
            hit
        },
    );
    ui.separator();
    ui.label(RichText::new(T::LabReadOnly.get(lang)).weak());
    let shown = clicked.or_else(|| {
        table
            .selected
            .as_ref()
            .and_then(|id| list.iter().position(|p| &p.id == id))
    });
    if let Some(p) = shown.and_then(|i| list.get(i)) {
        ui.label(RichText::new(&p.name).strong());
        ui.add(egui::Label::new(&p.description).wrap());
    }
    None
}
