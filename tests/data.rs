//! Data rules, natively: every kind survives export then import unchanged (property tests
//! over generated data, hostile text included), migration chains end at the current version,
//! and every file in the hostile corpus (tests/corpus) is refused with the right error or
//! kept as plain text, without a panic.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use serde_json::Value;

mod common;

use common::{checklist, course, keys, modules};
use online_safety_workbench::domain::audit::{
    AcademicYear, Action, ActionStatus, Answer, Audit, AuditBook, CheckRow, Evidence, Rating,
};
use online_safety_workbench::domain::backup::{self, FullBackup};
use online_safety_workbench::domain::content::{ModuleKey, Role};
use online_safety_workbench::domain::envelope::{self, ImportError, Versioned, MAX_IMPORT_BYTES};
use online_safety_workbench::domain::quiz;
use online_safety_workbench::domain::settings::SchoolSettings;
use online_safety_workbench::domain::staff::{RecordFile, StaffRecords};
use online_safety_workbench::domain::text::Rule;
use online_safety_workbench::domain::training::{
    Person, Profile, Track, TrainingBook, TrainingRecord,
};

// ---- generators ----

/// Names as people type them, and as attackers do, as a field keeps them (`Rule::edit`).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z][A-Za-z .'-]{0,30}",
        "\\PC{1,40}".prop_filter_map("blank", |s| Rule::NAME.edit(&s).0),
        Just("<script>alert('x')</script>".to_owned()),
        Just("\"><img src=x onerror=alert(1)>".to_owned()),
        Just("Siân O'Brien-Nguyễn 李".to_owned()),
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (2015i32..2035, 1u32..=365).prop_map(|(y, d)| NaiveDate::from_yo_opt(y, d).unwrap())
}

fn moment() -> impl Strategy<Value = NaiveDateTime> {
    (date(), 0u32..86_400)
        .prop_map(|(d, s)| d.and_hms_opt(s / 3600, (s / 60) % 60, s % 60).unwrap())
}

fn settings() -> impl Strategy<Value = SchoolSettings> {
    (
        text(),
        proptest::collection::vec(text(), 0..5),
        proptest::collection::vec(text(), 0..5),
        text(),
        date(),
    )
        .prop_map(|(name, deputies, platforms, dsl, due)| SchoolSettings {
            school_name: name,
            deputy_dsls: deputies,
            approved_platforms: platforms,
            dsl,
            policy_review_due: due,
            ..SchoolSettings::default()
        })
}

fn person() -> impl Strategy<Value = Person> {
    (text(), 0usize..Role::ALL.len(), date(), any::<bool>()).prop_map(
        |(name, r, start, refresh)| Person {
            name,
            role: Role::ALL[r],
            start_date: start,
            track: if refresh {
                Track::Refresher
            } else {
                Track::Induction
            },
        },
    )
}

/// A profile with real attempts: drawn from the course, answered at random, some submitted.
fn profile(id: usize) -> impl Strategy<Value = Profile> {
    let count = modules().len();
    (
        person(),
        moment(),
        proptest::collection::vec((0..count, any::<u64>(), any::<u64>(), any::<bool>()), 0..4),
    )
        .prop_map(move |(person, at, attempts)| {
            let course = course();
            let mut profile = Profile::new(format!("r-{id}"), person, at);
            for (n, (m, seed, picks, submit)) in attempts.into_iter().enumerate() {
                let module = &modules()[m];
                profile.mark_read(&module.id, &module.sections[0].id);
                let mut attempt = quiz::start(
                    course,
                    module,
                    &profile.id,
                    format!("a-{id}-{n}-{seed}"),
                    None,
                    at,
                );
                for (i, drawn) in attempt.questions.clone().iter().enumerate() {
                    let question = module
                        .questions
                        .iter()
                        .find(|q| q.id == drawn.question_id)
                        .unwrap();
                    let option =
                        &drawn.option_order[(picks as usize + i) % drawn.option_order.len()];
                    attempt.choose(question, option);
                }
                if submit {
                    attempt.submit(&ModuleKey::of(course, module), at).unwrap();
                }
                profile.attempts.push(attempt);
            }
            profile
        })
}

fn book() -> impl Strategy<Value = TrainingBook> {
    (0usize..4)
        .prop_flat_map(|n| {
            let profiles: Vec<_> = (0..n).map(profile).collect();
            (profiles, proptest::option::of(0..n.max(1)))
        })
        .prop_map(|(profiles, active)| {
            let active = active.and_then(|i| profiles.get(i)).map(|p| p.id.clone());
            TrainingBook { profiles, active }
        })
}

