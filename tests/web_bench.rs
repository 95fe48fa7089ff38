//! Benchmark (prints figures; asserts only correctness): 1,000 valid training records
//! imported and turned into the matrix in the browser, against the browser's own
//! `JSON.parse` of the same bytes. Run: `cargo test --target wasm32-unknown-unknown --test web_bench`.
#![cfg(target_arch = "wasm32")]

#[path = "web_content.rs"]
mod web_content;

use online_safety_workbench::domain::content::{ModuleKey, Role};
use online_safety_workbench::domain::envelope;
use online_safety_workbench::domain::quiz;
use online_safety_workbench::domain::staff::{self, RecordFile, StaffRecords};
use online_safety_workbench::domain::training::{self, Person, Profile, Track, TrainingRecord};
use wasm_bindgen_test::*;
use web_content::content;

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

/// 1,000 records as staff would export them: every required module passed.
fn records() -> Vec<RecordFile> {
    let course = &content().course;
    let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 26)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    (0..1000)
        .map(|n| {
            let person = Person {
                name: format!("Person {n:04}"),
                role: Role::ALL[n % Role::ALL.len()],
                start_date: at.date(),
                track: Track::Induction,
            };
            let mut profile = Profile::new(format!("r-{n}"), person, at);
            let required: Vec<String> = training::required(course, &profile.person)
                .iter()
                .map(|m| m.id.clone())
                .collect();
            for (i, id) in required.iter().enumerate() {
                let module = content().modules.iter().find(|m| &m.id == id).unwrap();
                let mut attempt = quiz::start(course, module, n as u64, format!("a-{n}-{i}"), at);
                for drawn in attempt.questions.clone() {
                    let q = module
                        .questions
                        .iter()
                        .find(|q| q.id == drawn.question_id)
                        .unwrap();
                    for id in q.correct_ids() {
                        attempt.choose(q, id);
                    }
                }
                let done = at + chrono::Duration::minutes(10);
                attempt
                    .submit(&ModuleKey::of(course, module), done)
                    .unwrap();
                profile.attempts.push(attempt);
            }
            let exported = at + chrono::Duration::hours(8);
            let record = TrainingRecord::of(&profile, course, exported);
            RecordFile {
                name: format!("{n}.json"),
                text: envelope::to_json(&record, exported, None),
                sha256: format!("{n:064x}"),
            }
        })
        .collect()
}

#[wasm_bindgen_test]
fn import_and_matrix_of_1000_records_against_json_parse() {
    let files = records();
    let bytes: usize = files.iter().map(|f| f.text.len()).sum();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let keys = content().keys();

    let start = now_ms();
    let mut book = StaffRecords::default();
    let results = book.import(&files, &keys, today.and_hms_opt(9, 0, 0).unwrap());
    let imported = now_ms();
    let rows = staff::matrix(&content().course, &book, today);
    let built = now_ms();

    let parse_start = now_ms();
    for file in &files {
        js_sys::JSON::parse(&file.text).unwrap();
    }
    let parsed = now_ms();

    assert_eq!(results.len(), 1000);
    assert_eq!(rows.len(), 1000);
    assert!(rows.iter().all(|r| r.doubts.is_empty()));
    let ours = built - start;
    let theirs = parsed - parse_start;
    console_log!(
        "bench: 1000 records, {:.1} MB: import {:.0} ms + matrix {:.0} ms = {:.0} ms; JSON.parse {:.0} ms; ratio {:.1}x",
        bytes as f64 / 1e6,
        imported - start,
        built - imported,
        ours,
        theirs,
        ours / theirs.max(0.001)
    );
}
