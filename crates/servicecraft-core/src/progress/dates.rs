//! Time helpers for learner files: moments are stored in UTC (RFC 3339 in RON), while study days,
//! streaks and backup names follow the learner's local calendar, because "today" is local.

use chrono::{DateTime, Datelike, Local, NaiveDate, NaiveDateTime, Timelike, Utc};

/// Now, to the second: sub-second digits only make the files noisier.
pub fn now() -> DateTime<Utc> {
    let now = Utc::now();
    now.with_nanosecond(0).unwrap_or(now)
}

/// The local calendar day of a moment.
pub fn local_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Local).date_naive()
}

/// The local date and time of a moment, for file and backup names.
pub fn local_time(at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&Local).naive_local()
}

/// `20250102T103000`: sorts by time, and is safe in file names on every OS.
pub fn file_stamp(at: DateTime<Utc>) -> String {
    local_time(at).format("%Y%m%dT%H%M%S").to_string()
}

/// `2025-01-02 10:30`: how a moment is shown to the learner.
pub fn display(at: DateTime<Utc>) -> String {
    local_time(at).format("%Y-%m-%d %H:%M").to_string()
}

/// The end of the local day holding `at`, as a UTC moment: "due today" means due before it.
pub fn end_of_local_day(at: DateTime<Utc>) -> DateTime<Utc> {
    let day = local_day(at);
    day.succ_opt()
        .and_then(|next| next.and_hms_opt(0, 0, 0))
        .and_then(|midnight| midnight.and_local_timezone(Local).earliest())
        .map_or(at, |local| local.with_timezone(&Utc))
}

/// Consecutive study days ending today, or yesterday when today has no study yet (the streak is
/// not lost before the day is over).
pub fn streak<'a>(days: impl IntoIterator<Item = &'a NaiveDate>, today: NaiveDate) -> u32 {
    let days: std::collections::BTreeSet<NaiveDate> = days.into_iter().copied().collect();
    let mut day = if days.contains(&today) {
        today
    } else {
        match today.pred_opt() {
            Some(yesterday) if days.contains(&yesterday) => yesterday,
            _ => return 0,
        }
    };
    let mut count = 0;
    while days.contains(&day) {
        count += 1;
        match day.pred_opt() {
            Some(prev) => day = prev,
            None => break,
        }
    }
    count
}

/// The ISO week of a day, as (year, week): weekly backups keep one copy per value.
pub fn iso_week(day: NaiveDate) -> (i32, u32) {
    let week = day.iso_week();
    (week.year(), week.week())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn streaks_count_back_from_today_or_yesterday() {
        let days = [
            d("2025-01-01"),
            d("2025-01-02"),
            d("2025-01-03"),
            d("2025-01-05"),
        ];
        assert_eq!(streak(&days, d("2025-01-05")), 1);
        assert_eq!(streak(&days, d("2025-01-03")), 3);
        // Not studied yet today: yesterday's streak still counts.
        assert_eq!(streak(&days, d("2025-01-04")), 3);
        assert_eq!(streak(&days, d("2025-01-07")), 0);
        assert_eq!(streak(&[], d("2025-01-07")), 0);
    }

    #[test]
    fn the_end_of_the_day_is_after_every_moment_of_it() {
        let at = now();
        let end = end_of_local_day(at);
        assert!(end > at);
        assert!(end - at <= chrono::Duration::hours(25));
        assert_eq!(local_day(end - chrono::Duration::seconds(1)), local_day(at));
    }

    #[test]
    fn file_stamps_sort_by_time() {
        let a = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let b = a + chrono::Duration::seconds(61);
        assert!(file_stamp(a) < file_stamp(b));
        assert_eq!(file_stamp(a).len(), 15);
    }
}
