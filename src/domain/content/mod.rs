//! The course as data: modules, sections, scenarios and question banks, written in
//! `content/` as JSON and embedded at build time. `Course::parse` parses and validates it,
//! reporting every problem with the file, the item and the problem; `course()` is the
//! built-in course, parsed once. The rules themselves are in `validate.rs`.

use serde::{Deserialize, Serialize};

use super::vocab::vocabulary;

mod validate;

pub(crate) use validate::Problems;
pub use validate::{
    validate, MIN_BANK, MIN_DRAW, MIN_KEY_POINTS, MIN_MODULES, MIN_OBJECTIVES, MIN_QUESTIONS,
    MIN_SCENARIOS, MIN_SECTIONS,
};

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
    /// The module with this id.
    pub fn module(&self, id: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.id == id)
    }

    /// The modules a role must take, in course order.
    pub fn required_for(&self, role: Role) -> impl Iterator<Item = &Module> {
        self.modules
            .iter()
            .filter(move |m| m.audience.includes(role))
    }

    /// The question with this id and the module it belongs to.
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

/// Course facts, embedded at build time.
const COURSE_JSON: (&str, &str) = (
    "content/course.json",
    include_str!("../../../content/course.json"),
);

/// Every module file in course order, embedded at build time.
const MODULE_FILES: &[(&str, &str)] = &[
    (
        "content/modules/01-why-this-matters.json",
        include_str!("../../../content/modules/01-why-this-matters.json"),
    ),
    (
        "content/modules/02-pupils-in-school.json",
        include_str!("../../../content/modules/02-pupils-in-school.json"),
    ),
    (
        "content/modules/03-staff-personal-use.json",
        include_str!("../../../content/modules/03-staff-personal-use.json"),
    ),
    (
        "content/modules/04-parents-and-carers.json",
        include_str!("../../../content/modules/04-parents-and-carers.json"),
    ),
    (
        "content/modules/05-bullying-and-incidents.json",
        include_str!("../../../content/modules/05-bullying-and-incidents.json"),
    ),
    (
        "content/modules/06-filtering-and-monitoring.json",
        include_str!("../../../content/modules/06-filtering-and-monitoring.json"),
    ),
    (
        "content/modules/07-school-and-pta-accounts.json",
        include_str!("../../../content/modules/07-school-and-pta-accounts.json"),
    ),
    (
        "content/modules/08-images-and-consent.json",
        include_str!("../../../content/modules/08-images-and-consent.json"),
    ),
    (
        "content/modules/09-four-cs.json",
        include_str!("../../../content/modules/09-four-cs.json"),
    ),
    (
        "content/modules/10-dsl-team.json",
        include_str!("../../../content/modules/10-dsl-team.json"),
    ),
    (
        "content/modules/11-governors.json",
        include_str!("../../../content/modules/11-governors.json"),
    ),
];

/// The course built into this app. The content is fixed at build time and validated by the
/// native tests, so a failure here is a build defect, never a user's input.
pub fn course() -> &'static Course {
    static COURSE: std::sync::OnceLock<Course> = std::sync::OnceLock::new();
    COURSE.get_or_init(|| {
        Course::parse(COURSE_JSON, MODULE_FILES).unwrap_or_else(|errors| {
            panic!(
                "the built-in course is invalid: {}",
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        })
    })
}

impl Course {
    /// Parses the course facts and module files and validates the whole course. Every
    /// problem is reported, each naming its file and item.
    pub fn parse(
        info: (&str, &str),
        modules: &[(&str, &str)],
    ) -> Result<Course, Vec<ContentError>> {
        let mut errors = Vec::new();
        let err = |file: &str, item: &str, problem: String| ContentError {
            file: file.to_owned(),
            item: item.to_owned(),
            problem,
        };
        let info_value: Option<CourseInfo> = serde_json::from_str(info.1)
            .map_err(|e| errors.push(err(info.0, "course", e.to_string())))
            .ok();
        let mut parsed = Vec::new();
        for (file, text) in modules {
            match serde_json::from_str::<Module>(text) {
                Ok(module) => parsed.push((*file, module)),
                Err(e) => errors.push(err(file, "module", e.to_string())),
            }
        }
        let Some(info_value) = info_value else {
            return Err(errors);
        };
        errors.extend(validate(&info_value, &parsed));
        if errors.is_empty() {
            Ok(Course {
                info: info_value,
                modules: parsed.into_iter().map(|(_, m)| m).collect(),
            })
        } else {
            Err(errors)
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
