//! One section of the audit: each item with its guidance and source, a rating, evidence
//! notes and documents, and actions. Every change saves as it is made.

use crate::components::title::Title;
use leptos::prelude::*;

use crate::browser;
use crate::components::audit_year::{with_year, year_lens, NoAudit};
use crate::components::content::filled;
use crate::components::coverage::CoverageSummary;
use crate::components::fields::{Field, Input, Select};
use crate::components::link::Link;
use crate::components::references::RefLinks;
use crate::domain::audit::{
    date_flags, AcademicYear, Action, ActionStatus, Answer, AuditBook, Check, Checklist, DateFlag,
    Evidence, Item, Rating, Section,
};
use crate::domain::rng::make_id;
use crate::domain::text::Rule;
use crate::routes::{self, AuditPage};
use crate::state::{app, Lens};

#[component]
pub fn SectionPage(
    /// The year as the address writes it ("2026-27").
    year: String,
    /// The section's id, from the address.
    section: String,
) -> impl IntoView {
    with_year(&year, move |year, list| match list.section(&section) {
        Some(section) => view! { <SectionView year list section /> }.into_any(),
        None => view! { <NoAudit /> }.into_any(),
    })
}

#[component]
fn SectionView(
    year: AcademicYear,
    list: &'static Checklist,
    section: &'static Section,
) -> impl IntoView {
    let settings = app().settings();
    let audit = year_lens(year);
    let today = browser::today();
    // Computed once per change for the whole page; each card picks its own.
    let flags = Memo::new(move |_| audit.read(|a| settings.with(|s| date_flags(s, a, today))));
    let at = list
        .sections
        .iter()
        .position(|s| s.id == section.id)
        .unwrap_or(0);
    let prev = at.checked_sub(1).and_then(|i| list.sections.get(i));
    let next = list.sections.get(at + 1);
    let first = list
        .items()
        .position(|i| i.id == section.items[0].id)
        .unwrap_or(0);
    let link = move |s: &Section| routes::audit(year, AuditPage::Section(&s.id));
    view! {
        <Title text=format!("{} | {} audit", section.title, year.label()) />
        <p class="breadcrumb"><Link href=routes::AUDIT>"Audits"</Link> " › " <Link href=routes::audit(year, AuditPage::Overview)>{format!("{} audit", year.label())}</Link></p>
        <h1>{section.title.clone()}</h1>
        <p class="lead">{filled(section.summary.clone())}</p>
        {section.items.iter().enumerate().map(|(i, item)| view! { <ItemCard year item number=first + i + 1 flags /> }).collect_view()}
        <nav class="pager" aria-label="Sections">
            {prev.map(|s| view! { <Link href=link(s)>{format!("‹ {}", s.title)}</Link> })}
            <Link href=routes::audit(year, AuditPage::Overview)>"Back to the overview"</Link>
            {next.map(|s| view! { <Link href=link(s)>{format!("{} ›", s.title)}</Link> })}
        </nav>
    }
}

/// One item's answer in a year's audit (created when first changed).
fn answer_lens(year: AcademicYear, item: &'static str) -> Lens<AuditBook, Answer> {
    year_lens(year).focus(
        move |a| a.answers.get(item),
        move |a| Some(a.answers.entry(item.to_owned()).or_default()),
    )
}

