//! The filtering and monitoring review record (DfE standard 2): named roles, providers,
//! the provider checks, the review's considerations, block and allow decisions, the check
//! log, and the review dates.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::fields::{date_text, parse_date, Field};
use super::{href, read, update, use_audits, with_year};
use crate::browser;
use crate::components::references::RefLinks;
use crate::domain::audit::{
    next_review_after, AcademicYear, CheckRow, Confirmed, Decision, FilteringReview, CONSIDERATIONS,
};
use crate::domain::rng::make_id;

#[component]
pub fn FilteringPage() -> impl IntoView {
    with_year(|year| view! { <Review year /> })
}

#[component]
fn Review(year: AcademicYear) -> impl IntoView {
    let book = use_audits();
    let get = move |f: fn(&FilteringReview) -> String| {
        Signal::derive(move || read(book, year, |a| f(&a.filtering)))
    };
    let set = move |f: fn(&mut FilteringReview, String)| {
        Callback::new(move |v: String| update(book, year, |a| f(&mut a.filtering, v)))
    };
    let confirmed = |id: &'static str,
                     label: &'static str,
                     field: fn(&mut FilteringReview) -> &mut Confirmed| {
        let current = move || {
            book.with(|b| {
                b.get(year).map(|a| {
                    let mut f = FilteringReview {
                        iwf_member: a.filtering.iwf_member,
                        ctiru_list: a.filtering.ctiru_list,
                        uksic_self_certified: a.filtering.uksic_self_certified,
                        ..Default::default()
                    };
                    *field(&mut f)
                })
            })
            .unwrap_or_default()
        };
        let choice = move |value: Confirmed, text: &'static str| {
            let input = format!("{id}-{text}");
            view! {
                <div class="choice">
                    <input type="radio" id=input.clone() name=id prop:checked=move || current() == value
                        on:change=move |_| update(book, year, |a| *field(&mut a.filtering) = value) />
                    <label for=input>{text}</label>
                </div>
            }
        };
        view! {
            <fieldset class="rating">
                <legend>{label}</legend>
                <div class="choices-inline">
                    {choice(Confirmed::Yes, "Yes")}
                    {choice(Confirmed::No, "No")}
                    {choice(Confirmed::NotChecked, "Not checked yet")}
                </div>
            </fieldset>
        }
    };
    let reviewed = move |v: String| {
        update(book, year, |a| {
            let date = parse_date(&v);
            a.filtering.reviewed_on = date;
            if a.filtering.next_review.is_none() {
                a.filtering.next_review = date.map(next_review_after);
            }
        })
    };
    view! {
        <Title text=format!("Filtering and monitoring review | {} audit", year.label()) />
        <p class="breadcrumb"><A href="/audit">"Audits"</A> " › " <A href=href(year, "")>{format!("{} audit", year.label())}</A></p>
        <h1>"Filtering and monitoring review"</h1>
        <p class="lead">"The record the DfE standards ask for: who is responsible, what the providers do, what the review considered, and the checks made. "
            <RefLinks refs=vec!["source:dfe-fm-1".into(), "source:dfe-fm-2".into(), "source:dfe-fm-3".into(), "source:dfe-fm-4".into()] /></p>
        <section aria-labelledby="roles-heading" class="card">
            <h2 id="roles-heading">"Roles"</h2>
            <Field id="fr-slt" label="Senior leader responsible" value=get(|f| f.senior_leader.clone()) set=set(|f, v| f.senior_leader = v) />
            <Field id="fr-governor" label="Governor responsible" value=get(|f| f.governor.clone()) set=set(|f, v| f.governor = v) />
            <Field id="fr-dsl" label="Designated Safeguarding Lead" value=get(|f| f.dsl.clone()) set=set(|f, v| f.dsl = v) />
            <Field id="fr-it" label="IT service provider" value=get(|f| f.it_provider.clone()) set=set(|f, v| f.it_provider = v) />
        </section>
        <section aria-labelledby="providers-heading" class="card">
            <h2 id="providers-heading">"Providers"</h2>
            <Field id="fr-filtering" label="Filtering provider" value=get(|f| f.filtering_provider.clone()) set=set(|f, v| f.filtering_provider = v) />
            <Field id="fr-monitoring" label="Monitoring provider" value=get(|f| f.monitoring_provider.clone()) set=set(|f, v| f.monitoring_provider = v) />
            {confirmed("fr-iwf", "Is the filtering provider an Internet Watch Foundation (IWF) member?", |f| &mut f.iwf_member)}
            {confirmed("fr-ctiru", "Does it block the police-assessed terrorist content list (CTIRU)?", |f| &mut f.ctiru_list)}
            {confirmed("fr-uksic", "Has the provider self-certified with the UK Safer Internet Centre?", |f| &mut f.uksic_self_certified)}
        </section>
        <section aria-labelledby="considerations-heading" class="card">
            <h2 id="considerations-heading">"What the review considered"</h2>
            {CONSIDERATIONS.into_iter().map(|(key, label)| view! {
                <Field id=format!("fr-c-{key}") label=label kind="textarea"
                    value=Signal::derive(move || read(book, year, |a| a.filtering.considerations.get(key).cloned().unwrap_or_default()))
                    set=Callback::new(move |v: String| update(book, year, |a| { a.filtering.considerations.insert(key.to_owned(), v); })) />
            }).collect_view()}
        </section>
        <Decisions year />
        <CheckLog year />
        <section aria-labelledby="dates-heading" class="card">
            <h2 id="dates-heading">"Review dates"</h2>
            <Field id="fr-reviewed" label="Date of this review" kind="date" value=Signal::derive(move || read(book, year, |a| date_text(a.filtering.reviewed_on))) set=Callback::new(reviewed) />
            <Field id="fr-next" label="Next review due" kind="date" hint="At least once a year, and sooner when a risk, a change in practice or new technology calls for it."
                value=Signal::derive(move || read(book, year, |a| date_text(a.filtering.next_review)))
                set=Callback::new(move |v: String| update(book, year, |a| a.filtering.next_review = parse_date(&v))) />
        </section>
    }
}

