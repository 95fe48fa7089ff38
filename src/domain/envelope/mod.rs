//! Every stored value and every exported file is an envelope: format name, kind, schema
//! version, when it was written, and the data. Older schema versions are migrated one step
//! at a time; newer ones are refused with a clear message.
//!
//! `field_path.rs` turns a serde error into the field it names ("attempts[0].score"), so an
//! import error says where a file is wrong.

use chrono::NaiveDateTime;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::vocab::vocabulary;
use serde_json::Value;

mod field_path;

use field_path::{field_error, plain_json_error};

/// The format name in every envelope this app writes.
pub const FORMAT: &str = "online-safety-workbench";

/// The app version written into exports.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

vocabulary! {
    /// What an envelope holds. Its label is what the data is called in a sentence about what
    /// is stored ("school settings").
    pub enum Kind {
        /// School settings.
        Settings = ("settings", "school settings"),
        /// Every staff profile on this device with its progress and attempts.
        TrainingProfiles = ("training-profiles", "training profiles"),
        /// One person's training record, exported for the DSL.
        TrainingRecord = ("training-record", "training record"),
        /// One academic year's audit, exported for governors or next year.
        Audit = ("audit", "audit"),
        /// Every audit on a device, one per academic year.
        Audits = ("audits", "online-safety audits"),
        /// The DSL's imported staff training records (the matrix).
        StaffRecords = ("staff-records", "staff training records"),
        /// Everything on the device.
        FullBackup = ("full-backup", "backup"),
    }
}

impl Kind {
    /// How the kind reads in a message ("an audit").
    pub fn described(self) -> &'static str {
        match self {
            Kind::Settings => "school settings",
            Kind::TrainingProfiles => "the training profiles on a device",
            Kind::TrainingRecord => "a staff training record",
            Kind::Audit => "an online-safety audit",
            Kind::Audits => "the online-safety audits on a device",
            Kind::StaffRecords => "the staff training records (matrix)",
            Kind::FullBackup => "a full backup",
        }
    }
}

/// The wrapper around every stored value and exported file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    pub format: String,
    pub kind: Kind,
    pub schema_version: u32,
    pub app_version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_version: Option<String>,
    /// When it was written (local time of the device, ISO 8601).
    pub saved_at: NaiveDateTime,
    pub data: Value,
}

/// A value the app stores or exports under a kind and schema version.
pub trait Versioned: Serialize + DeserializeOwned {
    const KIND: Kind;
    /// The current schema version. Bump it with a step in `migrate`.
    const SCHEMA_VERSION: u32;

    /// Upgrades `data` written by schema `from` to `from + 1`. Called repeatedly until the
    /// current version. The default knows no older versions.
    fn migrate_step(from: u32, _data: Value) -> Result<Value, ImportError> {
        Err(ImportError::UnsupportedVersion {
            found: from,
            current: Self::SCHEMA_VERSION,
        })
    }

    /// Checks rules serde cannot (ranges, references). Named field in the error.
    fn validate(&self) -> Result<(), ImportError> {
        Ok(())
    }
}

/// Why a stored value or a file could not be read. Messages are for a school's staff.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("This file is too large ({size} bytes). The limit is {limit} bytes ({limit_mb} MB).", limit_mb = limit / 1_000_000)]
    TooLarge { size: usize, limit: usize },
    #[error("This is not a JSON file: {message} (line {line}, column {column}).")]
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("This file was not made by the Online Safety Workbench.")]
    NotOurFormat,
    #[error("This file is {found}, not {expected}.", found = found.described(), expected = expected.described())]
    WrongKind { expected: Kind, found: Kind },
    #[error("This file was made by a newer version of the app (schema {found}; this app reads up to {current}). Update the app, then try again.")]
    NewerVersion { found: u32, current: u32 },
    #[error("This file uses schema version {found}, which this app cannot upgrade to version {current}.")]
    UnsupportedVersion { found: u32, current: u32 },
    #[error("The file's field \"{field}\" is missing or invalid: {problem}")]
    InvalidField { field: String, problem: String },
}

/// An `InvalidField` error.
pub fn invalid(field: impl Into<String>, problem: impl Into<String>) -> ImportError {
    ImportError::InvalidField {
        field: field.into(),
        problem: problem.into(),
    }
}

