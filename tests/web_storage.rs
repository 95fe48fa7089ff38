//! The storage edge and the stored kinds over it, against the real localStorage and
//! IndexedDB of headless Chromium: a round trip in each, a damaged value moved aside, a value
//! from a newer version left exactly where it is, a full quota reported with the old value
//! intact, and an import that backs up what it replaces.
#![cfg(target_arch = "wasm32")]

use online_safety_workbench::domain::backup::STORED_KINDS;
use online_safety_workbench::domain::envelope::{self, Kind};
use online_safety_workbench::domain::settings::SchoolSettings;
use online_safety_workbench::domain::staff::StaffRecords;
use online_safety_workbench::state::stored::{self, Loaded};
use online_safety_workbench::storage::{self, indexed, StorageError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Empties both stores (the filler keys of the quota test included).
async fn fresh() {
    stored::erase_all().await;
    assert!(storage::keys().is_empty());
    assert!(indexed::keys().await.unwrap().is_empty());
}

fn school(name: &str) -> SchoolSettings {
    SchoolSettings {
        school_name: name.into(),
        ..SchoolSettings::default()
    }
}

#[wasm_bindgen_test]
async fn a_saved_value_loads_back_equal() {
    fresh().await;
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
async fn staff_records_live_in_indexeddb_with_a_stamp_other_tabs_hear_of() {
    fresh().await;
    assert!(matches!(
        stored::load_indexed::<StaffRecords>().await.unwrap(),
        Loaded::Empty
    ));
    let records = StaffRecords {
        people: Vec::new(),
        updated_at: Some(Default::default()),
    };
    let stamp = stored::save_indexed(&records).await.unwrap();
    assert_eq!(
        storage::read("osw:stamp:staff-records").as_deref(),
        Some(stamp.as_str())
    );
    assert_eq!(
        storage::read("osw:staff-records"),
        None,
        "not in localStorage"
    );
    match stored::load_indexed::<StaffRecords>().await.unwrap() {
        Loaded::Value(value, mark) => {
            assert_eq!(value, records);
            assert_eq!(mark, stamp);
        }
        _ => panic!("expected the saved records"),
    }
    let again = stored::save_indexed(&records).await.unwrap();
    assert_ne!(again, stamp, "every write has a new stamp");
    assert_eq!(
        stored::kind_of_key("osw:stamp:staff-records"),
        Some(Kind::StaffRecords)
    );
}

#[wasm_bindgen_test]
async fn a_damaged_value_is_moved_aside_not_deleted() {
    fresh().await;
    storage::write("osw:settings", "{\"format\": \"online-safety-workbench\", ").unwrap();
    let Loaded::Damaged {
        moved_to: Some(moved_to),
        error,
    } = stored::load::<SchoolSettings>()
    else {
        panic!("expected damage to be reported and the text moved aside");
    };
    assert!(moved_to.starts_with("osw:damaged:settings:"), "{moved_to}");
    assert!(error.to_string().contains("not a JSON file"), "{error}");
    assert_eq!(
        storage::read(&moved_to).as_deref(),
        Some("{\"format\": \"online-safety-workbench\", ")
    );
    assert_eq!(storage::read("osw:settings"), None);
    assert!(matches!(stored::load::<SchoolSettings>(), Loaded::Empty));
    assert_eq!(stored::damaged_keys().await, [moved_to]);
}

#[wasm_bindgen_test]
async fn a_value_from_a_newer_version_is_left_exactly_where_it_is() {
    fresh().await;
    // What a later release would write: this app's envelope with a higher schema version.
    let mut newer = envelope::wrap(&school("Future Primary"), Default::default(), None);
    newer.schema_version += 1;
    let text = serde_json::to_string(&newer).unwrap();
    storage::write("osw:settings", &text).unwrap();
    let Loaded::Newer(error) = stored::load::<SchoolSettings>() else {
        panic!("expected the newer value to be recognised");
    };
    assert!(error.to_string().contains("newer"), "{error}");
    assert_eq!(storage::read("osw:settings"), Some(text), "untouched");
    assert!(stored::damaged_keys().await.is_empty(), "nothing set aside");
}

#[wasm_bindgen_test]
async fn a_full_quota_is_reported_and_the_old_value_survives() {
    fresh().await;
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

    // A restore that needs room for a backup and the new value changes nothing.
    let incoming = envelope::wrap(&big, Default::default(), None);
    assert_eq!(
        stored::apply(&[incoming]).await,
        Err(StorageError::QuotaExceeded)
    );
    assert!(stored::backups().await.is_empty());
    fresh().await;
}

#[wasm_bindgen_test]
async fn an_import_backs_up_what_it_replaces_and_the_backup_restores() {
    fresh().await;
    stored::save(&school("Old Name Primary")).unwrap();
    let incoming = envelope::wrap(&school("New Name Primary"), Default::default(), None);
    stored::apply(&[incoming]).await.unwrap();
    let current = stored::stored_parts().await;
    assert_eq!(current[0].data["school_name"], "New Name Primary");
    let backups = stored::backups().await;
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].kind, Kind::Settings);
    assert_eq!(
        backups[0].description,
        "School settings for Old Name Primary"
    );

    let backup = stored::read_backup(Kind::Settings).await.unwrap().unwrap();
    stored::apply(&[backup]).await.unwrap();
    assert_eq!(
        stored::stored_parts().await[0].data["school_name"],
        "Old Name Primary"
    );
    assert_eq!(
        stored::backups().await[0].description,
        "School settings for New Name Primary"
    );

    let held = stored::inventory().await;
    assert_eq!(
        held.len(),
        STORED_KINDS.len(),
        "every stored kind is listed"
    );
    assert!(held[0].bytes > 0 && held[0].live.is_some());
    assert!(held[3].live.is_none(), "no staff records yet");
    assert_eq!(held[4].kind, Kind::StaffList);
    assert!(held[4].live.is_none(), "no staff list yet");

    stored::erase_all().await;
    assert!(storage::keys().is_empty());
}

