//! The CRM lab through the real app: each of the four built-in experiments driven to completion
//! by clicking and typing as a trainee would, the work found again after the app is closed and
//! reopened on the same data folder, and a lab reset (with its backup).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use servicecraft::app::{AppConfig, Screen, ServiceCraftApp};
use servicecraft::model::lab::{
    CustomerClass, CustomerKind, Goal, LabData, LabState, ServiceStatus, customer_ranking,
    decision_options,
};

use crate::common;

type App = Harness<'static, ServiceCraftApp>;

const PACK: &str = "servicecraft-builtin";

fn open_lab(h: &mut App, title: &str) {
    h.get_by_label("练习中心").click();
    h.run();
    click(h, &format!("打开实验：{title}"));
    assert!(matches!(h.state().screen(), Screen::Lab(_)));
}

fn click(h: &mut App, label: &str) {
    common::click_shown(h, label);
}

fn tab(h: &mut App, name: &str) {
    click(h, &format!("模块：{name}"));
}

fn set_text(h: &mut App, label: &str, text: &str) {
    common::set_field(h, label, text);
}

/// Shows the row of record `id` (by filtering the table on it) and selects it.
fn select(h: &mut App, id: &str) {
    set_text(h, "筛选", id);
    click(h, &format!("选中 {id}"));
}

fn met(h: &App) -> usize {
    h.query_all_by_label("✔ 已完成").count()
}

fn pack_id(h: &App) -> String {
    h.state().pack().manifest.id.clone()
}

/// The learner's full copy of a lab (laid over the seed when it was read from the file).
fn state(h: &App, lab: &str) -> Option<LabState> {
    let pack = pack_id(h);
    let data = seed(h, lab);
    let labs = h.state().session().unwrap().labs();
    labs.get(&pack, lab).map(|s| s.based(&data).into_owned())
}

fn seed(h: &App, lab: &str) -> LabData {
    h.state().pack().lab(lab).unwrap().1.clone()
}

/// Answers every decision question of a lab from its chart: the chart is opened, its figures
/// must show the right option, which is then picked.
fn answer_decisions(h: &mut App, lab: &str, charts: &[(&str, &str)]) {
    let (spec, data) = {
        let (l, d) = h.state().pack().lab(lab).unwrap();
        (l.clone(), d.clone())
    };
    let current = state(h, lab).unwrap_or_else(|| LabState::new(lab, &data));
    for task in &spec.tasks {
        let Goal::Decision { metric, .. } = &task.goal else {
            continue;
        };
        let (_, answer) = decision_options(&data, &current, metric);
        let answer = answer.unwrap();
        let chart = charts
            .iter()
            .find(|(t, _)| *t == task.id)
            .map(|(_, c)| *c)
            .unwrap();
        tab(h, "分析决策");
        click(h, &format!("分析：{chart}"));
        assert!(
            h.query_all_by_label(&answer).count() > 0,
            "the chart {chart} shows {answer}"
        );
        click(h, &format!("回答：{answer}"));
    }
}

/// Picks the top customers of every ranking task from the combo boxes in the task panel.
fn answer_rankings(h: &mut App, lab: &str) {
    let (spec, data) = {
        let (l, d) = h.state().pack().lab(lab).unwrap();
        (l.clone(), d.clone())
    };
    // A tab without customer names, so a name in the drop-down is the only one on screen.
    tab(h, "产品");
    for task in &spec.tasks {
        let Goal::TopCustomers { count, from, to } = &task.goal else {
            continue;
        };
        let records = state(h, lab).map_or_else(|| data.records.clone(), |s| s.records);
        let ranking = customer_ranking(&records, *from, *to);
        for (place, top) in ranking.iter().take(*count as usize).enumerate() {
            click(h, &format!("{} · 第 {} 名", task.title, place + 1));
            click(h, &top.label);
        }
    }
}

fn finish(h: &mut App, lab: &str) {
    click(h, "完成实验并记分");
    let session = h.state().session().unwrap();
    let logged = session.progress().log().filter(|l| l.item == lab).count();
    assert_eq!(logged, 1, "the finished lab is in the attempt log");
}

