//! The DSL's device at the size of a multi-academy trust: 2,000 people, each with two years of
//! passed training, made the way the app makes them (each profile takes its quizzes, exports
//! its record, and the DSL imports every file). The store must fit a full backup that
//! restores, well inside the limit. The backup is written for the end-to-end test, which
//! restores it on an emptied browser and prints the in-browser figures.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::time::Instant;

use common::{at, course, day, keys, pass_all, person};
use online_safety_workbench::domain::backup::{self, FullBackup};
use online_safety_workbench::domain::content::Role;
use online_safety_workbench::domain::envelope::{self, MAX_BACKUP_BYTES};
use online_safety_workbench::domain::staff::{RecordFile, StaffRecords};
use online_safety_workbench::domain::training::{Profile, Track, TrainingRecord};

const PEOPLE: usize = 2_000;

/// Where the end-to-end test finds the backup.
const OUT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/e2e/.generated/backup-2000.json"
);

#[test]
fn a_trust_of_two_thousand_people_with_two_years_of_attempts_backs_up_and_restores() {
    let roles = [
        Role::Teaching,
        Role::Support,
        Role::Governor,
        Role::Volunteer,
        Role::Dsl,
    ];
    let (first, second) = (day(2026, 9, 10), day(2027, 9, 9));
    let files: Vec<RecordFile> = (0..PEOPLE)
        .map(|i| {
            let who = person(
                &format!("Person {i:04}"),
                roles[i % roles.len()],
                Track::Induction,
            );
            let mut profile = Profile::new(format!("r-{i:04}"), who, at(first));
            pass_all(&mut profile, first);
            pass_all(&mut profile, second);
            let record =
                TrainingRecord::of(&profile, course(), at(second + chrono::Duration::days(1)));
            let text = envelope::to_json(&record, record.exported_at, None);
            RecordFile {
                name: format!("r-{i:04}.json"),
                sha256: format!("{:064x}", i),
                text,
            }
        })
        .collect();

    let mut records = StaffRecords::default();
    let results = records.import(&files, keys(), at(second + chrono::Duration::days(2)));
    assert_eq!(results.len(), PEOPLE);
    assert_eq!(records.people.len(), PEOPLE);
    let attempts: usize = records.people.iter().map(|p| p.attempts.len()).sum();
    assert!(
        attempts >= PEOPLE * 2 * 3,
        "two years of several modules each: {attempts}"
    );

    let saved_at = at(second + chrono::Duration::days(2));
    let full = FullBackup {
        parts: vec![envelope::wrap(&records, saved_at, None)],
    };
    let started = Instant::now();
    let text = envelope::to_compact_json(&full, saved_at, None);
    let written = started.elapsed();
    assert!(
        text.len() * 2 < MAX_BACKUP_BYTES,
        "the backup ({} bytes) is far inside the restore limit",
        text.len()
    );
    let started = Instant::now();
    let parts = backup::read_for_restore(&text).unwrap();
    let read = started.elapsed();
    let restored: StaffRecords = envelope::open(parts[0].clone()).unwrap();
    // Restored from a file: every verified attempt waits to be checked again (T9).
    assert_eq!(restored, records.clone().restored_from_file());

    std::fs::create_dir_all(std::path::Path::new(OUT).parent().unwrap()).unwrap();
    std::fs::write(OUT, &text).unwrap();
    println!(
        "scale: {PEOPLE} people, {attempts} attempts, backup {:.1} MB compact, written in {written:?}, read in {read:?} (native, unoptimised test build)",
        text.len() as f64 / 1e6
    );
}
