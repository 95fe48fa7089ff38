//! Staff records for the DSL, natively: importing many files where a bad one does not stop
//! the rest, merging the same record, a record id held under another name as a conflict the
//! DSL settles, only verified attempts counting, the matrix and its filters, coverage maths,
//! and CSV that is quoted and safe to open in a spreadsheet. Records are made the way the app
//! makes them: a profile takes its quizzes, then exports.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use chrono::NaiveDate;

use common::{at, course, day, keys, pass_all, person, take};
use online_safety_workbench::domain::content::Role;
use online_safety_workbench::domain::envelope;
use online_safety_workbench::domain::staff::{
    coverage, matrix, neutralise, select, to_csv, Cell, Outcome, Overall, RecordFile, Settle, Show,
    SortBy, StaffRecords, CSV_NOTE,
};
use online_safety_workbench::domain::training::{Profile, Track, TrainingRecord};
use online_safety_workbench::domain::verify::{Problem, Verdict};

/// The record a person exports after passing everything their role needs on `on`.
fn record(id: &str, name: &str, role: Role, on: NaiveDate, exported: NaiveDate) -> TrainingRecord {
    let mut profile = Profile::new(id.into(), person(name, role, Track::Induction), at(on));
    pass_all(&mut profile, on);
    TrainingRecord::of(&profile, course(), exported.and_hms_opt(18, 0, 0).unwrap())
}

/// The record's file, as the export writes it.
fn file(name: &str, record: &TrainingRecord) -> RecordFile {
    let text = envelope::to_json(record, record.exported_at, None);
    RecordFile {
        name: name.into(),
        sha256: format!("sha-of-{name}-{}", text.len()),
        text,
    }
}

fn import(records: &mut StaffRecords, files: &[RecordFile], on: NaiveDate) -> Vec<Outcome> {
    records
        .import(files, keys(), at(on))
        .into_iter()
        .map(|r| r.outcome)
        .collect()
}

#[test]
fn a_bad_file_is_listed_and_the_others_still_import() {
    let mut records = StaffRecords::default();
    let today = day(2026, 12, 12);
    let ann = record("r-ann", "Ann Able", Role::Teaching, day(2026, 12, 7), today);
    let bob = record("r-bob", "Bob Baker", Role::Support, day(2026, 12, 8), today);
    let broken = RecordFile {
        name: "broken.json".into(),
        text: "{ not json".into(),
        sha256: "x".into(),
    };
    let results = import(
        &mut records,
        &[file("ann.json", &ann), broken, file("bob.json", &bob)],
        today,
    );
    assert!(matches!(results[0], Outcome::Added { .. }));
    assert!(
        matches!(&results[1], Outcome::Failed(e) if e.to_string().starts_with("This is not a JSON file"))
    );
    assert!(matches!(results[2], Outcome::Added { .. }));
    assert_eq!(records.people.len(), 2);
    assert_eq!(records.updated_at, Some(at(today)));
    assert_eq!(records.people[0].files, [file("ann.json", &ann).sha256]);
}

#[test]
fn the_same_record_twice_merges_keeping_each_attempt_once() {
    let mut records = StaffRecords::default();
    let first = record(
        "r-ann",
        "Ann Able",
        Role::Governor,
        day(2026, 12, 7),
        day(2026, 12, 7),
    );
    import(&mut records, &[file("a.json", &first)], day(2026, 12, 8));
    let again = import(&mut records, &[file("a.json", &first)], day(2026, 12, 9));
    assert!(matches!(again[0], Outcome::AlreadyHere { .. }));
    assert_eq!(
        records.updated_at,
        Some(at(day(2026, 12, 8))),
        "nothing changed"
    );

    // A newer export of the same profile with one more attempt and a corrected spelling.
    let mut newer = record(
        "r-ann",
        "Ann  able",
        Role::Governor,
        day(2026, 12, 7),
        day(2026, 12, 21),
    );
    newer.attempts.push(take(
        "r-ann",
        "four-cs",
        "r-ann-extra",
        at(day(2026, 12, 20)),
        8,
    ));
    let before = records.people[0].attempts.len();
    let results = import(
        &mut records,
        &[file("newer.json", &newer)],
        day(2026, 12, 22),
    );
    assert_eq!(
        results[0],
        Outcome::Merged {
            name: "Ann Able".into(),
            new_attempts: 1
        }
    );
    assert_eq!(records.people.len(), 1);
    assert_eq!(records.people[0].attempts.len(), before + 1);
    assert_eq!(records.people[0].person.name, "Ann  able");
    assert_eq!(records.people[0].files.len(), 2);
}

