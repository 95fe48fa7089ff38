//! The DSL's annual online-safety audit and filtering-and-monitoring review: the checklist
//! (content/audit.json), the answers for one academic year, and the rules that turn them into
//! gaps, RAG ratings, an action plan, date flags and a year-on-year comparison.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::content::{ContentError, Problems};
use super::envelope::{check_name, check_text, invalid, ImportError, Kind, Versioned};
use super::settings::SchoolSettings;
use super::sources::{self, Reference};

const AUDIT_JSON: &str = include_str!("../../content/audit.json");
const AUDIT_FILE: &str = "content/audit.json";

/// An automatic check attached to an item, computed from settings and dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    /// The Social Media Policy's review date (settings) against today.
    PolicyReview,
    /// The parents' Code of Conduct's review date (settings) against today.
    CodeReview,
    /// The staff records matrix's coverage figures.
    TrainingCoverage,
}

/// One checklist item.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Item {
    pub id: String,
    pub question: String,
    /// What good looks like.
    pub guidance: String,
    pub refs: Vec<String>,
    #[serde(default)]
    pub check: Option<Check>,
}

/// A section of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub items: Vec<Item>,
}

/// The whole checklist.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Checklist {
    pub content_version: String,
    pub sections: Vec<Section>,
}

/// The fewest items the checklist may have.
pub const MIN_ITEMS: usize = 40;

impl Checklist {
    /// Parses and validates checklist JSON.
    pub fn parse(text: &str) -> Result<Self, Vec<ContentError>> {
        let list: Checklist = serde_json::from_str(text).map_err(|e| {
            vec![ContentError {
                file: AUDIT_FILE.into(),
                item: "(file)".into(),
                problem: e.to_string(),
            }]
        })?;
        let problems = list.problems();
        if problems.is_empty() {
            Ok(list)
        } else {
            Err(problems)
        }
    }

    fn problems(&self) -> Vec<ContentError> {
        let mut p = Problems::default();
        let sources = sources::all();
        let mut ids = std::collections::BTreeSet::new();
        for section in &self.sections {
            if !ids.insert(section.id.as_str()) {
                p.push(AUDIT_FILE, &section.id, "duplicate id".into());
            }
            p.text(AUDIT_FILE, &section.id, "title", &section.title);
            p.text(AUDIT_FILE, &section.id, "summary", &section.summary);
            if section.items.is_empty() {
                p.push(AUDIT_FILE, &section.id, "section has no items".into());
            }
            for item in &section.items {
                if !ids.insert(item.id.as_str()) {
                    p.push(AUDIT_FILE, &item.id, "duplicate id".into());
                }
                p.text(AUDIT_FILE, &item.id, "question", &item.question);
                p.text(AUDIT_FILE, &item.id, "guidance", &item.guidance);
                if item.refs.is_empty() {
                    p.push(AUDIT_FILE, &item.id, "no source given".into());
                }
                for r in &item.refs {
                    if !Reference::parse(r).is_some_and(|r| r.resolves(&sources)) {
                        p.push(
                            AUDIT_FILE,
                            &item.id,
                            format!("reference {r} does not resolve"),
                        );
                    }
                }
            }
        }
        let count = self.items().count();
        if count < MIN_ITEMS {
            p.push(
                AUDIT_FILE,
                "(file)",
                format!("{count} items; at least {MIN_ITEMS} needed"),
            );
        }
        p.0
    }

    /// Every item, in order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The item and its section.
    pub fn item(&self, id: &str) -> Option<(&Section, &Item)> {
        self.sections
            .iter()
            .find_map(|s| s.items.iter().find(|i| i.id == id).map(|i| (s, i)))
    }
}

/// The built-in checklist, parsed once.
pub fn checklist() -> &'static Checklist {
    static LIST: OnceLock<Checklist> = OnceLock::new();
    LIST.get_or_init(|| {
        Checklist::parse(AUDIT_JSON).unwrap_or_else(|problems| {
            panic!("content/audit.json is invalid (native tests catch this): {problems:?}")
        })
    })
}

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

    pub fn previous(self) -> Self {
        Self(self.0 - 1)
    }
}

/// The DSL's judgement on an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rating {
    Yes,
    Partly,
    No,
    NotSure,
    NotApplicable,
}

