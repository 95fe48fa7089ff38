//! One section of the audit: each item with its guidance and source, a rating, evidence
//! notes and documents, and actions. Every change saves as it is made.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::fields::{date_text, parse_date, Field};
use super::{href, read, update, use_audits, with_year, NoAudit};
use crate::browser;
use crate::components::content::{filled, use_settings};
use crate::components::references::RefLinks;
use crate::domain::audit::{
    checklist, date_flags, AcademicYear, Action, ActionStatus, Answer, Check, Evidence, Item,
    Rating, Section,
};
use crate::domain::rng::make_id;

#[component]
pub fn SectionPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.read_untracked().get("section").unwrap_or_default();
    match checklist().section(&id) {
        Some(section) => with_year(move |year| view! { <SectionView year section /> }).into_any(),
        None => view! { <NoAudit /> }.into_any(),
    }
}

#[component]
fn SectionView(year: AcademicYear, section: &'static Section) -> impl IntoView {
    let list = checklist();
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
    view! {
        <Title text=format!("{} | {} audit", section.title, year.label()) />
        <p class="breadcrumb"><A href="/audit">"Audits"</A> " › " <A href=href(year, "")>{format!("{} audit", year.label())}</A></p>
        <h1>{section.title.clone()}</h1>
        <p class="lead">{filled(section.summary.clone())}</p>
        {section.items.iter().enumerate().map(|(i, item)| view! { <ItemCard year item number=first + i + 1 /> }).collect_view()}
        <nav class="pager" aria-label="Sections">
            {prev.map(|s| view! { <A href=href(year, &format!("sections/{}", s.id))>{format!("‹ {}", s.title)}</A> })}
            <A href=href(year, "")>"Back to the overview"</A>
            {next.map(|s| view! { <A href=href(year, &format!("sections/{}", s.id))>{format!("{} ›", s.title)}</A> })}
        </nav>
    }
}

/// Reads or changes one item's answer.
#[derive(Clone, Copy)]
struct Bound {
    year: AcademicYear,
    item: &'static str,
}

impl Bound {
    fn get<T: Default>(self, f: impl FnOnce(&Answer) -> T) -> T {
        read(use_audits(), self.year, |a| {
            a.answers.get(self.item).map(f).unwrap_or_default()
        })
    }

    fn set(self, f: impl FnOnce(&mut Answer)) {
        update(use_audits(), self.year, |a| {
            f(a.answers.entry(self.item.to_owned()).or_default())
        });
    }
}

