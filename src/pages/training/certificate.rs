//! The completion certificate: one A4 page when printed (style/training.css), with the
//! school, the person, every module with its score and date, the policy version, the
//! completion and valid-until dates, the declaration that the policy was read, and the record id. It is computed from the person's
//! attempts checked against the course, and says what it is: a completion record issued on
//! this device, which the DSL checks by its record id in the training matrix.

use crate::components::title::Title;
use leptos::prelude::*;

use crate::browser;
use crate::components::link::Link;
use crate::components::loading::when_profile_checkable;
use crate::components::need_profile::NeedProfile;
use crate::domain::content::{Course, Keys};
use crate::domain::dates::long as long_date;
use crate::domain::training::{ModuleStatus, Validity};
use crate::routes;
use crate::state::app;

#[component]
pub fn CertificatePage() -> impl IntoView {
    when_profile_checkable(|(course, keys)| view! { <Certificate course keys /> })
}

#[component]
fn Certificate(course: &'static Course, keys: Keys<'static>) -> impl IntoView {
    let app = app();
    let (book, settings) = (app.training(), app.settings());
    move || {
        let Some(profile) = book.with(|b| b.active_profile().cloned()) else {
            return view! { <Title text="Certificate" /><h1>"Certificate"</h1><NeedProfile /> }
                .into_any();
        };
        let status = profile.course_status(course, &keys, browser::now());
        let (Some(completed), Validity::Valid { until } | Validity::ExpiringSoon { until, .. }) =
            (status.completed_on, status.validity)
        else {
            return view! {
                <Title text="Certificate" />
                <h1>"Certificate"</h1>
                <p>{format!("The certificate is ready when every required module is passed and in date. {} of {} passed so far.", status.passed, status.required)}</p>
                <p><Link href=routes::TRAINING>"Back to your training"</Link></p>
            }
            .into_any();
        };
        let rows = status
            .modules
            .iter()
            .filter_map(|(id, s)| match s {
                ModuleStatus::Passed { percent, on, .. } => course.module(id).map(|m| (m.title.clone(), *percent, *on)),
                _ => None,
            })
            .map(|(title, percent, on)| view! { <tr><td>{title}</td><td>{format!("{percent}%")}</td><td>{long_date(on)}</td></tr> })
            .collect_view();
        view! {
            <Title text="Certificate" />
            <div class="actions no-print">
                <Link href=routes::TRAINING class="button secondary">"Back to your training"</Link>
                <button type="button" on:click=|_| browser::print()>"Print certificate"</button>
            </div>
            <article class="certificate" aria-labelledby="certificate-title">
                <p class="certificate-school">{move || settings.with(|s| s.school_name.clone())}</p>
                <h1 id="certificate-title">"Record of completion"</h1>
                <p class="certificate-course">{course.info.title.clone()}</p>
                <p>"Training completed by"</p>
                <p class="certificate-name">{profile.person.name.clone()}</p>
                <p>{format!("{}, {} training", profile.person.role.label(), profile.person.track.label().to_ascii_lowercase())}</p>
                <table>
                    <caption>"Modules passed"</caption>
                    <thead><tr><th scope="col">"Module"</th><th scope="col">"Score"</th><th scope="col">"Passed on"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <dl class="facts">
                    <dt>"Policy"</dt><dd>{course.info.policy_version.clone()}</dd>
                    <dt>"Completed"</dt><dd>{long_date(completed)}</dd>
                    <dt>"Valid until"</dt><dd>{long_date(until)}</dd>
                    <dt>"Read and understood"</dt><dd>{profile.declared(&course.info).label()}</dd>
                    <dt>"Record id"</dt><dd><code>{profile.id.clone()}</code></dd>
                </dl>
                <p class="certificate-note">"Issued by the Online Safety Workbench on this device from the quiz attempts it holds. The DSL confirms it by finding this record id in the school's training matrix."</p>
            </article>
        }
        .into_any()
    }
}
