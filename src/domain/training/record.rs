//! The training record a person exports for the DSL, and the checks an imported record (or
//! the DSL's stored copy of one) must pass.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use serde_json::Value;

use super::{check_attempts, check_declarations, check_person, Declaration, Person, Profile};
use crate::domain::content::Course;
use crate::domain::dates::iso;
use crate::domain::envelope::{ImportError, Kind, Versioned};
use crate::domain::quiz::Attempt;
use crate::domain::text::{Rule, Texts};

/// A person's training record as exported for the DSL: who they are and every attempt with
/// its answers, so the DSL's import can re-score it against the course.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingRecord {
    pub record_id: String,
    pub person: Person,
    pub content_version: String,
    pub policy_version: String,
    #[serde(with = "crate::domain::dates::text")]
    pub exported_at: NaiveDateTime,
    pub attempts: Vec<Attempt>,
    /// Every declaration the person has made, oldest first.
    pub declarations: Vec<Declaration>,
}

impl Versioned for TrainingRecord {
    const KIND: Kind = Kind::TrainingRecord;
    /// 2: the record carries the person's declarations.
    const SCHEMA_VERSION: u32 = 2;

    fn migrate_step(from: u32, mut data: Value) -> Result<Value, ImportError> {
        match (from, data.as_object_mut()) {
            // A record from before declarations has made none.
            (1, Some(record)) => {
                record.insert("declarations".into(), Value::Array(Vec::new()));
                Ok(data)
            }
            // Not a record's shape: left for reading it to name what is wrong.
            (1, None) => Ok(data),
            _ => Err(ImportError::UnsupportedVersion {
                found: from,
                current: Self::SCHEMA_VERSION,
            }),
        }
    }

    fn check(&mut self, texts: &mut Texts) -> Result<(), ImportError> {
        check_record_fields(texts, "", &mut self.record_id, &mut self.person)?;
        texts.text("content_version", &mut self.content_version, Rule::VERSION)?;
        texts.text("policy_version", &mut self.policy_version, Rule::VERSION)?;
        check_attempts(texts, "attempts", &mut self.attempts)?;
        check_declarations(texts, "declarations", &mut self.declarations)
    }
}

/// Who a record is about: a record id and a named person. The DSL's staff records hold the
/// same two fields per person and check them with this too. `at` prefixes each field path
/// ("" in a record file, "people[3]." in the staff records).
pub(crate) fn check_record_fields(
    texts: &mut Texts,
    at: &str,
    record_id: &mut String,
    person: &mut Person,
) -> Result<(), ImportError> {
    texts.text(&format!("{at}record_id"), record_id, Rule::ID)?;
    check_person(texts, &format!("{at}person"), person)
}

impl TrainingRecord {
    /// The record of a profile as it stands now.
    pub fn of(profile: &Profile, course: &Course, exported_at: NaiveDateTime) -> Self {
        Self {
            record_id: profile.id.clone(),
            person: profile.person.clone(),
            content_version: course.info.content_version.clone(),
            policy_version: course.info.policy_version.clone(),
            exported_at,
            attempts: profile
                .attempts
                .iter()
                .filter(|a| a.is_submitted())
                .cloned()
                .collect(),
            declarations: profile.declarations.clone(),
        }
    }

    /// A file name such as `training-record-jane-smith-2026-11-24.json`.
    pub fn file_name(&self) -> String {
        let slug = file_slug(&self.person.name);
        format!(
            "training-record-{slug}-{}.json",
            iso(self.exported_at.date())
        )
    }
}

/// Text as a file name's part: ASCII letters and digits in lower case, every other run of
/// characters one hyphen ("Siân O'Brien" gives "si-n-o-brien"). ASCII only: a file name
/// needs no more, and the wasm is spared Unicode's tables.
pub fn file_slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    if slug.ends_with('-') {
        slug.pop();
    }
    slug
}