#[test]
fn a_record_id_belongs_to_one_person_and_the_dsl_settles_a_clash() {
    let mut records = StaffRecords::default();
    let today = day(2026, 12, 12);
    let ann = record("r-1", "Ann Able", Role::Teaching, day(2026, 12, 7), today);
    import(&mut records, &[file("ann.json", &ann)], today);
    // Someone else's export reusing Ann's record id (copied from her certificate).
    let cal = record(
        "r-1",
        "Cal Cheat",
        Role::Teaching,
        day(2026, 12, 8),
        day(2026, 12, 9),
    );
    let results = import(&mut records, &[file("cal.json", &cal)], today);
    let Outcome::Conflict(conflict) = &results[0] else {
        panic!("expected a conflict, got {results:?}");
    };
    assert_eq!(conflict.held.name, "Ann Able");
    assert_eq!(conflict.incoming.person.name, "Cal Cheat");
    assert_eq!(records.people.len(), 1, "nothing applied yet");
    assert_eq!(records.people[0].person.name, "Ann Able");
    // The same id under another role is a clash too.
    let mut ann_as_gov = ann.clone();
    ann_as_gov.person.role = Role::Governor;
    assert!(matches!(
        import(&mut records, &[file("g.json", &ann_as_gov)], today)[0],
        Outcome::Conflict(_)
    ));

    let mut keep = records.clone();
    keep.settle((**conflict).clone(), Settle::Keep, at(today))
        .unwrap();
    assert_eq!(keep, records);
    let mut replace = records.clone();
    replace
        .settle((**conflict).clone(), Settle::Replace, at(today))
        .unwrap();
    assert_eq!(replace.people.len(), 1);
    assert_eq!(replace.people[0].person.name, "Cal Cheat");
    let mut both = records.clone();
    both.settle((**conflict).clone(), Settle::KeepBoth, at(today))
        .unwrap();
    assert_eq!(
        both.people
            .iter()
            .map(|p| (p.record_id.as_str(), p.person.name.as_str()))
            .collect::<Vec<_>>(),
        [("r-1", "Ann Able"), ("r-1 (2)", "Cal Cheat")]
    );
    // The file kept as a second person is that person's from then on: importing it again is
    // not a new conflict.
    let again = import(&mut both, &[file("cal.json", &cal)], today);
    assert!(matches!(&again[0], Outcome::AlreadyHere { name } if name == "Cal Cheat"));
}

#[test]
fn a_file_already_imported_is_up_to_date_without_being_read_again() {
    let mut records = StaffRecords::default();
    let today = day(2026, 12, 12);
    let ann = record("r-1", "Ann Able", Role::Teaching, day(2026, 12, 7), today);
    let first = file("ann.json", &ann);
    import(&mut records, std::slice::from_ref(&first), today);
    let before = records.clone();
    // The same bytes (the same SHA-256), from another copy of the folder.
    let copy = RecordFile {
        name: "copy/ann.json".into(),
        ..first.clone()
    };
    // Text that is not read at all: only its hash is looked at.
    let unread = RecordFile {
        text: String::new(),
        ..first.clone()
    };
    let results = import(&mut records, &[copy, unread], day(2026, 12, 13));
    assert!(results
        .iter()
        .all(|r| matches!(r, Outcome::AlreadyHere { name } if name == "Ann Able")));
    assert_eq!(records, before, "nothing changed");
    // A file the browser could not hash (an insecure origin) is read as usual.
    let unhashed = RecordFile {
        sha256: String::new(),
        ..first
    };
    assert!(matches!(
        import(&mut records, &[unhashed], today)[0],
        Outcome::AlreadyHere { .. }
    ));
}

