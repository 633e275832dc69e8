//! An order of several product lines entered through the lab's order form: lines added and
//! removed by their buttons, the total shown as the sum of the lines, the order saved with every
//! line, and a payment plan that must add up to that sum.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::kittest::Queryable;
use servicecraft::model::lab::{CustomerKind, LabData, LabState};

use crate::common::{self, App};

const LAB: &str = "lab.crm.orders";

use common::{click_shown as click, set_field as set_text};

fn seed(h: &App) -> LabData {
    h.state().pack().lab(LAB).unwrap().1.clone()
}

fn state(h: &App) -> LabState {
    let pack = h.state().pack().manifest.id.clone();
    let data = seed(h);
    let labs = h.state().session().unwrap().labs();
    labs.get(&pack, LAB).unwrap().based(&data).into_owned()
}

#[test]
fn an_order_of_several_lines_totals_its_lines_and_its_plan_must_match() {
    let data = tempfile::tempdir().unwrap();
    let clock = common::start();
    let mut h = common::harness(data.path(), &clock);
    h.run();
    click(&mut h, "练习中心");
    click(&mut h, "打开实验：实验八 订单管理");
    let seed = seed(&h);
    let buyer = seed
        .records
        .customers
        .iter()
        .find(|c| c.kind == CustomerKind::Customer)
        .unwrap()
        .id
        .clone();
    let first = &seed.products[0];
    click(&mut h, "模块：订单与回款");
    set_text(&mut h, "客户", &buyer);
    set_text(&mut h, "数量", "2");
    // Three lines, the third removed again.
    click(&mut h, "添加一行产品");
    click(&mut h, "添加一行产品");
    set_text(&mut h, "数量（第 2 行）", "3");
    set_text(&mut h, "单价（元）（第 2 行）", "100");
    set_text(&mut h, "数量（第 3 行）", "7");
    click(&mut h, "删除第 3 行");
    assert!(h.query_by_label("数量（第 3 行）").is_none());
    // The total is the sum of the lines: the list price on the first, 100 on the second.
    let total = 2 * first.price + 300;
    let shown = format!("订单金额：{total} 元");
    assert!(h.query_by_label(&shown).is_some(), "{shown}");
    click(&mut h, "保存（Enter）");
    let order = state(&h).records.orders.last().unwrap().clone();
    assert!(order.by_learner);
    assert_eq!(order.customer, buyer);
    assert_eq!(order.lines.len(), 2, "{:?}", order.lines);
    assert_eq!(
        (order.lines[0].quantity, order.lines[0].price),
        (2, first.price)
    );
    assert_eq!((order.lines[1].quantity, order.lines[1].price), (3, 100));
    assert_eq!(order.total(), total);
    // The form is empty again: one line.
    assert!(h.query_by_label("数量（第 2 行）").is_none());

    // The payment plan must add up to the sum of the lines.
    set_text(&mut h, "筛选", &order.id);
    click(&mut h, &format!("选中 {}", order.id));
    click(&mut h, "添加一期");
    click(&mut h, "添加一期");
    set_text(&mut h, "第 1 期到期日", &order.date.to_string());
    set_text(&mut h, "第 1 期金额", &(total - 1).to_string());
    set_text(&mut h, "第 2 期到期日", &order.date.to_string());
    set_text(&mut h, "第 2 期金额", "2");
    click(&mut h, "保存回款计划");
    assert!(
        state(&h).records.orders.last().unwrap().plan.is_empty(),
        "refused"
    );
    click(&mut h, "平均分配金额");
    click(&mut h, "保存回款计划");
    let after = state(&h);
    let plan = &after.records.orders.last().unwrap().plan;
    assert_eq!(plan.len(), 2);
    assert_eq!(plan.iter().map(|i| i.amount).sum::<i64>(), total);
}
