//! The DSL's view of the whole staff: exported training records imported, each attempt
//! checked against the course when it arrives (`verify`), then a matrix of who is trained and
//! who is due, coverage figures, and CSV for spreadsheets. The DSL keeps what the matrix needs
//! (each attempt's verdict, dates and score, each declaration, and the SHA-256 of every file a
//! record came from), not every raw answer, so thousands of people fit on one device.
//!
//! Every public item is re-exported here (`domain::staff::X`):
//! - this file: the [`StaffRecords`] held, importing and merging record files, and the
//!   conflicts a DSL settles when a record id arrives under someone else's name;
//! - `matrix.rs`: the matrix rows and cells, filtering and sorting, and CSV;
//! - `coverage.rs`: coverage figures for governors;
//! - `batch.rs`: importing a folder: which files are read, the most one import takes, and
//!   the words for its progress and tally;
//! - `roster.rs` (and `roster/`): the staff list, everyone who must be trained: read from
//!   the MIS's export, matched to records, and coverage counted over it.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::content::Keys;
use super::envelope::{self, invalid, Entries, ImportError, Kind, Versioned};
use super::text::{Rule, Texts};
use super::training::{
    check_declarations, check_declared, check_record_fields, join_declarations, Declaration,
    Person, TrainingRecord,
};
use super::verify::{self, Outcome as Checked, Problem, Verdict};

mod batch;
mod copies;
mod coverage;
mod matrix;
pub mod roster;

pub use batch::{
    grouped, is_record_file, over_cap, progress, walk_stopped, Tally, WalkBudget, BATCH,
    MAX_FILES_PER_IMPORT, PICKER_HINT,
};
pub use coverage::{coverage, declared_sentence, Coverage};
pub use matrix::{
    matrix, neutralise, row, row_for, select, to_csv, Cell, Doubt, Overall, Row, Show, SortBy,
    CSV_NOTE,
};

/// The most people the DSL's device keeps (a trust of several schools fits well within it).
pub const MAX_PEOPLE: usize = 5_000;
/// The most checked attempts kept per person (decades of annual training).
pub const MAX_ATTEMPTS: usize = 2_000;

/// One person's training as the DSL holds it: every attempt from every export, once, as
/// checked when it arrived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffEntry {
    pub record_id: String,
    pub person: Person,
    /// When the newest export of this record was made.
    #[serde(with = "crate::domain::dates::text")]
    pub exported_at: NaiveDateTime,
    /// The SHA-256 (hex) of every file this record came from.
    #[serde(default)]
    pub files: Vec<String>,
    /// Every attempt, checked, oldest first.
    pub attempts: Vec<Checked>,
    /// Every declaration from every export, once, oldest first.
    #[serde(default)]
    pub declarations: Vec<Declaration>,
}

/// Every imported record and when the matrix last changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRecords {
    pub people: Vec<StaffEntry>,
    #[serde(default, with = "crate::domain::dates::opt_text")]
    pub updated_at: Option<NaiveDateTime>,
}

impl Versioned for StaffRecords {
    const KIND: Kind = Kind::StaffRecords;
    /// 2: attempts are kept checked (verdict, dates, score), not as raw answers.
    const SCHEMA_VERSION: u32 = 2;

    fn migrate_step(from: u32, data: Value) -> Result<Value, ImportError> {
        match from {
            1 => Ok(from_v1(data)),
            _ => Err(ImportError::UnsupportedVersion {
                found: from,
                current: Self::SCHEMA_VERSION,
            }),
        }
    }

    fn check(&mut self, texts: &mut Texts) -> Result<(), ImportError> {
        if self.people.len() > MAX_PEOPLE {
            return Err(invalid("people", "there are more than 5,000 people"));
        }
        let mut ids = std::collections::BTreeSet::new();
        for (i, p) in self.people.iter_mut().enumerate() {
            p.check(texts, &format!("people[{i}]."))?;
            if !ids.insert(p.record_id.clone()) {
                return Err(invalid(
                    format!("people[{i}].record_id"),
                    "it appears twice",
                ));
            }
        }
        Ok(())
    }