#[test]
fn an_edited_score_is_altered_and_not_counted() {
    // A governor who failed one module, then edited the file to say they passed it.
    let on = day(2026, 12, 7);
    let mut rec = record("r-gov", "Gill Gov", Role::Governor, on, on);
    let mut edited = take("r-gov", "governors", "r-gov-fail", at(on), 8);
    let mut score = edited.score.unwrap();
    score.correct = score.total;
    score.percent = 100;
    score.passed = true;
    edited.score = Some(score);
    rec.attempts.retain(|a| a.module_id != "governors");
    rec.attempts.push(edited);
    let mut records = StaffRecords::default();
    import(&mut records, &[file("gill.json", &rec)], on);
    let rows = matrix(course(), &records, &[], day(2026, 12, 12));
    let row = &rows[0];
    assert_eq!(row.doubts.len(), 1);
    assert_eq!(row.doubts[0].module_id, "governors");
    assert!(matches!(
        row.doubts[0].verdict,
        Verdict::Altered {
            stated: 100,
            actual: 0
        }
    ));
    assert_ne!(
        row.overall,
        Overall::Trained,
        "an altered pass does not count"
    );
    let col = course()
        .modules
        .iter()
        .position(|m| m.id == "governors")
        .unwrap();
    assert_eq!(row.cells[col], Cell::NotStarted);
    assert_eq!(select(&rows, Show::Altered, None, SortBy::Name, ""), [0]);
}

#[test]
fn a_hand_made_record_answering_one_question_per_module_is_unverifiable() {
    // T1: the answer key is in the app, so a record can answer just one question right.
    let on = day(2026, 12, 7);
    let mut rec = record("r-h", "Hana Hand", Role::Volunteer, on, on);
    for a in &mut rec.attempts {
        a.questions.truncate(1);
        let mut score = a.score.unwrap();
        score.correct = 1;
        score.total = 1;
        a.score = Some(score);
    }
    let mut records = StaffRecords::default();
    import(&mut records, &[file("h.json", &rec)], on);
    let rows = matrix(course(), &records, &[], day(2026, 12, 12));
    assert_eq!(rows[0].overall, Overall::NotStarted);
    assert!(rows[0]
        .doubts
        .iter()
        .all(|d| d.verdict == Verdict::Unverifiable(Problem::NotTheDraw)));
    assert_eq!(coverage(&rows).trained, 0);
}

#[test]
fn moved_dates_are_unverifiable() {
    let on = day(2026, 12, 7);
    // Passed before the course version existed.
    let mut early = record("r-e", "Eve Early", Role::Volunteer, on, on);
    for a in &mut early.attempts {
        a.started_at -= chrono::Duration::days(400);
        a.submitted_at = Some(a.started_at + common::TAKES);
    }
    // Exported "next year" to stretch the valid-until date.
    let mut late = record("r-l", "Lou Late", Role::Volunteer, on, on);
    for a in &mut late.attempts {
        a.submitted_at = Some(at(day(2027, 11, 12)));
    }
    late.exported_at = at(day(2027, 11, 13));
    let mut records = StaffRecords::default();
    import(
        &mut records,
        &[file("e.json", &early), file("l.json", &late)],
        day(2026, 12, 12),
    );
    let rows = matrix(course(), &records, &[], day(2026, 12, 12));
    for row in &rows {
        assert_eq!(row.overall, Overall::NotStarted, "{}", row.name);
        assert!(row.doubts.iter().all(|d| matches!(
            d.verdict,
            Verdict::Unverifiable(Problem::ImpossibleDates(_))
        )));
    }
    // A future export date does not freeze the entry: a genuine later export still updates it.
    let mut genuine = record("r-l", "Lou  late", Role::Volunteer, on, day(2026, 12, 13));
    genuine.attempts.truncate(1);
    import(
        &mut records,
        &[file("l2.json", &genuine)],
        day(2026, 12, 13),
    );
    assert_eq!(records.people[1].person.name, "Lou  late");
}

