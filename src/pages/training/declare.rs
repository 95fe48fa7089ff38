//! The dashboard's declaration, once the course is complete: a checkbox per statement (the
//! policy with its version and date, and the KCSIE reading the content asks of the person's
//! role), then "I declare". Made once per policy version: a new version asks again, and the
//! earlier declaration is kept in the record.

use leptos::prelude::*;

use crate::browser;
use crate::domain::content::Course;
use crate::domain::dates::long;
use crate::domain::training::Declared;
use crate::state::app;

/// The declaration section; `complete` says whether every required module is passed.
#[component]
pub fn Declare(course: &'static Course, complete: bool) -> impl IntoView {
    let app = app();
    let book = app.training();
    let info = &course.info;
    let declared = move || {
        book.with(|b| b.active_profile().map(|p| p.declared(info)))
            .unwrap_or(Declared::Not)
    };
    let kcsie = book.with_untracked(|b| {
        b.active_profile()
            .and_then(|p| info.kcsie_for(p.person.role))
            .map(str::to_owned)
    });
    // A required checkbox per statement: the browser refuses the form until each is ticked.
    let mut statements = vec![format!(
        "I have read and understood the school's Social Media Policy ({}).",
        info.policy_version
    )];
    statements.extend(kcsie.map(|k| format!("I have read and understood {k}.")));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        app.update_profile(|p| p.declare(info, browser::now()));
    };
    let line = move || match declared() {
        Declared::Current { on } => format!("Declared on {} ({}).", long(on), info.policy_version),
        _ => String::new(),
    };
    let again = move || match declared() {
        Declared::OutOfDate { on, policy } => Some(view! {
            <p class="notice notice-warning">{format!(
                "The policy has changed since you declared on {} that you had read {policy}. The school now follows {}: read it, then declare again. Your earlier declaration stays in your record.",
                long(on),
                info.policy_version
            )}</p>
        }),
        _ => None,
    };
    let form = move || {
        let asked = complete && !matches!(declared(), Declared::Current { .. });
        asked.then(|| {
            let boxes = statements
                .iter()
                .enumerate()
                .map(|(i, text)| {
                    let id = format!("declare-{i}");
                    view! {
                        <div class="choice">
                            <input type="checkbox" id=id.clone() required=true />
                            <label for=id>{text.clone()}</label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <form class="card" on:submit=submit>
                    <fieldset>
                        <legend>"Before you finish: what you have read"</legend>
                        {boxes}
                    </fieldset>
                    <div class="actions">
                        <button type="submit">"I declare that I have read and understood these"</button>
                    </div>
                </form>
            }
        })
    };
    // Built once (the status line stays in place, so the confirmation is announced); not
    // shown before the course is complete unless a declaration was made.
    (complete || untrack(declared) != Declared::Not).then(|| {
        view! {
            <section aria-labelledby="declaration-heading">
                <h2 id="declaration-heading">"Your declaration"</h2>
                {again}
                {form}
                <p role="status">{line}</p>
            </section>
        }
    })
}
