//! The start page: sends staff to training, the DSL to the audit and staff records, and
//! governors to the report.

use crate::components::link::Link;
use crate::components::title::Title;
use leptos::prelude::*;

use crate::routes;
use crate::state::app;

#[component]
pub fn Home() -> impl IntoView {
    let settings = app().settings();
    let school = move || settings.with(|s| s.school_name.clone());
    view! {
        <Title text="" />
        <h1>"Online safety at " {school}</h1>
        <p class="lead">
            "Training and the annual online-safety audit, built from the school's own Social Media Policy. "
            "Everything stays on this device."
        </p>
        <div class="cards">
            <section class="card" aria-labelledby="home-staff">
                <h2 id="home-staff">"Staff, governors and volunteers"</h2>
                <p>"Take your induction or annual refresher training, see what is due, and print your certificate."</p>
                <p><Link href=routes::TRAINING>"Start or continue training"</Link></p>
            </section>
            <section class="card" aria-labelledby="home-dsl">
                <h2 id="home-dsl">"Designated Safeguarding Lead"</h2>
                <p>"Run this year's online-safety audit and filtering and monitoring review, and see who is trained."</p>
                <p><Link href=routes::AUDIT>"Open the audit"</Link></p>
                <p><Link href=routes::STAFF>"Staff training records"</Link></p>
            </section>
            <section class="card" aria-labelledby="home-governors">
                <h2 id="home-governors">"Governors"</h2>
                <p>"Read the audit and training evidence the DSL has prepared, and the policy it is built from."</p>
                <p><Link href=routes::AUDIT>"The audit and governors' report"</Link></p>
                <p><Link href=routes::POLICY>"Read the Social Media Policy"</Link></p>
            </section>
        </div>
    }
}
