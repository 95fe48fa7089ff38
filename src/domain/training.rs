//! Staff training on one device: profiles, what each person has read and attempted, module
//! and course status, the annual expiry, and the record a person exports for the DSL.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Months, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::content::{Course, Module, Role};
use super::envelope::{check_name, check_text, invalid, ImportError, Kind, Versioned};
use super::quiz::{Attempt, Score};

/// Induction (everything the role requires) or the annual refresher (the modules marked
/// for it, and the quiz may be taken straight away).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Track {
    Induction,
    Refresher,
}

impl Track {
    pub fn label(self) -> &'static str {
        match self {
            Track::Induction => "Induction",
            Track::Refresher => "Annual refresher",
        }
    }
}

/// A person's details as they appear on a certificate and in the DSL's matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    pub role: Role,
    pub start_date: NaiveDate,
    pub track: Track,
}

/// One staff member's training on this device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Also the id of their exported training record.
    pub id: String,
    pub person: Person,
    pub created_at: NaiveDateTime,
    /// Section ids read, per module id.
    #[serde(default)]
    pub read: BTreeMap<String, BTreeSet<String>>,
    /// Every attempt, in the order started.
    #[serde(default)]
    pub attempts: Vec<Attempt>,
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

    fn validate(&self) -> Result<(), ImportError> {
        if self.profiles.len() > 500 {
            return Err(invalid("profiles", "there are more than 500 profiles"));
        }
        let mut ids = BTreeSet::new();
        for (i, p) in self.profiles.iter().enumerate() {
            let at = format!("profiles[{i}]");
            if !ids.insert(&p.id) {
                return Err(invalid(
                    format!("{at}.id"),
                    format!("the profile id {} appears twice", p.id),
                ));
            }
            check_name(&format!("{at}.id"), &p.id, 100)?;
            check_person(&format!("{at}.person"), &p.person)?;
            check_attempts(&format!("{at}.attempts"), &p.attempts)?;
        }
        if let Some(active) = &self.active {
            if !ids.contains(active) {
                return Err(invalid("active", "it names a profile that is not there"));
            }
        }
        Ok(())
    }
}

fn check_person(at: &str, person: &Person) -> Result<(), ImportError> {
    check_name(&format!("{at}.name"), &person.name, 200)
}

/// Attempts from a file: a sane number, and every stated score possible.
fn check_attempts(at: &str, attempts: &[Attempt]) -> Result<(), ImportError> {
    if attempts.len() > 10_000 {
        return Err(invalid(at, "there are more than 10,000 attempts"));
    }
    for (i, a) in attempts.iter().enumerate() {
        let here = format!("{at}[{i}]");
        check_name(&format!("{here}.id"), &a.id, 100)?;
        check_name(&format!("{here}.module_id"), &a.module_id, 100)?;
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
    pub fn active_profile(&self) -> Option<&Profile> {
        let id = self.active.as_ref()?;
        self.profiles.iter().find(|p| &p.id == id)
    }

    pub fn active_profile_mut(&mut self) -> Option<&mut Profile> {
        let id = self.active.clone()?;
        self.profiles.iter_mut().find(|p| p.id == id)
    }

    /// Adds a profile and makes it the one in use.
    pub fn add(&mut self, profile: Profile) {
        self.active = Some(profile.id.clone());
        self.profiles.push(profile);
    }

    /// Removes a profile and everything it holds.
    pub fn remove(&mut self, id: &str) {
        self.profiles.retain(|p| p.id != id);
        if self.active.as_deref() == Some(id) {
            self.active = self.profiles.first().map(|p| p.id.clone());
        }
    }
}

/// Where a person is with one module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModuleStatus {
    NotStarted,
    /// Some sections read.
    Reading {
        read: usize,
        total: usize,
    },
    /// All sections read (or a refresher), quiz not yet taken.
    ReadyForQuiz,
    /// A quiz attempt is open.
    QuizInProgress,
    /// The latest submitted attempt failed.
    Failed {
        percent: u8,
    },
    /// Passed and still valid.
    Passed {
        percent: u8,
        on: NaiveDate,
        until: NaiveDate,
    },
    /// Passed, but more than a year ago: due again.
    Expired {
        on: NaiveDate,
        until: NaiveDate,
    },
}

