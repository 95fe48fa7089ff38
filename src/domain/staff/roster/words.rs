//! The words a school's export uses: role words from any MIS or spreadsheet read as the
//! app's roles, with "could not tell" rather than a guess, and dates in UK order.

use chrono::NaiveDate;

use crate::domain::content::Role;

/// Role words in the order they are tried: the first phrase found in the cell decides. So
/// "Teacher and DSL" is the DSL (their training owes the most), "Teaching Assistant" is
/// support staff before "teaching" is a teacher, and "Head Cook" is support staff before
/// "head" is a teacher. Each phrase is whole words, with a space either side.
const ROLE_WORDS: &[(&str, Role)] = &[
    (" dsl ", Role::Dsl),
    (" ddsl ", Role::Dsl),
    (" designated safeguarding ", Role::Dsl),
    (" safeguarding lead ", Role::Dsl),
    (" teaching assistant ", Role::Support),
    (" teaching asst ", Role::Support),
    (" higher level teaching ", Role::Support),
    (" hlta ", Role::Support),
    (" ta ", Role::Support),
    (" lsa ", Role::Support),
    (" learning support ", Role::Support),
    (" cover supervisor ", Role::Support),
    (" clerk ", Role::Support),
    (" cook ", Role::Support),
    (" kitchen ", Role::Support),
    (" catering ", Role::Support),
    (" caretaker ", Role::Support),
    (" site ", Role::Support),
    (" premises ", Role::Support),
    (" cleaner ", Role::Support),
    (" cleaning ", Role::Support),
    (" admin ", Role::Support),
    (" administrator ", Role::Support),
    (" administration ", Role::Support),
    (" administrative ", Role::Support),
    (" office ", Role::Support),
    (" receptionist ", Role::Support),
    (" bursar ", Role::Support),
    (" business ", Role::Support),
    (" finance ", Role::Support),
    (" secretary ", Role::Support),
    (" technician ", Role::Support),
    (" nursery nurse ", Role::Support),
    (" librarian ", Role::Support),
    (" midday ", Role::Support),
    (" lunchtime ", Role::Support),
    (" mdsa ", Role::Support),
    (" governor ", Role::Governor),
    (" governors ", Role::Governor),
    (" trustee ", Role::Governor),
    (" trustees ", Role::Governor),
    (" volunteer ", Role::Volunteer),
    (" volunteers ", Role::Volunteer),
    (" helper ", Role::Volunteer),
    (" work experience ", Role::Volunteer),
    (" teacher ", Role::Teaching),
    (" teachers ", Role::Teaching),
    (" teaching ", Role::Teaching),
    (" headteacher ", Role::Teaching),
    (" head ", Role::Teaching),
    (" principal ", Role::Teaching),
    (" ect ", Role::Teaching),
    (" nqt ", Role::Teaching),
    (" senco ", Role::Teaching),
    (" tutor ", Role::Teaching),
    (" support ", Role::Support),
    (" assistant ", Role::Support),
    (" practitioner ", Role::Support),
    (" supervisor ", Role::Support),
    (" mentor ", Role::Support),
    (" manager ", Role::Support),
    (" officer ", Role::Support),
    (" coach ", Role::Support),
    (" other ", Role::Other),
];

/// The app's role for an MIS role word ("HLTA", "Class Teacher", "Chair of Governors"), or
/// `None` when it cannot tell: the DSL then says which role it is, rather than the app
/// choosing one silently. The app's own ids and labels read as themselves.
pub fn read_role(text: &str) -> Option<Role> {
    let words = words(text);
    if words.trim().is_empty() {
        return None;
    }
    if let Some(role) = Role::ALL
        .into_iter()
        .find(|r| words == self::words(r.id()) || words == self::words(r.label()))
    {
        return Some(role);
    }
    ROLE_WORDS
        .iter()
        .find(|(phrase, _)| words.contains(phrase))
        .map(|&(_, role)| role)
}

