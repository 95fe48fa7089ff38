//! A trust's view of its schools, built from files: each school's DSL exports a summary of
//! its audit (a [`SchoolSummary`], its own envelope kind), and the trust's lead opens many
//! of them side by side. No server and nothing stored: the summaries are held for the page.
//!
//! - this file: the summary kind, what it holds (counts and the audit's ratings; never a
//!   staff member's name, record id or email), how it is made from an audit, and its checks;
//! - `schools.rs`: many summaries at once: one row per school and year (the newest file
//!   replaces an older one, saying so), staleness, sorting, the item across schools, the
//!   common gaps ranked, and the combined table as CSV.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::audit::{
    date_flags, next_review_after, AcademicYear, Audit, Checklist, Rag, Rating, SectionSummary,
};
use super::content::Role;
use super::envelope::{invalid, ImportError, Kind, Versioned};
use super::settings::SchoolSettings;
use super::staff::roster::{self, ListCoverage, ListRow};
use super::staff::{self, Coverage, Row};
use super::text::{Rule, Texts};
use super::training::file_slug;

mod schools;

pub use schools::{
    common_gaps, is_stale, on_item, to_csv, Added, Column, Gap, Held, Picture, SchoolRow, Trust,
    STALE_AFTER_MONTHS,
};

/// One school's statement of where its online safety stands, for its trust: made by the
/// DSL on the governors' report page, read by the trust view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolSummary {
    pub school: String,
    pub year: AcademicYear,
    /// The day the DSL made it.
    #[serde(with = "crate::domain::dates::text")]
    pub prepared_on: NaiveDate,
    /// The checklist's version the ratings answer.
    pub content_version: String,
    pub sections: Vec<SectionRatings>,
    pub filtering: FilteringDates,
    /// Actions not done and past their due date.
    pub overdue_actions: Vec<OverdueAction>,
    /// Review dates (the policy, the code of conduct, filtering) that have passed.
    pub overdue_reviews: Vec<OverdueReview>,
    /// Staff training coverage, as counts; `None` when nothing has been imported.
    pub coverage: Option<CoverageFigures>,
}

/// A section's ratings, item by item, in the checklist's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionRatings {
    pub id: String,
    pub title: String,
    pub items: Vec<ItemRating>,
}

/// One item and its confirmed rating (`None`: not answered, or carried over and not yet
/// confirmed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRating {
    pub id: String,
    /// The question as the school's audit asks it.
    pub question: String,
    pub rating: Option<Rating>,
}

/// When the filtering and monitoring review was done and is next due.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilteringDates {
    #[serde(default, with = "crate::domain::dates::opt_text")]
    pub reviewed_on: Option<NaiveDate>,
    #[serde(default, with = "crate::domain::dates::opt_text")]
    pub next_review: Option<NaiveDate>,
}

impl FilteringDates {
    /// Whether the review is in date on `today`: its next date has not passed (or, with no
    /// next date set, it was done within the year the DfE standard allows).
    pub fn in_date(&self, today: NaiveDate) -> bool {
        match (self.reviewed_on, self.next_review) {
            (_, Some(next)) => next >= today,
            (Some(on), None) => next_review_after(on) >= today,
            (None, None) => false,
        }
    }
}

/// An action past its due date: what, who owns it (as the audit names the role holder) and
/// when it was due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueAction {
    /// The audit item it answers.
    pub item: String,
    pub what: String,
    pub owner: String,
    #[serde(with = "crate::domain::dates::text")]
    pub due: NaiveDate,
}

/// A review date that has passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueReview {
    pub what: String,
    #[serde(with = "crate::domain::dates::text")]
    pub due: NaiveDate,
}

/// Staff training coverage in counts: over the staff list when the school keeps one, or
/// over the records imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageFigures {
    /// True: counted over the staff list (everyone who must be trained); false: over the
    /// training records imported.
    pub over_list: bool,
    /// People who must be trained (or, without a list, people with a record).
    pub people: usize,
    pub trained: usize,
    pub due_soon: usize,
    pub overdue: usize,
    pub by_role: Vec<RoleFigures>,
}

/// One role's coverage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleFigures {
    pub role: Role,
    pub people: usize,
    pub trained: usize,
}

