//! A simulated company, generated deterministically: the built-in lab data
//! (`lessons/labs/qihang-crm.ron`, written by `cargo run --example make_lab`) and the large
//! datasets of the lab benchmarks come from here. The same seed and scale always give the same
//! records.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};

use super::{
    CarePlan, Company, Competitor, Customer, CustomerClass, CustomerKind, Department, FeedbackType,
    Instalment, LabData, MarketActivity, Order, OrderLine, OrderStatus, Payment, Product, Records,
    ServiceStatus, ServiceTask, Staff, StatusChange,
};

/// How much to generate.
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    /// Customers (of every class) besides the agents and potential customers.
    pub customers: usize,
    pub agents: usize,
    pub potential: usize,
    pub orders: usize,
    pub service: usize,
}

impl Scale {
    /// The built-in lab: 44 customers, 4 agents, 6 potential customers, 150 orders, 30 tasks.
    pub const BUILTIN: Self = Self {
        customers: 44,
        agents: 4,
        potential: 6,
        orders: 150,
        service: 30,
    };

    /// A stress dataset of `n` customers and `n` orders.
    pub fn large(n: usize) -> Self {
        Self {
            customers: n,
            agents: n / 20,
            potential: n / 10,
            orders: n,
            service: n / 5,
        }
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn at(day: NaiveDate, hour: u32) -> NaiveDateTime {
    day.and_hms_opt(hour, 0, 0).unwrap_or_default()
}

/// The lab's today: ten days into the year after the simulated one.
pub const TODAY: (i32, u32, u32) = (2025, 1, 10);

const DEPARTMENTS: [(&str, &str); 4] = [
    ("D1", "华东销售部"),
    ("D2", "华南销售部"),
    ("D3", "客户服务部"),
    ("D4", "财务部"),
];

/// Staff: id, name, department, role, and how much of the department's sales each makes.
const STAFF: [(&str, &str, &str, &str, u32); 12] = [
    ("E01", "周志强", "D1", "销售经理", 5),
    ("E02", "林晓燕", "D1", "销售员", 9),
    ("E03", "何俊峰", "D1", "销售员", 6),
    ("E04", "孙丽娟", "D1", "销售员", 4),
    ("E05", "郑海涛", "D2", "销售经理", 4),
    ("E06", "梁嘉欣", "D2", "销售员", 6),
    ("E07", "冯志远", "D2", "销售员", 3),
    ("E08", "许静怡", "D3", "服务主管", 0),
    ("E09", "杜文斌", "D3", "客服人员", 0),
    ("E10", "唐雨萱", "D3", "客服人员", 0),
    ("E11", "曹建明", "D3", "生产主管", 0),
    ("E12", "袁佩玲", "D4", "会计", 0),
];

/// Products: id, name, category, unit, price, warranty months.
const PRODUCTS: [(&str, &str, &str, &str, i64, u32); 10] = [
    (
        "P01",
        "启航 LP-3200 黑白激光打印机",
        "打印设备",
        "台",
        1_680,
        12,
    ),
    (
        "P02",
        "启航 CP-5500 彩色数码复印机",
        "打印设备",
        "台",
        23_800,
        24,
    ),
    ("P03", "启航 PJ-900 商务投影仪", "会议设备", "台", 4_590, 12),
    ("P04", "启航 SD-12 保密碎纸机", "办公设备", "台", 980, 12),
    (
        "P05",
        "启航 AT-60 人脸识别考勤机",
        "办公设备",
        "台",
        1_250,
        12,
    ),
    ("P06", "启航 SC-80 高速扫描仪", "打印设备", "台", 3_360, 12),
    (
        "P07",
        "启航 MB-75 智能会议平板",
        "会议设备",
        "台",
        16_900,
        24,
    ),
    ("P08", "启航 OD-2 办公桌椅套装", "办公家具", "套", 2_200, 36),
    ("P09", "启航 TN-32 原装硒鼓", "耗材", "个", 420, 0),
    ("P10", "启航 全保维保服务年卡", "服务", "张", 6_000, 12),
];

const CITIES_EAST: [&str; 5] = ["杭州", "宁波", "绍兴", "上海", "苏州"];
const CITIES_SOUTH: [&str; 4] = ["广州", "深圳", "东莞", "佛山"];
const CORES: [&str; 24] = [
    "恒信", "华联", "宏达", "明德", "瑞丰", "嘉禾", "同创", "远航", "锦程", "新海", "汇通", "博雅",
    "天成", "正泰", "美华", "德邦", "金桥", "安泰", "伟业", "长青", "星河", "鼎盛", "立信", "康宁",
];
const INDUSTRIES: [(&str, &str); 8] = [
    ("制造业", "实业有限公司"),
    ("教育", "教育科技有限公司"),
    ("医疗", "医疗器械有限公司"),
    ("金融", "投资管理有限公司"),
    ("物流", "物流有限公司"),
    ("零售", "商贸有限公司"),
    ("政府机关", "街道办事处"),
    ("互联网", "网络科技有限公司"),
];
const SURNAMES: [&str; 12] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "朱",
];
const GIVEN: [&str; 12] = [
    "建国", "秀英", "伟", "芳", "敏", "静", "磊", "洋", "艳", "勇", "军", "婷",
];

/// Customers of each class, in this order: a few key ones, more major ones, most ordinary.
fn class_of(i: usize, n: usize) -> CustomerClass {
    match i * 100 / n.max(1) {
        0..=13 => CustomerClass::Key,
        14..=36 => CustomerClass::Major,
        37..=77 => CustomerClass::Ordinary,
        _ => CustomerClass::Small,
    }
}

fn company() -> Company {
    Company {
        name: "杭州启航办公设备有限公司".to_owned(),
        description: "一家销售打印、会议和办公设备并提供维保服务的中型企业，在华东和华南设有销售部，另有客户服务部和财务部。（虚构公司，数据为模拟生成）".to_owned(),
        departments: DEPARTMENTS
            .iter()
            .map(|(id, name)| Department {
                id: (*id).to_owned(),
                name: (*name).to_owned(),
            })
            .collect(),
        staff: STAFF
            .iter()
            .map(|(id, name, dept, role, _)| Staff {
                id: (*id).to_owned(),
                name: (*name).to_owned(),
                department: (*dept).to_owned(),
                role: (*role).to_owned(),
            })
            .collect(),
    }
}

fn products() -> Vec<Product> {
    PRODUCTS
        .iter()
        .map(|(id, name, category, unit, price, warranty)| Product {
            id: (*id).to_owned(),
            name: (*name).to_owned(),
            category: (*category).to_owned(),
            unit: (*unit).to_owned(),
            price: *price,
            warranty_months: *warranty,
            description: String::new(),
        })
        .collect()
}

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

/// A staff id of department `dept`, weighted by each one's share of sales.
fn seller(rng: &mut fastrand::Rng, dept: &str) -> &'static str {
    let of_dept: Vec<_> = STAFF.iter().filter(|s| s.2 == dept && s.4 > 0).collect();
    let total: u32 = of_dept.iter().map(|s| s.4).sum();
    let mut roll = rng.u32(..total.max(1));
    for s in &of_dept {
        if roll < s.4 {
            return s.0;
        }
        roll -= s.4;
    }
    STAFF[1].0
}

