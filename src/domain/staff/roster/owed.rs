//! What each role owes and where everyone on the list stands against it: a matrix row per
//! person (their record's, or every module not started when none has arrived) and per record
//! nobody on the list matches, and coverage counted over the list: trained ÷ people who
//! must be trained, with those not started counted. The module statuses, expiry and the
//! warning period are the matrix's and the course's own (`matrix::row_for`,
//! `course.json`); this adds only what the list knows: roles' cycles, the DSL's formal
//! training, new starters' grace, leavers and exclusions.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::link::Linking;
use super::{Roster, RosterEntry};
use crate::domain::content::{Course, CourseInfo, Role};
use crate::domain::dates::long;
use crate::domain::envelope::{invalid, ImportError};
use crate::domain::staff::coverage::percent;
use crate::domain::staff::{row_for, Cell, Overall, Row, StaffRecords};
use crate::domain::standing::Standing;
use crate::domain::training::{Declared, Person, Track};

/// Four weeks from the start date before a new starter who is not trained is overdue.
pub const DEFAULT_GRACE_DAYS: u32 = 28;

/// What one role owes, a school setting with KCSIE's defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirement {
    pub role: Role,
    /// Whether people in this role must be trained at all.
    pub required: bool,
    /// How long a pass lasts for this role, in months; `None`: the course's own
    /// (`valid_months` in course.json, a year), so the fact stays in one place.
    #[serde(default)]
    pub every_months: Option<u32>,
    /// How long the role's own formal training with an outside provider lasts, in months;
    /// `None`: the role owes none.
    #[serde(default)]
    pub formal_months: Option<u32>,
}

/// What every role owes, and new starters' grace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirements {
    pub grace_days: u32,
    pub roles: Vec<Requirement>,
}

impl Default for Requirements {
    /// KCSIE 2025: all staff at induction and then at least annually (the course's year);
    /// governors at induction and then regularly, on the school's cycle (a year until the
    /// school sets its own); the DSL and deputies the same, plus their own formal training
    /// every two years.
    fn default() -> Self {
        let role = |role, formal_months| Requirement {
            role,
            required: true,
            every_months: None,
            formal_months,
        };
        Self {
            grace_days: DEFAULT_GRACE_DAYS,
            roles: Role::ALL
                .into_iter()
                .map(|r| role(r, (r == Role::Dsl).then_some(24)))
                .collect(),
        }
    }
}

impl Requirements {
    /// What `role` owes (a role the settings do not name owes what KCSIE says).
    pub fn of(&self, role: Role) -> Requirement {
        self.roles
            .iter()
            .find(|r| r.role == role)
            .copied()
            .or_else(|| Self::default().roles.into_iter().find(|r| r.role == role))
            .unwrap_or(Requirement {
                role,
                required: true,
                every_months: None,
                formal_months: None,
            })
    }

    /// The rules the settings keep, as typed, imported or loaded: a grace period of at most
    /// a year, cycles of one month to five years, each role once.
    pub fn check(&self) -> Result<(), ImportError> {
        if self.grace_days > 365 {
            return Err(invalid(
                "grace_days",
                "the grace period is more than a year",
            ));
        }
        for (i, r) in self.roles.iter().enumerate() {
            let months = [r.every_months, r.formal_months];
            if months.into_iter().flatten().any(|m| !(1..=60).contains(&m)) {
                return Err(invalid(
                    format!("roles[{i}]"),
                    "a cycle is not 1 to 60 months",
                ));
            }
            if self.roles[..i].iter().any(|o| o.role == r.role) {
                return Err(invalid(format!("roles[{i}].role"), "it appears twice"));
            }
        }
        Ok(())
    }
}

