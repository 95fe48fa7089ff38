//! The staff list: everyone the school must train (staff, governors, volunteers), the
//! denominator of every coverage figure. People come from the MIS's export or are added by
//! hand; a person leaves the figures when they leave or are excluded, and keeps their history.
//!
//! Every public item is re-exported from here (`domain::staff::roster::X`):
//! - this file: the [`Roster`] and its [`RosterEntry`]s, their rules, adding, editing and
//!   removing one person, and how names are compared;
//! - `file.rs`: a CSV or tab-separated file read into cells (its encoding, delimiter and
//!   quotes), each row with the line it starts on;
//! - `columns.rs`: which column holds what (a mapping the DSL can change), and the rows read
//!   through it as people or as problems;
//! - `guess.rs`: the first mapping, guessed from the header's words or the cells;
//! - `words.rs`: the MIS's role words and UK dates;
//! - `preview.rs`: who an export adds, changes, leaves unchanged and leaves out, and applying it;
//! - `link.rs`: training records matched to people on the list;
//! - `owed.rs`: what each role owes, each person's status and coverage over the list.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::MAX_PEOPLE;
use crate::domain::content::Role;
use crate::domain::envelope::{invalid, Entries, ImportError, Kind, Versioned};
use crate::domain::session::{self, Session};
use crate::domain::text::{Rule, Texts};

mod columns;
mod file;
mod guess;
mod link;
mod owed;
mod preview;
mod words;

pub use columns::{read, Field, Imported, Incoming, Mapping, MappingError, Problem, RowProblem};
pub use file::{read_table, Delimiter, Encoding, Table, TableRow};
pub use guess::guess;
pub use link::{link, Linking, Unmatched};
pub use owed::{
    coverage, list_matrix, supervised_clause, ListCoverage, ListRow, Requirement, Requirements,
    RoleCoverage, Status, DEFAULT_GRACE_DAYS,
};
pub use preview::{preview, Change, Preview};
pub use words::{read_date, read_role};

/// Why a row of an export, or a change to the list, cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RosterError {
    #[error("The staff list already holds 5,000 people, the most this device keeps.")]
    Full,
    #[error("That person is no longer on the staff list.")]
    NotFound,
    #[error("Someone on the staff list already has this id.")]
    SameId,
    #[error("The training record {record_id} is already linked to {name}.")]
    RecordLinkedTwice { record_id: String, name: String },
    #[error("The {field} cannot be kept: {problem}.")]
    Field { field: String, problem: String },
}

impl From<ImportError> for RosterError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::InvalidField { field, problem } => RosterError::Field {
                // "people[3].start_date" reads as "start date".
                field: field.rsplit('.').next().unwrap_or("").replace('_', " "),
                problem,
            },
            other => RosterError::Field {
                field: "entry".into(),
                problem: other.to_string(),
            },
        }
    }
}

/// The DSL's own formal safeguarding training, taken with an outside provider: the app
/// records the date, it does not deliver it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormalTraining {
    #[serde(with = "crate::domain::dates::text")]
    pub on: NaiveDate,
    pub provider: String,
}

/// One person on the staff list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterEntry {
    /// Stable for as long as the person is on the list: imports match onto it.
    pub id: String,
    pub name: String,
    pub role: Role,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default, with = "crate::domain::dates::opt_text")]
    pub start_date: Option<NaiveDate>,
    #[serde(default, with = "crate::domain::dates::opt_text")]
    pub leaving_date: Option<NaiveDate>,
    /// Why the DSL leaves this person out of the figures (long-term absence, for example).
    #[serde(default)]
    pub excluded: Option<String>,
    /// The training record linked to this person, once linked (or handed out in advance).
    #[serde(default)]
    pub record_id: Option<String>,
    /// The DSL's and deputies' own formal training, with its provider.
    #[serde(default)]
    pub formal: Option<FormalTraining>,
    /// Added by the DSL rather than from an export: an export that leaves them out (MIS
    /// exports often omit governors and volunteers) does not offer them as a leaver.
    #[serde(default)]
    pub by_hand: bool,
}

