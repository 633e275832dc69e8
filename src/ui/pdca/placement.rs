//! The PDCA placement exercise: the steps of a case are placed into the four stage columns, in
//! order, on the shared four-bin board (P, D, C, A or 1–4 place the selected step; Alt+↑/↓ move
//! it within its stage); checking scores the stage and the order of every step.

use egui::{Id, Key, Ui};

use super::wheel::{circled, stage_color};
use crate::export::stage_title;
use crate::i18n::{Lang, T};
use crate::model::{PdcaExercise, PdcaGrade, PdcaStage, grade_pdca};
use crate::ui::board::{Bins, BoardKeys, BoardSpec, CardView, Sorting, board_ui};
use crate::ui::dnd::{bad_color, good_color};
use crate::ui::exercise::{hint_ui, score_banner_ui};
use crate::ui::grid::GridCell;
use crate::ui::rich::paragraph_ui;
use crate::ui::swot::next_seed;
use crate::ui::{Command, StudyCmd};

/// The keys of the PDCA board: the stages' letters as well as 1–4, and moving a step up or down
/// within its stage, since order is graded here.
const KEYS: BoardKeys = BoardKeys {
    letters: Some([Key::P, Key::D, Key::C, Key::A]),
    reorder: true,
};

/// One placement exercise and the learner's round at it.
pub struct Placement {
    pub exercise: PdcaExercise,
    seed: u64,
    pub sorting: Sorting,
    /// When this attempt was first shown (set on the first frame, cleared once a score is
    /// recorded), so the attempt log has the time the exercise took.
    started: Option<chrono::DateTime<chrono::Utc>>,
}

impl Placement {
    pub fn new(exercise: PdcaExercise, seed: u64) -> Self {
        Self {
            sorting: Sorting::new(exercise.steps.len(), seed),
            exercise,
            seed,
            started: None,
        }
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        now: chrono::DateTime<chrono::Utc>,
        commands: &mut Vec<Command>,
    ) {
        let started = *self.started.get_or_insert(now);
        let exercise = &self.exercise;
        if !exercise.prompt.is_empty() {
            paragraph_ui(ui, &exercise.prompt);
        }
        hint_ui(ui, T::PdcaPlaceHelp.get(lang));
        ui.add_space(6.0);
        let enter = self.sorting.keys_ui(ui, KEYS);
        let grade = grade_pdca(exercise, &self.sorting.board.bins);
        let checked = self.sorting.checked;
        let cards: Vec<CardView> = (0..exercise.steps.len())
            .map(|step| step_view(ui, exercise, &grade, step, checked, lang))
            .collect();
        let spec = BoardSpec {
            id: Id::unique(("pdca-step", &exercise.id)),
            cards: &cards,
            cells: PdcaStage::ALL.map(|stage| GridCell {
                badge: stage.letter().to_owned(),
                title: stage_title(stage, lang),
                subtitle: String::new(),
                color: stage_color(stage),
                key: Some((stage.index() + 1).to_string()),
                label: format!("{} {}", T::PutIn.get(lang), stage_title(stage, lang)),
            }),
            bins: Bins::Columns,
            pool_title: T::StepsToPlace.get(lang),
            text_size: 14.5,
        };
        board_ui(ui, &mut self.sorting, &spec, lang);
        ui.add_space(10.0);
        if self.sorting.checked {
            score_banner_ui(
                ui,
                T::Score.get(lang),
                grade.score(),
                grade.max(),
                &mut self.sorting.reveal,
                lang,
            );
            ui.label(format!(
                "{} {} / {} · {} {} / {}",
                T::RightStage.get(lang),
                grade.right_stage,
                grade.steps.len(),
                T::RightOrder.get(lang),
                grade.right_order,
                grade.steps.len()
            ));
            if crate::ui::board::retry_button_ui(ui, lang) {
                self.seed = next_seed(self.seed);
                self.sorting = Sorting::new(self.exercise.steps.len(), self.seed);
            }
        } else if self.sorting.check_button_ui(ui, enter, lang) {
            commands.push(Command::Study(StudyCmd::RecordExerciseScore {
                item: exercise.id.clone(),
                score: grade.score() as f32,
                max: grade.max() as f32,
                started,
            }));
            self.started = None;
        }
    }
}

/// A step as drawn: once checked, whether its stage and its place in the cycle are right (with
/// its number ①–⑧), where it belongs when not, and the pack's reason.
fn step_view(
    ui: &Ui,
    exercise: &PdcaExercise,
    grade: &PdcaGrade,
    step: usize,
    checked: bool,
    lang: Lang,
) -> CardView {
    let dark = ui.visuals().dark_mode;
    let weak = ui.visuals().weak_text_color();
    let Some((this, result)) = exercise.steps.get(step).zip(grade.steps.get(step)) else {
        return CardView {
            text: String::new(),
            verdict: None,
            feedback: Vec::new(),
        };
    };
    let right = result.right_stage && result.right_order;
    let mut feedback = Vec::new();
    if checked {
        let expected = this.stage;
        feedback.push(if right {
            (
                format!("✔ {} · {}", stage_title(expected, lang), circled(step + 1)),
                good_color(dark),
            )
        } else if result.right_stage {
            (
                format!("◐ {}{}", T::WrongOrder.get(lang), circled(step + 1)),
                ui.visuals().warn_fg_color,
            )
        } else {
            (
                format!(
                    "✘ {}{} · {}",
                    T::BelongsIn.get(lang),
                    stage_title(expected, lang),
                    circled(step + 1)
                ),
                bad_color(dark),
            )
        });
        if !right {
            // Which of its stage's steps it is, counting from the stage's first.
            let rank = exercise.steps[..step]
                .iter()
                .filter(|s| s.stage == expected)
                .count()
                + 1;
            feedback.push((format!("{}{rank}", T::StepInStage.get(lang)), weak));
        }
        if !this.reason.is_empty() {
            feedback.push((this.reason.clone(), weak));
        }
    }
    CardView {
        text: this.text.clone(),
        verdict: checked.then_some(right),
        feedback,
    }
}
