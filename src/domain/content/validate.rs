//! The rules the course content must meet, one small function each. `course` checks the
//! contents, `module` one module's file, `whole` what only all modules together show. Each
//! reports every problem, never only the first, so a content author fixes a file in one go.

use super::{Block, ContentError, Course, Module, ModuleHead, Question, QuestionKind, Role};
use crate::domain::settings::{placeholders_in, PLACEHOLDERS};
use crate::domain::sources::{Reference, Source};

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

/// The contents (`course.json`): the pass mark, enough modules, a module for every role,
/// and each module's head.
pub(super) fn course(file: &str, course: &Course) -> Vec<ContentError> {
    let mut problems = Problems::default();
    let info = &course.info;
    if !(1..=100).contains(&info.pass_mark) {
        problems.push(
            file,
            "course",
            format!("pass mark {} is not between 1 and 100", info.pass_mark),
        );
    }
    if course.modules.len() < MIN_MODULES {
        problems.push(
            file,
            "course",
            format!(
                "{} modules; the course needs at least {MIN_MODULES}",
                course.modules.len()
            ),
        );
    }
    for role in Role::ALL {
        if !course.modules.iter().any(|m| m.audience.includes(role)) {
            problems.push(
                file,
                "course",
                format!("no module is required for the role {}", role.label()),
            );
        }
    }
    // Each reading is declared and stored in a record as one line (`Declaration::KCSIE`).
    for (i, r) in info.kcsie_reading.iter().enumerate() {
        let max = crate::domain::training::Declaration::KCSIE.max;
        if r.kcsie.trim().is_empty() || r.kcsie.contains('\n') || r.kcsie.chars().count() > max {
            let problem = format!("kcsie_reading[{i}] is not one line of 1 to {max} characters");
            problems.push(file, "course", problem);
        }
        if info.kcsie_reading[..i]
            .iter()
            .any(|e| e.roles.iter().any(|x| r.roles.contains(x)))
        {
            let problem = format!("kcsie_reading[{i}] names a role an earlier reading names");
            problems.push(file, "course", problem);
        }
    }
    if !course.versions.contains(&info.content_version) {
        problems.push(
            file,
            "versions",
            format!(
                "the current version {} is not among the released versions",
                info.content_version
            ),
        );
    }
    let mut ids = Distinct::default();
    for head in &course.modules {
        if !ids.insert(head.id.as_str()) {
            problems.push(file, &head.id, "duplicate module id".into());
        }
        module_head(&mut problems, file, head);
    }
    problems.0
}

/// A module's head: its title and summary, sections, reading time, draw and pass mark.
fn module_head(problems: &mut Problems, file: &str, head: &ModuleHead) {
    let m = head.id.as_str();
    problems.text(file, m, "title", &head.title);
    problems.text(file, m, "summary", &head.summary);
    let mut sections = Distinct::default();
    for section in &head.sections {
        let item = format!("{m}/{}", section.id);
        problems.text(file, &item, "section title", &section.title);
        if !sections.insert(section.id.as_str()) {
            problems.push(file, &item, "duplicate section id".into());
        }
    }
    if head.sections.len() < MIN_SECTIONS {
        problems.push(
            file,
            m,
            format!(
                "{} sections; a module needs at least {MIN_SECTIONS}",
                head.sections.len()
            ),
        );
    }
    if head.draw < MIN_DRAW {
        problems.push(
            file,
            m,
            format!(
                "draws {} questions; it must draw at least {MIN_DRAW}",
                head.draw
            ),
        );
    }
    if head.minutes == 0 {
        problems.push(file, m, "reading time is zero".into());
    }
    if let Some(mark) = head.pass_mark {
        if !(1..=100).contains(&mark) {
            problems.push(
                file,
                m,
                format!("pass mark {mark} is not between 1 and 100"),
            );
        }
    }
}

