//! Tests of the results export: the CSV columns, the summary, sittings and their totals,
//! readable answers, xAPI.

use super::*;

fn row(chapter: &str, item: &str, score: f32, max: f32) -> AttemptRow {
    let started = DateTime::parse_from_rfc3339("2026-03-01T08:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    AttemptRow {
        profile: "小王".into(),
        pack_id: "acme.pack".into(),
        pack_version: "1.2.0".into(),
        item_id: item.into(),
        item_type: "single".into(),
        chapter: chapter.into(),
        answer: "AC".into(),
        score,
        max,
        started,
        finished: started + chrono::Duration::seconds(42),
        chapter_no: 0,
        question: String::new(),
        key: String::new(),
        answer_text: String::new(),
        points_ticked: String::new(),
        exam_id: String::new(),
        exam_title: String::new(),
    }
}

#[test]
fn csv_opens_in_excel_and_round_trips() {
    let bytes = attempts_csv(&[row("第一章, 投诉", "q1", 0.5, 2.0)]);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let record = reader.records().next().unwrap().unwrap();
    assert_eq!(&record[0], "小王");
    assert_eq!(&record[5], "第一章, 投诉");
    assert_eq!(&record[6], "AC");
    assert_eq!((&record[7], &record[8]), ("0.5", "2"));
    assert_eq!(&record[10], "2026-03-01T08:00:42Z");
}

#[test]
fn summary_adds_up_per_chapter() {
    let rows = [
        row("一", "q1", 1.0, 1.0),
        row("二", "q2", 0.0, 1.0),
        row("一", "q3", 1.0, 2.0),
    ];
    let summary = summarise(&rows);
    assert_eq!(summary.len(), 2);
    assert_eq!(summary[0].chapter, "一");
    assert_eq!((summary[0].attempts, summary[0].correct), (2, 1));
    assert_eq!((summary[0].score, summary[0].max), (2.0, 3.0));
    let text = String::from_utf8(summary_csv(&rows)).unwrap();
    assert!(text.contains("小王,acme.pack,一,2,1,2,3,67"), "{text}");
}

