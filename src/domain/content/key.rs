//! Answer keys: for each released content version, each module's ordered bank of questions
//! (id, kind, option ids, correct options), its draw size and pass mark. A key is all that is
//! needed to recompute an attempt's seeded draw and re-score its answers, so records taken
//! under an older version can still be checked after the questions change. Keys live in
//! `content/keys/<version>.json` and never change once released.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Course, Module, Question, QuestionKind};
use crate::domain::json;

/// One question as the key records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionKey {
    pub id: String,
    pub kind: QuestionKind,
    /// Option ids in the order the bank lists them.
    pub options: Vec<String>,
    /// The option ids that are right.
    pub correct: Vec<String>,
}

impl QuestionKey {
    /// The key of a question in the bank.
    pub fn of(question: &Question) -> Self {
        Self {
            id: question.id.clone(),
            kind: question.kind,
            options: question.options.iter().map(|o| o.id.clone()).collect(),
            correct: question
                .options
                .iter()
                .filter(|o| o.correct)
                .map(|o| o.id.clone())
                .collect(),
        }
    }
}

/// One module's bank as the key records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleKey {
    pub id: String,
    pub draw: usize,
    pub pass_mark: u8,
    pub bank: Vec<QuestionKey>,
}

impl ModuleKey {
    /// The key of a module of the course.
    pub fn of(course: &Course, module: &Module) -> Self {
        Self {
            id: module.id.clone(),
            draw: module.draw,
            pass_mark: module.pass_mark(&course.info),
            bank: module.questions.iter().map(QuestionKey::of).collect(),
        }
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&QuestionKey> {
        self.bank.iter().find(|q| q.id == id)
    }
}

/// The answer key of one released content version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerKey {
    pub content_version: String,
    pub policy_version: String,
    /// The first day this version could have been used: an attempt dated earlier is
    /// impossible.
    #[serde(with = "crate::domain::dates::text")]
    pub released_on: NaiveDate,
    pub modules: Vec<ModuleKey>,
}

/// Why a key file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct KeyError(String);

impl AnswerKey {
    /// Reads a key file.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        json::from_str(text).map_err(|e| KeyError(e.to_string()))
    }

    /// The key of the course as it is now (its release date is the frozen key's to give).
    pub fn of(course: &Course, modules: &[Module]) -> Self {
        Self {
            content_version: course.info.content_version.clone(),
            policy_version: course.info.policy_version.clone(),
            released_on: NaiveDate::MIN,
            modules: modules.iter().map(|m| ModuleKey::of(course, m)).collect(),
        }
    }

    /// The module with this id.
    pub fn module(&self, id: &str) -> Option<&ModuleKey> {
        self.modules.iter().find(|m| m.id == id)
    }

    /// Whether two keys hold the same version, policy and questions (whatever their release
    /// dates say).
    pub fn same_questions(&self, other: &AnswerKey) -> bool {
        self.content_version == other.content_version
            && self.policy_version == other.policy_version
            && self.modules == other.modules
    }
}

/// The keys of the released versions at hand (borrowed: the app loads each key once).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keys<'a>(Vec<&'a AnswerKey>);

impl<'a> Keys<'a> {
    pub fn new(keys: Vec<&'a AnswerKey>) -> Self {
        Self(keys)
    }

    /// The day a content version was replaced: the release of the version after it (the
    /// keys are in the course's order), `None` for the current one.
    pub fn replaced_on(&self, version: &str) -> Option<chrono::NaiveDate> {
        let at = self.0.iter().position(|k| k.content_version == version)?;
        self.0.get(at + 1).map(|next| next.released_on)
    }

    /// Whether a released version teaches this policy version.
    pub fn knows_policy(&self, policy_version: &str) -> bool {
        self.0.iter().any(|k| k.policy_version == policy_version)
    }

    /// The key of a content version, if it is at hand.
    pub fn get(&self, version: &str) -> Option<&'a AnswerKey> {
        self.0
            .iter()
            .copied()
            .find(|k| k.content_version == version)
    }
}
