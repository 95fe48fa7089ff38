//! Peak memory of reading the largest files the app accepts: a 5 MB training record (the
//! import limit) and a 64 MB full backup (the restore limit), each the fast way (what a
//! current app writes) and the careful way (data to migrate, a mistake to name, padding of
//! deeply nested unknown values). Every allocation is counted; each case prints the peak
//! above what was allocated before it, and its ratio to the file's size. The wasm is built
//! with `panic = "abort"`, so running out of memory there is a dead tab: a case whose peak
//! grows past a small multiple of its file fails here first.
//!
//! Not a timed test: `scripts/test.sh` runs it and prints its `bench:` lines.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use chrono::Duration;
use common::{at, course, day, keys, pass_all, person};
use online_safety_workbench::domain::backup::{self, FullBackup};
use online_safety_workbench::domain::content::Role;
use online_safety_workbench::domain::envelope::{
    self, ImportError, MAX_BACKUP_BYTES, MAX_IMPORT_BYTES,
};
use online_safety_workbench::domain::staff::{RecordFile, StaffRecords};
use online_safety_workbench::domain::training::{Profile, Track, TrainingRecord};
use serde_json::{json, Value};

/// The system allocator, counting the bytes held now and the most held since the last reset.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = HELD.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every call is passed straight to `System`; the counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        HELD.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, size) };
        if !q.is_null() {
            // Counted as both blocks at once, as a moving realloc holds them.
            grew(size);
            HELD.fetch_sub(layout.size(), Relaxed);
        }
        q
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The most memory `read` held at once beyond what was held before it, in bytes.
fn peak_of<R>(read: impl FnOnce() -> R) -> (R, usize) {
    let before = HELD.load(Relaxed);
    PEAK.store(before, Relaxed);
    let result = read();
    (result, PEAK.load(Relaxed) - before)
}

/// The most a read may hold at once, as a multiple of the file it reads.
const MAX_RATIO: f64 = 8.0;

/// The most for a schema 1 backup, which is parsed whole to be migrated: its parsed form
/// alone is about 11 times its compact text (each question's option order a small list).
const MAX_RATIO_MIGRATING: f64 = 12.0;

/// Reads `text` with `read`, prints the peak, and checks the outcome and that the peak is
/// within `limit` times the file.
fn case(
    name: &str,
    text: &str,
    limit: f64,
    read: impl FnOnce(&str) -> Result<(), ImportError>,
    expect: impl FnOnce(Result<(), ImportError>),
) {
    let started = std::time::Instant::now();
    let (result, peak) = peak_of(|| read(text));
    let ratio = peak as f64 / text.len() as f64;
    println!(
        "bench: {name}: file {:.1} MB, peak {:.1} MB above it, {ratio:.2}x the file ({:?}, {})",
        text.len() as f64 / 1e6,
        peak as f64 / 1e6,
        started.elapsed(),
        match &result {
            Ok(()) => "read".to_owned(),
            Err(e) => format!("refused: {e}"),
        }
    );
    expect(result);
    assert!(ratio <= limit, "{name}: a read held {ratio:.2}x its file");
}

/// A profile with `years` years of passed training, as the app makes one.
fn profile(id: &str, years: i64) -> Profile {
    let first = day(2026, 9, 10);
    let mut p = Profile::new(
        id.into(),
        person("Ann Able", Role::Teaching, Track::Induction),
        at(first),
    );
    for year in 0..years {
        pass_all(&mut p, first + Duration::days(year));
    }
    p
}

/// A training record file as the app exports it, as near 5 MB as whole days of attempts go.
fn record_file() -> (TrainingRecord, String) {
    let one = TrainingRecord::of(&profile("r-ann", 1), course(), at(day(2027, 9, 1)));
    let per_day = envelope::to_json(&one, one.exported_at, None).len();
    let days = (MAX_IMPORT_BYTES - 50_000) / per_day;
    let record = TrainingRecord::of(
        &profile("r-ann", days as i64),
        course(),
        at(day(2040, 9, 1)),
    );
    let text = envelope::to_json(&record, record.exported_at, None);
    assert!(text.len() <= MAX_IMPORT_BYTES && text.len() > MAX_IMPORT_BYTES * 9 / 10);
    (record, text)
}

