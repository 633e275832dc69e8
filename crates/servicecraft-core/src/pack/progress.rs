//! How far a long pack operation (install, import, export) has got, shared between the worker
//! thread that advances it and the window that draws a progress bar.

use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU64,
    total: AtomicU64,
}

impl Progress {
    /// Starts a new stage of `total` steps.
    pub fn set_total(&self, total: u64) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    pub fn advance(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// Between 0 and 1, or `None` while the amount of work is not known yet.
    pub fn fraction(&self) -> Option<f32> {
        let total = self.total.load(Ordering::Relaxed);
        (total > 0).then(|| {
            let done = self.done.load(Ordering::Relaxed).min(total);
            done as f32 / total as f32
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fraction_follows_the_stage() {
        let progress = Progress::default();
        assert_eq!(progress.fraction(), None);
        progress.set_total(4);
        progress.advance();
        assert_eq!(progress.fraction(), Some(0.25));
        for _ in 0..10 {
            progress.advance();
        }
        assert_eq!(progress.fraction(), Some(1.0));
        progress.set_total(2);
        assert_eq!(progress.fraction(), Some(0.0));
    }
}
