//! Staff records for the DSL, natively: importing many files where a bad one does not stop
//! the rest, merging the same record, re-scoring that catches an edited score, the matrix
//! and its filters, coverage maths, and CSV quoting.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{NaiveDate, NaiveDateTime};

use online_safety_workbench::domain::content::{course, Role};
use online_safety_workbench::domain::envelope;
use online_safety_workbench::domain::quiz::{self, Attempt};
use online_safety_workbench::domain::staff::{
    coverage, matrix, select, to_csv, Cell, Doubt, Outcome, Overall, Show, SortBy, StaffRecords,
};
use online_safety_workbench::domain::training::{Person, Profile, Track, TrainingRecord};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at(date: NaiveDate) -> NaiveDateTime {
    date.and_hms_opt(10, 0, 0).unwrap()
}

/// An attempt at a module answered all right (or all wrong), submitted on `on`.
fn attempt(module_id: &str, id: &str, right: bool, on: NaiveDate) -> Attempt {
    let course = course();
    let module = course.module(module_id).unwrap();
    let mut a = quiz::start(course, module, 42, id.into(), at(on));
    for drawn in a.questions.clone() {
        let q = module
            .questions
            .iter()
            .find(|q| q.id == drawn.question_id)
            .unwrap();
        let ids: Vec<String> = if right {
            q.correct_ids().into_iter().map(str::to_owned).collect()
        } else {
            vec![q.options.iter().find(|o| !o.correct).unwrap().id.clone()]
        };
        for id in ids {
            a.choose(q, &id);
        }
    }
    a.submit(course, at(on)).unwrap();
    a
}

/// A record file for someone who passed every module their role needs on `on`.
fn record(id: &str, name: &str, role: Role, on: NaiveDate, exported: NaiveDate) -> String {
    let person = Person {
        name: name.into(),
        role,
        start_date: d(2025, 9, 1),
        track: Track::Induction,
    };
    let mut profile = Profile::new(id.into(), person, at(on));
    let required: Vec<String> = profile
        .required(course())
        .iter()
        .map(|m| m.id.clone())
        .collect();
    for (i, m) in required.iter().enumerate() {
        profile
            .attempts
            .push(attempt(m, &format!("{id}-a{i}"), true, on));
    }
    let record = TrainingRecord::of(&profile, course(), at(exported));
    envelope::to_json(&record, at(exported), None)
}

fn files(list: &[(&str, String)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(n, t)| ((*n).to_owned(), t.clone()))
        .collect()
}

#[test]
fn a_bad_file_is_listed_and_the_others_still_import() {
    let mut records = StaffRecords::default();
    let today = d(2026, 11, 25);
    let results = records.import(
        &files(&[
            (
                "ann.json",
                record(
                    "r-ann",
                    "Ann Able",
                    Role::Teaching,
                    d(2026, 10, 1),
                    d(2026, 10, 1),
                ),
            ),
            ("broken.json", "{ not json".into()),
            (
                "bob.json",
                record(
                    "r-bob",
                    "Bob Baker",
                    Role::Support,
                    d(2026, 10, 2),
                    d(2026, 10, 2),
                ),
            ),
        ]),
        at(today),
    );
    assert!(matches!(results[0].outcome, Outcome::Added { .. }));
    assert!(
        matches!(&results[1].outcome, Outcome::Failed(e) if e.to_string().starts_with("This is not a JSON file"))
    );
    assert!(matches!(results[2].outcome, Outcome::Added { .. }));
    assert_eq!(records.people.len(), 2);
    assert_eq!(records.updated_at, Some(at(today)));
}

#[test]
fn the_same_record_twice_merges_keeping_each_attempt_once() {
    let mut records = StaffRecords::default();
    let first = record(
        "r-ann",
        "Ann Able",
        Role::Governor,
        d(2026, 10, 1),
        d(2026, 10, 1),
    );
    records.import(&files(&[("a.json", first.clone())]), at(d(2026, 10, 2)));
    let results = records.import(&files(&[("again.json", first)]), at(d(2026, 10, 3)));
    assert!(matches!(results[0].outcome, Outcome::AlreadyHere { .. }));
    assert_eq!(
        records.updated_at,
        Some(at(d(2026, 10, 2))),
        "nothing changed"
    );

    // A newer export of the same profile with one more attempt and a corrected name.
    let mut newer: TrainingRecord = envelope::unwrap(&record(
        "r-ann",
        "Ann Able-Smith",
        Role::Governor,
        d(2026, 10, 1),
        d(2026, 11, 1),
    ))
    .unwrap();
    newer
        .attempts
        .push(attempt("four-cs", "r-ann-extra", false, d(2026, 10, 20)));
    let text = envelope::to_json(&newer, at(d(2026, 11, 1)), None);
    let before = records.people[0].attempts.len();
    let results = records.import(&files(&[("newer.json", text)]), at(d(2026, 11, 2)));
    assert_eq!(
        results[0].outcome,
        Outcome::Merged {
            name: "Ann Able-Smith".into(),
            new_attempts: 1
        }
    );
    assert_eq!(records.people.len(), 1);
    assert_eq!(records.people[0].attempts.len(), before + 1);
    assert_eq!(records.people[0].person.name, "Ann Able-Smith");
}

