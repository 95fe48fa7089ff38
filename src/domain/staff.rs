//! The DSL's view of the whole staff: exported training records imported, merged and
//! re-scored against the course, then a matrix of who is trained and who is due, coverage
//! figures, and CSV for spreadsheets.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::content::{Course, Role};
use super::envelope::{self, check_name, invalid, ImportError, Kind, Versioned};
use super::quiz::{self, Attempt};
use super::training::{ModuleStatus, Person, Profile, TrainingRecord, Validity};

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
            let record = TrainingRecord {
                record_id: p.record_id.clone(),
                person: p.person.clone(),
                content_version: String::new(),
                policy_version: String::new(),
                exported_at: p.exported_at,
                attempts: Vec::new(),
            };
            record.validate().map_err(|e| match e {
                ImportError::InvalidField { field, problem } => {
                    invalid(format!("people[{i}].{field}"), problem)
                }
                other => other,
            })?;
            check_name(&format!("people[{i}].record_id"), &p.record_id, 100)?;
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

/// Why an attempt's stated result cannot be trusted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Doubt {
    /// Re-scoring gives a different score or result from the one stated.
    Altered { stated: u8, actual: u8 },
    /// The attempt cannot be scored against this course (unknown module or question).
    Unverifiable(String),
}

/// Re-scores a submitted attempt; `None` when it is what it says.
pub fn doubt(course: &Course, attempt: &Attempt) -> Option<Doubt> {
    let stated = attempt.score?;
    match quiz::score_answers(course, attempt) {
        Ok(actual)
            if actual.correct == stated.correct
                && actual.total == stated.total
                && actual.passed == stated.passed
                && actual.percent == stated.percent =>
        {
            None
        }
        Ok(actual) => Some(Doubt::Altered {
            stated: stated.percent,
            actual: actual.percent,
        }),
        Err(e) => Some(Doubt::Unverifiable(e.to_string())),
    }
}

/// One cell of the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cell {
    NotStarted,
    Failed {
        percent: u8,
    },
    Passed {
        on: NaiveDate,
        percent: u8,
        until: NaiveDate,
    },
    /// Passed, expiring within the warning period.
    DueSoon {
        on: NaiveDate,
        percent: u8,
        until: NaiveDate,
    },
    Expired {
        until: NaiveDate,
    },
    /// Not required for this person's role.
    NotRequired,
}

impl Cell {
    pub fn label(&self) -> String {
        use super::dates::long;
        match self {
            Cell::NotStarted => "Not started".into(),
            Cell::Failed { percent } => format!("Failed ({percent}%)"),
            Cell::Passed { on, percent, .. } => format!("Passed {} ({percent}%)", long(*on)),
            Cell::DueSoon { percent, until, .. } => {
                format!("Passed ({percent}%), due by {}", long(*until))
            }
            Cell::Expired { until } => format!("Expired {}", long(*until)),
            Cell::NotRequired => "Not required".into(),
        }
    }
}

/// A person's overall standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Overall {
    /// A required module has expired.
    Overdue,
    /// Trained, but due within 30 days.
    DueSoon,
    /// Some required modules not yet passed, none passed at all.
    NotStarted,
    InProgress,
    Trained,
}

impl Overall {
    pub const ALL: [Overall; 5] = [
        Overall::Overdue,
        Overall::DueSoon,
        Overall::NotStarted,
        Overall::InProgress,
        Overall::Trained,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Overall::Overdue => "Overdue",
            Overall::DueSoon => "Due within 30 days",
            Overall::NotStarted => "Not started",
            Overall::InProgress => "In progress",
            Overall::Trained => "Trained",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Overall::Overdue => "overdue",
            Overall::DueSoon => "due-soon",
            Overall::NotStarted => "not-started",
            Overall::InProgress => "in-progress",
            Overall::Trained => "trained",
        }
    }
}

/// One row of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Row {
    pub record_id: String,
    pub name: String,
    pub role: Role,
    /// One per course module, in course order.
    pub cells: Vec<Cell>,
    pub overall: Overall,
    /// Attempts whose stated result did not survive re-scoring (not counted).
    pub doubts: Vec<(String, Doubt)>,
    pub valid_until: Option<NaiveDate>,
}

/// Builds a person's row: attempts re-scored, doubtful ones left out, then the same
/// status and expiry rules as the person's own dashboard.
pub fn row(course: &Course, entry: &StaffEntry, today: NaiveDate) -> Row {
    let mut doubts = Vec::new();
    let attempts: Vec<Attempt> = entry
        .attempts
        .iter()
        .filter(|a| a.is_submitted())
        .filter(|a| match doubt(course, a) {
            Some(d) => {
                doubts.push((a.module_id.clone(), d));
                false
            }
            None => true,
        })
        .cloned()
        .collect();
    let profile = Profile {
        id: entry.record_id.clone(),
        person: entry.person.clone(),
        created_at: entry.exported_at,
        read: BTreeMap::new(),
        attempts,
    };
    let status = profile.course_status(course, today);
    let warn = i64::from(course.info.warn_days);
    let cells = course
        .modules
        .iter()
        .map(
            |m| match status.modules.iter().find(|(id, _)| *id == m.id) {
                None => Cell::NotRequired,
                Some((_, s)) => match *s {
                    ModuleStatus::Passed { percent, on, until }
                        if (until - today).num_days() <= warn =>
                    {
                        Cell::DueSoon { on, percent, until }
                    }
                    ModuleStatus::Passed { percent, on, until } => {
                        Cell::Passed { on, percent, until }
                    }
                    ModuleStatus::Expired { until, .. } => Cell::Expired { until },
                    ModuleStatus::Failed { percent } => Cell::Failed { percent },
                    _ => Cell::NotStarted,
                },
            },
        )
        .collect::<Vec<_>>();
    let any_progress = cells
        .iter()
        .any(|c| !matches!(c, Cell::NotStarted | Cell::NotRequired));
    let (overall, valid_until) = match status.validity {
        Validity::Expired { .. } => (Overall::Overdue, None),
        Validity::ExpiringSoon { until, .. } => (Overall::DueSoon, Some(until)),
        Validity::Valid { until } => (Overall::Trained, Some(until)),
        Validity::InProgress if any_progress => (Overall::InProgress, None),
        Validity::InProgress => (Overall::NotStarted, None),
    };
    Row {
        record_id: entry.record_id.clone(),
        name: entry.person.name.clone(),
        role: entry.person.role,
        cells,
        overall,
        doubts,
        valid_until,
    }
}

