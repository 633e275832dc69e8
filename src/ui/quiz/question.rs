//! One question as the quiz and the exam draw it: the stem, the options in their shown order,
//! the learner's draft and the feedback after grading, and the keys that answer.

use std::collections::BTreeSet;

use egui::{Color32, RichText, Ui};

use super::Draft;
use crate::i18n::{Lang, T, paren};
use crate::model::{
    Grade, Question, QuestionKind, Response, answer_indices, keyword_hits, option_letter,
};
use crate::ui::lesson::{Accent, card_ui};
use crate::ui::rich::paragraph_ui;
/// The response a draft stands for, if it is complete enough to grade.
pub fn draft_response(kind: &QuestionKind, draft: &Draft) -> Option<Response> {
    match kind {
        QuestionKind::Single { .. } | QuestionKind::Multiple { .. } => (!draft.picked.is_empty())
            .then(|| Response::Choices(draft.picked.iter().copied().collect())),
        QuestionKind::TrueFalse { .. } => draft.true_false.map(Response::TrueFalse),
        QuestionKind::ShortAnswer { .. } => Some(Response::Written {
            text: draft.text.clone(),
            covered: draft.covered.iter().copied().collect(),
        }),
        QuestionKind::Case { .. } => None,
    }
}

pub fn type_label(kind: &QuestionKind, lang: Lang) -> &'static str {
    match kind {
        QuestionKind::Single { .. } => T::KindSingle,
        QuestionKind::Multiple { .. } => T::KindMultiple,
        QuestionKind::TrueFalse { .. } => T::KindTrueFalse,
        QuestionKind::ShortAnswer { essay: true, .. } => T::KindEssay,
        QuestionKind::ShortAnswer { .. } => T::KindShortAnswer,
        QuestionKind::Case { .. } => T::KindCase,
    }
    .get(lang)
}

fn good_color(ui: &Ui) -> Color32 {
    crate::ui::palette::good_color(ui.visuals().dark_mode)
}

/// Option picks and true/false by keyboard: 1–9 or A–F pick, T/F answer 判断.
fn key_picks(ui: &Ui, options: usize) -> Vec<usize> {
    if ui.ctx().memory(|m| m.focused().is_some()) {
        return Vec::new();
    }
    use egui::Key;
    const KEYS: [(Key, Key); 8] = [
        (Key::Num1, Key::A),
        (Key::Num2, Key::B),
        (Key::Num3, Key::C),
        (Key::Num4, Key::D),
        (Key::Num5, Key::E),
        (Key::Num6, Key::F),
        (Key::Num7, Key::G),
        (Key::Num8, Key::H),
    ];
    ui.input(|input| {
        KEYS.iter()
            .enumerate()
            .take(options)
            .filter(|(_, (digit, letter))| input.key_pressed(*digit) || input.key_pressed(*letter))
            .map(|(i, _)| i)
            .collect()
    })
}

/// Space turns a flashcard over, as on paper cards; a focused control keeps Space for itself.
pub(super) fn space_pressed(ui: &Ui) -> bool {
    !ui.ctx().memory(|m| m.focused().is_some()) && ui.input(|i| i.key_pressed(egui::Key::Space))
}

pub(super) fn enter_pressed(ui: &Ui) -> bool {
    !ui.ctx().memory(|m| m.focused().is_some()) && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

/// Draws one question for answering (or, with `memorise`, with its answer shown) and edits the
/// draft. Returns the response when the learner submits it.
/// How a question is being shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Showing {
    /// Answer, then grade.
    Practice,
    /// 背题: answer and explanation up front, nothing to answer.
    Memorise,
    /// Mock exam: answer only; no model answer, no grading until the paper is submitted.
    Exam,
}

