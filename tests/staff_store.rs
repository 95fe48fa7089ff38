//! The staff records keep one set of rules whichever way a person arrives (issue 21, R7,
//! L1.4): a record file that the store could not load is refused at import, a merge or a
//! "Keep both" that would break the rules changes nothing or shortens the id, two tabs never
//! merge two people under one id, and after any sequence of imports and decisions the store
//! loads whole. Records are made the way the app makes them, then altered as a hostile or
//! careless file would be.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::{json, Value};

use common::{at, course, day, keys, pass_all, person};
use online_safety_workbench::domain::content::Role;
use online_safety_workbench::domain::envelope;
use online_safety_workbench::domain::staff::{
    matrix, Outcome, Overall, RecordFile, Settle, StaffRecords,
};
use online_safety_workbench::domain::training::{Profile, Track, TrainingRecord};
use online_safety_workbench::domain::verify::Verdict;

fn record(id: &str, name: &str, on: NaiveDate) -> TrainingRecord {
    let mut profile = Profile::new(
        id.into(),
        person(name, Role::Teaching, Track::Induction),
        at(on),
    );
    pass_all(&mut profile, on);
    TrainingRecord::of(&profile, course(), on.and_hms_opt(18, 0, 0).unwrap())
}

/// The record's file as the export writes it, with `change` made to its JSON first.
fn file(name: &str, record: &TrainingRecord, change: impl FnOnce(&mut Value)) -> RecordFile {
    let mut json: Value =
        serde_json::from_str(&envelope::to_json(record, record.exported_at, None)).unwrap();
    change(&mut json["data"]);
    let text = serde_json::to_string_pretty(&json).unwrap();
    RecordFile {
        name: name.into(),
        sha256: format!("sha-{name}-{}", text.len()),
        text,
    }
}

fn today() -> NaiveDate {
    day(2026, 12, 20)
}

/// The store as the app saves it, read back as the next start reads it.
fn loads_whole(records: &StaffRecords) -> bool {
    let text = envelope::to_compact_json(records, at(today()), None);
    envelope::load::<StaffRecords>(&text).is_ok_and(|kept| kept.is_whole())
}

#[test]
fn a_record_the_store_could_not_load_is_refused_at_import_and_hides_nothing() {
    let mut records = StaffRecords::default();
    let ann = record("r-ann", "Ann Able", day(2026, 12, 10));
    records.import(&[file("ann.json", &ann, |_| {})], keys(), at(today()));
    let eve = record("r-eve", "Eve Evans", day(2026, 12, 11));
    let bell = file("bell.json", &eve, |data| {
        data["attempts"][0]["content_version"] = json!("\u{7}");
    });
    let long = file("long.json", &eve, |data| {
        data["attempts"][0]["policy_version"] = json!("v".repeat(5_000));
    });
    let many = file("many.json", &eve, |data| {
        let one = data["attempts"][0].clone();
        data["attempts"] = (0..2_001)
            .map(|n| {
                let mut a = one.clone();
                a["id"] = json!(format!("a-{n}"));
                a
            })
            .collect();
    });
    for file in [bell, long, many] {
        let results = records.import(std::slice::from_ref(&file), keys(), at(today()));
        assert!(
            matches!(&results[0].outcome, Outcome::Failed(_)),
            "{}: {:?}",
            file.name,
            results[0].outcome
        );
    }
    assert_eq!(records.people.len(), 1);
    assert!(loads_whole(&records));
}

#[test]
fn keep_both_under_a_100_character_id_makes_an_id_the_store_keeps() {
    // Two files that share a 100-character record id (the longest a record id may be).
    let id = "r".repeat(100);
    let mut records = StaffRecords::default();
    let mut ann = record("r-ann", "Ann Able", day(2026, 12, 10));
    ann.record_id = id.clone();
    records.import(&[file("ann.json", &ann, |_| {})], keys(), at(today()));
    let mut cal = record("r-cal", "Cal Cole", day(2026, 12, 11));
    cal.record_id = id;
    let results = records.import(&[file("cal.json", &cal, |_| {})], keys(), at(today()));
    let Outcome::Conflict(conflict) = &results[0].outcome else {
        panic!(
            "expected a conflict, got {:?} ({:?})",
            results[0].outcome, records.people
        );
    };
    records
        .settle((**conflict).clone(), Settle::KeepBoth, at(today()))
        .unwrap();
    assert_eq!(records.people.len(), 2);
    assert_eq!(records.people[1].record_id.chars().count(), 100);
    assert!(records.people[1].record_id.ends_with(" (2)"));
    assert!(loads_whole(&records));
}