    const ENTRIES: &'static [Entries] = &[
        Entries {
            field: "people",
            id: Some("record_id"),
            name: |_, person| format!("{}'s training records", person_name(person)),
        },
        Entries {
            field: "attempts",
            id: Some("attempt_id"),
            name: |_, attempt| format!("an attempt at module {}", text_at(attempt, "module_id")),
        },
    ];
}

impl StaffEntry {
    /// The rules one person's entry keeps, whether it arrives in a record file, is made by a
    /// decision (settle), or is loaded: the same as a record file's, and no more attempts
    /// than the store keeps. `at` prefixes each field path ("people[3].").
    pub fn check(&mut self, texts: &mut Texts, at: &str) -> Result<(), ImportError> {
        check_record_fields(texts, at, &mut self.record_id, &mut self.person)?;
        check_outcomes(texts, &format!("{at}attempts"), &mut self.attempts)?;
        let at = format!("{at}declarations");
        check_declarations(texts, &at, &mut self.declarations)
    }

    /// Whether an attempt of this entry waits for the person's record to be imported again
    /// (restored from a file, or kept from before attempts were checked).
    fn awaits_record(&self) -> bool {
        self.attempts
            .iter()
            .any(|a| matches!(&a.verdict, Verdict::Unverifiable(p) if p.awaits_record()))
    }

    /// The entry if it keeps the rules (strictly); otherwise why not.
    fn checked(mut self) -> Result<Self, ImportError> {
        self.check(&mut Texts::strict(), "")?;
        Ok(self)
    }
}

/// The checked attempts of one person, from a file or storage: a sane number, each id and
/// version within its rule. The one check import, settle and load share.
pub(crate) fn check_outcomes(
    texts: &mut Texts,
    at: &str,
    attempts: &mut [Checked],
) -> Result<(), ImportError> {
    if attempts.len() > MAX_ATTEMPTS {
        return Err(invalid(at, "there are more than 2,000 attempts"));
    }
    for (j, a) in attempts.iter_mut().enumerate() {
        let at = format!("{at}[{j}]");
        texts.text(&format!("{at}.attempt_id"), &mut a.attempt_id, Rule::ID)?;
        texts.text(&format!("{at}.module_id"), &mut a.module_id, Rule::ID)?;
        texts.text(
            &format!("{at}.content_version"),
            &mut a.content_version,
            Rule::VERSION,
        )?;
        texts.text(
            &format!("{at}.policy_version"),
            &mut a.policy_version,
            Rule::VERSION,
        )?;
    }
    Ok(())
}

/// Why a new person cannot be added.
fn full() -> ImportError {
    invalid(
        "record_id",
        "the staff records already hold 5,000 people, the most this device keeps",
    )
}

/// A person's name in stored data, for a notice.
pub(crate) fn person_name(entry: &Value) -> &str {
    entry
        .get("person")
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .filter(|name| !name.trim().is_empty())
        .unwrap_or("Someone")
}

/// A text field of stored data, for a notice.
pub(crate) fn text_at<'a>(entry: &'a Value, field: &str) -> &'a str {
    entry.get(field).and_then(Value::as_str).unwrap_or("?")
}

