//! The dated "I have read and understood" declaration, natively: what a person declares
//! (the policy the content names and their role's KCSIE reading), kept once per policy
//! version and never overwritten, carried in the record (schema 2; a schema 1 record still
//! imports), checked by the DSL's import, shown in the matrix and the CSV, out of date when
//! the content names a new policy, and counted for governors.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use chrono::{Duration, NaiveDate, NaiveDateTime};

use common::{at, course, day, keys, pass_all, person};
use online_safety_workbench::domain::content::{Course, Role};
use online_safety_workbench::domain::envelope;
use online_safety_workbench::domain::staff::{
    coverage, declared_sentence, matrix, to_csv, Outcome, RecordFile, StaffRecords,
};
use online_safety_workbench::domain::training::{Declared, Profile, Track, TrainingRecord};

/// The course as it would be once the school adopts a new version of the policy.
fn new_policy() -> Course {
    let mut c = course().clone();
    c.info.policy_version = "Social Media Policy v4, September 2027".into();
    c
}

/// A person who passed everything on `on`, declared at `declared` (if at all), exported at 18:00.
fn record(
    id: &str,
    name: &str,
    role: Role,
    on: NaiveDate,
    declared: &[NaiveDateTime],
) -> TrainingRecord {
    let mut profile = Profile::new(id.into(), person(name, role, Track::Induction), at(on));
    pass_all(&mut profile, on);
    for &when in declared {
        profile.declare(&course().info, when);
    }
    TrainingRecord::of(&profile, course(), on.and_hms_opt(18, 0, 0).unwrap())
}

fn file(name: &str, text: String) -> RecordFile {
    RecordFile {
        name: name.into(),
        sha256: format!("sha-of-{name}-{}", text.len()),
        text,
    }
}

fn import(records: &mut StaffRecords, files: &[RecordFile], now: NaiveDateTime) -> Vec<Outcome> {
    records
        .import(files, keys(), now)
        .into_iter()
        .map(|r| r.outcome)
        .collect()
}

const ON: (i32, u32, u32) = (2026, 12, 7);

fn on() -> NaiveDate {
    day(ON.0, ON.1, ON.2)
}

fn five_pm() -> NaiveDateTime {
    on().and_hms_opt(17, 0, 0).unwrap()
}

#[test]
fn a_person_declares_the_policy_and_their_roles_kcsie_reading_from_the_content() {
    let info = &course().info;
    let declared = |role| {
        let mut p = Profile::new(
            "r-1".into(),
            person("Ann Able", role, Track::Induction),
            five_pm(),
        );
        p.declare(info, five_pm());
        p.declarations
    };
    let teacher = declared(Role::Teaching);
    assert_eq!(teacher.len(), 1);
    assert_eq!(teacher[0].policy_version, info.policy_version);
    assert_eq!(teacher[0].declared_at, five_pm());
    assert!(teacher[0]
        .kcsie
        .as_deref()
        .unwrap()
        .starts_with("Part one of Keeping Children Safe in Education"));
    // Staff who may not work directly with children may have been asked to read Annex A.
    assert!(declared(Role::Support)[0]
        .kcsie
        .as_deref()
        .unwrap()
        .contains("Annex A"));
    // KCSIE's reading is asked of staff: governors and volunteers declare the policy alone.
    assert_eq!(declared(Role::Governor)[0].kcsie, None);
    assert_eq!(declared(Role::Volunteer)[0].kcsie, None);
}

#[test]
fn a_new_policy_version_asks_again_and_the_earlier_declaration_is_kept() {
    let mut p = Profile::new(
        "r-1".into(),
        person("Ann Able", Role::Teaching, Track::Induction),
        five_pm(),
    );
    assert_eq!(p.declared(&course().info), Declared::Not);
    p.declare(&course().info, five_pm());
    // Declaring the same policy again changes nothing: the first date stands.
    p.declare(&course().info, five_pm() + Duration::days(3));
    assert_eq!(p.declarations.len(), 1);
    assert_eq!(p.declared(&course().info), Declared::Current { on: on() });

    let newer = new_policy();
    assert_eq!(
        p.declared(&newer.info),
        Declared::OutOfDate {
            on: on(),
            policy: course().info.policy_version.clone()
        }
    );
    let later = five_pm() + Duration::days(300);
    p.declare(&newer.info, later);
    assert_eq!(p.declarations.len(), 2);
    assert_eq!(
        p.declarations[0].policy_version,
        course().info.policy_version
    );
    assert_eq!(
        p.declared(&newer.info),
        Declared::Current { on: later.date() }
    );
}

#[test]
fn a_record_with_or_without_declarations_round_trips_and_a_schema_1_record_still_opens() {
    for declared in [vec![], vec![five_pm()]] {
        let rec = record("r-ann", "Ann Able", Role::Teaching, on(), &declared);
        assert_eq!(rec.declarations.len(), declared.len());
        let text = envelope::to_json(&rec, rec.exported_at, None);
        assert!(text.contains("\"schema_version\": 2"));
        assert_eq!(envelope::unwrap::<TrainingRecord>(&text).unwrap(), rec);
    }
    // Made before declarations: migrated with none, and the DSL imports it.
    let v1 = include_str!("fixtures/training-record-v1.json");
    assert!(envelope::unwrap::<TrainingRecord>(v1)
        .unwrap()
        .declarations
        .is_empty());
    let mut records = StaffRecords::default();
    let results = import(
        &mut records,
        &[file("v1.json", v1.into())],
        at(day(2026, 11, 21)),
    );
    assert!(matches!(&results[0], Outcome::Added { .. }), "{results:?}");
    assert!(records.people[0].declarations.is_empty());
}

