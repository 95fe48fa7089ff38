//! The filtering and monitoring review record (DfE standard 2): named roles, providers,
//! the provider checks, the review's considerations, block and allow decisions, the check
//! log, and the review dates.

use crate::components::title::Title;
use leptos::prelude::*;

use crate::browser;
use crate::components::audit_year::{with_year, year_lens};
use crate::components::fields::{Field, Input};
use crate::components::link::Link;
use crate::components::references::RefLinks;
use crate::domain::audit::{
    next_review_after, AcademicYear, AuditBook, CheckRow, Confirmed, Decision, FilteringReview,
    CONSIDERATIONS,
};
use crate::domain::dates::parse_day;
use crate::domain::rng::make_id;
use crate::domain::text::Rule;
use crate::routes::{self, AuditPage};
use crate::state::{Bind, Lens};

#[component]
pub fn FilteringPage(
    /// The year as the address writes it ("2026-27").
    year: String,
) -> impl IntoView {
    with_year(&year, |year, _| view! { <Review year /> })
}

/// The year's filtering review record.
fn review_lens(year: AcademicYear) -> Lens<AuditBook, FilteringReview> {
    year_lens(year).focus(|a| Some(&a.filtering), |a| Some(&mut a.filtering))
}

/// A yes / no / not checked question about the provider.
#[component]
fn ConfirmedChoice(
    id: &'static str,
    label: &'static str,
    review: Lens<AuditBook, FilteringReview>,
    field: fn(&FilteringReview) -> Confirmed,
    field_mut: fn(&mut FilteringReview) -> &mut Confirmed,
) -> impl IntoView {
    let choice = move |value: Confirmed| {
        let input = format!("{id}-{}", value.id());
        view! {
            <div class="choice">
                <input type="radio" id=input.clone() name=id prop:checked=move || review.read(field) == value
                    on:change=move |_| review.update(|f| *field_mut(f) = value) />
                <label for=input>{value.label()}</label>
            </div>
        }
    };
    view! {
        <fieldset class="rating">
            <legend>{label}</legend>
            <div class="choices-inline">{Confirmed::ALL.into_iter().map(choice).collect_view()}</div>
        </fieldset>
    }
}

