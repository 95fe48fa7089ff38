//! Where a person stands: each module's status (reading, quiz, passed, expired), the whole
//! course's, and when a pass stops being valid. The same rules serve a person's own
//! dashboard and the DSL's matrix, and both count only verified attempts (`verify`).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Months, NaiveDate};

use super::{Person, Track};
use crate::domain::content::{Course, ModuleHead};
use crate::domain::dates::long;
use crate::domain::standing::Standing;
use crate::domain::verify::Outcome;

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
    /// How the status reads on screen.
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
                format!("Passed {percent}% on {}", long(*on))
            }
            ModuleStatus::Expired { until, .. } => {
                format!("Due: expired {}", long(*until))
            }
        }
    }

    /// Passed and still valid.
    /// How the status shows on a tag.
    pub fn standing(&self) -> Standing {
        match self {
            ModuleStatus::Passed { .. } => Standing::Green,
            ModuleStatus::Failed { .. } | ModuleStatus::Expired { .. } => Standing::Red,
            ModuleStatus::NotStarted => Standing::Grey,
            _ => Standing::Amber,
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

/// What the status rules look at for one person: their role and track, what they have read
/// and which quizzes they have open (known only on their own device), and their attempts once
/// checked.
#[derive(Debug, Clone, Copy)]
pub struct Evidence<'a> {
    pub person: &'a Person,
    /// Section ids read, per module id.
    pub read: Option<&'a BTreeMap<String, BTreeSet<String>>>,
    /// Modules with a quiz open under the current content.
    pub open: &'a [String],
    pub outcomes: &'a [Outcome],
}

/// The modules a person must take, in course order.
pub fn required<'c>(course: &'c Course, person: &Person) -> Vec<&'c ModuleHead> {
    course
        .required_for(person.role)
        .filter(|m| person.track == Track::Induction || m.refresher)
        .collect()
}

impl Evidence<'_> {
    /// How many of a module's sections have been read.
    pub fn sections_read(&self, module: &ModuleHead) -> usize {
        self.read
            .and_then(|read| read.get(&module.id))
            .map_or(0, |read| {
                module
                    .sections
                    .iter()
                    .filter(|s| read.contains(&s.id))
                    .count()
            })
    }

    /// Whether the quiz may be opened: all sections read, or on the refresher track.
    pub fn may_take_quiz(&self, module: &ModuleHead) -> bool {
        self.person.track == Track::Refresher || self.sections_read(module) == module.sections.len()
    }

    /// The latest verified pass of a module.
    pub fn latest_pass(&self, module_id: &str) -> Option<&Outcome> {
        self.outcomes
            .iter()
            .filter(|o| o.module_id == module_id && o.is_verified_pass())
            .max_by_key(|o| o.submitted_at)
    }

    /// Where the person is with one module today.
    pub fn module_status(
        &self,
        course: &Course,
        module: &ModuleHead,
        today: NaiveDate,
    ) -> ModuleStatus {
        let open = self.open.contains(&module.id);
        if let Some(pass) = self.latest_pass(&module.id) {
            let on = pass.submitted_at.date();
            let until = valid_until(course, on);
            // A pass is valid up to and including the day before the anniversary.
            if today < until {
                return ModuleStatus::Passed {
                    percent: pass.score.map_or(0, |s| s.percent),
                    on,
                    until,
                };
            }
            if !open {
                return ModuleStatus::Expired { on, until };
            }
        }
        if open {
            return ModuleStatus::QuizInProgress;
        }
        let last = self
            .outcomes
            .iter()
            .filter(|o| o.module_id == module.id && o.verdict.is_verified())
            .max_by_key(|o| o.submitted_at);
        if let Some(score) = last.and_then(|o| o.score) {
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
    /// Passed modules whose pass was under an earlier version of the questions (the pass
    /// stands; the next attempt uses the new questions).
    pub earlier_questions: Vec<String>,
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

impl Evidence<'_> {
    /// Where the person is with the whole course today.
    pub fn course_status(&self, course: &Course, today: NaiveDate) -> CourseStatus {
        let required = required(course, self.person);
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
        let passes: Vec<&Outcome> = required
            .iter()
            .filter_map(|m| self.latest_pass(&m.id))
            .collect();
        let policy_changed = passes
            .iter()
            .filter(|o| o.policy_version != course.info.policy_version)
            .map(|o| o.module_id.clone())
            .collect();
        let earlier_questions = passes
            .iter()
            .filter(|o| o.content_version != course.info.content_version)
            .map(|o| o.module_id.clone())
            .collect();
        CourseStatus {
            modules: statuses,
            passed,
            required: required.len(),
            minutes_left,
            completed_on,
            validity,
            policy_changed,
            earlier_questions,
        }
    }
}
