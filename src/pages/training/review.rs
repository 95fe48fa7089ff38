//! After a quiz: the score against the pass mark, then every question with the person's
//! answer, the correct answer and the feedback for each option, linked to the policy.

use crate::components::title::Title;
use leptos::prelude::*;

use crate::browser;
use crate::components::content::filled;
use crate::components::link::Link;
use crate::components::loading::when_loaded;
use crate::components::references::RefLinks;
use crate::domain::content::{Course, Module};
use crate::domain::quiz::{self, Attempt};
use crate::domain::rng::make_id;
use crate::router::router;
use crate::routes;
use crate::state::app;

#[component]
pub fn ReviewPage(
    /// The attempt's id, from the address.
    id: String,
) -> impl IntoView {
    let book = app().training();
    let attempt = Memo::new(move |_| {
        book.with(|b| {
            b.active_profile().and_then(|p| {
                p.attempts
                    .iter()
                    .find(|a| a.id == id && a.is_submitted())
                    .cloned()
            })
        })
    });
    let app = app();
    move || {
        match attempt.get() {
        Some(a) => {
            let module_id = a.module_id.clone();
            when_loaded(
                move || app.course().and(app.module(&module_id)),
                move |(course, module)| view! { <Review course module attempt=a.clone() /> },
            )
            .into_any()
        }
        None => view! {
            <Title text="Quiz review" />
            <h1>"Quiz review"</h1>
            <p>"This attempt is not in the profile in use. "<Link href=routes::TRAINING>"Back to training"</Link></p>
        }
        .into_any(),
    }
    }
}

#[component]
fn Review(course: &'static Course, module: &'static Module, attempt: Attempt) -> impl IntoView {
    let router = router();
    let book = app().training();
    let Some(score) = attempt.score else {
        return ().into_any();
    };
    let earlier = attempt.content_version != course.info.content_version;
    let verdict = if score.passed { "Passed" } else { "Not passed" };
    let retake = move |_| {
        let id = make_id("a", browser::random_u64());
        let started = book
            .try_update(|b| {
                b.start_attempt(
                    course,
                    module,
                    id,
                    browser::session_code().as_deref(),
                    browser::now(),
                )
            })
            .flatten();
        if started.is_some() {
            router.navigate(&routes::quiz(&module.id));
        }
    };
    let items = attempt
        .questions
        .iter()
        .enumerate()
        .filter_map(|(i, drawn)| {
            let q = module.questions.iter().find(|q| q.id == drawn.question_id)?;
            let chosen = attempt.answers.get(&q.id).cloned().unwrap_or_default();
            let right = quiz::is_correct(q, &chosen);
            let options = drawn
                .option_order
                .iter()
                .filter_map(|oid| q.options.iter().find(|o| &o.id == oid))
                .map(|o| {
                    let picked = chosen.contains(&o.id);
                    let mut marks = Vec::new();
                    if picked {
                        marks.push("Your answer");
                    }
                    if o.correct {
                        marks.push("Correct answer");
                    }
                    let class = match (picked, o.correct) {
                        (_, true) => "review-option correct",
                        (true, false) => "review-option wrong",
                        _ => "review-option",
                    };
                    view! {
                        <li class=class>
                            <p>
                                {filled(o.text.clone())}
                                {(!marks.is_empty()).then(|| view! { " " <strong class="marks">{format!("({})", marks.join(", "))}</strong> })}
                            </p>
                            <p class="feedback">{filled(o.feedback.clone())} " " <RefLinks refs=o.refs.clone() /></p>
                        </li>
                    }
                })
                .collect_view();
            Some(view! {
                <article class="card review-question" aria-labelledby=format!("rq-{i}")>
                    <h3 id=format!("rq-{i}")>
                        {format!("Question {}: ", i + 1)}
                        <span class=if right { "tag tag-green" } else { "tag tag-red" }>{if right { "Right" } else { "Wrong" }}</span>
                    </h3>
                    {(!q.situation.is_empty()).then(|| view! { <p class="situation">{filled(q.situation.clone())}</p> })}
                    <p class="prompt">{filled(q.prompt.clone())}</p>
                    {chosen.is_empty().then(|| view! { <p class="tag tag-red">"Not answered"</p> })}
                    <ul class="review-options">{options}</ul>
                    <p class="refs-line">"Policy: " <RefLinks refs=q.refs.clone() /></p>
                </article>
            })
        })
        .collect_view();
    view! {
        <Title text=format!("Quiz review: {}", module.title) />
        <p class="breadcrumb"><Link href=routes::TRAINING>"Training"</Link> " › " <Link href=routes::module(&module.id)>{module.title.clone()}</Link></p>
        <h1>{format!("Quiz review: {}", module.title)}</h1>
        <div class=if score.passed { "notice score" } else { "notice notice-error score" } role="status">
            <p>
                <strong>{format!("{verdict}. ")}</strong>
                {format!("You scored {} out of {} ({}%). The pass mark is {}%.", score.correct, score.total, score.percent, score.pass_mark)}
            </p>
        </div>
        <div class="actions">
            {(!score.passed).then(|| view! { <button type="button" on:click=retake>"Retake the quiz with new questions"</button> })}
            <Link href=routes::TRAINING class="button secondary">"Back to your training"</Link>
        </div>
        <section aria-labelledby="answers-heading">
            <h2 id="answers-heading">"Your answers"</h2>
            {earlier.then(|| view! {
                <p class="notice">{format!("This attempt was taken under earlier questions (course version {}); those that have changed since are not shown.", attempt.content_version)}</p>
            })}
            {items}
        </section>
    }
    .into_any()
}