#[test]
fn two_tabs_never_merge_two_people_under_one_id() {
    let ann = record("r-1", "Ann Able", day(2026, 12, 10));
    let cal = record("r-1", "Cal Cole", day(2026, 12, 11));
    let mut mine = StaffRecords::default();
    mine.import(&[file("ann.json", &ann, |_| {})], keys(), at(today()));
    // The other tab settled the same id for Cal (Replace).
    let mut theirs = mine.clone();
    let results = theirs.import(&[file("cal.json", &cal, |_| {})], keys(), at(today()));
    let Outcome::Conflict(conflict) = &results[0].outcome else {
        panic!("expected a conflict");
    };
    theirs
        .settle((**conflict).clone(), Settle::Replace, at(today()))
        .unwrap();
    let joined = StaffRecords::union(&mine, &theirs);
    let mut people: Vec<(&str, &str, usize)> = joined
        .people
        .iter()
        .map(|p| {
            (
                p.record_id.as_str(),
                p.person.name.as_str(),
                p.attempts.len(),
            )
        })
        .collect();
    people.sort();
    assert_eq!(
        people,
        [
            ("r-1", "Cal Cole", cal.attempts.len()),
            ("r-1 (2)", "Ann Able", ann.attempts.len())
        ]
    );
    assert!(loads_whole(&joined));
}

#[test]
fn records_restored_from_a_file_count_only_once_checked_again() {
    let ann = record("r-ann", "Ann Able", day(2026, 12, 10));
    let bo = record("r-bo", "Bo Baker", day(2026, 12, 10));
    let ann_file = file("ann.json", &ann, |_| {});
    let mut records = StaffRecords::default();
    records.import(
        &[ann_file.clone(), file("bo.json", &bo, |_| {})],
        keys(),
        at(today()),
    );
    let overall = |r: &StaffRecords| -> Vec<Overall> {
        matrix(course(), r, &[], today())
            .iter()
            .map(|row| row.overall)
            .collect()
    };
    assert_eq!(overall(&records), [Overall::Trained, Overall::Trained]);

    // A backup file edited by hand: Bo's attempts say they failed... then say verified and
    // passed, at 0%.
    let mut edited = records.clone();
    for attempt in &mut edited.people[1].attempts {
        if let Some(score) = &mut attempt.score {
            score.correct = 0;
            score.percent = 0;
        }
        attempt.verdict = Verdict::Verified;
    }
    let restored = edited.restored_from_file();
    assert!(overall(&restored).iter().all(|o| *o != Overall::Trained));
    // Importing Ann's own file again checks her attempts afresh: she counts; Bo, whose
    // record has not come in again, does not.
    let mut restored = restored;
    let results = restored.import(&[ann_file], keys(), at(today()));
    assert!(
        matches!(&results[0].outcome, Outcome::Merged { new_attempts, .. } if *new_attempts == ann.attempts.len()),
        "{:?}",
        results[0].outcome
    );
    assert_eq!(overall(&restored)[0], Overall::Trained);
    assert_ne!(overall(&restored)[1], Overall::Trained);
    assert!(loads_whole(&restored));
}

/// What a file in the shared folder may be: a genuine export, or one altered as the review
/// found files altered.
fn variant(n: u8, who: usize) -> RecordFile {
    let names = ["Ann Able", "Bo Baker", "Cy Cole"];
    let name = if n % 7 == 6 {
        names[(who + 1) % 3]
    } else {
        names[who % 3]
    };
    let mut base = record(
        &format!("r-{who}"),
        name,
        day(2026, 12, 10 + (n % 5) as u32),
    );
    if n % 5 == 4 {
        base.record_id = "r".repeat(100);
    }
    file(&format!("f-{n}-{who}.json"), &base, |data| match n % 4 {
        0 => {}
        1 => data["attempts"][0]["content_version"] = json!(""),
        2 => data["attempts"][0]["policy_version"] = json!("p".repeat(300)),
        _ => data["person"]["name"] = json!(format!("{name}\u{2060}")),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Any sequence of imports and decisions leaves a store that loads whole.
    #[test]
    fn any_imports_and_decisions_leave_a_store_that_loads(
        steps in proptest::collection::vec((any::<u8>(), 0usize..3, 0usize..3), 1..8)
    ) {
        let mut records = StaffRecords::default();
        for (n, who, decision) in steps {
            let results = records.import(&[variant(n, who)], keys(), at(today()));
            if let Outcome::Conflict(conflict) = &results[0].outcome {
                let decision = [Settle::Keep, Settle::Replace, Settle::KeepBoth][decision];
                records.settle((**conflict).clone(), decision, at(today())).unwrap();
            }
            prop_assert!(loads_whole(&records));
        }
    }
}
