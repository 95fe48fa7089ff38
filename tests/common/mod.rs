//! The content folder on disk, read and checked once, for the native tests: the course, its
//! modules with their text and questions, the answer keys and the audit checklist, exactly as
//! the app fetches them.
#![allow(dead_code)]

use std::path::Path;
use std::sync::OnceLock;

use online_safety_workbench::domain::audit::Checklist;
use online_safety_workbench::domain::content::folder::{self, Folder};
use online_safety_workbench::domain::content::{Content, ContentFiles, Course, Keys, Module};

/// Every file of a content folder, as text.
pub fn files(dir: &Path) -> ContentFiles {
    folder::read(dir).unwrap()
}

/// The content folder of this repository, checked as the validator checks it.
fn checked() -> &'static Folder {
    static FOLDER: OnceLock<Folder> = OnceLock::new();
    FOLDER.get_or_init(|| {
        folder::check_folder(Path::new("content")).unwrap_or_else(|errors| {
            panic!(
                "content/ is invalid: {}",
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        })
    })
}

/// The course, modules and answer keys.
pub fn content() -> &'static Content {
    &checked().content
}

pub fn course() -> &'static Course {
    &content().course
}

pub fn modules() -> &'static [Module] {
    &content().modules
}

pub fn module(id: &str) -> &'static Module {
    modules().iter().find(|m| m.id == id).unwrap()
}

pub fn keys() -> &'static Keys<'static> {
    static KEYS: OnceLock<Keys<'static>> = OnceLock::new();
    KEYS.get_or_init(|| content().keys())
}

/// The audit checklist.
pub fn checklist() -> &'static Checklist {
    &checked().checklist
}

use chrono::{Duration, NaiveDate, NaiveDateTime};
use online_safety_workbench::domain::content::{ModuleKey, Role};
use online_safety_workbench::domain::quiz::{self, Attempt};
use online_safety_workbench::domain::training::{self, CourseStatus, Person, Profile, Track};

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Ten in the morning of `date`.
pub fn at(date: NaiveDate) -> NaiveDateTime {
    date.and_hms_opt(10, 0, 0).unwrap()
}

/// How long an honest attempt takes.
pub const TAKES: Duration = Duration::minutes(10);

pub fn person(name: &str, role: Role, track: Track) -> Person {
    Person {
        name: name.into(),
        role,
        start_date: day(2026, 9, 1),
        track,
    }
}

/// An attempt as the app makes it for the record `record_id`: started at `started`, `wrong`
/// of its questions answered wrongly and the rest rightly, submitted ten minutes later.
pub fn take(
    record_id: &str,
    module_id: &str,
    id: &str,
    started: NaiveDateTime,
    wrong: usize,
) -> Attempt {
    take_with(record_id, module_id, id, started, wrong, None)
}

/// [`take`], with the training session `code` typed before the quiz.
pub fn take_with(
    record_id: &str,
    module_id: &str,
    id: &str,
    started: NaiveDateTime,
    wrong: usize,
    code: Option<&str>,
) -> Attempt {
    let module = module(module_id);
    let mut a = quiz::start(course(), module, record_id, id.into(), code, started);
    for (i, drawn) in a.questions.clone().iter().enumerate() {
        let q = module
            .questions
            .iter()
            .find(|q| q.id == drawn.question_id)
            .unwrap();
        let ids: Vec<String> = if i < wrong {
            // A wrong answer: a wrong option, or (where every option is right) only one.
            match q.options.iter().find(|o| !o.correct) {
                Some(o) => vec![o.id.clone()],
                None => vec![],
            }
        } else {
            q.correct_ids().into_iter().map(str::to_owned).collect()
        };
        for id in ids {
            a.choose(q, &id);
        }
    }
    a.submit(&ModuleKey::of(course(), module), started + TAKES)
        .unwrap();
    a
}

/// Passes every module the person must take, each started at ten on `date`.
pub fn pass_all(p: &mut Profile, date: NaiveDate) {
    let ids: Vec<String> = training::required(course(), &p.person)
        .iter()
        .map(|m| m.id.clone())
        .collect();
    // Ids unique to the module, as the app's random ones are: another track's file holds
    // other modules under other ids.
    for m in &ids {
        p.attempts
            .push(take(&p.id, m, &format!("{}-{m}-{date}", p.id), at(date), 0));
    }
}

/// A person's course status on `today`, their attempts checked as their device checks them.
pub fn status(p: &Profile, today: NaiveDate) -> CourseStatus {
    let outcomes = p.outcomes(keys(), at(today) + Duration::hours(12));
    let open = p.open_modules(&course().info.content_version);
    p.evidence(&outcomes, &open).course_status(course(), today)
}
