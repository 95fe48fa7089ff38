//! The matrix: a row of cells per person with their overall standing, counting only verified
//! attempts (altered and unverifiable ones are listed with their reasons, never counted), the
//! DSL's filters and sort orders, and the matrix as CSV that is safe to open in a spreadsheet.

use chrono::NaiveDate;

use super::{StaffEntry, StaffRecords};
use crate::domain::content::{Course, Role};
use crate::domain::dates::{iso, long};
use crate::domain::session::{taken_in, Session};
use crate::domain::standing::Standing;
use crate::domain::training::{
    Declaration, Declared, Evidence, ModuleStatus, Person, Track, Validity,
};
use crate::domain::verify::{Outcome as Checked, Verdict};
use crate::domain::vocab::vocabulary;

/// An attempt that does not count, and why (its module, its verdict).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Doubt {
    pub module_id: String,
    pub verdict: Verdict,
}

impl Doubt {
    /// "staff-personal-use: Altered: stated 100%, the answers score 25%".
    pub fn describe(&self) -> String {
        format!("{}: {}", self.module_id, self.verdict.describe())
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
    pub track: Track,
    /// One per course module, in course order.
    pub cells: Vec<Cell>,
    pub overall: Overall,
    /// Attempts that do not count: altered or unverifiable, with the reason.
    pub doubts: Vec<Doubt>,
    /// Modules whose counted pass was finished implausibly fast (flagged, still counted).
    pub fast: Vec<String>,
    pub valid_until: Option<NaiveDate>,
    /// Whether they have declared they read the policy the course now names.
    pub declared: Declared,
    /// Per module, as `cells`: the day of the training session its counted pass was taken
    /// in, with the person on the session's register.
    pub supervised: Vec<Option<NaiveDate>>,
    /// Counted passes taken with a session's code by someone not on its register: counted
    /// as self-reported. "staff-personal-use: the session of 3 September 2026".
    pub off_register: Vec<String>,
    /// Per module, as `cells`: the earlier course version its counted pass was taken under
    /// (its questions since replaced), if it was.
    pub earlier: Vec<Option<String>>,
}

impl Row {
    /// Trained, with every counted pass taken in a supervised session.
    pub fn trained_in_session(&self) -> bool {
        matches!(self.overall, Overall::Trained | Overall::DueSoon)
            && self.cells.iter().zip(&self.supervised).all(|(c, s)| {
                s.is_some() || !matches!(c, Cell::Passed { .. } | Cell::DueSoon { .. })
            })
    }

