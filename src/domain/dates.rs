//! Dates as the app writes them for people ("24 November 2026") and for files
//! ("2026-11-24"), and read back from files and date inputs, without chrono's format-string
//! machinery (its parser alone is about 12 KB of wasm). Every date field the app stores is
//! read with `#[serde(with = "dates::text")]` (or `dates::opt_text`); it writes exactly what
//! chrono writes.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

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

/// Reads "2026-11-24", as date inputs and the app's files write a day.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(
        digits(&b[0..4])? as i32,
        digits(&b[5..7])?,
        digits(&b[8..10])?,
    )
}

/// Reads "2026-11-24T09:05:12", with an optional fraction of a second of up to nine digits
/// (".042"), as the app's files write a moment.
pub fn parse_moment(text: &str) -> Option<NaiveDateTime> {
    let (day, time) = text.split_at_checked(10)?;
    let b = time.as_bytes();
    if b.len() < 9 || b[0] != b'T' || b[3] != b':' || b[6] != b':' {
        return None;
    }
    let nanos = match &b[9..] {
        [] => 0,
        [b'.', fraction @ ..] if (1..=9).contains(&fraction.len()) => {
            digits(fraction)? * 10u32.pow(9 - fraction.len() as u32)
        }
        _ => return None,
    };
    let time = NaiveTime::from_hms_nano_opt(
        digits(&b[1..3])?,
        digits(&b[4..6])?,
        digits(&b[7..9])?,
        nanos,
    )?;
    Some(parse_day(day)?.and_time(time))
}

/// The number an ASCII run of digits spells (at most nine of them).
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// A date the app stores as text, written as chrono writes it and read by the parsers above.
pub trait Stored: Copy {
    /// What a wrong value should have been, for the error that names it.
    const EXPECTED: &'static str;
    fn read(text: &str) -> Option<Self>;
    fn write<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error>;
}

impl Stored for NaiveDate {
    const EXPECTED: &'static str = "expected a date (YYYY-MM-DD)";
    fn read(text: &str) -> Option<Self> {
        parse_day(text)
    }
    fn write<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Stored for NaiveDateTime {
    const EXPECTED: &'static str = "expected a date and time (YYYY-MM-DDTHH:MM:SS)";
    fn read(text: &str) -> Option<Self> {
        parse_moment(text)
    }
    fn write<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("{self:?}"))
    }
}

/// Serde for a stored date: `#[serde(with = "dates::text")]` on a `NaiveDate` ("2026-11-24")
/// or a `NaiveDateTime` ("2026-11-24T09:05:12.042").
pub mod text {
    use super::Stored;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<T: Stored, S: Serializer>(date: &T, s: S) -> Result<S::Ok, S::Error> {
        date.write(s)
    }

    pub fn deserialize<'de, T: Stored, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        let text = String::deserialize(d)?;
        T::read(&text).ok_or_else(|| D::Error::custom(T::EXPECTED))
    }
}

/// Serde for a stored date that may be missing (`null` or absent):
/// `#[serde(default, with = "dates::opt_text")]`.
pub mod opt_text {
    use super::Stored;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    struct Text<T>(T);

    impl<T: Stored> Serialize for Text<T> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            self.0.write(s)
        }
    }

    impl<'de, T: Stored> Deserialize<'de> for Text<T> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            super::text::deserialize(d).map(Text)
        }
    }

    pub fn serialize<T: Stored, S: Serializer>(date: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        date.map(Text).serialize(s)
    }

    pub fn deserialize<'de, T: Stored, D: Deserializer<'de>>(d: D) -> Result<Option<T>, D::Error> {
        Ok(Option::<Text<T>>::deserialize(d)?.map(|Text(date)| date))
    }
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

    #[test]
    fn days_and_moments_read_back_what_chrono_writes() {
        let day = NaiveDate::from_ymd_opt(2026, 2, 28).unwrap();
        assert_eq!(parse_day("2026-02-28"), Some(day));
        for (nanos, text) in [
            (0, "2026-02-28T09:05:07"),
            (42_000_000, "2026-02-28T09:05:07.042"),
            (42_100_000, "2026-02-28T09:05:07.042100"),
            (42_100_003, "2026-02-28T09:05:07.042100003"),
        ] {
            let at = day.and_hms_nano_opt(9, 5, 7, nanos).unwrap();
            assert_eq!(format!("{at:?}"), text, "chrono writes this");
            assert_eq!(parse_moment(text), Some(at));
            assert_eq!(
                text.parse::<NaiveDateTime>().ok(),
                Some(at),
                "as chrono reads it"
            );
        }
        // A shorter fraction is tenths or hundredths, as chrono reads it.
        assert_eq!(
            parse_moment("2026-02-28T09:05:07.5"),
            "2026-02-28T09:05:07.5".parse::<NaiveDateTime>().ok()
        );
    }

    #[test]
    fn what_is_not_a_day_or_moment_is_refused() {
        for text in [
            "",
            "2026-2-28",
            "2026-02-30",
            "2026-13-01",
            "2026/02/28",
            "+2026-02-28",
            "２０２６-02-28",
            "2026-02-28 ",
        ] {
            assert_eq!(parse_day(text), None, "{text:?}");
        }
        for text in [
            "2026-02-28",
            "2026-02-28T09:05",
            "2026-02-28 09:05:07",
            "2026-02-28T24:00:00",
            "2026-02-28T09:05:07.",
            "2026-02-28T09:05:07.1234567890",
            "2026-02-28T09:05:07Z",
            "2026-02-28T09:05:07+01:00",
            "2026-02-28T09:0５:07",
        ] {
            assert_eq!(parse_moment(text), None, "{text:?}");
        }
    }

    #[test]
    fn date_fields_round_trip_through_json_as_chrono_wrote_them() {
        #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        struct Dated {
            #[serde(with = "text")]
            day: NaiveDate,
            #[serde(with = "text")]
            at: NaiveDateTime,
            #[serde(default, with = "opt_text")]
            maybe_day: Option<NaiveDate>,
            #[serde(default, with = "opt_text")]
            maybe_at: Option<NaiveDateTime>,
        }
        let day = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        let at = day.and_hms_milli_opt(23, 59, 1, 250).unwrap();
        let dated = Dated {
            day,
            at,
            maybe_day: Some(day),
            maybe_at: None,
        };
        let json = serde_json::to_string(&dated).unwrap();
        assert_eq!(
            json,
            r#"{"day":"2024-02-29","at":"2024-02-29T23:59:01.250","maybe_day":"2024-02-29","maybe_at":null}"#
        );
        assert_eq!(serde_json::from_str::<Dated>(&json).unwrap(), dated);
        // Missing optional dates are none; a wrong date names what was expected.
        let bare: Dated =
            serde_json::from_str(r#"{"day":"2024-02-29","at":"2024-02-29T23:59:01.250"}"#).unwrap();
        assert_eq!((bare.maybe_day, bare.maybe_at), (None, None));
        let wrong = serde_json::from_str::<Dated>(r#"{"day":"29/02/2024","at":"x"}"#);
        assert!(wrong
            .unwrap_err()
            .to_string()
            .contains("expected a date (YYYY-MM-DD)"));
    }
}
