//! The audit summary: completion and RAG per section (table and chart), the action plan,
//! unanswered items, and the comparison with last year's audit.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::home::rag_class;
use super::{href, read, update, use_audits, with_year};
use crate::browser;
use crate::components::content::filled;
use crate::components::file_drop::FileDrop;
use crate::domain::audit::{checklist, AcademicYear, Audit, Change, Rag, SectionSummary};
use crate::domain::dates::long as long_date;
use crate::domain::envelope;
use crate::files::PickedFile;
use crate::state::{use_notices, Tone};

#[component]
pub fn SummaryPage() -> impl IntoView {
    with_year(|year| view! { <Summary year /> })
}

/// Every section's figures for a year, reactively.
pub fn summaries(
    year: AcademicYear,
) -> impl Fn() -> Vec<(&'static str, &'static str, SectionSummary)> + Copy {
    let book = use_audits();
    move || {
        read(book, year, |a| {
            checklist()
                .sections
                .iter()
                .map(|s| (s.id.as_str(), s.title.as_str(), a.section_summary(s)))
                .collect()
        })
    }
}

#[component]
fn Summary(year: AcademicYear) -> impl IntoView {
    let book = use_audits();
    let notices = use_notices();
    let list = checklist();
    let figures = summaries(year);
    let error = RwSignal::new(None::<String>);
    let compare_with = Callback::new(move |picked: Vec<PickedFile>| {
        let Some(file) = picked.into_iter().next() else {
            return;
        };
        match file
            .text
            .and_then(|t| envelope::unwrap::<Audit>(&t).map_err(|e| e.to_string()))
        {
            Ok(last) if last.year >= year => error.set(Some(format!(
                "{} holds the {} audit; choose an earlier year's audit to compare with {}.",
                file.name,
                last.year.label(),
                year.label()
            ))),
            Ok(last) => {
                update(book, year, |a| a.previous = Some(last.ratings()));
                error.set(None);
                notices.push(
                    Tone::Info,
                    format!(
                        "Comparing with the {} audit from {}.",
                        last.year.label(),
                        file.name
                    ),
                );
            }
            Err(e) => error.set(Some(format!(
                "{} was not used. {e} Nothing has been changed.",
                file.name
            ))),
        }
    });
    view! {
        <Title text=format!("Summary | {} audit", year.label()) />
        <p class="breadcrumb"><A href="/audit">"Audits"</A> " › " <A href=href(year, "")>{format!("{} audit", year.label())}</A></p>
        <h1>{format!("Summary of the {} audit", year.label())}</h1>
        <section aria-labelledby="sections-heading">
            <h2 id="sections-heading">"Sections"</h2>
            <div class="table-wrap">
                <table>
                    <thead><tr><th scope="col">"Section"</th><th scope="col">"Answered"</th><th scope="col">"Red"</th><th scope="col">"Amber"</th><th scope="col">"Green"</th><th scope="col">"Not applicable"</th><th scope="col">"Overall"</th></tr></thead>
                    <tbody>
                        {move || figures().into_iter().map(|(id, title, s)| view! {
                            <tr>
                                <th scope="row"><A href=href(year, &format!("sections/{id}"))>{title}</A></th>
                                <td>{format!("{} of {} ({}%)", s.answered, s.total, s.percent())}</td>
                                <td>{s.red}</td><td>{s.amber}</td><td>{s.green}</td><td>{s.not_applicable}</td>
                                <td><span class=rag_class(s.rag())>{s.rag().label()}</span></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <RagChart year />
        </section>
        <ActionPlan year />
        <section aria-labelledby="unanswered-heading">
            <h2 id="unanswered-heading">"Still to answer"</h2>
            {move || {
                let items: Vec<(String, String)> = read(book, year, |a| a.unanswered(list).into_iter().map(|i| (i.id.clone(), i.question.clone())).collect());
                if items.is_empty() {
                    return view! { <p>"Every item has been answered."</p> }.into_any();
                }
                view! {
                    <p>{format!("{} items are not answered yet (carried-over ratings count until confirmed).", items.len())}</p>
                    <ul>{items.into_iter().map(|(id, q)| {
                        let section = list.item(&id).map(|(s, _)| s.id.clone()).unwrap_or_default();
                        view! { <li><A href=format!("{}#{id}", href(year, &format!("sections/{section}")))>{filled(q)}</A></li> }
                    }).collect_view()}</ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="yoy-heading">
            <h2 id="yoy-heading">"Compared with last year"</h2>
            <YearOnYear year />
            <FileDrop id="previous-audit" label="Import last year's audit to compare" on_files=compare_with />
            {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
        </section>
        <p><A href=href(year, "report") attr:class="button">"Open the governors' report"</A></p>
    }
}

/// The action plan across every item, soonest due first, overdue flagged.
#[component]
pub fn ActionPlan(year: AcademicYear, #[prop(optional)] overdue_only: bool) -> impl IntoView {
    let book = use_audits();
    let today = browser::today();
    let heading = if overdue_only {
        "Overdue actions"
    } else {
        "Action plan"
    };
    let heading_id = if overdue_only {
        "overdue-heading"
    } else {
        "plan-heading"
    };
    view! {
        <section aria-labelledby=heading_id>
            <h2 id=heading_id>{heading}</h2>
            {move || {
                let plan: Vec<_> = read(book, year, |a| a.action_plan(checklist(), today))
                    .into_iter()
                    .filter(|p| !overdue_only || p.overdue)
                    .collect();
                if plan.is_empty() {
                    let none = if overdue_only { "No actions are overdue." } else { "No actions recorded yet." };
                    return view! { <p>{none}</p> }.into_any();
                }
                view! {
                    <div class="table-wrap">
                        <table class="action-plan">
                            <thead><tr><th scope="col">"Due"</th><th scope="col">"Action"</th><th scope="col">"Owner"</th><th scope="col">"Status"</th><th scope="col">"For item"</th></tr></thead>
                            <tbody>
                                {plan.into_iter().map(|p| view! {
                                    <tr class:overdue=p.overdue>
                                        <td>{p.action.due.map(long_date).unwrap_or_else(|| "No date".into())}{p.overdue.then(|| view! { " " <span class="tag tag-red">"Overdue"</span> })}</td>
                                        <td>{p.action.what.clone()}</td>
                                        <td>{p.action.owner.clone()}</td>
                                        <td>{p.action.status.label()}</td>
                                        <td>{filled(p.question.clone())}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// Ratings that changed since the imported previous audit.
#[component]
pub fn YearOnYear(year: AcademicYear) -> impl IntoView {
    let book = use_audits();
    let list = checklist();
    move || {
        let (previous, changes) = read(book, year, |a| {
            (a.previous.as_ref().map(|p| p.year), a.compare(list))
        });
        let Some(previous) = previous else {
            return view! { <p>"No earlier audit to compare with yet."</p> }.into_any();
        };
        let count = |f: fn(&Change) -> bool| changes.iter().filter(|(_, c)| f(c)).count();
        let improved = count(|c| matches!(c, Change::Improved(_)));
        let worsened = count(|c| matches!(c, Change::Worsened(_)));
        let new = count(|c| matches!(c, Change::New));
        let rows: Vec<_> = changes
            .iter()
            .filter(|(_, c)| !matches!(c, Change::Same))
            .filter_map(|(id, c)| {
                let (_, item) = list.item(id)?;
                let now = read(book, year, |a| a.answer(id).and_then(|x| x.rating));
                let (label, then) = match c {
                    Change::Improved(r) => ("Improved", Some(*r)),
                    Change::Worsened(r) => ("Worsened", Some(*r)),
                    Change::Different(r) => ("Changed", Some(*r)),
                    Change::New => ("New this year", None),
                    Change::Same => return None,
                };
                Some(view! {
                    <tr>
                        <td>{filled(item.question.clone())}</td>
                        <td>{then.map_or("Not rated", |r| r.label())}</td>
                        <td>{now.map_or("Not rated", |r| r.label())}</td>
                        <td>{label}</td>
                    </tr>
                })
            })
            .collect();
        view! {
            <p>{format!("Against the {} audit: {improved} improved, {worsened} worsened, {new} rated for the first time.", previous.label())}</p>
            <div class="table-wrap">
                <table class="year-on-year">
                    <thead><tr><th scope="col">"Item"</th><th scope="col">{previous.label()}</th><th scope="col">{year.label()}</th><th scope="col">"Change"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    }
}

/// A stacked bar per section: red, amber, green, not applicable, not answered.
#[component]
pub fn RagChart(year: AcademicYear) -> impl IntoView {
    let figures = summaries(year);
    // Whole-pixel geometry: no float formatting in the wasm.
    const LABEL_W: usize = 230;
    const BAR_W: usize = 400;
    const ROW_H: usize = 30;
    let parts = |s: &SectionSummary| {
        [
            (Rag::Red, s.red),
            (Rag::Amber, s.amber),
            (Rag::Green, s.green),
            (Rag::NotApplicable, s.not_applicable),
            (
                Rag::Unanswered,
                s.total - s.red - s.amber - s.green - s.not_applicable,
            ),
        ]
    };
    move || {
        let rows = figures();
        let height = ROW_H * rows.len() + 40;
        let described = rows
            .iter()
            .map(|(_, title, s)| {
                let [r, a, g, na, none] = parts(s).map(|(_, n)| n);
                format!("{title}: {r} red, {a} amber, {g} green, {na} not applicable, {none} not answered.")
            })
            .collect::<Vec<_>>()
            .join(" ");
        view! {
            <figure class="rag-chart">
                <svg viewBox=format!("0 0 {} {height}", LABEL_W + BAR_W + 10) role="img" aria-labelledby="rag-title rag-desc" width="100%">
                    <title id="rag-title">"Ratings by section"</title>
                    <desc id="rag-desc">{described}</desc>
                    {rows.iter().enumerate().map(|(i, (_, title, s))| {
                        let y = i * ROW_H + 4;
                        let mut x = LABEL_W;
                        let total = s.total.max(1);
                        let bars = parts(s).into_iter().filter(|(_, n)| *n > 0).map(|(rag, n)| {
                            let w = BAR_W * n / total;
                            let bar = view! { <rect x=x.to_string() y=y.to_string() width=w.to_string() height="20" class=format!("rag-{}", rag_id(rag)) /> };
                            x += w;
                            bar
                        }).collect_view();
                        view! {
                            <text x=(LABEL_W - 8).to_string() y=(y + 15).to_string() text-anchor="end">{*title}</text>
                            {bars}
                        }
                    }).collect_view()}
                    {[Rag::Red, Rag::Amber, Rag::Green, Rag::NotApplicable, Rag::Unanswered].into_iter().enumerate().map(|(i, rag)| {
                        let x = LABEL_W + i * 85;
                        let y = ROW_H * rows.len() + 14;
                        view! {
                            <rect x=x.to_string() y=y.to_string() width="12" height="12" class=format!("rag-{}", rag_id(rag)) />
                            <text x=(x + 16).to_string() y=(y + 11).to_string() class="legend">{rag.label()}</text>
                        }
                    }).collect_view()}
                </svg>
            </figure>
        }
    }
}

fn rag_id(rag: Rag) -> &'static str {
    match rag {
        Rag::Red => "red",
        Rag::Amber => "amber",
        Rag::Green => "green",
        Rag::NotApplicable => "na",
        Rag::Unanswered => "none",
    }
}
