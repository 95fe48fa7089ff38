//! The DSL's annual online-safety audit and filtering-and-monitoring review: the checklist
//! (content/audit.json), the answers for one academic year, and the rules that turn them into
//! gaps, RAG ratings, an action plan, date flags and a year-on-year comparison.
//!
//! One concept a file; every public item is re-exported here, so callers name
//! `domain::audit::X` whichever file holds it:
//! - this file: an academic year's [`Audit`] (answers, evidence, sign-off), the
//!   [`AuditBook`] of every year, and the import checks behind their `Versioned` impls;
//! - `checklist.rs`: the checklist content and its validation;
//! - `rating.rs`: ratings, RAG colours, section figures and top risks;
//! - `actions.rs`: actions, the action plan and review-date flags;
//! - `filtering.rs`: the filtering and monitoring review record;
//! - `compare.rs`: last year's baseline, carrying a year over, year-on-year changes;
//! - `report.rs`: what the first page of the governors' report says.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::envelope::{invalid, Entries, ImportError, Kind, Versioned};
use super::settings::SchoolSettings;
use super::text::{Rule, Texts};

mod actions;
mod checklist;
mod compare;
mod filtering;
mod rating;
mod report;

pub use actions::{date_flags, next_review_after, Action, ActionStatus, DateFlag, PlannedAction};
pub use checklist::{Check, Checklist, Item, Section, MIN_ITEMS};
pub use compare::{Change, ChangeCounts, Previous};
pub use filtering::{CheckRow, Confirmed, Decision, FilteringReview, CONSIDERATIONS};
pub use rating::{Rag, Rating, SectionSummary};
pub use report::{brief, filtering_line, overall_sentence, FirstPage, Risk, FIRST_PAGE_ROWS};

/// An academic year, named by the calendar year it starts in (2026 is 2026/27).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AcademicYear(pub i32);

impl AcademicYear {
    /// The academic year a date falls in: September starts a new one.
    pub fn containing(date: NaiveDate) -> Self {
        if date.month() >= 9 {
            Self(date.year())
        } else {
            Self(date.year() - 1)
        }
    }

    /// "2026/27".
    pub fn label(self) -> String {
        format!("{}/{:02}", self.0, (self.0 + 1).rem_euclid(100))
    }

    /// "2026-27", for file names.
    pub fn slug(self) -> String {
        format!("{}-{:02}", self.0, (self.0 + 1).rem_euclid(100))
    }

    /// The year a slug such as "2026-27" names; `None` for anything else.
    pub fn from_slug(slug: &str) -> Option<Self> {
        let (start, end) = slug.split_once('-')?;
        let start: i32 = start.parse().ok()?;
        let end: i32 = end.parse().ok()?;
        (end == (start + 1).rem_euclid(100) && (2000..=2100).contains(&start))
            .then_some(Self(start))
    }

    /// The year before.
    pub fn previous(self) -> Self {
        Self(self.0 - 1)
    }
}

/// A document that evidences an answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub document: String,
    #[serde(default, with = "crate::domain::dates::opt_text")]
    pub date: Option<NaiveDate>,
}

/// The DSL's answer to one item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answer {
    pub rating: Option<Rating>,
    /// Why the item does not apply (required for Not applicable).
    pub not_applicable_reason: String,
    pub notes: String,
    pub evidence: Vec<Evidence>,
    pub actions: Vec<Action>,
    /// Carried over from last year: the rating must be confirmed again.
    pub needs_reconfirming: bool,
}

impl Answer {
    /// The item's RAG, counting an unconfirmed carried-over rating as unanswered.
    pub fn rag(&self) -> Rag {
        match self.rating {
            Some(r) if !self.needs_reconfirming => r.rag(),
            _ => Rag::Unanswered,
        }
    }

    /// Rated and confirmed (and, for Not applicable, with a reason).
    pub fn is_answered(&self) -> bool {
        match self.rating {
            None => false,
            Some(_) if self.needs_reconfirming => false,
            Some(Rating::NotApplicable) => !self.not_applicable_reason.trim().is_empty(),
            Some(_) => true,
        }
    }
}

