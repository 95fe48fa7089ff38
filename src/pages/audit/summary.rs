//! The audit summary: completion and RAG per section (table and chart), the action plan,
//! unanswered items, and the comparison with last year's audit.

use crate::components::title::Title;
use leptos::prelude::*;

use crate::components::action_plan::ActionPlan;
use crate::components::audit_year::{figures, with_year, year_lens};
use crate::components::content::filled;
use crate::components::file_drop::FileDrop;
use crate::components::import_report::{FileReport, ImportReport};
use crate::components::link::Link;
use crate::components::rag_chart::RagChart;
use crate::components::tag::Tag;
use crate::components::year_on_year::YearOnYear;
use crate::domain::audit::{AcademicYear, Audit, Checklist};
use crate::domain::envelope;
use crate::files::PickedFile;
use crate::routes::{self, AuditPage};
use crate::state::{app, Tone};

#[component]
pub fn SummaryPage(
    /// The year as the address writes it ("2026-27").
    year: String,
) -> impl IntoView {
    with_year(&year, |year, list| view! { <Summary year list /> })
}

#[component]
fn Summary(year: AcademicYear, list: &'static Checklist) -> impl IntoView {
    let app = app();
    let audit = year_lens(year);
    let figures = figures(year, list);
    let report = RwSignal::new(Vec::<FileReport>::new());
    let set_previous = audit;
    let compare_with = Callback::new(move |picked: Vec<PickedFile>| {
        let Some(file) = picked.into_iter().next() else {
            return;
        };
        match file
            .text
            .map_err(|e| e.to_string())
            .and_then(|t| envelope::unwrap::<Audit>(&t).map_err(|e| e.to_string()))
        {
            Ok(last) if last.year >= year => report.set(vec![FileReport::refused(
                file.name,
                format!(
                    "It holds the {} audit; choose an earlier year's audit to compare with {}.",
                    last.year.label(),
                    year.label()
                ),
            )]),
            Ok(last) => {
                set_previous.update(|a| a.previous = Some(last.ratings()));
                report.set(Vec::new());
                app.notices.push(
                    Tone::Info,
                    format!(
                        "Comparing with the {} audit from {}.",
                        last.year.label(),
                        file.name
                    ),
                );
            }
            Err(e) => report.set(vec![FileReport::refused(file.name, e)]),
        }
    });
    view! {
        <Title text=format!("Summary | {} audit", year.label()) />
        <p class="breadcrumb"><Link href=routes::AUDIT>"Audits"</Link> " › " <Link href=routes::audit(year, AuditPage::Overview)>{format!("{} audit", year.label())}</Link></p>
        <h1>{format!("Summary of the {} audit", year.label())}</h1>
        <section aria-labelledby="sections-heading">
            <h2 id="sections-heading">"Sections"</h2>
            <div class="table-wrap">
                <table>
                    <thead><tr><th scope="col">"Section"</th><th scope="col">"Answered"</th><th scope="col">"Red"</th><th scope="col">"Amber"</th><th scope="col">"Green"</th><th scope="col">"Not applicable"</th><th scope="col">"Overall"</th></tr></thead>
                    <tbody>
                        {move || figures.get().into_iter().map(|f| {
                            let s = f.summary;
                            view! {
                                <tr>
                                    <th scope="row"><Link href=routes::audit(year, AuditPage::Section(f.id))>{f.title}</Link></th>
                                    <td>{format!("{} of {} ({}%)", s.answered, s.total, s.percent())}</td>
                                    <td>{s.red}</td><td>{s.amber}</td><td>{s.green}</td><td>{s.not_applicable}</td>
                                    <td><Tag standing=s.rag().standing() text=s.rag().label() /></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <RagChart figures />
        </section>
        <ActionPlan year list />
        <section aria-labelledby="unanswered-heading">
            <h2 id="unanswered-heading">"Still to answer"</h2>
            {move || {
                let items: Vec<(String, String)> = audit.read(|a| a.unanswered(list).into_iter().map(|i| (i.id.clone(), i.question.clone())).collect());
                if items.is_empty() {
                    return view! { <p>"Every item has been answered."</p> }.into_any();
                }
                view! {
                    <p>{format!("{} items are not answered yet (carried-over ratings count until confirmed).", items.len())}</p>
                    <ul>{items.into_iter().map(|(id, q)| {
                        let section = list.item(&id).map(|(s, _)| s.id.as_str()).unwrap_or_default();
                        view! { <li><Link href=routes::audit(year, AuditPage::Item { section, item: &id })>{filled(q)}</Link></li> }
                    }).collect_view()}</ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="yoy-heading">
            <h2 id="yoy-heading">"Compared with last year"</h2>
            <YearOnYear year list />
            <FileDrop id="previous-audit" label="Import last year's audit to compare" on_files=compare_with />
            <ImportReport reports=report />
        </section>
        <p><Link href=routes::audit(year, AuditPage::Report) class="button">"Open the governors' report"</Link></p>
    }
}