#[component]
fn ItemCard(year: AcademicYear, item: &'static Item, number: usize) -> impl IntoView {
    let book = use_audits();
    let settings = use_settings();
    let at = Bound {
        year,
        item: &item.id,
    };
    let get = move |f: fn(&Answer) -> String| Signal::derive(move || at.get(f));
    let rating = move || at.get(|a| a.rating);
    let reconfirm = move || at.get(|a| a.needs_reconfirming);
    let flags = move || {
        let audit = book.with(|b| b.get(year).cloned());
        audit
            .map(|a| settings.with(|s| date_flags(s, &a, browser::today())))
            .unwrap_or_default()
            .into_iter()
            .filter(|f| f.item_id.as_deref() == Some(item.id.as_str()))
            .collect::<Vec<_>>()
    };
    let id = item.id.clone();
    let heading = format!("item-{id}");
    let labelled_by = heading.clone();
    let radios = Rating::ALL
        .into_iter()
        .map(|r| {
            let input = format!("{id}-rating-{}", r.id());
            view! {
                <div class="choice">
                    <input type="radio" id=input.clone() name=format!("{id}-rating") prop:checked=move || rating() == Some(r)
                        on:change=move |_| at.set(|a| { a.rating = Some(r); a.needs_reconfirming = false; }) />
                    <label for=input>{r.label()}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <article class="card audit-item" id=id aria-labelledby=labelled_by>
            <h2 id=heading class="item-question">{format!("{number}. ")}{filled(item.question.clone())}</h2>
            <p class="guidance"><strong>"What good looks like: "</strong>{filled(item.guidance.clone())} " " <RefLinks refs=item.refs.clone() /></p>
            {move || flags().into_iter().map(|f| view! {
                <p class=if f.passed { "notice notice-error" } else { "notice notice-warning" }>{f.message}</p>
            }).collect_view()}
            {move || reconfirm().then(|| view! {
                <p class="notice">{move || format!("Carried over from last year as \u{201c}{}\u{201d}: choose the rating again to confirm it.", rating().map_or("", Rating::label))}</p>
            })}
            {(item.check == Some(Check::TrainingCoverage)).then(|| view! {
                <div class="card coverage-note"><p><strong>"From the staff records: "</strong></p><crate::pages::staff::CoverageSummary /></div>
            })}
            <fieldset class="rating">
                <legend>"Rating"</legend>
                <div class="choices-inline">{radios}</div>
            </fieldset>
            {move || (rating() == Some(Rating::NotApplicable)).then(|| view! {
                <Field id=format!("{}-na", item.id) label="Why it does not apply (required)" value=get(|a| a.not_applicable_reason.clone())
                    set=Callback::new(move |v| at.set(|a| a.not_applicable_reason = v)) />
            })}
            <Field id=format!("{}-notes", item.id) label="Evidence notes" kind="textarea" value=get(|a| a.notes.clone())
                set=Callback::new(move |v| at.set(|a| a.notes = v)) />
            <EvidenceList at />
            <ActionList at />
        </article>
    }
}

#[component]
fn EvidenceList(at: Bound) -> impl IntoView {
    let count = Memo::new(move |_| at.get(|a| a.evidence.len()));
    let id = at.item;
    view! {
        <div class="rows">
            <h3 class="rows-heading">"Evidence documents"</h3>
            <For each=move || 0..count.get() key=|i| *i let:i>
                <div class="row-fields" role="group" aria-label=format!("Document {}", i + 1)>
                    <Field id=format!("{id}-doc-{i}") label="Document" value=Signal::derive(move || at.get(|a| a.evidence.get(i).map(|e| e.document.clone()).unwrap_or_default()))
                        set=Callback::new(move |v| at.set(|a| if let Some(e) = a.evidence.get_mut(i) { e.document = v })) />
                    <Field id=format!("{id}-doc-{i}-date") label="Dated" kind="date" value=Signal::derive(move || at.get(|a| date_text(a.evidence.get(i).and_then(|e| e.date))))
                        set=Callback::new(move |v: String| at.set(|a| if let Some(e) = a.evidence.get_mut(i) { e.date = parse_date(&v) })) />
                    <button type="button" class="link-button" on:click=move |_| at.set(|a| { if i < a.evidence.len() { a.evidence.remove(i); } })>
                        {format!("Remove document {}", i + 1)}
                    </button>
                </div>
            </For>
            <button type="button" class="secondary" on:click=move |_| at.set(|a| a.evidence.push(Evidence::default()))>"Add a document"</button>
        </div>
    }
}

#[component]
fn ActionList(at: Bound) -> impl IntoView {
    let count = Memo::new(move |_| at.get(|a| a.actions.len()));
    let id = at.item;
    let text = move |i: usize, f: fn(&Action) -> String| {
        Signal::derive(move || at.get(|a| a.actions.get(i).map(f).unwrap_or_default()))
    };
    let edit = move |i: usize, f: fn(&mut Action, String)| {
        Callback::new(move |v: String| {
            at.set(|a| {
                if let Some(x) = a.actions.get_mut(i) {
                    f(x, v)
                }
            })
        })
    };
    view! {
        <div class="rows">
            <h3 class="rows-heading">"Actions"</h3>
            <For each=move || 0..count.get() key=|i| *i let:i>
                <div class="row-fields" role="group" aria-label=format!("Action {}", i + 1)>
                    <Field id=format!("{id}-act-{i}-what") label="What will be done" value=text(i, |x| x.what.clone()) set=edit(i, |x, v| x.what = v) />
                    <Field id=format!("{id}-act-{i}-owner") label="Owner" value=text(i, |x| x.owner.clone()) set=edit(i, |x, v| x.owner = v) />
                    <Field id=format!("{id}-act-{i}-due") label="Due" kind="date" value=text(i, |x| date_text(x.due)) set=edit(i, |x, v| x.due = parse_date(&v)) />
                    <div class="field">
                        <label for=format!("{id}-act-{i}-status")>"Status"</label>
                        <select id=format!("{id}-act-{i}-status")
                            prop:value=move || at.get(|a| a.actions.get(i).map(|x| x.status.id()).unwrap_or_default()).to_owned()
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                at.set(|a| if let (Some(x), Some(s)) = (a.actions.get_mut(i), ActionStatus::ALL.into_iter().find(|s| s.id() == v)) { x.status = s });
                            }>
                            {ActionStatus::ALL.into_iter().map(|s| view! { <option value=s.id()>{s.label()}</option> }).collect_view()}
                        </select>
                    </div>
                    <button type="button" class="link-button" on:click=move |_| at.set(|a| { if i < a.actions.len() { a.actions.remove(i); } })>
                        {format!("Remove action {}", i + 1)}
                    </button>
                </div>
            </For>
            <button type="button" class="secondary" on:click=move |_| at.set(|a| a.actions.push(Action { id: make_id("x", browser::random_u64()), ..Action::default() }))>"Add an action"</button>
        </div>
    }
}