#[test]
fn a_name_clash_with_different_ids_is_shown_not_merged() {
    let mut records = StaffRecords::default();
    records.import(
        &files(&[
            (
                "1.json",
                record(
                    "r-1",
                    "Sam Lee",
                    Role::Teaching,
                    d(2026, 10, 1),
                    d(2026, 10, 1),
                ),
            ),
            (
                "2.json",
                record(
                    "r-2",
                    "sam  lee",
                    Role::Support,
                    d(2026, 10, 1),
                    d(2026, 10, 1),
                ),
            ),
        ]),
        at(d(2026, 10, 2)),
    );
    assert_eq!(records.people.len(), 2);
    assert_eq!(records.name_clashes(), ["Sam Lee", "sam  lee"]);
}

#[test]
fn an_edited_score_is_caught_and_not_counted_as_passed() {
    let course = course();
    // A governor who failed one module, then edited the file to say they passed it.
    let mut rec: TrainingRecord = envelope::unwrap(&record(
        "r-gov",
        "Gill Gov",
        Role::Governor,
        d(2026, 10, 1),
        d(2026, 10, 1),
    ))
    .unwrap();
    let fail = attempt("governors", "r-gov-fail", false, d(2026, 10, 2));
    let mut edited = fail.clone();
    let mut score = edited.score.unwrap();
    score.correct = score.total;
    score.percent = 100;
    score.passed = true;
    edited.score = Some(score);
    rec.attempts.retain(|a| a.module_id != "governors");
    rec.attempts.push(edited);
    let text = envelope::to_json(&rec, at(d(2026, 10, 3)), None);
    let mut records = StaffRecords::default();
    records.import(&files(&[("gill.json", text)]), at(d(2026, 10, 4)));
    let rows = matrix(course, &records, d(2026, 11, 25));
    let row = &rows[0];
    assert_eq!(row.doubts.len(), 1);
    assert!(matches!(
        row.doubts[0].1,
        Doubt::Altered {
            stated: 100,
            actual: 0
        }
    ));
    assert_ne!(
        row.overall,
        Overall::Trained,
        "an altered pass does not count"
    );
    let col = course
        .modules
        .iter()
        .position(|m| m.id == "governors")
        .unwrap();
    assert_eq!(row.cells[col], Cell::NotStarted);
    assert_eq!(select(&rows, Show::Altered, None, SortBy::Name), [0]);
}

#[test]
fn the_matrix_shows_passed_due_soon_expired_and_not_required() {
    let course = course();
    let today = d(2026, 11, 25);
    let mut records = StaffRecords::default();
    records.import(
        &files(&[
            (
                "fresh.json",
                record(
                    "r-a",
                    "Amy Fresh",
                    Role::Teaching,
                    d(2026, 10, 1),
                    d(2026, 10, 1),
                ),
            ),
            (
                "soon.json",
                record(
                    "r-b",
                    "Ben Soon",
                    Role::Teaching,
                    d(2025, 12, 10),
                    d(2025, 12, 10),
                ),
            ),
            (
                "old.json",
                record(
                    "r-c",
                    "Cat Old",
                    Role::Volunteer,
                    d(2025, 11, 1),
                    d(2025, 11, 1),
                ),
            ),
        ]),
        at(today),
    );
    let rows = matrix(course, &records, today);
    assert_eq!(
        rows.iter().map(|r| r.overall).collect::<Vec<_>>(),
        [Overall::Trained, Overall::DueSoon, Overall::Overdue]
    );
    let dsl_only = course
        .modules
        .iter()
        .position(|m| m.id == "dsl-team")
        .unwrap();
    assert_eq!(rows[0].cells[dsl_only], Cell::NotRequired);
    assert!(matches!(rows[1].cells[0], Cell::DueSoon { .. }));
    assert!(rows[2]
        .cells
        .iter()
        .any(|c| matches!(c, Cell::Expired { .. })));

    assert_eq!(select(&rows, Show::Due, None, SortBy::Name), [1, 2]);
    assert_eq!(
        select(&rows, Show::Everyone, Some(Role::Volunteer), SortBy::Name),
        [2]
    );
    assert_eq!(
        select(&rows, Show::Everyone, None, SortBy::Status),
        [2, 1, 0]
    );
    assert_eq!(select(&rows, Show::Everyone, None, SortBy::Role), [0, 1, 2]);

    let c = coverage(&rows);
    assert_eq!(
        (c.people, c.trained, c.percent, c.due_soon, c.overdue),
        (3, 2, 66, 1, 1)
    );
    assert_eq!(
        c.by_role,
        [(Role::Teaching, 2, 2, 100), (Role::Volunteer, 1, 0, 0)]
    );
}

#[test]
fn csv_quotes_names_with_commas_and_quotes() {
    let course = course();
    let mut records = StaffRecords::default();
    records.import(
        &files(&[(
            "x.json",
            record(
                "r-x",
                "O'Neil, \"Dee\"",
                Role::Support,
                d(2026, 10, 1),
                d(2026, 10, 1),
            ),
        )]),
        at(d(2026, 10, 2)),
    );
    let csv = to_csv(course, &matrix(course, &records, d(2026, 11, 25)));
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("Name,Role,Overall,Valid until,"));
    let row = lines.next().unwrap();
    assert!(
        row.starts_with("\"O'Neil, \"\"Dee\"\"\",Support staff,Trained,2027-10-01,"),
        "{row}"
    );
    // Reads back as the same fields.
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let first = reader.records().next().unwrap().unwrap();
    assert_eq!(&first[0], "O'Neil, \"Dee\"");
    assert_eq!(first.len(), 4 + course.modules.len() + 1);
}

#[test]
fn coverage_of_nobody_is_zero_not_a_division_by_zero() {
    let c = coverage(&[]);
    assert_eq!((c.people, c.percent), (0, 0));
}
