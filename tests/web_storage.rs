//! The storage edge and the stored kinds over it, against the real localStorage of headless
//! Chromium: a round trip, a damaged value moved aside, a full quota reported with the old
//! value intact, and an import that backs up what it replaces.
#![cfg(target_arch = "wasm32")]

use online_safety_workbench::domain::envelope::{self, Kind};
use online_safety_workbench::domain::settings::SchoolSettings;
use online_safety_workbench::state::stored::{self, Loaded};
use online_safety_workbench::storage::{self, StorageError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh() {
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

#[wasm_bindgen_test]
fn a_saved_value_loads_back_equal() {
    fresh();
    assert!(storage::is_available());
    assert!(matches!(stored::load::<SchoolSettings>(), Loaded::Empty));
    let text = stored::save(&school("Round Trip Primary")).unwrap();
    assert_eq!(
        storage::read("osw:settings").as_deref(),
        Some(text.as_str())
    );
    match stored::load::<SchoolSettings>() {
        Loaded::Value(value, raw) => {
            assert_eq!(value, school("Round Trip Primary"));
            assert_eq!(raw, text);
        }
        _ => panic!("expected the saved settings"),
    }
}

#[wasm_bindgen_test]
fn a_damaged_value_is_moved_aside_not_deleted() {
    fresh();
    storage::write("osw:settings", "{\"format\": \"online-safety-workbench\", ").unwrap();
    let Loaded::Damaged { moved_to, error } = stored::load::<SchoolSettings>() else {
        panic!("expected damage to be reported");
    };
    assert!(moved_to.starts_with("osw:damaged:settings:"), "{moved_to}");
    assert!(error.to_string().contains("not a JSON file"), "{error}");
    assert_eq!(
        storage::read(&moved_to).as_deref(),
        Some("{\"format\": \"online-safety-workbench\", ")
    );
    assert_eq!(storage::read("osw:settings"), None);
    assert!(matches!(stored::load::<SchoolSettings>(), Loaded::Empty));
}

#[wasm_bindgen_test]
fn a_full_quota_is_reported_and_the_old_value_survives() {
    fresh();
    let before = stored::save(&school("Before The Flood")).unwrap();
    // Fill storage: double a filler until the browser refuses, then top up in smaller steps.
    let mut chunk = "x".repeat(1 << 20);
    let mut n = 0;
    while chunk.len() >= 1024 {
        match storage::write(&format!("osw:filler:{n}"), &chunk) {
            Ok(()) => n += 1,
            Err(StorageError::QuotaExceeded) => chunk.truncate(chunk.len() / 2),
            Err(other) => panic!("unexpected refusal while filling: {other:?}"),
        }
    }
    let big = school(&"A very long school name ".repeat(200));
    assert_eq!(stored::save(&big), Err(StorageError::QuotaExceeded));
    assert_eq!(storage::read("osw:settings"), Some(before));
    fresh();
}

#[wasm_bindgen_test]
fn an_import_backs_up_what_it_replaces_and_the_backup_restores() {
    fresh();
    stored::save(&school("Old Name Primary")).unwrap();
    let incoming = envelope::wrap(&school("New Name Primary"), Default::default(), None);
    stored::apply(&[incoming]).unwrap();
    let current = stored::stored_parts();
    assert_eq!(current[0].data["school_name"], "New Name Primary");
    let backups = stored::backups();
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].kind, Kind::Settings);
    assert_eq!(
        backups[0].description,
        "School settings for Old Name Primary"
    );

    let backup = stored::read_backup(Kind::Settings).unwrap().unwrap();
    stored::apply(&[backup]).unwrap();
    assert_eq!(
        stored::stored_parts()[0].data["school_name"],
        "Old Name Primary"
    );
    assert_eq!(
        stored::backups()[0].description,
        "School settings for New Name Primary"
    );

    stored::erase_all();
    assert!(storage::keys().is_empty());
}
