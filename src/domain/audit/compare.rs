//! Year on year: last year's ratings kept as a baseline, a new year's audit carried over
//! from the last, and each item's change since then.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{AcademicYear, ActionStatus, Audit, Checklist, FilteringReview, Rating, SignOff};

/// Last year's ratings, imported for comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Previous {
    pub year: AcademicYear,
    pub ratings: BTreeMap<String, Rating>,
}

/// How an item's rating moved since last year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Improved(Rating),
    Worsened(Rating),
    Same,
    /// To or from Not applicable.
    Different(Rating),
    /// Not rated last year.
    New,
}

/// How many ratings moved since last year's audit, for one line of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangeCounts {
    /// The year compared with.
    pub since: AcademicYear,
    pub improved: usize,
    pub worsened: usize,
    /// Rated this year, not last year.
    pub new: usize,
}

impl ChangeCounts {
    /// "Against the 2025/26 audit: 4 improved, 1 worsened, 3 rated for the first time."
    pub fn sentence(&self) -> String {
        format!(
            "Against the {} audit: {} improved, {} worsened, {} rated for the first time.",
            self.since.label(),
            self.improved,
            self.worsened,
            self.new
        )
    }
}

impl Audit {
    /// This year's audit started from last year's: answers, evidence and unfinished actions
    /// carried over, every rating marked for re-confirmation, the check log and sign-off
    /// cleared, and last year's ratings kept for comparison.
    pub fn carried_from(
        last: &Audit,
        year: AcademicYear,
        now: NaiveDateTime,
        list: &Checklist,
    ) -> Self {
        let answers = last
            .answers
            .iter()
            .map(|(id, a)| {
                let mut a = a.clone();
                a.needs_reconfirming = a.rating.is_some();
                a.actions.retain(|x| x.status != ActionStatus::Done);
                (id.clone(), a)
            })
            .collect();
        Self {
            year,
            started_at: now,
            content_version: list.content_version.clone(),
            answers,
            filtering: FilteringReview {
                checks: Vec::new(),
                reviewed_on: None,
                next_review: None,
                ..last.filtering.clone()
            },
            sign_off: SignOff::default(),
            previous: Some(last.ratings()),
        }
    }

    /// This audit's confirmed ratings, as a comparison baseline for next year.
    pub fn ratings(&self) -> Previous {
        Previous {
            year: self.year,
            ratings: self
                .answers
                .iter()
                .filter(|(_, a)| !a.needs_reconfirming)
                .filter_map(|(id, a)| a.rating.map(|r| (id.clone(), r)))
                .collect(),
        }
    }

    /// Ratings compared with last year's, item by item.
    pub fn compare(&self, list: &Checklist) -> Vec<(String, Change)> {
        let Some(previous) = &self.previous else {
            return Vec::new();
        };
        list.items()
            .filter_map(|item| {
                let now = self
                    .answer(&item.id)
                    .filter(|a| !a.needs_reconfirming)
                    .and_then(|a| a.rating)?;
                let change = match previous.ratings.get(&item.id) {
                    None => Change::New,
                    Some(&then) => match (then.strength(), now.strength()) {
                        (Some(a), Some(b)) if b > a => Change::Improved(then),
                        (Some(a), Some(b)) if b < a => Change::Worsened(then),
                        _ if then == now => Change::Same,
                        _ => Change::Different(then),
                    },
                };
                Some((item.id.clone(), change))
            })
            .collect()
    }

    /// The counts of [`Audit::compare`]; `None` until last year's audit is imported.
    pub fn change_counts(&self, list: &Checklist) -> Option<ChangeCounts> {
        let since = self.previous.as_ref()?.year;
        let changes = self.compare(list);
        let count = |f: fn(&Change) -> bool| changes.iter().filter(|(_, c)| f(c)).count();
        Some(ChangeCounts {
            since,
            improved: count(|c| matches!(c, Change::Improved(_))),
            worsened: count(|c| matches!(c, Change::Worsened(_))),
            new: count(|c| matches!(c, Change::New)),
        })
    }
}
