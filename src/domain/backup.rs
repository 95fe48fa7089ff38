//! Everything on a device in one file, and the plan for bringing a file in: what it will
//! add, replace or leave alone, decided before anything is written.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::envelope::{self, invalid, Envelope, ImportError, Kind, Versioned};
use super::staff::StaffRecords;
pub use super::stored_kinds::STORED_KINDS;
use super::stored_kinds::{self, Stored, Visit};

/// A full backup: the stored envelope of each kind that had data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FullBackup {
    pub parts: Vec<Envelope>,
}

impl Versioned for FullBackup {
    const KIND: Kind = Kind::FullBackup;
    const SCHEMA_VERSION: u32 = 1;

    fn check(&mut self, _texts: &mut super::text::Texts) -> Result<(), ImportError> {
        restorable(self.parts.clone()).map(drop)
    }
}

/// Checks and normalises each part of a backup once: no kind twice, each part read as its
/// type (migrated), named in any error. What a restore writes.
fn restorable(parts: Vec<Envelope>) -> Result<Vec<Envelope>, ImportError> {
    let mut seen = Vec::new();
    let mut done = Vec::with_capacity(parts.len());
    for part in parts {
        let kind = part.kind;
        if seen.contains(&kind) {
            return Err(invalid(
                "parts",
                format!("{} appears twice", kind.described()),
            ));
        }
        seen.push(kind);
        // Each part's data is let go as it is read, so the backup is held about once.
        done.push(normalise(part).map_err(|e| within_part(kind, e))?);
    }
    Ok(done)
}

/// The parts of a backup's data, each read by hand as a stored value's envelope is, from the
/// data as parsed (no second copy of the backup is made to read them).
fn parts_of(data: Value) -> Result<Vec<Envelope>, ImportError> {
    let Value::Object(mut data) = data else {
        return Err(invalid("data", "it is not a backup's data"));
    };
    let Some(Value::Array(parts)) = data.get_mut("parts").map(Value::take) else {
        return Err(invalid("parts", "it is missing or not a list"));
    };
    parts
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            envelope::envelope_from(part).map_err(|e| match e {
                ImportError::InvalidField { field, problem } => {
                    invalid(format!("parts[{i}].{field}"), problem)
                }
                ImportError::NotOurFormat => invalid(
                    format!("parts[{i}].format"),
                    format!("it is not \"{}\"", envelope::FORMAT),
                ),
                other => other,
            })
        })
        .collect()
}

fn within_part(kind: Kind, error: ImportError) -> ImportError {
    match error {
        ImportError::InvalidField { field, problem } => ImportError::InvalidField {
            field: format!("parts.{}.{field}", kind.id()),
            problem,
        },
        other => other,
    }
}

/// Opens a stored part as its type, migrating it, and wraps it again at the current schema
/// version, so what is written is always current.
pub fn normalise(part: Envelope) -> Result<Envelope, ImportError> {
    struct Again(Envelope);
    impl Visit for Again {
        type Out = Result<Envelope, ImportError>;
        fn visit<T: Stored>(self) -> Self::Out {
            let part = self.0;
            let saved_at = part.saved_at;
            let content_version = part.content_version.clone();
            // Repaired as a load repairs (text a field now cleans), so a backup made before a
            // rule was added still restores; an entry that cannot be read refuses it, named.
            let kept = envelope::load_envelope::<T>(part)?;
            if let Some(aside) = kept.set_aside.into_iter().next() {
                return Err(invalid(aside.name, aside.error.to_string()));
            }
            Ok(envelope::wrap(
                &kept.value,
                saved_at,
                content_version.as_deref(),
            ))
        }
    }
    let found = part.kind;
    stored_kinds::visit(found, Again(part)).unwrap_or(Err(ImportError::WrongKind {
        expected: Kind::FullBackup,
        found,
    }))
}

/// One line a person reads about a part: "3 training profiles: Ann, Bo, Cy".
pub fn describe(part: &Envelope) -> String {
    stored_kinds::describe(part.kind, &part.data)
        .unwrap_or_else(|| format!("{} data", capitalise(part.kind.described())))
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Reads a file brought to the Data page: a full backup, or a single stored kind (such as
/// settings). Returns the parts it would write, each at the current schema version.
pub fn read_for_restore(text: &str) -> Result<Vec<Envelope>, ImportError> {
    let parts = read_parts(text)?;
    // A file anyone could have edited: staff records in it count once checked again (T9).
    parts
        .into_iter()
        .map(|part| match part.kind {
            Kind::StaffRecords => {
                let (saved_at, version) = (part.saved_at, part.content_version.clone());
                let records = envelope::open::<StaffRecords>(part)?.restored_from_file();
                Ok(envelope::wrap(&records, saved_at, version.as_deref()))
            }
            _ => Ok(part),
        })
        .collect()
}

fn read_parts(text: &str) -> Result<Vec<Envelope>, ImportError> {
    if text.len() > envelope::MAX_BACKUP_BYTES {
        return Err(ImportError::TooLarge {
            size: text.len(),
            limit: envelope::MAX_BACKUP_BYTES,
        });
    }
    let envelope = envelope::read_envelope_unbounded(text)?;
    match envelope.kind {
        Kind::FullBackup => {
            let data = envelope::migrate::<FullBackup>(envelope.schema_version, envelope.data)?;
            restorable(parts_of(data)?)
        }
        kind if STORED_KINDS.contains(&kind) => Ok(vec![normalise(envelope)?]),
        found => Err(ImportError::WrongKind {
            expected: Kind::FullBackup,
            found,
        }),
    }
}

/// What an import will do to one kind of stored data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Nothing stored yet: the file's data is added.
    Add,
    /// Stored data differs: it is backed up, then replaced.
    Replace,
    /// The file holds exactly what is stored.
    Same,
    /// The file has nothing for this kind: what is stored stays.
    LeaveAlone,
}

/// One row of the preview.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub kind: Kind,
    pub action: Action,
    /// What is stored now, described.
    pub current: Option<String>,
    /// What the file holds, described.
    pub incoming: Option<String>,
}

