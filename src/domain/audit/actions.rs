//! Actions and dates: what the DSL will do about each gap, the action plan across the audit
//! (overdue flagged), and the review dates the policy and the filtering review set.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Audit, Checklist};
use crate::domain::dates::long;
use crate::domain::settings::SchoolSettings;
use crate::domain::vocab::vocabulary;

vocabulary! {
    /// Where an action stands.
    pub enum ActionStatus = NotStarted {
        NotStarted = ("not-started", "Not started"),
        InProgress = ("in-progress", "In progress"),
        Done = ("done", "Done"),
    }
}

/// Something to do about a gap.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub id: String,
    pub what: String,
    pub owner: String,
    #[serde(default, with = "crate::domain::dates::opt_text")]
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
}

impl Action {
    /// Not done and due before today.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status != ActionStatus::Done && self.due.is_some_and(|due| due < today)
    }
}

/// An action in the plan, with the item it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedAction {
    pub item_id: String,
    pub question: String,
    pub action: Action,
    pub overdue: bool,
}

impl Audit {
    /// Every action across the audit, soonest due first (undated last), overdue flagged.
    pub fn action_plan(&self, list: &Checklist, today: NaiveDate) -> Vec<PlannedAction> {
        let mut plan: Vec<PlannedAction> = list
            .items()
            .flat_map(|item| {
                self.answer(&item.id)
                    .into_iter()
                    .flat_map(|a| a.actions.iter())
                    .map(move |action| PlannedAction {
                        item_id: item.id.clone(),
                        question: item.question.clone(),
                        overdue: action.is_overdue(today),
                        action: action.clone(),
                    })
            })
            .collect();
        plan.sort_by_key(|p| {
            (
                p.action.status == ActionStatus::Done,
                p.action.due.is_none(),
                p.action.due,
            )
        });
        plan
    }
}

/// A date the policy or the review sets that has passed (or is close).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFlag {
    pub item_id: Option<String>,
    pub message: String,
    pub passed: bool,
    /// What is due ("The Social Media Policy") and by when, when a date is set.
    pub what: String,
    pub due: Option<NaiveDate>,
}

/// The review dates the policy and the filtering review set, checked against today.
pub fn date_flags(settings: &SchoolSettings, audit: &Audit, today: NaiveDate) -> Vec<DateFlag> {
    let mut flags = Vec::new();
    let mut due = |item: Option<&str>, what: &str, date: NaiveDate| {
        if date < today {
            flags.push(DateFlag {
                item_id: item.map(str::to_owned),
                message: format!(
                    "{what} was due for review by {} and that date has passed.",
                    long(date)
                ),
                passed: true,
                what: what.to_owned(),
                due: Some(date),
            });
        } else if (date - today).num_days() <= 30 {
            flags.push(DateFlag {
                item_id: item.map(str::to_owned),
                message: format!("{what} is due for review by {}.", long(date)),
                passed: false,
                what: what.to_owned(),
                due: Some(date),
            });
        }
    };
    due(
        Some("pl-policy-reviewed"),
        "The Social Media Policy",
        settings.policy_review_due,
    );
    due(
        Some("pl-code-reviewed"),
        "The parents' Social Media Code of Conduct",
        settings.code_review_due,
    );
    match (audit.filtering.reviewed_on, audit.filtering.next_review) {
        (_, Some(next)) => due(Some("fm-annual-review"), "Filtering and monitoring", next),
        (None, None) => flags.push(DateFlag {
            item_id: Some("fm-annual-review".into()),
            message: "No filtering and monitoring review is recorded for this year yet.".into(),
            passed: false,
            what: "Filtering and monitoring".into(),
            due: None,
        }),
        (Some(_), None) => {}
    }
    flags
}

/// The default next review: a year after this one (DfE: at least annually).
pub fn next_review_after(reviewed: NaiveDate) -> NaiveDate {
    reviewed
        .checked_add_months(chrono::Months::new(12))
        .unwrap_or(reviewed)
}
