//! The app state handle in headless Chromium: its operations (import, restore, erase) keep
//! the signals equal to what storage holds; its save never overwrites a change another tab
//! made since this one last read, and another tab's change never overwrites one this tab
//! has not saved (it raises a conflict the user settles, or for staff records merges by
//! record id); the staff records load from IndexedDB after the page opens; data from a newer
//! version of the app is left alone.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use online_safety_workbench::domain::content::Role;
use online_safety_workbench::domain::envelope::{self, Kind};
use online_safety_workbench::domain::settings::SchoolSettings;
use online_safety_workbench::domain::staff::{StaffEntry, StaffRecords};
use online_safety_workbench::domain::training::{Person, Track};
use online_safety_workbench::state::stored::{self, Loaded};
use online_safety_workbench::state::{AppState, NoticeAction, Reach};
use online_safety_workbench::storage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Empties storage and starts the async executor effects run on (mounting does it in the
/// app).
async fn fresh() {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    stored::erase_all().await;
}

/// Waits (up to two seconds) for something IndexedDB does in the background.
async fn until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        let wait = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(wait).await.unwrap();
    }
    panic!("timed out waiting for {what}");
}

/// What a tab hears when another tab writes `key`.
fn other_tab_wrote(key: &str) {
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(key));
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    web_sys::window()
        .unwrap()
        .dispatch_event(event.unchecked_ref())
        .unwrap();
}

fn school(name: &str) -> SchoolSettings {
    SchoolSettings {
        school_name: name.into(),
        ..SchoolSettings::default()
    }
}

/// The school name storage holds now.
fn stored_name() -> Option<String> {
    match stored::load::<SchoolSettings>() {
        Loaded::Value(s, _) => Some(s.school_name),
        _ => None,
    }
}

fn conflict(app: &AppState, kind: Kind) -> bool {
    app.notices
        .list()
        .iter()
        .any(|n| n.action == NoticeAction::Conflict(kind))
}

/// A person as the staff records hold them after importing a record exported before any
/// quiz was taken (the records' storage, not verification, is under test here).
fn entry(id: &str, name: &str) -> StaffEntry {
    StaffEntry {
        record_id: id.into(),
        person: Person {
            name: name.into(),
            role: Role::Teaching,
            start_date: Default::default(),
            track: Track::Induction,
        },
        exported_at: Default::default(),
        files: vec![format!("{id}-sha")],
        attempts: Vec::new(),
        declarations: Vec::new(),
    }
}

#[wasm_bindgen_test]
async fn import_restore_and_erase_keep_signals_and_storage_equal() {
    fresh().await;
    let owner = Owner::new();
    let (app, settings) = owner.with(|| {
        let app = AppState::provide(Reach::EVERYWHERE);
        (app, app.settings())
    });
    assert_eq!(settings.get_untracked(), SchoolSettings::default());

    // An edit is saved by the handle's own effect.
    settings.set(school("Old Name Primary"));
    leptos::task::tick().await;
    assert_eq!(stored_name().as_deref(), Some("Old Name Primary"));

    // An import writes storage and the signal together, backing up what it replaced.
    let incoming = envelope::wrap(&school("New Name Primary"), Default::default(), None);
    app.apply(&[incoming]).await.unwrap();
    assert_eq!(settings.get_untracked().school_name, "New Name Primary");
    assert_eq!(stored_name().as_deref(), Some("New Name Primary"));
    assert_eq!(app.backups().await.len(), 1);

    // Restoring the backup brings both back, and what it replaced becomes the backup.
    app.restore_backup(Kind::Settings).await.unwrap();
    assert_eq!(settings.get_untracked().school_name, "Old Name Primary");
    assert_eq!(stored_name().as_deref(), Some("Old Name Primary"));
    leptos::task::tick().await;
    assert_eq!(stored_name().as_deref(), Some("Old Name Primary"));

    // Erasing empties both.
    app.erase_all().await;
    assert_eq!(settings.get_untracked(), SchoolSettings::default());
    assert_eq!(stored_name(), None);
    leptos::task::tick().await;
    // The reset signal is not written back over the erased storage.
    assert_eq!(stored_name(), None);
    fresh().await;
}

