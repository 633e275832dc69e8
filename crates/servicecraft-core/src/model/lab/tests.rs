//! Tests of the lab engine: every goal kind met and unmet, the CRM's input checks, the
//! analyses on hand-made records, the author checks and the generated company.

use chrono::{NaiveDate, NaiveDateTime};

use super::check::{check_data, check_lab};
use super::sample::{Scale, generate};
use super::*;
use crate::i18n::Lang;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn now() -> NaiveDateTime {
    d("2025-01-10").and_hms_opt(9, 30, 0).unwrap()
}

fn data() -> LabData {
    generate(Scale::BUILTIN, 7)
}

fn task(goal: Goal) -> LabTask {
    LabTask {
        id: "t".to_owned(),
        title: "t".to_owned(),
        instructions: "do it".to_owned(),
        lesson: "l".to_owned(),
        goal,
    }
}

fn draft(name: &str) -> Customer {
    Customer {
        name: name.to_owned(),
        class: Some(CustomerClass::Major),
        industry: "教育".to_owned(),
        contact: "王芳".to_owned(),
        phone: "0571-88886666".to_owned(),
        ..Customer::default()
    }
}

#[test]
fn new_customers_need_the_named_fields() {
    let data = data();
    let mut state = LabState::new("lab", &data);
    let goal = task(Goal::NewCustomers {
        count: 2,
        fields: vec!["class".into(), "contact".into(), "industry".into()],
        kind: None,
    });
    assert_eq!(
        task_progress(&data, &state, &goal),
        GoalProgress { done: 0, need: 2 }
    );
    state.add_customer(&data, draft("新客户甲")).unwrap();
    let no_industry = Customer {
        industry: String::new(),
        ..draft("新客户乙")
    };
    let id = state.add_customer(&data, no_industry).unwrap();
    assert!(!task_progress(&data, &state, &goal).met());
    state.edit_customer(&data, &id, draft("新客户乙")).unwrap();
    assert!(task_progress(&data, &state, &goal).met());
}

#[test]
fn customer_input_is_checked() {
    let data = data();
    let mut state = LabState::new("lab", &data);
    assert_eq!(
        state.add_customer(&data, draft(" ")),
        Err(LabError::Required("name"))
    );
    let taken = data.records.customers[0].name.clone();
    assert_eq!(
        state.add_customer(&data, draft(&taken)),
        Err(LabError::DuplicateName(taken))
    );
    let bad_phone = Customer {
        phone: "abc".into(),
        ..draft("甲")
    };
    assert!(matches!(
        state.add_customer(&data, bad_phone),
        Err(LabError::BadPhone(_))
    ));
    let bad_owner = Customer {
        owner: "nobody".into(),
        ..draft("乙")
    };
    let err = state.add_customer(&data, bad_owner).unwrap_err();
    assert_eq!(err.message(Lang::Zh), "找不到员工“nobody”。");
    assert_eq!(err.message(Lang::En), "There is no staff member “nobody”.");
}

#[test]
fn converting_to_an_agent_counts_once() {
    let data = data();
    let mut state = LabState::new("lab", &data);
    let goal = task(Goal::ConvertToAgent { count: 1 });
    assert!(!task_progress(&data, &state, &goal).met());
    let customer = data
        .records
        .customers
        .iter()
        .find(|c| c.kind == CustomerKind::Customer)
        .unwrap();
    state.convert_to_agent(&customer.id, now()).unwrap();
    assert!(task_progress(&data, &state, &goal).met());
    assert!(matches!(
        state.convert_to_agent(&customer.id, now()),
        Err(LabError::NotCustomer(_))
    ));
    let potential = data
        .records
        .customers
        .iter()
        .find(|c| c.kind == CustomerKind::Potential)
        .unwrap();
    assert!(matches!(
        state.add_order(
            &data,
            &potential.id,
            "E02",
            data.today,
            vec![line("P01", 1)]
        ),
        Err(LabError::PotentialCannotOrder(_))
    ));
    state.promote_potential(&potential.id).unwrap();
    assert!(
        state
            .add_order(
                &data,
                &potential.id,
                "E02",
                data.today,
                vec![line("P01", 1)]
            )
            .is_ok()
    );
}