    /// The modules taken in a supervised session, with the session's day: for the CSV.
    pub fn sessions(&self, course: &Course) -> String {
        (course.modules.iter().zip(&self.supervised))
            .filter_map(|(m, s)| s.map(|on| format!("{} ({})", m.id, iso(on))))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Builds a person's row: only verified attempts count, under the same status and expiry
/// rules as the person's own dashboard; the others are listed with their reasons.
pub fn row(course: &Course, entry: &StaffEntry, sessions: &[Session], today: NaiveDate) -> Row {
    row_for(
        course,
        &entry.record_id,
        &entry.person,
        &entry.attempts,
        &entry.declarations,
        sessions,
        today,
    )
}

/// A row for `person` with these checked attempts, under `record_id`: [`row`] for a record,
/// and for someone on the staff list, whose role is the list's and who may have no record
/// yet (no attempts: every required module not started).
pub fn row_for(
    course: &Course,
    record_id: &str,
    person: &Person,
    attempts: &[Checked],
    declarations: &[Declaration],
    sessions: &[Session],
    today: NaiveDate,
) -> Row {
    let doubts = attempts
        .iter()
        .filter(|a| !a.verdict.is_verified())
        .map(|a| Doubt {
            module_id: a.module_id.clone(),
            verdict: a.verdict.clone(),
        })
        .collect();
    let evidence = Evidence {
        person,
        read: None,
        open: &[],
        outcomes: attempts,
    };
    let status = evidence.course_status(course, today);
    let fast = status
        .modules
        .iter()
        .filter_map(|(id, _)| evidence.latest_pass(id))
        .filter(|o| o.fast)
        .map(|o| o.module_id.clone())
        .collect();
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
    let mut off_register = Vec::new();
    let passes: Vec<Option<&Checked>> = (course.modules.iter().zip(&cells))
        .map(|(m, cell)| {
            matches!(cell, Cell::Passed { .. } | Cell::DueSoon { .. })
                .then(|| evidence.latest_pass(&m.id))
                .flatten()
        })
        .collect();
    let earlier = (passes.iter())
        .map(|p| p.filter(|p| p.content_version != course.info.content_version))
        .map(|p| p.map(|p| p.content_version.clone()))
        .collect();
    let supervised = (course.modules.iter().zip(&passes))
        .map(
            |(m, pass)| match taken_in(sessions, record_id, &person.name, (*pass)?)? {
                (session, true) => Some(session.opens.date()),
                (session, false) => {
                    off_register.push(format!("{}: {}", m.id, session.name()));
                    None
                }
            },
        )
        .collect();
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
        record_id: record_id.to_owned(),
        name: person.name.clone(),
        role: person.role,
        track: person.track,
        cells,
        overall,
        doubts,
        fast,
        valid_until,
        declared: Declared::of(&course.info, declarations),
        supervised,
        off_register,
        earlier,
    }
}

/// The whole matrix. An attempt two records hold counts for neither (`counted_attempts`);
/// one taken in one of the DSL's `sessions` is marked supervised for the people on its
/// register.
pub fn matrix(
    course: &Course,
    records: &StaffRecords,
    sessions: &[Session],
    today: NaiveDate,
) -> Vec<Row> {
    records
        .people
        .iter()
        .zip(records.counted_attempts())
        .map(|(p, attempts)| {
            row_for(
                course,
                &p.record_id,
                &p.person,
                &attempts,
                &p.declarations,
                sessions,
                today,
            )
        })
        .collect()
}

vocabulary! {
    /// How the DSL narrows the matrix.
    pub enum Show = Everyone {
        Everyone = ("everyone", "Everyone"),
        /// Overdue or due within 30 days.
        Due = ("due", "Overdue or due within 30 days"),
        NotStarted = ("not-started", "Not started"),
        Altered = ("not-verified", "With altered or unverifiable attempts"),
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
/// `find` keeps the names that contain it, ignoring case and spacing ("" keeps everyone).
pub fn select(
    rows: &[Row],
    show: Show,
    role: Option<Role>,
    sort: SortBy,
    find: &str,
) -> Vec<usize> {
    let find = find
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let mut picked: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| role.is_none_or(|role| r.role == role))
        .filter(|(_, r)| {
            find.is_empty()
                || r.name
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
                    .contains(&find)
        })
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

/// What the check means, and what it cannot prove, said wherever the figures go: the CSV's
/// first line, and under the coverage figures (staff page, audit, governors' report).
pub const CSV_NOTE: &str = "Only attempts consistent with the course count: the answers pass the quiz, and the question draw (for that record and time), dates and score are what the app makes. This cannot show who answered: a passing file can be made without taking the quiz. Where that matters, have staff take the quiz at school in a session you supervise.";

/// A spreadsheet never runs a cell as a formula: a cell that starts like one (= + - @, a
/// tab or a carriage return) gets a leading apostrophe.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

/// The matrix as CSV: a note on what the check means, then name, role, track, overall, valid
/// until, one column per module, the declaration, and the attempts that do not count with
/// their reasons.
/// Quoted by the csv crate, and every cell neutralised against formulas.
pub fn to_csv(course: &Course, rows: &[Row]) -> String {
    let mut out = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let mut header = vec![
        "Name".to_owned(),
        "Role".to_owned(),
        "Track".to_owned(),
        "Overall".to_owned(),
        "Valid until".to_owned(),
    ];
    header.extend(course.modules.iter().map(|m| m.title.clone()));
    header.push("Declaration".to_owned());
    header.push("Attempts not counted (altered or unverifiable)".to_owned());
    header.push("Passed implausibly fast".to_owned());
    header.push("Taken in a supervised session".to_owned());
    // Writing to a Vec cannot fail.
    let _ = out.write_record([CSV_NOTE]);
    let _ = out.write_record(header.iter().map(|c| neutralise(c)));
    for r in rows {
        let mut record = vec![
            r.name.clone(),
            r.role.label().to_owned(),
            r.track.label().to_owned(),
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
        record.push(match &r.declared {
            Declared::Current { on } => format!("Declared {}", iso(*on)),
            Declared::OutOfDate { on, policy } => {
                format!("Out of date: declared {} for {policy}", iso(*on))
            }
            Declared::Not => r.declared.label(),
        });
        record.push(
            r.doubts
                .iter()
                .map(Doubt::describe)
                .collect::<Vec<_>>()
                .join("; "),
        );
        record.push(r.fast.join("; "));
        record.push(r.sessions(course));
        let _ = out.write_record(record.iter().map(|c| neutralise(c)));
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}