#[test]
fn the_matrix_shows_passed_due_soon_expired_and_not_required() {
    let course = course();
    let today = day(2027, 12, 7);
    let mut records = StaffRecords::default();
    import(
        &mut records,
        &[
            file(
                "fresh.json",
                &record(
                    "r-a",
                    "Amy Fresh",
                    Role::Teaching,
                    day(2027, 10, 12),
                    day(2027, 10, 12),
                ),
            ),
            file(
                "soon.json",
                &record(
                    "r-b",
                    "Ben Soon",
                    Role::Teaching,
                    day(2026, 12, 21),
                    day(2026, 12, 21),
                ),
            ),
            file(
                "old.json",
                &record(
                    "r-c",
                    "Cat Old",
                    Role::Volunteer,
                    day(2026, 12, 7),
                    day(2026, 12, 7),
                ),
            ),
        ],
        today,
    );
    let rows = matrix(course, &records, &[], today);
    assert_eq!(
        rows.iter().map(|r| r.overall).collect::<Vec<_>>(),
        [Overall::Trained, Overall::DueSoon, Overall::Overdue]
    );
    assert!(rows
        .iter()
        .all(|r| r.doubts.is_empty() && r.fast.is_empty()));
    assert_eq!(rows[0].track, Track::Induction);
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

    assert_eq!(select(&rows, Show::Due, None, SortBy::Name, ""), [1, 2]);
    assert_eq!(
        select(
            &rows,
            Show::Everyone,
            Some(Role::Volunteer),
            SortBy::Name,
            ""
        ),
        [2]
    );
    assert_eq!(
        select(&rows, Show::Everyone, None, SortBy::Status, ""),
        [2, 1, 0]
    );
    assert_eq!(
        select(&rows, Show::Everyone, None, SortBy::Role, ""),
        [0, 1, 2]
    );
    // Finding a name ignores case and spacing.
    assert_eq!(
        select(&rows, Show::Everyone, None, SortBy::Name, "  ben   SOON "),
        [1]
    );
    assert_eq!(
        select(&rows, Show::Everyone, None, SortBy::Name, "O"),
        [1, 2]
    );
    assert!(select(&rows, Show::Due, None, SortBy::Name, "amy").is_empty());

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
fn a_quiz_finished_implausibly_fast_is_flagged_and_still_counted() {
    let on = day(2026, 12, 7);
    let mut rec = record("r-f", "Fay Fast", Role::Volunteer, on, on);
    rec.attempts[0].submitted_at = Some(rec.attempts[0].started_at + chrono::Duration::seconds(20));
    let mut records = StaffRecords::default();
    import(&mut records, &[file("f.json", &rec)], on);
    let rows = matrix(course(), &records, &[], day(2026, 12, 12));
    assert_eq!(rows[0].overall, Overall::Trained);
    assert_eq!(rows[0].fast, [rec.attempts[0].module_id.clone()]);
}

#[test]
fn csv_quotes_names_and_never_runs_a_formula() {
    let course = course();
    let on = day(2026, 12, 7);
    let mut records = StaffRecords::default();
    import(
        &mut records,
        &[
            file(
                "x.json",
                &record("r-x", "O'Neil, \"Dee\"", Role::Support, on, on),
            ),
            file(
                "y.json",
                &record(
                    "r-y",
                    "=HYPERLINK(\"https://x/?\"&A2,\"Open\")",
                    Role::Support,
                    on,
                    on,
                ),
            ),
        ],
        on,
    );
    let csv = to_csv(course, &matrix(course, &records, &[], day(2026, 12, 12)));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.as_bytes());
    let lines: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&lines[0][0], CSV_NOTE);
    assert!(lines[1]
        .iter()
        .take(5)
        .eq(["Name", "Role", "Track", "Overall", "Valid until"]));
    assert_eq!(&lines[2][0], "O'Neil, \"Dee\"");
    assert!(lines[2].iter().skip(1).take(4).eq([
        "Support staff",
        "Induction",
        "Trained",
        "2027-12-07"
    ]));
    assert_eq!(&lines[3][0], "'=HYPERLINK(\"https://x/?\"&A2,\"Open\")");
    assert_eq!(lines[2].len(), 5 + course.modules.len() + 4);
    // Neither has declared: the Declaration column says so.
    let declaration = 5 + course.modules.len();
    assert_eq!(&lines[1][declaration], "Declaration");
    assert_eq!(&lines[2][declaration], "Not declared");
    for cell in ["=1+1", "+44", "-3", "@SUM(A1)", "\tx", "\rx"] {
        assert!(neutralise(cell).starts_with('\''), "{cell:?}");
    }
    assert_eq!(neutralise("Ann"), "Ann");
}