#[test]
fn experiment_three_customers_new_potential_agent_and_a_decision() {
    let data = tempfile::tempdir().unwrap();
    let clock = common::start();
    let lab = "lab.crm.customers";
    {
        let mut h = common::harness(data.path(), &clock);
        h.run();
        open_lab(&mut h, "实验三 客户管理");
        assert_eq!(met(&h), 0);
        // A record without a name is refused, the message beside the field.
        click(&mut h, "保存（Enter）");
        assert!(h.query_by_label("请填写“name”。").is_some());
        assert!(state(&h, lab).is_none(), "nothing was saved");
        for i in 0..5 {
            set_text(&mut h, "名称", &format!("实验新客户{i}"));
            set_text(&mut h, "行业", "教育");
            set_text(&mut h, "联系人", "王芳");
            click(&mut h, "分类：重要客户");
            set_text(&mut h, "电话", "0571-88886666");
            // Enter in the last field saves.
            h.key_press(Key::Enter);
            h.run();
        }
        let mine = state(&h, lab).unwrap();
        assert_eq!(
            mine.records
                .customers
                .iter()
                .filter(|c| c.by_learner)
                .count(),
            5
        );
        assert!(
            mine.records
                .customers
                .iter()
                .filter(|c| c.by_learner)
                .all(|c| c.class == Some(CustomerClass::Major) && c.phone == "0571-88886666")
        );
        tab(&mut h, "潜在客户");
        for i in 0..2 {
            set_text(&mut h, "名称", &format!("展会名片{i}"));
            set_text(&mut h, "行业", "物流");
            set_text(&mut h, "联系人", "李雷");
            click(&mut h, "保存（Enter）");
        }
        // A bad phone number is refused with the CRM's message.
        set_text(&mut h, "名称", "号码不对");
        set_text(&mut h, "电话", "abc");
        click(&mut h, "保存（Enter）");
        assert!(
            h.query_all_by_label("电话号码“abc”格式不对：只能有数字、空格和“-”，7 到 20 位数字。")
                .count()
                > 0
        );
        tab(&mut h, "客户");
        let seed = seed(&h, lab);
        let first = seed
            .records
            .customers
            .iter()
            .find(|c| c.kind == CustomerKind::Customer)
            .unwrap()
            .id
            .clone();
        select(&mut h, &first);
        click(&mut h, "转为代理");
        assert_eq!(
            state(&h, lab).unwrap().customer(&first).unwrap().kind,
            CustomerKind::Agent
        );
        answer_decisions(&mut h, lab, &[("lab.crm.customers.t4", "市场活动分析")]);
        assert_eq!(met(&h), 4, "every task ticks");
        finish(&mut h, lab);
    }
    // Closed and reopened on the same data: everything as left.
    let mut h = common::harness(data.path(), &clock);
    h.run();
    open_lab(&mut h, "实验三 客户管理");
    assert_eq!(met(&h), 4);
    let mine = state(&h, lab).unwrap();
    assert!(mine.finished.is_some());
    assert_eq!(
        mine.records
            .customers
            .iter()
            .filter(|c| c.by_learner)
            .count(),
        7
    );
    // Ctrl+F puts the cursor in the table's filter (not the app's search).
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    assert!(h.get_by_label("筛选").is_focused());
    assert!(matches!(h.state().screen(), Screen::Lab(_)));

    // Reset: asked first, backed up, then the seed again.
    click(&mut h, "重置实验");
    click(&mut h, "确定重置");
    assert!(state(&h, lab).is_none());
    assert_eq!(met(&h), 0);
    let backups = data
        .path()
        .join("profiles")
        .join(AppConfig::TEST_PROFILE)
        .join("backups");
    let reset = std::fs::read_dir(&backups)
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().ends_with("before-reset"))
        .expect("a backup before the reset");
    let kept = std::fs::read_to_string(reset.path().join("labs.ron")).unwrap();
    assert!(kept.contains("实验新客户0"), "the backup holds the work");
    assert!(h.state().banners().iter().any(|b| b.contains("实验已重置")));
}

#[test]
fn experiment_eight_order_plan_reminders_and_accounts() {
    let data = tempfile::tempdir().unwrap();
    let clock = common::start();
    let lab = "lab.crm.orders";
    let mut h = common::harness(data.path(), &clock);
    h.run();
    open_lab(&mut h, "实验八 订单管理");
    let seed = seed(&h, lab);
    let buyer = seed
        .records
        .customers
        .iter()
        .find(|c| c.kind == CustomerKind::Customer)
        .unwrap()
        .id
        .clone();
    tab(&mut h, "订单与回款");
    set_text(&mut h, "客户", &buyer);
    set_text(&mut h, "数量", "3");
    click(&mut h, "保存（Enter）");
    let order = state(&h, lab)
        .unwrap()
        .records
        .orders
        .last()
        .unwrap()
        .clone();
    assert!(order.by_learner && order.customer == buyer);
    select(&mut h, &order.id);
    for _ in 0..3 {
        click(&mut h, "添加一期");
    }
    // A plan that does not add up is refused beside the plan.
    set_text(&mut h, "第 1 期到期日", &order.date.to_string());
    set_text(&mut h, "第 1 期金额", "1");
    set_text(&mut h, "第 2 期到期日", &order.date.to_string());
    set_text(&mut h, "第 2 期金额", "1");
    set_text(&mut h, "第 3 期到期日", &order.date.to_string());
    set_text(&mut h, "第 3 期金额", "1");
    click(&mut h, "保存回款计划");
    let total = order.total().to_string();
    assert!(
        h.query_by_label(&format!(
            "各期金额合计 3 元，订单总额是 {total} 元，两者必须相等。"
        ))
        .is_some()
    );
    click(&mut h, "平均分配金额");
    click(&mut h, "保存回款计划");
    let planned = state(&h, lab).unwrap();
    let plan = &planned.records.orders.last().unwrap().plan;
    assert_eq!(plan.len(), 3);
    assert_eq!(plan.iter().map(|i| i.amount).sum::<i64>(), order.total());

    // Every overdue instalment reminded from the accounts.
    tab(&mut h, "账目与欠款");
    click(&mut h, "只看逾期");
    let overdue: Vec<(String, usize)> = seed
        .records
        .orders
        .iter()
        .filter(|o| o.counts_as_sale())
        .flat_map(|o| {
            o.plan
                .iter()
                .enumerate()
                .filter(|(_, i)| i.overdue(seed.today))
                .map(|(n, _)| (o.id.clone(), n))
        })
        .collect();
    assert!(!overdue.is_empty(), "the company has arrears to chase");
    for (id, n) in &overdue {
        set_text(&mut h, "筛选", id);
        click(&mut h, &format!("提醒 {id} 第 {} 期", n + 1));
    }
    let reminded = state(&h, lab).unwrap();
    assert!(
        reminded
            .records
            .orders
            .iter()
            .flat_map(|o| &o.plan)
            .filter(|i| i.overdue(seed.today))
            .all(|i| i.reminded == Some(seed.today))
    );
    answer_decisions(&mut h, lab, &[("lab.crm.orders.t3", "欠款账龄分析")]);
    answer_rankings(&mut h, lab);
    assert_eq!(met(&h), 4);
    finish(&mut h, lab);
}

