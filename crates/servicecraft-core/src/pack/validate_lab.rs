//! Checks the CRM labs of a pack: each lab's data file (records that refer to nothing, seed
//! payment plans that do not add up), its tasks (unknown lesson ids, goals naming fields records
//! do not have, questions the seed data cannot answer) and ids unique across the pack.

use std::collections::HashSet;

use super::diagnostic::Diagnostic;
use super::validate::Locator;
use crate::model::lab::check::{check_data, check_lab};
use crate::model::{ItemRef, Pack};

pub(super) fn check_labs(pack: &Pack, at: &Locator<'_>, out: &mut Vec<Diagnostic>) {
    for (rel, data) in &pack.lab_data {
        for problem in check_data(data) {
            out.push(at.error_in(rel, problem.field, &problem.value, 0, problem.message));
        }
    }
    let pack_ids: HashSet<String> = pack.all_ids().map(|(id, _)| id).collect();
    let mut seen = HashSet::new();
    for (c, lab) in pack.labs() {
        let ch = Some(c);
        let lesson_ok = |id: &str| matches!(pack.get(id), Some(ItemRef::Lesson(_)));
        for (id, lesson) in std::iter::once((&lab.id, &lab.lesson))
            .chain(lab.tasks.iter().map(|t| (&t.id, &t.lesson)))
        {
            if !seen.insert(id.as_str()) || pack_ids.contains(id) {
                out.push(at.error(
                    ch,
                    "id:",
                    id,
                    0,
                    format!("duplicate id `{id}`: ids must be unique in a pack"),
                ));
            }
            if !lesson_ok(lesson) {
                let nth = lab_lesson_nth(pack, c, lab, id, lesson);
                out.push(at.error(
                    ch,
                    "lesson:",
                    lesson,
                    nth,
                    format!("`{id}` names lesson `{lesson}`, which does not exist"),
                ));
            }
        }
        match pack.lab_data.get(&lab.data) {
            None => out.push(at.error(
                ch,
                "data:",
                &lab.data,
                0,
                format!(
                    "lab `{}`: its data file `{}` could not be read",
                    lab.id, lab.data
                ),
            )),
            Some(data) => {
                for problem in check_lab(lab, data) {
                    out.push(at.error(ch, problem.field, &problem.value, 0, problem.message));
                }
            }
        }
    }
}

/// Which occurrence of `lesson: "x"` in the chapter file belongs to item `id` of `lab`: the
/// chapter's questions and exercises come first in the file only if they are written first, so
/// count the lab's own earlier references and those of everything before the labs.
fn lab_lesson_nth(
    pack: &Pack,
    c: usize,
    lab: &crate::model::lab::Lab,
    id: &str,
    lesson: &str,
) -> usize {
    let Some(chapter) = pack.chapters.get(c) else {
        return 0;
    };
    let before_labs = chapter
        .questions
        .iter()
        .filter(|q| q.lesson == lesson)
        .count()
        + chapter
            .flashcards
            .iter()
            .filter(|x| x.lesson == lesson)
            .count()
        + chapter.swot.iter().filter(|x| x.lesson == lesson).count()
        + chapter
            .orderings
            .iter()
            .filter(|x| x.lesson == lesson)
            .count()
        + chapter.pdca.iter().filter(|x| x.lesson == lesson).count()
        + chapter
            .worksheets
            .iter()
            .filter(|x| x.lesson == lesson)
            .count()
        + chapter
            .roleplays
            .iter()
            .filter(|x| x.lesson == lesson)
            .count();
    let mut in_labs = 0;
    for other in &chapter.labs {
        for (oid, olesson) in std::iter::once((&other.id, &other.lesson))
            .chain(other.tasks.iter().map(|t| (&t.id, &t.lesson)))
        {
            if other.id == lab.id && oid == id {
                return before_labs + in_labs;
            }
            if olesson == lesson {
                in_labs += 1;
            }
        }
    }
    before_labs
}

#[cfg(test)]
mod tests {
    use crate::pack::{DirSource, builtin_source, load_pack, starter_source};

    #[test]
    fn the_shipped_packs_have_valid_labs() {
        let builtin = load_pack(&builtin_source());
        let errors: Vec<String> = builtin.errors().map(ToString::to_string).collect();
        assert_eq!(errors, Vec::<String>::new());
        let (counts, _) = builtin.pack.as_ref().unwrap().counts();
        assert_eq!(counts.labs, 4);
        assert!(
            (16..=32).contains(&counts.lab_tasks),
            "{}",
            counts.lab_tasks
        );
        let starter = load_pack(&starter_source());
        assert!(starter.is_valid(), "{:?}", starter.diagnostics);
        let pack = starter.pack.unwrap();
        assert_eq!((pack.counts().0.labs, pack.counts().0.lab_tasks), (1, 4));
        assert!(pack.lab("ex.lab.crm").is_some());
    }

    /// The starter pack written to a folder with `edit` applied to one file.
    fn starter_with(file: &str, from: &str, to: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (rel, bytes) in starter_source().files() {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let mut text = String::from_utf8(bytes.to_vec()).unwrap_or_default();
            if *rel == file {
                assert!(text.contains(from), "{from} not in {rel}");
                text = text.replacen(from, to, 1);
                std::fs::write(&path, text).unwrap();
            } else {
                std::fs::write(&path, bytes).unwrap();
            }
        }
        dir
    }

    fn errors_of(dir: &tempfile::TempDir) -> Vec<String> {
        load_pack(&DirSource::new(dir.path()))
            .errors()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn bad_labs_are_reported_with_positions() {
        let chapter = "chapters/01-complaints.ron";
        let dir = starter_with(
            chapter,
            "\"class\", \"contact\", \"industry\"]",
            "\"class\", \"contact\", \"industy\"]",
        );
        let errors = errors_of(&dir);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].contains("01-complaints.ron:") && errors[0].contains("field `industy`"),
            "{errors:?}"
        );
        let text = std::fs::read_to_string(dir.path().join(chapter)).unwrap();
        let line = text
            .lines()
            .position(|l| l.contains("\"industy\""))
            .unwrap()
            + 1;
        assert!(
            errors[0].contains(&format!(":{line}:")),
            "{errors:?} (line {line})"
        );

        let dir = starter_with("labs/demo-company.ron", "amount: 5000)", "amount: 5001)");
        let errors = errors_of(&dir);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].contains("demo-company.ron:")
                && errors[0].contains("order `O1`: payment plan"),
            "{errors:?}"
        );
        assert!(
            errors[0].contains("11001") && errors[0].contains("11000"),
            "{errors:?}"
        );

        let dir = starter_with(
            chapter,
            "lesson: \"ex.lesson.principles\",\n                    goal: OrderWithPlan",
            "lesson: \"ex.lesson.nope\",\n                    goal: OrderWithPlan",
        );
        let errors = errors_of(&dir);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].contains("`ex.lab.crm.t2` names lesson `ex.lesson.nope`"),
            "{errors:?}"
        );
        let text = std::fs::read_to_string(dir.path().join(chapter)).unwrap();
        let line = text
            .lines()
            .position(|l| l.contains("ex.lesson.nope"))
            .unwrap()
            + 1;
        assert!(
            errors[0].contains(&format!(":{line}:")),
            "{errors:?} (line {line})"
        );

        let dir = starter_with(
            chapter,
            "data: \"labs/demo-company.ron\"",
            "data: \"labs/missing.ron\"",
        );
        let errors = errors_of(&dir);
        assert!(
            errors.iter().any(|e| e.contains("file not found")),
            "{errors:?}"
        );
    }
}