fn customers(rng: &mut fastrand::Rng, scale: Scale, start: NaiveDate) -> Vec<Customer> {
    let total = scale.customers + scale.agents + scale.potential;
    let mut out = Vec::with_capacity(total);
    for i in 0..total {
        let (kind, class) = if i < scale.customers {
            (CustomerKind::Customer, Some(class_of(i, scale.customers)))
        } else if i < scale.customers + scale.agents {
            (CustomerKind::Agent, Some(CustomerClass::Major))
        } else {
            (CustomerKind::Potential, None)
        };
        let east = i % 3 != 2;
        let city = if east {
            *pick(rng, &CITIES_EAST)
        } else {
            *pick(rng, &CITIES_SOUTH)
        };
        let (industry, suffix) = INDUSTRIES[(i * 7 + i / 8) % INDUSTRIES.len()];
        let core = CORES[(i * 5 + i / CORES.len()) % CORES.len()];
        let mut name = format!("{city}{core}{suffix}");
        if kind == CustomerKind::Agent {
            name = format!("{city}{core}办公设备经销部");
        }
        if out.iter().any(|c: &Customer| c.name == name) || total > 200 {
            name = format!("{name}（{}）", i + 1);
        }
        let contact = format!("{}{}", pick(rng, &SURNAMES), pick(rng, &GIVEN));
        let phone = format!("1{}{:09}", [3, 5, 8][i % 3], rng.u32(..1_000_000_000));
        let dept = if east { "D1" } else { "D2" };
        out.push(Customer {
            id: format!("C{:04}", i + 1),
            name,
            kind,
            class,
            industry: industry.to_owned(),
            contact,
            phone,
            region: city.to_owned(),
            address: format!("{city}市{}路{}号", pick(rng, &CORES), rng.u32(1..300)),
            owner: seller(rng, dept).to_owned(),
            created: start - Duration::days(i64::from(rng.u32(30..900))),
            note: String::new(),
            by_learner: false,
            converted: None,
        });
    }
    out
}

