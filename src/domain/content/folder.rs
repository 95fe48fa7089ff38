//! A content folder on disk, read and checked whole: what the content validator
//! (`src/bin/check-content.rs`) and the native tests run. Not in the wasm: the app fetches
//! each file from its own origin instead.

use std::path::Path;

use super::{check, Content, ContentError, ContentFiles};
use crate::domain::audit::Checklist;
use crate::domain::{policy, sources};

/// Where the policy lives inside a content folder.
pub const POLICY_FILE: &str = "policy/social-media-policy.txt";

/// Every file of a content folder, as text; a file that cannot be read is a problem named
/// by its path.
pub fn read(dir: &Path) -> Result<ContentFiles, ContentError> {
    let text = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .map_err(|e| ContentError::new(name, "file", format!("it cannot be read: {e}")))
    };
    let list = |sub: &str| -> Result<Vec<(String, String)>, ContentError> {
        let entries = std::fs::read_dir(dir.join(sub))
            .map_err(|e| ContentError::new(sub, "folder", format!("it cannot be read: {e}")))?;
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".json"))
            .collect();
        names.sort();
        names
            .into_iter()
            .map(|n| {
                let name = format!("{sub}/{n}");
                text(&name).map(|t| (name, t))
            })
            .collect()
    };
    Ok(ContentFiles {
        course: text("course.json")?,
        sources: text("sources.json")?,
        modules: list("modules")?,
        keys: list("keys")?,
    })
}

/// Everything a content folder holds, checked: the course, modules and answer keys, the
/// audit checklist, and the policy's headings.
#[derive(Debug, Clone)]
pub struct Folder {
    pub content: Content,
    pub checklist: Checklist,
    pub policy: String,
}

/// Reads and checks a whole content folder, reporting every problem found.
pub fn check_folder(dir: &Path) -> Result<Folder, Vec<ContentError>> {
    let files = read(dir).map_err(|e| vec![e])?;
    let content = check(&files);
    let checklist = sources::parse(&files.sources)
        .map_err(|e| vec![ContentError::new("sources.json", "sources", e)])
        .and_then(|sources| {
            let text = std::fs::read_to_string(dir.join("audit.json")).map_err(|e| {
                vec![ContentError::new(
                    "audit.json",
                    "file",
                    format!("it cannot be read: {e}"),
                )]
            })?;
            Checklist::parse(&text, &sources)
        });
    let policy = std::fs::read_to_string(dir.join(POLICY_FILE))
        .map_err(|e| vec![ContentError::new(POLICY_FILE, "file", format!("it cannot be read: {e}"))])
        .and_then(|text| match policy::missing_headings(&text).as_slice() {
            [] => Ok(text),
            missing => Err(vec![ContentError::new(
                POLICY_FILE,
                "headings",
                format!(
                    "these headings are missing or out of order (each must be a line of its own, as in the policy the app was built for): {}",
                    missing.join("; ")
                ),
            )]),
        });
    match (content, checklist, policy) {
        (Ok(content), Ok(checklist), Ok(policy)) => Ok(Folder {
            content,
            checklist,
            policy,
        }),
        (content, checklist, policy) => Err([content.err(), checklist.err(), policy.err()]
            .into_iter()
            .flatten()
            .flatten()
            .collect()),
    }
}