pub fn question_body_ui(
    ui: &mut Ui,
    question: &Question,
    draft: &mut Draft,
    graded: Option<&Grade>,
    showing: Showing,
    revealed: &mut bool,
    lang: Lang,
) -> bool {
    let memorise = showing == Showing::Memorise;
    let exam = showing == Showing::Exam;
    let locked = graded.is_some() || memorise;
    let mut submit = false;
    let stem = crate::ui::rich::plain(&question.stem);
    ui.label(
        RichText::new(crate::text::keep_blanks_together(&stem))
            .size(18.0)
            .strong(),
    )
    // Screen readers (and tests) read the stem as written, without the no-break spaces.
    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &stem));
    if question.supplement {
        supplement_tag_ui(ui, lang);
    }
    ui.add_space(6.0);
    match &question.kind {
        QuestionKind::Single { options, answer } | QuestionKind::Multiple { options, answer } => {
            let multiple = matches!(question.kind, QuestionKind::Multiple { .. });
            let correct = answer_indices(answer).unwrap_or_default();
            let order = shown_order(&draft.order, options.len());
            if !locked {
                // Keys pick by the shown letter or number.
                for shown in key_picks(ui, options.len()) {
                    if let Some(&i) = order.get(shown) {
                        toggle_pick(draft, i, multiple);
                    }
                }
            }
            let clicked = ui
                .with_layout(egui::Layout::top_down_justified(egui::Align::Min), |ui| {
                    crate::ui::options::choices_ui(
                        ui,
                        options,
                        &order,
                        &draft.picked,
                        &correct,
                        multiple,
                        locked && !exam,
                        lang,
                    )
                })
                .inner;
            if let Some(i) = clicked
                && !locked
            {
                toggle_pick(draft, i, multiple);
            }
        }
        QuestionKind::TrueFalse { answer } => {
            if !locked && !ui.ctx().memory(|m| m.focused().is_some()) {
                ui.input(|i| {
                    if i.key_pressed(egui::Key::T) || i.key_pressed(egui::Key::Num1) {
                        draft.true_false = Some(true);
                    }
                    if i.key_pressed(egui::Key::F) || i.key_pressed(egui::Key::Num2) {
                        draft.true_false = Some(false);
                    }
                });
            }
            let clicked = crate::ui::options::true_false_ui(
                ui,
                draft.true_false,
                *answer,
                locked && !exam,
                lang,
            );
            if let Some(value) = clicked
                && !locked
            {
                draft.true_false = Some(value);
            }
        }
        QuestionKind::ShortAnswer {
            model_answer,
            points,
            ..
        } => {
            let editor = egui::TextEdit::multiline(&mut draft.text)
                .id_salt(("answer", &question.id))
                .hint_text(T::WriteAnswer.get(lang))
                .desired_rows(5)
                .desired_width(f32::INFINITY);
            let response = ui.add_enabled(!locked, editor);
            response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::MultilineTextInput,
                    !locked,
                    T::YourAnswer.get(lang),
                )
            });
            if exam {
                // Marked by the scoring points' keywords when the paper is submitted.
            } else if !(*revealed || locked) {
                ui.add_space(4.0);
                if ui.button(T::ShowModelAnswer.get(lang)).clicked() {
                    *revealed = true;
                }
            } else {
                card_ui(ui, Accent::Definition, T::ModelAnswer.get(lang), |ui| {
                    paragraph_ui(ui, model_answer)
                });
                ui.label(RichText::new(T::TickPoints.get(lang)).strong());
                let hits = keyword_hits(&draft.text, points);
                for (i, point) in points.iter().enumerate() {
                    let mut covered = draft.covered.contains(&i);
                    let hint = if hits.get(i).copied().unwrap_or(false) {
                        T::KeywordFound.get(lang)
                    } else {
                        ""
                    };
                    let label = format!(
                        "{}{}{hint}",
                        point.text,
                        paren(lang, &format!("{} {}", point.score, T::Points.get(lang)))
                    );
                    if ui
                        .add_enabled(!locked, egui::Checkbox::new(&mut covered, label))
                        .changed()
                    {
                        if covered {
                            draft.covered.insert(i);
                        } else {
                            draft.covered.remove(&i);
                        }
                    }
                }
            }
        }
        QuestionKind::Case { .. } => {}
    }
    let short = matches!(question.kind, QuestionKind::ShortAnswer { .. });
    if !locked
        && !exam
        && !matches!(question.kind, QuestionKind::Case { .. })
        && (!short || *revealed)
    {
        ui.add_space(8.0);
        let ready = draft_response(&question.kind, draft).is_some();
        let label = if matches!(question.kind, QuestionKind::ShortAnswer { .. }) {
            T::ConfirmScore
        } else {
            T::Submit
        };
        if ui
            .add_enabled(
                ready,
                egui::Button::new(RichText::new(label.get(lang)).strong()),
            )
            .clicked()
            || (ready && enter_pressed(ui))
        {
            submit = true;
        }
    }
    submit
}

