//! Training sessions, natively (issue 22 item 6): a session's code is read back exactly and a
//! mistyped one is caught; an attempt taken with the code carries a tag bound to its record,
//! id, module and start; the DSL counts it as taken in the session only inside the session's
//! window, only with its own session's code, and as supervised only for people on the
//! register; coverage counts supervised training apart. Records are made the way the app
//! makes them: a profile takes its quizzes (typing the code), then exports.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use chrono::{Duration, NaiveDate, NaiveDateTime};

use common::{course, day, keys, take_with};
use online_safety_workbench::domain::content::Role;
use online_safety_workbench::domain::envelope::{self, Versioned};
use online_safety_workbench::domain::rng::SeededRng;
use online_safety_workbench::domain::session::{
    self, new_code, read_code, show_code, tag, Session,
};
use online_safety_workbench::domain::staff::roster::{self, Requirements, Roster, RosterEntry};
use online_safety_workbench::domain::staff::{
    coverage, matrix, to_csv, Overall, RecordFile, StaffRecords,
};
use online_safety_workbench::domain::text::Texts;
use online_safety_workbench::domain::training::{self, Person, Profile, Track, TrainingRecord};

fn time(d: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    d.and_hms_opt(h, m, 0).unwrap()
}

/// The INSET afternoon: 10 December 2026, 13:00 to 16:00.
fn inset(random: u64) -> Session {
    let d = day(2026, 12, 10);
    Session::open(
        random,
        "INSET afternoon".into(),
        time(d, 13, 0),
        time(d, 16, 0),
    )
    .unwrap()
}

/// The record `name` exports after taking every required module from `started`, five
/// minutes apart, typing `code` before each quiz (as the quiz page does).
fn record(id: &str, name: &str, started: NaiveDateTime, code: Option<&str>) -> TrainingRecord {
    let person = Person {
        name: name.into(),
        role: Role::Teaching,
        start_date: day(2026, 9, 1),
        track: Track::Induction,
    };
    let mut profile = Profile::new(id.into(), person, started);
    let modules: Vec<String> = training::required(course(), &profile.person)
        .iter()
        .map(|m| m.id.clone())
        .collect();
    for (i, m) in modules.iter().enumerate() {
        let at = started + Duration::minutes(5 * i as i64);
        profile
            .attempts
            .push(take_with(id, m, &format!("{id}-a{i}"), at, 0, code));
    }
    TrainingRecord::of(&profile, course(), started + Duration::hours(6))
}

fn imported(records: &[TrainingRecord], on: NaiveDateTime) -> StaffRecords {
    let files: Vec<RecordFile> = records
        .iter()
        .map(|r| RecordFile {
            name: format!("{}.json", r.record_id),
            text: envelope::to_json(r, r.exported_at, None),
            sha256: String::new(),
        })
        .collect();
    let mut held = StaffRecords::default();
    held.import(&files, keys(), on);
    held
}

#[test]
fn a_code_reads_back_however_it_is_typed_and_one_wrong_character_is_caught() {
    let mut rng = SeededRng::new(22);
    let alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    for _ in 0..500 {
        let code = new_code(rng.next_u64());
        assert_eq!(code.len(), 8);
        assert_eq!(read_code(&code).as_deref(), Some(code.as_str()));
        let typed = format!(" {} ", show_code(&code).to_lowercase());
        assert_eq!(read_code(&typed).as_deref(), Some(code.as_str()), "{typed}");
        let chars: Vec<char> = code.chars().collect();
        for i in 0..chars.len() {
            for c in alphabet.chars().filter(|&c| c != chars[i]) {
                let mut wrong = chars.clone();
                wrong[i] = c;
                let wrong: String = wrong.into_iter().collect();
                assert_eq!(read_code(&wrong), None, "{code} typed as {wrong}");
            }
            if i + 1 < chars.len() && chars[i] != chars[i + 1] {
                let mut swapped = chars.clone();
                swapped.swap(i, i + 1);
                let swapped: String = swapped.into_iter().collect();
                assert_eq!(read_code(&swapped), None, "{code} typed as {swapped}");
            }
        }
    }
    for not_a_code in ["", "K7MQ", "K7MQ-2XPA-99", "O0I1L-ABC", "ÀBCD-EFGH"] {
        assert_eq!(read_code(not_a_code), None, "{not_a_code}");
    }
}

#[test]
fn a_tag_is_bound_to_its_code_record_attempt_module_and_start() {
    let start = time(day(2026, 12, 10), 13, 30);
    let code = new_code(1);
    let other = new_code(2);
    let base = tag(&code, "r-ann", "a-1", "four-cs", start);
    let moved = [
        tag(&other, "r-ann", "a-1", "four-cs", start),
        tag(&code, "r-ivy", "a-1", "four-cs", start),
        tag(&code, "r-ann", "a-2", "four-cs", start),
        tag(&code, "r-ann", "a-1", "why-this-matters", start),
        tag(
            &code,
            "r-ann",
            "a-1",
            "four-cs",
            start + Duration::milliseconds(1),
        ),
    ];
    for t in moved {
        assert_ne!(t, base);
    }
    assert_eq!(base, tag(&code, "r-ann", "a-1", "four-cs", start));
}

