//! Which column of an export holds what, a plain [`Mapping`] the DSL can change (`guess.rs`
//! makes the first one), and each row read through it as a person, or as a problem with its
//! line and why.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::file::{Table, TableRow};
use super::words::words;
use super::{fold_name, is_email, read_date, read_role, RosterEntry};
use crate::domain::content::Role;
use crate::domain::text::Rule;
use crate::domain::vocab::vocabulary;

vocabulary! {
    /// What one column of an export holds.
    pub enum Field = Ignore {
        Ignore = ("ignore", "Not used"),
        FullName = ("full-name", "Full name"),
        Forename = ("forename", "First name"),
        /// Used in place of the first name when filled.
        PreferredName = ("preferred-name", "Preferred first name"),
        Surname = ("surname", "Surname"),
        Email = ("email", "Work email"),
        Role = ("role", "Role"),
        Start = ("start", "Start date"),
        End = ("end", "Leaving date"),
    }
}

/// How the DSL reads an export: which column holds what. A plain value, guessed by
/// [`guess`] and changed in the page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    /// Whether the first row names the columns rather than a person.
    pub header: bool,
    /// What each column holds, in the file's order (missing columns are not used).
    pub columns: Vec<Field>,
    /// The role of a row whose role is blank, and of every row when no column holds one (a
    /// list of governors).
    pub role_when_blank: Option<Role>,
    /// The DSL's own reading of role words the app could not tell ("Chaplain": support).
    pub role_words: Vec<(String, Role)>,
}

/// One row read as a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// The line of the file the row starts on.
    pub line: usize,
    pub name: String,
    pub role: Role,
    pub email: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub leaving_date: Option<NaiveDate>,
}

impl Incoming {
    /// The name as the list compares it.
    pub fn folded(&self) -> String {
        fold_name(&self.name)
    }
}

/// Why a row cannot be used, in words for the DSL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("there is no name")]
    NoName,
    #[error("there is no role: choose the role for rows without one")]
    NoRole,
    #[error("the app cannot tell which role \"{0}\" is: choose one for it")]
    UnknownRole(String),
    #[error("the {field} \"{text}\" cannot be read: {why}")]
    BadDate {
        field: &'static str,
        text: String,
        why: &'static str,
    },
    #[error("\"{0}\" is not an email address")]
    BadEmail(String),
    #[error("the leaving date is before the start date")]
    LeftBeforeStarted,
    #[error("a quote opened here is never closed, so the rest of the file could not be read")]
    UnclosedQuote,
    #[error("the file has more rows than the 5,000 people the list holds; the rest were not read")]
    TooManyRows,
    #[error("it is the same person as line {0}")]
    SamePersonAs(usize),
    #[error("it could be any of {}: add an email to tell them apart", .0.join(", "))]
    Ambiguous(Vec<String>),
}

/// A row that cannot be used: the line it starts on, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub line: usize,
    pub problem: Problem,
}

/// An export read through a mapping: the people in it, and the rows that could not be used.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    pub people: Vec<Incoming>,
    pub problems: Vec<RowProblem>,
}

/// Why a mapping cannot read a file at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    #[error("No column holds the name: choose the full name column, or the first name and surname columns.")]
    NoName,
    #[error("No column holds the role: choose it, or the role everyone in this file has.")]
    NoRole,
}

/// Reads every row through `mapping`: each one a person, or a problem with its line. Cells
/// are cleaned by the rule of the field they fill (invisible characters removed, line breaks
/// made spaces) and kept as text: a cell that looks like a formula is just a name.
#[inline(never)]
pub fn read(table: &Table, mapping: &Mapping) -> Result<Imported, MappingError> {
    let has = |f: Field| mapping.columns.contains(&f);
    if !has(Field::FullName) && !has(Field::Forename) && !has(Field::Surname) {
        return Err(MappingError::NoName);
    }
    if !has(Field::Role) && mapping.role_when_blank.is_none() {
        return Err(MappingError::NoRole);
    }
    let own_words: Vec<(String, Role)> = mapping
        .role_words
        .iter()
        .map(|(w, r)| (words(w), *r))
        .collect();
    let mut out = Imported::default();
    for row in table.rows.iter().skip(usize::from(mapping.header)) {
        match person(row, mapping, &own_words) {
            Ok(p) => out.people.push(p),
            Err(problem) => out.problems.push(RowProblem {
                line: row.line,
                problem,
            }),
        }
    }
    if let Some(line) = table.unclosed_quote {
        out.problems.push(RowProblem {
            line,
            problem: Problem::UnclosedQuote,
        });
    }
    if table.cut_off {
        out.problems.push(RowProblem {
            line: table.rows.last().map_or(0, |r| r.line),
            problem: Problem::TooManyRows,
        });
    }
    Ok(out)
}