#[test]
fn names_with_invisible_or_direction_changing_characters_are_refused() {
    let on = day(2026, 12, 7);
    for name in ["Ann\u{202E}elbA", "Ann\u{200B}Able", "Ann\u{2066}Able"] {
        let rec = record("r-z", name, Role::Support, on, on);
        let mut records = StaffRecords::default();
        let results = import(&mut records, &[file("z.json", &rec)], on);
        assert!(
            matches!(&results[0], Outcome::Failed(e) if e.to_string().contains("invisible or direction-changing")),
            "{name:?}: {results:?}"
        );
    }
}

#[test]
fn coverage_of_nobody_is_zero_not_a_division_by_zero() {
    let c = coverage(&[]);
    assert_eq!((c.people, c.percent), (0, 0));
}

#[test]
fn two_tabs_that_both_imported_keep_everyone_and_every_attempt_once() {
    let today = day(2026, 12, 12);
    let ann = record("r-ann", "Ann Able", Role::Teaching, day(2026, 12, 7), today);
    let bob = record("r-bob", "Bob Baker", Role::Support, day(2026, 12, 8), today);
    let mut later_ann = record(
        "r-ann",
        "Ann  able",
        Role::Teaching,
        day(2026, 12, 7),
        day(2026, 12, 16),
    );
    later_ann.attempts.push(take(
        "r-ann",
        "four-cs",
        "r-ann-extra",
        at(day(2026, 12, 15)),
        0,
    ));

    // This tab imported Ann then her newer export; the other tab imported Ann and Bob.
    let mut mine = StaffRecords::default();
    import(&mut mine, &[file("ann.json", &ann)], today);
    import(
        &mut mine,
        &[file("ann-2.json", &later_ann)],
        day(2026, 12, 17),
    );
    let mut theirs = StaffRecords::default();
    import(
        &mut theirs,
        &[file("ann.json", &ann), file("bob.json", &bob)],
        today,
    );

    assert_eq!(
        mine.people[0].attempts.len(),
        theirs.people[0].attempts.len() + 1
    );
    let joined = StaffRecords::union(&mine, &theirs);
    let ids: Vec<&str> = joined.people.iter().map(|p| p.record_id.as_str()).collect();
    assert_eq!(ids, ["r-ann", "r-bob"]);
    let joined_ann = &joined.people[0];
    assert_eq!(
        joined_ann.attempts, mine.people[0].attempts,
        "every attempt once"
    );
    assert_eq!(
        joined_ann.person.name, "Ann  able",
        "the newer export's person"
    );
    assert_eq!(joined_ann.files.len(), 2);
    assert_eq!(joined.updated_at, Some(at(day(2026, 12, 17))));
    assert_eq!(
        StaffRecords::union(&theirs, &mine).people.len(),
        2,
        "either way round"
    );
    assert_eq!(
        StaffRecords::union(&joined, &joined),
        joined,
        "joining again changes nothing"
    );
}

#[test]
fn an_export_dated_in_the_future_never_freezes_the_entry() {
    let today = day(2026, 12, 12);
    let ann = record("r-ann", "Ann Able", Role::Teaching, day(2026, 12, 7), today);
    let far = record(
        "r-ann",
        "Ann  ABLE",
        Role::Teaching,
        day(2026, 12, 7),
        day(9999, 1, 1),
    );
    let later = record(
        "r-ann",
        "Ann  able",
        Role::Teaching,
        day(2026, 12, 7),
        day(2026, 12, 21),
    );
    let mut records = StaffRecords::default();
    import(&mut records, &[file("ann.json", &ann)], today);
    import(&mut records, &[file("far.json", &far)], today);
    assert_eq!(
        records.people[0].person.name, "Ann Able",
        "a date ahead does not win"
    );
    import(
        &mut records,
        &[file("later.json", &later)],
        day(2026, 12, 22),
    );
    assert_eq!(
        records.people[0].person.name, "Ann  able",
        "a genuine newer export still does"
    );
}

/// Two records holding the same verified attempts: what a colleague's file with the name and
/// record id changed gives under content before the draw was tied to its record.
fn ann_and_a_copy() -> StaffRecords {
    let today = day(2026, 12, 12);
    let mut records = StaffRecords::default();
    let ann = record("r-ann", "Ann Able", Role::Teaching, day(2026, 12, 7), today);
    import(&mut records, &[file("ann.json", &ann)], today);
    let mut copy = records.people[0].clone();
    copy.record_id = "r-ivy".into();
    copy.person.name = "Ivy Impostor".into();
    records.people.push(copy);
    records
}

