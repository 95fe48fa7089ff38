//! Benchmark (prints figures; asserts only correctness): 1,000 valid training records
//! imported and turned into the matrix in the browser, against the browser's own
//! `JSON.parse` of the same bytes, best of five rounds each. Run:
//! `cargo test --release --target wasm32-unknown-unknown --test web_bench -- --nocapture`.
#![cfg(target_arch = "wasm32")]

#[path = "web_content.rs"]
mod web_content;

use online_safety_workbench::domain::content::{ModuleKey, Role};
use online_safety_workbench::domain::envelope;
use online_safety_workbench::domain::quiz;
use online_safety_workbench::domain::staff::{self, RecordFile, StaffRecords};
use online_safety_workbench::domain::training::{self, Person, Profile, Track, TrainingRecord};
use online_safety_workbench::domain::verify;
use wasm_bindgen_test::*;
use web_content::content;

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

/// 1,000 records as staff would export them: every required module passed.
fn records() -> Vec<RecordFile> {
    let course = &content().course;
    let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 7)
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
                let mut attempt =
                    quiz::start(course, module, &profile.id, format!("a-{n}-{i}"), None, at);
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

/// Rounds of each measurement. The machine this runs on is shared, so one round can be
/// slowed by anything; the best round of each is the figure, and the ratio of each round is
/// shown too.
const ROUNDS: usize = 5;

fn best(times: &[f64]) -> f64 {
    times.iter().copied().fold(f64::INFINITY, f64::min)
}

#[wasm_bindgen_test]
fn import_and_matrix_of_1000_records_against_json_parse() {
    let files = records();
    let bytes: usize = files.iter().map(|f| f.text.len()).sum();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 12).unwrap();
    let at = today.and_hms_opt(9, 0, 0).unwrap();
    let keys = content().keys();

    // Each round: the import and matrix of the 1,000 files into empty records, then the
    // browser's JSON.parse of the same texts.
    let (mut imports, mut matrices, mut parses) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let start = now_ms();
        let mut book = StaffRecords::default();
        let results = book.import(&files, &keys, at);
        let imported = now_ms();
        let rows = staff::matrix(&content().course, &book, &[], today);
        let built = now_ms();
        for file in &files {
            js_sys::JSON::parse(&file.text).unwrap();
        }
        let parsed = now_ms();
        assert_eq!(results.len(), 1000);
        assert_eq!(rows.len(), 1000);
        assert!(rows.iter().all(|r| r.doubts.is_empty()));
        imports.push(imported - start);
        matrices.push(built - imported);
        parses.push(parsed - built);
    }
    let ours: Vec<f64> = imports.iter().zip(&matrices).map(|(i, m)| i + m).collect();
    let ratios: Vec<String> = ours
        .iter()
        .zip(&parses)
        .map(|(o, p)| format!("{:.1}", o / p.max(0.001)))
        .collect();
    console_log!(
        "bench: 1000 records, {:.1} MB, best of {ROUNDS}: import {:.0} ms + matrix {:.0} ms = {:.0} ms; JSON.parse {:.0} ms; ratio {:.1}x (each round: {}x)",
        bytes as f64 / 1e6,
        best(&imports),
        best(&matrices),
        best(&ours),
        best(&parses),
        best(&ours) / best(&parses).max(0.001),
        ratios.join("x, ")
    );

    // Where the import's time goes: reading the files into records (and the careful way,
    // which an import uses only to explain a file it cannot read the fast way), and checking
    // every attempt against the course.
    let (mut reads, mut checks, mut careful) = (Vec::new(), Vec::new(), Vec::new());
    let mut verified = 0;
    for _ in 0..ROUNDS {
        let start = now_ms();
        let read: Vec<TrainingRecord> = files
            .iter()
            .map(|file| envelope::unwrap::<TrainingRecord>(&file.text).unwrap())
            .collect();
        let was_read = now_ms();
        verified = read
            .iter()
            .flat_map(|r| r.attempts.iter().map(move |a| (r, a)))
            .filter(|(r, a)| {
                verify::check(&keys, &r.record_id, a, Some(r.exported_at), at)
                    .verdict
                    .is_verified()
            })
            .count();
        let was_checked = now_ms();
        for file in &files {
            envelope::open::<TrainingRecord>(envelope::read_envelope(&file.text).unwrap()).unwrap();
        }
        let slow = now_ms();
        reads.push(was_read - start);
        checks.push(was_checked - was_read);
        careful.push(slow - was_checked);
    }
    assert!(verified > 8000);
    console_log!(
        "bench: apart, best of {ROUNDS}: reading the files into records {:.0} ms (the careful way: {:.0} ms); checking their {verified} attempts {:.0} ms",
        best(&reads),
        best(&careful),
        best(&checks)
    );
}
