//! The staff list, natively: exports shaped like SIMS, Arbor, Bromcom, ScholarPack and a
//! hand-made list (`tests/fixtures/roster/`, written by its `make.py`) read with their
//! encodings, delimiters, quotes and line numbers; columns guessed; the next term's export
//! previewed and applied; records linked to people; and coverage over the list with
//! leavers, exclusions, new starters and each role's cycle. Records are made the way the app
//! makes them: a profile takes its quizzes, then exports.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::time::Instant;

use chrono::NaiveDate;
use proptest::prelude::*;

use common::{at, course, day, keys, pass_all, person};
use online_safety_workbench::domain::content::Role;
use online_safety_workbench::domain::envelope;
use online_safety_workbench::domain::staff::roster::{
    coverage, guess, hand_out_text, link, list_matrix, preview, read, read_table, Delimiter,
    Encoding, Field, FormalTraining, Imported, Linking, Problem, Requirements, Roster, RosterEntry,
    RosterError, Status, HANDED_OUT,
};
use online_safety_workbench::domain::staff::{Cell, RecordFile, StaffRecords};
use online_safety_workbench::domain::text::Texts;
use online_safety_workbench::domain::training::{Profile, Track, TrainingRecord};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("tests/fixtures/roster/{name}")).unwrap()
}

/// A fixture read with the mapping the app guesses.
fn imported(name: &str) -> Imported {
    let table = read_table(&fixture(name));
    read(&table, &guess(&table)).unwrap()
}

fn problems(got: &Imported) -> Vec<(usize, String)> {
    got.problems
        .iter()
        .map(|p| (p.line, p.problem.to_string()))
        .collect()
}

/// The fixtures' list, imported into an empty list.
fn autumn_list() -> Roster {
    let got = imported("sims-staff.csv");
    Roster::default()
        .apply(&preview(&Roster::default(), &got), &[], 1)
        .unwrap()
}

#[test]
fn every_export_reads_as_forty_people_and_three_named_bad_rows() {
    // The fixtures are exports byte for byte (.gitattributes): a BOM, CRLF, Windows-1252.
    let sims = fixture("sims-staff.csv");
    assert!(sims.starts_with(b"\xEF\xBB\xBF") && sims.windows(2).any(|w| w == b"\r\n"));
    assert!(fixture("bromcom-staff.csv")
        .windows(4)
        .any(|w| w == b"Si\xE2n"));
    for (name, encoding, delimiter) in [
        ("sims-staff.csv", Encoding::Utf8, Delimiter::Comma),
        ("arbor-staff.csv", Encoding::Utf8, Delimiter::Comma),
        (
            "bromcom-staff.csv",
            Encoding::Windows1252,
            Delimiter::Semicolon,
        ),
        ("scholarpack-staff.tsv", Encoding::Utf8, Delimiter::Tab),
        ("hand-made-no-header.csv", Encoding::Utf8, Delimiter::Comma),
    ] {
        let table = read_table(&fixture(name));
        assert_eq!(
            (table.encoding, table.delimiter),
            (encoding, delimiter),
            "{name}"
        );
        let got = read(&table, &guess(&table)).unwrap();
        assert_eq!(got.people.len(), 40, "{name}: {:?}", problems(&got));
        let kinds: Vec<&Problem> = got.problems.iter().map(|p| &p.problem).collect();
        assert!(
            matches!(
                kinds.as_slice(),
                [Problem::BadDate { .. }, Problem::NoName, Problem::UnknownRole(r)] if r == "Chaplain"
            ),
            "{name}: {:?}",
            problems(&got)
        );
        let names: Vec<&str> = got.people.iter().map(|p| p.name.as_str()).collect();
        assert!(names.contains(&"Siân O’Brien"), "{name}: {names:?}");
        assert!(names.iter().any(|n| n.starts_with("Zoë Zieli")), "{name}");
        let dsl = got.people.iter().find(|p| p.role == Role::Dsl).unwrap();
        assert_eq!(dsl.name, "Liam Lee", "{name}");
        assert_eq!(
            got.people[1].start_date,
            NaiveDate::from_ymd_opt(2006, 9, 2),
            "{name}: 02/09/2006 is 2 September"
        );
    }
}

