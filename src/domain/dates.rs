//! Dates as the app writes them for people ("24 November 2026") and for files
//! ("2026-11-24"), without chrono's format-string machinery (which costs wasm size).

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "24 November 2026".
pub fn long(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// "24 November 2026 at 09:05".
pub fn long_time(at: NaiveDateTime) -> String {
    format!("{} at {:02}:{:02}", long(at.date()), at.hour(), at.minute())
}

/// "2026-11-24", as date inputs and file names use.
pub fn iso(date: NaiveDate) -> String {
    date.to_string()
}

/// "20261124T090512", a compact stamp for storage keys.
pub fn stamp(at: NaiveDateTime) -> String {
    format!(
        "{}{:02}{:02}T{:02}{:02}{:02}{:03}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        at.nanosecond() / 1_000_000 % 1000
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_people_write_them() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(long(d), "29 February 2024");
        assert_eq!(iso(d), "2024-02-29");
        let t = d.and_hms_milli_opt(9, 5, 7, 42).unwrap();
        assert_eq!(long_time(t), "29 February 2024 at 09:05");
        assert_eq!(stamp(t), "20240229T090507042");
    }
}