#[wasm_bindgen_test]
async fn a_change_saved_by_another_tab_is_never_overwritten() {
    fresh().await;
    stored::save(&school("First Primary")).unwrap();
    let owner = Owner::new();
    let (app, settings) = owner.with(|| {
        let app = AppState::provide(Reach::EVERYWHERE);
        (app, app.settings())
    });
    assert_eq!(settings.get_untracked().school_name, "First Primary");

    // Another tab saves; this tab has not heard yet and then edits its own copy.
    stored::save(&school("Other Tab Primary")).unwrap();
    settings.set(school("This Tab Primary"));
    leptos::task::tick().await;
    assert_eq!(stored_name().as_deref(), Some("Other Tab Primary"));
    assert!(
        conflict(&app, Kind::Settings),
        "a conflict notice is raised"
    );

    // The other tab's storage event arrives while this tab's change is unsaved: the change
    // stays, and so does the question.
    other_tab_wrote("osw:settings");
    leptos::task::tick().await;
    assert_eq!(settings.get_untracked().school_name, "This Tab Primary");
    assert_eq!(stored_name().as_deref(), Some("Other Tab Primary"));
    assert!(conflict(&app, Kind::Settings));

    // Keeping this tab's version writes it and settles the conflict.
    app.keep_mine(Kind::Settings);
    assert_eq!(stored_name().as_deref(), Some("This Tab Primary"));
    assert!(app.notices.list().is_empty());

    // With nothing unsaved, another tab's change is simply taken.
    stored::save(&school("Later Other Tab Primary")).unwrap();
    other_tab_wrote("osw:settings");
    leptos::task::tick().await;
    assert_eq!(
        settings.get_untracked().school_name,
        "Later Other Tab Primary"
    );
    assert!(app.notices.list().is_empty());
    fresh().await;
}

#[wasm_bindgen_test]
async fn staff_records_load_after_the_page_opens_and_two_tabs_merge_by_record_id() {
    fresh().await;
    let ann = StaffRecords {
        people: vec![entry("r-ann", "Ann Able")],
        updated_at: Some(Default::default()),
    };
    stored::save_indexed(&ann).await.unwrap();
    let owner = Owner::new();
    let (app, staff) = owner.with(|| {
        let app = AppState::provide(Reach::EVERYWHERE);
        (app, app.staff())
    });
    assert!(!owner.with(|| app.loaded(Kind::StaffRecords)), "not yet");
    until("the records to load", || {
        owner.with(|| app.loaded(Kind::StaffRecords))
    })
    .await;
    assert_eq!(staff.get_untracked(), ann);

    // Another tab adds Bob; before this tab hears of it, it adds Cy.
    let mut theirs = ann.clone();
    theirs.people.push(entry("r-bob", "Bob Baker"));
    stored::save_indexed(&theirs).await.unwrap();
    staff.update(|r| r.people.push(entry("r-cy", "Cy Cole")));
    let stored_ids = || async {
        match stored::load_indexed::<StaffRecords>().await.unwrap() {
            Loaded::Value(r, _) => r.people.into_iter().map(|p| p.record_id).collect(),
            _ => Vec::<String>::new(),
        }
    };
    for _ in 0..200 {
        if stored_ids().await.len() == 3 {
            break;
        }
        leptos::task::tick().await;
    }
    assert_eq!(stored_ids().await, ["r-ann", "r-bob", "r-cy"]);
    let ids: Vec<String> = staff
        .get_untracked()
        .people
        .into_iter()
        .map(|p| p.record_id)
        .collect();
    assert_eq!(ids, ["r-ann", "r-bob", "r-cy"]);
    assert!(!conflict(&app, Kind::StaffRecords), "merged, not asked");
    fresh().await;
}

#[wasm_bindgen_test]
async fn data_from_a_newer_version_is_left_alone_and_the_page_says_reload() {
    fresh().await;
    let mut newer = envelope::wrap(&school("Future Primary"), Default::default(), None);
    newer.schema_version += 1;
    let text = serde_json::to_string(&newer).unwrap();
    storage::write("osw:settings", &text).unwrap();
    let owner = Owner::new();
    let (app, settings) = owner.with(|| {
        let app = AppState::provide(Reach::EVERYWHERE);
        (app, app.settings())
    });
    let reload = app
        .notices
        .list()
        .iter()
        .any(|n| n.action == NoticeAction::Reload);
    assert!(reload, "the page asks for a reload");
    settings.set(school("Old Tab Primary"));
    leptos::task::tick().await;
    assert_eq!(storage::read("osw:settings"), Some(text), "untouched");
    fresh().await;
}
