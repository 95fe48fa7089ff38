//! The course content, fetched from the app's own origin the first time a page needs it and
//! kept for the life of the page (content does not change while a page is open, so each file
//! is read and checked once and then held for good). A file that is missing or invalid gives
//! a clear message naming it, never a blank page.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::audit::Checklist;
use crate::domain::content::{AnswerKey, ContentError, Course, Keys, Module};
use crate::domain::sources::{self, Source};
use crate::fetch;

/// Where the content files are, from the site root.
const CONTENT: &str = "/content";

/// A content file on its way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loading<T> {
    Pending,
    Ready(T),
    /// What went wrong, in words, naming the file.
    Failed(String),
}

impl<T> Loading<T> {
    /// The value, once here.
    pub fn ready(self) -> Option<T> {
        match self {
            Loading::Ready(t) => Some(t),
            _ => None,
        }
    }

    /// Both, once both are here (the first failure wins).
    pub fn and<U>(self, other: Loading<U>) -> Loading<(T, U)> {
        match (self, other) {
            (Loading::Failed(e), _) | (_, Loading::Failed(e)) => Loading::Failed(e),
            (Loading::Ready(a), Loading::Ready(b)) => Loading::Ready((a, b)),
            _ => Loading::Pending,
        }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Loading<U> {
        match self {
            Loading::Pending => Loading::Pending,
            Loading::Ready(t) => Loading::Ready(f(t)),
            Loading::Failed(e) => Loading::Failed(e),
        }
    }
}

/// Every file asked for so far, by its path under `/content`. A file is fetched once.
#[derive(Clone, Copy)]
pub(super) struct Library {
    /// A list, not a map: a page asks for a handful of files, and a map's code is not worth
    /// its bytes in the wasm.
    files: RwSignal<Vec<(String, Loading<Held>)>>,
}

/// A file once read and checked, held for the life of the page.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Held {
    Course(&'static Course),
    Sources(&'static [Source]),
    Module(&'static Module),
    Key(&'static AnswerKey),
    Checklist(&'static Checklist),
    Text(&'static str),
}

fn problems(file: &str, errors: Vec<ContentError>) -> String {
    let first = errors
        .iter()
        .take(3)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    format!("{file} is not valid content: {first}")
}

/// Keeps a value for the life of the page. Content is read once and never freed; it is a
/// few files of text.
fn hold<T>(value: T) -> &'static T {
    Box::leak(Box::new(value))
}

impl Library {
    pub(super) fn new() -> Self {
        Self {
            files: RwSignal::new(Vec::new()),
        }
    }

    /// A file's state, asking for it (and reading it with `read`) the first time.
    fn file(
        &self,
        path: String,
        read: impl FnOnce(String) -> Result<Held, String> + 'static,
    ) -> Loading<Held> {
        self.load(path, Box::new(read))
    }

    /// `file`, compiled once: the fetch and its bookkeeping are the same for every file.
    fn load(
        &self,
        path: String,
        read: Box<dyn FnOnce(String) -> Result<Held, String>>,
    ) -> Loading<Held> {
        let known = |files: &Vec<(String, Loading<Held>)>, path: &str| {
            files.iter().position(|(p, _)| p == path)
        };
        if let Some(state) = self
            .files
            .with(|files| known(files, &path).map(|i| files[i].1.clone()))
        {
            return state;
        }
        self.files
            .update_untracked(|files| files.push((path.clone(), Loading::Pending)));
        let files = self.files;
        spawn_local(async move {
            let state = match fetch::text(&format!("{CONTENT}/{path}")).await {
                Ok(text) => match read(text) {
                    Ok(held) => Loading::Ready(held),
                    Err(why) => Loading::Failed(why),
                },
                Err(e) => Loading::Failed(format!("{path} could not be loaded: {e}")),
            };
            files.update(|files| {
                if let Some(i) = known(files, &path) {
                    files[i].1 = state;
                }
            });
        });
        Loading::Pending
    }

    /// The course's facts and contents.
    pub(super) fn course(&self) -> Loading<&'static Course> {
        self.file("course.json".into(), |text| {
            Course::parse("course.json", &text)
                .map(|c| Held::Course(hold(c)))
                .map_err(|e| problems("course.json", e))
        })
        .map(|held| match held {
            Held::Course(c) => c,
            _ => unreachable!("course.json holds the course"),
        })
    }

    /// The named sources references cite.
    pub(super) fn sources(&self) -> Loading<&'static [Source]> {
        self.file("sources.json".into(), |text| {
            sources::parse(&text)
                .map(|s| Held::Sources(hold(s).as_slice()))
                .map_err(|e| format!("sources.json is not valid content: {e}"))
        })
        .map(|held| match held {
            Held::Sources(s) => s,
            _ => unreachable!("sources.json holds the sources"),
        })
    }

    /// A module's text and questions (after the course and the sources).
    pub(super) fn module(&self, id: &str) -> Loading<&'static Module> {
        let (course, sources) = match self.course().and(self.sources()) {
            Loading::Ready(both) => both,
            Loading::Pending => return Loading::Pending,
            Loading::Failed(e) => return Loading::Failed(e),
        };
        let Some(head) = course.module(id) else {
            return Loading::Failed(format!("the course has no module \"{id}\""));
        };
        let file = head.file();
        self.file(file.clone(), move |text| {
            Module::parse(head, &file, &text, sources)
                .map(|m| Held::Module(hold(m)))
                .map_err(|e| problems(&file, e))
        })
        .map(|held| match held {
            Held::Module(m) => m,
            _ => unreachable!("a module file holds a module"),
        })
    }

    /// The answer keys of `versions` that the course has released (others are simply not
    /// at hand: their attempts check as Unverifiable).
    pub(super) fn keys(&self, versions: &[String]) -> Loading<Keys<'static>> {
        let course = match self.course() {
            Loading::Ready(c) => c,
            Loading::Pending => return Loading::Pending,
            Loading::Failed(e) => return Loading::Failed(e),
        };
        let mut keys = Vec::new();
        let mut pending = false;
        for version in versions.iter().filter(|v| course.versions.contains(v)) {
            let file = format!("keys/{version}.json");
            let name = file.clone();
            match self.file(file, move |text| {
                AnswerKey::parse(&text)
                    .map(|k| Held::Key(hold(k)))
                    .map_err(|e| format!("{name} is not a valid answer key: {e}"))
            }) {
                Loading::Ready(Held::Key(k)) => keys.push(k),
                Loading::Failed(e) => return Loading::Failed(e),
                _ => pending = true,
            }
        }
        if pending {
            Loading::Pending
        } else {
            Loading::Ready(Keys::new(keys))
        }
    }

    /// The audit checklist (after the sources).
    pub(super) fn checklist(&self) -> Loading<&'static Checklist> {
        let sources = match self.sources() {
            Loading::Ready(s) => s,
            Loading::Pending => return Loading::Pending,
            Loading::Failed(e) => return Loading::Failed(e),
        };
        self.file("audit.json".into(), move |text| {
            Checklist::parse(&text, sources)
                .map(|c| Held::Checklist(hold(c)))
                .map_err(|e| problems("audit.json", e))
        })
        .map(|held| match held {
            Held::Checklist(c) => c,
            _ => unreachable!("audit.json holds the checklist"),
        })
    }

    /// The policy's text.
    pub(super) fn policy(&self) -> Loading<&'static str> {
        self.file("policy/social-media-policy.txt".into(), |text| {
            Ok(Held::Text(hold(text).as_str()))
        })
        .map(|held| match held {
            Held::Text(t) => t,
            _ => unreachable!("the policy file holds text"),
        })
    }
}
