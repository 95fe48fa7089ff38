//! Importing staff training records: files or a whole folder, read and imported in batches
//! with the progress shown, then what each file did.

use leptos::prelude::*;

use crate::browser;
use crate::components::bulk_file_drop::BulkFileDrop;
use crate::components::import_report::{FileReport, ImportReport};
use crate::domain::content::Keys;
use crate::domain::envelope::MAX_IMPORT_BYTES;
use crate::domain::staff::{
    self, Conflict, FileResult, Outcome, RecordFile, StaffRecords, Tally, BATCH,
};
use crate::files::{self, Found, FoundFiles};
use crate::state::app;

/// How an import is going: files read so far of the files wanted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Progress {
    done: usize,
    total: usize,
}

/// What one import did: each file's line, the conflicts left for the DSL, and the tally.
struct ImportRun {
    report: Vec<FileReport>,
    clashes: Vec<(String, Conflict)>,
    tally: Tally,
}

/// Reads and imports the files in batches, giving the browser a turn between them so the
/// page paints the progress and stays responsive. The records change in place batch by
/// batch and are announced (matrix rebuilt, saved) once, at the end.
async fn import_files(
    wanted: &[Found],
    keys: &Keys<'static>,
    records: RwSignal<StaffRecords>,
    mut tally: Tally,
    progress: impl Fn(usize),
) -> ImportRun {
    let mut report = Vec::with_capacity(wanted.len());
    let mut clashes = Vec::new();
    let mut done = 0;
    for batch in wanted.chunks(BATCH) {
        let mut readable = Vec::with_capacity(batch.len());
        for file in files::read_batch(batch, MAX_IMPORT_BYTES).await {
            match file.text {
                Ok(text) => readable.push(RecordFile {
                    name: file.name,
                    text,
                    sha256: file.sha256,
                }),
                Err(e) => {
                    tally.failed += 1;
                    report.push(FileReport::refused(file.name, e));
                }
            }
        }
        let now = browser::now();
        let imported = records
            .try_update_untracked(|r| r.import(&readable, keys, now))
            .unwrap_or_default();
        for result in imported {
            tally.count(&result.outcome);
            report.push(reported(result, &mut clashes));
        }
        done += batch.len();
        progress(done);
        browser::next_turn().await;
    }
    records.notify();
    ImportRun {
        report,
        clashes,
        tally,
    }
}

