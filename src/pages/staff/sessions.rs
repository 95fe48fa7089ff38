//! Training sessions: the DSL opens one (an INSET afternoon), shows its code to the room and
//! marks who attended. A pass made with the code, inside the session's window, by someone on
//! its register reads as taken in the session (`domain::session`).

use leptos::prelude::*;

use crate::browser;
use crate::domain::dates::iso;
use crate::domain::session::{self, show_code, Session};
use crate::domain::staff::roster::{fold_name, Roster};
use crate::state::app;

/// The sessions section of the staff page.
#[component]
pub fn Sessions() -> impl IntoView {
    let list = app().staff_list();
    let now = browser::now();
    let title = RwSignal::new("INSET training".to_owned());
    let day = RwSignal::new(iso(now.date()));
    let (starts, ends) = (
        RwSignal::new("13:30".to_owned()),
        RwSignal::new("16:00".to_owned()),
    );
    let said = RwSignal::new(None::<Result<String, String>>);
    let open = move |_| {
        let (d, a, b) = (
            day.get_untracked(),
            starts.get_untracked(),
            ends.get_untracked(),
        );
        let (Some(opens), Some(closes)) = (session::at(&d, &a), session::at(&d, &b)) else {
            said.set(Some(Err(
                "Give the session's date, and when it starts and ends.".into(),
            )));
            return;
        };
        let Some(random) = browser::secret_u64() else {
            said.set(Some(Err(
                "This browser cannot make a secure code: open the app in a current browser.".into(),
            )));
            return;
        };
        let opened = Session::open(random, title.get_untracked(), opens, closes).and_then(|s| {
            let code = show_code(&s.code);
            let mut next = list.get_untracked();
            next.open_session(s)?;
            list.set(next);
            Ok(code)
        });
        said.set(Some(opened.map(|code| {
            format!("The session is open. Its code is {code}: show it to the people in the room.")
        })));
    };
    view! {
        <section aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">"Training sessions"</h2>
            <p>"For stronger evidence, have staff take their quizzes at school in a session you supervise. Open the session here and show its code to the room; each person types it before their quiz. When you import their records, a pass made with the code during the session counts as taken in the session, for the people you mark as present. A code is no use outside its session's times, to anyone you did not mark, or to another school's app."</p>
            <form class="card" aria-labelledby="session-open-heading" on:submit=move |ev| { ev.prevent_default(); open(()); }>
                <h3 id="session-open-heading">"Open a session"</h3>
                <div class="field">
                    <label for="session-title">"What it is"</label>
                    <input id="session-title" maxlength=Session::TITLE.max prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="session-day">"Date"</label>
                    <input id="session-day" type="date" prop:value=move || day.get() on:input=move |ev| day.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="session-starts">"Starts"</label>
                    <input id="session-starts" type="time" prop:value=move || starts.get() on:input=move |ev| starts.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="session-ends">"Ends"</label>
                    <input id="session-ends" type="time" prop:value=move || ends.get() on:input=move |ev| ends.set(event_target_value(&ev)) />
                </div>
                <div role="status">
                    {move || said.get().map(|s| match s {
                        Ok(line) => view! { <p>{line}</p> }.into_any(),
                        Err(why) => view! { <p class="notice notice-error">{why}</p> }.into_any(),
                    })}
                </div>
                <div class="actions"><button type="submit">"Open the session"</button></div>
            </form>
            <For
                each=move || list.with(|l| l.sessions.iter().map(|s| s.code.clone()).collect::<Vec<_>>())
                key=|code| code.clone()
                children=|code| view! { <SessionCard code /> }
            />
        </section>
    }
}

