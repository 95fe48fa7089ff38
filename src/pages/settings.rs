//! School settings: the names, roles, platforms, providers and review dates that the course
//! and the audit fill in. Saved on this device as they are typed.

use leptos::prelude::*;

use crate::browser;
use crate::components::fields::{Field, Input, ListField};
use crate::components::loading::when_loaded;
use crate::components::page_head::PageHead;
use crate::domain::content::Role;
use crate::domain::envelope::{ImportError, Kind};
use crate::domain::policy;
use crate::domain::settings::SchoolSettings;
use crate::domain::staff::roster::{Requirement, Requirements};
use crate::domain::text::Rule;
use crate::state::{app, Lens, Loading};

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
        <Owed />
    }
}

/// A number of months as typed: blank is `None`.
fn months(typed: &str) -> Result<Option<u32>, String> {
    match typed.trim() {
        "" => Ok(None),
        t => t
            .parse()
            .map(Some)
            .map_err(|_| format!("\u{201c}{t}\u{201d} is not a number of months.")),
    }
}

/// What each role owes and new starters' grace, kept with the staff list (`Roster::owed`):
/// a change is saved only when it keeps the rules (`Requirements::check`), else it says why.
#[component]
fn Owed() -> impl IntoView {
    let app = app();
    let list = app.staff_list();
    let said = RwSignal::new(None::<String>);
    let edit = move |change: &dyn Fn(&mut Requirements) -> Result<(), String>| {
        let mut next = list.with_untracked(|l| l.owed.clone());
        let checked = change(&mut next).and_then(|()| {
            next.check().map_err(|e| match e {
                ImportError::InvalidField { problem, .. } => format!("{problem}."),
                other => other.to_string(),
            })
        });
        match checked {
            Ok(()) => {
                list.update(|l| l.owed = next);
                said.set(None);
            }
            Err(why) => said.set(Some(format!("Not saved: {why}"))),
        }
    };
    // The role's requirement to change, added with KCSIE's default if the list lacks it.
    fn of(owed: &mut Requirements, role: Role) -> &mut Requirement {
        if !owed.roles.iter().any(|r| r.role == role) {
            owed.roles.push(Requirements::default().of(role));
        }
        owed.roles
            .iter_mut()
            .find(|r| r.role == role)
            .expect("added above")
    }
    let shown = move |role: Role, part: fn(&Requirement) -> Option<u32>| {
        list.with(|l| {
            part(&l.owed.of(role))
                .map(|m| m.to_string())
                .unwrap_or_default()
        })
    };
    let row = move |role: Role| {
        let id = role.id();
        view! {
            <tr>
                <th scope="row">{role.label()}</th>
                <td>
                    <input type="checkbox" id=format!("owed-{id}-required") aria-label=format!("{}: must be trained", role.label())
                        prop:checked=move || list.with(|l| l.owed.of(role).required)
                        on:change=move |ev| { let on = event_target_checked(&ev); edit(&|o| { of(o, role).required = on; Ok(()) }) } />
                </td>
                <td>
                    <input type="text" inputmode="numeric" size="4" id=format!("owed-{id}-every") aria-label=format!("{}: refresher every (months)", role.label())
                        prop:value=move || shown(role, |r| r.every_months)
                        on:change=move |ev| { let typed = event_target_value(&ev); edit(&|o| { of(o, role).every_months = months(&typed)?; Ok(()) }) } />
                </td>
                <td>
                    <input type="text" inputmode="numeric" size="4" id=format!("owed-{id}-formal") aria-label=format!("{}: formal training every (months)", role.label())
                        prop:value=move || shown(role, |r| r.formal_months)
                        on:change=move |ev| { let typed = event_target_value(&ev); edit(&|o| { of(o, role).formal_months = months(&typed)?; Ok(()) }) } />
                </td>
            </tr>
        }
    };
    let reset = move |_| {
        if browser::confirm("Put what each role owes back to KCSIE's defaults?") {
            list.update(|l| l.owed = Requirements::default());
            said.set(None);
        }
    };
    when_loaded(
        move || match app.loaded(Kind::StaffList) {
            true => Loading::Ready(()),
            false => Loading::Pending,
        },
        move |()| {
            view! {
                <section class="settings" aria-labelledby="owed-heading">
                    <h2 id="owed-heading">"What each role owes"</h2>
                    <p>"Keeping Children Safe in Education 2025: all staff are trained at induction and then at least annually; governors at induction and then regularly, on the school's own cycle; the DSL and deputies also take their own formal training at least every two years. Kept with the staff list and backed up with it."</p>
                    <div class="field">
                        <label for="owed-grace">"New starters' grace period (days)"</label>
                        <p class="hint" id="owed-grace-hint">"How long after their start date someone new has before they show as overdue. Four weeks is 28 days."</p>
                        <input type="text" inputmode="numeric" size="4" id="owed-grace" aria-describedby="owed-grace-hint"
                            prop:value=move || list.with(|l| l.owed.grace_days.to_string())
                            on:change=move |ev| {
                                let typed = event_target_value(&ev);
                                edit(&|o| {
                                    o.grace_days = typed.trim().parse().map_err(|_| format!("\u{201c}{}\u{201d} is not a number of days.", typed.trim()))?;
                                    Ok(())
                                })
                            } />
                    </div>
                    <div class="table-wrap">
                        <table>
                            <caption>"Each role: blank months for the refresher follow the course's own cycle; blank formal training means the role owes none"</caption>
                            <thead><tr>
                                <th scope="col">"Role"</th>
                                <th scope="col">"Must be trained"</th>
                                <th scope="col">"Refresher every (months)"</th>
                                <th scope="col">"Formal training every (months)"</th>
                            </tr></thead>
                            <tbody>{Role::ALL.into_iter().map(row).collect_view()}</tbody>
                        </table>
                    </div>
                    <div role="status">{move || said.get().map(|s| view! { <p class="notice notice-error">{s}</p> })}</div>
                    <button type="button" class="secondary" on:click=reset>"Reset to KCSIE's defaults"</button>
                </section>
            }
        },
    )
}