impl ModuleStatus {
    pub fn label(&self) -> String {
        match self {
            ModuleStatus::NotStarted => "Not started".into(),
            ModuleStatus::Reading { read, total } => {
                format!("Reading ({read} of {total} sections)")
            }
            ModuleStatus::ReadyForQuiz => "Ready for the quiz".into(),
            ModuleStatus::QuizInProgress => "Quiz in progress".into(),
            ModuleStatus::Failed { percent } => format!("Quiz not passed ({percent}%)"),
            ModuleStatus::Passed { percent, on, .. } => {
                format!("Passed {percent}% on {}", super::dates::long(*on))
            }
            ModuleStatus::Expired { until, .. } => {
                format!("Due: expired {}", super::dates::long(*until))
            }
        }
    }

    pub fn is_passed(&self) -> bool {
        matches!(self, ModuleStatus::Passed { .. })
    }
}

/// When a pass made on `on` stops being valid.
pub fn valid_until(course: &Course, on: NaiveDate) -> NaiveDate {
    // chrono clamps to the month's end: 29 Feb 2024 + 12 months = 28 Feb 2025.
    on.checked_add_months(Months::new(course.info.valid_months))
        .unwrap_or(NaiveDate::MAX)
}

impl Profile {
    pub fn new(id: String, person: Person, created_at: NaiveDateTime) -> Self {
        Self {
            id,
            person,
            created_at,
            read: BTreeMap::new(),
            attempts: Vec::new(),
        }
    }

    /// The modules this person must take, in course order.
    pub fn required<'c>(&self, course: &'c Course) -> Vec<&'c Module> {
        course
            .required_for(self.person.role)
            .filter(|m| self.person.track == Track::Induction || m.refresher)
            .collect()
    }

    pub fn sections_read(&self, module: &Module) -> usize {
        self.read.get(&module.id).map_or(0, |read| {
            module
                .sections
                .iter()
                .filter(|s| read.contains(&s.id))
                .count()
        })
    }

    pub fn mark_read(&mut self, module_id: &str, section_id: &str) {
        self.read
            .entry(module_id.to_owned())
            .or_default()
            .insert(section_id.to_owned());
    }

    /// The open (unsubmitted) attempt at a module, if any.
    pub fn open_attempt(&self, module_id: &str) -> Option<&Attempt> {
        self.attempts
            .iter()
            .rev()
            .find(|a| a.module_id == module_id && !a.is_submitted())
    }

    pub fn attempt_mut(&mut self, id: &str) -> Option<&mut Attempt> {
        self.attempts.iter_mut().find(|a| a.id == id)
    }

    /// The latest passing attempt at a module and its score.
    pub fn latest_pass(&self, module_id: &str) -> Option<(&Attempt, Score)> {
        self.attempts
            .iter()
            .rev()
            .filter(|a| a.module_id == module_id)
            .find_map(|a| a.score.filter(|s| s.passed).map(|s| (a, s)))
    }

    /// Whether the quiz may be opened: all sections read, or on the refresher track.
    pub fn may_take_quiz(&self, module: &Module) -> bool {
        self.person.track == Track::Refresher || self.sections_read(module) == module.sections.len()
    }

    pub fn module_status(
        &self,
        course: &Course,
        module: &Module,
        today: NaiveDate,
    ) -> ModuleStatus {
        if let Some((attempt, score)) = self.latest_pass(&module.id) {
            let on = attempt
                .submitted_at
                .map(|t| t.date())
                .unwrap_or(attempt.started_at.date());
            let until = valid_until(course, on);
            // A pass is valid up to and including the day before the anniversary.
            if today < until {
                return ModuleStatus::Passed {
                    percent: score.percent,
                    on,
                    until,
                };
            }
            if self.open_attempt(&module.id).is_none() {
                return ModuleStatus::Expired { on, until };
            }
        }
        if self.open_attempt(&module.id).is_some() {
            return ModuleStatus::QuizInProgress;
        }
        let last = self
            .attempts
            .iter()
            .rev()
            .find(|a| a.module_id == module.id && a.is_submitted());
        if let Some(score) = last.and_then(|a| a.score) {
            return ModuleStatus::Failed {
                percent: score.percent,
            };
        }
        let read = self.sections_read(module);
        match read {
            _ if read > 0 && self.may_take_quiz(module) => ModuleStatus::ReadyForQuiz,
            0 => ModuleStatus::NotStarted,
            _ => ModuleStatus::Reading {
                read,
                total: module.sections.len(),
            },
        }
    }
}

