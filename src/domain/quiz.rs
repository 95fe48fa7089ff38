//! Quiz attempts: a seeded draw of questions with shuffled options, answers by option id,
//! and scoring against a module's answer key. The same seed always gives the same attempt,
//! so an attempt survives a reload and the DSL can redo its draw and re-score it.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::content::{Course, Module, ModuleKey, Question, QuestionKey, QuestionKind};
use super::rng::SeededRng;

/// One drawn question: its id and the order its options are shown in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawnQuestion {
    pub question_id: String,
    pub option_order: Vec<String>,
}

/// The result of a submitted attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub correct: u32,
    pub total: u32,
    /// Whole percent, rounded down.
    pub percent: u8,
    pub pass_mark: u8,
    pub passed: bool,
}

/// One attempt at a module's quiz. Every attempt is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    pub id: String,
    pub module_id: String,
    pub seed: u64,
    pub questions: Vec<DrawnQuestion>,
    /// Chosen option ids per question id, saved as they are chosen.
    #[serde(default)]
    pub answers: BTreeMap<String, Vec<String>>,
    #[serde(with = "crate::domain::dates::text")]
    pub started_at: NaiveDateTime,
    #[serde(default, with = "crate::domain::dates::opt_text")]
    pub submitted_at: Option<NaiveDateTime>,
    /// The score as stated when submitted (the DSL re-scores it on import).
    #[serde(default)]
    pub score: Option<Score>,
    /// The course content and policy the attempt was taken against.
    pub content_version: String,
    pub policy_version: String,
    /// Taken in a training session: the session code's tag (`session::tag`), never the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<u64>,
}

/// Draws `module.draw` questions from the bank in a seeded order, with options shuffled
/// (true/false keeps True before False, which reads naturally).
pub fn draw(module: &ModuleKey, seed: u64) -> Vec<DrawnQuestion> {
    let mut out = Vec::with_capacity(module.draw);
    seeded(module, seed, |q, order| {
        out.push(DrawnQuestion {
            question_id: q.id.clone(),
            option_order: order.iter().map(|&i| q.options[i].clone()).collect(),
        });
        true
    });
    out
}

/// Whether `questions` are exactly `draw(module, seed)`, without building the draw (the DSL
/// checks thousands of attempts at once).
pub fn is_draw(module: &ModuleKey, seed: u64, questions: &[DrawnQuestion]) -> bool {
    if questions.len() != module.draw.min(module.bank.len()) {
        return false;
    }
    let mut next = questions.iter();
    seeded(module, seed, |q, order| {
        next.next().is_some_and(|drawn| {
            drawn.question_id == q.id
                && drawn.option_order.len() == order.len()
                && drawn
                    .option_order
                    .iter()
                    .zip(order)
                    .all(|(id, &i)| *id == q.options[i])
        })
    })
}

/// The seeded draw, question by question: the bank's positions shuffled and cut to the
/// draw, then each question's options shuffled (positions), handed to `visit` until it says
/// stop. Shuffling positions permutes exactly as shuffling the items would.
fn seeded(
    module: &ModuleKey,
    seed: u64,
    mut visit: impl FnMut(&QuestionKey, &[usize]) -> bool,
) -> bool {
    let mut rng = SeededRng::new(seed);
    let mut bank: Vec<usize> = (0..module.bank.len()).collect();
    rng.shuffle(&mut bank);
    bank.truncate(module.draw.min(bank.len()));
    let mut order = Vec::new();
    for i in bank {
        let q = &module.bank[i];
        order.clear();
        order.extend(0..q.options.len());
        if q.kind != QuestionKind::TrueFalse {
            rng.shuffle(&mut order);
        }
        if !visit(q, &order) {
            return false;
        }
    }
    true
}

/// Whether attempts under a version released on `released_on` must draw with [`bound_seed`]
/// (versions from 2026.3, released on 6 December 2026, when the rule began). Attempts under
/// earlier versions keep the seed they were given: the earlier rule.
pub fn seeds_bound(released_on: NaiveDate) -> bool {
    NaiveDate::from_ymd_opt(2026, 12, 6).is_some_and(|from| released_on >= from)
}

/// The seed of an attempt: from the record it belongs to, its own id, its module and the
/// moment it started (to the millisecond), so the same questions and answers copied under
/// another record, or with its dates moved, are not the app's draw. FNV-1a over the four,
/// each ended by a unit separator, then SplitMix64's mixing (`tests/e2e/records.ts` has the
/// same in TypeScript).
pub fn bound_seed(
    record_id: &str,
    attempt_id: &str,
    module_id: &str,
    started_at: NaiveDateTime,
) -> u64 {
    let millis = started_at.and_utc().timestamp_millis();
    mix(&[
        record_id.as_bytes(),
        attempt_id.as_bytes(),
        module_id.as_bytes(),
        &millis.to_le_bytes(),
    ])
}

