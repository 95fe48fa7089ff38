//! Chasing without a server: who on the list has not started, who is overdue and who is due
//! within the warning period, by role; their names and work emails as one line to paste
//! into an email's To line; and a calendar file (RFC 5545) of everyone's expiry dates for
//! the DSL's calendar. Built from the rows `list_matrix` makes, so leavers, exclusions,
//! roles that owe nothing and new starters' grace are decided there, once.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use super::{ListRow, Roster, Status};
use crate::domain::content::Role;
use crate::domain::dates::long;
use crate::domain::staff::Overall;

/// Why someone is on the outstanding list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Owing {
    /// No counted attempt at all: overdue, or a new starter inside their grace period.
    NotStarted,
    /// Started, or trained once, and now overdue (a pass expired, formal training lapsed, or
    /// the grace period ended before they finished).
    Overdue,
    /// Trained and due again within the warning period, or a new starter part-way through
    /// whose grace ends within it.
    DueSoon,
}

impl Owing {
    /// Each, in the order the list shows them.
    pub const ALL: [Owing; 3] = [Owing::NotStarted, Owing::Overdue, Owing::DueSoon];

    /// The heading of its group; `warn_days`: the course's warning period.
    pub fn label(self, warn_days: u32) -> String {
        match self {
            Owing::NotStarted => "Not started".into(),
            Owing::Overdue => "Overdue".into(),
            Owing::DueSoon => format!("Due within {warn_days} days"),
        }
    }
}

/// One person to chase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chase {
    pub person_id: String,
    pub name: String,
    pub role: Role,
    pub email: Option<String>,
    pub owing: Owing,
    /// Where they stand, for its date ("Overdue since …", "New starter, due by …").
    pub status: Status,
}

/// One role's people to chase, each group in the list's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleChase {
    pub role: Role,
    pub people: Vec<Chase>,
}

impl RoleChase {
    /// The people in one group.
    pub fn owing(&self, owing: Owing) -> impl Iterator<Item = &Chase> {
        self.people.iter().filter(move |c| c.owing == owing)
    }
}

/// Why a row of the list is outstanding, if it is. `warn_days`: the course's warning period.
fn owing(row: &ListRow, today: NaiveDate, warn_days: u32) -> Option<Owing> {
    if !row.status.counted() {
        return None;
    }
    if row.row.overall == Overall::NotStarted {
        return Some(Owing::NotStarted);
    }
    match row.status {
        Status::Overdue { .. } => Some(Owing::Overdue),
        Status::DueSoon { .. } => Some(Owing::DueSoon),
        Status::NewStarter { due } if (due - today).num_days() <= i64::from(warn_days) => {
            Some(Owing::DueSoon)
        }
        _ => None,
    }
}

/// Everyone on the list who is outstanding, grouped by role in the roles' order; roles
/// with nobody outstanding are left out. `rows` are `list_matrix`'s over `list`: records
/// nobody on the list matches are not chased (they have no place on it to chase).
#[inline(never)]
pub fn outstanding(
    list: &Roster,
    rows: &[ListRow],
    today: NaiveDate,
    warn_days: u32,
) -> Vec<RoleChase> {
    let mut people: Vec<Chase> = Vec::new();
    for row in rows {
        let Some(owing) = owing(row, today, warn_days) else {
            continue;
        };
        let Some(person) = row.person_id.as_deref().and_then(|id| list.person(id)) else {
            continue;
        };
        people.push(Chase {
            person_id: person.id.clone(),
            name: person.name.clone(),
            role: person.role,
            email: person.email.clone(),
            owing,
            status: row.status,
        });
    }
    Role::ALL
        .into_iter()
        .filter_map(|role| {
            let mine: Vec<Chase> = Owing::ALL
                .into_iter()
                .flat_map(|o| {
                    people
                        .iter()
                        .filter(move |c| c.role == role && c.owing == o)
                })
                .cloned()
                .collect();
            (!mine.is_empty()).then_some(RoleChase { role, people: mine })
        })
        .collect()
}

/// The people to chase as one line for an email's To line, and the names of those with no
/// work email on the list (to be reached another way).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmailList {
    /// `Ann Able <a.able@school.org>; "Adeyemi, Femi" <f.adeyemi@school.org>`.
    pub to: String,
    pub with_email: usize,
    pub without_email: Vec<String>,
}