/// Checks a piece of text from a file or storage: at most `max` characters and no control
/// characters (line breaks are allowed where `multiline`).
pub fn check_text(field: &str, text: &str, max: usize, multiline: bool) -> Result<(), ImportError> {
    if text.chars().count() > max {
        return Err(invalid(
            field,
            format!("it is longer than {max} characters"),
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')))
    {
        return Err(invalid(field, "it contains control characters"));
    }
    Ok(())
}

/// Characters that change how text displays without showing themselves: zero-width spaces
/// and joiners, direction marks, embeddings, overrides and isolates. A name holding one could
/// read as someone else's.
pub fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Checks a name, title or id: not blank, no invisible or direction-changing characters,
/// then as `check_text` on one line.
pub fn check_name(field: &str, text: &str, max: usize) -> Result<(), ImportError> {
    if text.trim().is_empty() {
        return Err(invalid(field, "it is empty"));
    }
    if text.chars().any(is_invisible_format) {
        return Err(invalid(
            field,
            "it contains invisible or direction-changing characters",
        ));
    }
    check_text(field, text, max, false)
}

/// The largest file an import of one record, audit or settings file accepts.
pub const MAX_IMPORT_BYTES: usize = 5_000_000;

/// The largest backup a restore accepts. A backup of 2,000 people with two years of checked
/// attempts is about 14 MB; the app refuses to write one larger than this, so every backup
/// it writes restores.
pub const MAX_BACKUP_BYTES: usize = 64_000_000;

/// Serialises a value as an envelope in compact JSON (backups and the staff records, which
/// can be large).
pub fn to_compact_json<T: Versioned>(
    value: &T,
    saved_at: NaiveDateTime,
    content_version: Option<&str>,
) -> String {
    serde_json::to_string(&wrap(value, saved_at, content_version))
        .expect("envelopes always serialise")
}

/// Wraps a value in an envelope.
pub fn wrap<T: Versioned>(
    value: &T,
    saved_at: NaiveDateTime,
    content_version: Option<&str>,
) -> Envelope {
    Envelope {
        format: FORMAT.to_owned(),
        kind: T::KIND,
        schema_version: T::SCHEMA_VERSION,
        app_version: APP_VERSION.to_owned(),
        content_version: content_version.map(str::to_owned),
        saved_at,
        data: serde_json::to_value(value).expect("domain values always serialise"),
    }
}

/// Serialises a value as an envelope in pretty JSON (for files) .
pub fn to_json<T: Versioned>(
    value: &T,
    saved_at: NaiveDateTime,
    content_version: Option<&str>,
) -> String {
    serde_json::to_string_pretty(&wrap(value, saved_at, content_version))
        .expect("envelopes always serialise")
}

/// Reads the envelope of a file's text without interpreting the data; a file over
/// `MAX_IMPORT_BYTES` is refused before parsing.
pub fn read_envelope(text: &str) -> Result<Envelope, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            size: text.len(),
            limit: MAX_IMPORT_BYTES,
        });
    }
    read_envelope_unbounded(text)
}

/// Reads an envelope of any size: what the app itself stored, or a backup already checked
/// against `MAX_BACKUP_BYTES`.
pub fn read_envelope_unbounded(text: &str) -> Result<Envelope, ImportError> {
    // Some Windows editors start a file with a byte order mark; it is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| ImportError::NotJson {
        line: e.line(),
        column: e.column(),
        message: plain_json_error(&e),
    })?;
    envelope_from(value)
}

/// Reads the envelope's own fields by hand, naming any that is wrong.
fn envelope_from(value: Value) -> Result<Envelope, ImportError> {
    let Value::Object(mut object) = value else {
        return Err(ImportError::NotOurFormat);
    };
    if object.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(ImportError::NotOurFormat);
    }
    let text = |object: &serde_json::Map<String, Value>, field: &str| {
        object.get(field).and_then(Value::as_str).map(str::to_owned)
    };
    let kind = match object.get("kind") {
        Some(Value::String(id)) => Kind::from_id(id)
            .ok_or_else(|| invalid("kind", format!("\"{id}\" is not a kind this app knows")))?,
        _ => return Err(invalid("kind", "it is missing or not text")),
    };
    let schema_version = object
        .get("schema_version")
        .and_then(Value::as_u64)
        .and_then(|v| u32::try_from(v).ok())
        .ok_or_else(|| invalid("schema_version", "it is missing or not a whole number"))?;
    let saved_at = text(&object, "saved_at")
        .and_then(|t| t.parse::<NaiveDateTime>().ok())
        .ok_or_else(|| invalid("saved_at", "it is missing or not a date and time"))?;
    let app_version = text(&object, "app_version").unwrap_or_default();
    let content_version = text(&object, "content_version");
    let data = object
        .remove("data")
        .ok_or_else(|| invalid("data", "it is missing"))?;
    Ok(Envelope {
        format: FORMAT.to_owned(),
        kind,
        schema_version,
        app_version,
        content_version,
        saved_at,
        data,
    })
}

