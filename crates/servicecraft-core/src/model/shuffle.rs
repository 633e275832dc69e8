//! The order a question's options and a role-play's replies are shown in for one attempt, so a
//! right answer is never a remembered position. Answers are always recorded against the pack's
//! own letters and indices: an order only maps what the learner sees back to the pack.

/// Whether an option refers to the others ("以上都对", "以上都不是", "none of the above") and so
/// must stay last wherever the others move.
pub fn pinned_last(option: &str) -> bool {
    let text = option.trim().trim_start_matches(['（', '(']).to_lowercase();
    text.starts_with("以上")
        || text.starts_with("上述")
        || text.starts_with("all of the above")
        || text.starts_with("none of the above")
}

/// The order to show options in: `order[shown] = index in the pack`. Options that refer to the
/// others keep their place at the end, in their printed order; the rest are shuffled with `seed`.
pub fn option_order(options: &[String], seed: u64) -> Vec<usize> {
    let (mut free, pinned): (Vec<usize>, Vec<usize>) =
        (0..options.len()).partition(|&i| !pinned_last(&options[i]));
    fastrand::Rng::with_seed(seed).shuffle(&mut free);
    free.extend(pinned);
    free
}

/// A shuffled order of `n` items (a role-play's replies at one step): `order[shown] = index`.
pub fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    fastrand::Rng::with_seed(seed).shuffle(&mut order);
    order
}

/// The identity order, for 背题 (reading through) and for learners who switched shuffling off.
pub fn printed(n: usize) -> Vec<usize> {
    (0..n).collect()
}

/// A seed for one attempt at one item: the same while the attempt lasts (so redrawing a frame
/// never reorders), different for the next attempt and for every item.
pub fn attempt_seed(item: &str, attempt: u64) -> u64 {
    // FNV-1a: stable across runs and platforms, unlike the standard library's hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in item.bytes().chain(attempt.to_le_bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| (*t).to_owned()).collect()
    }

    #[test]
    fn referring_options_are_recognised() {
        for (text, expected) in [
            ("以上都对", true),
            ("以上都不是", true),
            ("（以上均正确）", true),
            ("上述各项都是", true),
            ("None of the above", true),
            ("倾听", false),
            ("以客户为中心", false),
        ] {
            assert_eq!(pinned_last(text), expected, "{text}");
        }
    }

    #[test]
    fn orders_are_permutations_that_keep_referring_options_last() {
        let opts = options(&["甲", "乙", "丙", "以上都对"]);
        for seed in 0..50 {
            let order = option_order(&opts, seed);
            let mut sorted = order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, vec![0, 1, 2, 3], "seed {seed}");
            assert_eq!(order[3], 3, "seed {seed}: 以上都对 stays last");
        }
    }

    #[test]
    fn every_option_reaches_every_free_position_over_attempts() {
        let opts = options(&["A", "B", "C", "D"]);
        let mut seen = [[false; 4]; 4];
        for attempt in 0..200 {
            let order = option_order(&opts, attempt_seed("q.1", attempt));
            for (shown, &index) in order.iter().enumerate() {
                seen[index][shown] = true;
            }
        }
        assert!(seen.iter().flatten().all(|&s| s), "{seen:?}");
    }

    #[test]
    fn seeds_are_stable_and_differ_by_item_and_attempt() {
        assert_eq!(attempt_seed("q.1", 3), attempt_seed("q.1", 3));
        assert_ne!(attempt_seed("q.1", 3), attempt_seed("q.1", 4));
        assert_ne!(attempt_seed("q.1", 3), attempt_seed("q.2", 3));
        assert_eq!(shuffled(5, 9), shuffled(5, 9));
        assert_eq!(printed(3), vec![0, 1, 2]);
    }
}