impl Rating {
    pub const ALL: [Rating; 5] = [
        Rating::Yes,
        Rating::Partly,
        Rating::No,
        Rating::NotSure,
        Rating::NotApplicable,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Rating::Yes => "Yes",
            Rating::Partly => "Partly",
            Rating::No => "No",
            Rating::NotSure => "Not sure",
            Rating::NotApplicable => "Not applicable",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Rating::Yes => "yes",
            Rating::Partly => "partly",
            Rating::No => "no",
            Rating::NotSure => "not-sure",
            Rating::NotApplicable => "not-applicable",
        }
    }

    /// The RAG colour: Not sure counts as a gap, the same as No.
    pub fn rag(self) -> Rag {
        match self {
            Rating::Yes => Rag::Green,
            Rating::Partly => Rag::Amber,
            Rating::No | Rating::NotSure => Rag::Red,
            Rating::NotApplicable => Rag::NotApplicable,
        }
    }

    /// True for a rating that needs action: Partly, No or Not sure.
    pub fn is_gap(self) -> bool {
        matches!(self.rag(), Rag::Red | Rag::Amber)
    }

    /// Order for year-on-year comparison; `None` for Not applicable.
    fn strength(self) -> Option<u8> {
        match self {
            Rating::Yes => Some(3),
            Rating::Partly => Some(2),
            Rating::NotSure => Some(1),
            Rating::No => Some(0),
            Rating::NotApplicable => None,
        }
    }
}

/// Red, amber or green, or not counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rag {
    Red,
    Amber,
    Green,
    /// Rated Not applicable.
    NotApplicable,
    /// Not rated yet.
    Unanswered,
}

impl Rag {
    pub fn label(self) -> &'static str {
        match self {
            Rag::Red => "Red",
            Rag::Amber => "Amber",
            Rag::Green => "Green",
            Rag::NotApplicable => "Not applicable",
            Rag::Unanswered => "Not answered",
        }
    }
}

/// Where an action stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    #[default]
    NotStarted,
    InProgress,
    Done,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 3] = [
        ActionStatus::NotStarted,
        ActionStatus::InProgress,
        ActionStatus::Done,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "Not started",
            ActionStatus::InProgress => "In progress",
            ActionStatus::Done => "Done",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "not-started",
            ActionStatus::InProgress => "in-progress",
            ActionStatus::Done => "done",
        }
    }
}

/// Something to do about a gap.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub id: String,
    pub what: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
}

impl Action {
    /// Not done and due before today.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status != ActionStatus::Done && self.due.is_some_and(|due| due < today)
    }
}

/// A document that evidences an answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub document: String,
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

/// Yes, no, or not checked yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confirmed {
    #[default]
    NotChecked,
    Yes,
    No,
}

/// One row of the filtering check log.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckRow {
    pub id: String,
    pub date: Option<NaiveDate>,
    pub who: String,
    pub device: String,
    pub location: String,
    pub user_group: String,
    pub tested: String,
    pub result: String,
    pub action: String,
}

/// A decision to block or allow something, with the reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Decision {
    pub id: String,
    pub what: String,
    pub allowed: bool,
    pub reason: String,
}

/// What the DfE standard says a review considers, each with the school's note.
pub const CONSIDERATIONS: [(&str, &str); 8] = [
    (
        "risk-profile",
        "The pupils' risk profile (age, SEND, EAL and other vulnerabilities)",
    ),
    ("blocked-allowed", "What is blocked or allowed, and why"),
    (
        "outside-influences",
        "Safeguarding influences from outside school",
    ),
    ("digital-resilience", "Pupils' digital resilience"),
    (
        "curriculum",
        "Teaching and learning needs, including RSHE and PSHE",
    ),
    (
        "devices",
        "Devices and technology in use, including personal devices and generative AI",
    ),
    ("policies", "Related safeguarding and IT policies"),
    (
        "checks",
        "The checks carried out and what followed from them",
    ),
];

/// The filtering and monitoring review record (DfE standard 2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FilteringReview {
    pub senior_leader: String,
    pub governor: String,
    pub dsl: String,
    pub it_provider: String,
    pub filtering_provider: String,
    pub monitoring_provider: String,
    pub iwf_member: Confirmed,
    pub ctiru_list: Confirmed,
    pub uksic_self_certified: Confirmed,
    /// Notes per consideration id (see `CONSIDERATIONS`).
    pub considerations: BTreeMap<String, String>,
    pub decisions: Vec<Decision>,
    pub checks: Vec<CheckRow>,
    pub reviewed_on: Option<NaiveDate>,
    pub next_review: Option<NaiveDate>,
}

/// Who signed the report off, and when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SignOff {
    pub dsl: String,
    pub dsl_date: Option<NaiveDate>,
    pub governor: String,
    pub governor_date: Option<NaiveDate>,
}

