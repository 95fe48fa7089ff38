//! The course as data, in `content/` and fetched by the app from its own origin:
//! `course.json` is the course's facts and its table of contents (each module's title,
//! audience, draw and section titles: all a dashboard needs), and `modules/<id>.json` holds
//! a module's text and question bank, loaded when the module is opened. `Course::parse` and
//! `Module::parse` read and check one file each, reporting every problem with the file, the
//! item and the problem; `check` checks a whole content folder (the validator and the tests).
//! The rules themselves are in `validate.rs`, the answer keys in `key.rs`, the whole-folder
//! check in `whole.rs` and reading a folder from disk (native only) in `folder.rs`.

use serde::{Deserialize, Serialize};

use super::json;
use super::vocab::vocabulary;

#[cfg(not(target_arch = "wasm32"))]
pub mod folder;
mod key;
mod validate;
mod whole;

pub use key::{AnswerKey, KeyError, Keys, ModuleKey, QuestionKey};
pub(crate) use validate::{Distinct, Problems};
pub use validate::{
    MIN_BANK, MIN_DRAW, MIN_KEY_POINTS, MIN_MODULES, MIN_OBJECTIVES, MIN_QUESTIONS, MIN_SCENARIOS,
    MIN_SECTIONS,
};
pub use whole::{check, Content, ContentFiles};

vocabulary! {
    /// Staff roles. The role decides which modules a person must take.
    pub enum Role {
        Teaching = ("teaching", "Teaching staff"),
        Support = ("support", "Support staff"),
        Governor = ("governor", "Governor"),
        Volunteer = ("volunteer", "Volunteer or parent helper"),
        Dsl = ("dsl", "DSL or deputy DSL"),
        Other = ("other", "Other"),
    }
}

/// A run of text with the references that support it. Either `text` (a paragraph) or
/// `items` (a bullet list), or both (a lead-in then a list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub items: Vec<String>,
    pub refs: Vec<String>,
}

/// A readable section of a module: its title from the course's contents, its text from the
/// module's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// A section as the course's contents list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionHead {
    pub id: String,
    pub title: String,
}

/// A section as the module's file holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionText {
    pub id: String,
    pub blocks: Vec<Block>,
}

/// A realistic situation and what the policy expects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub title: String,
    pub situation: String,
    pub response: String,
    pub refs: Vec<String>,
}

/// Kinds of question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionKind {
    /// One right option.
    Single,
    /// One or more right options; all-or-nothing unless the question allows partial credit.
    Multiple,
    /// Exactly two options, "True" and "False".
    TrueFalse,
    /// A situation, then one right option.
    Scenario,
}

/// One answer option with feedback for choosing it (or not).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    /// Stable within the question ("a", "b", ...): answers are stored by option id.
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub correct: bool,
    /// Why this option is right or wrong: one thing to learn, whichever was chosen.
    pub feedback: String,
    /// Where the feedback's point comes from (the policy or a named source).
    pub refs: Vec<String>,
}

/// One question in a module's bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Unique across the course.
    pub id: String,
    pub kind: QuestionKind,
    /// The situation, for scenario questions.
    #[serde(default)]
    pub situation: String,
    pub prompt: String,
    pub options: Vec<AnswerOption>,
    pub refs: Vec<String>,
}

impl Question {
    /// Ids of the correct options.
    pub fn correct_ids(&self) -> Vec<&str> {
        self.options
            .iter()
            .filter(|o| o.correct)
            .map(|o| o.id.as_str())
            .collect()
    }
}

/// Who must take a module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    /// Everyone, whatever their role.
    All,
    /// Only these roles.
    Roles(Vec<Role>),
}

impl Audience {
    /// Whether someone in this role must take the module.
    pub fn includes(&self, role: Role) -> bool {
        match self {
            Audience::All => true,
            Audience::Roles(roles) => roles.contains(&role),
        }
    }
}

/// A training module as the course's contents describe it: all the dashboard, the matrix
/// and the rules of status and expiry need, without its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleHead {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Estimated reading time in minutes.
    pub minutes: u32,
    pub audience: Audience,
    /// Whether the annual refresher includes this module.
    pub refresher: bool,
    /// How many questions one attempt draws from the bank.
    pub draw: usize,
    /// Pass mark in percent; the course default when absent.
    #[serde(default)]
    pub pass_mark: Option<u8>,
    /// The sections in reading order.
    pub sections: Vec<SectionHead>,
}

impl ModuleHead {
    /// This module's pass mark in percent.
    pub fn pass_mark(&self, info: &CourseInfo) -> u8 {
        self.pass_mark.unwrap_or(info.pass_mark)
    }

    /// Where its text and questions are, under the content folder.
    pub fn file(&self) -> String {
        format!("modules/{}.json", self.id)
    }
}

/// A module's file: everything but what the contents already say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModuleFile {
    id: String,
    objectives: Vec<String>,
    sections: Vec<SectionText>,
    key_points: Vec<Block>,
    scenarios: Vec<Scenario>,
    questions: Vec<Question>,
}

/// A whole training module: its head from the contents and its text and questions. It reads
/// as its head too (`module.title`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    pub head: ModuleHead,
    pub objectives: Vec<String>,
    pub sections: Vec<Section>,
    pub key_points: Vec<Block>,
    pub scenarios: Vec<Scenario>,
    pub questions: Vec<Question>,
}

impl std::ops::Deref for Module {
    type Target = ModuleHead;

    fn deref(&self) -> &ModuleHead {
        &self.head
    }
}