impl CoverageFigures {
    /// The figures over the staff list.
    pub fn from_list(c: &ListCoverage) -> Self {
        Self {
            over_list: true,
            people: c.must_train,
            trained: c.trained,
            due_soon: c.due_soon,
            overdue: c.overdue,
            by_role: c
                .by_role
                .iter()
                .map(|r| RoleFigures {
                    role: r.role,
                    people: r.must_train,
                    trained: r.trained,
                })
                .collect(),
        }
    }

    /// The figures over the records imported (no staff list).
    pub fn from_records(c: &Coverage) -> Self {
        Self {
            over_list: false,
            people: c.people,
            trained: c.trained,
            due_soon: c.due_soon,
            overdue: c.overdue,
            by_role: c
                .by_role
                .iter()
                .map(|&(role, people, trained, _)| RoleFigures {
                    role,
                    people,
                    trained,
                })
                .collect(),
        }
    }

    /// The figures the governors' report gives: over the staff list when the school keeps
    /// one, else over the records imported; `None` when there is neither.
    pub fn of_staff(list: &[ListRow], records: &[Row]) -> Option<Self> {
        if !list.is_empty() {
            Some(Self::from_list(&roster::coverage(list)))
        } else if !records.is_empty() {
            Some(Self::from_records(&staff::coverage(records)))
        } else {
            None
        }
    }

    /// Whole percent trained.
    pub fn percent(&self) -> usize {
        (self.trained * 100).checked_div(self.people).unwrap_or(0)
    }

    /// Who the people counted are, after "12 of 40": "on the staff list" or "with records".
    pub fn basis(&self) -> &'static str {
        if self.over_list {
            "on the staff list"
        } else {
            "with records"
        }
    }
}

impl SchoolSummary {
    /// The summary of `audit` on `today`: the ratings as confirmed, the questions as the
    /// school's settings fill them, the overdue actions and review dates, and the coverage
    /// figures given (counts only: the caller passes no person).
    pub fn of(
        audit: &Audit,
        list: &Checklist,
        settings: &SchoolSettings,
        coverage: Option<CoverageFigures>,
        today: NaiveDate,
    ) -> Self {
        let sections = list
            .sections
            .iter()
            .map(|s| SectionRatings {
                id: s.id.clone(),
                title: s.title.clone(),
                items: s
                    .items
                    .iter()
                    .map(|i| ItemRating {
                        id: i.id.clone(),
                        question: settings.fill(&i.question),
                        rating: audit
                            .answer(&i.id)
                            .and_then(|a| a.rating.filter(|_| !a.needs_reconfirming)),
                    })
                    .collect(),
            })
            .collect();
        let overdue_actions = audit
            .action_plan(list, today)
            .into_iter()
            .filter(|p| p.overdue)
            .filter_map(|p| {
                Some(OverdueAction {
                    due: p.action.due?,
                    item: p.item_id,
                    what: p.action.what,
                    owner: p.action.owner,
                })
            })
            .collect();
        let overdue_reviews = date_flags(settings, audit, today)
            .into_iter()
            .filter(|f| f.passed)
            .filter_map(|f| {
                Some(OverdueReview {
                    due: f.due?,
                    what: f.what,
                })
            })
            .collect();
        Self {
            school: settings.school_name.clone(),
            year: audit.year,
            prepared_on: today,
            content_version: audit.content_version.clone(),
            sections,
            filtering: FilteringDates {
                reviewed_on: audit.filtering.reviewed_on,
                next_review: audit.filtering.next_review,
            },
            overdue_actions,
            overdue_reviews,
            coverage,
        }
    }

    /// A file name such as `online-safety-summary-west-kirby-primary-school-2026-27.json`.
    pub fn file_name(&self) -> String {
        let slug = file_slug(&self.school);
        format!("online-safety-summary-{slug}-{}.json", self.year.slug())
    }

    /// Every item, with its section's title.
    pub fn items(&self) -> impl Iterator<Item = (&SectionRatings, &ItemRating)> {
        self.sections
            .iter()
            .flat_map(|s| s.items.iter().map(move |i| (s, i)))
    }

    /// The figures of one section, as the audit's chart counts them.
    pub fn section_figures(section: &SectionRatings) -> SectionSummary {
        let mut s = SectionSummary {
            total: section.items.len(),
            ..SectionSummary::default()
        };
        for item in &section.items {
            let Some(rating) = item.rating else { continue };
            s.answered += 1;
            match rating.rag() {
                Rag::Red => s.red += 1,
                Rag::Amber => s.amber += 1,
                Rag::Green => s.green += 1,
                _ => s.not_applicable += 1,
            }
        }
        s
    }

