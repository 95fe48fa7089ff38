//! The audits on this device: start this year's (afresh or from last year's answers),
//! import one, and the overview of a year with its sections, flags and next steps.

use crate::components::title::Title;
use leptos::prelude::*;

use crate::browser;
use crate::components::audit_year::{figures, with_year, year_lens};
use crate::components::content::filled;
use crate::components::file_drop::FileDrop;
use crate::components::import_report::{FileReport, ImportReport};
use crate::components::link::Link;
use crate::components::loading::when_loaded;
use crate::components::page_head::PageHead;
use crate::components::shared_browser::SharedBrowserWarning;
use crate::components::tag::Tag;
use crate::domain::audit::{date_flags, AcademicYear, Audit, Checklist};
use crate::domain::envelope;
use crate::files::PickedFile;
use crate::routes::{self, AuditPage};
use crate::state::{app, Tone};

#[component]
pub fn AuditHome() -> impl IntoView {
    let app = app();
    when_loaded(move || app.checklist(), |list| view! { <Audits list /> })
}

#[component]
fn Audits(list: &'static Checklist) -> impl IntoView {
    let app = app();
    let (book, settings) = (app.audits(), app.settings());
    let this_year = AcademicYear::containing(browser::today());
    let has_this_year = move || book.with(|b| b.get(this_year).is_some());
    let last = move || book.with(|b| b.before(this_year).map(|a| a.year));
    let start_fresh = move |_| {
        let audit = settings.with_untracked(|s| Audit::new(this_year, browser::now(), s, list));
        book.update(|b| b.put(audit));
    };
    let start_from_last = move |_| {
        book.update(|b| {
            if let Some(last) = b.before(this_year).cloned() {
                b.put(Audit::carried_from(&last, this_year, browser::now(), list));
            }
        });
    };
    let report = RwSignal::new(Vec::<FileReport>::new());
    let on_files = Callback::new(move |picked: Vec<PickedFile>| {
        let Some(file) = picked.into_iter().next() else {
            return;
        };
        let result = file
            .text
            .map_err(|e| e.to_string())
            .and_then(|text| envelope::unwrap::<Audit>(&text).map_err(|e| e.to_string()));
        match result {
            Ok(audit) => {
                let year = audit.year;
                let replaces = book.with_untracked(|b| b.get(year).is_some());
                if replaces
                    && !browser::confirm(&format!(
                        "This device already has a {} audit. Replace it with the one in {}? The current audits are kept as a backup on the Your data page.",
                        year.label(),
                        file.name
                    ))
                {
                    return;
                }
                // Through the state's import, so what it replaces is backed up first.
                let mut audits = book.get_untracked();
                audits.put(audit);
                let part = envelope::wrap(&audits, browser::now(), None);
                report.set(Vec::new());
                leptos::task::spawn_local(async move {
                    match app.apply(&[part]).await {
                        Ok(()) => app.notices.push(
                            Tone::Info,
                            format!(
                                "The {} audit has been imported from {}.",
                                year.label(),
                                file.name
                            ),
                        ),
                        Err(e) => app.notices.storage_error(&e),
                    }
                });
            }
            Err(message) => report.set(vec![FileReport::refused(file.name, message)]),
        }
    });
    view! {
        <PageHead
            title="Audit"
            heading="Online-safety audit"
            lead="The DSL's annual review of online safety and of filtering and monitoring, item by item, with evidence and actions, ending in a report for governors. One audit per academic year; everything saves as you go."
        />
        <SharedBrowserWarning what="the audits and their evidence" />
        <section aria-labelledby="this-year-heading" class="card">
            <h2 id="this-year-heading">{format!("This year: {}", this_year.label())}</h2>
            {move || if has_this_year() {
                view! { <p><Link href=routes::audit(this_year, AuditPage::Overview) class="button">{format!("Open the {} audit", this_year.label())}</Link></p> }.into_any()
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
                    view! { <ul>{years.into_iter().map(|y| view! { <li><Link href=routes::audit(y, AuditPage::Overview)>{format!("{} audit", y.label())}</Link></li> }).collect_view()}</ul> }.into_any()
                }
            }}
        </section>
        <section aria-labelledby="import-heading">
            <h2 id="import-heading">"Import an audit"</h2>
            <p>"Bring in an audit exported from this app, for example from another computer. To compare with last year, open this year's summary instead."</p>
            <FileDrop id="audit-file" label="Choose an audit file" on_files />
            <ImportReport reports=report />
        </section>
    }
}

/// The overview of one year's audit.
#[component]
pub fn YearPage(
    /// The year as the address writes it ("2026-27").
    year: String,
) -> impl IntoView {
    with_year(&year, |year, list| view! { <Year year list /> })
}

#[component]
fn Year(year: AcademicYear, list: &'static Checklist) -> impl IntoView {
    let app = app();
    let (book, settings) = (app.audits(), app.settings());
    let audit = year_lens(year);
    let today = browser::today();
    let flags = move || audit.read(|a| settings.with(|s| date_flags(s, a, today)));
    let export = move |_| {
        let Some((name, text)) = book.with_untracked(|b| {
            b.get(year).map(|a| {
                let text = envelope::to_json(a, browser::now(), Some(&a.content_version));
                (a.file_name(), text)
            })
        }) else {
            return;
        };
        app.download(&name, "application/json", &text);
    };
    let figures = figures(year, list);
    let rows = move || {
        figures
            .get()
            .into_iter()
            .map(|f| {
                let rag = f.summary.rag();
                view! {
                    <tr>
                        <th scope="row"><Link href=routes::audit(year, AuditPage::Section(f.id))>{f.title}</Link></th>
                        <td>{format!("{} of {}", f.summary.answered, f.summary.total)}</td>
                        <td><Tag standing=rag.standing() text=rag.label() /></td>
                    </tr>
                }
            })
            .collect_view()
    };
    let reconfirm =
        move || audit.read(|a| a.answers.values().filter(|x| x.needs_reconfirming).count());
    view! {
        <Title text=format!("{} audit", year.label()) />
        <p class="breadcrumb"><Link href=routes::AUDIT>"Audits"</Link></p>
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
            <li><Link href=routes::audit(year, AuditPage::Filtering)>"Filtering and monitoring review record"</Link></li>
            <li><Link href=routes::audit(year, AuditPage::Summary)>"Summary, action plan and year-on-year comparison"</Link></li>
            <li><Link href=routes::audit(year, AuditPage::Report)>"Governors' report"</Link></li>
        </ul>
        <div class="actions">
            <button type="button" on:click=export>"Export this audit (JSON)"</button>
            <button type="button" class="danger" on:click=move |_| {
                if browser::confirm(&format!("Delete the {} audit from this device? Export it first if you may need it.", year.label())) {
                    book.update(|b| b.audits.retain(|a| a.year != year));
                }
            }>"Delete this audit"</button>
        </div>
        <p class="muted">{move || audit.read(|a| format!("Started {}.", crate::domain::dates::long(a.started_at.date())))}</p>
    }
}