impl RosterEntry {
    /// A person added by hand, with nothing but a name and a role.
    pub fn new(id: String, name: String, role: Role) -> Self {
        Self {
            id,
            name,
            role,
            email: None,
            start_date: None,
            leaving_date: None,
            excluded: None,
            record_id: None,
            formal: None,
            by_hand: true,
        }
    }

    /// What a work email holds.
    pub const EMAIL: Rule = Rule::line(254);
    /// What the reason for an exclusion holds: a short note, not blank.
    pub const REASON: Rule = Rule::line(500).required();

    /// The rules one person keeps, however they arrive (typed, imported, restored, loaded).
    /// `at` prefixes each field path ("people[3].").
    pub fn check(&mut self, texts: &mut Texts, at: &str) -> Result<(), ImportError> {
        texts.text(&format!("{at}id"), &mut self.id, Rule::ID)?;
        texts.text(&format!("{at}name"), &mut self.name, Rule::NAME)?;
        if let Some(email) = &mut self.email {
            texts.text(&format!("{at}email"), email, Self::EMAIL)?;
            if !is_email(email) {
                return Err(invalid(format!("{at}email"), "it is not an email address"));
            }
        }
        if let (Some(start), Some(left)) = (self.start_date, self.leaving_date) {
            if left < start {
                return Err(invalid(
                    format!("{at}leaving_date"),
                    "it is before the start date",
                ));
            }
        }
        if let Some(reason) = &mut self.excluded {
            texts.text(&format!("{at}excluded"), reason, Self::REASON)?;
        }
        if let Some(id) = &mut self.record_id {
            texts.text(&format!("{at}record_id"), id, Rule::ID)?;
        }
        if let Some(formal) = &mut self.formal {
            texts.text(&format!("{at}provider"), &mut formal.provider, Rule::LINE)?;
        }
        Ok(())
    }

    /// Whether the person has left the school by `today`.
    pub fn has_left(&self, today: NaiveDate) -> bool {
        self.leaving_date.is_some_and(|d| d <= today)
    }
}

/// An address with one @, something either side and no spaces: enough to catch a column
/// mapped wrongly, without refusing an address a school really uses.
pub(crate) fn is_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !text.contains(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '<' | '>'))
        }
        None => false,
    }
}

/// Everyone the school must train.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roster {
    pub people: Vec<RosterEntry>,
    /// The training sessions the DSL held, with their codes and registers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sessions: Vec<Session>,
}

impl Roster {
    /// The rules the whole list keeps: each person's, no more than 5,000 people, each id
    /// once, and a training record linked to one person at most. The `check` a stored kind
    /// calls.
    pub fn check(&mut self, texts: &mut Texts) -> Result<(), ImportError> {
        session::check_all(&mut self.sessions, texts, "sessions")?;
        if self.people.len() > MAX_PEOPLE {
            return Err(invalid("people", "there are more than 5,000 people"));
        }
        let (mut ids, mut records) = (BTreeSet::new(), BTreeSet::new());
        for (i, p) in self.people.iter_mut().enumerate() {
            let at = format!("people[{i}].");
            p.check(texts, &at)?;
            if !ids.insert(p.id.clone()) {
                return Err(invalid(format!("{at}id"), "it appears twice"));
            }
            if let Some(record) = &p.record_id {
                if !records.insert(record.clone()) {
                    return Err(invalid(
                        format!("{at}record_id"),
                        "it is linked to two people",
                    ));
                }
            }
        }
        Ok(())
    }

    /// The person with this id.
    pub fn person(&self, id: &str) -> Option<&RosterEntry> {
        self.people.iter().find(|p| p.id == id)
    }

    /// Adds a person typed by the DSL, cleaned as a field cleans text. Refused, changing
    /// nothing, when the list is full, the id is taken or a field breaks its rule.
    pub fn add(&mut self, mut entry: RosterEntry) -> Result<(), RosterError> {
        if self.people.len() >= MAX_PEOPLE {
            return Err(RosterError::Full);
        }
        if self.person(&entry.id).is_some() {
            return Err(RosterError::SameId);
        }
        entry.check(&mut Texts::repairing(), "")?;
        self.linked_elsewhere(&entry)?;
        self.people.push(entry);
        Ok(())
    }

