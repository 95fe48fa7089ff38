//! The kinds the app keeps on the device, each declared once, here: its value type (whose
//! [`Versioned`] gives its `Kind`, schema, migration, validation and repair), where it is
//! kept, how it reads in a sentence and how two tabs' versions of it merge.
//!
//! Every door reaches a stored kind through [`visit`], the one place a `Kind` names its type:
//! the state's signals (typing), import and restore (`backup::normalise`), the load that
//! repairs and sets aside, putting a set-aside copy back, and the Your data page. Adding a kind
//! is its type's `Versioned` and `Stored` impls, its place in [`STORED_KINDS`] and its arm in
//! `visit` (which names every `Kind`, so the compiler asks for it); `tests/page_scripts.rs`
//! ties the safe-mode script's list to `STORED_KINDS`.

use serde_json::Value;

use super::audit::{AcademicYear, AuditBook};
use super::envelope::{Kind, Versioned};
use super::settings::SchoolSettings;
use super::staff::roster::Roster;
use super::staff::StaffRecords;
use super::training::TrainingBook;

/// The kinds the app keeps in storage, in the order a backup lists them.
pub const STORED_KINDS: [Kind; 5] = [
    Kind::Settings,
    Kind::TrainingProfiles,
    Kind::Audits,
    Kind::StaffRecords,
    Kind::StaffList,
];

/// Where a kind is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// localStorage: read and written at once.
    Local,
    /// IndexedDB: room for a large school or a trust, read and written asynchronously.
    Indexed,
}

/// A value the app keeps on the device.
pub trait Stored: Versioned + Default + Clone + PartialEq + Send + Sync + 'static {
    /// Where it is kept. A bundle links only the storage its kinds use (the staff's has no
    /// IndexedDB), so this is a constant.
    const BACKEND: Backend;

    /// One line a person reads about the stored data ("3 training profiles: Ann, Bo, Cy"),
    /// from its JSON as stored: the Your data page describes a file's parts before reading
    /// them, and a staff store can be most of a 64 MB backup.
    fn describe(data: &Value) -> String;

    /// Merges another tab's version into this tab's, so neither tab's change is lost.
    /// `None`: they cannot be merged, and the user chooses.
    fn merge(_mine: &Self, _theirs: &Self) -> Option<Self> {
        None
    }
}

/// Something done to a stored kind, given its type.
pub trait Visit {
    type Out;
    fn visit<T: Stored>(self) -> Self::Out;
}

/// Does `v` to the type stored under `kind`; `None` for a kind that is only ever a file.
pub fn visit<V: Visit>(kind: Kind, v: V) -> Option<V::Out> {
    match kind {
        Kind::Settings => Some(v.visit::<SchoolSettings>()),
        Kind::TrainingProfiles => Some(v.visit::<TrainingBook>()),
        Kind::Audits => Some(v.visit::<AuditBook>()),
        Kind::StaffRecords => Some(v.visit::<StaffRecords>()),
        Kind::StaffList => Some(v.visit::<Roster>()),
        Kind::TrainingRecord | Kind::Audit | Kind::FullBackup | Kind::SchoolSummary => None,
    }
}

/// Where `kind` is kept (`None`: it is never stored).
pub fn backend(kind: Kind) -> Option<Backend> {
    struct Of;
    impl Visit for Of {
        type Out = Backend;
        fn visit<T: Stored>(self) -> Backend {
            T::BACKEND
        }
    }
    visit(kind, Of)
}

/// One line a person reads about a stored kind's data (its JSON as stored).
pub fn describe(kind: Kind, data: &Value) -> Option<String> {
    struct Describe<'a>(&'a Value);
    impl Visit for Describe<'_> {
        type Out = String;
        fn visit<T: Stored>(self) -> String {
            T::describe(self.0)
        }
    }
    visit(kind, Describe(data))
}

impl Stored for SchoolSettings {
    const BACKEND: Backend = Backend::Local;

    fn describe(data: &Value) -> String {
        let name = data.get("school_name").and_then(Value::as_str);
        format!("School settings for {}", name.unwrap_or("a school"))
    }
}

impl Stored for TrainingBook {
    const BACKEND: Backend = Backend::Local;

    fn describe(data: &Value) -> String {
        let names: Vec<&str> = list(data, "profiles")
            .filter_map(|p| p.pointer("/person/name").and_then(Value::as_str))
            .collect();
        match names.len() {
            0 => "No training profiles".to_owned(),
            1 => format!("1 training profile: {}", names[0]),
            n => format!("{n} training profiles: {}", names.join(", ")),
        }
    }
}

impl Stored for AuditBook {
    const BACKEND: Backend = Backend::Local;

    fn describe(data: &Value) -> String {
        let years: Vec<String> = list(data, "audits")
            .filter_map(|a| a.get("year").and_then(Value::as_i64))
            .filter_map(|y| i32::try_from(y).ok())
            .map(|y| AcademicYear(y).label())
            .collect();
        match years.len() {
            0 => "No audits".to_owned(),
            1 => format!("The {} audit", years[0]),
            _ => format!("Audits for {}", years.join(", ")),
        }
    }
}

/// The DSL's staff records can hold thousands of people: IndexedDB, where there is room.
/// Two tabs' records merge by record id (each person either holds, with every attempt).
impl Stored for StaffRecords {
    const BACKEND: Backend = Backend::Indexed;

    fn describe(data: &Value) -> String {
        match list(data, "people").count() {
            1 => "Training records for 1 person".to_owned(),
            n => format!("Training records for {n} people"),
        }
    }

    fn merge(mine: &Self, theirs: &Self) -> Option<Self> {
        Some(StaffRecords::union(mine, theirs))
    }
}

/// The staff list is small (5,000 people at most, a line each): localStorage.
impl Stored for Roster {
    const BACKEND: Backend = Backend::Local;

    fn describe(data: &Value) -> String {
        match list(data, "people").count() {
            0 => "An empty staff list".to_owned(),
            1 => "Staff list of 1 person".to_owned(),
            n => format!("Staff list of {n} people"),
        }
    }
}

/// The entries of a list field (none when it is missing or not a list).
fn list<'a>(data: &'a Value, field: &str) -> impl Iterator<Item = &'a Value> {
    data.get(field)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}