/// Reads a file's text as a `T`: checks format, kind and version, migrates, validates.
pub fn unwrap<T: Versioned>(text: &str) -> Result<T, ImportError> {
    match fast::<T>(text, MAX_IMPORT_BYTES) {
        Some(read) => read,
        // Anything unusual (an older schema to migrate, another kind, a mistake to name)
        // goes the careful way, which explains itself.
        None => open::<T>(read_envelope(text)?),
    }
}

/// The envelope's own fields, by name. A field not named here sends a file the careful way
/// (serde_json skips an unknown value without its nesting limit, which the careful way
/// applies).
#[derive(Clone, Copy, Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Field {
    Format,
    Kind,
    SchemaVersion,
    AppVersion,
    ContentVersion,
    SavedAt,
    Data,
}

/// Reads an envelope of `T` in one pass: its own fields are checked as they come (every file
/// the app writes has them before its data), then the data is read straight into `T`.
/// Anything else (another kind or version, a field twice or out of order, an unknown field)
/// is refused here, to be read the careful way.
struct Fast<T>(std::marker::PhantomData<T>);

impl<'de, T: Versioned> serde::de::Visitor<'de> for Fast<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an envelope of the current schema")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        use serde::de::Error;
        let careful = || A::Error::custom("to be read the careful way");
        let mut seen = [false; 7];
        let mut data = None;
        while let Some(field) = map.next_key::<Field>()? {
            if std::mem::replace(&mut seen[field as usize], true) {
                return Err(careful());
            }
            let expected = match field {
                Field::Format => map.next_value::<&str>()? == FORMAT,
                Field::Kind => map.next_value::<&str>()? == T::KIND.id(),
                Field::SchemaVersion => map.next_value::<u32>()? == T::SCHEMA_VERSION,
                Field::AppVersion | Field::ContentVersion => {
                    map.next_value::<Option<&str>>().is_ok()
                }
                Field::SavedAt => map.next_value::<NaiveDateTime>().is_ok(),
                Field::Data => {
                    let head = [Field::Format, Field::Kind, Field::SchemaVersion];
                    if !head.iter().all(|f| seen[*f as usize]) {
                        return Err(careful());
                    }
                    data = Some(map.next_value::<T>()?);
                    true
                }
            };
            if !expected {
                return Err(careful());
            }
        }
        match data {
            Some(data) if seen[Field::SavedAt as usize] => Ok(data),
            _ => Err(careful()),
        }
    }
}