    /// Replaces the person with `entry`'s id by `entry`. Refused, changing nothing, when they
    /// are not on the list or a field breaks its rule.
    pub fn edit(&mut self, mut entry: RosterEntry) -> Result<(), RosterError> {
        let i = self
            .people
            .iter()
            .position(|p| p.id == entry.id)
            .ok_or(RosterError::NotFound)?;
        entry.check(&mut Texts::repairing(), "")?;
        self.linked_elsewhere(&entry)?;
        self.people[i] = entry;
        Ok(())
    }

    /// Takes a person off the list (added by mistake). A leaver is kept with a leaving date
    /// instead, so their history stays.
    pub fn remove(&mut self, id: &str) -> Result<RosterEntry, RosterError> {
        let i = self
            .people
            .iter()
            .position(|p| p.id == id)
            .ok_or(RosterError::NotFound)?;
        Ok(self.people.remove(i))
    }

    /// Refuses a record id that someone else on the list is linked to.
    fn linked_elsewhere(&self, entry: &RosterEntry) -> Result<(), RosterError> {
        let Some(record_id) = &entry.record_id else {
            return Ok(());
        };
        match self
            .people
            .iter()
            .find(|p| p.id != entry.id && p.record_id.as_ref() == Some(record_id))
        {
            Some(other) => Err(RosterError::RecordLinkedTwice {
                record_id: record_id.clone(),
                name: other.name.clone(),
            }),
            None => Ok(()),
        }
    }
}

/// Stored as `Kind::StaffList`: checked by the list's own rules at every door, and one
/// person who breaks them is set aside on load, not the whole list.
impl Versioned for Roster {
    const KIND: Kind = Kind::StaffList;
    const SCHEMA_VERSION: u32 = 1;

    fn check(&mut self, texts: &mut Texts) -> Result<(), ImportError> {
        Roster::check(self, texts)
    }

    const ENTRIES: &'static [Entries] = &[Entries {
        field: "people",
        id: Some("id"),
        name: |_, person| {
            let name = person
                .get("name")
                .and_then(serde_json::Value::as_str)
                .filter(|n| !n.trim().is_empty())
                .unwrap_or("Someone");
            format!("{name} on the staff list")
        },
    }];
}