#[test]
fn line_numbers_count_the_line_break_inside_a_quoted_note() {
    // SIMS: person 4's note holds a line break, so every row after it is a line lower.
    let got = imported("sims-staff.csv");
    assert_eq!(
        problems(&got),
        [
            (
                14,
                "the start date \"31/02/2021\" cannot be read: that day is not in that month"
                    .into()
            ),
            (22, "there is no name".into()),
            (
                32,
                "the app cannot tell which role \"Chaplain\" is: choose one for it".into()
            ),
        ]
    );
    let dunn = got.people.iter().find(|p| p.name == "Dev Dunn").unwrap();
    assert_eq!(dunn.line, 5);
    assert_eq!(
        got.people
            .iter()
            .find(|p| p.name == "Ella Evans")
            .unwrap()
            .line,
        7
    );
    // Bromcom's US-order date is refused, never read as 31 December.
    let bromcom = imported("bromcom-staff.csv");
    assert!(
        problems(&bromcom)[0].1.contains("day first"),
        "{:?}",
        problems(&bromcom)
    );
}

#[test]
fn headers_are_guessed_and_the_dsl_can_change_the_mapping() {
    let table = read_table(&fixture("arbor-staff.csv"));
    let mut mapping = guess(&table);
    assert!(mapping.header);
    assert_eq!(
        mapping.columns,
        [
            Field::Forename,
            Field::PreferredName,
            Field::Surname,
            Field::Role,
            Field::Email,
            Field::Start,
            Field::End,
            Field::Ignore
        ]
    );
    let got = read(&table, &mapping).unwrap();
    assert_eq!(got.people[0].name, "Ann Able", "the preferred name is used");
    assert_eq!(got.people[0].role, Role::Teaching, "Class Teacher");
    assert_eq!(got.people[28].role, Role::Support, "Site Manager");
    // The DSL reads the chaplain as support staff.
    mapping.role_words.push(("Chaplain".into(), Role::Support));
    let got = read(&table, &mapping).unwrap();
    assert_eq!(got.people.len(), 41);

    let hand = read_table(&fixture("hand-made-no-header.csv"));
    let m = guess(&hand);
    assert!(!m.header);
    assert_eq!(
        m.columns[..4],
        [Field::FullName, Field::Role, Field::Email, Field::Start]
    );
}

#[test]
fn formula_looking_cells_are_kept_as_text() {
    let table = read_table(&fixture("sims-staff.csv"));
    assert!(table
        .rows
        .iter()
        .any(|r| r.cells.last().unwrap() == "=HYPERLINK(\"http://x\",\"cv\")"));
    let text = "Name,Role\n=cmd|' /C calc'!A0,Volunteer\n+44 7700,Governor\n@SUM(1),Teacher\n";
    let table = read_table(text.as_bytes());
    let got = read(&table, &guess(&table)).unwrap();
    let names: Vec<&str> = got.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["=cmd|' /C calc'!A0", "+44 7700", "@SUM(1)"]);
}

