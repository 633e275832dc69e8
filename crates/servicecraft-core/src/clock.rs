//! The time source: the system clock in the app, a clock the tests can move in tests.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still until moved; shared between a test and the app it drives.
#[derive(Clone)]
pub struct MockClock(Arc<Mutex<DateTime<Utc>>>);

impl MockClock {
    pub fn new(start: DateTime<Utc>) -> Self {
        Self(Arc::new(Mutex::new(start)))
    }

    pub fn advance(&self, by: Duration) {
        if let Ok(mut now) = self.0.lock() {
            *now += by;
        }
    }
}

impl Clock for MockClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
            .lock()
            .map_or_else(|poisoned| *poisoned.into_inner(), |now| *now)
    }
}
