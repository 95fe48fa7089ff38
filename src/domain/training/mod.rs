//! Staff training on one device: profiles, what each person has read and attempted, module
//! and course status, the annual expiry, and the record a person exports for the DSL.
//!
//! Every public item is re-exported here (`domain::training::X`):
//! - this file: a person's [`Profile`] and reading and attempts, the [`TrainingBook`] of every
//!   profile on the device, and the import checks they share with a record;
//! - `status.rs`: module and course status, and when a pass expires;
//! - `record.rs`: the [`TrainingRecord`] a person exports for the DSL;
//! - `declaration.rs`: the dated [`Declaration`] that they have read the policy (and KCSIE).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::vocab::vocabulary;

use super::content::Keys;
use super::content::{Course, CourseInfo, Module, ModuleHead, Role};
use super::envelope::{invalid, Entries, ImportError, Kind, Versioned};
use super::quiz::{self, Attempt};
use super::text::{Rule, Texts};
use super::verify::{self, Outcome};

mod declaration;
mod record;
mod status;

pub(crate) use declaration::{check_declarations, check_declared, join_declarations};
pub use declaration::{Declaration, Declared};
pub(crate) use record::check_record_fields;
pub use record::{file_slug, TrainingRecord};
pub use status::{required, valid_until, CourseStatus, Evidence, ModuleStatus, Validity};

vocabulary! {
    /// Induction (everything the role requires) or the annual refresher (the modules marked
    /// for it, and the quiz may be taken straight away).
    pub enum Track {
        Induction = ("induction", "Induction"),
        Refresher = ("refresher", "Annual refresher"),
    }
}

/// A person's details as they appear on a certificate and in the DSL's matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    pub role: Role,
    #[serde(with = "crate::domain::dates::text")]
    pub start_date: NaiveDate,
    pub track: Track,
}

/// One staff member's training on this device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Also the id of their exported training record.
    pub id: String,
    pub person: Person,
    #[serde(with = "crate::domain::dates::text")]
    pub created_at: NaiveDateTime,
    /// Section ids read, per module id.
    #[serde(default)]
    pub read: BTreeMap<String, BTreeSet<String>>,
    /// Every attempt, in the order started.
    #[serde(default)]
    pub attempts: Vec<Attempt>,
    /// Every declaration made, oldest first.
    #[serde(default)]
    pub declarations: Vec<Declaration>,
}

/// Every profile on this device and which one is in use.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingBook {
    pub profiles: Vec<Profile>,
    pub active: Option<String>,
}

impl Versioned for TrainingBook {
    const KIND: Kind = Kind::TrainingProfiles;
    const SCHEMA_VERSION: u32 = 1;

    fn check(&mut self, texts: &mut Texts) -> Result<(), ImportError> {
        if self.profiles.len() > 500 {
            return Err(invalid("profiles", "there are more than 500 profiles"));
        }
        let mut ids = BTreeSet::new();
        for (i, p) in self.profiles.iter_mut().enumerate() {
            let at = format!("profiles[{i}]");
            texts.text(&format!("{at}.id"), &mut p.id, Rule::ID)?;
            if !ids.insert(p.id.clone()) {
                return Err(invalid(
                    format!("{at}.id"),
                    format!("the profile id {} appears twice", p.id),
                ));
            }
            check_person(texts, &format!("{at}.person"), &mut p.person)?;
            check_attempts(texts, &format!("{at}.attempts"), &mut p.attempts)?;
            check_declarations(texts, &format!("{at}.declarations"), &mut p.declarations)?;
        }
        if self
            .active
            .as_ref()
            .is_some_and(|active| !ids.contains(active))
        {
            // The profile in use was set aside or removed: no profile is in use.
            if !texts.repairs() {
                return Err(invalid("active", "it names a profile that is not there"));
            }
            self.active = None;
            texts.noted("active", "it named a profile that is not there");
        }
        Ok(())
    }

    const ENTRIES: &'static [Entries] = &[
        Entries {
            field: "profiles",
            id: Some("id"),
            name: |_, profile| format!("{}'s profile", crate::domain::staff::person_name(profile)),
        },
        Entries {
            field: "attempts",
            id: Some("id"),
            name: |_, attempt| {
                format!(
                    "an attempt at module {}",
                    crate::domain::staff::text_at(attempt, "module_id")
                )
            },
        },
    ];
}