#[test]
fn the_next_terms_export_adds_changes_and_offers_leavers_without_removing_anyone() {
    let mut list = autumn_list();
    assert_eq!(list.people.len(), 40);
    // A governor the MIS leaves out, added by hand: never offered as a leaver.
    list.add(RosterEntry::new(
        "p-gov".into(),
        "Gail Ward".into(),
        Role::Governor,
    ))
    .unwrap();
    let ids: Vec<String> = list.people.iter().map(|p| p.id.clone()).collect();

    let again = preview(&list, &imported("sims-staff.csv"));
    assert_eq!(
        (
            again.added.len(),
            again.changed.len(),
            again.unchanged.len()
        ),
        (0, 0, 40)
    );

    let spring = preview(&list, &imported("sims-staff-spring.csv"));
    let name = |id: &str| list.person(id).unwrap().name.clone();
    let added: Vec<&str> = spring.added.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(added, ["Rhys Nash", "Olu Bello", "Tess Lamb"]);
    let leaving: Vec<String> = spring.leaving.iter().map(|id| name(id)).collect();
    assert_eq!(leaving, ["Kwame Mensah", "Lucy Lewis"]);
    let changed: Vec<(String, Vec<Field>)> = spring
        .changed
        .iter()
        .map(|c| (name(&c.person_id), c.fields.clone()))
        .collect();
    assert_eq!(
        changed,
        [
            ("Ella Evans".into(), vec![Field::Email]),
            ("Owen Owens".into(), vec![Field::Role]),
        ]
    );
    assert_eq!(spring.unchanged.len(), 36);

    let kwame = spring.leaving[0].clone();
    let after = list
        .apply(&spring, &[(kwame.clone(), day(2026, 12, 20))], 2)
        .unwrap();
    assert_eq!(after.people.len(), 44, "nobody is removed");
    assert!(
        ids.iter().all(|id| after.person(id).is_some()),
        "matched people keep their ids"
    );
    assert_eq!(
        after.person(&kwame).unwrap().leaving_date,
        Some(day(2026, 12, 20))
    );
    let lucy = after.person(&spring.leaving[1]).unwrap();
    assert_eq!(
        lucy.leaving_date, None,
        "offered, not chosen: still on the list"
    );
    let ella = after
        .people
        .iter()
        .find(|p| p.name == "Ella Evans")
        .unwrap();
    assert_eq!(ella.email.as_deref(), Some("ella.evans@wkps.sch.uk"));
    assert!(after.person("p-gov").unwrap().by_hand);
}

#[test]
fn rows_are_matched_by_email_else_by_folded_name_and_role_and_never_guessed() {
    let mut list = Roster::default();
    for (id, name, role, email) in [
        ("p-1", "Sian OBrien", Role::Teaching, None),
        ("p-2", "Sam Smith", Role::Support, None),
        ("p-3", "Sam Smith", Role::Support, None),
        ("p-4", "Jo Jones", Role::Teaching, Some("jo@wkps.sch.uk")),
    ] {
        let mut p = RosterEntry::new(id.into(), name.into(), role);
        p.email = email.map(str::to_owned);
        list.add(p).unwrap();
    }
    let text = "Name,Role,Email\nSIÂN  O’BRIEN,Teacher,\nsam smith,TA,\nJo Jones,Teacher,jo.jones@wkps.sch.uk\nJoanne Jones,Teacher,jo@wkps.sch.uk\nNew Person,Governor,\nNew Person,Governor,\n";
    let table = read_table(text.as_bytes());
    let got = preview(&list, &read(&table, &guess(&table)).unwrap());
    assert_eq!(
        got.changed[0].person_id, "p-1",
        "accents, case and apostrophes folded"
    );
    assert_eq!(got.changed[0].fields, [Field::FullName]);
    // Joanne is p-4 by email; "Jo Jones" has another email, which is in the export: a new
    // person, not p-4.
    assert_eq!(got.changed[1].person_id, "p-4");
    let added: Vec<&str> = got.added.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(added, ["Jo Jones", "New Person"]);
    let why: Vec<(usize, String)> = got
        .problems
        .iter()
        .map(|p| (p.line, p.problem.to_string()))
        .collect();
    assert_eq!(
        why,
        [
            (3, "it could be any of Sam Smith (Support staff), Sam Smith (Support staff): add an email to tell them apart".into()),
            (7, "it is the same person as line 6".into()),
        ]
    );
}

/// The record a person exports after passing everything their role needs on `on`.
fn record(id: &str, name: &str, role: Role, on: NaiveDate) -> RecordFile {
    let mut profile = Profile::new(id.into(), person(name, role, Track::Induction), at(on));
    pass_all(&mut profile, on);
    let record = TrainingRecord::of(&profile, course(), on.and_hms_opt(18, 0, 0).unwrap());
    let text = envelope::to_json(&record, record.exported_at, None);
    RecordFile {
        name: format!("{id}.json"),
        sha256: format!("sha-{id}"),
        text,
    }
}

