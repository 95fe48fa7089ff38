//! Taking a quiz: the open attempt's questions as labelled radio groups and checkboxes.
//! Every choice is saved as it is made, so leaving and coming back finds the answers kept.

use crate::components::title::Title;
use leptos::prelude::*;

use crate::browser;
use crate::components::content::filled;
use crate::components::course_module::with_module;
use crate::components::link::Link;
use crate::components::need_profile::NeedProfile;
use crate::domain::content::{Course, Module, ModuleKey, QuestionKind};
use crate::domain::rng::make_id;
use crate::domain::session::{read_code, show_code};
use crate::router::router;
use crate::routes;
use crate::state::app;

#[component]
pub fn QuizPage(
    /// The module's id, from the address.
    id: String,
) -> impl IntoView {
    with_module(id, |course, module| view! { <Quiz course module /> })
}

#[component]
fn Quiz(course: &'static Course, module: &'static Module) -> impl IntoView {
    let book = app().training();
    // A training session's code, kept for the tab so each quiz of the session uses it.
    let typed = RwSignal::new(browser::session_code().map_or_else(String::new, |c| show_code(&c)));
    let code = move || typed.with(|t| read_code(t));
    let wrong = move || typed.with(|t| !t.trim().is_empty()) && code().is_none();
    let start = move |_| {
        if wrong() {
            return;
        }
        let code = code();
        browser::set_session_code(code.as_deref());
        let id = make_id("a", browser::random_u64());
        book.update(|b| {
            b.start_attempt(course, module, id, code.as_deref(), browser::now());
        });
    };
    let version = &course.info.content_version;
    // Only an attempt under the current questions can be finished.
    let open = Memo::new(move |_| {
        book.with(|b| {
            b.active_profile()
                .and_then(|p| p.open_attempt(&module.id))
                .filter(|a| a.content_version == *version)
                .map(|a| a.id.clone())
        })
    });
    let stale = move || {
        book.with(|b| {
            b.active_profile()
                .and_then(|p| p.open_attempt(&module.id))
                .is_some_and(|a| a.content_version != *version)
        })
    };
    let may_quiz =
        move || book.with(|b| b.active_profile().is_some_and(|p| p.may_take_quiz(module)));
    let has_profile = move || book.with(|b| b.active_profile().is_some());
    view! {
        <Title text=format!("Quiz: {}", module.title) />
        <p class="breadcrumb"><Link href=routes::TRAINING>"Training"</Link> " › " <Link href=routes::module(&module.id)>{module.title.clone()}</Link></p>
        <h1>{format!("Quiz: {}", module.title)}</h1>
        {move || match open.get() {
            Some(attempt_id) => view! { <Questions course module attempt_id /> }.into_any(),
            None if !has_profile() => view! { <NeedProfile /> }.into_any(),
            None if !may_quiz() => view! {
                <p>"Read every section of the module first. "<Link href=routes::module(&module.id)>"Back to the module"</Link></p>
            }.into_any(),
            None => view! {
                {stale().then(|| view! {
                    <p class="notice">"The questions have been updated since you started this quiz, so it cannot be finished. Start it again with the new questions."</p>
                })}
                <p>{format!("{} questions, drawn afresh for each attempt. You need {}% to pass. Your answers are saved as you go.", module.draw, module.pass_mark(&course.info))}</p>
                <div class="field">
                    <label for="session-code">"Training session code (only if you are in a session)"</label>
                    <p class="hint" id="session-code-hint">"If you are taking this quiz in a training session, type the code your DSL shows, such as K7MQ-2XPA. It records that you took it in the session. Otherwise leave it empty."</p>
                    <input id="session-code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="12"
                        aria-describedby="session-code-hint session-code-problem" aria-invalid=move || wrong().to_string()
                        prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev)) />
                    <p id="session-code-problem" class="field-note" aria-live="polite">{move || wrong().then_some("That is not a session code: check each character with your DSL, or leave it empty.")}</p>
                </div>
                <button type="button" on:click=start>"Start the quiz"</button>
            }.into_any(),
        }}
    }
}