/// The whole matrix.
pub fn matrix(course: &Course, records: &StaffRecords, today: NaiveDate) -> Vec<Row> {
    records
        .people
        .iter()
        .map(|p| row(course, p, today))
        .collect()
}

/// How the DSL narrows the matrix.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Show {
    #[default]
    Everyone,
    /// Overdue or due within 30 days.
    Due,
    NotStarted,
    Altered,
}

/// How the matrix is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortBy {
    #[default]
    Name,
    Role,
    Status,
}

/// Filters and sorts rows (indices into `rows`, so the rows themselves are not copied).
pub fn select(rows: &[Row], show: Show, role: Option<Role>, sort: SortBy) -> Vec<usize> {
    let mut picked: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| role.is_none_or(|role| r.role == role))
        .filter(|(_, r)| match show {
            Show::Everyone => true,
            Show::Due => matches!(r.overall, Overall::Overdue | Overall::DueSoon),
            Show::NotStarted => r.overall == Overall::NotStarted,
            Show::Altered => !r.doubts.is_empty(),
        })
        .map(|(i, _)| i)
        .collect();
    let name = |i: &usize| rows[*i].name.to_lowercase();
    match sort {
        SortBy::Name => picked.sort_by_cached_key(name),
        SortBy::Role => picked.sort_by_cached_key(|i| (rows[*i].role, name(i))),
        SortBy::Status => picked.sort_by_cached_key(|i| (rows[*i].overall, name(i))),
    }
    picked
}

/// Coverage figures for governors.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Coverage {
    pub people: usize,
    pub trained: usize,
    /// Trained, including those due within 30 days.
    pub percent: usize,
    pub due_soon: usize,
    pub overdue: usize,
    /// (role, people, trained, percent) for each role present.
    pub by_role: Vec<(Role, usize, usize, usize)>,
}

fn percent(part: usize, whole: usize) -> usize {
    (part * 100).checked_div(whole).unwrap_or(0)
}

/// Fully trained counts everyone whose training is valid now (due soon included).
pub fn coverage(rows: &[Row]) -> Coverage {
    let trained = |r: &Row| matches!(r.overall, Overall::Trained | Overall::DueSoon);
    let by_role = Role::ALL
        .into_iter()
        .filter_map(|role| {
            let of_role: Vec<&Row> = rows.iter().filter(|r| r.role == role).collect();
            let n = of_role.len();
            let t = of_role.iter().filter(|r| trained(r)).count();
            (n > 0).then(|| (role, n, t, percent(t, n)))
        })
        .collect();
    let t = rows.iter().filter(|r| trained(r)).count();
    Coverage {
        people: rows.len(),
        trained: t,
        percent: percent(t, rows.len()),
        due_soon: rows
            .iter()
            .filter(|r| r.overall == Overall::DueSoon)
            .count(),
        overdue: rows
            .iter()
            .filter(|r| r.overall == Overall::Overdue)
            .count(),
        by_role,
    }
}

/// The matrix as CSV: name, role, overall, valid until, then one column per module, with
/// altered attempts noted. Properly quoted by the csv crate.
pub fn to_csv(course: &Course, rows: &[Row]) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "Name".to_owned(),
        "Role".to_owned(),
        "Overall".to_owned(),
        "Valid until".to_owned(),
    ];
    header.extend(course.modules.iter().map(|m| m.title.clone()));
    header.push("Altered or unverifiable attempts".to_owned());
    // Writing to a Vec cannot fail.
    let _ = out.write_record(&header);
    for r in rows {
        let mut record = vec![
            r.name.clone(),
            r.role.label().to_owned(),
            r.overall.label().to_owned(),
            r.valid_until.map(super::dates::iso).unwrap_or_default(),
        ];
        record.extend(r.cells.iter().map(|c| match c {
            Cell::Passed { on, percent, .. } | Cell::DueSoon { on, percent, .. } => {
                format!("Passed {} ({percent}%)", super::dates::iso(*on))
            }
            Cell::Expired { until } => format!("Expired {}", super::dates::iso(*until)),
            other => other.label(),
        }));
        record.push(
            r.doubts
                .iter()
                .map(|(module, d)| match d {
                    Doubt::Altered { stated, actual } => {
                        format!("{module}: stated {stated}%, re-scored {actual}%")
                    }
                    Doubt::Unverifiable(why) => format!("{module}: {why}"),
                })
                .collect::<Vec<_>>()
                .join("; "),
        );
        let _ = out.write_record(&record);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}
