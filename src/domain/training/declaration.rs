//! The dated "I have read and understood" declaration a person makes at the end of the
//! course: the policy as the content names it (version and date) and, for the roles the
//! content asks, their KCSIE reading. A record keeps every declaration made, one per policy
//! version, never overwritten; a new policy version asks for a new one.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::Person;
use crate::domain::content::{CourseInfo, Keys};
use crate::domain::dates::long;
use crate::domain::envelope::{invalid, ImportError};
use crate::domain::standing::Standing;
use crate::domain::text::{Rule, Texts};

/// One declaration: what was declared read, and when.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Declaration {
    /// The policy, as the content names it with its date ("Social Media Policy v3, October 2023").
    pub policy_version: String,
    /// The KCSIE reading, as the content words it for the person's role; `None` for a role
    /// the content asks for none (governors, volunteers).
    pub kcsie: Option<String>,
    #[serde(with = "crate::domain::dates::text")]
    pub declared_at: NaiveDateTime,
}

impl Declaration {
    /// What a KCSIE reading holds.
    pub const KCSIE: Rule = Rule::TITLE;
    /// The most declarations a record keeps (one per policy version the school adopts).
    pub const MAX: usize = 100;

    /// What `person` declares under the content `info`, at `now`.
    pub fn new(info: &CourseInfo, person: &Person, now: NaiveDateTime) -> Self {
        Self {
            policy_version: info.policy_version.clone(),
            kcsie: info.kcsie_for(person.role).map(str::to_owned),
            declared_at: now,
        }
    }
}

/// Where a person stands with the declaration of the policy the content names now.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Declared {
    Not,
    /// Declared for the current policy, on this day (the latest such).
    Current {
        on: NaiveDate,
    },
    /// The latest declaration names an earlier policy: to be made again.
    OutOfDate {
        on: NaiveDate,
        policy: String,
    },
}

impl Declared {
    /// Where `declarations` stand against the policy `info` names.
    pub fn of(info: &CourseInfo, declarations: &[Declaration]) -> Self {
        let latest = |current: bool| {
            declarations
                .iter()
                .filter(|d| (d.policy_version == info.policy_version) == current)
                .max_by_key(|d| d.declared_at)
        };
        match (latest(true), latest(false)) {
            (Some(d), _) => Declared::Current {
                on: d.declared_at.date(),
            },
            (None, Some(d)) => Declared::OutOfDate {
                on: d.declared_at.date(),
                policy: d.policy_version.clone(),
            },
            (None, None) => Declared::Not,
        }
    }

    /// How it reads in the matrix and the CSV.
    pub fn label(&self) -> String {
        match self {
            Declared::Not => "Not declared".into(),
            Declared::Current { on } => format!("Declared on {}", long(*on)),
            Declared::OutOfDate { on, policy } => {
                format!("Out of date: declared on {} for {policy}", long(*on))
            }
        }
    }

    pub fn standing(&self) -> Standing {
        match self {
            Declared::Not => Standing::Grey,
            Declared::Current { .. } => Standing::Green,
            Declared::OutOfDate { .. } => Standing::Amber,
        }
    }
}

/// Declarations from a file or storage: a sane number, each text within its rule.
pub(crate) fn check_declarations(
    texts: &mut Texts,
    at: &str,
    declarations: &mut [Declaration],
) -> Result<(), ImportError> {
    if declarations.len() > Declaration::MAX {
        return Err(invalid(at, "there are more than 100 declarations"));
    }
    for (i, d) in declarations.iter_mut().enumerate() {
        let here = format!("{at}[{i}]");
        texts.text(
            &format!("{here}.policy_version"),
            &mut d.policy_version,
            Rule::VERSION,
        )?;
        if let Some(kcsie) = &mut d.kcsie {
            texts.text(&format!("{here}.kcsie"), kcsie, Declaration::KCSIE)?;
        }
    }
    Ok(())
}

/// Whether a record's declarations are possible, as the DSL imports it: each names a policy
/// a released version of the course teaches, and none is dated after the export or beyond
/// the day's grace the attempt checks give clocks and time zones.
pub(crate) fn check_declared(
    keys: &Keys,
    declarations: &[Declaration],
    exported_at: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<(), ImportError> {
    for (i, d) in declarations.iter().enumerate() {
        let at = format!("declarations[{i}]");
        if !keys.knows_policy(&d.policy_version) {
            return Err(invalid(
                format!("{at}.policy_version"),
                format!(
                    "it names \"{}\", a policy version the course has never taught",
                    d.policy_version
                ),
            ));
        }
        if d.declared_at > now + Duration::days(1) {
            return Err(invalid(format!("{at}.declared_at"), "it is in the future"));
        }
        if d.declared_at > exported_at {
            return Err(invalid(
                format!("{at}.declared_at"),
                "it is after the record was exported",
            ));
        }
    }
    Ok(())
}

/// Adds the declarations of `incoming` not yet in `held`, each in date order (placed, not
/// sorted: a sort is code the wasm carries for each type it sorts): none is ever lost.
pub(crate) fn join_declarations(held: &mut Vec<Declaration>, incoming: &[Declaration]) {
    for d in incoming {
        if !held.contains(d) {
            let at = held.partition_point(|h| h.declared_at <= d.declared_at);
            held.insert(at, d.clone());
        }
    }
}
