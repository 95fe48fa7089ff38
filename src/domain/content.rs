//! The course as data: modules, sections, scenarios and question banks, written in
//! `content/` as JSON and embedded at build time. `Course::load` parses and validates it;
//! a malformed file gives an error naming the file, the item and the problem.

use serde::{Deserialize, Serialize};

/// Staff roles. The role decides which modules a person must take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Teaching,
    Support,
    Governor,
    Volunteer,
    Dsl,
    Other,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Teaching,
        Role::Support,
        Role::Governor,
        Role::Volunteer,
        Role::Dsl,
        Role::Other,
    ];

    /// How the role reads on screen and on a certificate.
    pub fn label(self) -> &'static str {
        match self {
            Role::Teaching => "Teaching staff",
            Role::Support => "Support staff",
            Role::Governor => "Governor",
            Role::Volunteer => "Volunteer or parent helper",
            Role::Dsl => "DSL or deputy DSL",
            Role::Other => "Other",
        }
    }

    /// The stable id used in files and URLs.
    pub fn id(self) -> &'static str {
        match self {
            Role::Teaching => "teaching",
            Role::Support => "support",
            Role::Governor => "governor",
            Role::Volunteer => "volunteer",
            Role::Dsl => "dsl",
            Role::Other => "other",
        }
    }

    pub fn from_id(id: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.id() == id)
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

/// A readable section of a module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
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
    pub feedback: String,
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
    pub fn includes(&self, role: Role) -> bool {
        match self {
            Audience::All => true,
            Audience::Roles(roles) => roles.contains(&role),
        }
    }
}

/// A training module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Module {
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
    pub objectives: Vec<String>,
    pub sections: Vec<Section>,
    pub key_points: Vec<Block>,
    pub scenarios: Vec<Scenario>,
    pub questions: Vec<Question>,
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
}

/// The whole course: its facts and modules in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Course {
    pub info: CourseInfo,
    pub modules: Vec<Module>,
}

impl Module {
    /// This module's pass mark in percent.
    pub fn pass_mark(&self, info: &CourseInfo) -> u8 {
        self.pass_mark.unwrap_or(info.pass_mark)
    }
}

impl Course {
    pub fn module(&self, id: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.id == id)
    }

    /// The modules a role must take, in course order.
    pub fn required_for(&self, role: Role) -> impl Iterator<Item = &Module> {
        self.modules
            .iter()
            .filter(move |m| m.audience.includes(role))
    }

    pub fn question(&self, id: &str) -> Option<(&Module, &Question)> {
        self.modules
            .iter()
            .find_map(|m| m.questions.iter().find(|q| q.id == id).map(|q| (m, q)))
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