/// Schema 1 kept raw attempts and checked them on every view. They cannot be checked
/// against the draw here (a migration knows no answer keys), so each is kept as Unverifiable
/// with the reason: importing the person's record again checks it properly. Anything that
/// is not the expected shape is left for validation to name.
fn from_v1(mut data: Value) -> Value {
    let Some(people) = data.get_mut("people").and_then(Value::as_array_mut) else {
        return data;
    };
    for person in people.iter_mut().filter_map(Value::as_object_mut) {
        let attempts = person.remove("attempts").unwrap_or(Value::Null);
        let checked: Vec<Value> = attempts
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| {
                let text = |k: &str| a.get(k).and_then(Value::as_str).map(str::to_owned);
                let started = text("started_at")?;
                Some(serde_json::json!({
                    "attempt_id": text("id")?,
                    "module_id": text("module_id")?,
                    "content_version": text("content_version").unwrap_or_default(),
                    "policy_version": text("policy_version").unwrap_or_default(),
                    "submitted_at": text("submitted_at").unwrap_or_else(|| started.clone()),
                    "started_at": started,
                    "score": null,
                    "verdict": {"verdict": "unverifiable", "problem": "recorded-unchecked"},
                }))
            })
            .collect();
        person.insert("attempts".into(), Value::Array(checked));
    }
    data
}

/// A record file as the import reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordFile {
    pub name: String,
    pub text: String,
    /// The SHA-256 (hex) of the file's bytes.
    pub sha256: String,
}

/// What happened to one file in an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A person not seen before.
    Added { name: String },
    /// The same record again: new attempts added to what was there.
    Merged { name: String, new_attempts: usize },
    /// The same record with nothing new.
    AlreadyHere { name: String },
    /// The record id is held for someone else: nothing changes until the DSL decides.
    Conflict(Box<Conflict>),
    /// Rejected, with the reason.
    Failed(ImportError),
}

/// A record whose id the DSL already holds under another name or role, or a newer record of
/// the same person that would change their track or start date: one person's details change
/// only by the DSL's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Who the id belongs to now.
    pub held: Person,
    /// The incoming record, checked, ready to apply if the DSL says so.
    pub incoming: StaffEntry,
    /// For the same person, what the file would change ("track: Induction to Refresher");
    /// empty when the id is held for someone else.
    pub changes: Vec<String>,
}

/// What the DSL decides about a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settle {
    /// Keep what is held; the incoming file is not used. For a change of details: the
    /// file's attempts are added, the details held are kept.
    Keep,
    /// The incoming record replaces what is held under its id. For a change of details: the
    /// file's attempts are added and its details taken.
    Replace,
    /// Keep both: the incoming record is held under a new id of its own.
    KeepBoth,
}

/// One file's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileResult {
    pub file: String,
    pub outcome: Outcome,
}

