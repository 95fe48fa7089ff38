//! What an import did, file by file: one component for every import in the app (staff
//! records, audits, backups), so a refused file always says why and that nothing changed.

use leptos::prelude::*;

/// What happened to one file brought in: a line saying what it added, or why it was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    pub file: String,
    pub outcome: Result<String, String>,
}

impl FileReport {
    /// A file that was not imported, and why.
    pub fn refused(file: impl Into<String>, why: impl ToString) -> Self {
        Self {
            file: file.into(),
            outcome: Err(why.to_string()),
        }
    }
}

/// The results of the last import. One refused file is an alert; a batch is a list under a
/// heading that counts the files read and refused.
#[component]
pub fn ImportReport(
    /// The files of the last import, in the order read (empty: nothing is shown).
    #[prop(into)]
    reports: Signal<Vec<FileReport>>,
) -> impl IntoView {
    move || {
        let reports = reports.get();
        match reports.as_slice() {
            [] | [FileReport { outcome: Ok(_), .. }] => ().into_any(),
            [FileReport { file, outcome: Err(why) }] => view! {
                <div class="notice notice-error" role="alert">
                    <p><strong>{format!("{file} was not imported. ")}</strong>{why.clone()}" Nothing has been changed."</p>
                </div>
            }
            .into_any(),
            many => {
                let refused = many.iter().filter(|r| r.outcome.is_err()).count();
                view! {
                    <div class="card import-results" role="region" aria-labelledby="results-heading">
                        <h3 id="results-heading">{format!("{} file(s) read, {refused} not imported", many.len())}</h3>
                        <ul class="plain-list">
                            {many.iter().cloned().map(|FileReport { file, outcome }| match outcome {
                                Ok(line) => view! { <li><span><strong>{file}</strong>" "{line}</span></li> }.into_any(),
                                Err(why) => view! { <li class="error-line"><span><strong>{file}</strong>" was not imported: "{why}</span></li> }.into_any(),
                            }).collect_view()}
                        </ul>
                    </div>
                }
                .into_any()
            }
        }
    }
}