/// Where someone stands against what their role owes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Trained, and valid beyond the warning period.
    Trained { until: NaiveDate },
    /// Trained, due again within the warning period.
    DueSoon { until: NaiveDate },
    /// Not trained yet, within the new-starter grace period.
    NewStarter { due: NaiveDate },
    /// Should be trained and is not: never trained by the end of the grace period, a pass
    /// expired, or formal training lapsed. `since` is unknown for someone with no start
    /// date who was never trained.
    Overdue { since: Option<NaiveDate> },
    /// Their role owes no training.
    NotRequired,
    /// Left the school: out of the figures, history kept.
    Left { on: NaiveDate },
    /// Left out of the figures by the DSL, with a reason on the list.
    Excluded,
    /// A record nobody on the list matches.
    NotOnList,
}

impl Status {
    /// Whether the person counts in coverage (must be trained now).
    pub fn counted(self) -> bool {
        matches!(
            self,
            Status::Trained { .. }
                | Status::DueSoon { .. }
                | Status::NewStarter { .. }
                | Status::Overdue { .. }
        )
    }

    /// Whether the person's training is valid now.
    pub fn trained(self) -> bool {
        matches!(self, Status::Trained { .. } | Status::DueSoon { .. })
    }

    /// How the status reads on screen.
    pub fn label(self) -> String {
        match self {
            Status::Trained { until } => format!("Trained until {}", long(until)),
            Status::DueSoon { until } => format!("Due by {}", long(until)),
            Status::NewStarter { due } => format!("New starter, due by {}", long(due)),
            Status::Overdue { since: Some(d) } => format!("Overdue since {}", long(d)),
            Status::Overdue { since: None } => "Overdue".into(),
            Status::NotRequired => "Not required for their role".into(),
            Status::Left { on } => format!("Left {}", long(on)),
            Status::Excluded => "Excluded from the figures".into(),
            Status::NotOnList => "Not on the staff list".into(),
        }
    }

    /// How the status shows on a tag.
    pub fn standing(self) -> Standing {
        match self {
            Status::Trained { .. } => Standing::Green,
            Status::DueSoon { .. } | Status::NewStarter { .. } => Standing::Amber,
            Status::Overdue { .. } => Standing::Red,
            Status::NotOnList => Standing::Grey,
            Status::NotRequired | Status::Left { .. } | Status::Excluded => Standing::Quiet,
        }
    }
}

/// One row of the matrix over the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRow {
    /// The person on the list; `None` for a record nobody on the list matches.
    pub person_id: Option<String>,
    /// The linked record; `None` when none has arrived (then `row.record_id` is empty).
    pub record_id: Option<String>,
    /// The matrix's row: cells, overall progress, doubts, under the list's name and role.
    pub row: Row,
    pub status: Status,
}

