//! A module: objectives, readable sections marked as read one by one, key points and
//! scenarios, each claim linked to the policy. The quiz opens once every section is read
//! (or straight away on the annual refresher).

use crate::components::title::Title;
use leptos::prelude::*;

use crate::browser;
use crate::components::content::{filled, BlockView};
use crate::components::course_module::with_module;
use crate::components::link::Link;
use crate::components::need_profile::NeedProfile;
use crate::components::references::RefLinks;
use crate::components::tag::Tag;
use crate::domain::content::{Course, Module};
use crate::domain::training::Profile;
use crate::routes;
use crate::state::app;

#[component]
pub fn ModulePage(
    /// The module's id, from the address.
    id: String,
) -> impl IntoView {
    with_module(id, |course, module| view! { <ModuleView course module /> })
}

#[component]
fn ModuleView(course: &'static Course, module: &'static Module) -> impl IntoView {
    let app = app();
    let book = app.training();
    let has_profile = move || book.with(|b| b.active_profile().is_some());
    let versions = Memo::new(move |_| {
        book.with(|b| {
            b.active_profile()
                .map(Profile::versions)
                .unwrap_or_default()
        })
    });
    // The status tag shows once the answer keys are in; the page does not wait for them.
    let status = move || {
        let keys = app.keys(&versions.get()).ready()?;
        book.with(|b| {
            b.active_profile()
                .map(|p| p.module_status(course, module, &keys, browser::now()))
        })
    };
    let may_quiz =
        move || book.with(|b| b.active_profile().is_some_and(|p| p.may_take_quiz(module)));
    let read_count =
        move || book.with(|b| b.active_profile().map_or(0, |p| p.sections_read(module)));
    let total = module.sections.len();

    let sections = module
        .sections
        .iter()
        .map(|section| {
            let section_id = section.id.clone();
            let checkbox_id = format!("read-{}", section.id);
            let heading_id = format!("section-{}", section.id);
            let labelled_by = heading_id.clone();
            let is_read = {
                let section_id = section_id.clone();
                move || book.with(|b| b.active_profile().is_some_and(|p| p.has_read(&module.id, &section_id)))
            };
            let toggle = move |_| {
                let section_id = section_id.clone();
                app.update_profile(|p| p.toggle_read(&module.id, &section_id));
            };
            view! {
                <section class="module-section" aria-labelledby=labelled_by>
                    <h2 id=heading_id>{filled(section.title.clone())}</h2>
                    {section.blocks.iter().cloned().map(|block| view! { <BlockView block /> }).collect_view()}
                    {move || has_profile().then(|| view! {
                        <div class="choice read-mark">
                            <input type="checkbox" id=checkbox_id.clone() prop:checked=is_read.clone() on:change=toggle.clone() />
                            <label for=checkbox_id.clone()>"I have read this section"</label>
                        </div>
                    })}
                </section>
            }
        })
        .collect_view();

    view! {
        <Title text=module.title.clone() />
        <p class="breadcrumb"><Link href=routes::TRAINING>"Training"</Link></p>
        <h1>{filled(module.title.clone())}</h1>
        <p class="lead">{filled(module.summary.clone())}</p>
        <p class="muted">{format!("About {} minutes to read.", module.minutes)} " " {move || status().map(|s| view! { <Tag standing=s.standing() text=s.label() /> })}</p>
        {move || (!has_profile()).then(|| view! { <NeedProfile /> })}
        <section aria-labelledby="objectives-heading" class="card">
            <h2 id="objectives-heading">"By the end you will be able to"</h2>
            <ul>{module.objectives.iter().cloned().map(|o| view! { <li>{filled(o)}</li> }).collect_view()}</ul>
        </section>
        {sections}
        <section aria-labelledby="key-points-heading" class="card key-points">
            <h2 id="key-points-heading">"Key points"</h2>
            <ul>
                {module.key_points.iter().map(|b| view! { <li>{filled(b.text.clone())} " " <RefLinks refs=b.refs.clone() /></li> }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="scenarios-heading">
            <h2 id="scenarios-heading">"Scenarios"</h2>
            {module.scenarios.iter().map(|s| view! {
                <article class="card scenario">
                    <h3>{filled(s.title.clone())}</h3>
                    <p><strong>"The situation: "</strong>{filled(s.situation.clone())}</p>
                    <p><strong>"What to do: "</strong>{filled(s.response.clone())} " " <RefLinks refs=s.refs.clone() /></p>
                </article>
            }).collect_view()}
        </section>
        <section aria-labelledby="quiz-heading" class="quiz-gate">
            <h2 id="quiz-heading">"Quiz"</h2>
            <p>{format!("{} questions drawn from a bank of {}. The pass mark is {}%.", module.draw, module.questions.len(), module.pass_mark(&course.info))}</p>
            {move || if may_quiz() {
                view! { <p><Link href=routes::quiz(&module.id) class="button">"Go to the quiz"</Link></p> }.into_any()
            } else if has_profile() {
                view! { <p>{format!("Mark every section as read to open the quiz ({} of {total} read).", read_count())}</p> }.into_any()
            } else {
                ().into_any()
            }}
        </section>
    }
}
