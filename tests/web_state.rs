//! The app state handle in headless Chromium: its operations (import, restore, erase) keep
//! the signals equal to what storage holds, and its save never overwrites a change another
//! tab made since this one last read (it raises a conflict the user settles instead).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use online_safety_workbench::domain::envelope::{self, Kind};
use online_safety_workbench::domain::settings::SchoolSettings;
use online_safety_workbench::state::stored::{self, Loaded};
use online_safety_workbench::state::{AppState, NoticeAction};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Clears storage and starts the async executor effects run on (mounting does it in the app).
fn fresh() {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
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

#[wasm_bindgen_test]
async fn import_restore_and_erase_keep_signals_and_storage_equal() {
    fresh();
    let owner = Owner::new();
    let (app, settings) = owner.with(|| {
        let app = AppState::provide();
        (app, app.settings())
    });
    assert_eq!(settings.get_untracked(), SchoolSettings::default());

    // An edit is saved by the handle's own effect.
    settings.set(school("Old Name Primary"));
    leptos::task::tick().await;
    assert_eq!(stored_name().as_deref(), Some("Old Name Primary"));

    // An import writes storage and the signal together, backing up what it replaced.
    let incoming = envelope::wrap(&school("New Name Primary"), Default::default(), None);
    app.apply(&[incoming]).unwrap();
    assert_eq!(settings.get_untracked().school_name, "New Name Primary");
    assert_eq!(stored_name().as_deref(), Some("New Name Primary"));
    assert_eq!(owner.with(|| app.backups()).len(), 1);

    // Restoring the backup brings both back, and what it replaced becomes the backup.
    app.restore_backup(Kind::Settings).unwrap();
    assert_eq!(settings.get_untracked().school_name, "Old Name Primary");
    assert_eq!(stored_name().as_deref(), Some("Old Name Primary"));
    leptos::task::tick().await;
    assert_eq!(stored_name().as_deref(), Some("Old Name Primary"));

    // Erasing empties both.
    app.erase_all();
    assert_eq!(settings.get_untracked(), SchoolSettings::default());
    assert_eq!(stored_name(), None);
    leptos::task::tick().await;
    // The reset signal is not written back over the erased storage.
    assert_eq!(stored_name(), None);
    fresh();
}

#[wasm_bindgen_test]
async fn a_change_saved_by_another_tab_is_never_overwritten() {
    fresh();
    stored::save(&school("First Primary")).unwrap();
    let owner = Owner::new();
    let (app, settings) = owner.with(|| {
        let app = AppState::provide();
        (app, app.settings())
    });
    assert_eq!(settings.get_untracked().school_name, "First Primary");

    // Another tab saves; this tab has not read it yet and then edits its own copy.
    stored::save(&school("Other Tab Primary")).unwrap();
    settings.set(school("This Tab Primary"));
    leptos::task::tick().await;
    assert_eq!(stored_name().as_deref(), Some("Other Tab Primary"));
    let conflict = app
        .notices
        .list()
        .iter()
        .any(|n| n.action == NoticeAction::Conflict(Kind::Settings));
    assert!(conflict, "a conflict notice is raised");

    // Keeping this tab's version writes it and settles the conflict.
    app.keep_mine(Kind::Settings);
    assert_eq!(stored_name().as_deref(), Some("This Tab Primary"));
    assert!(app.notices.list().is_empty());

    // And taking the stored version reads it into the signal.
    stored::save(&school("Later Other Tab Primary")).unwrap();
    app.take_stored(Kind::Settings);
    assert_eq!(
        settings.get_untracked().school_name,
        "Later Other Tab Primary"
    );
    fresh();
}
