//! The content folder compiled into a browser test, read and checked as the app reads it
//! (shared by the wasm tests that need the course: `mod web_content;`).
#![allow(dead_code)]

use std::sync::OnceLock;

use online_safety_workbench::domain::content::{self, Content, ContentFiles};

macro_rules! files {
    ($dir:literal: $($name:literal),+ $(,)?) => {
        vec![$((format!("{}/{}.json", $dir, $name), include_str!(concat!("../content/", $dir, "/", $name, ".json")).to_owned())),+]
    };
}

/// The content folder, checked.
pub fn content() -> &'static Content {
    static CONTENT: OnceLock<Content> = OnceLock::new();
    CONTENT.get_or_init(|| {
        let files = ContentFiles {
            course: include_str!("../content/course.json").into(),
            sources: include_str!("../content/sources.json").into(),
            modules: files!("modules":
                "why-this-matters", "pupils-in-school", "staff-personal-use", "parents-and-carers",
                "bullying-and-incidents", "filtering-and-monitoring", "school-and-pta-accounts",
                "images-and-consent", "four-cs", "dsl-team", "governors",
            ),
            keys: files!("keys": "2026.1", "2026.2", "2026.3", "2026.4"),
        };
        content::check(&files).unwrap_or_else(|e| panic!("{e:?}"))
    })
}