impl StaffRecords {
    /// Imports record files, checking every attempt against `keys` as it arrives. Each file
    /// stands alone: a bad one is reported and the rest still import. The same record id
    /// merges, keeping every attempt once; a record id held under another name or role is a
    /// conflict, never applied silently. A file already imported (the same bytes, by its
    /// SHA-256) is already up to date without being read again: a shared folder imported
    /// a second time costs little.
    pub fn import(
        &mut self,
        files: &[RecordFile],
        keys: &Keys,
        now: NaiveDateTime,
    ) -> Vec<FileResult> {
        let mut results = Vec::with_capacity(files.len());
        let mut index: BTreeMap<String, usize> = self
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.record_id.clone(), i))
            .collect();
        let mut seen: BTreeMap<String, usize> = self
            .people
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.files.iter().map(move |f| (f.clone(), i)))
            .collect();
        for file in files {
            // A file already imported is skipped, unless its person waits for it to be
            // checked again (restored from a backup file).
            if let Some(&i) = seen
                .get(&file.sha256)
                .filter(|&&i| !file.sha256.is_empty() && !self.people[i].awaits_record())
            {
                results.push(FileResult {
                    file: file.name.clone(),
                    outcome: Outcome::AlreadyHere {
                        name: self.people[i].person.name.clone(),
                    },
                });
                continue;
            }
            let read = envelope::unwrap::<TrainingRecord>(&file.text).and_then(|record| {
                check_declared(keys, &record.declarations, record.exported_at, now)?;
                checked(record, &file.sha256, keys, now).checked()
            });
            let outcome = match read {
                Err(e) => Outcome::Failed(e),
                Ok(incoming) => match index.get(&incoming.record_id) {
                    None if self.people.len() >= MAX_PEOPLE => Outcome::Failed(full()),
                    None => {
                        index.insert(incoming.record_id.clone(), self.people.len());
                        if !file.sha256.is_empty() {
                            seen.insert(file.sha256.clone(), self.people.len());
                        }
                        let name = incoming.person.name.clone();
                        self.people.push(incoming);
                        Outcome::Added { name }
                    }
                    Some(&i) if !same_person(&self.people[i].person, &incoming.person) => {
                        Outcome::Conflict(Box::new(Conflict {
                            held: self.people[i].person.clone(),
                            incoming,
                            changes: Vec::new(),
                        }))
                    }
                    Some(&i) if !changes(&self.people[i], &incoming, now).is_empty() => {
                        Outcome::Conflict(Box::new(Conflict {
                            held: self.people[i].person.clone(),
                            changes: changes(&self.people[i], &incoming, now),
                            incoming,
                        }))
                    }
                    Some(&i) => {
                        // Merged into a copy first: a merge that would break the rules (too
                        // many attempts) changes nothing.
                        let mut entry = self.people[i].clone();
                        let outcome = merge(&mut entry, incoming, now);
                        match entry.checked() {
                            Err(e) => Outcome::Failed(e),
                            Ok(entry) => {
                                if !file.sha256.is_empty() {
                                    seen.insert(file.sha256.clone(), i);
                                }
                                self.people[i] = entry;
                                outcome
                            }
                        }
                    }
                },
            };
            results.push(FileResult {
                file: file.name.clone(),
                outcome,
            });
        }
        if results
            .iter()
            .any(|r| matches!(r.outcome, Outcome::Added { .. } | Outcome::Merged { .. }))
        {
            self.updated_at = Some(now);
        }
        results
    }

    /// The records as restored from a backup file: a file anyone could have edited, so no
    /// verdict in it is believed. Every attempt it says was verified is kept, marked
    /// `RestoredFromFile`, and counts once the person's record is imported again (which
    /// checks it afresh); attempts it says failed the check stay as they are.
    pub fn restored_from_file(mut self) -> Self {
        for attempt in self.people.iter_mut().flat_map(|p| &mut p.attempts) {
            if attempt.verdict.is_verified() {
                attempt.verdict = Verdict::Unverifiable(Problem::RestoredFromFile);
            }
        }
        self
    }

    /// Applies the DSL's decision about a conflict. Refused, changing nothing, when the
    /// result would break the rules the store keeps (no room for another person).
    pub fn settle(
        &mut self,
        conflict: Conflict,
        decision: Settle,
        now: NaiveDateTime,
    ) -> Result<(), ImportError> {
        let Conflict {
            incoming, changes, ..
        } = conflict;
        if !changes.is_empty() && decision != Settle::KeepBoth {
            // The same person: the file's attempts are added either way; the decision says
            // whose details stand. Merged into a copy, so nothing changes if it breaks a rule.
            let Some(i) = self
                .people
                .iter()
                .position(|p| p.record_id == incoming.record_id)
            else {
                return Ok(());
            };
            let mut entry = self.people[i].clone();
            let held = entry.person.clone();
            merge(&mut entry, incoming, now);
            if decision == Settle::Keep {
                entry.person = held;
            }
            self.people[i] = entry.checked()?;
            self.updated_at = Some(now);
            return Ok(());
        }
        match decision {
            Settle::Keep => return Ok(()),
            Settle::Replace => {
                self.people.retain(|p| p.record_id != incoming.record_id);
                self.people.push(incoming);
            }
            Settle::KeepBoth => {
                if self.people.len() >= MAX_PEOPLE {
                    return Err(full());
                }
                self.people.push(StaffEntry {
                    record_id: self.new_id_beside(&incoming.record_id),
                    ..incoming
                });
            }
        }
        self.updated_at = Some(now);
        Ok(())
    }

    /// A record id for a second person found under `id`: "id (2)", "id (3)"..., the id
    /// shortened so the whole keeps the id rule.
    fn new_id_beside(&self, id: &str) -> String {
        (2..)
            .map(|n| {
                let suffix = format!(" ({n})");
                let room = Rule::ID.max - suffix.chars().count();
                format!("{}{suffix}", id.chars().take(room).collect::<String>())
            })
            .find(|id| !self.people.iter().any(|p| &p.record_id == id))
            .unwrap_or_default()
    }

    /// Two copies of the records joined (two tabs that both changed them): every person
    /// either holds, and for a record id both hold, every attempt and file of either, once,
    /// with the person as the newer export gives them. A person one copy removed comes back
    /// if the other still holds them: losing a record is worse than showing one twice.
    pub fn union(mine: &Self, theirs: &Self) -> Self {
        let mut joined = theirs.clone();
        let index: BTreeMap<String, usize> = joined
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.record_id.clone(), i))
            .collect();
        for entry in &mine.people {
            let Some(&i) = index.get(&entry.record_id) else {
                joined.people.push(entry.clone());
                continue;
            };
            if !same_person(&joined.people[i].person, &entry.person) {
                // One tab settled this id for another person (Replace): never merge two
                // people's attempts; this tab's person stays, as a second person the DSL sees.
                let id = joined.new_id_beside(&entry.record_id);
                joined.people.push(StaffEntry {
                    record_id: id,
                    ..entry.clone()
                });
                continue;
            }
            let held = &mut joined.people[i];
            for file in &entry.files {
                if !held.files.contains(file) {
                    held.files.push(file.clone());
                }
            }
            for attempt in &entry.attempts {
                if !held.attempts.iter().any(|a| same_attempt(a, attempt)) {
                    held.attempts.push(attempt.clone());
                }
            }
            held.attempts
                .sort_by_key(|a| (a.submitted_at, a.started_at));
            join_declarations(&mut held.declarations, &entry.declarations);
            if entry.exported_at > held.exported_at {
                held.person = entry.person.clone();
                held.exported_at = entry.exported_at;
            }
        }
        joined.updated_at = mine.updated_at.max(theirs.updated_at);
        joined
    }

    /// Names held by more than one record id: shown to the DSL, never merged silently.
    pub fn name_clashes(&self) -> Vec<String> {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for p in &self.people {
            *seen.entry(normal_name(&p.person.name)).or_default() += 1;
        }
        let mut names: Vec<String> = self
            .people
            .iter()
            .filter(|p| seen[&normal_name(&p.person.name)] > 1)
            .map(|p| p.person.name.clone())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// Removes a person's record.
    pub fn remove(&mut self, record_id: &str, now: NaiveDateTime) {
        self.people.retain(|p| p.record_id != record_id);
        self.updated_at = Some(now);
    }
}

