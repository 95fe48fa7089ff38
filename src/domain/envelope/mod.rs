//! Every stored value and every exported file is an envelope: format name, kind, schema
//! version, when it was written, and the data. Older schema versions are migrated one step
//! at a time; newer ones are refused with a clear message.
//!
//! `field_path.rs` turns a serde error into the field it names ("attempts[0].score"), so an
//! import error says where a file is wrong, and refuses a file nested too deep, or too
//! costly to parse, before it is parsed; `fast.rs` reads a current file in one pass.

use chrono::NaiveDateTime;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::text::Texts;
use super::vocab::vocabulary;
use serde_json::Value;

mod fast;
mod field_path;
mod keep;

pub use keep::{load, load_envelope, put_back, Entries, Kept, SetAside};

use fast::fast;
use field_path::{check_shape, field_error, offset, plain_json_error, Place};
pub use field_path::{MAX_DEPTH, MAX_PARSED_RATIO};

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
        /// Everyone the school must train: staff, governors and volunteers.
        StaffList = ("staff-list", "staff list"),
        /// Everything on the device.
        FullBackup = ("full-backup", "backup"),
        /// One school's summary of its audit and training, for its trust.
        SchoolSummary = ("school-summary", "school summary"),
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
            Kind::StaffList => "the staff list",
            Kind::FullBackup => "a full backup",
            Kind::SchoolSummary => "a school's summary for its trust",
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
    #[serde(with = "crate::domain::dates::text")]
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

    /// Checks the rules serde cannot (text, ranges, references), naming the field that breaks
    /// one: strictly for a file being imported, repairing what can be repaired for what the
    /// app stored (`Texts`). The one set of rules for every door.
    fn check(&mut self, _texts: &mut Texts) -> Result<(), ImportError> {
        Ok(())
    }

    /// The lists of independent entries the value holds, outermost first, so a load can set
    /// aside one bad entry and keep the rest (`keep::load`). Empty: the value is one whole.
    const ENTRIES: &'static [Entries] = &[];
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
    #[error("The file's field \"{field}\" nests lists or groups more than {limit} deep, which this app never writes.")]
    TooDeep { field: String, limit: usize },
    #[error("This file is made of so many small lists or groups that reading it would need over {ratio} times its size in memory. The app never writes a file like this.")]
    TooDense { ratio: usize },
}

/// An `InvalidField` error.
pub fn invalid(field: impl Into<String>, problem: impl Into<String>) -> ImportError {
    ImportError::InvalidField {
        field: field.into(),
        problem: problem.into(),
    }
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
        .unwrap_or_else(|_| unreachable!("envelopes always serialise"))
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
        data: serde_json::to_value(value)
            .unwrap_or_else(|_| unreachable!("domain values always serialise")),
    }
}

/// Serialises a value as an envelope in pretty JSON (for files) .
pub fn to_json<T: Versioned>(
    value: &T,
    saved_at: NaiveDateTime,
    content_version: Option<&str>,
) -> String {
    serde_json::to_string_pretty(&wrap(value, saved_at, content_version))
        .unwrap_or_else(|_| unreachable!("envelopes always serialise"))
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
    // Before anything is allocated: a file nested deeper, or made of more tiny pieces,
    // than the app writes is refused.
    check_shape(text)?;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let message = plain_json_error(&e);
        if message == "number out of range" {
            // Valid JSON, but beyond any number the app reads (1e400): a wrong field.
            let place = Place::at(text, offset(text, e.line(), e.column()));
            return invalid(field_path::in_data(place.value), "it is a number too large");
        }
        ImportError::NotJson {
            line: e.line(),
            column: e.column(),
            message,
        }
    })?;
    envelope_from(value)
}

/// Reads the envelope's own fields by hand, naming any that is wrong.
pub(crate) fn envelope_from(value: Value) -> Result<Envelope, ImportError> {
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
        .and_then(|t| super::dates::parse_moment(&t))
        .ok_or_else(|| invalid("saved_at", "it is missing or not a date and time"))?;
    let app_version = text(&object, "app_version").unwrap_or_default();
    let content_version = text(&object, "content_version");
    // Taken, not removed: the map is dropped next, and a map's removal code costs wasm.
    let data = object
        .get_mut("data")
        .map(Value::take)
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

/// Reads a file's text as a `T`: checks format, kind and version, migrates, and checks it
/// strictly (an imported file is refused, naming the field, rather than changed).
pub fn unwrap<T: Versioned>(text: &str) -> Result<T, ImportError> {
    let mut value = match fast::<T>(text, MAX_IMPORT_BYTES) {
        Some(read) => read?,
        // Anything unusual (an older schema to migrate, another kind, a mistake to name)
        // goes the careful way, which explains itself.
        None => return open::<T>(read_envelope(text)?),
    };
    value.check(&mut Texts::strict())?;
    Ok(value)
}

/// Interprets an envelope already read as a `T`, checked strictly.
pub fn open<T: Versioned>(envelope: Envelope) -> Result<T, ImportError> {
    let mut value: T = read_data(data_of::<T>(envelope)?)?;
    value.check(&mut Texts::strict())?;
    Ok(value)
}

/// An envelope's data, of `T`'s kind, brought to the current schema.
pub fn data_of<T: Versioned>(envelope: Envelope) -> Result<Value, ImportError> {
    if envelope.kind != T::KIND {
        return Err(ImportError::WrongKind {
            expected: T::KIND,
            found: envelope.kind,
        });
    }
    migrate::<T>(envelope.schema_version, envelope.data)
}

/// Reads a `T` (or any part of one) from data already parsed, naming the field that is wrong.
pub fn read_data<T: DeserializeOwned>(data: Value) -> Result<T, ImportError> {
    // Read from text, not from the `Value`: one deserialiser per type keeps the wasm small
    // (reading a `Value` would compile a second for every type), and the error's place in
    // the text finds the field to name. Compact text is about the size of the file (pretty
    // text of deep data was over a hundred times it), and the `Value` is let go before
    // the `T` is built, so the two are never held at once.
    let text = compact_text(&data);
    drop(data);
    read_text(&text)
}

/// A value as compact JSON text.
pub(crate) fn compact_text(data: &Value) -> String {
    serde_json::to_string(data).unwrap_or_else(|_| unreachable!("JSON values always serialise"))
}

/// Reads compact text made by [`compact_text`] as a `T`, naming the field that is wrong.
pub(crate) fn read_text<T: DeserializeOwned>(text: &str) -> Result<T, ImportError> {
    super::json::from_str(text).map_err(|e| field_error(text, &e))
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
mod tests;