/// One module's file: its text, references, counts and questions.
pub(super) fn module(file: &str, module: &Module, sources: &[Source]) -> Vec<ContentError> {
    let mut problems = Problems::default();
    let blocks = blocks(module);
    module_texts(&mut problems, file, module, &blocks);
    references(&mut problems, file, module, &blocks, sources);
    minimums(&mut problems, file, module);
    let mut question_ids = Distinct::default();
    for q in &module.questions {
        question(&mut problems, file, q, &mut question_ids);
    }
    options_once(&mut problems, file, module);
    problems.0
}

/// No option of one question is repeated as an option of another question in the same
/// module: a quiz draws several questions from one bank, and an option shown in one would
/// hand over the answer to the other. Texts are compared normalised (case, punctuation and
/// spacing ignored). True and False are the same two words everywhere, so are not compared.
fn options_once(problems: &mut Problems, file: &str, module: &Module) {
    let mut seen: Vec<(String, &str)> = Vec::new();
    for q in &module.questions {
        if q.kind == QuestionKind::TrueFalse {
            continue;
        }
        let mut own: Vec<String> = Vec::new();
        for o in &q.options {
            let text = normalised(&o.text);
            if let Some((_, other)) = seen.iter().find(|(t, _)| *t == text) {
                problems.push(
                    file,
                    &format!("{}/{}", q.id, o.id),
                    format!(
                        "option text \"{}\" is also an option of {other}: one question must not answer another",
                        o.text
                    ),
                );
            }
            own.push(text);
        }
        seen.extend(own.into_iter().map(|t| (t, q.id.as_str())));
    }
}

/// A text with case, punctuation and spacing ignored: "The DSL." and "the  DSL" are one text.
/// ASCII only: the Unicode case and letter tables would add kilobytes to the staff's wasm,
/// and the course is written in English (any other character counts as a separator).
fn normalised(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '{' && c != '}')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

/// What only the modules together show: enough questions, and question ids unique across
/// the course.
pub(super) fn whole(modules: &[Module]) -> Vec<ContentError> {
    let mut problems = Problems::default();
    let total: usize = modules.iter().map(|m| m.questions.len()).sum();
    if total < MIN_QUESTIONS {
        problems.push(
            "modules",
            "course",
            format!("{total} questions; the course needs at least {MIN_QUESTIONS}"),
        );
    }
    let mut seen = Distinct::default();
    for module in modules {
        for q in &module.questions {
            if !seen.insert(q.id.as_str()) {
                problems.push(&module.file(), &q.id, "duplicate question id".into());
            }
        }
    }
    problems.0
}

/// A module's text blocks (sections, then key points), each named as problems name it.
fn blocks(module: &Module) -> Vec<(String, &Block)> {
    let m = &module.id;
    let mut blocks: Vec<(String, &Block)> = module
        .sections
        .iter()
        .flat_map(|s| s.blocks.iter().map(move |b| (format!("{m}/{}", s.id), b)))
        .collect();
    blocks.extend(
        module
            .key_points
            .iter()
            .map(|b| (format!("{m}/key points"), b)),
    );
    blocks
}

/// A module's prose: titles, objectives, sections, blocks and scenarios are written out.
fn module_texts(problems: &mut Problems, file: &str, module: &Module, blocks: &[(String, &Block)]) {
    let m = module.id.as_str();
    for objective in &module.objectives {
        problems.text(file, m, "an objective", objective);
    }
    for section in &module.sections {
        let item = format!("{m}/{}", section.id);
        if section.blocks.is_empty() {
            problems.push(file, &item, "section has no text".into());
        }
    }
    for (item, block) in blocks {
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
}

/// Every claim cites something, and everything cited exists.
fn references(
    problems: &mut Problems,
    file: &str,
    module: &Module,
    blocks: &[(String, &Block)],
    sources: &[Source],
) {
    let m = module.id.as_str();
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
            match Reference::parse(r) {
                Some(reference) if reference.resolves(sources) => {}
                _ => problems.push(
                    file,
                    &item,
                    format!("reference {r} does not resolve to a policy section or listed source"),
                ),
            }
        }
    }
}