fn normal_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The same person: the same name (ignoring case and spacing) and role.
fn same_person(a: &Person, b: &Person) -> bool {
    normal_name(&a.name) == normal_name(&b.name) && a.role == b.role
}

/// A record as the DSL keeps it: each attempt checked against the course.
fn checked(record: TrainingRecord, sha256: &str, keys: &Keys, now: NaiveDateTime) -> StaffEntry {
    let mut attempts: Vec<Checked> = record
        .attempts
        .iter()
        .map(|a| verify::check(keys, &record.record_id, a, Some(record.exported_at), now))
        .collect();
    // Honest dates: a pass counts from no later than the moment it reached the DSL, so a
    // file (or a device's clock) cannot date one ahead of the check's day of grace.
    for a in &mut attempts {
        a.started_at = a.started_at.min(now);
        a.submitted_at = a.submitted_at.min(now);
    }
    attempts.sort_by_key(|a| (a.submitted_at, a.started_at));
    StaffEntry {
        record_id: record.record_id,
        person: record.person,
        exported_at: record.exported_at,
        // An insecure origin offers no hashing: no hash is kept rather than an empty one.
        files: (!sha256.is_empty())
            .then(|| sha256.to_owned())
            .into_iter()
            .collect(),
        attempts,
        declarations: record.declarations,
    }
}

