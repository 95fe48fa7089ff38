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

/// Course facts, embedded at build time.
const COURSE_JSON: (&str, &str) = (
    "content/course.json",
    include_str!("../../content/course.json"),
);

/// Every module file in course order, embedded at build time.
const MODULE_FILES: &[(&str, &str)] = &[
    (
        "content/modules/01-why-this-matters.json",
        include_str!("../../content/modules/01-why-this-matters.json"),
    ),
    (
        "content/modules/02-pupils-in-school.json",
        include_str!("../../content/modules/02-pupils-in-school.json"),
    ),
    (
        "content/modules/03-staff-personal-use.json",
        include_str!("../../content/modules/03-staff-personal-use.json"),
    ),
    (
        "content/modules/04-parents-and-carers.json",
        include_str!("../../content/modules/04-parents-and-carers.json"),
    ),
    (
        "content/modules/05-bullying-and-incidents.json",
        include_str!("../../content/modules/05-bullying-and-incidents.json"),
    ),
    (
        "content/modules/06-filtering-and-monitoring.json",
        include_str!("../../content/modules/06-filtering-and-monitoring.json"),
    ),
    (
        "content/modules/07-school-and-pta-accounts.json",
        include_str!("../../content/modules/07-school-and-pta-accounts.json"),
    ),
    (
        "content/modules/08-images-and-consent.json",
        include_str!("../../content/modules/08-images-and-consent.json"),
    ),
    (
        "content/modules/09-four-cs.json",
        include_str!("../../content/modules/09-four-cs.json"),
    ),
    (
        "content/modules/10-dsl-team.json",
        include_str!("../../content/modules/10-dsl-team.json"),
    ),
    (
        "content/modules/11-governors.json",
        include_str!("../../content/modules/11-governors.json"),
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

/// Course-wide minimums (issue: at least nine modules and ninety questions).
pub const MIN_MODULES: usize = 9;
pub const MIN_QUESTIONS: usize = 130;

/// Per-module minimums.
pub const MIN_OBJECTIVES: usize = 3;
pub const MIN_SECTIONS: usize = 2;
pub const MIN_KEY_POINTS: usize = 3;
pub const MIN_SCENARIOS: usize = 2;
pub const MIN_BANK: usize = 12;
pub const MIN_DRAW: usize = 5;

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

/// Every rule the content must meet. Returns all problems found.
pub fn validate(info: &CourseInfo, modules: &[(&str, Module)]) -> Vec<ContentError> {
    use std::collections::HashSet;

    let sources = super::sources::all();
    let mut problems = Problems::default();

    if !(1..=100).contains(&info.pass_mark) {
        problems.push(
            "content/course.json",
            "course",
            format!("pass mark {} is not between 1 and 100", info.pass_mark),
        );
    }
    if modules.len() < MIN_MODULES {
        problems.push(
            "content/modules",
            "course",
            format!(
                "{} modules; the course needs at least {MIN_MODULES}",
                modules.len()
            ),
        );
    }
    let total: usize = modules.iter().map(|(_, m)| m.questions.len()).sum();
    if total < MIN_QUESTIONS {
        problems.push(
            "content/modules",
            "course",
            format!("{total} questions; the course needs at least {MIN_QUESTIONS}"),
        );
    }
    for role in Role::ALL {
        if !modules.iter().any(|(_, m)| m.audience.includes(role)) {
            problems.push(
                "content/modules",
                "course",
                format!("no module is required for the role {}", role.label()),
            );
        }
    }

    let mut module_ids = HashSet::new();
    let mut question_ids = HashSet::new();
    for (file, module) in modules {
        let m = module.id.as_str();
        if !module_ids.insert(m) {
            problems.push(file, m, "duplicate module id".into());
        }
        problems.text(file, m, "title", &module.title);
        problems.text(file, m, "summary", &module.summary);
        for objective in &module.objectives {
            problems.text(file, m, "an objective", objective);
        }
        let mut blocks: Vec<(String, &Block)> = Vec::new();
        for section in &module.sections {
            problems.text(
                file,
                &format!("{m}/{}", section.id),
                "section title",
                &section.title,
            );
            if section.blocks.is_empty() {
                problems.push(
                    file,
                    &format!("{m}/{}", section.id),
                    "section has no text".into(),
                );
            }
            blocks.extend(
                section
                    .blocks
                    .iter()
                    .map(|b| (format!("{m}/{}", section.id), b)),
            );
        }
        blocks.extend(
            module
                .key_points
                .iter()
                .map(|b| (format!("{m}/key points"), b)),
        );
        for (item, block) in &blocks {
            if block.text.trim().is_empty() && block.items.is_empty() {
                problems.push(file, item, "a block has neither text nor items".into());
            }
            if !block.text.is_empty() {
                problems.text(file, item, "block text", &block.text);
            }
            for line in &block.items {
                problems.text(file, item, "a list item", line);
            }
        }
        for scenario in &module.scenarios {
            let item = format!("{m}/scenario {}", scenario.title);
            problems.text(file, &item, "scenario title", &scenario.title);
            problems.text(file, &item, "scenario situation", &scenario.situation);
            problems.text(file, &item, "scenario response", &scenario.response);
        }

        // References: every claim cites something, and everything cited exists.
        let mut cited: Vec<(String, &Vec<String>)> =
            blocks.iter().map(|(i, b)| (i.clone(), &b.refs)).collect();
        cited.extend(
            module
                .scenarios
                .iter()
                .map(|s| (format!("{m}/scenario {}", s.title), &s.refs)),
        );
        cited.extend(module.questions.iter().map(|q| (q.id.clone(), &q.refs)));
        cited.extend(module.questions.iter().flat_map(|q| {
            q.options
                .iter()
                .map(move |o| (format!("{}/{}", q.id, o.id), &o.refs))
        }));
        for (item, refs) in cited {
            if refs.is_empty() {
                problems.push(
                    file,
                    &item,
                    "no reference: every claim must cite the policy or a source".into(),
                );
            }
            for r in refs {
                match super::sources::Reference::parse(r) {
                    Some(reference) if reference.resolves(&sources) => {}
                    _ => problems.push(
                        file,
                        &item,
                        format!(
                            "reference {r:?} does not resolve to a policy section or listed source"
                        ),
                    ),
                }
            }
        }

        // Minimums.
        let counts = [
            ("objectives", module.objectives.len(), MIN_OBJECTIVES),
            ("sections", module.sections.len(), MIN_SECTIONS),
            ("key points", module.key_points.len(), MIN_KEY_POINTS),
            ("scenarios", module.scenarios.len(), MIN_SCENARIOS),
            ("questions", module.questions.len(), MIN_BANK),
        ];
        for (what, have, need) in counts {
            if have < need {
                problems.push(
                    file,
                    m,
                    format!("{have} {what}; a module needs at least {need}"),
                );
            }
        }
        if module.draw < MIN_DRAW || module.draw > module.questions.len() {
            problems.push(file, m, format!("draws {} questions from a bank of {}; it must draw at least {MIN_DRAW} and no more than the bank", module.draw, module.questions.len()));
        }
        if module.minutes == 0 {
            problems.push(file, m, "reading time is zero".into());
        }
        if let Some(mark) = module.pass_mark {
            if !(1..=100).contains(&mark) {
                problems.push(
                    file,
                    m,
                    format!("pass mark {mark} is not between 1 and 100"),
                );
            }
        }

        // Questions.
        for q in &module.questions {
            let item = q.id.as_str();
            if !question_ids.insert(item) {
                problems.push(file, item, "duplicate question id".into());
            }
            problems.text(file, item, "prompt", &q.prompt);
            let mut option_ids = HashSet::new();
            for o in &q.options {
                if !option_ids.insert(o.id.as_str()) {
                    problems.push(
                        file,
                        &format!("{item}/{}", o.id),
                        "duplicate option id".into(),
                    );
                }
                problems.text(file, &format!("{item}/{}", o.id), "option text", &o.text);
                problems.text(file, &format!("{item}/{}", o.id), "feedback", &o.feedback);
            }
            let correct = q.options.iter().filter(|o| o.correct).count();
            let wrong = q.options.len() - correct;
            // A multiple-select question may have every option right; the others need a wrong one.
            if wrong == 0 && q.kind != QuestionKind::Multiple {
                problems.push(file, item, "no wrong option".into());
            }
            match q.kind {
                QuestionKind::Single | QuestionKind::Scenario if correct != 1 => problems.push(
                    file,
                    item,
                    format!(
                        "{correct} correct options; a single-answer question needs exactly one"
                    ),
                ),
                QuestionKind::Multiple if correct == 0 => problems.push(
                    file,
                    item,
                    "no correct option; a multiple-select question needs at least one".into(),
                ),
                QuestionKind::TrueFalse => {
                    let texts: Vec<&str> = q.options.iter().map(|o| o.text.as_str()).collect();
                    if texts != ["True", "False"] || correct != 1 {
                        problems.push(file, item, "a true/false question needs exactly the options \"True\" and \"False\", one of them correct".into());
                    }
                }
                _ => {}
            }
            if q.kind == QuestionKind::Scenario && q.situation.trim().is_empty() {
                problems.push(file, item, "a scenario question needs a situation".into());
            }
            if q.kind != QuestionKind::Scenario && !q.situation.is_empty() {
                problems.text(file, item, "situation", &q.situation);
            }
            if q.options.len() < 2 {
                problems.push(file, item, "fewer than two options".into());
            }
        }
    }
    problems.0
}

/// Problems found so far, each naming its file and item.
#[derive(Default)]
pub(crate) struct Problems(pub(crate) Vec<ContentError>);

impl Problems {
    pub(crate) fn push(&mut self, file: &str, item: &str, problem: String) {
        self.0.push(ContentError {
            file: file.to_owned(),
            item: item.to_owned(),
            problem,
        });
    }

    /// Text must not be empty and may use only known placeholders.
    pub(crate) fn text(&mut self, file: &str, item: &str, what: &str, text: &str) {
        if text.trim().is_empty() {
            self.push(file, item, format!("{what} is empty"));
        }
        for key in super::settings::placeholders_in(text) {
            if !super::settings::PLACEHOLDERS.iter().any(|(k, _)| *k == key) {
                self.push(
                    file,
                    item,
                    format!("unknown placeholder {{{key}}} in {what}"),
                );
            }
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
