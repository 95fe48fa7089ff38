//! A whole content folder checked at once: every file on its own, then what only the whole
//! can show. The validator (`folder.rs`, `src/bin/check-content.rs`) and the tests use it;
//! the app checks each file as it fetches it.

use super::{validate, AnswerKey, ContentError, Course, Keys, Module};

/// A whole content folder, as text: what the validator and the tests check at once.
pub struct ContentFiles {
    /// `course.json`.
    pub course: String,
    /// `sources.json`.
    pub sources: String,
    /// Each module's file, by the file name the contents give it (`modules/<id>.json`).
    pub modules: Vec<(String, String)>,
    /// Each answer key file (`keys/<version>.json`).
    pub keys: Vec<(String, String)>,
}

/// A content folder read and checked.
#[derive(Debug, Clone)]
pub struct Content {
    pub course: Course,
    pub modules: Vec<Module>,
    /// The answer key of every released version.
    pub answer_keys: Vec<AnswerKey>,
}

impl Content {
    /// Every released version's key.
    pub fn keys(&self) -> Keys<'_> {
        Keys::new(self.answer_keys.iter().collect())
    }
}

/// Checks a whole content folder: every file on its own, then what only the whole can show
/// (enough questions, question ids unique across modules, no module file left out, and an
/// answer key for the current version that matches its questions exactly). Reports every
/// problem found.
pub fn check(files: &ContentFiles) -> Result<Content, Vec<ContentError>> {
    let mut problems = Vec::new();
    let sources = crate::domain::sources::parse(&files.sources)
        .map_err(|e| vec![ContentError::new("sources.json", "sources", e)])?;
    let course = Course::parse("course.json", &files.course)?;
    let mut modules = Vec::new();
    for head in &course.modules {
        let name = head.file();
        match files.modules.iter().find(|(n, _)| *n == name) {
            Some((_, text)) => match Module::parse(head, &name, text, &sources) {
                Ok(module) => modules.push(module),
                Err(mut found) => problems.append(&mut found),
            },
            None => problems.push(ContentError::new(
                &name,
                &head.id,
                "course.json lists this module but its file is missing".into(),
            )),
        }
    }
    for (name, _) in &files.modules {
        if !course.modules.iter().any(|m| m.file() == *name) {
            problems.push(ContentError::new(
                name,
                "module",
                "this file is not listed in course.json".into(),
            ));
        }
    }
    problems.extend(validate::whole(&modules));
    let mut keys = Vec::new();
    for (name, text) in &files.keys {
        match AnswerKey::parse(text) {
            Ok(key) => keys.push(key),
            Err(e) => problems.push(ContentError::new(name, "answer key", e.to_string())),
        }
    }
    let listed: Vec<&str> = keys
        .iter()
        .map(|k: &AnswerKey| k.content_version.as_str())
        .collect();
    if listed
        != course
            .versions
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    {
        problems.push(ContentError::new(
            "course.json",
            "versions",
            format!(
                "it lists the versions {} but keys/ holds {}: list every released version, oldest first, each with its key",
                course.versions.join(", "),
                listed.join(", ")
            ),
        ));
    }
    if problems.is_empty() {
        let current = AnswerKey::of(&course, &modules);
        match keys.iter().find(|k| k.content_version == course.info.content_version) {
            None => problems.push(ContentError::new(
                &format!("keys/{}.json", course.info.content_version),
                "answer key",
                "the current content version has no answer key: add it (see keys/README.md)".into(),
            )),
            Some(frozen) if !frozen.same_questions(&current) => problems.push(ContentError::new(
                &format!("keys/{}.json", course.info.content_version),
                "answer key",
                "the questions differ from this version's frozen answer key: a released version never changes, so bump content_version and add a key for the new one".into(),
            )),
            Some(_) => {}
        }
    }
    if problems.is_empty() {
        Ok(Content {
            course,
            modules,
            answer_keys: keys,
        })
    } else {
        Err(problems)
    }
}
