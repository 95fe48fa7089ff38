//! The content validator: checks a content folder (the course, every module, the answer
//! keys, the audit checklist and the policy) exactly as the app will read it, and names every
//! problem. A school that edits or replaces `content/` on its server runs this first:
//!
//! ```sh
//! cargo run --bin check-content -- path/to/content
//! ```
//!
//! It exits with 0 when the folder is valid and 1 (listing each problem) when it is not.

use std::path::PathBuf;
use std::process::ExitCode;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    use online_safety_workbench::domain::content::folder;

    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("content"), PathBuf::from);
    match folder::check_folder(&dir) {
        Ok(found) => {
            let questions: usize = found
                .content
                .modules
                .iter()
                .map(|m| m.questions.len())
                .sum();
            println!(
                "{} is valid: content version {}, {} modules, {} questions, {} answer keys, {} audit items, the policy's headings all found.",
                dir.display(),
                found.content.course.info.content_version,
                found.content.modules.len(),
                questions,
                found.content.answer_keys.len(),
                found.checklist.items().count(),
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            eprintln!("{} has {} problem(s):", dir.display(), problems.len());
            for problem in &problems {
                eprintln!("- {problem}");
            }
            ExitCode::FAILURE
        }
    }
}

/// Not a browser program: the app's content is checked natively.
#[cfg(target_arch = "wasm32")]
fn main() -> ExitCode {
    let _ = PathBuf::new();
    ExitCode::FAILURE
}