#[component]
fn Questions(
    course: &'static Course,
    module: &'static Module,
    attempt_id: String,
) -> impl IntoView {
    let app = app();
    let book = app.training();
    let router = router();
    let key = ModuleKey::of(course, module);
    let drawn = book
        .with_untracked(|b| {
            b.active_profile()
                .and_then(|p| p.attempts.iter().find(|a| a.id == attempt_id))
                .map(|a| a.questions.clone())
        })
        .unwrap_or_default();
    let total = drawn.len();
    let answered = {
        let attempt_id = attempt_id.clone();
        Memo::new(move |_| {
            book.with(|b| {
                b.active_profile()
                    .and_then(|p| p.attempts.iter().find(|a| a.id == attempt_id))
                    .map_or(0, |a| a.answered())
            })
        })
    };
    let questions = drawn.into_iter().enumerate().filter_map(|(i, d)| {
        let question = module.questions.iter().find(|q| q.id == d.question_id)?;
        let multiple = question.kind == QuestionKind::Multiple;
        let hint_id = format!("hint-{}", question.id);
        let options = d.option_order.iter().filter_map(|oid| question.options.iter().find(|o| &o.id == oid)).map(|option| {
            let input_id = format!("q-{}-{}", question.id, option.id);
            let option_id = option.id.clone();
            let attempt_id = attempt_id.clone();
            let checked = {
                let (attempt_id, option_id) = (attempt_id.clone(), option_id.clone());
                move || book.with(|b| {
                    b.active_profile()
                        .and_then(|p| p.attempts.iter().find(|a| a.id == attempt_id))
                        .and_then(|a| a.answers.get(&question.id))
                        .is_some_and(|chosen| chosen.contains(&option_id))
                })
            };
            let choose = move |_| {
                let (attempt_id, option_id) = (attempt_id.clone(), option_id.clone());
                app.update_profile(|p| {
                    if let Some(a) = p.attempt_mut(&attempt_id) {
                        a.choose(question, &option_id);
                    }
                });
            };
            view! {
                <div class="choice">
                    <input type=if multiple { "checkbox" } else { "radio" } id=input_id.clone() name=format!("q-{}", question.id) prop:checked=checked on:change=choose />
                    <label for=input_id>{filled(option.text.clone())}</label>
                </div>
            }
        }).collect_view();
        Some(view! {
            <fieldset class="question" aria-describedby=multiple.then(|| hint_id.clone())>
                <legend>
                    <span class="question-number">{format!("Question {} of {total}", i + 1)}</span>
                    {(!question.situation.is_empty()).then(|| view! { <span class="situation">{filled(question.situation.clone())}</span> })}
                    <span class="prompt">{filled(question.prompt.clone())}</span>
                </legend>
                {multiple.then(|| view! { <p class="hint" id=hint_id.clone()>"Choose all that apply."</p> })}
                {options}
            </fieldset>
        })
    }).collect_view();

    let submit = move |_| {
        let unanswered = total - answered.get_untracked();
        if unanswered > 0
            && !browser::confirm(&format!(
                "{unanswered} question(s) have no answer and will count as wrong. Submit anyway?"
            ))
        {
            return;
        }
        let mut done = false;
        app.update_profile(|p| {
            if let Some(a) = p.attempt_mut(&attempt_id) {
                done = a.submit(&key, browser::now()).is_ok();
            }
        });
        if done {
            router.navigate(&routes::attempt(&attempt_id));
        }
    };
    view! {
        <form class="quiz" on:submit=|ev| ev.prevent_default()>
            {questions}
            <p aria-live="polite">{move || format!("{} of {total} answered.", answered.get())}</p>
            <div class="actions">
                <button type="button" on:click=submit>"Submit answers"</button>
            </div>
        </form>
    }
}
