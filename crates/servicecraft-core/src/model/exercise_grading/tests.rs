//! Tests of exercise grading: SWOT, TOWS, ordering, PDCA, the board and the shuffles.

use super::*;
use crate::model::PdcaStep;
use Quadrant::{Opportunity as O, Strength as S, Threat as T, Weakness as W};

#[test]
fn swot_mistakes_name_the_question_answered_wrongly() {
    for (expected, placed, mistake) in [
        (S, Some(S), None),
        (S, None, Some(SwotMistake::Missing)),
        (S, Some(O), Some(SwotMistake::InsideOutside)),
        (T, Some(W), Some(SwotMistake::InsideOutside)),
        (S, Some(W), Some(SwotMistake::HelpsHurts)),
        (O, Some(T), Some(SwotMistake::HelpsHurts)),
        (S, Some(T), Some(SwotMistake::Both)),
        (W, Some(O), Some(SwotMistake::Both)),
    ] {
        assert_eq!(
            swot_mistake(expected, placed),
            mistake,
            "{expected:?} placed {placed:?}"
        );
    }
}

fn cards(quadrants: &[Quadrant]) -> Vec<SwotCard> {
    quadrants
        .iter()
        .enumerate()
        .map(|(i, q)| SwotCard {
            text: format!("card {i}"),
            quadrant: *q,
            reason: String::new(),
        })
        .collect()
}

#[test]
fn swot_sorts_are_scored_per_card() {
    let deck = cards(&[S, W, O, T]);
    for (placed, right) in [
        (vec![Some(S), Some(W), Some(O), Some(T)], 4),
        (vec![Some(S), Some(W), Some(T), Some(O)], 2),
        (vec![None, None, None, None], 0),
        // A short placement list (cards added later) counts the rest as missing.
        (vec![Some(S)], 1),
    ] {
        let grade = grade_swot(&deck, &placed);
        assert_eq!((grade.right, grade.max), (right, 4), "{placed:?}");
    }
    let grade = grade_swot(&deck, &[Some(O), Some(W), None, Some(T)]);
    assert_eq!(grade.cards[0].1, Some(SwotMistake::InsideOutside));
    assert_eq!(grade.cards[2].1, Some(SwotMistake::Missing));
    assert!(grade.cards[1].0.correct && grade.cards[3].0.correct);
}

#[test]
fn pairings_are_built_from_one_internal_and_one_external_factor() {
    for (pairing, internal, external) in [
        (Pairing::SO, S, O),
        (Pairing::WO, W, O),
        (Pairing::ST, S, T),
        (Pairing::WT, W, T),
    ] {
        assert_eq!(
            (pairing.internal(), pairing.external()),
            (internal, external)
        );
        assert_eq!(Pairing::ALL[pairing.index()], pairing);
    }
    for q in Quadrant::ALL {
        assert_eq!(Quadrant::ALL[q.index()], q);
    }
}

#[test]
fn strategy_matches_say_which_side_is_wrong() {
    let strategies: Vec<StrategyCard> = Pairing::ALL
        .iter()
        .map(|p| StrategyCard {
            text: p.code().to_owned(),
            pairing: *p,
            reason: String::new(),
        })
        .collect();
    let grade = grade_strategies(
        &strategies,
        &[
            Some(Pairing::SO),
            Some(Pairing::SO),
            Some(Pairing::SO),
            Some(Pairing::SO),
        ],
    );
    assert_eq!((grade.right, grade.max), (1, 4));
    let mistakes: Vec<Option<PairingMistake>> = grade.strategies.iter().map(|(_, m)| *m).collect();
    assert_eq!(
        mistakes,
        vec![
            None,
            Some(PairingMistake::InternalSide),
            Some(PairingMistake::ExternalSide),
            Some(PairingMistake::Both),
        ]
    );
    assert_eq!(
        pairing_mistake(Pairing::WT, None),
        Some(PairingMistake::Missing)
    );
}

#[test]
fn orderings_report_positions_and_the_longest_run() {
    for (order, positions, right, run) in [
        (vec![0, 1, 2, 3], vec![true, true, true, true], 4, 4),
        (vec![1, 2, 3, 0], vec![false, false, false, false], 0, 3),
        (vec![0, 2, 1, 3], vec![true, false, false, true], 2, 1),
        (vec![3, 2, 1, 0], vec![false, false, false, false], 0, 1),
        (
            vec![4, 5, 0, 1, 2, 3],
            vec![false, false, false, false, false, false],
            0,
            4,
        ),
        (vec![], vec![], 0, 0),
    ] {
        let grade = grade_ordering(&order);
        assert_eq!(grade.positions, positions, "{order:?}");
        assert_eq!(
            (grade.right, grade.max, grade.longest_run),
            (right, order.len(), run),
            "{order:?}"
        );
    }
}