/// The shown order kept in a draft, or the printed one when it has none (or none that fits).
pub fn shown_order(order: &[usize], n: usize) -> Vec<usize> {
    if order.len() == n {
        order.to_vec()
    } else {
        crate::model::shuffle::printed(n)
    }
}

fn toggle_pick(draft: &mut Draft, i: usize, multiple: bool) {
    if multiple {
        if !draft.picked.remove(&i) {
            draft.picked.insert(i);
        }
    } else {
        draft.picked = BTreeSet::from([i]);
    }
}

/// The verdict, the right answer and the explanation after grading (or in 背题 mode), with the
/// options lettered in the printed order.
pub fn feedback_ui(ui: &mut Ui, question: &Question, graded: Option<&Grade>, lang: Lang) {
    feedback_in_order_ui(ui, question, graded, &[], lang);
}

/// [`feedback_ui`] for options shown in `order` (see [`Draft::order`]): the right answer is
/// given by the letters the learner saw.
pub fn feedback_in_order_ui(
    ui: &mut Ui,
    question: &Question,
    graded: Option<&Grade>,
    order: &[usize],
    lang: Lang,
) {
    if let Some(grade) = graded {
        let (text, color) = if grade.is_correct() {
            (T::Correct.get(lang), good_color(ui))
        } else if grade.score > 0.0 {
            (T::PartlyCorrect.get(lang), ui.visuals().warn_fg_color)
        } else {
            (T::Wrong.get(lang), ui.visuals().error_fg_color)
        };
        ui.label(
            RichText::new(format!(
                "{text}  {} / {}",
                crate::text::points(f64::from(grade.score)),
                crate::text::points(f64::from(grade.max))
            ))
            .size(18.0)
            .strong()
            .color(color),
        );
    }
    let answer = match &question.kind {
        QuestionKind::Single { answer, options } | QuestionKind::Multiple { answer, options } => {
            let order = shown_order(order, options.len());
            let right = answer_indices(answer).unwrap_or_default();
            let mut shown: Vec<usize> = (0..order.len())
                .filter(|s| right.contains(&order[*s]))
                .collect();
            shown.sort_unstable();
            Some(shown.into_iter().map(option_letter).collect::<String>())
        }
        QuestionKind::TrueFalse { answer } => Some(
            if *answer { T::True } else { T::False }
                .get(lang)
                .to_owned(),
        ),
        _ => None,
    };
    if let Some(answer) = answer {
        ui.label(RichText::new(format!("{}{answer}", T::Answer.get(lang))).strong());
    }
    if !question.explanation.is_empty() {
        card_ui(ui, Accent::KeyPoints, T::Explanation.get(lang), |ui| {
            paragraph_ui(ui, &question.explanation)
        });
    }
    if !question.source.is_empty() {
        ui.label(RichText::new(&question.source).weak().small());
    }
}

/// The small 拓展 tag under a question or card that rests on material beyond the syllabus sources.
pub(super) fn supplement_tag_ui(ui: &mut Ui, lang: Lang) {
    let color = Accent::Supplement.color(ui.visuals().dark_mode);
    ui.label(
        RichText::new(T::SupplementTag.get(lang))
            .small()
            .strong()
            .color(color),
    )
    .on_hover_text(T::Supplement.get(lang));
}