/// The import section: choose files or a folder, see the progress and each file's outcome.
/// A conflict found is added to `conflicts` for the DSL to decide.
#[component]
pub fn ImportRecords(
    /// The answer keys every attempt is checked against.
    keys: Keys<'static>,
    /// Records waiting for the DSL's decision (the conflicts section shows them).
    conflicts: RwSignal<Vec<(String, Conflict)>>,
) -> impl IntoView {
    let app = app();
    let records = app.staff();
    let results = RwSignal::new(Vec::<FileReport>::new());
    let progress = RwSignal::new(None::<Progress>);
    // What the last import did, in a sentence, and the files it skipped.
    let said = RwSignal::new(None::<Result<String, String>>);
    let skipped = RwSignal::new(Vec::<String>::new());
    // The record files over one import's cap, and whether a folder was not walked to its end.
    let over_cap = RwSignal::new((Vec::<String>::new(), false));
    let busy = Signal::derive(move || progress.get().is_some());
    let on_found = Callback::new(move |found: FoundFiles| {
        if progress.get_untracked().is_some() {
            return;
        }
        results.set(Vec::new());
        let FoundFiles {
            wanted,
            over_cap: over,
            skipped: others,
            stopped,
        } = found;
        let total = wanted.len();
        let tally = Tally {
            skipped: others.len(),
            over_cap: over.len(),
            ..Tally::default()
        };
        skipped.set(others);
        over_cap.set((over, stopped));
        said.set(None);
        progress.set(Some(Progress { done: 0, total }));
        let keys = keys.clone();
        leptos::task::spawn_local(async move {
            let run = import_files(&wanted, &keys, records, tally, |done| {
                progress.try_set(Some(Progress { done, total }));
            })
            .await;
            app.link_staff_list();
            results.try_set(run.report);
            conflicts.try_update(|c| c.extend(run.clashes));
            said.try_set(Some(Ok(format!(
                "Import finished: {}",
                run.tally.describe()
            ))));
            progress.try_set(None);
        });
    });
    view! {
        <section aria-labelledby="import-heading">
            <h2 id="import-heading">"Import records"</h2>
            <p>"Choose the records staff sent you, or the whole folder where they save them (a shared OneDrive, SharePoint or Google Drive folder synced to this computer): every .json file in it and its sub-folders is imported, and other files are skipped. A record imported before, unchanged, is reported as already up to date."</p>
            <BulkFileDrop
                id="record-files"
                label="Choose training record files"
                folder_label="Or choose a folder of records"
                hint=staff::PICKER_HINT.to_owned()
                wanted=staff::is_record_file
                busy
                on_found
            />
            // Always in the page, so a screen reader hears each change of what it says.
            <div class="import-status" role="status">
                {move || progress.get().map(|p| view! {
                    <p id="import-progress-label">{staff::progress(p.done, p.total)}</p>
                    <progress max=p.total value=p.done aria-labelledby="import-progress-label"></progress>
                })}
                {move || said.get().map(|s| match s {
                    Ok(line) => view! { <p>{line}</p> }.into_any(),
                    Err(why) => view! { <p class="notice notice-error">{why}</p> }.into_any(),
                })}
            </div>
            {move || skipped.with(|list| (!list.is_empty()).then(|| {
                const SHOWN: usize = 20;
                let more = list.len().saturating_sub(SHOWN);
                let names = list.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
                view! {
                    <p class="muted">{format!("Skipped, as they are not .json files: {names}{}", if more > 0 { format!(" and {} more.", staff::grouped(more)) } else { ".".into() })}</p>
                }
            }))}
            {move || over_cap.with(|(list, stopped)| {
                const SHOWN: usize = 20;
                let more = list.len().saturating_sub(SHOWN);
                let names = list.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
                view! {
                    {(!list.is_empty()).then(|| view! {
                        <p class="notice notice-warning">{format!("{} {names}{}", staff::over_cap(), if more > 0 { format!(" and {} more.", staff::grouped(more)) } else { ".".into() })}</p>
                    })}
                    {stopped.then(|| view! { <p class="notice notice-warning">{staff::walk_stopped()}</p> })}
                }
            })}
            <ImportReport reports=results />
        </section>
    }
}

/// One file's line in the import's report; a conflict is also kept for the DSL to decide.
fn reported(result: FileResult, clashes: &mut Vec<(String, Conflict)>) -> FileReport {
    let outcome = match result.outcome {
        Outcome::Added { name } => Ok(format!("{name}: added.")),
        Outcome::Merged {
            name,
            new_attempts: 0,
        } => Ok(format!(
            "{name}: their new declaration added to their record."
        )),
        Outcome::Merged { name, new_attempts } => Ok(format!(
            "{name}: {new_attempts} new attempt(s) added to their record."
        )),
        Outcome::AlreadyHere { name } => Ok(format!("{name}: already up to date.")),
        Outcome::Conflict(conflict) => {
            let line = match conflict.changes.is_empty() {
                true => format!(
                    "{}: its record id is held for {} ({}). Nothing is changed until you decide below.",
                    conflict.incoming.person.name,
                    conflict.held.name,
                    conflict.held.role.label()
                ),
                false => format!(
                    "{}: it would change their {}. Nothing is changed until you decide below.",
                    conflict.held.name,
                    conflict.changes.join(", ")
                ),
            };
            clashes.push((result.file.clone(), *conflict));
            Ok(line)
        }
        Outcome::Failed(e) => Err(e.to_string()),
    };
    FileReport {
        file: result.file,
        outcome,
    }
}
