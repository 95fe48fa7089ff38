//! The governors' report, made to print: a first page that summarises (overall picture,
//! chart, top risks, overdue actions), then each section in detail, the filtering review
//! record, training coverage, and sign-off.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::browser;
use crate::components::action_plan::ActionPlan;
use crate::components::audit_year::{figures, with_year, year_lens};
use crate::components::content::filled;
use crate::components::coverage::CoverageSummary;
use crate::components::fields::{Field, Input};
use crate::components::rag_chart::RagChart;
use crate::components::year_on_year::YearOnYear;
use crate::domain::audit::{date_flags, AcademicYear, Checklist, CONSIDERATIONS};
use crate::domain::dates::long as long_date;
use crate::routes::{self, AuditPage};

#[component]
pub fn ReportPage() -> impl IntoView {
    with_year(|year, list| view! { <Report year list /> })
}

#[component]
fn Report(year: AcademicYear, list: &'static Checklist) -> impl IntoView {
    let settings = crate::state::app().settings();
    let audit = year_lens(year);
    let today = browser::today();
    let figures = figures(year, list);
    let overall = move || {
        let rows = figures.get();
        let sum = |f: fn(&crate::domain::audit::SectionSummary) -> usize| {
            rows.iter().map(|r| f(&r.summary)).sum::<usize>()
        };
        let (total, answered) = (sum(|s| s.total), sum(|s| s.answered));
        let (red, amber, green) = (sum(|s| s.red), sum(|s| s.amber), sum(|s| s.green));
        format!("{answered} of {total} items answered: {green} green (in place), {amber} amber (partly in place) and {red} red (not in place, or not sure).")
    };
    let sign = audit.focus(|a| Some(&a.sign_off), |a| Some(&mut a.sign_off));
    view! {
        <Title text=format!("Governors' report | {} audit", year.label()) />
        <p class="breadcrumb no-print"><A href=routes::AUDIT>"Audits"</A> " › " <A href=routes::audit(year, AuditPage::Overview)>{format!("{} audit", year.label())}</A></p>
        <div class="actions no-print">
            <button type="button" on:click=|_| browser::print()>"Print the report"</button>
        </div>
        <article class="report" aria-labelledby="report-title">
            <header class="report-page">
                <h1 id="report-title">{move || settings.with(|s| format!("{}: online-safety audit {}", s.school_name, year.label()))}</h1>
                <p>{format!("Report to governors, prepared {}.", long_date(today))}</p>
                <section aria-labelledby="overall-heading">
                    <h2 id="overall-heading">"The overall picture"</h2>
                    <p>{overall}</p>
                    {move || {
                        let flags = audit.read(|a| settings.with(|s| date_flags(s, a, today)));
                        (!flags.is_empty()).then(|| view! { <ul class="flags">{flags.into_iter().map(|f| view! { <li>{f.message}</li> }).collect_view()}</ul> })
                    }}
                    <RagChart figures />
                </section>
                <section aria-labelledby="risks-heading">
                    <h2 id="risks-heading">"Top risks"</h2>
                    {move || {
                        let risks: Vec<(String, &'static str)> = audit.read(|a| a.top_risks(list).into_iter().take(8).map(|(i, r)| (i.question.clone(), r.label())).collect());
                        if risks.is_empty() {
                            view! { <p>"No item is rated No, Not sure or Partly."</p> }.into_any()
                        } else {
                            view! { <ol>{risks.into_iter().map(|(q, r)| view! { <li>{filled(q)} " " <strong>{format!("({r})")}</strong></li> }).collect_view()}</ol> }.into_any()
                        }
                    }}
                </section>
                <ActionPlan year list overdue_only=true />
            </header>
            {list.sections.iter().map(|section| view! {
                <section class="report-section" aria-labelledby=format!("rs-{}", section.id)>
                    <h2 id=format!("rs-{}", section.id)>{section.title.clone()}</h2>
                    <table class="report-items">
                        <thead><tr><th scope="col">"Item"</th><th scope="col">"Rating"</th><th scope="col">"Evidence"</th><th scope="col">"Actions"</th></tr></thead>
                        <tbody>
                            {section.items.iter().map(|item| {
                                let answer = move || audit.read(|a| a.answer(&item.id).cloned());
                                view! {
                                    <tr>
                                        <td>{filled(item.question.clone())}</td>
                                        <td>{move || answer().and_then(|a| a.rating.filter(|_| !a.needs_reconfirming)).map_or("Not answered", |r| r.label())}</td>
                                        <td>{move || answer().map(|a| {
                                            let docs: Vec<String> = a.evidence.iter().filter(|e| !e.document.trim().is_empty())
                                                .map(|e| match e.date { Some(d) => format!("{} ({})", e.document, long_date(d)), None => e.document.clone() }).collect();
                                            let mut text = a.notes.clone();
                                            if !a.not_applicable_reason.is_empty() { text = format!("Not applicable: {}. {text}", a.not_applicable_reason); }
                                            if !docs.is_empty() { text = format!("{text} Documents: {}.", docs.join("; ")); }
                                            text.trim().to_owned()
                                        })}</td>
                                        <td>{move || answer().map(|a| a.actions.iter().map(|x| format!("{} ({}, {}, {})", x.what, if x.owner.is_empty() { "no owner" } else { &x.owner }, x.due.map(long_date).unwrap_or_else(|| "no date".into()), x.status.label())).collect::<Vec<_>>().join("; "))}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            }).collect_view()}
            <section class="report-section" aria-labelledby="r-filtering">
                <h2 id="r-filtering">"Filtering and monitoring review record"</h2>
                {move || audit.read(|a| Some(a.filtering.clone())).map(|f| view! {
                    <dl class="facts">
                        <dt>"Senior leader"</dt><dd>{f.senior_leader.clone()}</dd>
                        <dt>"Governor"</dt><dd>{f.governor.clone()}</dd>
                        <dt>"DSL"</dt><dd>{f.dsl.clone()}</dd>
                        <dt>"IT service provider"</dt><dd>{f.it_provider.clone()}</dd>
                        <dt>"Filtering provider"</dt><dd>{f.filtering_provider.clone()}</dd>
                        <dt>"Monitoring provider"</dt><dd>{f.monitoring_provider.clone()}</dd>
                        <dt>"IWF member"</dt><dd>{f.iwf_member.label()}</dd>
                        <dt>"Blocks the CTIRU list"</dt><dd>{f.ctiru_list.label()}</dd>
                        <dt>"UK Safer Internet Centre self-certification"</dt><dd>{f.uksic_self_certified.label()}</dd>
                        <dt>"Reviewed on"</dt><dd>{f.reviewed_on.map(long_date).unwrap_or_else(|| "Not recorded".into())}</dd>
                        <dt>"Next review"</dt><dd>{f.next_review.map(long_date).unwrap_or_else(|| "Not set".into())}</dd>
                    </dl>
                    <h3>"What the review considered"</h3>
                    <dl class="facts">
                        {CONSIDERATIONS.into_iter().map(|(key, label)| view! { <dt>{label}</dt><dd>{f.considerations.get(key).cloned().unwrap_or_default()}</dd> }).collect_view()}
                    </dl>
                    <h3>"Blocked and allowed decisions"</h3>
                    <ul>{f.decisions.iter().map(|d| view! { <li>{format!("{}: {}. {}", d.what, if d.allowed { "allowed" } else { "blocked" }, d.reason)}</li> }).collect_view()}</ul>
                    <h3>"Check log"</h3>
                    <table class="check-log">
                        <thead><tr><th scope="col">"Date"</th><th scope="col">"Who"</th><th scope="col">"Device"</th><th scope="col">"Location"</th><th scope="col">"User group"</th><th scope="col">"Tested"</th><th scope="col">"Result"</th><th scope="col">"Action"</th></tr></thead>
                        <tbody>{f.checks.iter().map(|c| view! {
                            <tr><td>{c.date.map(long_date).unwrap_or_default()}</td><td>{c.who.clone()}</td><td>{c.device.clone()}</td><td>{c.location.clone()}</td><td>{c.user_group.clone()}</td><td>{c.tested.clone()}</td><td>{c.result.clone()}</td><td>{c.action.clone()}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                })}
            </section>
            <section class="report-section" aria-labelledby="r-training">
                <h2 id="r-training">"Training coverage"</h2>
                <CoverageSummary />
            </section>
            <section class="report-section" aria-labelledby="r-yoy">
                <h2 id="r-yoy">"Compared with last year"</h2>
                <YearOnYear year list />
            </section>
            <section class="report-section sign-off" aria-labelledby="r-sign">
                <h2 id="r-sign">"Sign-off"</h2>
                <div class="sign-grid">
                    <Field id="so-dsl" label="Designated Safeguarding Lead" bind=sign.text(|s| &s.dsl, |s| &mut s.dsl) />
                    <Field id="so-dsl-date" label="Date signed by the DSL" input=Input::Date bind=sign.date(|s| s.dsl_date, |s| &mut s.dsl_date) />
                    <Field id="so-gov" label="Governor" bind=sign.text(|s| &s.governor, |s| &mut s.governor) />
                    <Field id="so-gov-date" label="Date signed by the governor" input=Input::Date bind=sign.date(|s| s.governor_date, |s| &mut s.governor_date) />
                </div>
            </section>
        </article>
    }
}