fn line(product: &str, quantity: u32) -> OrderLine {
    OrderLine {
        product: product.to_owned(),
        quantity,
        price: 1_000,
    }
}

#[test]
fn a_payment_plan_must_add_up_to_the_order() {
    let data = data();
    let mut state = LabState::new("lab", &data);
    let goal = task(Goal::OrderWithPlan { instalments: 3 });
    let customer = &data.records.customers[0].id;
    let order = state
        .add_order(
            &data,
            customer,
            "E02",
            d("2025-01-05"),
            vec![line("P02", 10)],
        )
        .unwrap();
    assert_eq!(
        state.set_plan(
            &order,
            &[
                (d("2025-02-01"), 3_000),
                (d("2025-03-01"), 3_000),
                (d("2025-04-01"), 3_000)
            ]
        ),
        Err(LabError::PlanSum(9_000, 10_000))
    );
    assert_eq!(
        state.set_plan(
            &order,
            &[
                (d("2025-03-01"), 4_000),
                (d("2025-02-01"), 3_000),
                (d("2025-04-01"), 3_000)
            ]
        ),
        Err(LabError::PlanOrder)
    );
    assert_eq!(
        state.set_plan(&order, &[(d("2025-01-01"), 10_000)]),
        Err(LabError::BeforeOrder(d("2025-01-01"), d("2025-01-05")))
    );
    assert_eq!(state.set_plan(&order, &[]), Err(LabError::PlanEmpty));
    state
        .set_plan(
            &order,
            &[(d("2025-02-01"), 5_000), (d("2025-03-01"), 5_000)],
        )
        .unwrap();
    assert!(
        !task_progress(&data, &state, &goal).met(),
        "two instalments, not three"
    );
    state
        .set_plan(
            &order,
            &[
                (d("2025-02-01"), 4_000),
                (d("2025-03-01"), 3_000),
                (d("2025-04-01"), 3_000),
            ],
        )
        .unwrap();
    assert!(task_progress(&data, &state, &goal).met());
    assert!(matches!(
        state.add_order(
            &data,
            customer,
            "E02",
            d("2025-02-01"),
            vec![line("P01", 1)]
        ),
        Err(LabError::FutureDate(..))
    ));
    assert_eq!(
        state.add_order(&data, customer, "E02", data.today, vec![line("P01", 0)]),
        Err(LabError::BadQuantity)
    );
}

#[test]
fn payments_and_reminders_are_checked() {
    let data = data();
    let mut state = LabState::new("lab", &data);
    let customer = &data.records.customers[0].id;
    let order = state
        .add_order(
            &data,
            customer,
            "E02",
            d("2025-01-02"),
            vec![line("P01", 2)],
        )
        .unwrap();
    state
        .set_plan(
            &order,
            &[(d("2025-01-15"), 1_000), (d("2025-03-01"), 1_000)],
        )
        .unwrap();
    assert_eq!(
        state.record_payment(&data, &order, 0, data.today, 1_500),
        Err(LabError::Overpay(1_000))
    );
    assert_eq!(
        state.remind(&data, &order, 1),
        Err(LabError::NotDueSoon(d("2025-03-01")))
    );
    state.remind(&data, &order, 0).unwrap();
    state
        .record_payment(&data, &order, 0, data.today, 1_000)
        .unwrap();
    assert_eq!(state.remind(&data, &order, 0), Err(LabError::AlreadyPaid));
    assert_eq!(
        state.terminate_order(&order),
        Err(LabError::PlanHasPayments)
    );
}

#[test]
fn every_overdue_instalment_must_be_reminded() {
    let data = data();
    let mut state = LabState::new("lab", &data);
    let goal = task(Goal::OverdueReminded);
    let overdue: Vec<(String, usize)> = state
        .records
        .orders
        .iter()
        .filter(|o| o.status == OrderStatus::Open)
        .flat_map(|o| {
            o.plan
                .iter()
                .enumerate()
                .filter(|(_, i)| i.overdue(data.today))
                .map(|(n, _)| (o.id.clone(), n))
        })
        .collect();
    assert!(
        overdue.len() >= 3,
        "the sample has arrears: {}",
        overdue.len()
    );
    let progress = task_progress(&data, &state, &goal);
    assert_eq!(progress.need as usize, overdue.len());
    for (order, n) in &overdue[1..] {
        state.remind(&data, order, *n).unwrap();
    }
    assert!(!task_progress(&data, &state, &goal).met());
    state.remind(&data, &overdue[0].0, overdue[0].1).unwrap();
    assert!(task_progress(&data, &state, &goal).met());
}