/// One row as a person.
fn person(
    row: &TableRow,
    mapping: &Mapping,
    own_words: &[(String, Role)],
) -> Result<Incoming, Problem> {
    // The first filled cell of a field, cleaned by `rule` and with its spaces tidied.
    let cell = |field: Field, rule: Rule| -> Option<String> {
        mapping
            .columns
            .iter()
            .zip(&row.cells)
            .filter(|(f, _)| **f == field)
            .map(|(_, c)| {
                rule.clean(c)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .find(|c| !c.is_empty())
    };
    let first =
        cell(Field::PreferredName, Rule::NAME).or_else(|| cell(Field::Forename, Rule::NAME));
    let name = match (first, cell(Field::Surname, Rule::NAME)) {
        (None, None) => cell(Field::FullName, Rule::NAME)
            .map(|full| match full.split_once(',') {
                // "Able, Ann", as SIMS writes a name in one column.
                Some((surname, forename)) if !forename.contains(',') => {
                    format!("{} {}", forename.trim(), surname.trim())
                        .trim()
                        .to_owned()
                }
                _ => full,
            })
            .ok_or(Problem::NoName)?,
        (first, last) => [first, last]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
    };
    let name = Rule::NAME.clean(&name);
    let role = match cell(Field::Role, Rule::LINE) {
        None => mapping.role_when_blank.ok_or(Problem::NoRole)?,
        Some(text) => {
            let key = words(&text);
            own_words
                .iter()
                .find(|(w, _)| *w == key)
                .map(|&(_, r)| r)
                .or_else(|| read_role(&text))
                .ok_or(Problem::UnknownRole(text))?
        }
    };
    let email = match cell(Field::Email, RosterEntry::EMAIL) {
        Some(e) if !is_email(&e) => return Err(Problem::BadEmail(e)),
        e => e,
    };
    let date = |field: Field, label: &'static str| {
        cell(field, Rule::LINE)
            .map(|text| {
                read_date(&text).map_err(|why| Problem::BadDate {
                    field: label,
                    text,
                    why,
                })
            })
            .transpose()
    };
    let start_date = date(Field::Start, "start date")?;
    let leaving_date = date(Field::End, "leaving date")?;
    if matches!((start_date, leaving_date), (Some(s), Some(l)) if l < s) {
        return Err(Problem::LeftBeforeStarted);
    }
    Ok(Incoming {
        line: row.line,
        name,
        role,
        email,
        start_date,
        leaving_date,
    })
}

#[cfg(test)]
mod tests {
    use super::super::{guess, read_table};
    use super::*;

    #[test]
    fn each_bad_row_is_named_with_its_line_and_why() {
        let table = read_table(
            "First,Surname,Role,Start\nAnn,Able,Teacher,31/02/2024\n,,TA,\nCat,Cole,Chaplain,\nDee,Dunn,,\n"
                .as_bytes(),
        );
        let mut m = guess(&table);
        let got = read(&table, &m).unwrap();
        assert!(got.people.is_empty());
        let lines: Vec<(usize, String)> = got
            .problems
            .iter()
            .map(|p| (p.line, p.problem.to_string()))
            .collect();
        assert_eq!(
            lines,
            [
                (
                    2,
                    "the start date \"31/02/2024\" cannot be read: that day is not in that month"
                        .into()
                ),
                (3, "there is no name".into()),
                (
                    4,
                    "the app cannot tell which role \"Chaplain\" is: choose one for it".into()
                ),
                (
                    5,
                    "there is no role: choose the role for rows without one".into()
                ),
            ]
        );
        m.role_words.push(("chaplain".into(), Role::Support));
        m.role_when_blank = Some(Role::Volunteer);
        let got = read(&table, &m).unwrap();
        assert_eq!(got.people.len(), 2);
        assert_eq!(
            (got.people[0].role, got.people[1].role),
            (Role::Support, Role::Volunteer)
        );
        m.columns = vec![Field::Ignore, Field::Ignore, Field::Role];
        assert_eq!(read(&table, &m), Err(MappingError::NoName));
    }
}