fn eight_steps() -> PdcaExercise {
    use PdcaStage::{Act, Check, Do, Plan};
    PdcaExercise {
        id: "p".into(),
        lesson: "l".into(),
        title: String::new(),
        prompt: String::new(),
        steps: [Plan, Plan, Plan, Plan, Do, Check, Act, Act]
            .iter()
            .enumerate()
            .map(|(i, stage)| PdcaStep {
                text: format!("step {i}"),
                stage: *stage,
                reason: String::new(),
            })
            .collect(),
    }
}

#[test]
fn pdca_placements_score_stage_and_order() {
    let exercise = eight_steps();
    for (columns, right_stage, right_order) in [
        // All right.
        ([vec![0, 1, 2, 3], vec![4], vec![5], vec![6, 7]], 8, 8),
        // Two plan steps swapped: one of them is out of order.
        ([vec![1, 0, 2, 3], vec![4], vec![5], vec![6, 7]], 8, 7),
        // The last plan step put first: only it is out of order, not the other three.
        ([vec![3, 0, 1, 2], vec![4], vec![5], vec![6, 7]], 8, 7),
        // Check and Do swapped: neither is in the right stage.
        ([vec![0, 1, 2, 3], vec![5], vec![4], vec![6, 7]], 6, 6),
        // A wrong step in a column does not spoil the order of the right ones.
        ([vec![0, 6, 1, 2, 3], vec![4], vec![5], vec![7]], 7, 7),
        // Nothing placed.
        ([vec![], vec![], vec![], vec![]], 0, 0),
    ] {
        let grade = grade_pdca(&exercise, &columns);
        assert_eq!(
            (grade.right_stage, grade.right_order),
            (right_stage, right_order),
            "{columns:?}"
        );
        assert_eq!(grade.max(), 16);
    }
    let grade = grade_pdca(&exercise, &[vec![3, 0, 1, 2], vec![4], vec![5], vec![]]);
    assert_eq!(grade.steps[3].placed, Some((PdcaStage::Plan, 0)));
    assert!(grade.steps[3].right_stage && !grade.steps[3].right_order);
    assert_eq!(grade.steps[6].placed, None);
    assert_eq!(grade.score(), 6 + 5);
}

#[test]
fn boards_move_cards_between_pool_and_bins() {
    let mut board = Board::new(vec![2, 0, 3, 1]);
    board.place(0, 1, None);
    board.place(3, 1, Some(0));
    board.place(1, 0, None);
    assert_eq!(board.pool, vec![2]);
    assert_eq!(board.bins[1], vec![3, 0]);
    assert_eq!(board.bin_of(1), Some(0));
    assert!(board.shift(0, true));
    assert_eq!(board.bins[1], vec![0, 3]);
    assert!(!board.shift(0, true), "already first");
    assert!(!board.shift(2, false), "not placed");
    // Back to the pool, in the order the cards were dealt.
    board.unplace(0);
    assert_eq!(board.pool, vec![2, 0]);
    board.unplace(1);
    assert_eq!(board.pool, vec![2, 0, 1]);
    assert!(!board.is_complete());
    assert_eq!(board.reading_order(), vec![2, 0, 1, 3]);
    // Unknown cards and bins are ignored rather than corrupting the board.
    board.place(9, 0, None);
    board.place(2, 7, None);
    assert_eq!(board.reading_order(), vec![2, 0, 1, 3]);
    for card in [2, 0, 1] {
        board.place(card, 2, None);
    }
    assert!(board.is_complete());
    assert_eq!(
        board.placements(4, ['a', 'b', 'c', 'd']),
        vec![Some('c'), Some('c'), Some('c'), Some('b')]
    );
}

#[test]
fn list_moves_clamp() {
    for (from, to, expected) in [
        (0, 2, vec!['b', 'c', 'a']),
        (2, 0, vec!['c', 'a', 'b']),
        (1, 9, vec!['a', 'c', 'b']),
        (5, 0, vec!['a', 'b', 'c']),
    ] {
        let mut list = vec!['a', 'b', 'c'];
        move_in_list(&mut list, from, to);
        assert_eq!(list, expected, "{from} → {to}");
    }
}

#[test]
fn shuffles_are_seeded_and_never_the_answer() {
    assert_eq!(shuffled(8, 42), shuffled(8, 42));
    for seed in 0..200 {
        for n in [2, 3, 6] {
            let order = shuffled(n, seed);
            let mut sorted = order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..n).collect::<Vec<_>>());
            assert_ne!(order, sorted, "seed {seed} n {n}");
        }
    }
    assert_eq!(shuffled(1, 7), vec![0]);
    assert!(shuffled(0, 7).is_empty());
}

#[test]
fn percentages_round() {
    for (score, max, expected) in [(0, 0, 0), (1, 3, 33), (2, 3, 67), (8, 8, 100)] {
        assert_eq!(percent(score, max), expected);
    }
}