impl Person {
    /// What a person's name holds: as typed, imported or loaded.
    pub const NAME: Rule = Rule::NAME;
}

/// A person from a file or storage: a name on one line.
fn check_person(texts: &mut Texts, at: &str, person: &mut Person) -> Result<(), ImportError> {
    texts.text(&format!("{at}.name"), &mut person.name, Person::NAME)
}

/// Attempts from a file or storage: a sane number, ids and versions within their rules,
/// and every stated score possible.
fn check_attempts(
    texts: &mut Texts,
    at: &str,
    attempts: &mut [Attempt],
) -> Result<(), ImportError> {
    if attempts.len() > 10_000 {
        return Err(invalid(at, "there are more than 10,000 attempts"));
    }
    for (i, a) in attempts.iter_mut().enumerate() {
        let here = format!("{at}[{i}]");
        texts.text(&format!("{here}.id"), &mut a.id, Rule::ID)?;
        texts.text(&format!("{here}.module_id"), &mut a.module_id, Rule::ID)?;
        texts.text(
            &format!("{here}.content_version"),
            &mut a.content_version,
            Rule::VERSION,
        )?;
        texts.text(
            &format!("{here}.policy_version"),
            &mut a.policy_version,
            Rule::VERSION,
        )?;
        if a.questions.len() > 200 || a.answers.len() > 200 {
            return Err(invalid(
                format!("{here}.questions"),
                "there are too many questions",
            ));
        }
        if let Some(score) = &a.score {
            if score.correct > score.total || score.percent > 100 || score.pass_mark > 100 {
                return Err(invalid(format!("{here}.score"), "the score is impossible"));
            }
        }
    }
    Ok(())
}

impl TrainingBook {
    /// The profile in use, if any.
    pub fn active_profile(&self) -> Option<&Profile> {
        let id = self.active.as_ref()?;
        self.profiles.iter().find(|p| &p.id == id)
    }

    /// The profile in use, to change it.
    pub fn active_profile_mut(&mut self) -> Option<&mut Profile> {
        let id = self.active.clone()?;
        self.profiles.iter_mut().find(|p| p.id == id)
    }

    /// Adds a profile and makes it the one in use.
    pub fn add(&mut self, profile: Profile) {
        self.active = Some(profile.id.clone());
        self.profiles.push(profile);
    }

    /// Starts a new attempt at `module` for the person in use, drawn for their record (and
    /// tagged with a training session's `code`, when taken in one), in place of any
    /// unfinished one; returns its id, or `None` when nobody's profile is in use.
    pub fn start_attempt(
        &mut self,
        course: &Course,
        module: &Module,
        id: String,
        code: Option<&str>,
        now: NaiveDateTime,
    ) -> Option<String> {
        let profile = self.active_profile_mut()?;
        // An unfinished attempt at the module (one opened under earlier questions, which can
        // no longer be finished) gives way to the new one.
        profile
            .attempts
            .retain(|a| a.is_submitted() || a.module_id != module.id);
        profile.attempts.push(quiz::start(
            course,
            module,
            &profile.id,
            id.clone(),
            code,
            now,
        ));
        Some(id)
    }

    /// Removes a profile and everything it holds.
    pub fn remove(&mut self, id: &str) {
        self.profiles.retain(|p| p.id != id);
        if self.active.as_deref() == Some(id) {
            self.active = self.profiles.first().map(|p| p.id.clone());
        }
    }
}