/// Who signed the report off, and when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SignOff {
    pub dsl: String,
    #[serde(default, with = "crate::domain::dates::opt_text")]
    pub dsl_date: Option<NaiveDate>,
    pub governor: String,
    #[serde(default, with = "crate::domain::dates::opt_text")]
    pub governor_date: Option<NaiveDate>,
    /// The staff training figures as the report gave them when the DSL finalised the
    /// audit, so the report still says what it said once the records have moved on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub training: Option<KeptFigures>,
}

/// Figures kept with a finalised audit: the sentence and the day it was kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptFigures {
    #[serde(with = "crate::domain::dates::text")]
    pub on: NaiveDate,
    pub line: String,
}

/// One academic year's audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audit {
    pub year: AcademicYear,
    #[serde(with = "crate::domain::dates::text")]
    pub started_at: NaiveDateTime,
    pub content_version: String,
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    #[serde(default)]
    pub filtering: FilteringReview,
    #[serde(default)]
    pub sign_off: SignOff,
    #[serde(default)]
    pub previous: Option<Previous>,
}

/// An audit from a file or storage (`at` prefixes every field path, "" or "audits[0]."): a
/// plausible year, and every text within its rule.
fn check_audit(texts: &mut Texts, at: &str, audit: &mut Audit) -> Result<(), ImportError> {
    if !(2000..=2100).contains(&audit.year.0) {
        return Err(invalid(
            format!("{at}year"),
            "it is not an academic year between 2000 and 2100",
        ));
    }
    texts.text(
        &format!("{at}content_version"),
        &mut audit.content_version,
        Rule::VERSION,
    )?;
    if audit.answers.len() > 1000 {
        return Err(invalid(
            format!("{at}answers"),
            "there are too many answers",
        ));
    }
    for (id, answer) in &mut audit.answers {
        check_answer(texts, &format!("{at}answers.{id}"), answer)?;
    }
    filtering::check_filtering(texts, &format!("{at}filtering"), &mut audit.filtering)?;
    texts.text(
        &format!("{at}sign_off.dsl"),
        &mut audit.sign_off.dsl,
        Rule::LINE,
    )?;
    texts.text(
        &format!("{at}sign_off.governor"),
        &mut audit.sign_off.governor,
        Rule::LINE,
    )?;
    if let Some(kept) = &mut audit.sign_off.training {
        texts.text(
            &format!("{at}sign_off.training.line"),
            &mut kept.line,
            Rule::SHORT_NOTE,
        )?;
    }
    Ok(())
}

/// One item's answer: notes, evidence and actions within their rules. Each text's rule is
/// also what its field accepts as it is typed (`pages/audit/section.rs`).
fn check_answer(texts: &mut Texts, here: &str, answer: &mut Answer) -> Result<(), ImportError> {
    texts.text(&format!("{here}.notes"), &mut answer.notes, Answer::NOTES)?;

    texts.text(
        &format!("{here}.not_applicable_reason"),
        &mut answer.not_applicable_reason,
        Answer::REASON,
    )?;
    if answer.evidence.len() > 200 || answer.actions.len() > 200 {
        return Err(invalid(here, "there are too many evidence rows or actions"));
    }
    for (i, e) in answer.evidence.iter_mut().enumerate() {
        texts.text(
            &format!("{here}.evidence[{i}].document"),
            &mut e.document,
            Answer::DOCUMENT,
        )?;
    }
    for (i, a) in answer.actions.iter_mut().enumerate() {
        texts.text(&format!("{here}.actions[{i}].id"), &mut a.id, Rule::ID)?;
        texts.text(
            &format!("{here}.actions[{i}].what"),
            &mut a.what,
            Answer::ACTION,
        )?;
        texts.text(
            &format!("{here}.actions[{i}].owner"),
            &mut a.owner,
            Rule::LINE,
        )?;
    }
    Ok(())
}