/// The fast way to read a file that is well formed, of kind `T` and of its current schema
/// (every file a current app writes): one pass, the data read straight into `T`, instead of
/// into a JSON value that is written out again and parsed a second time to name a wrong
/// field. `None` sends the file the careful way, which gives the same value or names the
/// problem.
fn fast<T: Versioned>(text: &str, limit: usize) -> Option<Result<T, ImportError>> {
    if text.len() > limit {
        return None;
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut read = serde_json::Deserializer::from_str(text);
    let value =
        serde::Deserializer::deserialize_map(&mut read, Fast::<T>(Default::default())).ok()?;
    read.end().ok()?;
    Some(value.validate().map(|()| value))
}

/// Reads what the app stored as a `T`, whatever its size (the fast way first, as `unwrap`).
pub fn unwrap_stored<T: Versioned>(text: &str) -> Result<T, ImportError> {
    match fast::<T>(text, usize::MAX) {
        Some(read) => read,
        None => open::<T>(read_envelope_unbounded(text)?),
    }
}

/// Interprets an envelope already read as a `T`.
pub fn open<T: Versioned>(envelope: Envelope) -> Result<T, ImportError> {
    if envelope.kind != T::KIND {
        return Err(ImportError::WrongKind {
            expected: T::KIND,
            found: envelope.kind,
        });
    }
    let data = migrate::<T>(envelope.schema_version, envelope.data)?;
    // Read from pretty text, not from the `Value`: one deserialiser per type keeps the
    // wasm small, and the error's line finds the field to name.
    let text = serde_json::to_string_pretty(&data).expect("JSON values always serialise");
    let value: T = serde_json::from_str(&text).map_err(|e| field_error(&text, &e))?;
    value.validate()?;
    Ok(value)
}

/// Runs the migration chain from `from` to the current version.
pub fn migrate<T: Versioned>(from: u32, mut data: Value) -> Result<Value, ImportError> {
    if from > T::SCHEMA_VERSION {
        return Err(ImportError::NewerVersion {
            found: from,
            current: T::SCHEMA_VERSION,
        });
    }
    if from == 0 {
        return Err(ImportError::UnsupportedVersion {
            found: from,
            current: T::SCHEMA_VERSION,
        });
    }
    for version in from..T::SCHEMA_VERSION {
        data = T::migrate_step(version, data)?;
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Note {
        text: String,
        #[serde(default)]
        stars: u8,
    }

    impl Versioned for Note {
        const KIND: Kind = Kind::Settings;
        const SCHEMA_VERSION: u32 = 2;
        fn migrate_step(from: u32, mut data: Value) -> Result<Value, ImportError> {
            match from {
                // v1 called the field "body".
                1 => {
                    let body = data.get("body").cloned().unwrap_or(Value::Null);
                    data["text"] = body;
                    Ok(data)
                }
                _ => Err(ImportError::UnsupportedVersion {
                    found: from,
                    current: 2,
                }),
            }
        }
    }

    fn at() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap()
    }

    #[test]
    fn round_trip() {
        let note = Note {
            text: "hello".into(),
            stars: 3,
        };
        let json = to_json(&note, at(), None);
        assert_eq!(unwrap::<Note>(&json).unwrap(), note);
    }

    #[test]
    fn old_versions_migrate() {
        let json = r#"{"format":"online-safety-workbench","kind":"settings","schema_version":1,
            "app_version":"0.0.1","saved_at":"2025-01-01T10:00:00","data":{"body":"old"}}"#;
        assert_eq!(
            unwrap::<Note>(json).unwrap(),
            Note {
                text: "old".into(),
                stars: 0
            }
        );
    }

    #[test]
    fn the_fast_way_reads_what_the_careful_way_reads() {
        let note = Note {
            text: "hello \u{1F600} \"quoted\"".into(),
            stars: 3,
        };
        let json = to_json(&note, at(), Some("2026.2"));
        for text in [
            json.clone(),
            format!("\u{feff}{json}"),
            json.replace('\n', ""),
        ] {
            assert_eq!(
                fast::<Note>(&text, MAX_IMPORT_BYTES),
                Some(Ok(note.clone()))
            );
            assert_eq!(
                open::<Note>(read_envelope(&text).unwrap()),
                Ok(note.clone())
            );
        }
        // Older schemas, other kinds, unknown dates and mistakes go the careful way.
        let old = json.replace("\"schema_version\": 2", "\"schema_version\": 1");
        let other = json.replace("\"settings\"", "\"audit\"");
        let undated = json.replace("2026-11-24T09:30:00", "yesterday");
        let wrong = json.replace("\"stars\": 3", "\"stars\": \"three\"");
        // An envelope field it does not know (serde_json would skip its value whatever its
        // nesting, where the careful way applies the nesting limit).
        let extra = json.replace("\"saved_at\"", "\"extra\": [[1]],\n  \"saved_at\"");
        let twice = json.replace("\"saved_at\"", "\"kind\": \"settings\",\n  \"saved_at\"");
        // The envelope's fields in another order (here sorted: data before kind).
        let late = serde_json::to_string(&serde_json::from_str::<Value>(&json).unwrap()).unwrap();
        assert!(late.starts_with("{\"app_version\""));
        assert_eq!(unwrap::<Note>(&late), Ok(note.clone()));
        for text in [old, other, undated, wrong, extra, twice, late] {
            assert_eq!(fast::<Note>(&text, MAX_IMPORT_BYTES), None, "{text}");
        }
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert!(matches!(
            unwrap::<Note>("{\n  \"a\": "),
            Err(ImportError::NotJson { line: 2, .. })
        ));
        assert_eq!(
            unwrap::<Note>(r#"{"format":"other"}"#),
            Err(ImportError::NotOurFormat)
        );
        let audit = to_json(
            &Note {
                text: "x".into(),
                stars: 0,
            },
            at(),
            None,
        )
        .replace("\"settings\"", "\"audit\"");
        assert_eq!(
            unwrap::<Note>(&audit).unwrap_err().to_string(),
            "This file is an online-safety audit, not school settings."
        );
        let newer = to_json(
            &Note {
                text: "x".into(),
                stars: 0,
            },
            at(),
            None,
        )
        .replace("\"schema_version\": 2", "\"schema_version\": 9");
        assert_eq!(
            unwrap::<Note>(&newer),
            Err(ImportError::NewerVersion {
                found: 9,
                current: 2
            })
        );
        let missing = to_json(
            &Note {
                text: "x".into(),
                stars: 0,
            },
            at(),
            None,
        )
        .replace("\"text\"", "\"txt\"");
        assert!(
            matches!(unwrap::<Note>(&missing), Err(ImportError::InvalidField { field, .. }) if field == "text")
        );
        let huge = "x".repeat(MAX_IMPORT_BYTES + 1);
        assert!(matches!(
            unwrap::<Note>(&huge),
            Err(ImportError::TooLarge { .. })
        ));
    }
}