/// Course-wide facts from `content/course.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseInfo {
    pub title: String,
    /// Changes whenever the course text or questions change.
    pub content_version: String,
    /// The policy version the course reflects, e.g. "Social Media Policy v3, October 2023".
    pub policy_version: String,
    /// Default pass mark in percent.
    pub pass_mark: u8,
    /// How long a completion stays valid, in months.
    pub valid_months: u32,
    /// How many days before expiry the dashboard warns.
    pub warn_days: u32,
    /// What each role declares it has read of KCSIE at the end of the course (staff only).
    pub kcsie_reading: Vec<Reading>,
}

/// The part of KCSIE the school asks some roles to read, as they declare it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    pub roles: Vec<Role>,
    /// "Part one of Keeping Children Safe in Education (the edition in force)".
    pub kcsie: String,
}

impl CourseInfo {
    /// What someone in `role` declares they have read of KCSIE, if anything.
    pub fn kcsie_for(&self, role: Role) -> Option<&str> {
        self.kcsie_reading
            .iter()
            .find(|r| r.roles.contains(&role))
            .map(|r| r.kcsie.as_str())
    }
}

/// The course: its facts, every released version (each with a frozen answer key), and its
/// modules' heads, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Course {
    pub info: CourseInfo,
    /// Every released content version, oldest first; `keys/<version>.json` holds each key.
    pub versions: Vec<String>,
    pub modules: Vec<ModuleHead>,
}

/// `course.json` as written: the facts, then the contents.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CourseFile {
    title: String,
    content_version: String,
    policy_version: String,
    pass_mark: u8,
    valid_months: u32,
    warn_days: u32,
    kcsie_reading: Vec<Reading>,
    versions: Vec<String>,
    modules: Vec<ModuleHead>,
}

impl Course {
    /// The module with this id.
    pub fn module(&self, id: &str) -> Option<&ModuleHead> {
        self.modules.iter().find(|m| m.id == id)
    }

    /// The modules a role must take, in course order.
    pub fn required_for(&self, role: Role) -> impl Iterator<Item = &ModuleHead> {
        self.modules
            .iter()
            .filter(move |m| m.audience.includes(role))
    }

    /// Reads and checks `course.json` (named `file` in problems).
    pub fn parse(file: &str, text: &str) -> Result<Course, Vec<ContentError>> {
        let parsed: CourseFile = json::from_str(text)
            .map_err(|e| vec![ContentError::new(file, "course", e.to_string())])?;
        let course = Course {
            info: CourseInfo {
                title: parsed.title,
                content_version: parsed.content_version,
                policy_version: parsed.policy_version,
                pass_mark: parsed.pass_mark,
                valid_months: parsed.valid_months,
                warn_days: parsed.warn_days,
                kcsie_reading: parsed.kcsie_reading,
            },
            versions: parsed.versions,
            modules: parsed.modules,
        };
        let problems = validate::course(file, &course);
        if problems.is_empty() {
            Ok(course)
        } else {
            Err(problems)
        }
    }
}

impl Module {
    /// Reads a module's file (named `file` in problems) against its head in the contents,
    /// and checks it; references must resolve to the policy or one of `sources`.
    pub fn parse(
        head: &ModuleHead,
        file: &str,
        text: &str,
        sources: &[crate::domain::sources::Source],
    ) -> Result<Module, Vec<ContentError>> {
        let parsed: ModuleFile = json::from_str(text)
            .map_err(|e| vec![ContentError::new(file, &head.id, e.to_string())])?;
        let ids = |s: &[SectionText]| s.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
        if parsed.id != head.id {
            return Err(vec![ContentError::new(
                file,
                &head.id,
                format!(
                    "the file is for module \"{}\", not \"{}\"",
                    parsed.id, head.id
                ),
            )]);
        }
        let listed: Vec<String> = head.sections.iter().map(|s| s.id.clone()).collect();
        if ids(&parsed.sections) != listed {
            return Err(vec![ContentError::new(
                file,
                &head.id,
                format!(
                    "its sections ({}) are not the ones course.json lists ({})",
                    ids(&parsed.sections).join(", "),
                    listed.join(", ")
                ),
            )]);
        }
        let module = Module {
            sections: head
                .sections
                .iter()
                .zip(parsed.sections)
                .map(|(h, t)| Section {
                    id: t.id,
                    title: h.title.clone(),
                    blocks: t.blocks,
                })
                .collect(),
            head: head.clone(),
            objectives: parsed.objectives,
            key_points: parsed.key_points,
            scenarios: parsed.scenarios,
            questions: parsed.questions,
        };
        let problems = validate::module(file, &module, sources);
        if problems.is_empty() {
            Ok(module)
        } else {
            Err(problems)
        }
    }
}

/// A problem in the content files.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {item}: {problem}")]
pub struct ContentError {
    pub file: String,
    pub item: String,
    pub problem: String,
}

impl ContentError {
    pub(crate) fn new(file: &str, item: &str, problem: String) -> Self {
        Self {
            file: file.to_owned(),
            item: item.to_owned(),
            problem,
        }
    }
}

impl Module {
    /// Every piece of prose in the module, for checks that scan the text.
    pub fn all_text(&self) -> Vec<&str> {
        let mut out: Vec<&str> = vec![&self.title, &self.summary];
        out.extend(self.objectives.iter().map(String::as_str));
        for block in self
            .sections
            .iter()
            .flat_map(|s| s.blocks.iter())
            .chain(self.key_points.iter())
        {
            out.push(&block.text);
            out.extend(block.items.iter().map(String::as_str));
        }
        for s in &self.scenarios {
            out.extend([s.title.as_str(), &s.situation, &s.response]);
        }
        for q in &self.questions {
            out.extend([q.situation.as_str(), &q.prompt]);
            for o in &q.options {
                out.extend([o.text.as_str(), &o.feedback]);
            }
        }
        out
    }
}