/// Last year's ratings, imported for comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Previous {
    pub year: AcademicYear,
    pub ratings: BTreeMap<String, Rating>,
}

/// One academic year's audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audit {
    pub year: AcademicYear,
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

fn check_audit(at: &str, audit: &Audit) -> Result<(), ImportError> {
    if !(2000..=2100).contains(&audit.year.0) {
        return Err(invalid(
            format!("{at}year"),
            "it is not an academic year between 2000 and 2100",
        ));
    }
    if audit.answers.len() > 1000 {
        return Err(invalid(
            format!("{at}answers"),
            "there are too many answers",
        ));
    }
    for (id, answer) in &audit.answers {
        let here = format!("{at}answers.{id}");
        check_text(&format!("{here}.notes"), &answer.notes, 20_000, true)?;
        check_text(
            &format!("{here}.not_applicable_reason"),
            &answer.not_applicable_reason,
            2_000,
            true,
        )?;
        if answer.evidence.len() > 200 || answer.actions.len() > 200 {
            return Err(invalid(here, "there are too many evidence rows or actions"));
        }
        for (i, e) in answer.evidence.iter().enumerate() {
            check_text(
                &format!("{here}.evidence[{i}].document"),
                &e.document,
                500,
                false,
            )?;
        }
        for (i, a) in answer.actions.iter().enumerate() {
            check_name(&format!("{here}.actions[{i}].id"), &a.id, 100)?;
            check_text(&format!("{here}.actions[{i}].what"), &a.what, 2_000, true)?;
            check_text(&format!("{here}.actions[{i}].owner"), &a.owner, 200, false)?;
        }
    }
    let f = &audit.filtering;
    for (field, text) in [
        ("senior_leader", &f.senior_leader),
        ("governor", &f.governor),
        ("dsl", &f.dsl),
        ("it_provider", &f.it_provider),
        ("filtering_provider", &f.filtering_provider),
        ("monitoring_provider", &f.monitoring_provider),
    ] {
        check_text(&format!("{at}filtering.{field}"), text, 200, false)?;
    }
    for (id, note) in &f.considerations {
        check_text(
            &format!("{at}filtering.considerations.{id}"),
            note,
            20_000,
            true,
        )?;
    }
    if f.checks.len() > 1000 || f.decisions.len() > 1000 {
        return Err(invalid(format!("{at}filtering"), "there are too many rows"));
    }
    for (i, row) in f.checks.iter().enumerate() {
        for (field, text) in [
            ("who", &row.who),
            ("device", &row.device),
            ("location", &row.location),
            ("user_group", &row.user_group),
            ("tested", &row.tested),
            ("result", &row.result),
            ("action", &row.action),
        ] {
            check_text(
                &format!("{at}filtering.checks[{i}].{field}"),
                text,
                2_000,
                true,
            )?;
        }
    }
    for (i, d) in f.decisions.iter().enumerate() {
        check_text(
            &format!("{at}filtering.decisions[{i}].what"),
            &d.what,
            500,
            false,
        )?;
        check_text(
            &format!("{at}filtering.decisions[{i}].reason"),
            &d.reason,
            2_000,
            true,
        )?;
    }
    check_text(
        &format!("{at}sign_off.dsl"),
        &audit.sign_off.dsl,
        200,
        false,
    )?;
    check_text(
        &format!("{at}sign_off.governor"),
        &audit.sign_off.governor,
        200,
        false,
    )?;
    Ok(())
}

impl Versioned for Audit {
    const KIND: Kind = Kind::Audit;
    const SCHEMA_VERSION: u32 = 1;

    fn validate(&self) -> Result<(), ImportError> {
        check_audit("", self)
    }
}