#[component]
fn Review(year: AcademicYear) -> impl IntoView {
    let f = review_lens(year);
    // The first review date proposes the next one a year on (at least annually).
    let reviewed = Bind::new(
        move || f.read(|f| f.reviewed_on.map(|d| d.to_string()).unwrap_or_default()),
        move |v| {
            f.update(|f| {
                let date = parse_day(&v);
                f.reviewed_on = date;
                if f.next_review.is_none() {
                    f.next_review = date.map(next_review_after);
                }
            })
        },
    );
    let consideration = |key: &'static str, label: &'static str| {
        let note = f.focus(
            move |f| f.considerations.get(key),
            move |f| Some(f.considerations.entry(key.to_owned()).or_default()),
        );
        view! { <Field id=format!("fr-c-{key}") label=label input=Input::Long bind=note.text(|n| n, |n| n, Rule::NOTE) /> }
    };
    view! {
        <Title text=format!("Filtering and monitoring review | {} audit", year.label()) />
        <p class="breadcrumb"><Link href=routes::AUDIT>"Audits"</Link> " › " <Link href=routes::audit(year, AuditPage::Overview)>{format!("{} audit", year.label())}</Link></p>
        <h1>"Filtering and monitoring review"</h1>
        <p class="lead">"The record the DfE standards ask for: who is responsible, what the providers do, what the review considered, and the checks made. "
            <RefLinks refs=vec!["source:dfe-fm-1".into(), "source:dfe-fm-2".into(), "source:dfe-fm-3".into(), "source:dfe-fm-4".into()] /></p>
        <section aria-labelledby="roles-heading" class="card">
            <h2 id="roles-heading">"Roles"</h2>
            <Field id="fr-slt" label="Senior leader responsible" bind=f.text(|f| &f.senior_leader, |f| &mut f.senior_leader, Rule::LINE) />
            <Field id="fr-governor" label="Governor responsible" bind=f.text(|f| &f.governor, |f| &mut f.governor, Rule::LINE) />
            <Field id="fr-dsl" label="Designated Safeguarding Lead" bind=f.text(|f| &f.dsl, |f| &mut f.dsl, Rule::LINE) />
            <Field id="fr-it" label="IT service provider" bind=f.text(|f| &f.it_provider, |f| &mut f.it_provider, Rule::LINE) />
        </section>
        <section aria-labelledby="providers-heading" class="card">
            <h2 id="providers-heading">"Providers"</h2>
            <Field id="fr-filtering" label="Filtering provider" bind=f.text(|f| &f.filtering_provider, |f| &mut f.filtering_provider, Rule::LINE) />
            <Field id="fr-monitoring" label="Monitoring provider" bind=f.text(|f| &f.monitoring_provider, |f| &mut f.monitoring_provider, Rule::LINE) />
            <ConfirmedChoice id="fr-iwf" label="Is the filtering provider an Internet Watch Foundation (IWF) member?" review=f field=|f| f.iwf_member field_mut=|f| &mut f.iwf_member />
            <ConfirmedChoice id="fr-ctiru" label="Does it block the police-assessed terrorist content list (CTIRU)?" review=f field=|f| f.ctiru_list field_mut=|f| &mut f.ctiru_list />
            <ConfirmedChoice id="fr-uksic" label="Has the provider self-certified with the UK Safer Internet Centre?" review=f field=|f| f.uksic_self_certified field_mut=|f| &mut f.uksic_self_certified />
        </section>
        <section aria-labelledby="considerations-heading" class="card">
            <h2 id="considerations-heading">"What the review considered"</h2>
            {CONSIDERATIONS.into_iter().map(|(key, label)| consideration(key, label)).collect_view()}
        </section>
        <Decisions review=f />
        <CheckLog review=f />
        <section aria-labelledby="dates-heading" class="card">
            <h2 id="dates-heading">"Review dates"</h2>
            <Field id="fr-reviewed" label="Date of this review" input=Input::Date bind=reviewed />
            <Field id="fr-next" label="Next review due" input=Input::Date hint="At least once a year, and sooner when a risk, a change in practice or new technology calls for it."
                bind=f.date(|f| f.next_review, |f| &mut f.next_review) />
        </section>
    }
}

/// The ids of a list's rows, for rows keyed by id.
fn row_ids(
    review: Lens<AuditBook, FilteringReview>,
    ids: fn(&FilteringReview) -> Vec<String>,
) -> Memo<Vec<String>> {
    Memo::new(move |_| review.read(ids))
}

/// A row's number (from 1) in its list, following moves and removals.
fn number(
    ids: Memo<Vec<String>>,
    id: String,
) -> impl Fn() -> usize + Clone + Send + Sync + 'static {
    move || ids.with(|ids| ids.iter().position(|x| *x == id).map_or(0, |i| i + 1))
}