/// How many units a customer of `class` buys at once.
fn quantity(rng: &mut fastrand::Rng, class: Option<CustomerClass>, price: i64) -> u32 {
    let base = match class {
        Some(CustomerClass::Key) => 8,
        Some(CustomerClass::Major) => 5,
        Some(CustomerClass::Ordinary) => 3,
        _ => 1,
    };
    let cheap = if price < 1_000 { 4 } else { 1 };
    rng.u32(1..=base) * cheap
}

/// A plan of 1–3 instalments, the last taking the remainder so it adds up exactly.
fn plan(rng: &mut fastrand::Rng, day: NaiveDate, total: i64, today: NaiveDate) -> Vec<Instalment> {
    let parts = if total > 20_000 {
        rng.usize(2..=3)
    } else {
        rng.usize(1..=2)
    };
    let share = total / parts as i64;
    let mut out = Vec::new();
    for k in 0..parts {
        let due = day + Duration::days(15 + 30 * k as i64);
        let amount = if k + 1 == parts {
            total - share * (parts as i64 - 1)
        } else {
            share
        };
        let mut payments = Vec::new();
        if due < today {
            let roll = rng.u32(..100);
            let paid_on = (due - Duration::days(i64::from(rng.u32(..10)))).max(day);
            if roll < 82 {
                payments.push(Payment {
                    date: paid_on,
                    amount,
                });
            } else if roll < 90 {
                payments.push(Payment {
                    date: paid_on,
                    amount: amount / 2,
                });
            }
        }
        out.push(Instalment {
            due,
            amount,
            payments,
            reminded: None,
        });
    }
    out
}

