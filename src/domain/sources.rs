//! Named sources other than the policy itself (KCSIE, the DfE standards, ...), shared by
//! the course and the audit (`content/sources.json`). A reference is written
//! `policy:<anchor>` or `source:<id>`.

use serde::Deserialize;

use super::{json, policy};

/// One external source a module or audit item can cite.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Source {
    pub id: String,
    /// Short label shown beside a claim, e.g. "KCSIE".
    pub short: String,
    /// Full title for the reference list.
    pub title: String,
    /// What a reader should know about the source's currency, e.g. when to check for a new
    /// edition.
    #[serde(default)]
    pub note: String,
}

/// Reads `sources.json`: every named source, in order, each id once.
pub fn parse(text: &str) -> Result<Vec<Source>, String> {
    let sources: Vec<Source> = json::from_str(text).map_err(|e| e.to_string())?;
    let mut ids = super::content::Distinct::default();
    if let Some(twice) = sources.iter().find(|s| !ids.insert(s.id.as_str())) {
        return Err(format!("the source id \"{}\" appears twice", twice.id));
    }
    Ok(sources)
}

/// A parsed citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    /// A section of the school's policy, by its anchor on the policy page.
    Policy(String),
    /// A named source from `content/sources.json`.
    Source(String),
}

impl Reference {
    /// Parses `policy:section-b` or `source:kcsie`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        match text.split_once(':')? {
            ("policy", anchor) if !anchor.is_empty() => Some(Self::Policy(anchor.to_owned())),
            ("source", id) if !id.is_empty() => Some(Self::Source(id.to_owned())),
            _ => None,
        }
    }

    /// True when the anchor or source id exists.
    pub fn resolves(&self, sources: &[Source]) -> bool {
        match self {
            Self::Policy(anchor) => policy::short_name(anchor).is_some(),
            Self::Source(id) => sources.iter().any(|s| &s.id == id),
        }
    }

    /// A short human label: "Policy, section B" or "KCSIE".
    pub fn label(&self, sources: &[Source]) -> String {
        match self {
            Self::Policy(anchor) => policy::short_name(anchor)
                .map(|short| format!("Policy: {short}"))
                .unwrap_or_else(|| format!("Policy: {anchor}")),
            Self::Source(id) => sources
                .iter()
                .find(|s| &s.id == id)
                .map(|s| s.short.clone())
                .unwrap_or_else(|| id.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Vec<Source> {
        parse(include_str!("../../content/sources.json")).unwrap()
    }

    #[test]
    fn sources_load_with_unique_ids() {
        let sources = all();
        assert!(sources.len() >= 5);
        let mut ids: Vec<_> = sources.iter().map(|s| s.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), sources.len());
    }

    #[test]
    fn a_source_id_given_twice_is_refused() {
        let text = include_str!("../../content/sources.json");
        let mut twice: Vec<serde_json::Value> = serde_json::from_str(text).unwrap();
        twice.push(twice[1].clone());
        let id = twice[1]["id"].as_str().unwrap().to_owned();
        assert_eq!(
            parse(&serde_json::to_string(&twice).unwrap()),
            Err(format!("the source id \"{id}\" appears twice"))
        );
    }

    #[test]
    fn references_parse_and_resolve() {
        let sources = all();
        let b = Reference::parse("policy:section-b").unwrap();
        assert!(b.resolves(&sources));
        // Where it links is the app's business (routes.rs); the e2e checks the href.
        assert_eq!(b, Reference::Policy("section-b".into()));
        assert!(Reference::parse("source:kcsie").unwrap().resolves(&sources));
        assert!(!Reference::parse("policy:section-z")
            .unwrap()
            .resolves(&sources));
        assert!(!Reference::parse("source:nope").unwrap().resolves(&sources));
        assert_eq!(Reference::parse("kcsie"), None);
        assert_eq!(Reference::parse("policy:"), None);
    }
}