impl Profile {
    /// A record id the DSL handed out in advance (`staff::roster`'s `hand_out_ids`), as
    /// typed when a profile is made: `Ok(None)` when blank (the app makes one), the id when
    /// it keeps the id rule and is one word, otherwise why not.
    pub fn given_id(typed: &str) -> Result<Option<String>, &'static str> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Ok(None);
        }
        if Rule::ID.clean(typed) != typed || typed.contains(char::is_whitespace) {
            return Err("A record id is one word, such as r-1a2b3c4d5e6f7a8b: check it against the one your DSL gave you.");
        }
        Ok(Some(typed.to_owned()))
    }

    /// A new profile with nothing read or attempted.
    pub fn new(id: String, person: Person, created_at: NaiveDateTime) -> Self {
        Self {
            id,
            person,
            created_at,
            read: BTreeMap::new(),
            attempts: Vec::new(),
            declarations: Vec::new(),
        }
    }

    /// Where this person stands with the declaration of the policy `info` names.
    pub fn declared(&self, info: &CourseInfo) -> Declared {
        Declared::of(info, &self.declarations)
    }

    /// Declares, at `now`, that they have read what `info` asks of their role; an earlier
    /// declaration is kept. Nothing changes if the current policy is already declared.
    pub fn declare(&mut self, info: &CourseInfo, now: NaiveDateTime) {
        if !matches!(self.declared(info), Declared::Current { .. }) {
            let made = Declaration::new(info, &self.person, now);
            self.declarations.push(made);
        }
    }

    /// Records a section as read.
    pub fn mark_read(&mut self, module_id: &str, section_id: &str) {
        self.read
            .entry(module_id.to_owned())
            .or_default()
            .insert(section_id.to_owned());
    }

    /// Whether a section is marked read.
    pub fn has_read(&self, module_id: &str, section_id: &str) -> bool {
        self.read
            .get(module_id)
            .is_some_and(|read| read.contains(section_id))
    }

    /// Marks a section read, or unmarks it if it was (the module page's checkbox).
    pub fn toggle_read(&mut self, module_id: &str, section_id: &str) {
        let read = self.read.entry(module_id.to_owned()).or_default();
        if !read.remove(section_id) {
            read.insert(section_id.to_owned());
        }
    }

    /// The open (unsubmitted) attempt at a module, if any.
    pub fn open_attempt(&self, module_id: &str) -> Option<&Attempt> {
        self.attempts
            .iter()
            .rev()
            .find(|a| a.module_id == module_id && !a.is_submitted())
    }

    /// The attempt with this id, to change it.
    pub fn attempt_mut(&mut self, id: &str) -> Option<&mut Attempt> {
        self.attempts.iter_mut().find(|a| a.id == id)
    }

    /// Each submitted attempt, checked against the course (see `verify`).
    pub fn outcomes(&self, keys: &Keys, now: NaiveDateTime) -> Vec<Outcome> {
        self.attempts
            .iter()
            .filter(|a| a.is_submitted())
            .map(|a| verify::check(keys, &self.id, a, None, now))
            .collect()
    }

    /// The modules with a quiz open under `content_version` (an attempt opened under
    /// earlier questions cannot be finished, so it does not count as open).
    pub fn open_modules(&self, content_version: &str) -> Vec<String> {
        self.attempts
            .iter()
            .filter(|a| !a.is_submitted() && a.content_version == content_version)
            .map(|a| a.module_id.clone())
            .collect()
    }

    /// How many of a module's sections this person has read.
    pub fn sections_read(&self, module: &ModuleHead) -> usize {
        self.evidence(&[], &[]).sections_read(module)
    }

    /// Whether the quiz may be opened: all sections read, or on the refresher track.
    pub fn may_take_quiz(&self, module: &ModuleHead) -> bool {
        self.evidence(&[], &[]).may_take_quiz(module)
    }

    /// The content versions this person's submitted attempts were taken under (whose answer
    /// keys checking them needs).
    pub fn versions(&self) -> Vec<String> {
        let mut versions: Vec<String> = self
            .attempts
            .iter()
            .filter(|a| a.is_submitted())
            .map(|a| a.content_version.clone())
            .collect();
        versions.sort_unstable();
        versions.dedup();
        versions
    }

    /// Where this person stands with the course on `now`'s day, their attempts checked
    /// against `keys`.
    pub fn course_status(&self, course: &Course, keys: &Keys, now: NaiveDateTime) -> CourseStatus {
        let outcomes = self.outcomes(keys, now);
        let open = self.open_modules(&course.info.content_version);
        self.evidence(&outcomes, &open)
            .course_status(course, now.date())
    }

    /// Where this person stands with one module on `now`'s day.
    pub fn module_status(
        &self,
        course: &Course,
        module: &ModuleHead,
        keys: &Keys,
        now: NaiveDateTime,
    ) -> ModuleStatus {
        let outcomes = self.outcomes(keys, now);
        let open = self.open_modules(&course.info.content_version);
        self.evidence(&outcomes, &open)
            .module_status(course, module, now.date())
    }

    /// What the status rules look at, given this person's checked attempts and open
    /// quizzes.
    pub fn evidence<'a>(&'a self, outcomes: &'a [Outcome], open: &'a [String]) -> Evidence<'a> {
        Evidence {
            person: &self.person,
            read: Some(&self.read),
            open,
            outcomes,
        }
    }
}