#[test]
fn the_matrix_and_csv_show_the_declaration_and_when_it_is_out_of_date() {
    let mut records = StaffRecords::default();
    let ann = record("r-ann", "Ann Able", Role::Teaching, on(), &[five_pm()]);
    let bob = record("r-bob", "Bob Baker", Role::Support, on(), &[]);
    let files =
        [ann, bob].map(|r| file(&r.file_name(), envelope::to_json(&r, r.exported_at, None)));
    let now = at(day(2026, 12, 8));
    let results = import(&mut records, &files, now);
    assert!(
        results.iter().all(|o| matches!(o, Outcome::Added { .. })),
        "{results:?}"
    );

    let today = now.date();
    let rows = matrix(course(), &records, &[], today);
    assert_eq!(rows[0].declared, Declared::Current { on: on() });
    assert_eq!(rows[0].declared.label(), "Declared on 7 December 2026");
    assert_eq!(rows[1].declared, Declared::Not);
    let csv = to_csv(course(), &rows);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[1].contains(",Declaration,"), "{}", lines[1]);
    assert!(lines[2].contains(",Declared 2026-12-07,"), "{}", lines[2]);
    assert!(lines[3].contains(",Not declared,"), "{}", lines[3]);
    let c = coverage(&rows);
    assert_eq!(c.declared, 1);
    assert_eq!(
        declared_sentence(c.declared, c.people),
        "1 of 2 has declared they have read the current policy."
    );

    // The school adopts a new policy: Ann's declaration is for the earlier one.
    let newer = new_policy();
    let rows = matrix(&newer, &records, &[], today);
    assert_eq!(
        rows[0].declared.label(),
        "Out of date: declared on 7 December 2026 for Social Media Policy v3, October 2023"
    );
    let csv = to_csv(&newer, &rows);
    assert!(
        csv.contains(
            ",\"Out of date: declared 2026-12-07 for Social Media Policy v3, October 2023\","
        ),
        "{csv}"
    );
    assert_eq!(coverage(&rows).declared, 0);
    assert_eq!(
        declared_sentence(0, 2),
        "0 of 2 have declared they have read the current policy."
    );
}

#[test]
fn a_new_export_adds_its_declaration_and_none_is_ever_lost() {
    let mut records = StaffRecords::default();
    let before = record("r-ann", "Ann Able", Role::Teaching, on(), &[]);
    let after = record("r-ann", "Ann Able", Role::Teaching, on(), &[five_pm()]);
    let [before, after] = [before, after].map(|r| envelope::to_json(&r, r.exported_at, None));
    let now = at(day(2026, 12, 8));
    import(&mut records, &[file("before.json", before.clone())], now);
    let results = import(&mut records, &[file("after.json", after)], now);
    assert!(
        matches!(
            &results[0],
            Outcome::Merged {
                new_attempts: 0,
                ..
            }
        ),
        "{results:?}"
    );
    assert_eq!(records.people[0].declarations.len(), 1);
    // The older file again (another name, so read again): the declaration stays.
    import(&mut records, &[file("before-copy.json", before + " ")], now);
    assert_eq!(records.people[0].declarations.len(), 1);
    // Two tabs' copies joined keep it too.
    let joined = StaffRecords::union(&StaffRecords::default(), &records);
    assert_eq!(joined.people[0].declarations.len(), 1);
    // And the stored records keep it.
    let stored = envelope::to_json(&records, now, None);
    assert_eq!(envelope::unwrap::<StaffRecords>(&stored).unwrap(), records);
}

#[test]
fn impossible_declarations_are_refused_with_a_clear_message() {
    let now = at(day(2026, 12, 8));
    let refused = |edit: &dyn Fn(&mut TrainingRecord)| {
        let mut rec = record("r-ann", "Ann Able", Role::Teaching, on(), &[five_pm()]);
        edit(&mut rec);
        let mut records = StaffRecords::default();
        let text = envelope::to_json(&rec, rec.exported_at, None);
        match &import(&mut records, &[file("ann.json", text)], now)[0] {
            Outcome::Failed(e) => e.to_string(),
            other => panic!("imported: {other:?}"),
        }
    };
    assert_eq!(
        refused(&|r| r.declarations[0].policy_version = "Social Media Policy v9, May 2031".into()),
        "The file's field \"declarations[0].policy_version\" is missing or invalid: it names \"Social Media Policy v9, May 2031\", a policy version the course has never taught"
    );
    // Beyond the day's grace for clocks (the export moved on too, so only the date is wrong).
    assert_eq!(
        refused(&|r| {
            r.exported_at = now + Duration::days(3);
            r.declarations[0].declared_at = now + Duration::days(2);
        }),
        "The file's field \"declarations[0].declared_at\" is missing or invalid: it is in the future"
    );
    assert_eq!(
        refused(&|r| r.declarations[0].declared_at = r.exported_at + Duration::minutes(1)),
        "The file's field \"declarations[0].declared_at\" is missing or invalid: it is after the record was exported"
    );
    assert!(refused(&|r| {
        let d = r.declarations[0].clone();
        r.declarations = vec![d; 101];
    })
    .contains("more than 100 declarations"));
    assert!(
        refused(&|r| r.declarations[0].kcsie = Some("Part one\nand more".into()))
            .contains("declarations[0].kcsie")
    );
}