impl Answer {
    /// What the notes on an item hold.
    pub const NOTES: Rule = Rule::NOTE;
    /// Why an item does not apply.
    pub const REASON: Rule = Rule::SHORT_NOTE;
    /// A piece of evidence's document (one line).
    pub const DOCUMENT: Rule = Rule::TITLE;
    /// What an action is.
    pub const ACTION: Rule = Rule::SHORT_NOTE;
}

impl Versioned for Audit {
    const KIND: Kind = Kind::Audit;
    const SCHEMA_VERSION: u32 = 1;

    fn check(&mut self, texts: &mut Texts) -> Result<(), ImportError> {
        check_audit(texts, "", self)
    }
}

impl Audit {
    /// A fresh audit for a year against `list`, with the filtering roles filled from
    /// settings.
    pub fn new(
        year: AcademicYear,
        now: NaiveDateTime,
        settings: &SchoolSettings,
        list: &Checklist,
    ) -> Self {
        Self {
            year,
            started_at: now,
            content_version: list.content_version.clone(),
            answers: BTreeMap::new(),
            filtering: FilteringReview {
                dsl: settings.dsl.clone(),
                governor: String::new(),
                it_provider: settings.it_provider.clone(),
                filtering_provider: settings.filtering_provider.clone(),
                monitoring_provider: settings.monitoring_provider.clone(),
                ..FilteringReview::default()
            },
            sign_off: SignOff::default(),
            previous: None,
        }
    }

    /// The answer to an item, if it has one.
    pub fn answer(&self, item: &str) -> Option<&Answer> {
        self.answers.get(item)
    }

    /// File name for the exported audit.
    pub fn file_name(&self) -> String {
        format!("online-safety-audit-{}.json", self.year.slug())
    }
}

/// Every audit on this device, one per academic year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditBook {
    pub audits: Vec<Audit>,
}

impl Versioned for AuditBook {
    const KIND: Kind = Kind::Audits;
    const SCHEMA_VERSION: u32 = 1;

    fn check(&mut self, texts: &mut Texts) -> Result<(), ImportError> {
        let mut years = std::collections::BTreeSet::new();
        for (i, audit) in self.audits.iter_mut().enumerate() {
            if !years.insert(audit.year) {
                return Err(invalid(
                    format!("audits[{i}].year"),
                    "two audits for the same year",
                ));
            }
            check_audit(texts, &format!("audits[{i}]."), audit)?;
        }
        Ok(())
    }

    const ENTRIES: &'static [Entries] = &[
        Entries {
            field: "audits",
            id: Some("year"),
            name: |_, audit| match audit.get("year").and_then(Value::as_i64) {
                Some(year) => format!("the {} audit", AcademicYear(year as i32).label()),
                None => "an audit".into(),
            },
        },
        ANSWERS,
    ];
}

/// An audit's answers, one per checklist item.
const ANSWERS: Entries = Entries {
    field: "answers",
    id: None,
    name: |item, _| format!("the answer to audit item {item}"),
};

impl AuditBook {
    /// The audit for a year.
    pub fn get(&self, year: AcademicYear) -> Option<&Audit> {
        self.audits.iter().find(|a| a.year == year)
    }

    /// The audit for a year, to change it.
    pub fn get_mut(&mut self, year: AcademicYear) -> Option<&mut Audit> {
        self.audits.iter_mut().find(|a| a.year == year)
    }

    /// Adds or replaces the audit for its year, keeping years in order.
    pub fn put(&mut self, audit: Audit) {
        self.audits.retain(|a| a.year != audit.year);
        self.audits.push(audit);
        self.audits.sort_by_key(|a| a.year);
    }

    /// The latest audit before a year.
    pub fn before(&self, year: AcademicYear) -> Option<&Audit> {
        self.audits.iter().rev().find(|a| a.year < year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn academic_years_turn_in_september() {
        assert_eq!(AcademicYear::containing(d(2026, 8, 31)), AcademicYear(2025));
        assert_eq!(AcademicYear::containing(d(2026, 9, 1)), AcademicYear(2026));
        assert_eq!(AcademicYear(2026).label(), "2026/27");
        assert_eq!(AcademicYear(2099).label(), "2099/00");
    }
}