    /// The whole audit's figures.
    pub fn figures(&self) -> SectionSummary {
        self.sections.iter().map(Self::section_figures).sum()
    }

    /// The item's RAG in this school's audit (`None`: the summary does not hold the item).
    pub fn rag(&self, item: &str) -> Option<Rag> {
        self.items()
            .find(|(_, i)| i.id == item)
            .map(|(_, i)| i.rating.map_or(Rag::Unanswered, Rating::rag))
    }
}

/// The most sections, items, actions, reviews or roles a summary holds: far above any
/// checklist, and a bound on what a hostile file can ask the page to draw.
const MAX_ENTRIES: usize = 1_000;

fn bounded<T>(list: &[T], field: &str) -> Result<(), ImportError> {
    if list.len() > MAX_ENTRIES {
        return Err(invalid(
            field,
            "it holds more entries than any summary the app writes",
        ));
    }
    Ok(())
}

impl Versioned for SchoolSummary {
    const KIND: Kind = Kind::SchoolSummary;
    const SCHEMA_VERSION: u32 = 1;

    fn check(&mut self, texts: &mut Texts) -> Result<(), ImportError> {
        texts.text("school", &mut self.school, Rule::NAME)?;
        if !(2000..=2100).contains(&self.year.0) {
            return Err(invalid(
                "year",
                "it is not an academic year between 2000 and 2100",
            ));
        }
        // Made during the audit's year or after it (from the summer before, when a DSL
        // starts early), never years before it.
        let earliest = NaiveDate::from_ymd_opt(self.year.0, 1, 1).unwrap_or(NaiveDate::MIN);
        if self.prepared_on < earliest || self.prepared_on.year() > 2101 {
            return Err(invalid(
                "prepared_on",
                "it is not a date during or after the audit's year",
            ));
        }
        texts.text("content_version", &mut self.content_version, Rule::VERSION)?;
        if let (Some(on), Some(next)) = (self.filtering.reviewed_on, self.filtering.next_review) {
            if next < on {
                return Err(invalid(
                    "filtering.next_review",
                    "it is before the review it follows",
                ));
            }
        }
        bounded(&self.sections, "sections")?;
        for (i, s) in self.sections.iter_mut().enumerate() {
            let at = format!("sections[{i}]");
            texts.text(&format!("{at}.id"), &mut s.id, Rule::ID)?;
            texts.text(&format!("{at}.title"), &mut s.title, Rule::TITLE)?;
            bounded(&s.items, &format!("{at}.items"))?;
            for (j, item) in s.items.iter_mut().enumerate() {
                texts.text(&format!("{at}.items[{j}].id"), &mut item.id, Rule::ID)?;
                texts.text(
                    &format!("{at}.items[{j}].question"),
                    &mut item.question,
                    Rule::TITLE,
                )?;
            }
        }
        bounded(&self.overdue_actions, "overdue_actions")?;
        for (i, a) in self.overdue_actions.iter_mut().enumerate() {
            let at = format!("overdue_actions[{i}]");
            texts.text(&format!("{at}.item"), &mut a.item, Rule::ID)?;
            texts.text(&format!("{at}.what"), &mut a.what, Rule::SHORT_NOTE)?;
            texts.text(&format!("{at}.owner"), &mut a.owner, Rule::LINE)?;
        }
        bounded(&self.overdue_reviews, "overdue_reviews")?;
        for (i, r) in self.overdue_reviews.iter_mut().enumerate() {
            texts.text(
                &format!("overdue_reviews[{i}].what"),
                &mut r.what,
                Rule::TITLE,
            )?;
        }
        if let Some(c) = &self.coverage {
            if c.trained > c.people || c.due_soon > c.people || c.overdue > c.people {
                return Err(invalid(
                    "coverage",
                    "it counts more people trained, due or overdue than it counts in all",
                ));
            }
            bounded(&c.by_role, "coverage.by_role")?;
            if let Some(i) = c.by_role.iter().position(|r| r.trained > r.people) {
                return Err(invalid(
                    format!("coverage.by_role[{i}]"),
                    "it counts more people trained than in the role",
                ));
            }
        }
        Ok(())
    }
}
