//! The audits on this device: start this year's (afresh or from last year's answers),
//! import one, and the overview of a year with its sections, flags and next steps.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::{href, read, use_audits, with_year};
use crate::components::content::{filled, use_settings};
use crate::components::file_drop::FileDrop;
use crate::domain::audit::{checklist, date_flags, AcademicYear, Audit};
use crate::domain::envelope;
use crate::files::PickedFile;
use crate::state::{use_notices, Tone};
use crate::{browser, files};

#[component]
pub fn AuditHome() -> impl IntoView {
    let book = use_audits();
    let settings = use_settings();
    let notices = use_notices();
    let this_year = AcademicYear::containing(browser::today());
    let has_this_year = move || book.with(|b| b.get(this_year).is_some());
    let last = move || book.with(|b| b.before(this_year).map(|a| a.year));
    let start_fresh = move |_| {
        let audit = settings.with_untracked(|s| Audit::new(this_year, browser::now(), s));
        book.update(|b| b.put(audit));
    };
    let start_from_last = move |_| {
        book.update(|b| {
            if let Some(last) = b.before(this_year).cloned() {
                b.put(Audit::carried_from(&last, this_year, browser::now()));
            }
        });
    };
    let error = RwSignal::new(None::<String>);
    let on_files = Callback::new(move |picked: Vec<PickedFile>| {
        let Some(file) = picked.into_iter().next() else {
            return;
        };
        let result = file
            .text
            .and_then(|text| envelope::unwrap::<Audit>(&text).map_err(|e| e.to_string()));
        match result {
            Ok(audit) => {
                let year = audit.year;
                let replaces = book.with_untracked(|b| b.get(year).is_some());
                if replaces
                    && !browser::confirm(&format!(
                        "This device already has a {} audit. Replace it with the one in {}? The current one is downloaded first as a backup.",
                        year.label(),
                        file.name
                    ))
                {
                    return;
                }
                if replaces {
                    if let Some(current) = book.with_untracked(|b| b.get(year).cloned()) {
                        let backup = envelope::to_json(
                            &current,
                            browser::now(),
                            Some(&current.content_version),
                        );
                        let _ = files::download(
                            &format!("backup-{}", current.file_name()),
                            "application/json",
                            &backup,
                        );
                    }
                }
                book.update(|b| b.put(audit));
                error.set(None);
                notices.push(
                    Tone::Info,
                    format!(
                        "The {} audit has been imported from {}.",
                        year.label(),
                        file.name
                    ),
                );
            }
            Err(message) => error.set(Some(format!(
                "{} was not imported. {message} Nothing has been changed.",
                file.name
            ))),
        }
    });
    view! {
        <Title text="Audit" />
        <h1>"Online-safety audit"</h1>
        <p class="lead">
            "The DSL's annual review of online safety and of filtering and monitoring, item by item, with evidence and actions, "
            "ending in a report for governors. One audit per academic year; everything saves as you go."
        </p>
        <section aria-labelledby="this-year-heading" class="card">
            <h2 id="this-year-heading">{format!("This year: {}", this_year.label())}</h2>
            {move || if has_this_year() {
                view! { <p><A href=href(this_year, "") attr:class="button">{format!("Open the {} audit", this_year.label())}</A></p> }.into_any()
            } else {
                view! {
                    <p>"No audit has been started for this year on this device."</p>
                    <div class="actions">
                        {move || last().map(|y| view! {
                            <button type="button" on:click=start_from_last>{format!("Start from the {} answers", y.label())}</button>
                        })}
                        <button type="button" class=move || if last().is_some() { "secondary" } else { "" } on:click=start_fresh>{format!("Start a new {} audit", this_year.label())}</button>
                    </div>
                    {move || last().map(|y| view! {
                        <p class="hint">{format!("Starting from {} carries over your answers, evidence and unfinished actions; every rating is marked to be confirmed again.", y.label())}</p>
                    })}
                }.into_any()
            }}
        </section>
        <section aria-labelledby="all-years-heading">
            <h2 id="all-years-heading">"Audits on this device"</h2>
            {move || {
                let years: Vec<AcademicYear> = book.with(|b| b.audits.iter().rev().map(|a| a.year).collect());
                if years.is_empty() {
                    view! { <p>"None yet."</p> }.into_any()
                } else {
                    view! { <ul>{years.into_iter().map(|y| view! { <li><A href=href(y, "")>{format!("{} audit", y.label())}</A></li> }).collect_view()}</ul> }.into_any()
                }
            }}
        </section>
        <section aria-labelledby="import-heading">
            <h2 id="import-heading">"Import an audit"</h2>
            <p>"Bring in an audit exported from this app, for example from another computer. To compare with last year, open this year's summary instead."</p>
            <FileDrop id="audit-file" label="Choose an audit file" on_files />
            {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
        </section>
    }
}

/// The overview of one year's audit.
#[component]
pub fn YearPage() -> impl IntoView {
    with_year(|year| view! { <Year year /> })
}

#[component]
fn Year(year: AcademicYear) -> impl IntoView {
    let book = use_audits();
    let settings = use_settings();
    let notices = use_notices();
    let list = checklist();
    let today = browser::today();
    let flags = move || {
        let audit = book.with(|b| b.get(year).cloned());
        audit
            .map(|a| settings.with(|s| date_flags(s, &a, today)))
            .unwrap_or_default()
    };
    let export = move |_| {
        let Some(audit) = book.with_untracked(|b| b.get(year).cloned()) else {
            return;
        };
        let text = envelope::to_json(&audit, browser::now(), Some(&audit.content_version));
        if let Err(e) = files::download(&audit.file_name(), "application/json", &text) {
            notices.push(Tone::Error, e);
        }
    };
    let rows = list
        .sections
        .iter()
        .map(|section| {
            let summary = move || read(book, year, |a| Some(a.section_summary(section))).unwrap_or_default();
            view! {
                <tr>
                    <th scope="row"><A href=href(year, &format!("sections/{}", section.id))>{section.title.clone()}</A></th>
                    <td>{move || { let s = summary(); format!("{} of {}", s.answered, s.total) }}</td>
                    <td>{move || { let s = summary(); view! { <span class=rag_class(s.rag())>{s.rag().label()}</span> } }}</td>
                </tr>
            }
        })
        .collect_view();
    let reconfirm = move || {
        read(book, year, |a| {
            a.answers.values().filter(|x| x.needs_reconfirming).count()
        })
    };
    view! {
        <Title text=format!("{} audit", year.label()) />
        <p class="breadcrumb"><A href="/audit">"Audits"</A></p>
        <h1>{format!("Online-safety audit {}", year.label())}</h1>
        <p>{filled("For {school}. Answer each section, then record the filtering and monitoring review. The summary and the governors' report build themselves from your answers.".into())}</p>
        {move || {
            let flags = flags();
            (!flags.is_empty()).then(|| view! {
                <div class="notice notice-warning" role="note" aria-label="Dates to act on">
                    <ul>{flags.into_iter().map(|f| view! { <li>{f.message}</li> }).collect_view()}</ul>
                </div>
            })
        }}
        {move || {
            let n = reconfirm();
            (n > 0).then(|| view! { <p class="notice">{format!("{n} ratings were carried over from last year and need confirming.")}</p> })
        }}
        <div class="table-wrap">
            <table>
                <caption>"Sections"</caption>
                <thead><tr><th scope="col">"Section"</th><th scope="col">"Answered"</th><th scope="col">"Overall"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <ul class="link-list">
            <li><A href=href(year, "filtering")>"Filtering and monitoring review record"</A></li>
            <li><A href=href(year, "summary")>"Summary, action plan and year-on-year comparison"</A></li>
            <li><A href=href(year, "report")>"Governors' report"</A></li>
        </ul>
        <div class="actions">
            <button type="button" on:click=export>"Export this audit (JSON)"</button>
            <button type="button" class="danger" on:click=move |_| {
                if browser::confirm(&format!("Delete the {} audit from this device? Export it first if you may need it.", year.label())) {
                    book.update(|b| b.audits.retain(|a| a.year != year));
                }
            }>"Delete this audit"</button>
        </div>
        <p class="muted">{move || read(book, year, |a| format!("Started {}.", crate::domain::dates::long(a.started_at.date())))}</p>
    }
}

/// The tag classes for a RAG colour.
pub fn rag_class(rag: crate::domain::audit::Rag) -> &'static str {
    use crate::domain::audit::Rag;
    match rag {
        Rag::Red => "tag tag-red",
        Rag::Amber => "tag tag-amber",
        Rag::Green => "tag tag-green",
        Rag::NotApplicable | Rag::Unanswered => "tag tag-grey",
    }
}