/// The whole course for one person on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseStatus {
    pub modules: Vec<(String, ModuleStatus)>,
    pub passed: usize,
    pub required: usize,
    pub minutes_left: u32,
    /// The date the last required module was passed, when all are passed and valid.
    pub completed_on: Option<NaiveDate>,
    pub validity: Validity,
    /// Passed modules whose pass was against another policy version.
    pub policy_changed: Vec<String>,
}

/// Whether the person's training is current.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validity {
    /// Not every required module is passed.
    InProgress,
    Valid {
        until: NaiveDate,
    },
    /// Valid, but within the warning period.
    ExpiringSoon {
        until: NaiveDate,
        days_left: i64,
    },
    /// A required module's pass has expired: the training is due.
    Expired {
        since: NaiveDate,
    },
}

impl Profile {
    pub fn course_status(&self, course: &Course, today: NaiveDate) -> CourseStatus {
        let required = self.required(course);
        let statuses: Vec<(String, ModuleStatus)> = required
            .iter()
            .map(|m| (m.id.clone(), self.module_status(course, m, today)))
            .collect();
        let passed = statuses.iter().filter(|(_, s)| s.is_passed()).count();
        let minutes_left = required
            .iter()
            .zip(&statuses)
            .filter(|(_, (_, s))| !s.is_passed())
            .map(|(m, _)| m.minutes)
            .sum();
        let expired_since = statuses
            .iter()
            .filter_map(|(_, s)| match s {
                ModuleStatus::Expired { until, .. } => Some(*until),
                _ => None,
            })
            .min();
        let all_passed = passed == required.len() && !required.is_empty();
        let completed_on = all_passed
            .then(|| {
                statuses
                    .iter()
                    .filter_map(|(_, s)| {
                        if let ModuleStatus::Passed { on, .. } = s {
                            Some(*on)
                        } else {
                            None
                        }
                    })
                    .max()
            })
            .flatten();
        let until = all_passed
            .then(|| {
                statuses
                    .iter()
                    .filter_map(|(_, s)| {
                        if let ModuleStatus::Passed { until, .. } = s {
                            Some(*until)
                        } else {
                            None
                        }
                    })
                    .min()
            })
            .flatten();
        let validity = match (expired_since, until) {
            (Some(since), _) => Validity::Expired { since },
            (None, Some(until)) => {
                let days_left = (until - today).num_days();
                if days_left <= i64::from(course.info.warn_days) {
                    Validity::ExpiringSoon { until, days_left }
                } else {
                    Validity::Valid { until }
                }
            }
            (None, None) => Validity::InProgress,
        };
        let policy_changed = required
            .iter()
            .filter_map(|m| self.latest_pass(&m.id))
            .filter(|(a, _)| a.policy_version != course.info.policy_version)
            .map(|(a, _)| a.module_id.clone())
            .collect();
        CourseStatus {
            modules: statuses,
            passed,
            required: required.len(),
            minutes_left,
            completed_on,
            validity,
            policy_changed,
        }
    }
}

/// A person's training record as exported for the DSL: who they are and every attempt with
/// its answers, so the DSL's import can re-score it against the course.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingRecord {
    pub record_id: String,
    pub person: Person,
    pub content_version: String,
    pub policy_version: String,
    pub exported_at: NaiveDateTime,
    pub attempts: Vec<Attempt>,
}

impl Versioned for TrainingRecord {
    const KIND: Kind = Kind::TrainingRecord;
    const SCHEMA_VERSION: u32 = 1;

    fn validate(&self) -> Result<(), ImportError> {
        check_name("record_id", &self.record_id, 100)?;
        check_person("person", &self.person)?;
        check_text("content_version", &self.content_version, 100, false)?;
        check_text("policy_version", &self.policy_version, 200, false)?;
        check_attempts("attempts", &self.attempts)
    }
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
        }
    }

    /// A file name such as `training-record-jane-smith-2026-11-24.json`.
    pub fn file_name(&self) -> String {
        let slug: String = self
            .person
            .name
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        format!(
            "training-record-{slug}-{}.json",
            super::dates::iso(self.exported_at.date())
        )
    }
}