#[test]
fn service_tasks_go_from_accepted_to_resolved_with_a_resolution() {
    let data = data();
    let mut state = LabState::new("lab", &data);
    let goal = task(Goal::ServiceResolved { count: 2 });
    let waiting: Vec<String> = state
        .records
        .service
        .iter()
        .filter(|t| t.status == ServiceStatus::Accepted)
        .map(|t| t.id.clone())
        .take(2)
        .collect();
    let id = &waiting[0];
    assert_eq!(
        state.change_status(id, ServiceStatus::Resolved, "x", now()),
        Err(LabError::BadMove(
            ServiceStatus::Accepted,
            ServiceStatus::Resolved
        ))
    );
    state
        .change_status(id, ServiceStatus::InProgress, "", now())
        .unwrap();
    assert_eq!(
        state.change_status(id, ServiceStatus::Resolved, "  ", now()),
        Err(LabError::NeedResolution)
    );
    state
        .change_status(id, ServiceStatus::Resolved, "更换进纸辊", now())
        .unwrap();
    let history = &state
        .records
        .service
        .iter()
        .find(|t| t.id == *id)
        .unwrap()
        .history;
    assert_eq!(history.len(), 2);
    assert_eq!(
        (history[1].from, history[1].to, history[1].who.as_str()),
        (ServiceStatus::InProgress, ServiceStatus::Resolved, LEARNER)
    );
    assert_eq!(
        task_progress(&data, &state, &goal),
        GoalProgress { done: 1, need: 2 }
    );
    // A task the seed had already moved on does not count.
    let started = state
        .records
        .service
        .iter()
        .find(|t| t.status == ServiceStatus::InProgress && !t.history.iter().any(|h| h.by_learner))
        .unwrap()
        .id
        .clone();
    state
        .change_status(&started, ServiceStatus::Resolved, "已处理", now())
        .unwrap();
    assert_eq!(task_progress(&data, &state, &goal).done, 1);
    let id = &waiting[1];
    state
        .change_status(id, ServiceStatus::InProgress, "", now())
        .unwrap();
    state
        .change_status(id, ServiceStatus::Resolved, "电话指导后解决", now())
        .unwrap();
    assert!(task_progress(&data, &state, &goal).met());
}

#[test]
fn care_plans_for_a_class() {
    let data = data();
    let mut state = LabState::new("lab", &data);
    let goal = task(Goal::CarePlans {
        count: 1,
        class: Some(CustomerClass::Key),
    });
    let small = data
        .records
        .customers
        .iter()
        .find(|c| c.class == Some(CustomerClass::Small))
        .unwrap();
    let key = data
        .records
        .customers
        .iter()
        .find(|c| c.class == Some(CustomerClass::Key))
        .unwrap();
    let plan = |customer: &str| CarePlan {
        customer: customer.to_owned(),
        kind: "节日问候".to_owned(),
        date: d("2025-01-20"),
        ..CarePlan::default()
    };
    state.add_care(&data, plan(&small.id)).unwrap();
    assert!(!task_progress(&data, &state, &goal).met());
    assert!(matches!(
        state.add_care(
            &data,
            CarePlan {
                date: d("2024-12-01"),
                ..plan(&key.id)
            }
        ),
        Err(LabError::PastDate(..))
    ));
    state.add_care(&data, plan(&key.id)).unwrap();
    assert!(task_progress(&data, &state, &goal).met());
}