/// A display name as an address header takes it (RFC 5322, with RFC 6532's UTF-8): as it
/// is when it is only words (letters, digits, the marks an atom may hold, any non-ASCII
/// letter or mark such as an accent or ’) and spaces; otherwise, as with a comma, semicolon
/// or full stop, in double quotes, with any quote or backslash in it escaped.
fn display_name(name: &str) -> String {
    let plain = name.chars().all(|c| {
        c.is_ascii_alphanumeric()
            || c == ' '
            || "!#$%&'*+-/=?^_`{|}~".contains(c)
            || (!c.is_ascii() && !c.is_control())
    });
    if plain {
        return name.to_owned();
    }
    let mut out = String::with_capacity(name.len() + 2);
    out.push('"');
    for c in name.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// The names and emails of everyone in `groups`, each once, in the groups' order.
#[inline(never)]
pub fn email_list(groups: &[RoleChase]) -> EmailList {
    let mut out = EmailList::default();
    for c in groups.iter().flat_map(|g| &g.people) {
        match &c.email {
            Some(email) => {
                if out.with_email > 0 {
                    out.to.push_str("; ");
                }
                let _ = write!(out.to, "{} <{email}>", display_name(&c.name));
                out.with_email += 1;
            }
            None => out.without_email.push(c.name.clone()),
        }
    }
    out
}

/// One person's training expiry, for the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expiry {
    pub person_id: String,
    pub name: String,
    pub role: Role,
    /// The day their training (or the DSL's formal training) expires.
    pub on: NaiveDate,
}

/// Everyone on the list whose training is valid now and so has a day it expires, in the
/// list's order. Leavers, excluded people and those whose role owes nothing are left out.
pub fn expiries(list: &Roster, rows: &[ListRow]) -> Vec<Expiry> {
    rows.iter()
        .filter_map(|row| {
            let on = match row.status {
                Status::Trained { until } | Status::DueSoon { until } => until,
                _ => return None,
            };
            let person = list.person(row.person_id.as_deref()?)?;
            Some(Expiry {
                person_id: person.id.clone(),
                name: person.name.clone(),
                role: person.role,
                on,
            })
        })
        .collect()
}

/// Text as an iCalendar TEXT value holds it (RFC 5545 3.3.11): backslash, semicolon and
/// comma escaped, a line break as `\n`, other control characters dropped.
pub fn ics_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line (RFC 5545 3.1): folded so no line is longer than 75 octets (a
/// line break and a space before each continuation, never inside a character), ended by
/// CRLF.
fn ics_line(out: &mut String, line: &str) {
    let mut room = 75;
    for c in line.chars() {
        if c.len_utf8() > room {
            out.push_str("\r\n ");
            // The space that starts a continuation counts against its 75.
            room = 74;
        }
        out.push(c);
        room -= c.len_utf8();
    }
    out.push_str("\r\n");
}

/// A day as iCalendar writes it: "20271126". By hand: chrono's `format` would bring its
/// whole formatter into the wasm.
fn ics_day(day: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", day.year(), day.month(), day.day())
}

/// A calendar (RFC 5545) with one all-day event per expiry, on the day the training
/// expires, for the DSL to import. Each event's UID is the person's id on the list, so
/// importing a newer calendar moves their event rather than adding a second. `stamp`: when
/// it was made, in UTC. `None` when nobody has an expiry: a calendar must hold an event.
#[inline(never)]
pub fn calendar(expiries: &[Expiry], school: &str, stamp: NaiveDateTime) -> Option<String> {
    if expiries.is_empty() {
        return None;
    }
    let mut out = String::new();
    let stamp = format!(
        "{}T{:02}{:02}{:02}Z",
        ics_day(stamp.date()),
        stamp.hour(),
        stamp.minute(),
        stamp.second()
    );
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Online Safety Workbench//Staff training expiry dates//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        ics_line(&mut out, line);
    }
    ics_line(
        &mut out,
        &format!(
            "X-WR-CALNAME:{}",
            ics_text(&format!("Online safety training expiry dates, {school}"))
        ),
    );
    for e in expiries {
        let next = e.on.succ_opt().unwrap_or(e.on);
        for line in [
            "BEGIN:VEVENT".to_owned(),
            format!(
                "UID:{}",
                ics_text(&format!("training-expiry-{}@online-safety-workbench", e.person_id))
            ),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", ics_day(e.on)),
            format!("DTEND;VALUE=DATE:{}", ics_day(next)),
            format!(
                "SUMMARY:{}",
                ics_text(&format!("Online safety training expires: {}", e.name))
            ),
            format!(
                "DESCRIPTION:{}",
                ics_text(&format!(
                    "{} ({}) at {school}: their online safety training expires on {}.\nRemind them to take the refresher before then.",
                    e.name,
                    e.role.label(),
                    long(e.on)
                ))
            ),
            "TRANSP:TRANSPARENT".to_owned(),
            "END:VEVENT".to_owned(),
        ] {
            ics_line(&mut out, &line);
        }
    }
    ics_line(&mut out, "END:VCALENDAR");
    Some(out)
}
