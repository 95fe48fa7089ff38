//! Which column of an export holds what: guessed from the header's words (or, with no
//! header, from what the cells look like), then a plain [`Mapping`] the DSL can change; and
//! each row read through it as a person, or as a problem with its line and why.

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

/// Header words for each field, compared with letters and digits only and in lower case,
/// so "First Name", "first_name" and "FIRSTNAME" are one.
const HEADERS: &[(Field, &[&str])] = &[
    (
        Field::FullName,
        &[
            "name",
            "fullname",
            "staffname",
            "staffmember",
            "employee",
            "employeename",
            "displayname",
            "person",
            "surnameforename",
            "forenamesurname",
        ],
    ),
    (
        Field::Forename,
        &[
            "forename",
            "forenames",
            "firstname",
            "givenname",
            "legalforename",
            "legalfirstname",
        ],
    ),
    (
        Field::PreferredName,
        &[
            "preferredname",
            "preferredforename",
            "preferredfirstname",
            "knownas",
        ],
    ),
    (
        Field::Surname,
        &[
            "surname",
            "lastname",
            "familyname",
            "legalsurname",
            "legallastname",
            "preferredsurname",
        ],
    ),
    (
        Field::Email,
        &[
            "email",
            "workemail",
            "emailaddress",
            "workemailaddress",
            "schoolemail",
            "staffemail",
        ],
    ),
    (
        Field::Role,
        &[
            "role",
            "roles",
            "stafftype",
            "post",
            "jobtitle",
            "job",
            "position",
            "staffrole",
            "staffcategory",
            "category",
        ],
    ),
    (
        Field::Start,
        &[
            "startdate",
            "start",
            "employmentstart",
            "employmentstartdate",
            "datestarted",
            "started",
            "datejoined",
            "joined",
            "contractstart",
            "contractstartdate",
        ],
    ),
    (
        Field::End,
        &[
            "enddate",
            "end",
            "leavingdate",
            "employmentend",
            "employmentenddate",
            "dateleft",
            "left",
            "leaverdate",
            "contractend",
            "contractenddate",
        ],
    ),
];

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

/// The field a header cell names, if any.
fn header_field(cell: &str) -> Option<Field> {
    let key: String = cell
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    HEADERS
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|&(field, _)| field)
}

/// The mapping a table most likely wants. A first row that names at least one field and
/// holds no date or email is a header, read by its words; otherwise each column is judged
/// by its cells: emails, role words, dates (the first such column is the start, the second
/// the leaving date), and the name in one column ("Able, Ann") or two (first name, surname).
pub fn guess(table: &Table) -> Mapping {
    let Some(first) = table.rows.first() else {
        return Mapping::default();
    };
    let named: Vec<Option<Field>> = first.cells.iter().map(|c| header_field(c)).collect();
    let looks_like_data = first
        .cells
        .iter()
        .any(|c| is_email(c) || read_date(c).is_ok());
    if named.iter().any(Option::is_some) && !looks_like_data {
        let mut columns: Vec<Field> = Vec::with_capacity(named.len());
        for field in named {
            // The first column of a field is used; a second one ("Email" then "Personal
            // email") is left for the DSL to choose.
            let field = field
                .filter(|f| !columns.contains(f))
                .unwrap_or(Field::Ignore);
            columns.push(field);
        }
        return Mapping {
            header: true,
            columns,
            ..Mapping::default()
        };
    }
    Mapping {
        header: false,
        columns: by_content(&table.rows),
        ..Mapping::default()
    }
}

/// Each column's field judged by what most of its filled cells look like.
fn by_content(rows: &[TableRow]) -> Vec<Field> {
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let sample = &rows[..rows.len().min(50)];
    let mostly = |col: usize, test: &dyn Fn(&str) -> bool| {
        let filled: Vec<&str> = sample
            .iter()
            .filter_map(|r| r.cells.get(col).map(String::as_str))
            .filter(|c| !c.is_empty())
            .collect();
        !filled.is_empty() && filled.iter().filter(|c| test(c)).count() * 2 > filled.len()
    };
    let mut columns = vec![Field::Ignore; width];
    let mut dates = [Field::Start, Field::End].into_iter();
    let mut names = Vec::new();
    for (col, field) in columns.iter_mut().enumerate() {
        *field = if mostly(col, &|c| is_email(c)) {
            Field::Email
        } else if mostly(col, &|c| read_date(c).is_ok()) {
            dates.next().unwrap_or(Field::Ignore)
        } else if mostly(col, &|c| read_role(c).is_some()) {
            Field::Role
        } else if mostly(col, &|c| {
            !c.contains(|ch: char| ch.is_ascii_digit() || ch == '@')
        }) {
            names.push(col);
            Field::Ignore
        } else {
            Field::Ignore
        };
    }
    match names.as_slice() {
        [one] => columns[*one] = Field::FullName,
        [a, ..] if mostly(*a, &|c| c.contains(',')) => columns[*a] = Field::FullName,
        [a, b, ..] => {
            columns[*a] = Field::Forename;
            columns[*b] = Field::Surname;
        }
        [] => {}
    }
    columns
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
    use super::super::read_table;
    use super::*;

    #[test]
    fn headers_are_read_whatever_their_case_spacing_and_punctuation() {
        let table = read_table(
            b"Legal Forename,PREFERRED_NAME,Legal surname,Work E-mail,Personal email,Staff Type,Employment Start,Leaving date,Notes\n",
        );
        let m = guess(&table);
        assert!(m.header);
        assert_eq!(
            m.columns,
            [
                Field::Forename,
                Field::PreferredName,
                Field::Surname,
                Field::Email,
                Field::Ignore,
                Field::Role,
                Field::Start,
                Field::End,
                Field::Ignore
            ]
        );
    }

    #[test]
    fn a_file_with_no_header_is_judged_by_its_cells() {
        let table = read_table(
            b"\"Able, Ann\",Teacher,ann@wkps.sch.uk,01/09/2019,\n\"Baker, Bob\",TA,bob@wkps.sch.uk,02/09/2020,31/08/2024\n",
        );
        let m = guess(&table);
        assert!(!m.header);
        assert_eq!(
            m.columns,
            [
                Field::FullName,
                Field::Role,
                Field::Email,
                Field::Start,
                Field::End
            ]
        );
        let read = read(&table, &m).unwrap();
        assert_eq!(read.people[0].name, "Ann Able");
        assert_eq!(
            read.people[1].leaving_date,
            NaiveDate::from_ymd_opt(2024, 8, 31)
        );
    }

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
