//! The audit checklist as data (content/audit.json, fetched by the DSL's pages): sections
//! of items, each with guidance, sources and an optional automatic check. Checked when read.

use serde::{Deserialize, Serialize};

use crate::domain::content::{ContentError, Problems};
use crate::domain::json;
use crate::domain::sources::{Reference, Source};

const AUDIT_FILE: &str = "audit.json";

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
    /// Parses and validates checklist JSON; references must resolve to the policy or one of
    /// `sources`.
    pub fn parse(text: &str, sources: &[Source]) -> Result<Self, Vec<ContentError>> {
        let list: Checklist = json::from_str(text).map_err(|e| {
            vec![ContentError {
                file: AUDIT_FILE.into(),
                item: "(file)".into(),
                problem: e.to_string(),
            }]
        })?;
        let problems = list.problems(sources);
        if problems.is_empty() {
            Ok(list)
        } else {
            Err(problems)
        }
    }

    fn problems(&self, sources: &[Source]) -> Vec<ContentError> {
        let mut p = Problems::default();
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
                    if !Reference::parse(r).is_some_and(|r| r.resolves(sources)) {
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

    /// The section with this id.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checklist_loads() {
        let sources =
            crate::domain::sources::parse(include_str!("../../../content/sources.json")).unwrap();
        let list = Checklist::parse(include_str!("../../../content/audit.json"), &sources).unwrap();
        assert!(list.items().count() >= MIN_ITEMS);
    }
}
