//! The training dashboard: profiles on this device, then the active person's progress,
//! module statuses, expiry and policy-change warnings, certificate, export and erase.

use leptos::prelude::*;

use crate::browser;
use crate::components::fields::Select;
use crate::components::link::Link;
use crate::components::loading::when_profile_checkable;
use crate::components::page_head::PageHead;
use crate::components::tag::Tag;
use crate::domain::content::{Course, Keys, Role};
use crate::domain::dates::{long as long_date, parse_day};
use crate::domain::envelope;
use crate::domain::rng::make_id;
use crate::domain::text::Rule;
use crate::domain::training::{ModuleStatus, Person, Profile, Track, TrainingRecord, Validity};
use crate::routes;
use crate::state::{app, Tone};

use super::declare::Declare;

#[component]
pub fn Dashboard() -> impl IntoView {
    let book = app().training();
    let adding = RwSignal::new(false);
    let has_profiles = move || book.with(|b| !b.profiles.is_empty());
    view! {
        <PageHead
            title="Training"
            heading="Staff training"
            lead="Induction and annual refresher training in online safety and social media, taken from the school's Social Media Policy. Your progress saves as you go."
        />
        <aside class="notice" aria-label="About profiles">
            <p>
                "Profiles are kept in this browser on this device. They are not private from each other "
                "and are not a login: anyone using this device can open them. When you finish, export your "
                "training record for the DSL, and erase your profile if the computer is shared."
            </p>
        </aside>
        {move || {
            if has_profiles() && !adding.get() {
                view! {
                    <ProfileBar adding />
                    <Overview />
                }
                    .into_any()
            } else {
                view! { <NewProfile adding /> }.into_any()
            }
        }}
    }
}

/// Choose, rename, delete or add a profile.
#[component]
fn ProfileBar(adding: RwSignal<bool>) -> impl IntoView {
    let app = app();
    let book = app.training();
    let rename = move |_| {
        let current = book
            .with(|b| b.active_profile().map(|p| p.person.name.clone()))
            .unwrap_or_default();
        if let Some(name) = browser::prompt("New name for this profile", &current) {
            // The same rule as the form and the stored profiles; a blank name changes nothing.
            if let (Some(name), _) = Person::NAME.edit(name.trim()) {
                app.update_profile(|p| p.person.name = name.trim().to_owned());
            }
        }
    };
    view! {
        <div class="profile-bar actions">
            <label for="profile-switch">"Whose training is this?"</label>
            <select
                id="profile-switch"
                on:change=move |ev| {
                    let id = event_target_value(&ev);
                    book.update(|b| b.active = Some(id));
                }
                prop:value=move || book.with(|b| b.active.clone().unwrap_or_default())
            >
                {move || {
                    book.with(|b| {
                        b.profiles
                            .iter()
                            .map(|p| {
                                let label = format!("{} ({})", p.person.name, p.person.role.label());
                                view! { <option value=p.id.clone()>{label}</option> }
                            })
                            .collect_view()
                    })
                }}
            </select>
            <button type="button" class="secondary" on:click=rename>"Rename"</button>
            <button type="button" class="secondary" on:click=move |_| adding.set(true)>"Add another person"</button>
        </div>
    }
}

