//! Checking a quiz attempt against the course it claims: its questions must be exactly the
//! app's seeded draw for its module, seed and content version (from that version's frozen
//! answer key), its dates possible, and its answers must re-score to the score it states.
//! Only a Verified attempt counts, on a person's own dashboard and in the DSL's matrix.
//!
//! What this proves: the attempt is one the app would produce, and its answers pass the
//! course's quiz. What it cannot prove: who answered (the answers ship with the app, so a
//! determined person can make a consistent file). A quiz finished implausibly fast is
//! flagged for the DSL, not refused.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::content::Keys;
use super::quiz::{self, Attempt, Score};

/// Fewer seconds than this per question is flagged as implausibly fast.
pub const FAST_SECONDS_PER_QUESTION: i64 = 5;

/// Why an attempt cannot be checked against the course.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "problem", content = "detail", rename_all = "kebab-case")]
pub enum Problem {
    /// Its content version is not one this app has a key for.
    UnknownVersion(String),
    /// Its policy version is not the one its content version was written for.
    WrongPolicy(String),
    /// Its module is not in its content version.
    UnknownModule(String),
    /// Its questions are not the app's draw for its module and seed.
    NotTheDraw,
    /// Its draw is not the one for its record, id and start (under a version that ties the
    /// draw to them): copied from another record, or its dates moved.
    NotItsOwn,
    /// It was never submitted.
    NotSubmitted,
    /// Its dates cannot all be true.
    ImpossibleDates(DateProblem),
    /// Kept from before the app checked attempts on import (staff records schema 1).
    RecordedUnchecked,
    /// Restored from a backup file, which anyone could have edited: not counted until the
    /// person's record is imported again and checked.
    RestoredFromFile,
    /// Another record holds the same attempt (its id, or its module and draw), or this one
    /// holds it twice: a copy, counted for no one until the DSL removes the record it does
    /// not belong to. Names the other holders.
    Copied(String),
}

impl Problem {
    /// Whether importing the person's record again checks the attempt afresh.
    pub fn awaits_record(&self) -> bool {
        matches!(self, Problem::RecordedUnchecked | Problem::RestoredFromFile)
    }
}

/// Which dates of an attempt cannot be true.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateProblem {
    SubmittedBeforeStarted,
    ExportedBeforeSubmitted,
    InTheFuture,
    BeforeTheVersion,
    /// Started after its course version was replaced by the next.
    AfterTheVersion,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::UnknownVersion(v) => write!(f, "taken under course version {v}, which this app does not know (update the app to check it)"),
            Problem::WrongPolicy(p) => write!(f, "it names the policy \"{p}\", not the one its course version was written for"),
            Problem::UnknownModule(m) => write!(f, "the module \"{m}\" is not in its course version"),
            Problem::NotTheDraw => write!(f, "its questions are not the ones the app draws for this attempt"),
            Problem::NotItsOwn => write!(f, "its questions were drawn for another record or another time: it was copied from someone else's record, or its dates were changed"),
            Problem::NotSubmitted => write!(f, "it was never submitted"),
            Problem::RecordedUnchecked => write!(f, "it was imported before the app checked attempts: import the person's record again"),
            Problem::RestoredFromFile => write!(f, "it was restored from a backup file, which could have been edited: import the person's record again to count it"),
            Problem::Copied(holders) => write!(f, "the same attempt is in {holders}: a copy counts for no one until you remove the record it does not belong to"),
            Problem::ImpossibleDates(d) => write!(f, "{}", match d {
                DateProblem::SubmittedBeforeStarted => "it was submitted before it was started",
                DateProblem::ExportedBeforeSubmitted => "the record was exported before the attempt was submitted",
                DateProblem::InTheFuture => "its dates are in the future",
                DateProblem::BeforeTheVersion => "it is dated before its course version existed",
                DateProblem::AfterTheVersion => "it was started after its course version was replaced, when the app no longer gave those questions",
            }),
        }
    }
}

/// What checking an attempt found.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "kebab-case")]
pub enum Verdict {
    /// The app's draw, possible dates, and the stated score is the re-score.
    Verified,
    /// The app's draw, but the stated score is not what the answers score.
    Altered { stated: u8, actual: u8 },
    /// It cannot be checked against the course.
    Unverifiable(Problem),
}

impl Verdict {
    pub fn is_verified(&self) -> bool {
        matches!(self, Verdict::Verified)
    }

    /// The verdict and its reason, in words.
    pub fn describe(&self) -> String {
        match self {
            // Only what the check shows: not that the person answered it themselves.
            Verdict::Verified => "Consistent with the course".into(),
            Verdict::Altered { stated, actual } => {
                format!("Altered: stated {stated}%, the answers score {actual}%")
            }
            Verdict::Unverifiable(problem) => format!("Unverifiable: {problem}"),
        }
    }
}