/// An audit with random answers, evidence, actions and check-log rows.
fn audit() -> impl Strategy<Value = Audit> {
    let items = checklist().items().count();
    (
        2015i32..2035,
        moment(),
        proptest::collection::vec(
            (
                0..items,
                0usize..5,
                text(),
                proptest::option::of(date()),
                any::<bool>(),
            ),
            0..12,
        ),
        proptest::collection::vec((text(), text(), proptest::option::of(date())), 0..4),
        text(),
    )
        .prop_map(|(year, started, answers, checks, leader)| {
            let mut audit = Audit::new(
                AcademicYear(year),
                started,
                &SchoolSettings::default(),
                checklist(),
            );
            let ids: Vec<&String> = checklist().items().map(|i| &i.id).collect();
            for (n, (i, r, note, due, with_action)) in answers.into_iter().enumerate() {
                let answer = Answer {
                    rating: Some(Rating::ALL[r]),
                    not_applicable_reason: if r == 4 { note.clone() } else { String::new() },
                    notes: note.clone(),
                    evidence: vec![Evidence {
                        document: note.clone(),
                        date: due,
                    }],
                    actions: if with_action {
                        vec![Action {
                            id: format!("x-{n}"),
                            what: note.clone(),
                            owner: note,
                            due,
                            status: ActionStatus::InProgress,
                        }]
                    } else {
                        Vec::new()
                    },
                    needs_reconfirming: n % 3 == 0,
                };
                audit.answers.insert(ids[i].clone(), answer);
            }
            audit.filtering.senior_leader = leader;
            audit.filtering.checks = checks
                .into_iter()
                .enumerate()
                .map(|(i, (who, device, date))| CheckRow {
                    id: format!("c-{i}"),
                    date,
                    who,
                    device,
                    ..CheckRow::default()
                })
                .collect();
            audit
        })
}

fn at() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap()
}

fn round_trip<T: Versioned + PartialEq + std::fmt::Debug>(value: &T) {
    let text = envelope::to_json(value, at(), Some("2026.1"));
    let back = envelope::unwrap::<T>(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(&back, value);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn settings_round_trip(s in settings()) {
        round_trip(&s);
    }

    #[test]
    fn training_profiles_round_trip(b in book()) {
        round_trip(&b);
    }

    #[test]
    fn training_records_round_trip(p in profile(0), when in moment()) {
        round_trip(&TrainingRecord::of(&p, course(), when));
    }

    #[test]
    fn full_backups_round_trip(s in settings(), b in book()) {
        let backup = FullBackup {
            parts: vec![envelope::wrap(&s, at(), None), envelope::wrap(&b, at(), None)],
        };
        round_trip(&backup);
        let parts = backup::read_for_restore(&envelope::to_json(&backup, at(), None)).unwrap();
        prop_assert_eq!(envelope::open::<SchoolSettings>(parts[0].clone()).unwrap(), s);
        prop_assert_eq!(envelope::open::<TrainingBook>(parts[1].clone()).unwrap(), b);
    }

    #[test]
    fn audits_round_trip(a in audit(), b in audit()) {
        round_trip(&a);
        let mut book = AuditBook::default();
        book.put(a);
        book.put(b);
        round_trip(&book);
    }

    #[test]
    fn staff_records_round_trip(people in proptest::collection::vec(profile(0), 0..4), when in moment()) {
        let files: Vec<RecordFile> = people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut p = p.clone();
                p.id = format!("r-{i}");
                let record = TrainingRecord::of(&p, course(), when);
                RecordFile {
                    name: format!("{i}.json"),
                    text: envelope::to_json(&record, when, None),
                    sha256: format!("sha-{i}"),
                }
            })
            .collect();
        let mut records = StaffRecords::default();
        records.import(&files, keys(), when);
        prop_assert_eq!(records.people.len(), people.len());
        round_trip(&records);
    }

    /// The Your data page describes each stored kind from its JSON as the app writes it: the
    /// fields it reads are the ones the types write (a renamed field fails here).
    #[test]
    fn each_stored_kind_is_described_from_what_the_app_writes(s in settings(), b in book(), a in audit()) {
        let described = |part: envelope::Envelope| backup::describe(&part);
        prop_assert!(described(envelope::wrap(&s, at(), None)).ends_with(&s.school_name));
        let profiles = described(envelope::wrap(&b, at(), None));
        for p in &b.profiles {
            prop_assert!(profiles.contains(&p.person.name), "{} in {}", p.person.name, profiles);
        }
        prop_assert_eq!(profiles.starts_with("No "), b.profiles.is_empty());
        let year = a.year.label();
        let mut audits = AuditBook::default();
        audits.put(a);
        let audits = described(envelope::wrap(&audits, at(), None));
        prop_assert!(audits.contains(&year), "{} in {}", year, audits);
    }

    /// Any version above the current is refused as newer; 0 is never valid.
    #[test]
    fn versions_outside_the_chain_are_refused(v in 2u32..u32::MAX) {
        prop_assert_eq!(
            envelope::migrate::<SchoolSettings>(v, Value::Null),
            Err(ImportError::NewerVersion { found: v, current: 1 })
        );
        prop_assert!(envelope::migrate::<TrainingBook>(0, Value::Null).is_err());
    }
}

