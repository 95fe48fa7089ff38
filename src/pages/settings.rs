//! School settings: the names, roles, platforms, providers and review dates that the course
//! and the audit fill in. Saved on this device as they are typed.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::browser;
use crate::components::fields::{ListField, TextField};
use crate::domain::policy;
use crate::domain::settings::SchoolSettings;

/// A text setting: read and write one field of the settings.
fn text(
    settings: RwSignal<SchoolSettings>,
    get: fn(&SchoolSettings) -> &String,
    set: fn(&mut SchoolSettings, String),
) -> (Signal<String>, Callback<String>) {
    (
        Signal::derive(move || settings.with(|s| get(s).clone())),
        Callback::new(move |v| settings.update(|s| set(s, v))),
    )
}

fn list(
    settings: RwSignal<SchoolSettings>,
    get: fn(&SchoolSettings) -> &Vec<String>,
    set: fn(&mut SchoolSettings, Vec<String>),
) -> (Signal<Vec<String>>, Callback<Vec<String>>) {
    (
        Signal::derive(move || settings.with(|s| get(s).clone())),
        Callback::new(move |v| settings.update(|s| set(s, v))),
    )
}

fn date(
    settings: RwSignal<SchoolSettings>,
    get: fn(&SchoolSettings) -> NaiveDate,
    set: fn(&mut SchoolSettings, NaiveDate),
) -> (Signal<String>, Callback<String>) {
    (
        Signal::derive(move || settings.with(|s| get(s).to_string())),
        Callback::new(move |v: String| {
            if let Ok(d) = v.parse::<NaiveDate>() {
                settings.update(|s| set(s, d))
            }
        }),
    )
}

/// What the policy itself says about its review dates, as hints beside the date fields.
fn review_hints() -> (String, String) {
    let policy = format!(
        "The policy says: {}",
        policy::document_control().review_date
    );
    let code = policy::section_by_anchor("code-review")
        .and_then(|s| s.lines.into_iter().find(|l| l.contains("review date")))
        .map(|l| format!("The Code of Conduct says: {l}"))
        .unwrap_or_default();
    (policy, code)
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let settings = expect_context::<RwSignal<SchoolSettings>>();
    let (school, set_school) = text(settings, |s| &s.school_name, |s, v| s.school_name = v);
    let (short, set_short) = text(
        settings,
        |s| &s.school_short_name,
        |s, v| s.school_short_name = v,
    );
    let (head, set_head) = text(settings, |s| &s.headteacher, |s, v| s.headteacher = v);
    let (dsl, set_dsl) = text(settings, |s| &s.dsl, |s, v| s.dsl = v);
    let (deputies, set_deputies) = list(settings, |s| &s.deputy_dsls, |s, v| s.deputy_dsls = v);
    let (computing, set_computing) =
        text(settings, |s| &s.computing_lead, |s, v| s.computing_lead = v);
    let (chair, set_chair) = text(
        settings,
        |s| &s.chair_of_governors,
        |s, v| s.chair_of_governors = v,
    );
    let (incidents, set_incidents) = text(
        settings,
        |s| &s.incident_system,
        |s, v| s.incident_system = v,
    );
    let (filtering, set_filtering) = text(
        settings,
        |s| &s.filtering_provider,
        |s, v| s.filtering_provider = v,
    );
    let (monitoring, set_monitoring) = text(
        settings,
        |s| &s.monitoring_provider,
        |s, v| s.monitoring_provider = v,
    );
    let (it, set_it) = text(settings, |s| &s.it_provider, |s, v| s.it_provider = v);
    let (platforms, set_platforms) = list(
        settings,
        |s| &s.approved_platforms,
        |s, v| s.approved_platforms = v,
    );
    let (accounts, set_accounts) = list(
        settings,
        |s| &s.school_accounts,
        |s, v| s.school_accounts = v,
    );
    let (pta, set_pta) = list(settings, |s| &s.pta_accounts, |s, v| s.pta_accounts = v);
    let (policy_due, set_policy_due) = date(
        settings,
        |s| s.policy_review_due,
        |s, v| s.policy_review_due = v,
    );
    let (code_due, set_code_due) = date(
        settings,
        |s| s.code_review_due,
        |s, v| s.code_review_due = v,
    );
    let policy_says = review_hints();
    let reset = move |_| {
        if browser::confirm("Put every school setting back to the values in the policy? Your edits here will be lost.") {
            settings.set(SchoolSettings::default());
        }
    };
    view! {
        <Title text="School settings" />
        <h1>"School settings"</h1>
        <p class="lead">
            "The training and the audit use these names wherever the policy names a person, a platform or a system. "
            "Changes are saved on this device as you type."
        </p>
        <form class="settings" on:submit=|ev| ev.prevent_default()>
            <fieldset>
                <legend>"The school"</legend>
                <TextField id="set-school" label="School name" value=school on_change=set_school />
                <TextField id="set-short" label="Short name" value=short on_change=set_short hint="As the policy abbreviates it, e.g. WKPS." />
                <TextField id="set-head" label="Headteacher" value=head on_change=set_head />
                <TextField id="set-chair" label="Chair of governors" value=chair on_change=set_chair />
                <TextField id="set-computing" label="Computing lead" value=computing on_change=set_computing />
            </fieldset>
            <fieldset>
                <legend>"Safeguarding"</legend>
                <TextField id="set-dsl" label="Designated Safeguarding Lead (DSL)" value=dsl on_change=set_dsl />
                <ListField id="set-deputies" label="Deputy DSLs" value=deputies on_change=set_deputies />
                <TextField id="set-incidents" label="Where concerns are recorded" value=incidents on_change=set_incidents hint="For example CPOMS." />
            </fieldset>
            <fieldset>
                <legend>"Filtering and monitoring"</legend>
                <TextField id="set-filtering" label="Filtering provider" value=filtering on_change=set_filtering />
                <TextField id="set-monitoring" label="Monitoring provider" value=monitoring on_change=set_monitoring />
                <TextField id="set-it" label="IT service provider" value=it on_change=set_it />
            </fieldset>
            <fieldset>
                <legend>"Social media"</legend>
                <ListField id="set-platforms" label="Platforms approved for pupils in school" value=platforms on_change=set_platforms />
                <ListField id="set-accounts" label="The school's own accounts" value=accounts on_change=set_accounts />
                <ListField id="set-pta" label="The PTA's accounts" value=pta on_change=set_pta />
            </fieldset>
            <fieldset>
                <legend>"Policy review dates"</legend>
                <TextField id="set-policy-due" kind="date" label="Social Media Policy next review due" value=policy_due on_change=set_policy_due hint=policy_says.0 />
                <TextField id="set-code-due" kind="date" label="Parents' Code of Conduct next review due" value=code_due on_change=set_code_due hint=policy_says.1 />
            </fieldset>
            <button type="button" class="secondary" on:click=reset>"Reset to the policy's values"</button>
        </form>
    }
}