#[component]
fn ItemCard(
    year: AcademicYear,
    item: &'static Item,
    number: usize,
    /// The year's date flags; the card shows those for its item.
    flags: Memo<Vec<DateFlag>>,
) -> impl IntoView {
    let answer = answer_lens(year, &item.id);
    let rating = move || answer.read(|a| a.rating);
    let reconfirm = move || answer.read(|a| a.needs_reconfirming);
    let mine = move || {
        flags.with(|all| {
            all.iter()
                .filter(|f| f.item_id.as_deref() == Some(item.id.as_str()))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let id = item.id.clone();
    let heading = format!("item-{id}");
    let labelled_by = heading.clone();
    let radios = Rating::ALL
        .into_iter()
        .map(|r| {
            let input = format!("{id}-rating-{}", r.id());
            let (rating, answer) = (rating, answer);
            view! {
                <div class="choice">
                    <input type="radio" id=input.clone() name=format!("{id}-rating") prop:checked=move || rating() == Some(r)
                        on:change=move |_| answer.update(|a| { a.rating = Some(r); a.needs_reconfirming = false; }) />
                    <label for=input>{r.label()}</label>
                </div>
            }
        })
        .collect_view();
    let not_applicable = {
        let (rating, answer) = (rating, answer);
        move || {
            (rating() == Some(Rating::NotApplicable)).then(|| view! {
                <Field id=format!("{}-na", item.id) label="Why it does not apply (required)"
                    bind=answer.text(|a| &a.not_applicable_reason, |a| &mut a.not_applicable_reason, Answer::REASON) />
            })
        }
    };
    view! {
        <article class="card audit-item" id=id aria-labelledby=labelled_by>
            <h2 id=heading class="item-question">{format!("{number}. ")}{filled(item.question.clone())}</h2>
            <p class="guidance"><strong>"What good looks like: "</strong>{filled(item.guidance.clone())} " " <RefLinks refs=item.refs.clone() /></p>
            {move || mine().into_iter().map(|f| view! {
                <p class=if f.passed { "notice notice-error" } else { "notice notice-warning" }>{f.message}</p>
            }).collect_view()}
            {move || reconfirm().then(|| view! {
                <p class="notice">{move || format!("Carried over from last year as \u{201c}{}\u{201d}: choose the rating again to confirm it.", rating().map_or("", Rating::label))}</p>
            })}
            {(item.check == Some(Check::TrainingCoverage)).then(|| view! {
                <div class="card coverage-note"><p><strong>"From the staff records: "</strong></p><CoverageSummary /></div>
            })}
            <fieldset class="rating">
                <legend>"Rating"</legend>
                <div class="choices-inline">{radios}</div>
            </fieldset>
            {not_applicable}
            <Field id=format!("{}-notes", item.id) label="Evidence notes" input=Input::Long bind=answer.text(|a| &a.notes, |a| &mut a.notes, Answer::NOTES) />
            <EvidenceList item=&item.id answer />
            <ActionList item=&item.id answer />
        </article>
    }
}

#[component]
fn EvidenceList(item: &'static str, answer: Lens<AuditBook, Answer>) -> impl IntoView {
    // Documents carry no id of their own, so rows follow their position.
    let count = Memo::new(move |_| answer.read(|a| a.evidence.len()));
    view! {
        <div class="rows">
            <h3 class="rows-heading">"Evidence documents"</h3>
            <For each=move || 0..count.get() key=|i| *i let:i>
                {
                    let doc = answer.focus(move |a| a.evidence.get(i), move |a| a.evidence.get_mut(i));
                    view! {
                        <div class="row-fields" role="group" aria-label=format!("Document {}", i + 1)>
                            <Field id=format!("{item}-doc-{i}") label="Document" bind=doc.text(|e| &e.document, |e| &mut e.document, Answer::DOCUMENT) />
                            <Field id=format!("{item}-doc-{i}-date") label="Dated" input=Input::Date bind=doc.date(|e| e.date, |e| &mut e.date) />
                            <button type="button" class="link-button" on:click=move |_| answer.update(|a| { if i < a.evidence.len() { a.evidence.remove(i); } })>
                                {format!("Remove document {}", i + 1)}
                            </button>
                        </div>
                    }
                }
            </For>
            <button type="button" class="secondary" on:click=move |_| answer.update(|a| a.evidence.push(Evidence::default()))>"Add a document"</button>
        </div>
    }
}

#[component]
fn ActionList(item: &'static str, answer: Lens<AuditBook, Answer>) -> impl IntoView {
    let ids = Memo::new(move |_| {
        answer.read(|a| a.actions.iter().map(|x| x.id.clone()).collect::<Vec<_>>())
    });
    view! {
        <div class="rows">
            <h3 class="rows-heading">"Actions"</h3>
            <For each=move || ids.get() key=|id| id.clone() let:action_id>
                {
                    let number = {
                        let action_id = action_id.clone();
                        move || ids.with(|ids| ids.iter().position(|x| *x == action_id).map_or(0, |i| i + 1))
                    };
                    let action = {
                        let (a1, a2) = (action_id.clone(), action_id.clone());
                        answer.focus(move |a| a.actions.iter().find(|x| x.id == a1), move |a| a.actions.iter_mut().find(|x| x.id == a2))
                    };
                    let field = format!("{item}-act-{action_id}");
                    let remove_label = number.clone();
                    view! {
                        <div class="row-fields" role="group" aria-label=move || format!("Action {}", number())>
                            <Field id=format!("{field}-what") label="What will be done" bind=action.text(|x| &x.what, |x| &mut x.what, Answer::ACTION) />
                            <Field id=format!("{field}-owner") label="Owner" bind=action.text(|x| &x.owner, |x| &mut x.owner, Rule::LINE) />
                            <Field id=format!("{field}-due") label="Due" input=Input::Date bind=action.date(|x| x.due, |x| &mut x.due) />
                            <Select id=format!("{field}-status") label="Status" value=Signal::derive(move || Some(action.read(|x| x.status))) on_change=Callback::new(move |s: Option<ActionStatus>| if let Some(s) = s { action.update(|x| x.status = s) }) />
                            <button type="button" class="link-button" on:click=move |_| answer.update(|a| a.actions.retain(|x| x.id != action_id))>
                                {move || format!("Remove action {}", remove_label())}
                            </button>
                        </div>
                    }
                }
            </For>
            <button type="button" class="secondary" on:click=move |_| answer.update(|a| a.actions.push(Action { id: make_id("x", browser::random_u64()), ..Action::default() }))>"Add an action"</button>
        </div>
    }
}