#[test]
fn top_customers_are_computed_from_payments() {
    let data = data();
    let mut state = LabState::new("lab", &data);
    let (from, to) = (d("2024-01-01"), d("2024-12-31"));
    let goal = LabTask {
        id: "top".into(),
        ..task(Goal::TopCustomers { count: 3, from, to })
    };
    let ranking = customer_ranking(&state.records, from, to);
    assert!(ranking.windows(2).all(|w| w[0].amount >= w[1].amount));
    let top: Vec<String> = ranking.iter().take(3).map(|t| t.key.clone()).collect();
    state.answer(
        "top",
        vec![top[0].clone(), top[1].clone(), ranking[5].key.clone()],
    );
    assert_eq!(
        task_progress(&data, &state, &goal),
        GoalProgress { done: 2, need: 3 }
    );
    state.answer("top", top.iter().rev().cloned().collect());
    assert!(task_progress(&data, &state, &goal).met());
    let mut all = top.clone();
    all.push(ranking[3].key.clone());
    state.answer("top", all);
    assert!(
        !task_progress(&data, &state, &goal).met(),
        "picking extra customers is not an answer"
    );
}

#[test]
fn decision_answers_follow_the_data() {
    let data = data();
    let mut state = LabState::new("lab", &data);
    let metric = Metric::TopStaffBySales {
        from: d("2024-01-01"),
        to: d("2024-12-31"),
    };
    let goal = LabTask {
        id: "q".into(),
        ..task(Goal::Decision {
            question: "谁的销售额最高？".into(),
            metric: metric.clone(),
        })
    };
    let (options, answer) = decision_options(&data, &state, &metric);
    let answer = answer.unwrap();
    let ranking = sales_by_staff(&data, &state.records, d("2024-01-01"), d("2024-12-31"));
    assert_eq!(answer, ranking[0].label);
    assert!(options.contains(&answer) && options.len() >= 3);
    let wrong = options.iter().find(|o| **o != answer).unwrap().clone();
    state.answer("q", vec![wrong]);
    assert!(!task_progress(&data, &state, &goal).met());
    state.answer("q", vec![answer.clone()]);
    assert!(task_progress(&data, &state, &goal).met());
    // Changing the data changes the right answer: give the runner-up a huge order.
    let second = ranking[1].key.clone();
    let customer = data.records.customers[0].id.clone();
    state
        .add_order(
            &data,
            &customer,
            &second,
            d("2024-12-01"),
            vec![OrderLine {
                product: "P02".into(),
                quantity: 1,
                price: 10_000_000,
            }],
        )
        .unwrap();
    assert!(!task_progress(&data, &state, &goal).met());
    for metric in [
        Metric::TopDepartmentBySales {
            from: d("2024-01-01"),
            to: d("2024-12-31"),
        },
        Metric::PeakSalesMonth {
            from: d("2024-01-01"),
            to: d("2024-12-31"),
        },
        Metric::TopFeedbackType,
        Metric::LargestArrearsBucket,
        Metric::TopActivityKindByLeads,
    ] {
        let (options, answer) = decision_options(&data, &LabState::new("x", &data), &metric);
        assert!(
            options.len() >= 2 && answer.is_some(),
            "{metric:?}: {options:?}"
        );
    }
}

#[test]
fn analyses_add_up() {
    let data = data();
    let records = &data.records;
    let (from, to) = (d("2024-01-01"), d("2024-12-31"));
    let sales: i64 = records
        .orders
        .iter()
        .filter(|o| o.counts_as_sale())
        .map(Order::total)
        .sum();
    let by_day: i64 = sales_by_day(records, from, to).iter().map(|x| x.1).sum();
    let by_dept: i64 = sales_by_department(&data, records, from, to)
        .iter()
        .map(|x| x.amount)
        .sum();
    let by_staff: i64 = sales_by_staff(&data, records, from, to)
        .iter()
        .map(|x| x.amount)
        .sum();
    assert_eq!((by_day, by_dept, by_staff), (sales, sales, sales));
    let owed: i64 = records.orders.iter().map(Order::outstanding).sum();
    assert_eq!(
        arrears_ageing(records, data.today).iter().sum::<i64>(),
        owed
    );
    let tasks: u32 = feedback_by_type(records)
        .iter()
        .map(|x| x.1.iter().sum::<u32>())
        .sum();
    assert_eq!(tasks as usize, records.service.len());
    let scores = value_scores(records, data.today);
    assert!(scores.iter().all(|s| (3..=15).contains(&s.score)));
    assert!(scores.windows(2).all(|w| w[0].score >= w[1].score));
    let best = &scores[0];
    let worst = scores.last().unwrap();
    assert!(best.monetary > worst.monetary);
}

