//! The mapping guessed from a table: a header's words ("Legal Forename", "Staff Type",
//! "Employment Start"), whatever their case, spacing and punctuation, or with no header,
//! what each column's cells look like.

use super::columns::{Field, Mapping};
use super::file::{Table, TableRow};
use super::{is_email, read_date, read_role};

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
#[inline(never)]
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

#[cfg(test)]
mod tests {
    use super::super::{read, read_table};
    use super::*;
    use chrono::NaiveDate;

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
}
