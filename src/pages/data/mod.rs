//! Your data: what is stored on this device and how full storage is, a full backup,
//! restoring or importing with a preview, the backups kept, damaged data set aside, and
//! erasing everything. Storage is read asynchronously (the staff records live in
//! IndexedDB), so each section follows the app's storage revision.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser;
use crate::components::file_drop::FileDrop;
use crate::components::import_report::{FileReport, ImportReport};
use crate::components::page_head::PageHead;
use crate::components::shared_browser::SharedBrowserWarning;
use crate::domain::backup::{self, Action, Plan};
use crate::domain::envelope::{self, ImportError, Kind, MAX_BACKUP_BYTES};
use crate::domain::room::{self, Share};
use crate::state::stored::{Backend, DAMAGED_PREFIX};
use crate::state::{app, AppState, Tone};
use crate::storage::StorageError;

fn when(at: chrono::NaiveDateTime) -> String {
    crate::domain::dates::long_time(at)
}

/// The page at /data.
#[component]
pub fn DataHome() -> impl IntoView {
    view! {
        <PageHead
            title="Your data"
            heading="Your data"
            lead="Everything in this app is kept in this browser on this device and is never sent anywhere. Back it up to a file, move it to another device, or erase it here."
        />
        <SharedBrowserWarning what="everything here, including staff training records and audits" />
        <Stored />
        <BackUp />
        <Restore />
        <Backups />
        <Damaged />
        <Erase />
    }
}

