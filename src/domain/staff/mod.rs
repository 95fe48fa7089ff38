//! The DSL's view of the whole staff: exported training records imported, merged and
//! re-scored against the course, then a matrix of who is trained and who is due, coverage
//! figures, and CSV for spreadsheets.
//!
//! Every public item is re-exported here (`domain::staff::X`):
//! - this file: the [`StaffRecords`] held, and importing and merging record files;
//! - `matrix.rs`: re-scoring, the matrix rows and cells, filtering and sorting, and CSV;
//! - `coverage.rs`: coverage figures for governors.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::envelope::{self, invalid, ImportError, Kind, Versioned};
use super::quiz::Attempt;
use super::training::{check_record_fields, Person, TrainingRecord};

mod coverage;
mod matrix;

pub use coverage::{coverage, Coverage};
pub use matrix::{doubt, matrix, row, select, to_csv, Cell, Doubt, Overall, Row, Show, SortBy};

/// One person's training as the DSL holds it: every attempt from every export, once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffEntry {
    pub record_id: String,
    pub person: Person,
    /// When the newest export of this record was made.
    pub exported_at: NaiveDateTime,
    pub attempts: Vec<Attempt>,
}

/// Every imported record and when the matrix last changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRecords {
    pub people: Vec<StaffEntry>,
    pub updated_at: Option<NaiveDateTime>,
}

impl Versioned for StaffRecords {
    const KIND: Kind = Kind::StaffRecords;
    const SCHEMA_VERSION: u32 = 1;

    fn validate(&self) -> Result<(), ImportError> {
        if self.people.len() > 5_000 {
            return Err(invalid("people", "there are more than 5,000 people"));
        }
        let mut ids = std::collections::BTreeSet::new();
        for (i, p) in self.people.iter().enumerate() {
            if !ids.insert(&p.record_id) {
                return Err(invalid(
                    format!("people[{i}].record_id"),
                    "it appears twice",
                ));
            }
            // The same rules as a record file.
            check_record_fields(&format!("people[{i}]."), &p.record_id, &p.person)?;
        }
        Ok(())
    }
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
    /// Rejected, with the reason.
    Failed(ImportError),
}

/// One file's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileResult {
    pub file: String,
    pub outcome: Outcome,
}

impl StaffRecords {
    /// Imports record files (name, text). Each file stands alone: a bad one is reported
    /// and the rest still import. The same record id merges, keeping every attempt once.
    pub fn import(&mut self, files: &[(String, String)], now: NaiveDateTime) -> Vec<FileResult> {
        let mut results = Vec::with_capacity(files.len());
        let mut index: BTreeMap<String, usize> = self
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.record_id.clone(), i))
            .collect();
        for (file, text) in files {
            let outcome = match envelope::unwrap::<TrainingRecord>(text) {
                Err(e) => Outcome::Failed(e),
                Ok(record) => match index.get(&record.record_id) {
                    None => {
                        index.insert(record.record_id.clone(), self.people.len());
                        let name = record.person.name.clone();
                        self.people.push(StaffEntry {
                            record_id: record.record_id,
                            person: record.person,
                            exported_at: record.exported_at,
                            attempts: sorted(record.attempts),
                        });
                        Outcome::Added { name }
                    }
                    Some(&i) => {
                        let entry = &mut self.people[i];
                        let before = entry.attempts.len();
                        for attempt in record.attempts {
                            if !entry.attempts.iter().any(|a| a.id == attempt.id) {
                                entry.attempts.push(attempt);
                            }
                        }
                        entry.attempts = sorted(std::mem::take(&mut entry.attempts));
                        if record.exported_at > entry.exported_at {
                            entry.person = record.person;
                            entry.exported_at = record.exported_at;
                        }
                        let name = entry.person.name.clone();
                        match entry.attempts.len() - before {
                            0 => Outcome::AlreadyHere { name },
                            n => Outcome::Merged {
                                name,
                                new_attempts: n,
                            },
                        }
                    }
                },
            };
            results.push(FileResult {
                file: file.clone(),
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

fn sorted(mut attempts: Vec<Attempt>) -> Vec<Attempt> {
    attempts.sort_by_key(|a| (a.submitted_at.unwrap_or(a.started_at), a.started_at));
    attempts
}