fn records(files: &[RecordFile]) -> StaffRecords {
    let mut records = StaffRecords::default();
    records.import(files, keys(), at(day(2026, 12, 12)));
    assert_eq!(records.people.len(), files.len());
    records
}

#[test]
fn records_link_by_id_else_by_name_and_role_and_ambiguity_is_asked() {
    let mut list = Roster::default();
    for (id, name, role, record) in [
        ("p-1", "Siân O’Brien", Role::Teaching, None),
        ("p-2", "Sam Smith", Role::Support, None),
        ("p-3", "Sam Smith", Role::Support, None),
        ("p-4", "Jo Jones", Role::Teaching, Some("r-handed-out")),
        ("p-5", "Al Ames", Role::Governor, None),
        ("p-6", "Di Dale", Role::Volunteer, None),
    ] {
        let mut p = RosterEntry::new(id.into(), name.into(), role);
        p.record_id = record.map(str::to_owned);
        list.add(p).unwrap();
    }
    let on = day(2026, 12, 7);
    let held = records(&[
        record("r-sian", "sian obrien", Role::Teaching, on),
        record("r-sam", "Sam Smith", Role::Support, on),
        record("r-handed-out", "Joanna Jones", Role::Teaching, on),
        record("r-al", "Al Ames", Role::Teaching, on),
        record("r-di-1", "Di Dale", Role::Volunteer, on),
        record("r-di-2", "Di Dale", Role::Volunteer, on),
        record("r-stranger", "Stan Ger", Role::Support, on),
    ]);
    let links = link(&list, &held);
    assert_eq!(
        links.linked,
        [
            ("p-4".to_owned(), "r-handed-out".to_owned()),
            ("p-1".to_owned(), "r-sian".to_owned()),
        ]
    );
    assert_eq!(links.new, [("p-1".to_owned(), "r-sian".to_owned())]);
    let unmatched: Vec<(&str, Vec<&str>)> = links
        .unmatched
        .iter()
        .map(|u| {
            (
                u.record_id.as_str(),
                u.could_be.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        unmatched,
        [
            ("r-sam", vec!["p-2", "p-3"]),
            ("r-al", vec!["p-5"]),
            ("r-di-1", vec!["p-6"]),
            ("r-di-2", vec!["p-6"]),
            ("r-stranger", vec![]),
        ]
    );
    // Remembered, the next match is by id, whatever the name becomes.
    list.remember(&links.new);
    list.people[0].name = "Siân Price".into();
    let again = link(&list, &held);
    assert_eq!(again.record_of("p-1"), Some("r-sian"));
    assert!(again.new.is_empty());
}

/// A list of people on it, each with a start date, and who of them passed when.
fn figures(
    list: &Roster,
    passed: &[(&str, &str, Role, NaiveDate)],
    owed: &Requirements,
    today: NaiveDate,
) -> (Vec<Status>, Linking, String) {
    let files: Vec<RecordFile> = passed
        .iter()
        .map(|(id, name, role, on)| record(id, name, *role, *on))
        .collect();
    let held = records(&files);
    let links = link(list, &held);
    let rows = list_matrix(course(), list, &held, &links, owed, today);
    let c = coverage(&rows);
    (rows.iter().map(|r| r.status).collect(), links, c.sentence())
}

#[test]
fn coverage_counts_everyone_on_the_list_and_names_who_has_not_started() {
    let list = autumn_list();
    let on = day(2026, 12, 7);
    let passed: Vec<(String, String, Role)> = list.people[..5]
        .iter()
        .map(|p| (format!("r-{}", p.id), p.name.clone(), p.role))
        .collect();
    let passed: Vec<(&str, &str, Role, NaiveDate)> = passed
        .iter()
        .map(|(id, name, role)| (id.as_str(), name.as_str(), *role, on))
        .collect();
    let today = day(2027, 1, 10);
    let (status, _, sentence) = figures(&list, &passed, &Requirements::default(), today);
    // Person 6 left in August: SIMS exports leavers with their end date.
    assert_eq!(
        status[5],
        Status::Left {
            on: day(2026, 8, 31)
        }
    );
    assert_eq!(
        sentence,
        "5 of 39 people who must be trained are trained (12%); 34 have not started."
    );
    assert!(status[..5]
        .iter()
        .all(|s| matches!(s, Status::Trained { .. })));
    assert!(
        status[6..]
            .iter()
            .all(|s| matches!(s, Status::Overdue { .. })),
        "started long ago"
    );

    // A leaver and an excluded person leave the figures; their rows stay.
    let mut list = list;
    list.people[0].leaving_date = Some(day(2026, 12, 31));
    list.people[6].excluded = Some("Long-term absence".into());
    let (status, links, sentence) = figures(&list, &passed, &Requirements::default(), today);
    assert_eq!(
        sentence,
        "4 of 37 people who must be trained are trained (10%); 33 have not started."
    );
    assert_eq!(
        status[0],
        Status::Left {
            on: day(2026, 12, 31)
        }
    );
    assert_eq!(status[6], Status::Excluded);
    assert_eq!(links.linked.len(), 5, "the leaver's record is still theirs");
}

#[test]
fn new_starters_have_their_grace_and_each_role_its_cycle() {
    let mut list = Roster::default();
    let mut add = |id: &str, name: &str, role, start: NaiveDate| {
        let mut p = RosterEntry::new(id.into(), name.into(), role);
        p.start_date = Some(start);
        list.add(p).unwrap();
    };
    add("p-new", "Nia New", Role::Teaching, day(2027, 12, 20));
    add("p-late", "Len Late", Role::Teaching, day(2027, 11, 1));
    add("p-gov", "Gus Gov", Role::Governor, day(2020, 1, 1));
    add("p-teach", "Tia Teach", Role::Teaching, day(2020, 1, 1));
    add("p-dsl", "Dot Dsl", Role::Dsl, day(2020, 1, 1));
    add("p-vol", "Val Vol", Role::Volunteer, day(2020, 1, 1));
    list.people[4].formal = Some(FormalTraining {
        on: day(2025, 7, 1),
        provider: "Local authority".into(),
    });
    let on = day(2026, 12, 7);
    let passed = [
        ("r-gov", "Gus Gov", Role::Governor, on),
        ("r-teach", "Tia Teach", Role::Teaching, on),
        ("r-dsl", "Dot Dsl", Role::Dsl, on),
    ];
    let mut owed = Requirements::default();
    for r in &mut owed.roles {
        match r.role {
            Role::Governor => r.every_months = Some(24),
            Role::Volunteer => r.required = false,
            _ => {}
        }
    }
    // Thirteen months on: the teacher's year has passed, the governors' two years have not.
    let today = day(2028, 1, 7);
    let (status, _, _) = figures(&list, &passed, &owed, today);
    assert_eq!(
        status[0],
        Status::NewStarter {
            due: day(2028, 1, 17)
        }
    );
    assert_eq!(
        status[1],
        Status::Overdue {
            since: Some(day(2027, 11, 29))
        }
    );
    assert_eq!(
        status[2],
        Status::Trained {
            until: day(2028, 12, 7)
        }
    );
    assert_eq!(
        status[3],
        Status::Overdue {
            since: Some(day(2027, 12, 7))
        }
    );
    assert_eq!(
        status[4],
        Status::Overdue {
            since: Some(day(2027, 7, 1))
        }
    );
    assert_eq!(status[5], Status::NotRequired);

    // The DSL: the course a year, formal training two years; the sooner one is due first.
    let (status, _, _) = figures(&list, &passed, &owed, day(2027, 5, 10));
    assert_eq!(
        status[4],
        Status::Trained {
            until: day(2027, 7, 1)
        }
    );
    let (status, _, _) = figures(&list, &passed, &owed, day(2027, 6, 20));
    assert_eq!(
        status[4],
        Status::DueSoon {
            until: day(2027, 7, 1)
        }
    );
    let (status, _, _) = figures(&list, &passed, &owed, day(2027, 7, 5));
    assert_eq!(
        status[3],
        Status::Trained {
            until: day(2027, 12, 7)
        }
    );
    assert_eq!(
        status[4],
        Status::Overdue {
            since: Some(day(2027, 7, 1))
        },
        "formal lapsed"
    );
    list.people[4].formal = None;
    let (status, _, sentence) = figures(&list, &passed, &owed, day(2027, 5, 10));
    assert_eq!(
        status[4],
        Status::Overdue {
            since: Some(day(2020, 1, 29))
        },
        "no formal training"
    );
    assert_eq!(
        sentence,
        "2 of 5 people who must be trained are trained (40%); 2 have not started."
    );
}

#[test]
fn a_person_with_no_record_has_every_required_module_not_started() {
    let list = autumn_list();
    let held = StaffRecords::default();
    let rows = list_matrix(
        course(),
        &list,
        &held,
        &Linking::default(),
        &Requirements::default(),
        day(2027, 1, 10),
    );
    let governor = rows.iter().find(|r| r.row.role == Role::Governor).unwrap();
    assert!(governor
        .row
        .cells
        .iter()
        .all(|c| matches!(c, Cell::NotStarted | Cell::NotRequired)));
    assert!(
        governor.row.cells.contains(&Cell::NotRequired),
        "governors skip pupils' modules"
    );
    assert_eq!(
        (
            governor.record_id.as_deref(),
            governor.row.record_id.as_str()
        ),
        (None, "")
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Whatever the bytes, the file gives rows or per-line problems, never a panic, and every
    /// line named is in the file.
    #[test]
    fn any_bytes_give_rows_or_per_line_problems(bytes in proptest::collection::vec(
        prop_oneof![
            Just(b','), Just(b';'), Just(b'\t'), Just(b'"'), Just(b'\n'), Just(b'\r'), Just(b'/'),
            Just(b'@'), Just(b'.'), Just(b'='), any::<u8>(), b'0'..=b'9', b'a'..=b'z',
        ],
        0..400,
    )) {
        let table = read_table(&bytes);
        let lines = bytes
            .iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
            .count()
            + 1;
        let mut mapping = guess(&table);
        mapping.role_when_blank = Some(Role::Other);
        if let Ok(got) = read(&table, &mapping) {
            for p in &got.problems {
                prop_assert!((1..=lines).contains(&p.line), "{p:?} of {lines}");
            }
            let list = Roster::default();
            let _ = list.apply(&preview(&list, &got), &[], 7);
        }
        let mut last = 0;
        for r in &table.rows {
            prop_assert!(r.line > last && r.line <= lines);
            last = r.line;
        }
    }
}

/// How long importing and previewing 2,000 people takes (printed, not asserted: a timed
/// assertion fails on a busy machine; the benchmark in the browser holds the budget).
#[test]
fn two_thousand_people_import_and_preview() {
    let roles = [
        "Teacher",
        "Teaching Assistant",
        "Admin",
        "Governor",
        "Volunteer",
        "HLTA",
    ];
    let mut csv = String::from(
        "\u{FEFF}Legal Forename,Legal Surname,Staff Type,Work Email,Employment Start\r\n",
    );
    for i in 0..2_000 {
        csv.push_str(&format!(
            "Person{i},\"Surname{i}, Jr\",{},p{i}@trust.sch.uk,{:02}/09/20{:02}\r\n",
            roles[i % roles.len()],
            1 + i % 28,
            i % 25
        ));
    }
    let bytes = csv.into_bytes();
    let started = Instant::now();
    let table = read_table(&bytes);
    let mapping = guess(&table);
    let got = read(&table, &mapping).unwrap();
    let read_ms = started.elapsed().as_secs_f64() * 1e3;
    assert_eq!(got.people.len(), 2_000);

    let started = Instant::now();
    let first = preview(&Roster::default(), &got);
    let list = Roster::default().apply(&first, &[], 3).unwrap();
    let first_ms = started.elapsed().as_secs_f64() * 1e3;

    // The next export: every tenth person gone, every seventh changed role.
    let mut next = got.clone();
    next.people.retain(|p| p.line % 10 != 0);
    for p in next.people.iter_mut().filter(|p| p.line % 7 == 0) {
        p.role = Role::Support;
    }
    let started = Instant::now();
    let again = preview(&list, &next);
    let applied = list.apply(&again, &[], 4).unwrap();
    let again_ms = started.elapsed().as_secs_f64() * 1e3;
    assert_eq!(applied.people.len(), 2_000);
    assert_eq!(again.leaving.len(), 200);

    let started = Instant::now();
    let held = StaffRecords::default();
    let links = link(&applied, &held);
    let rows = list_matrix(
        course(),
        &applied,
        &held,
        &links,
        &Requirements::default(),
        day(2027, 1, 10),
    );
    let c = coverage(&rows);
    let matrix_ms = started.elapsed().as_secs_f64() * 1e3;
    assert_eq!(c.must_train, 2_000);
    println!(
        "2,000 people ({} KB): read and map {read_ms:.1} ms; first preview and apply {first_ms:.1} ms; next export's preview ({} changed, {} leaving) and apply {again_ms:.1} ms; link, matrix and coverage {matrix_ms:.1} ms (debug build)",
        bytes.len() / 1024,
        again.changed.len(),
        again.leaving.len(),
    );
}

#[test]
fn record_ids_handed_out_in_advance_match_exactly_and_an_unused_one_still_matches_by_name() {
    let mut list = Roster::default();
    for (id, name, role) in [
        ("p-1", "Ann Able", Role::Teaching),
        ("p-2", "Bob Baker", Role::Support),
        ("p-3", "Len Left", Role::Teaching),
    ] {
        list.add(RosterEntry::new(id.into(), name.into(), role))
            .unwrap();
    }
    let today = day(2026, 12, 7);
    list.people[2].leaving_date = Some(day(2026, 8, 31));
    assert_eq!(list.hand_out_ids(today, 7), 2, "not the leaver");
    let given: Vec<String> = list.people[..2]
        .iter()
        .map(|p| p.record_id.clone().unwrap())
        .collect();
    assert!(given
        .iter()
        .all(|id| id.len() == 18 && id.starts_with("r-")));
    assert_ne!(given[0], given[1]);
    assert_eq!(list.people[2].record_id, None);
    assert_eq!(list.hand_out_ids(today, 8), 0, "an id once given stays");
    let mut again = list.clone();
    assert!(again.check(&mut Texts::strict()).is_ok());

    // The sheet, and the text for an email: each person's id, then what to do.
    let nobody = link(&list, &StaffRecords::default());
    let sheet = list.handed_out(&nobody, today);
    assert_eq!(sheet.len(), 2);
    let text = hand_out_text(&sheet);
    assert!(text.starts_with(&format!(
        "Ann Able (Teaching staff): {}\nBob Baker (Support staff): {}\n\n",
        given[0], given[1]
    )));
    assert!(text.ends_with(&format!("{HANDED_OUT}\n")));

    // Ann's device used her id, under another name: an exact match. Bob made his profile
    // without his: matched by name and role, and his record's id takes the unused one's
    // place.
    let on = day(2026, 12, 7);
    let held = records(&[
        record(&given[0], "Annie Able-Smith", Role::Teaching, on),
        record("r-bobs-own", "Bob Baker", Role::Support, on),
    ]);
    let links = link(&list, &held);
    assert_eq!(links.record_of("p-1"), Some(given[0].as_str()));
    assert_eq!(links.new, [("p-2".to_owned(), "r-bobs-own".to_owned())]);
    list.remember(&links.new);
    assert_eq!(list.people[1].record_id.as_deref(), Some("r-bobs-own"));
    assert!(list.handed_out(&link(&list, &held), today).is_empty());

    // The staff side takes a given id as typed, one word within the id rule.
    assert_eq!(Profile::given_id("  "), Ok(None));
    assert_eq!(
        Profile::given_id(" r-1a2b3c4d5e6f7a8b "),
        Ok(Some("r-1a2b3c4d5e6f7a8b".into()))
    );
    assert!(Profile::given_id("r-1a2b 3c4d").is_err());
    assert!(Profile::given_id(&"r".repeat(101)).is_err());
    assert!(Profile::given_id("r-\u{202e}1a2b").is_err());
}

#[test]
fn what_each_role_owes_is_kept_with_the_list_and_checked_at_every_door() {
    let mut list = autumn_list();
    assert_eq!(
        list.owed,
        Requirements::default(),
        "KCSIE's until the DSL sets them"
    );
    list.owed.grace_days = 14;
    list.owed.roles[2].every_months = Some(36);
    let text = envelope::to_json(&list, at(day(2026, 12, 1)), None);
    let back: Roster = envelope::unwrap(&text).unwrap();
    assert_eq!(back.owed, list.owed);

    // A list stored before the requirements were kept loads with KCSIE's.
    let mut old = serde_json::to_value(&list).unwrap();
    old.as_object_mut().unwrap().remove("owed");
    let old: Roster = serde_json::from_value(old).unwrap();
    assert_eq!(old.owed, Requirements::default());

    // A cycle out of range: refused from a file, put back to KCSIE's (and said) when stored.
    let mut bad = list.clone();
    bad.owed.roles[0].every_months = Some(0);
    assert!(bad.clone().check(&mut Texts::strict()).is_err());
    let mut texts = Texts::repairing();
    bad.check(&mut texts).unwrap();
    assert_eq!(bad.owed, Requirements::default());
    assert_eq!(bad.people, list.people, "nobody is lost");
}

#[test]
fn a_record_not_on_the_list_is_linked_or_added_by_the_dsl() {
    // Ann's record carries her married name; Sam's could be either Sam Smith; Vic, a
    // volunteer the MIS export left out, is on no list.
    let mut list = Roster::default();
    for (id, name, role) in [
        ("p-ann", "Ann Able", Role::Teaching),
        ("p-sam1", "Sam Smith", Role::Support),
        ("p-sam2", "Sam Smith", Role::Support),
    ] {
        list.add(RosterEntry::new(id.into(), name.into(), role))
            .unwrap();
    }
    let held = records(&[
        record("r-ann", "Ann Baker", Role::Teaching, day(2026, 12, 7)),
        record("r-sam", "Sam Smith", Role::Support, day(2026, 12, 7)),
        record("r-vic", "Vic Volunteer", Role::Volunteer, day(2026, 12, 7)),
    ]);
    let unmatched = |list: &Roster| -> Vec<String> {
        link(list, &held)
            .unmatched
            .into_iter()
            .map(|u| u.record_id)
            .collect()
    };
    assert_eq!(unmatched(&list), ["r-ann", "r-sam", "r-vic"]);
    let sam = link(&list, &held).unmatched[1].could_be.clone();
    assert_eq!(sam, ["p-sam1", "p-sam2"]);

    list.link_record("p-ann", "r-ann").unwrap();
    list.link_record("p-sam2", "r-sam").unwrap();
    let vic = held.people.iter().find(|p| p.record_id == "r-vic").unwrap();
    list.add_from_record("p-vic".into(), vic).unwrap();
    assert!(unmatched(&list).is_empty());
    let linked = link(&list, &held).linked;
    for pair in [("p-ann", "r-ann"), ("p-sam2", "r-sam"), ("p-vic", "r-vic")] {
        assert!(linked.contains(&(pair.0.into(), pair.1.into())), "{pair:?}");
    }
    assert!(
        list.person("p-vic").unwrap().by_hand,
        "never offered as a leaver"
    );
    // A record is one person's: linking it to a second is refused, and nothing changes.
    let before = list.clone();
    assert!(matches!(
        list.link_record("p-sam1", "r-sam"),
        Err(RosterError::RecordLinkedTwice { .. })
    ));
    assert_eq!(list, before);
    assert_eq!(
        list.link_record("p-gone", "r-x"),
        Err(RosterError::NotFound)
    );
}