/// The matrix over the list: a row for everyone on it, in the list's order, then the records
/// nobody on it matches. Each person's modules follow their role on the list and their
/// role's cycle.
#[inline(never)]
pub fn list_matrix(
    course: &Course,
    list: &Roster,
    records: &StaffRecords,
    links: &Linking,
    owed: &Requirements,
    today: NaiveDate,
) -> Vec<ListRow> {
    // The course as each role's cycle sees it: only `valid_months` differs. One per role, in
    // `Role::ALL`'s order (a role's variant is its index there): a list, not a map, whose
    // collecting would sort.
    let courses: Vec<Cow<Course>> = Role::ALL
        .into_iter()
        .map(|role| match owed.of(role).every_months {
            Some(m) if m != course.info.valid_months => Cow::Owned(Course {
                info: CourseInfo {
                    valid_months: m,
                    ..course.info.clone()
                },
                ..course.clone()
            }),
            _ => Cow::Borrowed(course),
        })
        .collect();
    let mut by_id: BTreeMap<&str, usize> = BTreeMap::new();
    // Inserted one by one: collecting into a B-tree sorts first, a sort the wasm would
    // carry once for every key type.
    by_id.extend(
        records
            .people
            .iter()
            .enumerate()
            .map(|(i, r)| (r.record_id.as_str(), i)),
    );
    let mut person_of: BTreeMap<&str, &str> = BTreeMap::new();
    person_of.extend(links.linked.iter().map(|(p, r)| (p.as_str(), r.as_str())));
    let counted = records.counted_attempts();
    let mut used = vec![false; records.people.len()];
    let mut rows = Vec::with_capacity(list.people.len());
    for p in &list.people {
        let course = &courses[p.role as usize];
        let entry = person_of
            .get(p.id.as_str())
            .and_then(|r| by_id.get(r))
            .map(|&i| {
                used[i] = true;
                (&records.people[i], &*counted[i])
            });
        let person = Person {
            name: p.name.clone(),
            role: p.role,
            start_date: p.start_date.unwrap_or(today),
            track: entry.map_or(Track::Induction, |(e, _)| e.person.track),
        };
        let (record_id, attempts, declarations) = entry
            .map_or(("", &[][..], &[][..]), |(e, attempts)| {
                (e.record_id.as_str(), attempts, &e.declarations[..])
            });
        let row = row_for(
            course,
            record_id,
            &person,
            attempts,
            declarations,
            &list.sessions,
            today,
        );
        let status = status(course, p, &row, owed, today);
        rows.push(ListRow {
            person_id: Some(p.id.clone()),
            record_id: entry.map(|(e, _)| e.record_id.clone()),
            row,
            status,
        });
    }
    for ((entry, attempts), _) in records
        .people
        .iter()
        .zip(&counted)
        .zip(used)
        .filter(|(_, used)| !used)
    {
        let course = &courses[entry.person.role as usize];
        rows.push(ListRow {
            person_id: None,
            record_id: Some(entry.record_id.clone()),
            row: row_for(
                course,
                &entry.record_id,
                &entry.person,
                attempts,
                &entry.declarations,
                &list.sessions,
                today,
            ),
            status: Status::NotOnList,
        });
    }
    rows
}

/// Where one person on the list stands, from their matrix row and what their role owes.
fn status(
    course: &Course,
    p: &RosterEntry,
    row: &Row,
    owed: &Requirements,
    today: NaiveDate,
) -> Status {
    if let Some(on) = p.leaving_date.filter(|&d| d <= today) {
        return Status::Left { on };
    }
    if p.excluded.is_some() {
        return Status::Excluded;
    }
    let owes = owed.of(p.role);
    if !owes.required {
        return Status::NotRequired;
    }
    // Each thing owed: Ok(valid until) or Err(expired on, or never done).
    let course_done = match row.overall {
        Overall::Trained | Overall::DueSoon => row.valid_until.ok_or(None),
        Overall::Overdue => Err(row
            .cells
            .iter()
            .filter_map(|c| match c {
                Cell::Expired { until } => Some(*until),
                _ => None,
            })
            .min()),
        Overall::NotStarted | Overall::InProgress => Err(None),
    };
    let formal_done = owes.formal_months.map(|m| {
        match p
            .formal
            .as_ref()
            .map(|f| f.on.checked_add_months(Months::new(m)))
        {
            Some(Some(until)) if until > today => Ok(until),
            Some(until) => Err(until),
            None => Err(None),
        }
    });
    let owed_now = [Some(course_done), formal_done].into_iter().flatten();
    let (mut until, mut expired, mut never) = (None::<NaiveDate>, None::<NaiveDate>, false);
    for done in owed_now {
        match done {
            Ok(u) => until = Some(until.map_or(u, |v| v.min(u))),
            Err(Some(e)) => expired = Some(expired.map_or(e, |v| v.min(e))),
            Err(None) => never = true,
        }
    }
    if let Some(since) = expired {
        return Status::Overdue { since: Some(since) };
    }
    if never {
        let due = p
            .start_date
            .and_then(|s| s.checked_add_days(Days::new(owed.grace_days.into())));
        return match due {
            Some(due) if today < due => Status::NewStarter { due },
            since => Status::Overdue { since },
        };
    }
    match until {
        Some(until) if (until - today).num_days() <= i64::from(course.info.warn_days) => {
            Status::DueSoon { until }
        }
        Some(until) => Status::Trained { until },
        None => Status::Overdue { since: None },
    }
}