/// `depth` arrays, one inside the other, around a number.
fn nested(depth: usize) -> Value {
    (0..depth).fold(json!(0), |inner, _| json!([inner]))
}

/// A record file of about `size` bytes, most of it copies of `pad` as unknown values inside
/// its data (written compact, as a script would), and a mistake in its last field.
fn padded_record(record: &TrainingRecord, pad: Value, size: usize) -> String {
    let mut small = record.clone();
    small.attempts.truncate(3);
    let mut file: Value =
        serde_json::from_str(&envelope::to_json(&small, small.exported_at, None)).unwrap();
    file["data"]["person"]["role"] = json!("wizard");
    let mut with = |pads: usize| {
        file["data"]["pad"] = Value::Array(vec![pad.clone(); pads]);
        serde_json::to_string(&file).unwrap()
    };
    let (none, ten) = (with(0).len(), with(10).len());
    let text = with((size - none) * 10 / (ten - none));
    assert!(text.len() <= MAX_IMPORT_BYTES, "{}", text.len());
    text
}

/// The DSL's staff records, `people` of them, each holding the attempts of `years` years.
fn staff_records(people: usize, years: i64) -> StaffRecords {
    let exported = at(day(2040, 9, 1));
    let record = TrainingRecord::of(&profile("r-0", years), course(), exported);
    let mut records = StaffRecords::default();
    let file = RecordFile {
        name: "r-0.json".into(),
        sha256: format!("{:064x}", 0),
        text: envelope::to_json(&record, exported, None),
    };
    records.import(&[file], keys(), exported + Duration::days(1));
    let entry = records.people.pop().unwrap();
    records.people = (0..people)
        .map(|i| {
            let mut e = entry.clone();
            e.record_id = format!("r-{i:05}");
            e.person.name = format!("Person {i:05}");
            e
        })
        .collect();
    records
}

/// A full backup as the app writes one (compact), of the staff records, near the limit.
fn backup_file() -> String {
    let saved = at(day(2040, 9, 3));
    let text = |records: &StaffRecords| {
        let full = FullBackup {
            parts: vec![envelope::wrap(records, saved, None)],
        };
        envelope::to_compact_json(&full, saved, None)
    };
    let per_person = text(&staff_records(10, 4)).len() / 10;
    let people = (MAX_BACKUP_BYTES - 1_000_000) / per_person;
    let file = text(&staff_records(people, 4));
    assert!(file.len() <= MAX_BACKUP_BYTES && file.len() > MAX_BACKUP_BYTES * 8 / 10);
    file
}

/// The same backup as an older app wrote it: the staff records at schema 1, which kept each
/// attempt as taken (its questions and answers), so the restore migrates every person.
fn old_backup_file() -> String {
    let saved = "2040-09-03T10:00:00";
    let exported = at(day(2040, 9, 1));
    let record = TrainingRecord::of(&profile("r-0", 2), course(), exported);
    let record: Value = serde_json::to_value(&record).unwrap();
    let one = |i: usize| {
        json!({
            "record_id": format!("r-{i:05}"),
            "person": {"name": format!("Person {i:05}"), "role": "teaching",
                       "start_date": "2026-09-01", "track": "induction"},
            "exported_at": record["exported_at"],
            "attempts": record["attempts"],
        })
    };
    let per_person = serde_json::to_string(&one(0)).unwrap().len();
    let people = ((MAX_BACKUP_BYTES - 1_000_000) / per_person).min(5_000);
    let part = json!({
        "format": "online-safety-workbench", "kind": "staff-records", "schema_version": 1,
        "app_version": "0.1.0", "saved_at": saved,
        "data": {"people": (0..people).map(one).collect::<Vec<_>>(), "updated_at": saved},
    });
    let file = json!({
        "format": "online-safety-workbench", "kind": "full-backup", "schema_version": 1,
        "app_version": "0.1.0", "saved_at": saved, "data": {"parts": [part]},
    });
    serde_json::to_string(&file).unwrap()
}