/// A name as the list compares it: lower case, accents and apostrophes gone, hyphens, dots
/// and runs of spaces as one space. "Siân O’Brien", "SIAN O'BRIEN" and "Sian  OBrien" are
/// the same name. Written out for the Latin letters UK names use, rather than Unicode's
/// normalisation tables, which would cost the wasm far more than this.
pub fn fold_name(name: &str) -> String {
    // The plain letter of each of U+00C0..=U+00FF and U+0100..=U+017F ('_': kept as it is).
    const LATIN1: &[u8; 64] = b"aaaaaa_ceeeeiiiidnooooo_ouuuuy__aaaaaa_ceeeeiiiidnooooo_ouuuuy_y";
    const LATIN_A: &[u8; 128] = b"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii__jjkkkllllllllllnnnnnnnnnoooooo__rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    let mut out = String::with_capacity(name.len());
    let mut space = true;
    for c in name.chars().flat_map(char::to_lowercase) {
        let plain = match c as u32 {
            0xC0..=0xFF => LATIN1[c as usize - 0xC0],
            0x100..=0x17F => LATIN_A[c as usize - 0x100],
            _ => b'_',
        };
        let piece: &str = match c {
            // Marks that combine with the letter before them (a decomposed "â").
            '\u{300}'..='\u{36F}' | '\'' | '’' | '‘' | '`' | '´' => continue,
            'æ' => "ae",
            'œ' => "oe",
            'ß' => "ss",
            'ĳ' => "ij",
            c if c.is_whitespace() || matches!(c, '-' | '‐' | '–' | '.' | ',') => {
                if !space {
                    out.push(' ');
                    space = true;
                }
                continue;
            }
            _ if plain != b'_' => {
                out.push(char::from(plain));
                space = false;
                continue;
            }
            c => {
                out.push(c);
                space = false;
                continue;
            }
        };
        out.push_str(piece);
        space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, name: &str) -> RosterEntry {
        RosterEntry::new(id.into(), name.into(), Role::Teaching)
    }

    #[test]
    fn names_fold_case_accents_apostrophes_and_spacing() {
        assert_eq!(fold_name("Siân O’Brien"), "sian obrien");
        assert_eq!(fold_name("  SIAN   O'BRIEN "), "sian obrien");
        assert_eq!(fold_name("Sia\u{302}n OBrien"), "sian obrien");
        assert_eq!(fold_name("Zoë Ćwikła-Łukasz"), "zoe cwikla lukasz");
        assert_eq!(fold_name("Æthelflæd Straße"), "aethelflaed strasse");
        assert_eq!(fold_name("Ørjan Ñúñez Ÿves"), "orjan nunez yves");
        assert_eq!(fold_name("Dr. J. Smith"), "dr j smith");
        assert_eq!(
            fold_name("Ζωή"),
            "ζωή",
            "other scripts are compared as written"
        );
        // Every accented Latin letter folds to a plain one.
        for c in ('\u{C0}'..='\u{17F}').filter(|c| c.is_alphabetic()) {
            let folded = fold_name(&c.to_string());
            assert!(
                folded.chars().all(|f| f.is_ascii_lowercase()) || "þÞ".contains(c),
                "{c} folded to {folded}"
            );
        }
    }

    #[test]
    fn one_person_is_added_edited_and_removed_within_the_rules() {
        let mut list = Roster::default();
        list.add(entry("p-1", "Ann\u{200B} Able")).unwrap();
        assert_eq!(list.people[0].name, "Ann Able", "cleaned as a field cleans");
        assert_eq!(list.add(entry("p-1", "Bob")), Err(RosterError::SameId));
        assert!(matches!(
            list.add(entry("p-2", "  ")),
            Err(RosterError::Field { field, .. }) if field == "name"
        ));

        let mut ann = list.people[0].clone();
        ann.email = Some("ann@school".into());
        let err = list.edit(ann.clone()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "The email cannot be kept: it is not an email address."
        );
        ann.email = Some("ann.able@wkps.sch.uk".into());
        ann.start_date = NaiveDate::from_ymd_opt(2024, 9, 1);
        ann.leaving_date = NaiveDate::from_ymd_opt(2024, 8, 1);
        assert!(list
            .edit(ann.clone())
            .unwrap_err()
            .to_string()
            .contains("before the start"));
        ann.leaving_date = None;
        ann.record_id = Some("r-ann".into());
        list.edit(ann).unwrap();

        let mut bob = entry("p-2", "Bob Baker");
        bob.record_id = Some("r-ann".into());
        assert!(matches!(
            list.add(bob),
            Err(RosterError::RecordLinkedTwice { .. })
        ));
        assert_eq!(
            list.edit(entry("p-9", "Nobody")),
            Err(RosterError::NotFound)
        );
        assert_eq!(list.remove("p-1").unwrap().name, "Ann Able");
        assert!(list.people.is_empty());
    }

    #[test]
    fn the_list_is_capped_and_its_stored_form_checked() {
        let mut list = Roster {
            people: (0..MAX_PEOPLE)
                .map(|i| entry(&format!("p-{i}"), "A"))
                .collect(),
            sessions: Vec::new(),
        };
        assert_eq!(list.add(entry("p-x", "B")), Err(RosterError::Full));
        assert!(list.check(&mut Texts::strict()).is_ok());
        list.people[1].id = "p-0".into();
        assert!(list.check(&mut Texts::strict()).is_err());

        let json = r#"{"people":[{"id":"p-1","name":"Ann\u200b Able","role":"governor"}]}"#;
        let mut read: Roster = serde_json::from_str(json).unwrap();
        assert!(read.clone().check(&mut Texts::strict()).is_err());
        let mut texts = Texts::repairing();
        read.check(&mut texts).unwrap();
        assert_eq!(read.people[0].name, "Ann Able");
        assert_eq!(texts.repairs[0].field, "people[0].name");
        assert!(!read.people[0].by_hand && read.people[0].email.is_none());
    }
}