#[component]
fn Decisions(review: Lens<AuditBook, FilteringReview>) -> impl IntoView {
    let ids = row_ids(review, |f| {
        f.decisions.iter().map(|d| d.id.clone()).collect()
    });
    view! {
        <section aria-labelledby="decisions-heading" class="card">
            <h2 id="decisions-heading">"Blocked and allowed: decisions and reasons"</h2>
            <For each=move || ids.get() key=|id| id.clone() let:row>
                {
                    let n = number(ids, row.clone());
                    let d = {
                        let (a, b) = (row.clone(), row.clone());
                        review.focus(move |f| f.decisions.iter().find(|d| d.id == a), move |f| f.decisions.iter_mut().find(|d| d.id == b))
                    };
                    let n2 = n.clone();
                    view! {
                        <div class="row-fields" role="group" aria-label=move || format!("Decision {}", n())>
                            <Field id=format!("fd-{row}-what") label="Site, service or category" bind=d.text(|d| &d.what, |d| &mut d.what, Rule::TITLE) />
                            <div class="field">
                                <label for=format!("fd-{row}-allowed")>"Decision"</label>
                                <select id=format!("fd-{row}-allowed")
                                    prop:value=move || if d.read(|d| d.allowed) { "allowed" } else { "blocked" }
                                    on:change=move |ev| { let allowed = event_target_value(&ev) == "allowed"; d.update(|d| d.allowed = allowed) }>
                                    <option value="blocked">"Blocked"</option>
                                    <option value="allowed">"Allowed"</option>
                                </select>
                            </div>
                            <Field id=format!("fd-{row}-reason") label="Why" bind=d.text(|d| &d.reason, |d| &mut d.reason, Rule::SHORT_NOTE) />
                            <button type="button" class="link-button" on:click=move |_| review.update(|f| f.decisions.retain(|d| d.id != row))>{move || format!("Remove decision {}", n2())}</button>
                        </div>
                    }
                }
            </For>
            <button type="button" class="secondary" on:click=move |_| review.update(|f| f.decisions.push(Decision { id: make_id("d", browser::random_u64()), ..Decision::default() }))>"Add a decision"</button>
        </section>
    }
}

#[component]
fn CheckLog(review: Lens<AuditBook, FilteringReview>) -> impl IntoView {
    let ids = row_ids(review, |f| f.checks.iter().map(|c| c.id.clone()).collect());
    view! {
        <section aria-labelledby="checks-heading" class="card">
            <h2 id="checks-heading">"Check log"</h2>
            <p class="hint">"One row per check, for example with the SWGfL test filtering tool on a pupil laptop in a classroom."</p>
            <For each=move || ids.get() key=|id| id.clone() let:row>
                {
                    let n = number(ids, row.clone());
                    let c = {
                        let (a, b) = (row.clone(), row.clone());
                        review.focus(move |f| f.checks.iter().find(|c| c.id == a), move |f| f.checks.iter_mut().find(|c| c.id == b))
                    };
                    let n2 = n.clone();
                    view! {
                        <div class="row-fields check-row" role="group" aria-label=move || format!("Check {}", n())>
                            <Field id=format!("fc-{row}-date") label="Date" input=Input::Date bind=c.date(|c| c.date, |c| &mut c.date) />
                            <Field id=format!("fc-{row}-who") label="Who checked" bind=c.text(|c| &c.who, |c| &mut c.who, Rule::SHORT_NOTE) />
                            <Field id=format!("fc-{row}-device") label="Device" bind=c.text(|c| &c.device, |c| &mut c.device, Rule::SHORT_NOTE) />
                            <Field id=format!("fc-{row}-location") label="Location" bind=c.text(|c| &c.location, |c| &mut c.location, Rule::SHORT_NOTE) />
                            <Field id=format!("fc-{row}-group") label="User group" bind=c.text(|c| &c.user_group, |c| &mut c.user_group, Rule::SHORT_NOTE) />
                            <Field id=format!("fc-{row}-tested") label="What was tested" bind=c.text(|c| &c.tested, |c| &mut c.tested, Rule::SHORT_NOTE) />
                            <Field id=format!("fc-{row}-result") label="Result" bind=c.text(|c| &c.result, |c| &mut c.result, Rule::SHORT_NOTE) />
                            <Field id=format!("fc-{row}-action") label="Action taken" bind=c.text(|c| &c.action, |c| &mut c.action, Rule::SHORT_NOTE) />
                            <button type="button" class="link-button" on:click=move |_| review.update(|f| f.checks.retain(|c| c.id != row))>{move || format!("Remove check {}", n2())}</button>
                        </div>
                    }
                }
            </For>
            <button type="button" class="secondary" on:click=move |_| review.update(|f| f.checks.push(CheckRow { id: make_id("c", browser::random_u64()), date: Some(browser::today()), ..CheckRow::default() }))>"Add a check"</button>
        </section>
    }
}