/// One test, so no other test allocates while a case is measured. Run in release (by
/// `scripts/test.sh`): a debug build takes minutes over the 64 MB files.
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "a benchmark: scripts/test.sh runs it in release"
)]
fn reading_the_largest_files_holds_a_small_multiple_of_their_size() {
    let (record, file) = record_file();

    case(
        "5 MB training record, fast way",
        &file,
        MAX_RATIO,
        |t| envelope::unwrap::<TrainingRecord>(t).map(drop),
        |r| assert_eq!(r, Ok(())),
    );

    // The same record saved again by a tool that sorts keys: the envelope's fields are out
    // of order, so it goes the careful way, and reads.
    let sorted =
        serde_json::to_string_pretty(&serde_json::from_str::<Value>(&file).unwrap()).unwrap();
    case(
        "5 MB training record, careful way (fields reordered)",
        &sorted,
        MAX_RATIO,
        |t| envelope::unwrap::<TrainingRecord>(t).map(drop),
        |r| assert_eq!(r, Ok(())),
    );

    let padded = padded_record(&record, nested(28), file.len());
    case(
        "5 MB training record, careful way (padded 28 deep, just inside the depth limit)",
        &padded,
        MAX_RATIO,
        |t| envelope::unwrap::<TrainingRecord>(t).map(drop),
        |r| assert!(matches!(r, Err(ImportError::TooDense { .. })), "{r:?}"),
    );

    let deep = padded_record(&record, nested(120), file.len());
    case(
        "5 MB training record, careful way (padded 120 deep)",
        &deep,
        MAX_RATIO,
        |t| envelope::unwrap::<TrainingRecord>(t).map(drop),
        |r| assert!(matches!(r, Err(ImportError::TooDeep { .. })), "{r:?}"),
    );
    // A file of small lists, which the check lets through: its parsed form is about 10
    // times its text, within `MAX_PARSED_RATIO`.
    let dense = padded_record(&record, json!(["a", "a", "a", "a"]), file.len());
    case(
        "5 MB training record, careful way (padded with small lists, within the limit)",
        &dense,
        envelope::MAX_PARSED_RATIO as f64 + 2.0,
        |t| envelope::unwrap::<TrainingRecord>(t).map(drop),
        |r| assert!(matches!(r, Err(ImportError::InvalidField { .. })), "{r:?}"),
    );
    drop((record, file, sorted, padded, deep, dense));

    let full = backup_file();
    case(
        "64 MB full backup, as written",
        &full,
        MAX_RATIO,
        |t| backup::read_for_restore(t).map(drop),
        |r| assert_eq!(r, Ok(())),
    );
    // The last person's name made empty: refused, naming the field, after reading the rest.
    let last = full.rfind("\"name\":\"Person").unwrap();
    let wrong = format!("{}\"name\":\"      {}", &full[..last], &full[last + 20..]);
    drop(full);
    case(
        "64 MB full backup, careful way (the last name wrong)",
        &wrong,
        MAX_RATIO,
        |t| backup::read_for_restore(t).map(drop),
        |r| assert!(matches!(r, Err(ImportError::InvalidField { .. })), "{r:?}"),
    );
    drop(wrong);

    let old = old_backup_file();
    case(
        "64 MB full backup, careful way (schema 1 staff records to migrate)",
        &old,
        MAX_RATIO_MIGRATING,
        |t| backup::read_for_restore(t).map(drop),
        |r| assert_eq!(r, Ok(())),
    );
}
