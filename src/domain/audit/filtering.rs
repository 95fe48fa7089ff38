//! The filtering and monitoring review record (DfE standard 2): who is responsible, the
//! providers, the considerations, the block/allow decisions and the check log.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::envelope::{invalid, ImportError};
use crate::domain::text::{Rule, Texts};
use crate::domain::vocab::vocabulary;

vocabulary! {
    /// Yes, no, or not checked yet.
    pub enum Confirmed = NotChecked {
        NotChecked = ("not-checked", "Not checked yet"),
        Yes = ("yes", "Yes"),
        No = ("no", "No"),
    }
}

/// One row of the filtering check log.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckRow {
    pub id: String,
    #[serde(default, with = "crate::domain::dates::opt_text")]
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
    #[serde(default, with = "crate::domain::dates::opt_text")]
    pub reviewed_on: Option<NaiveDate>,
    #[serde(default, with = "crate::domain::dates::opt_text")]
    pub next_review: Option<NaiveDate>,
}

/// A review from a file or storage (`at` is its field path, "filtering" or
/// "audits[0].filtering"): names on one line, notes within bounds, a sane number of rows.
pub(super) fn check_filtering(
    texts: &mut Texts,
    at: &str,
    f: &mut FilteringReview,
) -> Result<(), ImportError> {
    for (field, text) in [
        ("senior_leader", &mut f.senior_leader),
        ("governor", &mut f.governor),
        ("dsl", &mut f.dsl),
        ("it_provider", &mut f.it_provider),
        ("filtering_provider", &mut f.filtering_provider),
        ("monitoring_provider", &mut f.monitoring_provider),
    ] {
        texts.text(&format!("{at}.{field}"), text, Rule::LINE)?;
    }
    for (id, note) in &mut f.considerations {
        texts.text(&format!("{at}.considerations.{id}"), note, Rule::NOTE)?;
    }
    if f.checks.len() > 1000 || f.decisions.len() > 1000 {
        return Err(invalid(at, "there are too many rows"));
    }
    for (i, row) in f.checks.iter_mut().enumerate() {
        for (field, text) in [
            ("who", &mut row.who),
            ("device", &mut row.device),
            ("location", &mut row.location),
            ("user_group", &mut row.user_group),
            ("tested", &mut row.tested),
            ("result", &mut row.result),
            ("action", &mut row.action),
        ] {
            texts.text(&format!("{at}.checks[{i}].{field}"), text, Rule::SHORT_NOTE)?;
        }
    }
    for (i, d) in f.decisions.iter_mut().enumerate() {
        texts.text(
            &format!("{at}.decisions[{i}].what"),
            &mut d.what,
            Rule::TITLE,
        )?;
        texts.text(
            &format!("{at}.decisions[{i}].reason"),
            &mut d.reason,
            Rule::SHORT_NOTE,
        )?;
    }
    Ok(())
}