/// FNV-1a over `parts`, each ended by a unit separator, then SplitMix64's mixing: how a
/// seed (and a session's tag) is made from what it is bound to.
pub fn mix(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.iter().chain(&[0x1f]) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    SeededRng::new(hash).next_u64()
}

/// Starts an attempt at `module` for the record `record_id`, drawn with its bound seed, and
/// tagged with the training session's `code` when one was typed (read by `session::read_code`).
pub fn start(
    course: &Course,
    module: &Module,
    record_id: &str,
    id: String,
    code: Option<&str>,
    now: NaiveDateTime,
) -> Attempt {
    let seed = bound_seed(record_id, &id, &module.id, now);
    let session = code.map(|code| super::session::tag(code, record_id, &id, &module.id, now));
    Attempt {
        id,
        module_id: module.id.clone(),
        seed,
        questions: draw(&ModuleKey::of(course, module), seed),
        answers: BTreeMap::new(),
        started_at: now,
        submitted_at: None,
        score: None,
        content_version: course.info.content_version.clone(),
        policy_version: course.info.policy_version.clone(),
        session,
    }
}

/// Whether the chosen options are exactly the correct set (all-or-nothing for
/// multiple-select; one option for the others).
pub fn is_correct(question: &Question, chosen: &[String]) -> bool {
    same_set(question.correct_ids(), chosen)
}

/// Whether `chosen` (in any order, repeats allowed) is the set `right`. Both are a
/// question's few options, so looking each up is quicker than sorting.
fn same_set(right: Vec<&str>, chosen: &[String]) -> bool {
    chosen.iter().all(|c| right.contains(&c.as_str()))
        && right.iter().all(|r| chosen.iter().any(|c| c == r))
}

/// Whether `correct` out of `total` reaches `pass_mark` percent (exact integer maths:
/// 4 of 5 is 80% and passes an 80% mark; 79.9% does not).
pub fn passes(correct: u32, total: u32, pass_mark: u8) -> bool {
    total > 0 && correct * 100 >= u32::from(pass_mark) * total
}

/// Why an attempt cannot be scored against a module's key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScoreError {
    #[error("question \"{0}\" is not in the module's bank")]
    UnknownQuestion(String),
    #[error("the attempt has no questions")]
    Empty,
}

/// Scores an attempt's answers against the module's key, whatever the attempt says its
/// score was. Unanswered questions count as wrong.
pub fn score(key: &ModuleKey, attempt: &Attempt) -> Result<Score, ScoreError> {
    if attempt.questions.is_empty() {
        return Err(ScoreError::Empty);
    }
    let mut correct = 0;
    for drawn in &attempt.questions {
        let question = key
            .question(&drawn.question_id)
            .ok_or_else(|| ScoreError::UnknownQuestion(drawn.question_id.clone()))?;
        let chosen = attempt
            .answers
            .get(&question.id)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        if same_set(
            question.correct.iter().map(String::as_str).collect(),
            chosen,
        ) {
            correct += 1;
        }
    }
    let total = attempt.questions.len() as u32;
    Ok(Score {
        correct,
        total,
        percent: (correct * 100 / total) as u8,
        pass_mark: key.pass_mark,
        passed: passes(correct, total, key.pass_mark),
    })
}

impl Attempt {
    pub fn is_submitted(&self) -> bool {
        self.submitted_at.is_some()
    }

    /// Records a choice: a single answer replaces, a multiple-select toggles.
    pub fn choose(&mut self, question: &Question, option_id: &str) {
        let chosen = self.answers.entry(question.id.clone()).or_default();
        if question.kind == QuestionKind::Multiple {
            if let Some(at) = chosen.iter().position(|c| c == option_id) {
                chosen.remove(at);
            } else {
                chosen.push(option_id.to_owned());
            }
        } else {
            *chosen = vec![option_id.to_owned()];
        }
    }

    /// How many drawn questions have an answer.
    pub fn answered(&self) -> usize {
        self.questions
            .iter()
            .filter(|q| {
                self.answers
                    .get(&q.question_id)
                    .is_some_and(|a| !a.is_empty())
            })
            .count()
    }

    /// Scores and closes the attempt.
    pub fn submit(&mut self, key: &ModuleKey, now: NaiveDateTime) -> Result<Score, ScoreError> {
        let score = score(key, self)?;
        self.submitted_at = Some(now);
        self.score = Some(score);
        Ok(score)
    }
}
