//! Where a person stands: each module's status (reading, quiz, passed, expired), the whole
//! course's, and when a pass stops being valid.

use chrono::{Months, NaiveDate};

use super::Profile;
use crate::domain::content::{Course, Module};
use crate::domain::dates::long;
use crate::domain::standing::Standing;

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

impl Profile {
    /// Where this person is with one module today.
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
    /// Where this person is with the whole course today.
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
