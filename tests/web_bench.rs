//! Benchmark (prints figures; asserts only correctness): 1,000 valid training records
//! imported and turned into the matrix in the browser, against the browser's own
//! `JSON.parse` of the same bytes. Run: `cargo test --target wasm32-unknown-unknown --test web_bench`.
#![cfg(target_arch = "wasm32")]

use online_safety_workbench::domain::content::{course, Role};
use online_safety_workbench::domain::envelope;
use online_safety_workbench::domain::quiz;
use online_safety_workbench::domain::staff::{self, StaffRecords};
use online_safety_workbench::domain::training::{Person, Profile, Track, TrainingRecord};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

/// 1,000 records as staff would export them: every required module passed.
fn records() -> Vec<(String, String)> {
    let course = course();
    let at = chrono::NaiveDate::from_ymd_opt(2026, 10, 1)
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
            for (i, module) in profile.required(course).into_iter().enumerate() {
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
                attempt.submit(course, at).unwrap();
                profile.attempts.push(attempt);
            }
            let record = TrainingRecord::of(&profile, course, at);
            (format!("{n}.json"), envelope::to_json(&record, at, None))
        })
        .collect()
}

#[wasm_bindgen_test]
fn import_and_matrix_of_1000_records_against_json_parse() {
    let files = records();
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();

    let start = now_ms();
    let mut book = StaffRecords::default();
    let results = book.import(&files, today.and_hms_opt(9, 0, 0).unwrap());
    let imported = now_ms();
    let rows = staff::matrix(course(), &book, today);
    let built = now_ms();

    let parse_start = now_ms();
    for (_, text) in &files {
        js_sys::JSON::parse(text).unwrap();
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