/// Every kind's chain, from each stored fixture version, ends at the current version and
/// opens. A schema change adds a fixture of the old version here.
#[test]
fn every_migration_chain_ends_at_the_current_version() {
    fn chain<T: Versioned>(fixtures: &[&str]) {
        let mut versions = BTreeSet::new();
        for text in fixtures {
            let env = envelope::read_envelope(text).unwrap();
            versions.insert(env.schema_version);
            let data = envelope::migrate::<T>(env.schema_version, env.data.clone()).unwrap();
            assert!(envelope::open::<T>(envelope::Envelope {
                schema_version: T::SCHEMA_VERSION,
                data,
                ..env
            })
            .is_ok());
        }
        let all: BTreeSet<u32> = (1..=T::SCHEMA_VERSION).collect();
        assert_eq!(
            versions,
            all,
            "a fixture for every version of {:?}",
            T::KIND
        );
    }
    chain::<SchoolSettings>(&[include_str!("fixtures/settings-v1.json")]);
    chain::<TrainingBook>(&[include_str!("fixtures/training-profiles-v1.json")]);
    chain::<TrainingRecord>(&[
        include_str!("fixtures/training-record-v1.json"),
        include_str!("fixtures/training-record-v2.json"),
    ]);
    chain::<FullBackup>(&[include_str!("fixtures/full-backup-v1.json")]);
    chain::<Audit>(&[include_str!("fixtures/audit-v1.json")]);
    chain::<AuditBook>(&[include_str!("fixtures/audits-v1.json")]);
    chain::<StaffRecords>(&[
        include_str!("fixtures/staff-records-v1.json"),
        include_str!("fixtures/staff-records-v2.json"),
    ]);
}

// ---- the hostile corpus ----

fn tag(result: Result<(), ImportError>) -> String {
    match result {
        Ok(()) => "ok".into(),
        Err(ImportError::TooLarge { .. }) => "too-large".into(),
        Err(ImportError::NotJson { .. }) => "not-json".into(),
        Err(ImportError::TooDeep { .. }) => "too-deep".into(),
        Err(ImportError::TooDense { .. }) => "too-dense".into(),
        Err(ImportError::NotOurFormat) => "not-ours".into(),
        Err(ImportError::WrongKind { .. }) => "wrong-kind".into(),
        Err(ImportError::NewerVersion { .. }) => "newer".into(),
        Err(ImportError::UnsupportedVersion { .. }) => "unsupported".into(),
        Err(ImportError::InvalidField { field, .. }) => format!("invalid:{field}"),
    }
}

fn import(place: &str, text: &str) -> Result<(), ImportError> {
    match place {
        "settings" => envelope::unwrap::<SchoolSettings>(text).map(drop),
        "training-record" => envelope::unwrap::<TrainingRecord>(text).map(drop),
        "restore" => backup::read_for_restore(text).map(drop),
        other => panic!("unknown place {other}"),
    }
}

#[test]
fn every_hostile_file_is_refused_with_the_right_error() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let manifest = std::fs::read_to_string(format!("{dir}/expected.tsv")).unwrap();
    let mut count = 0;
    for line in manifest.lines().filter(|l| !l.starts_with('#')) {
        let [file, place, expected] = line.split('\t').collect::<Vec<_>>()[..] else {
            panic!("bad manifest line {line}");
        };
        let text = std::fs::read_to_string(format!("{dir}/{file}")).unwrap();
        let result = import(place, &text);
        if let Err(e) = &result {
            assert!(!e.to_string().is_empty());
        }
        assert_eq!(tag(result), expected, "{file}");
        count += 1;
    }
    let files = std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "json")
        })
        .count();
    assert_eq!(count, files, "every corpus file is in expected.tsv");
    assert!(count >= 50, "{count} files");
}