#[test]
fn chapters_follow_the_course_and_practice_stays_apart() {
    let mut rows = vec![
        row("二", "q2", 1.0, 1.0),
        row("一", "q1", 1.0, 1.0),
        row("一", "rp1", 80.0, 100.0),
    ];
    rows[0].chapter_no = 2;
    rows[1].chapter_no = 1;
    rows[2].chapter_no = 1;
    rows[2].item_type = "roleplay".into();
    let summary = summarise(&rows);
    assert_eq!(summary[0].chapter, "一");
    assert_eq!((summary[0].score, summary[0].max), (1.0, 1.0));
    assert_eq!(summary[0].practice_percent(), Some(80.0));
    assert_eq!(summary[1].chapter, "二");
    assert_eq!(
        split_points("先倾听\n[points: 1,3]"),
        ("先倾听", vec![1, 3])
    );
    let a = xapi_statements(&rows);
    let b = xapi_statements(&rows);
    assert_eq!(a[0]["id"], b[0]["id"]);
    assert_ne!(a[0]["id"], a[1]["id"]);
    assert_eq!(a[0]["id"].as_str().unwrap().len(), 36);
    assert!(
        a[0]["actor"]["account"]["homePage"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    assert_eq!(
        a[0]["context"]["contextActivities"]["parent"][0]["id"],
        a[1]["context"]["contextActivities"]["parent"][0]["id"]
    );
}

#[test]
fn xapi_statements_follow_the_spec() {
    let value = xapi_statements(&[row("一", "q1", 1.0, 2.0)]);
    let s = &value[0];
    assert_eq!(s["actor"]["account"]["name"], "小王");
    assert_eq!(s["verb"]["id"], "http://adlnet.gov/expapi/verbs/answered");
    assert_eq!(s["object"]["id"], "urn:servicecraft:acme.pack:q1");
    assert_eq!(s["result"]["score"]["scaled"], 0.5);
    assert_eq!(s["result"]["score"]["raw"], 1.0);
    assert_eq!(s["result"]["score"]["max"], 2.0);
    assert_eq!(s["result"]["duration"], "PT42S");
    assert_eq!(s["timestamp"], "2026-03-01T08:00:42Z");
}

fn builtin() -> Arc<Pack> {
    Arc::new(
        crate::pack::load_pack(&crate::pack::builtin_source())
            .pack
            .unwrap(),
    )
}

fn at(minute: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-01T08:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
        + chrono::Duration::minutes(minute)
}

fn logged(item: &str, pack: &Pack, answer: &str, score: f32, max: f32) -> LoggedAttempt {
    LoggedAttempt {
        item: item.to_owned(),
        pack: pack.manifest.id.clone(),
        attempt: super::super::Attempt {
            started: at(0),
            finished: at(1),
            answer: answer.to_owned(),
            score,
            max,
        },
        certainty: None,
        exam: None,
    }
}

fn in_exam(mut attempt: LoggedAttempt, started: i64) -> LoggedAttempt {
    attempt.attempt.started = at(started);
    attempt.attempt.finished = at(started + 30);
    attempt.exam = Some(super::super::ExamTag {
        id: "mock.a".to_owned(),
        title: "模拟考试 A".to_owned(),
    });
    attempt
}

#[test]
fn each_sitting_has_its_exam_and_a_total_row_of_question_points_only() {
    let pack = builtin();
    let ids: Vec<String> = pack
        .questions()
        .take(3)
        .map(|(_, q)| q.id.clone())
        .collect();
    let log = vec![
        in_exam(logged(&ids[0], &pack, "A", 1.0, 1.0), 0),
        in_exam(logged(&ids[1], &pack, "B", 0.0, 2.0), 0),
        // A second sitting of the same exam, later.
        in_exam(logged(&ids[2], &pack, "C", 2.0, 2.0), 60),
        logged(&ids[0], &pack, "A", 1.0, 1.0),
    ];
    let rows = rows_for("小王", &log, std::slice::from_ref(&pack));
    let types: Vec<&str> = rows.iter().map(|r| r.item_type.as_str()).collect();
    assert_eq!(types.len(), 6, "{types:?}");
    assert_eq!(types[2], EXAM_TOTAL);
    assert_eq!(types[4], EXAM_TOTAL);
    let first = &rows[2];
    assert_eq!(
        (first.item_id.as_str(), first.question.as_str()),
        ("mock.a", "模拟考试 A")
    );
    assert_eq!((first.score, first.max), (1.0, 3.0));
    assert_eq!(first.answer_text, "1/2");
    assert_eq!((first.started, first.finished), (at(0), at(30)));
    assert_eq!((rows[4].score, rows[4].max), (2.0, 2.0));
    assert!(
        rows[..2]
            .iter()
            .all(|r| r.exam_id == "mock.a" && r.exam_title == "模拟考试 A")
    );
    assert!(rows[5].exam_id.is_empty(), "an answer outside the exam");
    // The summary and xAPI count the answers, not the totals again.
    let answered: usize = summarise(&rows).iter().map(|s| s.attempts).sum();
    assert_eq!(answered, 4);
    assert_eq!(xapi_statements(&rows).as_array().unwrap().len(), 4);
    let text = String::from_utf8(attempts_csv(&rows)).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.ends_with("seconds,exam_id,exam_title"), "{header}");
    assert!(text.contains(",exam_total,"), "{text}");
}

#[test]
fn role_play_replies_written_answers_and_tows_are_readable() {
    let pack = builtin();
    let play = pack
        .chapters
        .iter()
        .flat_map(|c| &c.roleplays)
        .find(|p| p.best_path().is_some_and(|(_, path)| path.len() >= 2))
        .unwrap();
    let (_, path) = play.best_path().unwrap();
    let path_text: Vec<String> = path.iter().map(usize::to_string).collect();
    let mut talk = crate::model::Conversation::start(play).unwrap();
    let first_reply = talk.current(play).unwrap().choices[path[0]].text.clone();
    talk.choose(play, path[0]).unwrap();
    let second_reply = talk.current(play).unwrap().choices[path[1]].text.clone();
    let written = pack
        .questions()
        .find_map(|(_, q)| match &q.kind {
            crate::model::QuestionKind::ShortAnswer { points, .. } if points.len() >= 2 => {
                Some((q.id.clone(), points[1].text.clone()))
            }
            _ => None,
        })
        .unwrap();
    let swot = pack
        .chapters
        .iter()
        .flat_map(|c| &c.swot)
        .next()
        .unwrap()
        .id
        .clone();
    let log = vec![
        logged(&play.id, &pack, &path_text.join(","), 80.0, 100.0),
        logged(&written.0, &pack, "先倾听，再道歉\n[points: 2]", 1.0, 4.0),
        logged(&format!("{swot}#tows"), &pack, "", 3.0, 4.0),
    ];
    let rows = rows_for("小王", &log, std::slice::from_ref(&pack));
    assert_eq!(rows[0].item_type, "roleplay");
    assert_eq!(
        rows[0].answer,
        path_text.join(","),
        "the path stays for machines"
    );
    assert!(
        rows[0]
            .answer_text
            .starts_with(&format!("{first_reply} → {second_reply}")),
        "{}",
        rows[0].answer_text
    );
    assert_eq!(rows[1].answer, "先倾听，再道歉");
    assert_eq!(rows[1].answer_text, "先倾听，再道歉");
    assert_eq!(rows[1].points_ticked, written.1);
    assert_eq!(rows[2].item_type, "tows");
    assert!(!rows[2].question.is_empty(), "the SWOT case's title");
    // Role-play percentages and exercise shares stay out of the question points.
    let summary = summarise(&rows);
    let points: f32 = summary.iter().map(|s| s.max).sum();
    assert_eq!(points, 4.0);
}

#[test]
fn a_role_play_path_that_no_longer_fits_is_shown_as_recorded() {
    let pack = builtin();
    let play = pack
        .chapters
        .iter()
        .flat_map(|c| &c.roleplays)
        .next()
        .unwrap();
    let rows = rows_for(
        "小王",
        &[logged(&play.id, &pack, "99,0", 10.0, 100.0)],
        std::slice::from_ref(&pack),
    );
    assert_eq!(rows[0].answer_text, "99,0");
}

#[test]
fn logs_from_before_exams_were_recorded_still_read() {
    let old = "(format_version: 1, attempts: [(item: \"q1\", pack: \"p\", attempt: (started: \"2026-03-01T08:00:00Z\", finished: \"2026-03-01T08:00:00Z\", answer: \"\", score: 3.0, max: 4.0))])";
    let segment: super::super::record::AttemptSegment = ron::from_str(old).unwrap();
    assert_eq!(segment.attempts[0].exam, None);
    let rows = rows_for("小王", &segment.attempts, &[]);
    assert_eq!(rows.len(), 1, "no total without an exam");
    let bytes = attempts_csv(&rows);
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let record = reader.records().next().unwrap().unwrap();
    assert_eq!(
        &record[16], "0",
        "an exercise logged before its start time was: 0 seconds"
    );
}