#[component]
fn Decisions(year: AcademicYear) -> impl IntoView {
    let book = use_audits();
    let count = Memo::new(move |_| read(book, year, |a| a.filtering.decisions.len()));
    let text = move |i: usize, f: fn(&Decision) -> String| {
        Signal::derive(move || {
            read(book, year, |a| {
                a.filtering.decisions.get(i).map(f).unwrap_or_default()
            })
        })
    };
    let edit = move |i: usize, f: fn(&mut Decision, String)| {
        Callback::new(move |v: String| {
            update(book, year, |a| {
                if let Some(d) = a.filtering.decisions.get_mut(i) {
                    f(d, v)
                }
            })
        })
    };
    view! {
        <section aria-labelledby="decisions-heading" class="card">
            <h2 id="decisions-heading">"Blocked and allowed: decisions and reasons"</h2>
            <For each=move || 0..count.get() key=|i| *i let:i>
                <div class="row-fields" role="group" aria-label=format!("Decision {}", i + 1)>
                    <Field id=format!("fd-{i}-what") label="Site, service or category" value=text(i, |d| d.what.clone()) set=edit(i, |d, v| d.what = v) />
                    <div class="field">
                        <label for=format!("fd-{i}-allowed")>"Decision"</label>
                        <select id=format!("fd-{i}-allowed")
                            prop:value=move || if read(book, year, |a| a.filtering.decisions.get(i).is_some_and(|d| d.allowed)) { "allowed" } else { "blocked" }
                            on:change=move |ev| { let allowed = event_target_value(&ev) == "allowed"; update(book, year, |a| if let Some(d) = a.filtering.decisions.get_mut(i) { d.allowed = allowed }) }>
                            <option value="blocked">"Blocked"</option>
                            <option value="allowed">"Allowed"</option>
                        </select>
                    </div>
                    <Field id=format!("fd-{i}-reason") label="Why" value=text(i, |d| d.reason.clone()) set=edit(i, |d, v| d.reason = v) />
                    <button type="button" class="link-button" on:click=move |_| update(book, year, |a| { if i < a.filtering.decisions.len() { a.filtering.decisions.remove(i); } })>{format!("Remove decision {}", i + 1)}</button>
                </div>
            </For>
            <button type="button" class="secondary" on:click=move |_| update(book, year, |a| a.filtering.decisions.push(Decision { id: make_id("d", browser::random_u64()), ..Decision::default() }))>"Add a decision"</button>
        </section>
    }
}

#[component]
fn CheckLog(year: AcademicYear) -> impl IntoView {
    let book = use_audits();
    let count = Memo::new(move |_| read(book, year, |a| a.filtering.checks.len()));
    let text = move |i: usize, f: fn(&CheckRow) -> String| {
        Signal::derive(move || {
            read(book, year, |a| {
                a.filtering.checks.get(i).map(f).unwrap_or_default()
            })
        })
    };
    let edit = move |i: usize, f: fn(&mut CheckRow, String)| {
        Callback::new(move |v: String| {
            update(book, year, |a| {
                if let Some(c) = a.filtering.checks.get_mut(i) {
                    f(c, v)
                }
            })
        })
    };
    view! {
        <section aria-labelledby="checks-heading" class="card">
            <h2 id="checks-heading">"Check log"</h2>
            <p class="hint">"One row per check, for example with the SWGfL test filtering tool on a pupil laptop in a classroom."</p>
            <For each=move || 0..count.get() key=|i| *i let:i>
                <div class="row-fields check-row" role="group" aria-label=format!("Check {}", i + 1)>
                    <Field id=format!("fc-{i}-date") label="Date" kind="date" value=text(i, |c| date_text(c.date)) set=edit(i, |c, v| c.date = parse_date(&v)) />
                    <Field id=format!("fc-{i}-who") label="Who checked" value=text(i, |c| c.who.clone()) set=edit(i, |c, v| c.who = v) />
                    <Field id=format!("fc-{i}-device") label="Device" value=text(i, |c| c.device.clone()) set=edit(i, |c, v| c.device = v) />
                    <Field id=format!("fc-{i}-location") label="Location" value=text(i, |c| c.location.clone()) set=edit(i, |c, v| c.location = v) />
                    <Field id=format!("fc-{i}-group") label="User group" value=text(i, |c| c.user_group.clone()) set=edit(i, |c, v| c.user_group = v) />
                    <Field id=format!("fc-{i}-tested") label="What was tested" value=text(i, |c| c.tested.clone()) set=edit(i, |c, v| c.tested = v) />
                    <Field id=format!("fc-{i}-result") label="Result" value=text(i, |c| c.result.clone()) set=edit(i, |c, v| c.result = v) />
                    <Field id=format!("fc-{i}-action") label="Action taken" value=text(i, |c| c.action.clone()) set=edit(i, |c, v| c.action = v) />
                    <button type="button" class="link-button" on:click=move |_| update(book, year, |a| { if i < a.filtering.checks.len() { a.filtering.checks.remove(i); } })>{format!("Remove check {}", i + 1)}</button>
                </div>
            </For>
            <button type="button" class="secondary" on:click=move |_| update(book, year, |a| a.filtering.checks.push(CheckRow { id: make_id("c", browser::random_u64()), date: Some(browser::today()), ..CheckRow::default() }))>"Add a check"</button>
        </section>
    }
}