#[test]
fn an_attempt_two_records_hold_counts_for_neither_whichever_came_first() {
    let today = day(2026, 12, 12);
    let records = ann_and_a_copy();
    let mut reversed = records.clone();
    reversed.people.reverse();
    for records in [records, reversed] {
        let rows = matrix(course(), &records, &[], today);
        for (row, other) in [("Ann Able", "Ivy Impostor"), ("Ivy Impostor", "Ann Able")] {
            let row = rows.iter().find(|r| r.name == row).unwrap();
            assert_eq!(row.overall, Overall::NotStarted, "{}", row.name);
            assert!(!row.doubts.is_empty());
            for doubt in &row.doubts {
                assert_eq!(
                    doubt.verdict,
                    Verdict::Unverifiable(Problem::Copied(format!("{other}'s record")))
                );
            }
        }
    }
}

#[test]
fn removing_the_copy_gives_the_attempts_back_to_their_record() {
    let today = day(2026, 12, 12);
    let mut records = ann_and_a_copy();
    records.people.retain(|p| p.record_id != "r-ivy");
    let rows = matrix(course(), &records, &[], today);
    assert_eq!(rows[0].overall, Overall::Trained);
    assert!(rows[0].doubts.is_empty());
}

#[test]
fn a_copy_the_check_refuses_takes_nothing_from_the_record_it_came_from() {
    // Under content that ties the draw to its record, the copy is not its own (T4): Ann's
    // attempts still count, and the copy's say why they do not.
    let today = day(2026, 12, 12);
    let ann = record("r-ann", "Ann Able", Role::Teaching, day(2026, 12, 7), today);
    let mut copied = ann.clone();
    copied.record_id = "r-ivy".into();
    copied.person.name = "Ivy Impostor".into();
    let mut records = StaffRecords::default();
    import(
        &mut records,
        &[file("ivy.json", &copied), file("ann.json", &ann)],
        today,
    );
    let rows = matrix(course(), &records, &[], today);
    let ann = rows.iter().find(|r| r.name == "Ann Able").unwrap();
    assert_eq!(ann.overall, Overall::Trained);
    let ivy = rows.iter().find(|r| r.name == "Ivy Impostor").unwrap();
    assert_eq!(ivy.overall, Overall::NotStarted);
    assert!(ivy
        .doubts
        .iter()
        .all(|d| d.verdict == Verdict::Unverifiable(Problem::NotItsOwn)));
}

#[test]
fn a_pass_dated_after_its_import_counts_from_the_import() {
    // Dated after the moment of the import (a device whose clock runs fast): within the
    // check's day of grace, but the pass is dated no later than the import (T5). Started at
    // ten and submitted ten minutes later; the DSL imports it at ten.
    let imported = day(2026, 12, 12);
    let ann = record("r-ann", "Ann Able", Role::Teaching, imported, imported);
    let mut records = StaffRecords::default();
    let now = at(imported);
    assert!(ann.attempts.iter().all(|a| a.submitted_at.unwrap() > now));
    records.import(&[file("ann.json", &ann)], keys(), now);
    let entry = &records.people[0];
    assert!(entry.attempts.iter().all(|a| a.verdict.is_verified()));
    assert!(entry.attempts.iter().all(|a| a.submitted_at <= now));
    let rows = matrix(course(), &records, &[], imported);
    assert_eq!(rows[0].overall, Overall::Trained);
    assert!(rows[0]
        .cells
        .iter()
        .all(|c| !matches!(c, Cell::Passed { on, .. } if *on > imported)));
}

/// Ann's record as her device exports it on `exported`, on `track` from `start`.
fn ann_on(track: Track, start: NaiveDate, exported: NaiveDate) -> TrainingRecord {
    let mut who = person("Ann Able", Role::Teaching, track);
    who.start_date = start;
    let mut profile = Profile::new("r-ann".into(), who, at(day(2026, 12, 7)));
    pass_all(&mut profile, day(2026, 12, 7));
    if exported > day(2026, 12, 12) {
        profile
            .attempts
            .push(take("r-ann", "four-cs", "r-ann-later", at(exported), 0));
    }
    TrainingRecord::of(&profile, course(), exported.and_hms_opt(18, 0, 0).unwrap())
}