/// The same attempt: its id and everything its file said of it (module, draw, version,
/// score, verdict and session). Its dates are left out: a pass is dated no later than its
/// import, so the same file imported twice can differ there.
fn same_attempt(a: &Checked, b: &Checked) -> bool {
    a.attempt_id == b.attempt_id
        && a.module_id == b.module_id
        && a.seed == b.seed
        && a.content_version == b.content_version
        && a.score == b.score
        && a.verdict == b.verdict
        && a.session == b.session
}

/// Whether `incoming` is a newer export of `entry`'s record, whose details it would take. A
/// date in the future never freezes the entry against genuine updates.
fn newer(entry: &StaffEntry, incoming: &StaffEntry, now: NaiveDateTime) -> bool {
    let possible = |t: NaiveDateTime| t <= now + Duration::days(1);
    possible(incoming.exported_at)
        && (incoming.exported_at > entry.exported_at || !possible(entry.exported_at))
}

/// What a newer export of the same person would change in the details that decide what they
/// owe: their track and start date (name and role are `same_person`'s). Empty when nothing.
fn changes(entry: &StaffEntry, incoming: &StaffEntry, now: NaiveDateTime) -> Vec<String> {
    let (held, new) = (&entry.person, &incoming.person);
    if !newer(entry, incoming, now) {
        return Vec::new();
    }
    let mut changes = Vec::new();
    if held.track != new.track {
        changes.push(format!(
            "track: {} to {}",
            held.track.label(),
            new.track.label()
        ));
    }
    if held.start_date != new.start_date {
        changes.push(format!(
            "start date: {} to {}",
            crate::domain::dates::long(held.start_date),
            crate::domain::dates::long(new.start_date)
        ));
    }
    changes
}

/// Adds what is new in `incoming` to the same person's entry.
fn merge(entry: &mut StaffEntry, incoming: StaffEntry, now: NaiveDateTime) -> Outcome {
    let name = entry.person.name.clone();
    let takes_details = newer(entry, &incoming, now);
    for file in incoming.files {
        if !entry.files.contains(&file) {
            entry.files.push(file);
        }
    }
    let before = entry.attempts.len();
    let mut checked_again = 0;
    for attempt in incoming.attempts {
        if entry.attempts.iter().any(|a| same_attempt(a, &attempt)) {
            continue;
        }
        // Held unchecked (restored from a file): the file's own attempt, checked now, takes
        // its place.
        let unchecked = entry.attempts.iter_mut().find(|a| {
            a.attempt_id == attempt.attempt_id
                && matches!(&a.verdict, Verdict::Unverifiable(p) if p.awaits_record())
        });
        match unchecked {
            Some(held) => {
                *held = attempt;
                checked_again += 1;
            }
            // New, or the same id with other content (T8: a doctored copy imported first):
            // both are kept, whichever came first. An altered one shows with its reason; two
            // that both check out are a copy the DSL must settle (`counted_attempts`).
            None => entry.attempts.push(attempt),
        }
    }
    entry
        .attempts
        .sort_by_key(|a| (a.submitted_at, a.started_at));
    let declared = entry.declarations.len();
    join_declarations(&mut entry.declarations, &incoming.declarations);
    // A newer export updates the person (a corrected spelling; a new track or start date
    // only once the DSL has agreed, see `changes`).
    if takes_details {
        entry.person = incoming.person;
        entry.exported_at = incoming.exported_at;
    }
    match entry.attempts.len() - before + checked_again {
        0 if entry.declarations.len() == declared => Outcome::AlreadyHere { name },
        n => Outcome::Merged {
            name,
            new_attempts: n,
        },
    }
}