/// One person's entry as the staff records store it.
fn entry(id: &str, name: &str) -> serde_json::Value {
    serde_json::json!({
        "record_id": id,
        "person": { "name": name, "role": "teaching", "start_date": "2026-09-01", "track": "induction" },
        "exported_at": "2026-11-30T18:00:00",
        "files": [],
        "attempts": [],
    })
}

#[wasm_bindgen_test]
async fn one_poisoned_person_is_set_aside_and_everyone_else_loads() {
    fresh().await;
    let good: StaffRecords = serde_json::from_value(serde_json::json!({
        "people": [entry("r-ann", "Ann Able"), entry("r-bo", "Bo Baker")],
    }))
    .unwrap();
    let mut envelope = envelope::wrap(&good, Default::default(), None);
    let mut eve = entry("r-eve", "Eve Evans");
    eve["attempts"] = serde_json::json!("not a list");
    envelope.data["people"]
        .as_array_mut()
        .unwrap()
        .insert(1, eve);
    let text = serde_json::to_string(&envelope).unwrap();
    indexed::write("osw:staff-records", &text).await.unwrap();

    let Loaded::Mended {
        value,
        mark: Some(_),
        report,
    } = stored::load_indexed::<StaffRecords>().await.unwrap()
    else {
        panic!("expected the records to load with one person set aside");
    };
    let names: Vec<&str> = value
        .people
        .iter()
        .map(|p| p.person.name.as_str())
        .collect();
    assert_eq!(names, ["Ann Able", "Bo Baker"]);
    assert_eq!(report.set_aside.len(), 1);
    assert_eq!(report.set_aside[0].name, "Eve Evans's training records");
    // Nothing is lost: what was stored is the kind's backup, Eve is kept under a key of her
    // own, and the next start loads the two people whole.
    let key = report.set_aside[0].key.clone().unwrap();
    assert!(key.starts_with("osw:damaged:staff-records:"), "{key}");
    assert_eq!(
        indexed::read("osw:backup:staff-records")
            .await
            .unwrap()
            .as_deref(),
        Some(text.as_str())
    );
    let aside = indexed::read(&key).await.unwrap().unwrap();
    assert!(aside.contains("Eve Evans") && !aside.contains("Ann Able"));
    assert_eq!(stored::damaged_keys().await, [key]);
    let Loaded::Value(again, _) = stored::load_indexed::<StaffRecords>().await.unwrap() else {
        panic!("expected the mended records to load whole");
    };
    assert_eq!(again, value);
    // Eve cannot be put back while her entry still cannot be read.
    assert!(envelope::put_back(&again, &aside).is_err());
}
