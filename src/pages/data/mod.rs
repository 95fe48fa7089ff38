//! Your data: what is stored on this device, a full backup, restoring or importing with a
//! preview, the backups kept, damaged data set aside, and erasing everything.

use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::path;

use crate::browser;
use crate::components::file_drop::FileDrop;
use crate::components::import_report::{FileReport, ImportReport};
use crate::components::page_head::PageHead;
use crate::domain::backup::{self, Action, Plan};
use crate::domain::envelope::{self, ImportError, Kind};
use crate::state::stored::DAMAGED_PREFIX;
use crate::state::{app, Tone};
use crate::storage::StorageError;

/// Routes under /data.
#[component(transparent)]
pub fn DataRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! { <Route path=path!("/data") view=DataHome /> }.into_inner()
}

fn when(at: chrono::NaiveDateTime) -> String {
    crate::domain::dates::long_time(at)
}

#[component]
fn DataHome() -> impl IntoView {
    view! {
        <PageHead
            title="Your data"
            heading="Your data"
            lead="Everything in this app is kept in this browser on this device and is never sent anywhere. Back it up to a file, move it to another device, or erase it here."
        />
        <Stored />
        <BackUp />
        <Restore />
        <Backups />
        <Damaged />
        <Erase />
    }
}

/// What is stored now.
#[component]
fn Stored() -> impl IntoView {
    let app = app();
    let rows = move || {
        app.stored_parts()
            .into_iter()
            .map(|part| {
                let size = serde_json::to_string(&part).map_or(0, |t| t.len());
                view! {
                    <tr>
                        <th scope="row">{part.kind.label().to_owned()}</th>
                        <td>{backup::describe(&part)}</td>
                        <td>{when(part.saved_at)}</td>
                        <td>{format!("{}.{} KB", size / 1000, size % 1000 / 100)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section aria-labelledby="stored-heading">
            <h2 id="stored-heading">"Stored on this device"</h2>
            {(!app.storage_available()).then(|| view! {
                <p class="notice notice-warning">{StorageError::Unavailable.to_string()}</p>
            })}
            <div class="table-wrap">
                <table>
                    <thead><tr><th scope="col">"What"</th><th scope="col">"Holds"</th><th scope="col">"Last saved"</th><th scope="col">"Size"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// Downloads of everything, or of the settings alone.
#[component]
fn BackUp() -> impl IntoView {
    let app = app();
    let save = move |name: String, text: String| app.download(&name, "application/json", &text);
    let everything = move |_| {
        let now = browser::now();
        save(
            format!("online-safety-workbench-backup-{}.json", now.date()),
            envelope::to_json(&app.full_backup(), now, None),
        );
    };
    let settings_only = move |_| {
        let now = browser::now();
        let text = app
            .settings()
            .with_untracked(|s| envelope::to_json(s, now, None));
        save(format!("school-settings-{}.json", now.date()), text);
    };
    view! {
        <section aria-labelledby="backup-heading">
            <h2 id="backup-heading">"Back up"</h2>
            <p>"A full backup is one file holding the school settings and every training profile on this device. Keep it somewhere safe: it contains names and training results."</p>
            <div class="actions">
                <button type="button" on:click=everything>"Download a full backup"</button>
                <button type="button" class="secondary" on:click=settings_only>"Export the school settings"</button>
            </div>
        </section>
    }
}

/// Bringing in a backup or a settings file: read, preview, then apply all or nothing.
#[component]
fn Restore() -> impl IntoView {
    let app = app();
    let report = RwSignal::new(Vec::<FileReport>::new());
    let pending = RwSignal::new(None::<(String, Plan)>);
    let on_files = Callback::new(move |picked: Vec<crate::files::PickedFile>| {
        let Some(file) = picked.into_iter().next() else {
            return;
        };
        pending.set(None);
        let parts = file
            .text
            .map_err(|e| e.to_string())
            .and_then(|text| backup::read_for_restore(&text).map_err(|e| explain(&e)));
        match parts {
            Ok(parts) => {
                report.set(Vec::new());
                pending.set(Some((file.name, backup::plan(parts, &app.stored_parts()))));
            }
            Err(message) => report.set(vec![FileReport::refused(file.name, message)]),
        }
    });
    let apply = move |_| {
        let Some((name, plan)) = pending.get_untracked() else {
            return;
        };
        match app.apply(&plan.writes) {
            Ok(()) => {
                pending.set(None);
                app.notices.push(Tone::Info, format!("{name} has been imported. Anything it replaced is kept as a backup on this page."));
            }
            Err(e) => app.notices.storage_error(&e),
        }
    };
    view! {
        <section aria-labelledby="restore-heading">
            <h2 id="restore-heading">"Restore or import"</h2>
            <p>"Bring in a full backup or a school settings file. You will see what it changes before anything is written, and whatever it replaces is backed up first."</p>
            <FileDrop id="restore-file" label="Choose a backup or settings file" on_files />
            <ImportReport reports=report />
            {move || pending.get().map(|(name, plan)| {
                let nothing = plan.is_empty();
                view! {
                    <div class="card preview" role="region" aria-labelledby="preview-heading">
                        <h3 id="preview-heading">{format!("What importing {name} will do")}</h3>
                        <div class="table-wrap">
                            <table>
                                <thead><tr><th scope="col">"Data"</th><th scope="col">"On this device now"</th><th scope="col">"In the file"</th><th scope="col">"What happens"</th></tr></thead>
                                <tbody>
                                    {plan.steps.into_iter().map(|step| view! {
                                        <tr>
                                            <th scope="row">{step.kind.label().to_owned()}</th>
                                            <td>{step.current.unwrap_or_else(|| "Nothing".to_owned())}</td>
                                            <td>{step.incoming.unwrap_or_else(|| "Nothing".to_owned())}</td>
                                            <td>{action_label(step.action)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        {if nothing {
                            view! {
                                <p>"The file holds exactly what is already here: there is nothing to change."</p>
                                <button type="button" class="secondary" on:click=move |_| pending.set(None)>"Close"</button>
                            }.into_any()
                        } else {
                            view! {
                                <div class="actions">
                                    <button type="button" on:click=apply>"Import it"</button>
                                    <button type="button" class="secondary" on:click=move |_| pending.set(None)>"Cancel"</button>
                                </div>
                            }.into_any()
                        }}
                    </div>
                }
            })}
        </section>
    }
}

fn action_label(action: Action) -> &'static str {
    match action {
        Action::Add => "Added",
        Action::Replace => "Replaced (what is here now is backed up first)",
        Action::Same => "No change: the same as now",
        Action::LeaveAlone => "Left alone",
    }
}

/// An import error, with where to go instead for files that belong elsewhere.
fn explain(error: &ImportError) -> String {
    let elsewhere = match error {
        ImportError::WrongKind {
            found: Kind::TrainingRecord | Kind::StaffRecords,
            ..
        } => " Training records are imported on the Staff records page.",
        ImportError::WrongKind {
            found: Kind::Audit, ..
        } => " Audits are imported on the Audit page.",
        _ => "",
    };
    format!("{error}{elsewhere}")
}

/// The last thing each import or restore replaced, ready to put back.
#[component]
fn Backups() -> impl IntoView {
    let app = app();
    let list = move || app.backups();
    view! {
        <section aria-labelledby="backups-heading">
            <h2 id="backups-heading">"Backups kept on this device"</h2>
            {move || {
                let backups = list();
                if backups.is_empty() {
                    return view! { <p>"None yet. When an import or restore replaces something, the old version is kept here."</p> }.into_any();
                }
                view! {
                    <ul class="plain-list">
                        {backups.into_iter().map(|b| {
                            let kind = b.kind;
                            let restore = move |_| {
                                if !browser::confirm(&format!("Put back the backed-up {}? What is there now becomes the backup, so you can undo this.", kind.label())) {
                                    return;
                                }
                                match app.restore_backup(kind) {
                                    Ok(()) => app.notices.push(Tone::Info, format!("The backed-up {} have been restored.", kind.label())),
                                    Err(e) => app.notices.storage_error(&e),
                                }
                            };
                            view! {
                                <li>
                                    <span>{format!("{} (saved {})", b.description, when(b.saved_at))}</span>
                                    " "
                                    <button type="button" class="secondary" on:click=restore>{format!("Restore the {}", kind.label())}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// Stored values that could not be read, kept aside.
#[component]
fn Damaged() -> impl IntoView {
    let app = app();
    let keys = move || app.damaged_keys();
    move || {
        let keys = keys();
        (!keys.is_empty()).then(|| view! {
            <section aria-labelledby="damaged-heading">
                <h2 id="damaged-heading">"Damaged data set aside"</h2>
                <p>"These saved values could not be read, so the app set them aside instead of deleting them. Download one to keep it or to ask for help with it."</p>
                <ul class="plain-list">
                    {keys.into_iter().map(|key| {
                        let label = key.trim_start_matches(DAMAGED_PREFIX).to_owned();
                        let (k1, k2) = (key.clone(), key.clone());
                        view! {
                            <li>
                                <span>{label}</span>
                                " "
                                <button type="button" class="secondary" on:click=move |_| app.download_stored(&k1)>"Download"</button>
                                <button type="button" class="link-button" on:click=move |_| {
                                    if browser::confirm("Delete this damaged data? Download it first if you may need it.") {
                                        app.remove_key(&k2);
                                    }
                                }>"Delete"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}

/// Erasing everything this app stored.
#[component]
fn Erase() -> impl IntoView {
    let app = app();
    let erase = move |_| {
        if !browser::confirm("Erase everything this app has stored on this device: settings, every training profile, backups and damaged copies? Download a full backup first if you may need any of it. This cannot be undone.") {
            return;
        }
        app.erase_all();
        app.notices.push(
            Tone::Info,
            "Everything this app stored on this device has been erased.",
        );
    };
    view! {
        <section aria-labelledby="erase-heading">
            <h2 id="erase-heading">"Erase everything"</h2>
            <p>"Removes all of this app's data from this browser, for example before a shared or borrowed computer is handed on."</p>
            <button type="button" class="danger" on:click=erase>"Erase all data on this device"</button>
        </section>
    }
}