#[test]
fn hostile_text_is_kept_as_text() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with("-onerror-person-name.json"))
        .unwrap();
    let record = std::fs::read_to_string(path).unwrap();
    let record = envelope::unwrap::<TrainingRecord>(&record).unwrap();
    assert_eq!(record.person.name, "<img src=x onerror=alert(1)>");
}

#[test]
fn a_file_over_the_limit_is_refused_before_parsing() {
    let huge = format!(
        "{{\"format\":\"online-safety-workbench\",\"pad\":\"{}\"}}",
        "x".repeat(MAX_IMPORT_BYTES)
    );
    let err = envelope::unwrap::<SchoolSettings>(&huge).unwrap_err();
    assert_eq!(tag(Err(err.clone())), "too-large");
    assert!(
        err.to_string()
            .contains("The limit is 5000000 bytes (5 MB)"),
        "{err}"
    );
    // A backup may be far larger than one file (every backup the app writes restores), but
    // not without limit: this one is read (and found to have no kind).
    assert_eq!(
        tag(backup::read_for_restore(&huge).map(drop)),
        "invalid:kind"
    );
    let vast = "x".repeat(envelope::MAX_BACKUP_BYTES + 1);
    assert_eq!(tag(backup::read_for_restore(&vast).map(drop)), "too-large");
}

#[test]
fn errors_name_the_field_for_a_person() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/training-record-v1.json"
    ))
    .unwrap()
    .replace("\"teaching\"", "\"wizard\"");
    let err = envelope::unwrap::<TrainingRecord>(&text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "The file's field \"person.role\" is missing or invalid: unknown variant `wizard`, expected one of `teaching`, `support`, `governor`, `volunteer`, `dsl`, `other`"
    );
}

/// Any JSON at all: what a damaged or hostile stored value can hold.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("people".to_owned()),
                    Just("attempts".to_owned()),
                    Just("id".to_owned()),
                    Just("started_at".to_owned()),
                    Just("module_id".to_owned()),
                    "[a-z_]{1,8}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Migrations never panic, whatever the stored value holds: they migrate or refuse it.
    #[test]
    fn migrations_are_panic_proof(data in any_json()) {
        let _ = envelope::migrate::<StaffRecords>(1, data.clone());
        let _ = envelope::migrate::<TrainingRecord>(1, data.clone());
        let _ = envelope::open::<StaffRecords>(envelope::Envelope {
            format: envelope::FORMAT.into(),
            kind: online_safety_workbench::domain::envelope::Kind::StaffRecords,
            schema_version: 1,
            app_version: String::new(),
            content_version: None,
            saved_at: at(),
            data,
        });
    }
}

/// The v2 staff-records fixture is exactly what the app writes for two people whose records
/// it imported (one verified, one altered), so the migration chain is tested on real data.
/// Regenerate with `OSW_WRITE_FIXTURES=1 cargo test --test data staff_records_fixture`.
#[test]
fn the_staff_records_fixture_is_what_the_app_writes() {
    use common::{at as at10, day, pass_all, person, take};
    // A day the current content version was in use (2026.4 from 7 December 2026): an
    // attempt dated before its version's release is impossible.
    let on = day(2026, 12, 7);
    let mut ann = Profile::new(
        "r-ann".into(),
        person("Ann Able", Role::Volunteer, Track::Induction),
        at10(on),
    );
    pass_all(&mut ann, on);
    let mut bob = Profile::new(
        "r-bob".into(),
        person("Bob Baker", Role::Governor, Track::Refresher),
        at10(on),
    );
    let mut edited = take("r-bob", "four-cs", "r-bob-a1", at10(on), 8);
    if let Some(score) = edited.score.as_mut() {
        score.correct = score.total;
        score.percent = 100;
        score.passed = true;
    }
    bob.attempts.push(edited);
    let exported = on.and_hms_opt(18, 0, 0).unwrap();
    let files: Vec<RecordFile> = [&ann, &bob]
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let record = TrainingRecord::of(p, course(), exported);
            RecordFile {
                name: record.file_name(),
                text: envelope::to_json(&record, exported, None),
                // Two files, two hashes (the import knows a file by its hash).
                sha256: format!("{:064x}", record.record_id.len() + i),
            }
        })
        .collect();
    let mut records = StaffRecords::default();
    records.import(&files, keys(), exported);
    let written = envelope::to_json(&records, exported, None) + "\n";
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/staff-records-v2.json"
    );
    if std::env::var_os("OSW_WRITE_FIXTURES").is_some() {
        std::fs::write(path, &written).unwrap();
    }
    assert_eq!(std::fs::read_to_string(path).unwrap(), written);
}