/// The form for a new profile.
#[component]
fn NewProfile(adding: RwSignal<bool>) -> impl IntoView {
    let book = app().training();
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(None::<Role>);
    let start = RwSignal::new(browser::today().to_string());
    let track = RwSignal::new(Track::Induction);
    let error = RwSignal::new(None::<&'static str>);
    // A record id handed out by the DSL: typed, or from a link ending `#record=<id>`.
    let given = RwSignal::new(
        crate::router::router()
            .location()
            .with_untracked(|l| l.hash.strip_prefix("#record=").map(str::to_owned))
            .unwrap_or_default(),
    );
    let name_note = RwSignal::new(None::<&'static str>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let person_name = name.get().trim().to_owned();
        let Some(person_role) = role.get() else {
            error.set(Some("Choose your role."));
            return;
        };
        if person_name.is_empty() {
            error.set(Some("Enter your full name."));
            return;
        }
        let start_date = start
            .with(|text| parse_day(text))
            .unwrap_or_else(browser::today);
        let person = Person {
            name: person_name,
            role: person_role,
            start_date,
            track: track.get(),
        };
        let id = match Profile::given_id(&given.get()) {
            Ok(Some(id)) if book.with(|b| b.profiles.iter().any(|p| p.id == id)) => {
                error.set(Some(
                    "A profile on this device already uses that record id.",
                ));
                return;
            }
            Ok(id) => id.unwrap_or_else(|| make_id("r", browser::random_u64())),
            Err(why) => {
                error.set(Some(why));
                return;
            }
        };
        let profile = Profile::new(id, person, browser::now());
        book.update(|b| b.add(profile));
        adding.set(false);
    };
    let has_profiles = move || book.with(|b| !b.profiles.is_empty());
    view! {
        <form class="card new-profile" on:submit=submit aria-labelledby="new-profile-heading">
            <h2 id="new-profile-heading">"Create your profile"</h2>
            {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
            <div class="field">
                <label for="profile-name">"Full name"</label>
                <input id="profile-name" type="text" autocomplete="off" maxlength=Person::NAME.max aria-describedby="profile-name-note"
                    prop:value=move || name.get() on:input=move |ev| {
                        let (kept, note) = Person::NAME.edit(&event_target_value(&ev));
                        name.set(kept.unwrap_or_default());
                        name_note.set(note.filter(|_| !name.with(String::is_empty)));
                    } />
                <p class="field-note" id="profile-name-note" aria-live="polite">{move || name_note.get()}</p>
            </div>
            <Select id="profile-role" label="Role" none="Choose your role" hint="Your role decides which modules you take." value=role on_change=Callback::new(move |r| role.set(r)) />
            <div class="field">
                <label for="profile-start">"Start date at the school"</label>
                <input id="profile-start" type="date" prop:value=move || start.get() on:input=move |ev| start.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for="profile-record">"Record id from your DSL (optional)"</label>
                <p class="hint" id="profile-record-hint">"If your DSL gave you a record id, enter it: your record then matches you on the school's staff list exactly."</p>
                <input id="profile-record" type="text" autocomplete="off" spellcheck="false" maxlength=Rule::ID.max aria-describedby="profile-record-hint"
                    prop:value=move || given.get() on:input=move |ev| given.set(event_target_value(&ev)) />
            </div>
            <fieldset>
                <legend>"Which training?"</legend>
                <div class="choice">
                    <input type="radio" id="track-induction" name="track" checked=true on:change=move |_| track.set(Track::Induction) />
                    <label for="track-induction">"Induction: I am new, or new to this training"</label>
                </div>
                <div class="choice">
                    <input type="radio" id="track-refresher" name="track" on:change=move |_| track.set(Track::Refresher) />
                    <label for="track-refresher">"Annual refresher: I trained here last year"</label>
                </div>
            </fieldset>
            <div class="actions">
                <button type="submit">"Create profile"</button>
                {move || has_profiles().then(|| view! { <button type="button" class="secondary" on:click=move |_| adding.set(false)>"Cancel"</button> })}
            </div>
        </form>
    }
}

/// The active person's course, once the course and the answer keys their attempts need
/// have loaded.
#[component]
fn Overview() -> impl IntoView {
    when_profile_checkable(|(course, keys)| view! { <Progress course keys /> })
}

/// Progress, statuses and what to do next; only verified attempts count.
#[component]
fn Progress(course: &'static Course, keys: Keys<'static>) -> impl IntoView {
    let app = app();
    let (book, settings) = (app.training(), app.settings());
    let today = browser::today();
    // With the person: a change to the profile that moves neither (a declaration) leaves
    // the page as it is.
    let status = Memo::new(move |_| {
        book.with(|b| {
            b.active_profile().map(|p| {
                (
                    p.course_status(course, &keys, browser::now()),
                    p.person.clone(),
                )
            })
        })
    });
    let overdue = move || settings.with(|s| s.overdue_reviews(today));

    let export = move |_| {
        let Some(record) = book.with(|b| {
            b.active_profile()
                .map(|p| TrainingRecord::of(p, course, browser::now()))
        }) else {
            return;
        };
        let json = envelope::to_json(
            &record,
            record.exported_at,
            Some(&course.info.content_version),
        );
        app.download(&record.file_name(), "application/json", &json);
    };
    let erase = move |_| {
        let Some((id, name)) = book.with(|b| {
            b.active_profile()
                .map(|p| (p.id.clone(), p.person.name.clone()))
        }) else {
            return;
        };
        if browser::confirm(&format!("Erase {name}'s profile and all their training from this device? Export the training record first if you need it. This cannot be undone.")) {
            match app.erase_profile(&id) {
                Ok(()) => app.notices.push(Tone::Info, format!("{name}'s profile and training have been erased from this device, including the backup copy the app keeps. Files you downloaded (your training record, certificate) are not: delete them from this computer's Downloads folder too if it is shared.")),
                Err(e) => app.notices.storage_error(&e),
            }
        }
    };

    move || {
        let Some((status, person)) = status.get() else {
            return ().into_any();
        };
        let percent = (status.passed * 100)
            .checked_div(status.required)
            .unwrap_or(0);
        let validity = match status.validity {
            Validity::InProgress => None,
            Validity::Valid { until } => Some(("notice", format!("Your training is complete and valid until {}.", long_date(until)))),
            Validity::ExpiringSoon { until, days_left } => Some(("notice notice-warning", format!("Your training expires on {} ({days_left} days). Take the annual refresher before then.", long_date(until)))),
            Validity::Expired { since } => Some(("notice notice-error", format!("Your training expired on {}: it is due now. Retake the modules marked Due.", long_date(since)))),
        };
        let earlier = (!status.earlier_questions.is_empty()).then(|| view! {
            <p class="notice">{format!("The course's questions were updated (version {}) after you passed some modules. Your passes stand until they expire; your next attempt at each will use the new questions.", course.info.content_version)}</p>
        });
        let changed = (!status.policy_changed.is_empty()).then(|| {
            let titles: Vec<String> = status.policy_changed.iter().filter_map(|id| course.module(id).map(|m| m.title.clone())).collect();
            view! {
                <div class="notice notice-warning">
                    <p>{format!("The policy has changed since you trained ({} now). Retake these modules:", course.info.policy_version)}</p>
                    <ul>{titles.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                </div>
            }
        });
        let next = status
            .modules
            .iter()
            .find(|(_, s)| !s.is_passed())
            .and_then(|(id, s)| course.module(id).map(|m| (m, s.clone())));
        let complete = status.completed_on.is_some();
        view! {
            <section aria-labelledby="progress-heading">
                <h2 id="progress-heading">{format!("{}: {}", person.name, person.track.label())}</h2>
                <p>{format!("{} · started {}", person.role.label(), long_date(person.start_date))}</p>
                {validity.map(|(class, text)| view! { <p class=class>{text}</p> })}
                {changed}
                {earlier}
                {move || {
                    let overdue = overdue();
                    (!overdue.is_empty()).then(|| view! {
                        <div class="notice" role="note" aria-label="The policy's review dates">
                            <ul>{overdue.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                            <p>{format!("Until a new version is adopted, this training follows the version in force: {}.", course.info.policy_version)}</p>
                        </div>
                    })
                }}
                <p id="progress-label">{format!("{} of {} required modules passed", status.passed, status.required)}</p>
                <div class="progress" role="progressbar" aria-labelledby="progress-label" aria-valuemin="0" aria-valuemax="100" aria-valuenow=percent.to_string()>
                    <span style:width=format!("{percent}%")></span>
                </div>
                {(!complete && status.minutes_left > 0).then(|| view! { <p class="muted">{format!("About {} minutes of reading left.", status.minutes_left)}</p> })}
                {next.map(|(m, s)| {
                    let (href, label) = next_step(&m.id, &m.title, &s);
                    view! { <p class="next-step">"Next: " <Link href=href>{label}</Link></p> }
                })}
            </section>
            <section aria-labelledby="modules-heading">
                <h2 id="modules-heading">"Your modules"</h2>
                <div class="table-wrap">
                    <table class="modules">
                        <thead><tr><th scope="col">"Module"</th><th scope="col">"Status"</th><th scope="col">"Time"</th><th scope="col">"Next"</th></tr></thead>
                        <tbody>
                            {status.modules.iter().filter_map(|(id, s)| course.module(id).map(|m| (m, s))).map(|(m, s)| {
                                let (href, label) = next_step(&m.id, &m.title, s);
                                view! {
                                    <tr>
                                        <th scope="row"><Link href=routes::module(&m.id)>{m.title.clone()}</Link></th>
                                        <td><Tag standing=s.standing() text=s.label() /></td>
                                        <td>{format!("{} min", m.minutes)}</td>
                                        <td><Link href=href>{label}</Link></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
            <Declare course complete />
            <section aria-labelledby="record-heading">
                <h2 id="record-heading">"Your record"</h2>
                <div class="actions">
                    {complete.then(|| view! { <Link href=routes::CERTIFICATE class="button">"View and print your certificate"</Link> })}
                    <button type="button" on:click=export>"Export my training record"</button>
                    <button type="button" class="danger" on:click=erase>"Erase my data from this device"</button>
                </div>
                <p class="muted">"The exported record is a JSON file with every quiz attempt and answer. Send it to the DSL. Their copy of the app checks that each attempt is what the app makes for you and that its answers pass; it cannot tell who answered, so your DSL may ask you to take a quiz at school."</p>
            </section>
        }
        .into_any()
    }
}

/// Where the person goes next for a module, and what the link says.
fn next_step(id: &str, title: &str, status: &ModuleStatus) -> (String, String) {
    let (module, quiz) = (routes::module(id), routes::quiz(id));
    match status {
        ModuleStatus::NotStarted => (module, format!("Start reading: {title}")),
        ModuleStatus::Reading { .. } => (module, format!("Carry on reading: {title}")),
        ModuleStatus::ReadyForQuiz => (quiz, format!("Take the quiz: {title}")),
        ModuleStatus::QuizInProgress => (quiz, format!("Finish the quiz: {title}")),
        ModuleStatus::Failed { .. } => (quiz, format!("Retake the quiz: {title}")),
        ModuleStatus::Expired { .. } => (quiz, format!("Refresh: {title}")),
        ModuleStatus::Passed { .. } => (module, format!("Read again: {title}")),
    }
}
