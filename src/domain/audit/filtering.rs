//! The filtering and monitoring review record (DfE standard 2): who is responsible, the
//! providers, the considerations, the block/allow decisions and the check log.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::envelope::{check_text, invalid, ImportError};
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

/// A review from a file (`at` is its field path, "filtering" or "audits[0].filtering"):
/// names on one line, notes within bounds, a sane number of rows.
pub(super) fn check_filtering(at: &str, f: &FilteringReview) -> Result<(), ImportError> {
    for (field, text) in [
        ("senior_leader", &f.senior_leader),
        ("governor", &f.governor),
        ("dsl", &f.dsl),
        ("it_provider", &f.it_provider),
        ("filtering_provider", &f.filtering_provider),
        ("monitoring_provider", &f.monitoring_provider),
    ] {
        check_text(&format!("{at}.{field}"), text, 200, false)?;
    }
    for (id, note) in &f.considerations {
        check_text(&format!("{at}.considerations.{id}"), note, 20_000, true)?;
    }
    if f.checks.len() > 1000 || f.decisions.len() > 1000 {
        return Err(invalid(at, "there are too many rows"));
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
            check_text(&format!("{at}.checks[{i}].{field}"), text, 2_000, true)?;
        }
    }
    for (i, d) in f.decisions.iter().enumerate() {
        check_text(&format!("{at}.decisions[{i}].what"), &d.what, 500, false)?;
        check_text(
            &format!("{at}.decisions[{i}].reason"),
            &d.reason,
            2_000,
            true,
        )?;
    }
    Ok(())
}