#[test]
fn a_file_that_would_change_a_persons_track_or_start_date_waits_for_the_dsl() {
    // T7: a file carrying a colleague's record id, name and role, but another track and start
    // date, changes nothing until the DSL decides; its attempts are added either way.
    let today = day(2026, 12, 21);
    let start = day(2026, 9, 1);
    let mut records = StaffRecords::default();
    let first = ann_on(Track::Induction, start, day(2026, 12, 12));
    import(&mut records, &[file("ann.json", &first)], today);
    let later = ann_on(Track::Refresher, day(2027, 1, 4), day(2026, 12, 20));
    let results = records.import(&[file("ann-2.json", &later)], keys(), at(today));
    let Outcome::Conflict(conflict) = &results[0].outcome else {
        panic!("{:?}", results[0].outcome);
    };
    assert_eq!(
        conflict.changes,
        [
            "track: Induction to Annual refresher",
            "start date: 1 September 2026 to 4 January 2027"
        ]
    );
    let before = records.clone();
    assert_eq!(records.people[0].person.track, Track::Induction);

    // Keep the details held: the new attempt is added, the track and start date stay.
    let mut kept = before.clone();
    kept.settle((**conflict).clone(), Settle::Keep, at(today))
        .unwrap();
    assert_eq!(kept.people[0].person.track, Track::Induction);
    assert_eq!(kept.people[0].person.start_date, start);
    assert_eq!(
        kept.people[0].attempts.len(),
        before.people[0].attempts.len() + 1
    );

    // Take the file's details.
    let mut taken = before.clone();
    taken
        .settle((**conflict).clone(), Settle::Replace, at(today))
        .unwrap();
    assert_eq!(taken.people[0].person.track, Track::Refresher);
    assert_eq!(taken.people[0].person.start_date, day(2027, 1, 4));
    assert_eq!(taken.people.len(), 1);
    assert_eq!(
        taken.people[0].attempts.len(),
        kept.people[0].attempts.len()
    );

    // The same details in a newer file merge as before.
    let same = ann_on(Track::Induction, start, day(2026, 12, 20));
    let mut merged = before.clone();
    let results = merged.import(&[file("ann-3.json", &same)], keys(), at(today));
    assert!(
        matches!(results[0].outcome, Outcome::Merged { .. }),
        "{:?}",
        results[0].outcome
    );
}

#[test]
fn a_doctored_copy_imported_first_never_hides_the_genuine_file() {
    // T8: a copy of Cy's file with the answers emptied and 100% stated, saved under a name
    // that sorts first. Whichever order the files come in, Cy's genuine attempts count and
    // the doctored ones show as altered; the genuine file is never "already up to date".
    let today = day(2026, 12, 12);
    let cy = record("r-cy", "Cy Cole", Role::Teaching, day(2026, 12, 7), today);
    let mut doctored = cy.clone();
    for a in &mut doctored.attempts {
        a.answers.clear();
        if let Some(score) = a.score.as_mut() {
            (score.correct, score.percent, score.passed) = (score.total, 100, true);
        }
    }
    let (fake, real) = (
        file("a-cy.json", &doctored),
        file("training-record-cy.json", &cy),
    );
    for files in [[fake.clone(), real.clone()], [real, fake]] {
        let mut records = StaffRecords::default();
        let outcomes = import(&mut records, &files, today);
        assert!(
            outcomes
                .iter()
                .all(|o| matches!(o, Outcome::Added { .. } | Outcome::Merged { .. })),
            "{outcomes:?}"
        );
        let rows = matrix(course(), &records, &[], today);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].overall, Overall::Trained);
        assert_eq!(rows[0].doubts.len(), cy.attempts.len());
        assert!(rows[0].doubts.iter().all(|d| matches!(
            d.verdict,
            Verdict::Altered {
                stated: 100,
                actual: 0
            }
        )));
        // Imported again, nothing is added twice.
        let again = import(&mut records, &files, today);
        assert!(
            again
                .iter()
                .all(|o| matches!(o, Outcome::AlreadyHere { .. })),
            "{again:?}"
        );
    }
}
