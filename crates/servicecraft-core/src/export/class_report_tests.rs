//! Tests of the class report: five trainees' exports merged, duplicates once, versions
//! reconciled, idle trainees found, the page self-contained, and foreign files refused.

use super::*;
use crate::progress::export::attempts_csv;

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("2026-03-{day:02}T{hour:02}:00:00Z"))
        .unwrap()
        .with_timezone(&Utc)
}

#[expect(clippy::too_many_arguments, reason = "a row is many fields")]
fn row(
    who: &str,
    version: &str,
    item: &str,
    chapter: (usize, &str),
    answer: &str,
    score: f32,
    day: u32,
    kind: &str,
) -> AttemptRow {
    AttemptRow {
        profile: who.into(),
        pack_id: "servicecraft.syllabus".into(),
        pack_version: version.into(),
        item_id: item.into(),
        item_type: kind.into(),
        chapter: chapter.1.into(),
        answer: answer.into(),
        score,
        max: 1.0,
        started: at(day, 9),
        finished: at(day, 9) + Duration::seconds(90),
        chapter_no: chapter.0,
        question: format!("{item} 的题干"),
        key: "A".into(),
        answer_text: format!("{answer} 选项"),
        points_ticked: String::new(),
        exam_id: String::new(),
        exam_title: String::new(),
    }
}

const CH1: (usize, &str) = (1, "第一章 客户服务概述");
const CH2: (usize, &str) = (2, "第二章 服务质量");

/// Five trainees; 小李 handed in twice; 小赵 used an older pack where q1 sat in another chapter.
fn class() -> Vec<ResultsFile> {
    let files = [
        vec![
            row("小王", "1.2.0", "q1", CH1, "A", 1.0, 20, "single"),
            row("小王", "1.2.0", "q2", CH2, "B", 0.0, 20, "single"),
        ],
        vec![
            row("小李", "1.2.0", "q1", CH1, "C", 0.0, 18, "single"),
            row("小李", "1.2.0", "q1", CH1, "A", 1.0, 19, "single"),
        ],
        vec![
            row("小李", "1.2.0", "q1", CH1, "C", 0.0, 18, "single"),
            row("小李", "1.2.0", "q1", CH1, "A", 1.0, 19, "single"),
        ],
        vec![
            row(
                "小赵",
                "1.0.0",
                "q1",
                (1, "第一章 概述（旧）"),
                "B",
                0.0,
                10,
                "single",
            ),
            row("小赵", "1.0.0", "rp1", CH2, "", 0.8, 10, "roleplay"),
        ],
        vec![row("小陈", "1.2.0", "q2", CH2, "B", 0.0, 21, "single")],
        vec![row("小周", "1.2.0", "q2", CH2, "A", 1.0, 21, "single")],
    ];
    files
        .into_iter()
        .map(|rows| parse_results(&attempts_csv(&rows)).unwrap())
        .collect()
}

#[test]
fn five_trainees_merge_into_one_report() {
    let report = build(class(), at(22, 12));
    let names: Vec<&str> = report.trainees.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names.len(), 5, "{names:?}");
    assert_eq!(report.duplicates, 2, "the second copy of 小李's export");
    // The old chapter name of q1 gives way to the newest version's.
    assert_eq!(report.chapters, [CH1.1, CH2.1]);
    let li = report
        .trainees
        .iter()
        .position(|t| t.name == "小李")
        .unwrap();
    assert_eq!(report.trainees[li].attempts, 2);
    assert_eq!(
        report.trainees[li].score,
        Some(1.0),
        "latest attempt counts"
    );
    assert_eq!(report.cells[li][0].score, Some(1.0));
    assert_eq!(
        (report.cells[li][0].done, report.cells[li][0].total),
        (1, 1)
    );
    assert_eq!(report.trainees[li].seconds, 180);
    let zhao = report.trainees.iter().find(|t| t.name == "小赵").unwrap();
    assert!(zhao.inactive, "last studied on the 10th");
    assert_eq!(
        zhao.score,
        Some(0.0),
        "the role-play's 80% is not question points"
    );
    assert!(!report.trainees[li].inactive);
    // q2 missed by 小王 and 小陈 with B; q1 by 小李 with C and 小赵 with B.
    assert_eq!(report.missed[0].wrong, 2);
    let q2 = report.missed.iter().find(|m| m.item_id == "q2").unwrap();
    assert_eq!(q2.wrong_answers, vec![("B 选项".to_owned(), 2)]);
    assert_eq!(q2.attempts, 3);
}

#[test]
fn the_page_is_self_contained_and_the_workbook_opens() {
    let report = build(class(), at(22, 12));
    let page = html(&report, Lang::Zh);
    assert!(page.starts_with("<!DOCTYPE html>"));
    // For looking at it in a browser: SERVICECRAFT_KEEP_REPORT=/tmp/report.html cargo test …
    if let Ok(keep) = std::env::var("SERVICECRAFT_KEEP_REPORT") {
        std::fs::write(keep, &page).unwrap();
    }
    for needle in ["<svg", "@page { size: A4", "小赵", "B 选项 ×2", "hsl("] {
        assert!(page.contains(needle), "{needle}");
    }
    for outside in ["http://", "https://", "<script", "<link", "src="] {
        let allowed = outside == "http://" && page.matches(outside).count() == 1;
        assert!(!page.contains(outside) || allowed, "{outside}");
    }
    let bytes = workbook(&report, Lang::Zh).unwrap();
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    use calamine::Reader;
    assert_eq!(book.sheet_names().len(), 3);
    let range = book.worksheet_range(&book.sheet_names()[0]).unwrap();
    assert_eq!(range.height(), 6);
}

#[test]
fn a_foreign_csv_is_refused_with_the_columns_it_lacks() {
    let err = parse_results("姓名,成绩\n张三,90\n".as_bytes())
        .err()
        .unwrap();
    assert!(err.contains("not a ServiceCraft results export"), "{err}");
    assert!(err.contains("profile, pack_id, item_id"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("grades.csv");
    std::fs::write(&foreign, "学号,分数\n1,90\n").unwrap();
    let err = from_paths(&[dir.path().to_path_buf()], at(22, 12)).unwrap_err();
    assert!(err.contains("grades.csv"), "{err}");
}

#[test]
fn pass_probability_is_shown_where_the_file_carries_it() {
    let text = "profile,pack_id,item_id,score,max,finished,pass_probability\n\
                小王,p,q1,1,1,2026-03-20T09:00:00Z,72%\n";
    let file = parse_results(text.as_bytes()).unwrap();
    let report = build(vec![file], at(22, 12));
    assert_eq!(report.trainees[0].pass_probability, Some(0.72));
    assert!(html(&report, Lang::En).contains("Pass probability"));
}

#[test]
fn folders_are_searched_for_exports_but_not_their_summaries() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.csv", "a.summary.csv", "notes.txt"] {
        std::fs::write(dir.path().join(name), "x").unwrap();
    }
    let files = collect_files(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(files, vec![dir.path().join("a.csv")]);
    assert!(collect_files(&[dir.path().join("missing")]).is_err());
}