#[test]
fn a_pass_in_the_session_is_supervised_only_for_people_on_its_register() {
    let mut session = inset(7);
    let code = session.code.clone();
    session.mark("ANN  ABLE", true);
    let start = time(day(2026, 12, 10), 13, 30);
    // Ann was in the room; Bo was given the code by a colleague; Cy took hers at home.
    let held = imported(
        &[
            record("r-ann", "Ann Able", start, Some(&code)),
            record("r-bo", "Bo Baker", start, Some(&code)),
            record("r-cy", "Cy Cole", start, None),
        ],
        time(day(2026, 12, 11), 9, 0),
    );
    let sessions = [session];
    let rows = matrix(course(), &held, &sessions, day(2026, 12, 11));
    let row = |name: &str| rows.iter().find(|r| r.name == name).unwrap();
    for r in &rows {
        assert_eq!(
            r.overall,
            Overall::Trained,
            "{}: all three passes count",
            r.name
        );
    }
    let ann = row("Ann Able");
    assert!(ann.trained_in_session());
    assert!(ann
        .supervised
        .iter()
        .zip(&ann.cells)
        .all(|(s, c)| s.is_some() == (c.label().starts_with("Passed"))));
    assert!(ann.off_register.is_empty());
    let bo = row("Bo Baker");
    assert!(!bo.trained_in_session());
    assert!(bo.supervised.iter().all(Option::is_none));
    assert!(bo.off_register[0].ends_with("the session of 10 December 2026"));
    let cy = row("Cy Cole");
    assert!(!cy.trained_in_session() && cy.off_register.is_empty());

    let c = coverage(&rows);
    assert_eq!((c.trained, c.supervised), (3, 1));
    let csv = to_csv(course(), &rows);
    let ann_line = csv.lines().find(|l| l.starts_with("Ann Able")).unwrap();
    assert!(ann_line.ends_with("(2026-12-10)"), "{ann_line}");
    assert!(csv
        .lines()
        .nth(1)
        .unwrap()
        .ends_with("Taken in a supervised session"));
}

#[test]
fn a_code_outside_its_window_or_of_another_schools_session_gives_nothing() {
    let mut session = inset(7);
    let code = session.code.clone();
    session.mark("Ann Able", true);
    let d = day(2026, 12, 10);
    let imported_on = time(day(2026, 12, 11), 9, 0);
    // Taken with the right code the evening after the session.
    let late = imported(
        &[record("r-ann", "Ann Able", time(d, 17, 0), Some(&code))],
        imported_on,
    );
    // Taken in the window with another school's code: this DSL has no such session.
    let theirs = inset(8);
    assert_ne!(theirs.code, code);
    let elsewhere = imported(
        &[record(
            "r-ann",
            "Ann Able",
            time(d, 13, 30),
            Some(&theirs.code),
        )],
        imported_on,
    );
    for held in [late, elsewhere] {
        let rows = matrix(course(), &held, std::slice::from_ref(&session), d);
        assert_eq!(
            rows[0].overall,
            Overall::Trained,
            "still a self-reported pass"
        );
        assert!(rows[0].supervised.iter().all(Option::is_none));
        assert!(rows[0].off_register.is_empty());
    }
}

#[test]
fn the_list_counts_supervised_training_apart_for_governors() {
    let mut session = inset(9);
    let code = session.code.clone();
    session.mark("Ann Able", true);
    let start = time(day(2026, 12, 10), 13, 30);
    let held = imported(
        &[
            record("r-ann", "Ann Able", start, Some(&code)),
            record("r-cy", "Cy Cole", start, None),
        ],
        time(day(2026, 12, 11), 9, 0),
    );
    let person = |id: &str, name: &str| RosterEntry::new(id.into(), name.into(), Role::Teaching);
    let list = Roster {
        people: vec![
            person("p-ann", "Ann Able"),
            person("p-cy", "Cy Cole"),
            person("p-di", "Di Dunn"),
        ],
        sessions: vec![session],
    };
    let links = roster::link(&list, &held);
    let rows = roster::list_matrix(
        course(),
        &list,
        &held,
        &links,
        &Requirements::default(),
        day(2026, 12, 11),
    );
    assert_eq!(
        roster::coverage(&rows).sentence(),
        "2 of 3 people who must be trained are trained (66%), 1 of them in a supervised session; 1 has not started."
    );
}

#[test]
fn sessions_keep_the_rules_wherever_they_arrive() {
    let d = day(2026, 12, 10);
    // A window that ends before it starts, or lasts past a school day, is refused.
    assert!(Session::open(1, "INSET".into(), time(d, 16, 0), time(d, 13, 0)).is_err());
    assert!(Session::open(1, "INSET".into(), time(d, 7, 0), time(d, 20, 0)).is_err());
    assert!(Session::open(1, " ".into(), time(d, 13, 0), time(d, 14, 0)).is_err());
    assert_eq!(session::at("2026-12-10", "13:30"), Some(time(d, 13, 30)));
    assert_eq!(session::at("2026-12-10", ""), None);

    // The staff list keeps its sessions and their registers through a file and back.
    let mut list = Roster::default();
    list.open_session(inset(3)).unwrap();
    let code = list.sessions[0].code.clone();
    list.mark(&code, "Ann Able", true).unwrap();
    assert!(
        list.mark(&code, "\u{200b}", true).is_err(),
        "an invisible name"
    );
    assert!(list.mark("NOPE", "Ann Able", true).is_err());
    let text = envelope::to_json(&list, time(d, 17, 0), None);
    let back: Roster = envelope::unwrap(&text).unwrap();
    assert_eq!(back, list);
    // A list stored before sessions existed loads with none.
    let mut before = Roster::default();
    before.check(&mut Texts::strict()).unwrap();
    assert!(serde_json::from_str::<Roster>(r#"{"people": []}"#)
        .unwrap()
        .sessions
        .is_empty());
    // A file whose session code is not one the app makes is refused, naming the field.
    let mut forged = list.clone();
    forged.sessions[0].code = "AAAAAAAB".into();
    let error = forged.check(&mut Texts::strict()).unwrap_err().to_string();
    assert!(error.contains("sessions[0].code"), "{error}");
    assert_eq!(<Roster as Versioned>::SCHEMA_VERSION, 1);
}