impl Audit {
    /// A fresh audit for a year, with the filtering roles filled from settings.
    pub fn new(year: AcademicYear, now: NaiveDateTime, settings: &SchoolSettings) -> Self {
        Self {
            year,
            started_at: now,
            content_version: checklist().content_version.clone(),
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

    /// This year's audit started from last year's: answers, evidence and unfinished actions
    /// carried over, every rating marked for re-confirmation, the check log and sign-off
    /// cleared, and last year's ratings kept for comparison.
    pub fn carried_from(last: &Audit, year: AcademicYear, now: NaiveDateTime) -> Self {
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
            content_version: checklist().content_version.clone(),
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

    pub fn answer(&self, item: &str) -> Option<&Answer> {
        self.answers.get(item)
    }

    /// The item's RAG (unanswered when there is no answer).
    pub fn rag(&self, item: &str) -> Rag {
        self.answer(item).map_or(Rag::Unanswered, Answer::rag)
    }

    /// Completion and RAG counts for a section.
    pub fn section_summary(&self, section: &Section) -> SectionSummary {
        let mut s = SectionSummary {
            total: section.items.len(),
            ..SectionSummary::default()
        };
        for item in &section.items {
            let answered = self.answer(&item.id).is_some_and(Answer::is_answered);
            if answered {
                s.answered += 1;
            }
            match self.rag(&item.id) {
                Rag::Red => s.red += 1,
                Rag::Amber => s.amber += 1,
                Rag::Green => s.green += 1,
                Rag::NotApplicable => s.not_applicable += 1,
                Rag::Unanswered => {}
            }
        }
        s
    }

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

    /// Items not yet answered (including carried-over ratings not yet confirmed).
    pub fn unanswered<'c>(&self, list: &'c Checklist) -> Vec<&'c Item> {
        list.items()
            .filter(|i| !self.answer(&i.id).is_some_and(Answer::is_answered))
            .collect()
    }

    /// The gaps rated No or Not sure (red), then Partly (amber): the top risks.
    pub fn top_risks<'c>(&self, list: &'c Checklist) -> Vec<(&'c Item, Rating)> {
        let mut risks: Vec<(&Item, Rating)> = list
            .items()
            .filter_map(|i| {
                let a = self.answer(&i.id)?;
                let r = a.rating.filter(|r| r.is_gap() && !a.needs_reconfirming)?;
                Some((i, r))
            })
            .collect();
        risks.sort_by_key(|(_, r)| r.rag());
        risks
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

    /// File name for the exported audit.
    pub fn file_name(&self) -> String {
        format!("online-safety-audit-{}.json", self.year.slug())
    }
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

/// One section's figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SectionSummary {
    pub total: usize,
    pub answered: usize,
    pub red: usize,
    pub amber: usize,
    pub green: usize,
    pub not_applicable: usize,
}

impl SectionSummary {
    /// Whole percent answered.
    pub fn percent(&self) -> usize {
        (self.answered * 100).checked_div(self.total).unwrap_or(0)
    }

    /// The section's overall colour: red if any red, amber if any amber, green when all
    /// rated items are green; unanswered until something is rated.
    pub fn rag(&self) -> Rag {
        if self.red > 0 {
            Rag::Red
        } else if self.amber > 0 {
            Rag::Amber
        } else if self.green > 0 {
            Rag::Green
        } else if self.not_applicable > 0 {
            Rag::NotApplicable
        } else {
            Rag::Unanswered
        }
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

/// A date the policy or the review sets that has passed (or is close).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFlag {
    pub item_id: Option<String>,
    pub message: String,
    pub passed: bool,
}

fn long(date: NaiveDate) -> String {
    super::dates::long(date)
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
            });
        } else if (date - today).num_days() <= 30 {
            flags.push(DateFlag {
                item_id: item.map(str::to_owned),
                message: format!("{what} is due for review by {}.", long(date)),
                passed: false,
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

/// Every audit on this device, one per academic year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditBook {
    pub audits: Vec<Audit>,
}

impl Versioned for AuditBook {
    const KIND: Kind = Kind::Audits;
    const SCHEMA_VERSION: u32 = 1;

    fn validate(&self) -> Result<(), ImportError> {
        let mut years = std::collections::BTreeSet::new();
        for (i, audit) in self.audits.iter().enumerate() {
            if !years.insert(audit.year) {
                return Err(invalid(
                    format!("audits[{i}].year"),
                    "two audits for the same year",
                ));
            }
            check_audit(&format!("audits[{i}]."), audit)?;
        }
        Ok(())
    }
}

impl AuditBook {
    pub fn get(&self, year: AcademicYear) -> Option<&Audit> {
        self.audits.iter().find(|a| a.year == year)
    }

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
    fn the_checklist_loads() {
        assert!(checklist().items().count() >= MIN_ITEMS);
    }

    #[test]
    fn academic_years_turn_in_september() {
        assert_eq!(AcademicYear::containing(d(2026, 8, 31)), AcademicYear(2025));
        assert_eq!(AcademicYear::containing(d(2026, 9, 1)), AcademicYear(2026));
        assert_eq!(AcademicYear(2026).label(), "2026/27");
        assert_eq!(AcademicYear(2099).label(), "2099/00");
    }
}