/// A submitted attempt once checked: what the matrix and the dashboard count. The DSL keeps
/// these (not the raw answers) for every imported attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub attempt_id: String,
    pub module_id: String,
    pub content_version: String,
    /// The policy the attempt's course version teaches.
    pub policy_version: String,
    #[serde(with = "crate::domain::dates::text")]
    pub started_at: NaiveDateTime,
    #[serde(with = "crate::domain::dates::text")]
    pub submitted_at: NaiveDateTime,
    /// The score its answers earn (`None` when it could not be scored).
    pub score: Option<Score>,
    pub verdict: Verdict,
    /// Finished in under `FAST_SECONDS_PER_QUESTION` seconds a question.
    #[serde(default)]
    pub fast: bool,
    /// The seed of its draw, so a copy given a new id is still found (kept since the matrix
    /// looks for copies; absent in attempts kept before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// The training session's tag it carries (`session::tag`), matched against the DSL's
    /// own sessions whenever the matrix is built.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<u64>,
}

impl Outcome {
    /// A verified pass.
    pub fn is_verified_pass(&self) -> bool {
        self.verdict.is_verified() && self.score.is_some_and(|s| s.passed)
    }
}

/// Checks a submitted attempt of the record `record_id`. `exported_at` is when the record
/// holding it was exported (for a person's own attempts on their device, `None`); `now` is
/// the time of the check.
pub fn check(
    keys: &Keys,
    record_id: &str,
    attempt: &Attempt,
    exported_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Outcome {
    let submitted_at = attempt.submitted_at.unwrap_or(attempt.started_at);
    let mut outcome = Outcome {
        attempt_id: attempt.id.clone(),
        module_id: attempt.module_id.clone(),
        content_version: attempt.content_version.clone(),
        policy_version: attempt.policy_version.clone(),
        started_at: attempt.started_at,
        submitted_at,
        score: None,
        verdict: Verdict::Verified,
        fast: false,
        seed: Some(attempt.seed),
        session: attempt.session,
    };
    match judge(keys, record_id, attempt, exported_at, now) {
        Ok((actual, fast)) => {
            outcome.score = Some(actual);
            outcome.fast = fast;
            if attempt.score != Some(actual) {
                outcome.verdict = Verdict::Altered {
                    stated: attempt.score.map_or(0, |s| s.percent),
                    actual: actual.percent,
                };
            }
        }
        Err(problem) => outcome.verdict = Verdict::Unverifiable(problem),
    }
    outcome
}

/// The re-score and the fast flag of an attempt that can be checked, or why it cannot.
fn judge(
    keys: &Keys,
    record_id: &str,
    attempt: &Attempt,
    exported_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Result<(Score, bool), Problem> {
    let submitted = attempt.submitted_at.ok_or(Problem::NotSubmitted)?;
    let key = keys
        .get(&attempt.content_version)
        .ok_or_else(|| Problem::UnknownVersion(attempt.content_version.clone()))?;
    if attempt.policy_version != key.policy_version {
        return Err(Problem::WrongPolicy(attempt.policy_version.clone()));
    }
    let module = key
        .module(&attempt.module_id)
        .ok_or_else(|| Problem::UnknownModule(attempt.module_id.clone()))?;
    if !quiz::is_draw(module, attempt.seed, &attempt.questions) {
        return Err(Problem::NotTheDraw);
    }
    let dates = |d| Problem::ImpossibleDates(d);
    if submitted < attempt.started_at {
        return Err(dates(DateProblem::SubmittedBeforeStarted));
    }
    if exported_at.is_some_and(|e| e < submitted) {
        return Err(dates(DateProblem::ExportedBeforeSubmitted));
    }
    // A day's grace for clocks and time zones.
    if exported_at.unwrap_or(submitted) > now + Duration::days(1) {
        return Err(dates(DateProblem::InTheFuture));
    }
    if attempt.started_at.date() < key.released_on {
        return Err(dates(DateProblem::BeforeTheVersion));
    }
    // Release dates are days: an attempt started on the day its version was replaced counts.
    if keys
        .replaced_on(&attempt.content_version)
        .is_some_and(|replaced| attempt.started_at.date() > replaced)
    {
        return Err(dates(DateProblem::AfterTheVersion));
    }
    if quiz::seeds_bound(key.released_on)
        && attempt.seed
            != quiz::bound_seed(
                record_id,
                &attempt.id,
                &attempt.module_id,
                attempt.started_at,
            )
    {
        return Err(Problem::NotItsOwn);
    }
    // The draw matched, so every question is in the bank and scoring cannot fail.
    let score = quiz::score(module, attempt).map_err(|_| Problem::NotTheDraw)?;
    let seconds = (submitted - attempt.started_at).num_seconds();
    let fast = seconds < FAST_SECONDS_PER_QUESTION * attempt.questions.len() as i64;
    Ok((score, fast))
}