/// One role's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleCoverage {
    pub role: Role,
    /// People in the role who must be trained now.
    pub must_train: usize,
    pub trained: usize,
    pub not_started: usize,
    pub percent: usize,
}

/// Coverage over the list: the governors' figure is `trained` of `must_train`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListCoverage {
    /// People on the list who must be trained now: not left, not excluded, and in a role
    /// that owes training. New starters count: they must be trained, just not yet.
    pub must_train: usize,
    /// Trained, including those due soon.
    pub trained: usize,
    /// Of the trained, those whose every counted pass was taken in a supervised session.
    pub supervised: usize,
    pub percent: usize,
    pub due_soon: usize,
    pub overdue: usize,
    pub new_starters: usize,
    /// Of those who must be trained, how many have no counted attempt at all (no record, or
    /// nothing verified in it).
    pub not_started: usize,
    pub left: usize,
    pub excluded: usize,
    pub not_required: usize,
    pub not_on_list: usize,
    /// Each role with someone who must be trained, in the roles' order.
    pub by_role: Vec<RoleCoverage>,
    /// Of those who must be trained, those who have declared the current policy read.
    pub declared: usize,
}

impl ListCoverage {
    /// The figure as the governors' report gives it: "30 of 40 people who must be trained
    /// are trained (75%), 24 of them in a supervised session; 8 have not started." (the
    /// sessions only once someone was trained in one).
    pub fn sentence(&self) -> String {
        format!(
            "{} of {} people who must be trained are trained ({}%){}; {} {} not started.",
            self.trained,
            self.must_train,
            self.percent,
            supervised_clause(self.supervised),
            self.not_started,
            if self.not_started == 1 { "has" } else { "have" }
        )
    }
}

/// ", 24 of them in a supervised session", or nothing when nobody was.
pub fn supervised_clause(supervised: usize) -> String {
    match supervised {
        0 => String::new(),
        n => format!(", {n} of them in a supervised session"),
    }
}

/// Coverage over the matrix of the list.
#[inline(never)]
pub fn coverage(rows: &[ListRow]) -> ListCoverage {
    let count = |f: &dyn Fn(&ListRow) -> bool| rows.iter().filter(|r| f(r)).count();
    let not_started = |r: &ListRow| r.status.counted() && r.row.overall == Overall::NotStarted;
    let by_role = Role::ALL
        .into_iter()
        .filter_map(|role| {
            let of = |f: &dyn Fn(&ListRow) -> bool| count(&|r| r.row.role == role && f(r));
            let must_train = of(&|r| r.status.counted());
            let trained = of(&|r| r.status.trained());
            (must_train > 0).then(|| RoleCoverage {
                role,
                must_train,
                trained,
                not_started: of(&not_started),
                percent: percent(trained, must_train),
            })
        })
        .collect();
    let must_train = count(&|r| r.status.counted());
    let trained = count(&|r| r.status.trained());
    ListCoverage {
        must_train,
        trained,
        supervised: count(&|r| r.status.trained() && r.row.trained_in_session()),
        percent: percent(trained, must_train),
        due_soon: count(&|r| matches!(r.status, Status::DueSoon { .. })),
        overdue: count(&|r| matches!(r.status, Status::Overdue { .. })),
        new_starters: count(&|r| matches!(r.status, Status::NewStarter { .. })),
        not_started: count(&not_started),
        left: count(&|r| matches!(r.status, Status::Left { .. })),
        excluded: count(&|r| r.status == Status::Excluded),
        not_required: count(&|r| r.status == Status::NotRequired),
        not_on_list: count(&|r| r.status == Status::NotOnList),
        by_role,
        declared: count(&|r| {
            r.status.counted() && matches!(r.row.declared, Declared::Current { .. })
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_roles_variant_is_its_place_in_every_role() {
        // `list_matrix` finds each role's course by the role's variant.
        for (i, role) in Role::ALL.into_iter().enumerate() {
            assert_eq!(role as usize, i);
        }
    }
}