/// A module's counts, and a draw its bank can fill.
fn minimums(problems: &mut Problems, file: &str, module: &Module) {
    let m = module.id.as_str();
    let counts = [
        ("objectives", module.objectives.len(), MIN_OBJECTIVES),
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
    if module.draw > module.questions.len() {
        problems.push(
            file,
            m,
            format!(
                "draws {} questions from a bank of {}; it must draw no more than the bank",
                module.draw,
                module.questions.len()
            ),
        );
    }
}

/// One question: an id unique across the course, a prompt, its options and answer key.
fn question<'c>(
    problems: &mut Problems,
    file: &str,
    q: &'c Question,
    question_ids: &mut Distinct<'c>,
) {
    let item = q.id.as_str();
    if !question_ids.insert(item) {
        problems.push(file, item, "duplicate question id".into());
    }
    problems.text(file, item, "prompt", &q.prompt);
    option_texts(problems, file, q);
    answer_key(problems, file, q);
    situation(problems, file, q);
    if q.options.len() < 2 {
        problems.push(file, item, "fewer than two options".into());
    }
}

/// Each option has an id unique within its question, text and feedback.
fn option_texts(problems: &mut Problems, file: &str, q: &Question) {
    let mut option_ids = Distinct::default();
    for o in &q.options {
        let item = format!("{}/{}", q.id, o.id);
        if !option_ids.insert(o.id.as_str()) {
            problems.push(file, &item, "duplicate option id".into());
        }
        problems.text(file, &item, "option text", &o.text);
        problems.text(file, &item, "feedback", &o.feedback);
    }
}

/// The right number of correct options for the kind, and a wrong one in every question: a
/// multiple-select question with every option right teaches that ticking everything is safe
/// and tests nothing (content review 2, S5).
fn answer_key(problems: &mut Problems, file: &str, q: &Question) {
    let item = q.id.as_str();
    let correct = q.options.iter().filter(|o| o.correct).count();
    let wrong = q.options.len() - correct;
    if wrong == 0 {
        let problem = if q.kind == QuestionKind::Multiple {
            "every option is correct; a multiple-select question needs at least one wrong option"
        } else {
            "no wrong option"
        };
        problems.push(file, item, problem.into());
    }
    match q.kind {
        QuestionKind::Single | QuestionKind::Scenario if correct != 1 => problems.push(
            file,
            item,
            format!("{correct} correct options; a single-answer question needs exactly one"),
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
}

/// A scenario question has a situation; any other question's situation, if given, is sound.
fn situation(problems: &mut Problems, file: &str, q: &Question) {
    let item = q.id.as_str();
    if q.kind == QuestionKind::Scenario && q.situation.trim().is_empty() {
        problems.push(file, item, "a scenario question needs a situation".into());
    }
    if q.kind != QuestionKind::Scenario && !q.situation.is_empty() {
        problems.text(file, item, "situation", &q.situation);
    }
}

/// Problems found so far, each naming its file and item.
#[derive(Default)]
pub(crate) struct Problems(pub(crate) Vec<ContentError>);

impl Problems {
    /// Records a problem with an item in a file.
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
        for key in placeholders_in(text) {
            if !PLACEHOLDERS.iter().any(|(k, _)| *k == key) {
                self.push(
                    file,
                    item,
                    format!("unknown placeholder {{{key}}} in {what}"),
                );
            }
        }
    }
}

/// The ids seen so far, to find one given twice. A course has a few hundred ids at most, so
/// a list is as quick as a hash set, and keeps hashing out of the staff's wasm.
#[derive(Default)]
pub(crate) struct Distinct<'a>(Vec<&'a str>);

impl<'a> Distinct<'a> {
    /// Records `id`; false if it was seen before.
    pub(crate) fn insert(&mut self, id: &'a str) -> bool {
        let new = !self.0.contains(&id);
        if new {
            self.0.push(id);
        }
        new
    }
}