/// One session: its code and times, and its register (read afresh from the list, so marking
/// someone keeps the register open).
#[component]
fn SessionCard(code: String) -> impl IntoView {
    let app = app();
    let (list, records) = (app.staff_list(), app.staff());
    let showing = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let extra = RwSignal::new(String::new());
    // Everyone the DSL could mark: the staff list, the records' people and anyone already on
    // the register, once each. A memo, so marking someone already shown (a change to the
    // list) does not rebuild the register under the DSL's focus.
    let names = Memo::new({
        let code = code.clone();
        move |_| {
            let mut names: Vec<String> = list.with(|l| {
                let register = session_in(l, &code)
                    .into_iter()
                    .flat_map(|s| s.register.iter());
                l.people
                    .iter()
                    .map(|p| &p.name)
                    .chain(register)
                    .cloned()
                    .collect()
            });
            records.with(|r| names.extend(r.people.iter().map(|p| p.person.name.clone())));
            names.sort_by_cached_key(|n| fold_name(n));
            names.dedup_by(|a, b| fold_name(a) == fold_name(b));
            names
        }
    });
    let mark = {
        let code = code.clone();
        move |name: String, here: bool| {
            let mut next = list.get_untracked();
            match next.mark(&code, &name, here) {
                Ok(()) => {
                    problem.set(None);
                    list.set(next);
                }
                Err(why) => problem.set(Some(why)),
            }
        }
    };
    let remove = {
        let code = code.clone();
        move |_| {
            let title = list.with_untracked(|l| session_in(l, &code).map(|s| s.title.clone()));
            let title = title.unwrap_or_default();
            if browser::confirm(&format!(
                "Remove the session \"{title}\"? Passes taken in it will count as self-reported."
            )) {
                list.update(|l| l.remove_session(&code));
            }
        }
    };
    let register = {
        let (code, mark) = (code.clone(), mark.clone());
        move || {
            names.get().into_iter().enumerate().map(|(i, name)| {
                let id = format!("register-{code}-{i}");
                let here = {
                    let (name, code) = (name.clone(), code.clone());
                    move || list.with(|l| session_in(l, &code).is_some_and(|s| s.attended(&name)))
                };
                let mark = mark.clone();
                let label = name.clone();
                view! {
                    <div class="choice">
                        <input type="checkbox" id=id.clone() prop:checked=here on:change=move |ev| mark(name.clone(), event_target_checked(&ev)) />
                        <label for=id>{label}</label>
                    </div>
                }
            }).collect_view()
        }
    };
    let add_id = format!("register-add-{code}");
    let add = move |_| {
        mark(extra.get_untracked(), true);
        if problem.get_untracked().is_none() {
            extra.set(String::new());
        }
    };
    let heading = {
        let code = code.clone();
        move || list.with(|l| session_in(l, &code).map(|s| format!("{}: {}", s.title, s.when())))
    };
    let present = {
        let code = code.clone();
        move || list.with(|l| session_in(l, &code).map_or(0, |s| s.register.len()))
    };
    view! {
        <article class="card session">
            <h3>{heading}</h3>
            <p>"Code: "<strong class="session-code">{show_code(&code)}</strong></p>
            <p>{move || format!("{} marked present.", present())}</p>
            <div class="actions">
                <button type="button" class="secondary" aria-expanded=move || showing.get().to_string() on:click=move |_| showing.update(|s| *s = !*s)>
                    {move || if showing.get() { "Hide the register" } else { "Mark who attended" }}
                </button>
                <button type="button" class="secondary" on:click=remove>"Remove the session"</button>
            </div>
            <Show when=move || showing.get()>
                <fieldset class="register">
                    <legend>"Present"</legend>
                    {register.clone()}
                </fieldset>
                <div class="field">
                    <label for=add_id.clone()>"Someone not listed above"</label>
                    <input id=add_id.clone() maxlength="200" prop:value=move || extra.get() on:input=move |ev| extra.set(event_target_value(&ev)) />
                </div>
                <div class="actions"><button type="button" on:click=add.clone()>"Mark present"</button></div>
            </Show>
            <p role="status">{move || problem.get()}</p>
        </article>
    }
}

/// The session with `code` on the list, if it is still kept.
fn session_in<'a>(list: &'a Roster, code: &str) -> Option<&'a Session> {
    list.sessions.iter().find(|s| s.code == code)
}