#[test]
fn filters_and_sorts() {
    let data = data();
    let customers = &data.records.customers;
    let all = filter_customers(customers, &CustomerFilter::default());
    assert_eq!(all.len(), customers.len());
    let agents = filter_customers(
        customers,
        &CustomerFilter {
            kind: Some(CustomerKind::Agent),
            ..Default::default()
        },
    );
    assert_eq!(agents.len(), 4);
    let hz = filter_customers(
        customers,
        &CustomerFilter {
            text: "杭州".into(),
            ..Default::default()
        },
    );
    assert!(
        !hz.is_empty()
            && hz
                .iter()
                .all(|&i| format!("{:?}", customers[i]).contains("杭州"))
    );
    let by_id = filter_customers(
        customers,
        &CustomerFilter {
            text: "c0001".into(),
            ..Default::default()
        },
    );
    assert_eq!(by_id, vec![0]);
    let mut rows = all.clone();
    sort_customers(customers, &mut rows, CustomerColumn::Created, true);
    assert!(
        rows.windows(2)
            .all(|w| customers[w[0]].created >= customers[w[1]].created)
    );
    let owing = filter_orders(
        &data.records,
        &OrderFilter {
            owing: true,
            ..Default::default()
        },
    );
    assert!(
        !owing.is_empty()
            && owing
                .iter()
                .all(|&i| data.records.orders[i].outstanding() > 0)
    );
    let mut rows = owing;
    sort_orders(
        &data.records.orders,
        &mut rows,
        OrderColumn::Outstanding,
        true,
    );
    assert!(rows.windows(2).all(
        |w| data.records.orders[w[0]].outstanding() >= data.records.orders[w[1]].outstanding()
    ));
}

#[test]
fn the_generated_company_is_sound_and_stable() {
    let data = data();
    assert_eq!(check_data(&data), Vec::new());
    assert_eq!(
        generate(Scale::BUILTIN, 7),
        data,
        "the same seed gives the same company"
    );
    let r = &data.records;
    assert!(r.customers.len() >= 40 && r.orders.len() == 150 && r.service.len() == 30);
    assert_eq!(data.products.len(), 10);
    for class in CustomerClass::ALL {
        assert!(
            r.customers.iter().any(|c| c.class == Some(class)),
            "{class:?}"
        );
    }
    assert!(
        r.orders
            .iter()
            .any(|o| o.outstanding() > 0 && o.plan.iter().any(|i| i.overdue(data.today)))
    );
}

#[test]
fn author_mistakes_are_found() {
    let mut data = data();
    data.records.orders[0].plan[0].amount += 1;
    let problems = check_data(&data);
    assert!(
        problems
            .iter()
            .any(|p| p.value == data.records.orders[0].id && p.message.contains("payment plan")),
        "{problems:?}"
    );
    let lab = Lab {
        id: "lab".into(),
        title: "实验".into(),
        lesson: "l".into(),
        data: "labs/x.ron".into(),
        role: String::new(),
        intro: String::new(),
        tasks: vec![task(Goal::NewCustomers {
            count: 1,
            fields: vec!["industy".into()],
            kind: None,
        })],
        debrief: Vec::new(),
    };
    let problems = check_lab(&lab, &data);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].value, "industy");
}

#[test]
fn the_built_in_company_has_orders_of_several_lines_whose_plans_add_up_to_their_lines() {
    let data: LabData =
        ron::from_str(include_str!("../../../../../lessons/labs/qihang-crm.ron")).unwrap();
    let orders = &data.records.orders;
    let several = orders.iter().filter(|o| o.lines.len() > 1).count();
    assert!(several * 3 >= orders.len(), "{several} of {}", orders.len());
    for o in orders.iter().filter(|o| !o.plan.is_empty()) {
        let lines: i64 = o
            .lines
            .iter()
            .map(|l| i64::from(l.quantity) * l.price)
            .sum();
        assert_eq!(
            o.plan.iter().map(|i| i.amount).sum::<i64>(),
            lines,
            "{}",
            o.id
        );
    }
}