fn orders(
    rng: &mut fastrand::Rng,
    scale: Scale,
    customers: &[Customer],
    start: NaiveDate,
    today: NaiveDate,
) -> Vec<Order> {
    let buyers: Vec<&Customer> = customers
        .iter()
        .filter(|c| c.kind != CustomerKind::Potential)
        .collect();
    // Key customers buy more often: weight 6, major 3, others 1.
    let weights: Vec<u32> = buyers
        .iter()
        .map(|c| match c.class {
            Some(CustomerClass::Key) => 6,
            Some(CustomerClass::Major) => 3,
            _ => 1,
        })
        .collect();
    let total_weight: u32 = weights.iter().sum();
    let mut out = Vec::with_capacity(scale.orders);
    for i in 0..scale.orders {
        let mut roll = rng.u32(..total_weight.max(1));
        let mut buyer = buyers[0];
        for (c, w) in buyers.iter().zip(&weights) {
            if roll < *w {
                buyer = c;
                break;
            }
            roll -= w;
        }
        // The mid-year promotion (年中促销) puts a fifth of the orders in June.
        let day = if rng.u32(..5) == 0 {
            date(start.year(), 6, rng.u32(1..=30))
        } else {
            start + Duration::days(i64::from(rng.u32(..365)))
        };
        let lines: Vec<OrderLine> = (0..rng.usize(1..=3))
            .map(|_| {
                let p = pick(rng, &PRODUCTS);
                OrderLine {
                    product: p.0.to_owned(),
                    quantity: quantity(rng, buyer.class, p.4),
                    // Key customers get a negotiated 5 % off.
                    price: if buyer.class == Some(CustomerClass::Key) {
                        p.4 * 95 / 100
                    } else {
                        p.4
                    },
                }
            })
            .collect();
        let dept = STAFF
            .iter()
            .find(|s| s.0 == buyer.owner)
            .map_or("D1", |s| s.2);
        let staff = if rng.u32(..4) == 0 {
            seller(rng, dept)
        } else {
            buyer.owner.as_str()
        };
        let mut order = Order {
            id: format!("O{:05}", i + 1),
            customer: buyer.id.clone(),
            staff: staff.to_owned(),
            date: day,
            lines,
            status: OrderStatus::Open,
            plan: Vec::new(),
            by_learner: false,
            plan_by_learner: false,
        };
        if rng.u32(..40) == 0 {
            order.status = OrderStatus::Terminated;
        } else {
            order.plan = plan(rng, day, order.total(), today);
            if order.outstanding() == 0 {
                order.status = OrderStatus::Done;
            }
        }
        out.push(order);
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    for (i, order) in out.iter_mut().enumerate() {
        order.id = format!("O{:05}", i + 1);
    }
    out
}

const SERVICE_TITLES: [(FeedbackType, &str); 12] = [
    (FeedbackType::Complaint, "复印机卡纸频繁，维修后一周又出现"),
    (FeedbackType::Complaint, "送货比约定晚了三天，影响开会"),
    (FeedbackType::Complaint, "发票开错抬头，多次联系未处理"),
    (FeedbackType::Complaint, "上门工程师态度不好"),
    (FeedbackType::Inquiry, "询问会议平板能否连接视频会议系统"),
    (FeedbackType::Inquiry, "咨询维保年卡包含哪些服务"),
    (FeedbackType::Inquiry, "询问硒鼓批量采购的价格"),
    (FeedbackType::Repair, "投影仪开机后画面偏色"),
    (FeedbackType::Repair, "考勤机无法识别新员工人脸"),
    (FeedbackType::Repair, "扫描仪进纸辊磨损"),
    (FeedbackType::Suggestion, "建议增加微信报修渠道"),
    (FeedbackType::Suggestion, "建议维修后回访时说明故障原因"),
];

const SERVICE_STAFF: [&str; 3] = ["E08", "E09", "E10"];

fn service(
    rng: &mut fastrand::Rng,
    scale: Scale,
    customers: &[Customer],
    today: NaiveDate,
) -> Vec<ServiceTask> {
    let buyers: Vec<&Customer> = customers
        .iter()
        .filter(|c| c.kind != CustomerKind::Potential)
        .collect();
    (0..scale.service)
        .map(|i| {
            let (kind, title) = SERVICE_TITLES[(i * 5) % SERVICE_TITLES.len()];
            let customer = pick(rng, &buyers);
            let opened = today - Duration::days(i64::from(rng.u32(1..90)));
            // A third still waiting in 受理, the rest spread over the later stages.
            let reached = match i % 6 {
                0 | 3 => 0,
                1 => 1,
                2 | 4 => 2,
                _ => 3,
            };
            let staff = SERVICE_STAFF[i % SERVICE_STAFF.len()];
            let who = STAFF.iter().find(|s| s.0 == staff).map_or("", |s| s.1);
            let mut history = Vec::new();
            for step in 0..reached {
                let when = at(opened + Duration::days(step as i64 + 1), 10 + step as u32);
                history.push(StatusChange {
                    who: who.to_owned(),
                    when: when.min(at(today, 9)),
                    from: ServiceStatus::ALL[step],
                    to: ServiceStatus::ALL[step + 1],
                    by_learner: false,
                });
            }
            let status = ServiceStatus::ALL[reached];
            let resolved = reached >= 2;
            ServiceTask {
                id: format!("S{:04}", i + 1),
                customer: customer.id.clone(),
                kind,
                title: title.to_owned(),
                product: pick(rng, &PRODUCTS).0.to_owned(),
                staff: staff.to_owned(),
                opened,
                status,
                history,
                resolution: if resolved {
                    "已上门处理并向客户说明原因，客户确认问题解决。".to_owned()
                } else {
                    String::new()
                },
                satisfaction: resolved.then(|| {
                    if kind == FeedbackType::Complaint {
                        rng.u8(2..=4)
                    } else {
                        rng.u8(3..=5)
                    }
                }),
            }
        })
        .collect()
}

const CARE_KINDS: [&str; 4] = ["节日问候", "生日祝福", "使用回访", "满意度调查"];
const ACTIVITY_KINDS: [(&str, u32); 4] = [
    ("行业展会", 14),
    ("客户研讨会", 9),
    ("电话营销", 6),
    ("网络广告", 4),
];

fn cares_and_activities(
    rng: &mut fastrand::Rng,
    customers: &[Customer],
    start: NaiveDate,
    today: NaiveDate,
) -> (Vec<CarePlan>, Vec<MarketActivity>) {
    let key: Vec<&Customer> = customers
        .iter()
        .filter(|c| matches!(c.class, Some(CustomerClass::Key | CustomerClass::Major)))
        .collect();
    let cares = (0..key.len().min(20))
        .map(|i| {
            let day = today - Duration::days(i64::from(rng.u32(..200)));
            CarePlan {
                id: format!("H{:03}", i + 1),
                customer: key[i].id.clone(),
                kind: CARE_KINDS[i % CARE_KINDS.len()].to_owned(),
                date: day,
                staff: SERVICE_STAFF[i % 3].to_owned(),
                note: String::new(),
                done: day < today,
                by_learner: false,
            }
        })
        .collect();
    let activities = (0..16)
        .map(|i| {
            let (kind, leads) = ACTIVITY_KINDS[i % ACTIVITY_KINDS.len()];
            let dept = ["D1", "D2"][i % 2];
            MarketActivity {
                id: format!("M{:03}", i + 1),
                title: format!("{}（{}月）", kind, i * 3 / 4 + 1),
                kind: kind.to_owned(),
                department: dept.to_owned(),
                staff: seller(rng, dept).to_owned(),
                date: start + Duration::days(i as i64 * 22 + 5),
                cost: i64::from(leads) * 1_500 + i64::from(rng.u32(..5)) * 500,
                leads: leads + rng.u32(..3),
            }
        })
        .collect();
    (cares, activities)
}

const COMPETITORS: [(&str, &str, &str, &str, &str); 4] = [
    (
        "联印科技",
        "打印机、复印机",
        "价格低、渠道多",
        "售后网点少，响应慢",
        "低",
    ),
    (
        "东方会通",
        "会议平板、投影仪",
        "品牌知名度高",
        "价格高，定制能力弱",
        "高",
    ),
    (
        "信达办公",
        "办公家具、耗材",
        "货品齐全、交货快",
        "设备维修能力弱",
        "中",
    ),
    (
        "华南数码",
        "扫描仪、考勤机",
        "华南本地关系好",
        "产品线窄",
        "中",
    ),
];

/// The simulated company for `scale`, from `seed`.
pub fn generate(scale: Scale, seed: u64) -> LabData {
    let mut rng = fastrand::Rng::with_seed(seed);
    let today = date(TODAY.0, TODAY.1, TODAY.2);
    let start = date(TODAY.0 - 1, 1, 1);
    let customers = customers(&mut rng, scale, start);
    let orders = orders(&mut rng, scale, &customers, start, today);
    let service = service(&mut rng, scale, &customers, today);
    let (cares, activities) = cares_and_activities(&mut rng, &customers, start, today);
    let competitors = COMPETITORS
        .iter()
        .enumerate()
        .map(
            |(i, (name, products, strengths, weaknesses, price))| Competitor {
                id: format!("K{:02}", i + 1),
                name: (*name).to_owned(),
                products: (*products).to_owned(),
                strengths: (*strengths).to_owned(),
                weaknesses: (*weaknesses).to_owned(),
                price_level: (*price).to_owned(),
            },
        )
        .collect();
    LabData {
        company: company(),
        today,
        products: products(),
        records: Records {
            customers,
            competitors,
            orders,
            service,
            cares,
            activities,
        },
        shared: super::SharedSeed::default(),
    }
}