/// The preview of an import and the parts it will write (only those that change).
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub steps: Vec<Step>,
    pub writes: Vec<Envelope>,
}

impl Plan {
    /// True when applying the plan changes nothing.
    pub fn is_empty(&self) -> bool {
        self.writes.is_empty()
    }

    /// The kinds whose stored data the plan replaces (and so backs up first).
    pub fn replaces(&self) -> impl Iterator<Item = Kind> + '_ {
        self.steps
            .iter()
            .filter(|s| s.action == Action::Replace)
            .map(|s| s.kind)
    }
}

/// Compares incoming parts with what is stored (`current`, one entry per stored kind that
/// has readable data) and says what will happen to each stored kind.
pub fn plan(incoming: Vec<Envelope>, current: &[Envelope]) -> Plan {
    let mut steps = Vec::new();
    let mut writes = Vec::new();
    for kind in STORED_KINDS {
        let now = current.iter().find(|e| e.kind == kind);
        let new = incoming.iter().find(|e| e.kind == kind);
        let action = match (now, new) {
            (_, None) => Action::LeaveAlone,
            (None, Some(_)) => Action::Add,
            (Some(a), Some(b)) if a.data == b.data => Action::Same,
            (Some(_), Some(_)) => Action::Replace,
        };
        if matches!(action, Action::Add | Action::Replace) {
            writes.extend(new.cloned());
        }
        steps.push(Step {
            kind,
            action,
            current: now.map(describe),
            incoming: new.map(describe),
        });
    }
    Plan { steps, writes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::settings::SchoolSettings;
    use crate::domain::training::TrainingBook;
    use chrono::NaiveDate;

    fn at() -> chrono::NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 25)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    }

    fn settings(name: &str) -> Envelope {
        let s = SchoolSettings {
            school_name: name.into(),
            ..SchoolSettings::default()
        };
        envelope::wrap(&s, at(), None)
    }

    #[test]
    fn plan_says_add_replace_same_and_leave_alone() {
        let book = envelope::wrap(&TrainingBook::default(), at(), None);
        let p = plan(
            vec![settings("New School")],
            &[settings("Old School"), book],
        );
        assert_eq!(p.steps[0].action, Action::Replace);
        assert_eq!(
            p.steps[0].incoming.as_deref(),
            Some("School settings for New School")
        );
        assert_eq!(p.steps[1].action, Action::LeaveAlone);
        assert_eq!(p.writes.len(), 1);
        assert_eq!(p.replaces().collect::<Vec<_>>(), vec![Kind::Settings]);

        let same = plan(vec![settings("A")], &[settings("A")]);
        assert_eq!(same.steps[0].action, Action::Same);
        assert!(same.is_empty());

        let add = plan(vec![settings("A")], &[]);
        assert_eq!(add.steps[0].action, Action::Add);
    }

    #[test]
    fn a_backup_reads_back_as_its_parts() {
        let backup = FullBackup {
            parts: vec![settings("A")],
        };
        let text = envelope::to_json(&backup, at(), None);
        let parts = read_for_restore(&text).unwrap();
        assert_eq!(parts, backup.parts);
        // A single settings file restores too.
        let one = serde_json::to_string(&settings("B")).unwrap();
        assert_eq!(read_for_restore(&one).unwrap()[0].kind, Kind::Settings);
    }

    #[test]
    fn a_backup_with_a_bad_part_is_refused_whole() {
        let mut bad = settings("A");
        bad.data["school_name"] = Value::from(7);
        let backup = FullBackup { parts: vec![bad] };
        let text = envelope::to_json(&backup, at(), None);
        let err = read_for_restore(&text).unwrap_err();
        assert!(
            matches!(&err, ImportError::InvalidField { field, .. } if field.starts_with("parts.settings")),
            "{err:?}"
        );
        let twice = FullBackup {
            parts: vec![settings("A"), settings("B")],
        };
        assert!(read_for_restore(&envelope::to_json(&twice, at(), None)).is_err());
    }

    #[test]
    fn a_backup_names_the_part_whose_envelope_is_wrong() {
        let backup = FullBackup {
            parts: vec![settings("A")],
        };
        let text = envelope::to_compact_json(&backup, at(), None);
        let field = |text: &str| match read_for_restore(text) {
            Err(ImportError::InvalidField { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        // The part's date is the second written (the backup's own is the first).
        let second = text.rfind("\"saved_at\":\"").unwrap() + "\"saved_at\":\"".len();
        let undated = format!("{}soon{}", &text[..second], &text[second + 19..]);
        assert_eq!(field(&undated), "parts[0].saved_at");
        assert_eq!(
            field(&text.replace("\"settings\"", "\"sundry\"")),
            "parts[0].kind"
        );
        assert_eq!(
            field(&text.replace("{\"parts\":[", "{\"parts\":7,\"x\":[")),
            "parts"
        );
        // What the app writes restores.
        assert_eq!(read_for_restore(&text), Ok(backup.parts));
    }
}