#[test]
fn experiment_ten_service_tasks_resolved_care_and_mining() {
    let data = tempfile::tempdir().unwrap();
    let clock = common::start();
    let lab = "lab.crm.service";
    {
        let mut h = common::harness(data.path(), &clock);
        h.run();
        open_lab(&mut h, "实验十 客户服务");
        let seed = seed(&h, lab);
        let accepted: Vec<String> = seed
            .records
            .service
            .iter()
            .filter(|t| t.status == ServiceStatus::Accepted)
            .map(|t| t.id.clone())
            .take(2)
            .collect();
        assert_eq!(accepted.len(), 2);
        tab(&mut h, "服务任务");
        for id in &accepted {
            select(&mut h, id);
            click(&mut h, "改为“处理中”");
            // Resolved without a resolution is refused.
            click(&mut h, "改为“已解决”");
            assert!(
                h.query_by_label("改为“已解决”前，请写明处理结果。")
                    .is_some()
            );
            set_text(&mut h, "处理结果", "上门更换硒鼓，客户确认打印正常。");
            click(&mut h, "改为“已解决”");
        }
        let mine = state(&h, lab).unwrap();
        for id in &accepted {
            let task = mine.records.service.iter().find(|t| &t.id == id).unwrap();
            assert_eq!(task.status, ServiceStatus::Resolved);
            let moves: Vec<_> = task.history.iter().filter(|c| c.by_learner).collect();
            assert_eq!(moves.len(), 2, "who, when, from and to kept for each move");
            assert_eq!(
                (moves[0].from, moves[1].to),
                (ServiceStatus::Accepted, ServiceStatus::Resolved)
            );
        }
        tab(&mut h, "客户关怀");
        let keys: Vec<String> = seed
            .records
            .customers
            .iter()
            .filter(|c| c.class == Some(CustomerClass::Key) && c.kind != CustomerKind::Potential)
            .map(|c| c.id.clone())
            .take(2)
            .collect();
        for id in &keys {
            set_text(&mut h, "客户", id);
            click(&mut h, "保存（Enter）");
        }
        // The value ranking of 对象挖掘 is on screen and sortable.
        tab(&mut h, "对象挖掘");
        click(&mut h, "按“价值分（R+F+M）”排序");
        answer_rankings(&mut h, lab);
        answer_decisions(&mut h, lab, &[("lab.crm.service.t4", "服务反馈分析")]);
        assert_eq!(met(&h), 4);
    }
    let mut h = common::harness(data.path(), &clock);
    h.run();
    open_lab(&mut h, "实验十 客户服务");
    assert_eq!(met(&h), 4, "the work is there after reopening");
    finish(&mut h, lab);
}

#[test]
fn experiment_eleven_decisions_from_the_charts() {
    let data = tempfile::tempdir().unwrap();
    let clock = common::start();
    let lab = "lab.crm.analysis";
    let mut h = common::harness(data.path(), &clock);
    h.run();
    open_lab(&mut h, "实验十一 分析决策");
    answer_decisions(
        &mut h,
        lab,
        &[
            ("lab.crm.analysis.t1", "销售情况分析（按部门）"),
            ("lab.crm.analysis.t2", "员工分析"),
            ("lab.crm.analysis.t3", "销售时间分析（按月）"),
        ],
    );
    answer_rankings(&mut h, lab);
    assert_eq!(met(&h), 4);
    finish(&mut h, lab);
    // The score shows as an exercise result like any other.
    let session = h.state().session().unwrap();
    let attempt = session
        .progress()
        .log()
        .find(|l| l.item == lab)
        .unwrap()
        .attempt
        .clone();
    assert_eq!((attempt.score, attempt.max), (4.0, 4.0));
    let _ = PACK;
}
