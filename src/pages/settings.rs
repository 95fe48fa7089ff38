//! School settings: the names, roles, platforms, providers and review dates that the course
//! and the audit fill in. Saved on this device as they are typed.

use leptos::prelude::*;

use crate::browser;
use crate::components::fields::{Field, Input, ListField};
use crate::components::loading::when_loaded;
use crate::components::page_head::PageHead;
use crate::domain::policy;
use crate::domain::settings::SchoolSettings;
use crate::domain::text::Rule;
use crate::state::{app, Lens};

/// What the policy itself says about its review dates, as hints beside the date fields.
fn review_hints(text: &str) -> (String, String) {
    let policy = format!(
        "The policy says: {}",
        policy::document_control(text).review_date
    );
    let code = policy::section_by_anchor(text, "code-review")
        .and_then(|s| s.lines.into_iter().find(|l| l.contains("review date")))
        .map(|l| format!("The Code of Conduct says: {l}"))
        .unwrap_or_default();
    (policy, code)
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let app = app();
    when_loaded(move || app.policy(), |text| view! { <Settings text /> })
}

#[component]
fn Settings(text: &'static str) -> impl IntoView {
    let settings = app().settings();
    let s = Lens::whole(settings);
    let deputies = s.lines(
        |s| &s.deputy_dsls,
        |s| &mut s.deputy_dsls,
        Rule::LINE,
        SchoolSettings::MAX_LIST,
    );
    let platforms = s.lines(
        |s| &s.approved_platforms,
        |s| &mut s.approved_platforms,
        Rule::LINE,
        SchoolSettings::MAX_LIST,
    );
    let accounts = s.lines(
        |s| &s.school_accounts,
        |s| &mut s.school_accounts,
        Rule::LINE,
        SchoolSettings::MAX_LIST,
    );
    let pta = s.lines(
        |s| &s.pta_accounts,
        |s| &mut s.pta_accounts,
        Rule::LINE,
        SchoolSettings::MAX_LIST,
    );
    let policy_says = review_hints(text);
    let reset = move |_| {
        if browser::confirm("Put every school setting back to the values in the policy? Your edits here will be lost.") {
            settings.set(SchoolSettings::default());
        }
    };
    view! {
        <PageHead
            title="School settings"
            heading="School settings"
            lead="The training and the audit use these names wherever the policy names a person, a platform or a system. Changes are saved on this device as you type."
        />
        <form class="settings" on:submit=|ev| ev.prevent_default()>
            <fieldset>
                <legend>"The school"</legend>
                <Field id="set-school" label="School name" bind=s.text(|s| &s.school_name, |s| &mut s.school_name, Rule::NAME) />
                <Field id="set-short" label="Short name" bind=s.text(|s| &s.school_short_name, |s| &mut s.school_short_name, Rule::LINE) hint="As the policy abbreviates it, e.g. WKPS." />
                <Field id="set-head" label="Headteacher" bind=s.text(|s| &s.headteacher, |s| &mut s.headteacher, Rule::LINE) />
                <Field id="set-chair" label="Chair of governors" bind=s.text(|s| &s.chair_of_governors, |s| &mut s.chair_of_governors, Rule::LINE) />
                <Field id="set-computing" label="Computing lead" bind=s.text(|s| &s.computing_lead, |s| &mut s.computing_lead, Rule::LINE) />
            </fieldset>
            <fieldset>
                <legend>"Safeguarding"</legend>
                <Field id="set-dsl" label="Designated Safeguarding Lead (DSL)" bind=s.text(|s| &s.dsl, |s| &mut s.dsl, Rule::LINE) />
                <ListField id="set-deputies" label="Deputy DSLs" value=deputies.0 on_change=deputies.1 />
                <Field id="set-incidents" label="Where concerns are recorded" bind=s.text(|s| &s.incident_system, |s| &mut s.incident_system, Rule::LINE) hint="For example CPOMS." />
            </fieldset>
            <fieldset>
                <legend>"Filtering and monitoring"</legend>
                <Field id="set-filtering" label="Filtering provider" bind=s.text(|s| &s.filtering_provider, |s| &mut s.filtering_provider, Rule::LINE) />
                <Field id="set-monitoring" label="Monitoring provider" bind=s.text(|s| &s.monitoring_provider, |s| &mut s.monitoring_provider, Rule::LINE) />
                <Field id="set-it" label="IT service provider" bind=s.text(|s| &s.it_provider, |s| &mut s.it_provider, Rule::LINE) />
            </fieldset>
            <fieldset>
                <legend>"Social media"</legend>
                <ListField id="set-platforms" label="Platforms approved for pupils in school" value=platforms.0 on_change=platforms.1 />
                <ListField id="set-accounts" label="The school's own accounts" value=accounts.0 on_change=accounts.1 />
                <ListField id="set-pta" label="The PTA's accounts" value=pta.0 on_change=pta.1 />
            </fieldset>
            <fieldset>
                <legend>"Policy review dates"</legend>
                <Field id="set-policy-due" input=Input::Date label="Social Media Policy next review due" bind=s.day(|s| s.policy_review_due, |s| &mut s.policy_review_due) hint=policy_says.0 />
                <Field id="set-code-due" input=Input::Date label="Parents' Code of Conduct next review due" bind=s.day(|s| s.code_review_due, |s| &mut s.code_review_due) hint=policy_says.1 />
            </fieldset>
            <button type="button" class="secondary" on:click=reset>"Reset to the policy's values"</button>
        </form>
    }
}