/// What is stored now, how much room each kind takes, and how full storage is.
#[component]
fn Stored() -> impl IntoView {
    let app = app();
    let held = LocalResource::new(move || {
        app.revision();
        async move { app.inventory().await }
    });
    let room = LocalResource::new(move || {
        app.revision();
        async move { app.room().await }
    });
    let download = move |kind: Kind| {
        spawn_local(async move {
            if let Some(part) = app
                .stored_parts()
                .await
                .into_iter()
                .find(|p| p.kind == kind)
            {
                let text = serde_json::to_string(&part).unwrap_or_default();
                let filename = format!("{}-{}.json", kind.id(), part.saved_at.date());
                app.download(&filename, "application/json", &text);
            }
        });
    };
    let rows = move || {
        held.get()
            .unwrap_or_default()
            .into_iter()
            .map(|h| {
                let kind = h.kind;
                let (holds, saved) = match h.live {
                    Some((holds, at)) => (holds, when(at)),
                    None => ("Nothing".to_owned(), String::new()),
                };
                let place = match h.backend {
                    Backend::Local => "Local storage",
                    Backend::Indexed => "IndexedDB",
                };
                let has_data = !saved.is_empty();
                view! {
                    <tr>
                        <th scope="row">{kind.label().to_owned()}</th>
                        <td>{holds}</td>
                        <td>{saved}</td>
                        <td>{place}</td>
                        <td class="number">{room::size(h.bytes as u64)}</td>
                        <td>
                            {has_data.then(|| view! {
                                <button type="button" class="link-button" on:click=move |_| download(kind)>
                                    {format!("Download the {}", kind.label())}
                                </button>
                            })}
                        </td>
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
                    <caption class="visually-hidden">"Each kind of data, what it holds and the room it takes (with its backup and any damaged copies)"</caption>
                    <thead><tr><th scope="col">"What"</th><th scope="col">"Holds"</th><th scope="col">"Last saved"</th><th scope="col">"Kept in"</th><th scope="col">"Size"</th><th scope="col"><span class="visually-hidden">"Download"</span></th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {move || room.get().map(|(local, site)| view! {
                <div class="meters">
                    <Meter id="meter-local" label="This app's share of local storage" share=local
                        detail=format!("{} of about {} characters", room::thousands(local.used), room::thousands(local.allowed)) />
                    {match site {
                        Some(site) => view! {
                            <Meter id="meter-site" label="Everything this site stores, of what the browser allows" share=site
                                detail=format!("{} of {}", room::size(site.used), room::size(site.allowed)) />
                        }.into_any(),
                        None => view! { <p>"This browser does not say how much room it allows the site."</p> }.into_any(),
                    }}
                </div>
            })}
        </section>
    }
}

/// A labelled meter with a warning from 80%.
#[component]
fn Meter(id: &'static str, label: &'static str, share: Share, detail: String) -> impl IntoView {
    let full = share.nearly_full();
    view! {
        <div class="meter-row">
            <label for=id>{label}</label>
            <meter id=id min="0" max="100" high=room::WARN_AT_PERCENT.to_string() value=share.percent().to_string()>{format!("{}%", share.percent())}</meter>
            <span>{format!("{}% ({detail})", share.percent())}</span>
            {full.then(|| view! {
                <p class="notice notice-warning">
                    "Storage is nearly full. Download a full backup now, then make room: delete the backups kept on this device, damaged data set aside, or records you no longer need."
                </p>
            })}
        </div>
    }
}

/// Downloads of everything, or of the settings alone.
#[component]
fn BackUp() -> impl IntoView {
    let app = app();
    let busy = RwSignal::new(false);
    let everything = move |_| {
        busy.set(true);
        spawn_local(async move {
            let now = browser::now();
            let text = envelope::to_compact_json(&app.full_backup().await, now, None);
            if text.len() > MAX_BACKUP_BYTES {
                app.notices.push(
                    Tone::Error,
                    format!(
                        "A full backup would be {}, more than the {} a restore accepts, so it was not made. Download each kind of data on its own from the table above: each file restores by itself.",
                        room::size(text.len() as u64),
                        room::size(MAX_BACKUP_BYTES as u64)
                    ),
                );
            } else {
                app.download(
                    &format!("online-safety-workbench-backup-{}.json", now.date()),
                    "application/json",
                    &text,
                );
            }
            busy.set(false);
        });
    };
    let settings_only = move |_| {
        let now = browser::now();
        let text = app
            .settings()
            .with_untracked(|s| envelope::to_json(s, now, None));
        app.download(
            &format!("school-settings-{}.json", now.date()),
            "application/json",
            &text,
        );
    };
    view! {
        <section aria-labelledby="backup-heading">
            <h2 id="backup-heading">"Back up"</h2>
            <p>"A full backup is one file holding everything in the table above: the school settings, every training profile on this device, the audits and the DSL's staff training records. Keep it somewhere safe, not a shared folder: it contains names, training results and safeguarding evidence."</p>
            <div class="actions">
                <button type="button" on:click=everything disabled=move || busy.get()>"Download a full backup"</button>
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
    let busy = RwSignal::new(false);
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
                spawn_local(async move {
                    let plan = backup::plan(parts, &app.stored_parts().await);
                    pending.set(Some((file.name, plan)));
                });
            }
            Err(message) => report.set(vec![FileReport::refused(file.name, message)]),
        }
    });
    let apply = move |_| {
        let Some((name, plan)) = pending.get_untracked() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            match app.apply(&plan.writes).await {
                Ok(()) => {
                    pending.set(None);
                    app.notices.push(Tone::Info, format!("{name} has been imported. Anything it replaced is kept as a backup on this page."));
                }
                Err(StorageError::QuotaExceeded) => {
                    app.notices.push(Tone::Error, no_room(app).await)
                }
                Err(e) => app.notices.storage_error(&e),
            }
            busy.set(false);
        });
    };
    view! {
        <section aria-labelledby="restore-heading">
            <h2 id="restore-heading">"Restore or import"</h2>
            <p>"Bring in a full backup, or one kind of data downloaded from the table above. You will see what it changes before anything is written, and whatever it replaces is backed up first."</p>
            <FileDrop id="restore-file" label="Choose a backup or settings file" on_files max_bytes=MAX_BACKUP_BYTES />
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
                                    <button type="button" on:click=apply disabled=move || busy.get()>"Import it"</button>
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

/// What to free when a restore does not fit: the figures, and what can go.
async fn no_room(app: AppState) -> String {
    let (local, _) = app.room().await;
    let kept: usize = app
        .inventory()
        .await
        .iter()
        .filter(|h| h.backend == Backend::Local)
        .map(|h| h.bytes)
        .sum();
    let live: usize = app
        .stored_parts()
        .await
        .iter()
        .filter(|p| crate::state::stored::backend(p.kind) == Backend::Local)
        .map(|p| serde_json::to_string(p).map_or(0, |t| t.len()))
        .sum();
    format!(
        "There is not enough room in this browser's local storage to restore this file and keep a backup of what it replaces, so nothing was changed. About {} characters are free. The backups kept on this device and any damaged data set aside take about {} characters: delete them below (download them first if you may need them), then restore again.",
        room::thousands(local.free()),
        room::thousands(kept.saturating_sub(live) as u64),
    )
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

/// The last thing each import or restore replaced, ready to put back (or to delete, to
/// make room).
#[component]
fn Backups() -> impl IntoView {
    let app = app();
    let list = LocalResource::new(move || {
        app.revision();
        async move { app.backups().await }
    });
    view! {
        <section aria-labelledby="backups-heading">
            <h2 id="backups-heading">"Backups kept on this device"</h2>
            {move || {
                let backups = list.get().unwrap_or_default();
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
                                spawn_local(async move {
                                    match app.restore_backup(kind).await {
                                        Ok(()) => app.notices.push(Tone::Info, format!("The backed-up {} have been restored.", kind.label())),
                                        Err(e) => app.notices.storage_error(&e),
                                    }
                                });
                            };
                            let delete = move |_| {
                                if browser::confirm(&format!("Delete the backup of the {}? What is in use now is not changed.", kind.label())) {
                                    spawn_local(async move { app.remove_backup(kind).await });
                                }
                            };
                            view! {
                                <li>
                                    <span>{format!("{} (saved {})", b.description, when(b.saved_at))}</span>
                                    " "
                                    <button type="button" class="secondary" on:click=restore>{format!("Restore the {}", kind.label())}</button>
                                    <button type="button" class="link-button" on:click=delete>{format!("Delete the backup of the {}", kind.label())}</button>
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
    let keys = LocalResource::new(move || {
        app.revision();
        async move { app.damaged_keys().await }
    });
    move || {
        let keys = keys.get().unwrap_or_default();
        (!keys.is_empty()).then(|| view! {
            <section aria-labelledby="damaged-heading">
                <h2 id="damaged-heading">"Damaged data set aside"</h2>
                <p>"These saved values, or entries of them, could not be read, so the app set them aside instead of deleting them. Put one back to add what of it can now be read (its text repaired, and nothing already in the app changed), download it to keep it or to ask for help with it. They may hold names: delete them when you no longer need them."</p>
                <ul class="plain-list">
                    {keys.into_iter().map(|key| {
                        let label = key.trim_start_matches(DAMAGED_PREFIX).to_owned();
                        let (k1, k2, k3) = (key.clone(), key.clone(), key.clone());
                        view! {
                            <li>
                                <span>{label}</span>
                                " "
                                <button type="button" on:click=move |_| {
                                    let key = k3.clone();
                                    spawn_local(async move { app.put_back(&key).await });
                                }>"Put back"</button>
                                <button type="button" class="secondary" on:click=move |_| app.download_stored(&k1)>"Download"</button>
                                <button type="button" class="link-button" on:click=move |_| {
                                    if browser::confirm("Delete this damaged data? Download it first if you may need it.") {
                                        let key = k2.clone();
                                        spawn_local(async move { app.remove_key(&key).await });
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
        if !browser::confirm("Erase everything this app has stored on this device: settings, every training profile, audits, staff records, backups and damaged copies? Download a full backup first if you may need any of it. This cannot be undone.") {
            return;
        }
        spawn_local(async move {
            app.erase_all().await;
            app.notices.push(
                Tone::Info,
                "Everything this app stored on this device has been erased. Files you downloaded from it (backups, records, reports) are not: delete them from this computer's Downloads folder too if it is shared.",
            );
        });
    };
    view! {
        <section aria-labelledby="erase-heading">
            <h2 id="erase-heading">"Erase everything"</h2>
            <p>"Removes all of this app's data from this browser, for example before a shared or borrowed computer is handed on."</p>
            <button type="button" class="danger" on:click=erase>"Erase all data on this device"</button>
        </section>
    }
}