/// " lower case words " of `text`: letters and digits kept, everything else one space, with
/// a space either end so a phrase matches whole words only.
pub(super) fn words(text: &str) -> String {
    let mut out = String::from(" ");
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Reads a date as UK schools write it: day first ("03/04/2024" is 3 April, never 4 March),
/// with /, -, . or spaces between ("3/4/24", "03-04-2024", "03.04.2024"), the ISO form
/// ("2024-04-03"), or a month by name ("3 April 2024", "3rd Apr 2024", "03-Apr-2024"). A time
/// after it (a spreadsheet's "03/04/2024 00:00") is ignored. Two-digit years are read as
/// Excel reads them: 00-29 are 2000-2029, 30-99 are 1930-1999. Why a date cannot be read is
/// said in words for the DSL.
pub fn read_date(text: &str) -> Result<NaiveDate, &'static str> {
    let mut numbers: Vec<(u32, usize)> = Vec::with_capacity(3);
    let mut month_named = None;
    for token in text
        .split(['/', '-', '.', ',', ' ', '\t'])
        .filter(|t| !t.is_empty())
    {
        if token.contains(':') {
            continue;
        }
        let lower = token.to_lowercase();
        let digits = lower.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
        if !digits.is_empty() && digits.len() <= 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
            numbers.push((digits.parse().unwrap_or(0), digits.len()));
        } else if let Some(m) = MONTHS
            .iter()
            .position(|m| lower.len() >= 3 && lower.starts_with(m))
        {
            if month_named.replace(m as u32 + 1).is_some() {
                return Err("it names two months");
            }
        } else if !is_weekday(&lower) {
            return Err("it is not a date");
        }
    }
    let (day, month, (year, year_digits)) = match (month_named, numbers.as_slice()) {
        (None, &[(y, 4), (m, _), (d, _)]) => (d, m, (y, 4)),
        (None, &[(d, _), (m, _), y]) => (d, m, y),
        (Some(m), &[(d, _), y]) => (d, m, y),
        _ => return Err("it is not a date"),
    };
    let year = match year_digits {
        4 => year as i32,
        2 if year < 30 => 2000 + year as i32,
        2 => 1900 + year as i32,
        _ => return Err("its year is not two or four digits"),
    };
    if !(1..=12).contains(&month) {
        return Err("its month is not 1 to 12 (dates are read day first, as in the UK)");
    }
    if !(1900..=2100).contains(&year) {
        return Err("its year is not between 1900 and 2100");
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or("that day is not in that month")
}

fn is_weekday(word: &str) -> bool {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .any(|d| word.len() >= 3 && word.starts_with(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn mis_role_words_read_as_the_apps_roles() {
        for (text, role) in [
            ("Teacher", Role::Teaching),
            ("Class Teacher (UPS2)", Role::Teaching),
            ("Headteacher", Role::Teaching),
            ("Head of Year 6", Role::Teaching),
            ("ECT", Role::Teaching),
            ("Teaching Assistant (Level 2)", Role::Support),
            ("TA", Role::Support),
            ("HLTA", Role::Support),
            ("Admin", Role::Support),
            ("School Business Manager", Role::Support),
            ("Caretaker", Role::Support),
            ("Head Cook", Role::Support),
            ("Midday Supervisor", Role::Support),
            ("Clerk to the Governors", Role::Support),
            ("Chair of Governors", Role::Governor),
            ("Parent Governor", Role::Governor),
            ("Trustee", Role::Governor),
            ("Volunteer reader", Role::Volunteer),
            ("Parent helper", Role::Volunteer),
            ("DSL", Role::Dsl),
            ("Deputy DSL", Role::Dsl),
            (
                "Deputy Headteacher / Designated Safeguarding Lead",
                Role::Dsl,
            ),
            ("teaching", Role::Teaching),
            ("Volunteer or parent helper", Role::Volunteer),
            ("Other", Role::Other),
        ] {
            assert_eq!(read_role(text), Some(role), "{text}");
        }
        for text in ["", "  ", "Chaplain", "Taxi", "Staff", "Stadium"] {
            assert_eq!(read_role(text), None, "{text}");
        }
    }

    #[test]
    fn dates_read_day_first_in_every_form_schools_write() {
        for text in [
            "03/04/2024",
            "3/4/2024",
            "3/4/24",
            "03-04-2024",
            "03.04.2024",
            "2024-04-03",
            "3 April 2024",
            "3rd April 2024",
            "03-Apr-2024",
            "Wednesday 3 April 2024",
            "April 3, 2024",
            "03/04/2024 00:00:00",
            " 03/04/2024 ",
        ] {
            assert_eq!(read_date(text), Ok(d(2024, 4, 3)), "{text}");
        }
        assert_eq!(read_date("1/9/95"), Ok(d(1995, 9, 1)));
        assert_eq!(read_date("1/9/29"), Ok(d(2029, 9, 1)));
        assert_eq!(read_date("29/02/2024"), Ok(d(2024, 2, 29)));
        assert!(read_date("12/31/2024").unwrap_err().contains("day first"));
        assert_eq!(
            read_date("31/04/2024"),
            Err("that day is not in that month")
        );
        for text in [
            "",
            "soon",
            "2024",
            "03/04",
            "1/2/3/4",
            "3 Apr May 2024",
            "3/4/202",
        ] {
            assert!(read_date(text).is_err(), "{text}");
        }
    }
}
