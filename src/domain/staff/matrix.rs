//! The matrix: each person's attempts re-scored against the course (altered or unverifiable
//! ones left out), a row of cells per person with their overall standing, the DSL's filters
//! and sort orders, and the matrix as CSV.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{StaffEntry, StaffRecords};
use crate::domain::content::{Course, Role};
use crate::domain::dates::{iso, long};
use crate::domain::quiz::{self, Attempt};
use crate::domain::standing::Standing;
use crate::domain::training::{ModuleStatus, Profile, Validity};
use crate::domain::vocab::vocabulary;

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
    /// How the cell reads on screen.
    pub fn label(&self) -> String {
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

    /// How the cell shows on a tag.
    pub fn standing(&self) -> Standing {
        match self {
            Cell::Passed { .. } => Standing::Green,
            Cell::DueSoon { .. } | Cell::Failed { .. } => Standing::Amber,
            Cell::Expired { .. } => Standing::Red,
            Cell::NotStarted => Standing::Grey,
            Cell::NotRequired => Standing::Quiet,
        }
    }
}

vocabulary! {
    /// A person's overall standing, in the order the matrix sorts by.
    pub enum Overall {
        /// A required module has expired.
        Overdue = ("overdue", "Overdue"),
        /// Trained, but due within 30 days.
        DueSoon = ("due-soon", "Due within 30 days"),
        /// Some required modules not yet passed, none passed at all.
        NotStarted = ("not-started", "Not started"),
        InProgress = ("in-progress", "In progress"),
        Trained = ("trained", "Trained"),
    }
}

impl Overall {
    /// How the standing shows on a tag.
    pub fn standing(self) -> Standing {
        match self {
            Overall::Trained => Standing::Green,
            Overall::DueSoon | Overall::InProgress => Standing::Amber,
            Overall::Overdue => Standing::Red,
            Overall::NotStarted => Standing::Grey,
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

vocabulary! {
    /// How the DSL narrows the matrix.
    pub enum Show = Everyone {
        Everyone = ("everyone", "Everyone"),
        /// Overdue or due within 30 days.
        Due = ("due", "Overdue or due within 30 days"),
        NotStarted = ("not-started", "Not started"),
        Altered = ("altered", "Altered or unverifiable records"),
    }
}

vocabulary! {
    /// How the matrix is ordered.
    pub enum SortBy = Name {
        Name = ("name", "Name"),
        Role = ("role", "Role"),
        Status = ("status", "Status"),
    }
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
            r.valid_until.map(iso).unwrap_or_default(),
        ];
        record.extend(r.cells.iter().map(|c| match c {
            Cell::Passed { on, percent, .. } | Cell::DueSoon { on, percent, .. } => {
                format!("Passed {} ({percent}%)", iso(*on))
            }
            Cell::Expired { until } => format!("Expired {}", iso(*until)),
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
