//! Chasing without a server, natively: who on the staff list is outstanding (not started,
//! overdue, due within the warning period) by role, with leavers, exclusions, roles that owe
//! nothing and new starters' grace left to the list's own statuses; their names and emails
//! as one line for an email's To line; and the calendar of expiry dates as RFC 5545 wants it
//! (CRLF, escaped text, lines folded at 75 octets, stable UIDs). Records are made the way the
//! app makes them: a profile takes its quizzes, then exports.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use chrono::NaiveDate;

use common::{at, course, day, keys, pass_all, person};
use online_safety_workbench::domain::content::Role;
use online_safety_workbench::domain::envelope;
use online_safety_workbench::domain::staff::roster::{
    calendar, email_list, expiries, ics_text, link, list_matrix, outstanding, Chase, Expiry,
    FormalTraining, ListRow, Owing, Requirements, RoleChase, Roster, RosterEntry, Status,
};
use online_safety_workbench::domain::staff::{RecordFile, StaffRecords};
use online_safety_workbench::domain::training::{Profile, Track, TrainingRecord};

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

/// The day the figures are read: a year after the passes below, in the warning period.
fn today() -> NaiveDate {
    day(2027, 12, 8)
}

/// A school's list: someone due soon, overdue, not started (with and without an email), a
/// new starter in their grace, a governor on a two-year cycle whose name holds a comma, a
/// leaver, someone excluded, a volunteer whose role owes nothing, and the DSL whose own
/// formal training has lapsed though the course is passed.
fn school() -> (Roster, Vec<ListRow>) {
    let mut list = Roster::default();
    let people: [(&str, &str, Role, Option<&str>, NaiveDate); 9] = [
        (
            "p-1",
            "Ann Able",
            Role::Teaching,
            Some("a.able@wkps.sch.uk"),
            day(2020, 1, 6),
        ),
        (
            "p-2",
            "Bob Baker",
            Role::Teaching,
            Some("b.baker@wkps.sch.uk"),
            day(2020, 1, 6),
        ),
        ("p-3", "Cath Cole", Role::Support, None, day(2020, 1, 6)),
        (
            "p-4",
            "Nia New",
            Role::Teaching,
            Some("n.new@wkps.sch.uk"),
            day(2027, 11, 20),
        ),
        (
            "p-5",
            "Adeyemi, Femi",
            Role::Governor,
            Some("f.adeyemi@wkps.sch.uk"),
            day(2020, 1, 6),
        ),
        (
            "p-6",
            "Len Left",
            Role::Teaching,
            Some("l.left@wkps.sch.uk"),
            day(2020, 1, 6),
        ),
        (
            "p-7",
            "Ed Excluded",
            Role::Support,
            Some("e.ex@wkps.sch.uk"),
            day(2020, 1, 6),
        ),
        ("p-8", "Val Vol", Role::Volunteer, None, day(2020, 1, 6)),
        (
            "p-9",
            "Dot Dsl",
            Role::Dsl,
            Some("dsl@wkps.sch.uk"),
            day(2020, 1, 6),
        ),
    ];
    for (id, name, role, email, start) in people {
        let mut p = RosterEntry::new(id.into(), name.into(), role);
        p.email = email.map(str::to_owned);
        p.start_date = Some(start);
        list.add(p).unwrap();
    }
    list.people[5].leaving_date = Some(day(2027, 8, 31));
    list.people[6].excluded = Some("Long-term absence".into());
    list.people[8].formal = Some(FormalTraining {
        on: day(2025, 7, 1),
        provider: "Local authority".into(),
    });
    let files = [
        record("r-ann", "Ann Able", Role::Teaching, day(2026, 12, 10)),
        record("r-bob", "Bob Baker", Role::Teaching, day(2026, 12, 7)),
        record("r-femi", "Adeyemi, Femi", Role::Governor, day(2026, 12, 10)),
        record("r-dot", "Dot Dsl", Role::Dsl, day(2026, 12, 10)),
    ];
    let mut held = StaffRecords::default();
    held.import(&files, keys(), at(day(2026, 12, 12)));
    assert_eq!(held.people.len(), 4);
    let mut owed = Requirements::default();
    for r in &mut owed.roles {
        match r.role {
            Role::Governor => r.every_months = Some(24),
            Role::Volunteer => r.required = false,
            _ => {}
        }
    }
    let links = link(&list, &held);
    let rows = list_matrix(course(), &list, &held, &links, &owed, today());
    (list, rows)
}

/// Each role's outstanding people as (name, why).
fn named(groups: &[RoleChase]) -> Vec<(Role, Vec<(&str, Owing)>)> {
    groups
        .iter()
        .map(|g| {
            (
                g.role,
                g.people
                    .iter()
                    .map(|c| (c.name.as_str(), c.owing))
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn the_outstanding_are_grouped_by_role_and_leavers_and_the_excluded_are_not_chased() {
    let (list, rows) = school();
    let warn = course().info.warn_days;
    let groups = outstanding(&list, &rows, today(), warn);
    assert_eq!(
        named(&groups),
        [
            (
                Role::Teaching,
                vec![
                    ("Nia New", Owing::NotStarted),
                    ("Bob Baker", Owing::Overdue),
                    ("Ann Able", Owing::DueSoon),
                ]
            ),
            (Role::Support, vec![("Cath Cole", Owing::NotStarted)]),
            (Role::Dsl, vec![("Dot Dsl", Owing::Overdue)]),
        ]
    );
    let teaching = &groups[0];
    // The new starter has not started and is inside her grace: not overdue.
    assert_eq!(
        teaching.people[0].status,
        Status::NewStarter {
            due: day(2027, 12, 18)
        }
    );
    assert_eq!(
        teaching.people[1].status,
        Status::Overdue {
            since: Some(day(2027, 12, 7))
        }
    );
    assert_eq!(
        teaching
            .owing(Owing::DueSoon)
            .map(|c| c.status)
            .collect::<Vec<_>>(),
        [Status::DueSoon {
            until: day(2027, 12, 10)
        }]
    );
    // The DSL passed the course, but her formal training lapsed two years after July 2025.
    assert_eq!(
        groups[2].people[0].status,
        Status::Overdue {
            since: Some(day(2025 + 2, 7, 1))
        }
    );
    assert_eq!(Owing::DueSoon.label(warn), "Due within 30 days");

    // Once the new starter's grace has passed, she is overdue, still not started.
    let late = outstanding(
        &list,
        &rows_on(&list, day(2027, 12, 20)),
        day(2027, 12, 20),
        warn,
    );
    let nia = late[0].people.iter().find(|c| c.name == "Nia New").unwrap();
    assert_eq!(nia.owing, Owing::NotStarted);
    assert!(matches!(nia.status, Status::Overdue { .. }));
}

/// The same school's rows read on another day.
fn rows_on(list: &Roster, on: NaiveDate) -> Vec<ListRow> {
    let files = [
        record("r-ann", "Ann Able", Role::Teaching, day(2026, 12, 10)),
        record("r-bob", "Bob Baker", Role::Teaching, day(2026, 12, 7)),
    ];
    let mut held = StaffRecords::default();
    held.import(&files, keys(), at(day(2026, 12, 12)));
    let links = link(list, &held);
    list_matrix(course(), list, &held, &links, &Requirements::default(), on)
}

#[test]
fn names_and_emails_make_one_to_line_and_those_without_an_email_are_named() {
    let (list, rows) = school();
    let groups = outstanding(&list, &rows, today(), course().info.warn_days);
    let got = email_list(&groups);
    assert_eq!(
        got.to,
        "Nia New <n.new@wkps.sch.uk>; Bob Baker <b.baker@wkps.sch.uk>; Ann Able <a.able@wkps.sch.uk>; Dot Dsl <dsl@wkps.sch.uk>"
    );
    assert_eq!(got.with_email, 4);
    assert_eq!(got.without_email, ["Cath Cole"]);

    // A name with a comma, a semicolon, a full stop or a quote is quoted, so the To line
    // still splits into the right people; an apostrophe, a hyphen or an accent needs
    // nothing.
    let chase = |name: &str, email: &str| Chase {
        person_id: format!("p-{email}"),
        name: name.into(),
        role: Role::Support,
        email: Some(email.into()),
        owing: Owing::NotStarted,
        status: Status::Overdue { since: None },
    };
    let odd = [RoleChase {
        role: Role::Support,
        people: vec![
            chase("Adeyemi, Femi", "f@s.org"),
            chase("Jo; Jones", "j@s.org"),
            chase("Sam \"Sid\" Smith", "s@s.org"),
            chase("Siân O'Brien-Price", "o@s.org"),
            chase("Dr. Zoë O’Neill", "z@s.org"),
        ],
    }];
    assert_eq!(
        email_list(&odd).to,
        r#""Adeyemi, Femi" <f@s.org>; "Jo; Jones" <j@s.org>; "Sam \"Sid\" Smith" <s@s.org>; Siân O'Brien-Price <o@s.org>; "Dr. Zoë O’Neill" <z@s.org>"#
    );
    assert_eq!(email_list(&[]), Default::default());
}

/// A calendar's content lines, unfolded (RFC 5545 3.1).
fn unfolded(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .split("\r\n")
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_calendar_has_one_all_day_event_per_expiry_with_stable_uids() {
    let (list, rows) = school();
    let due = expiries(&list, &rows);
    // Those trained now: Bob and the DSL are overdue, so have no expiry to come.
    let names: Vec<(&str, NaiveDate)> = due.iter().map(|e| (e.name.as_str(), e.on)).collect();
    assert_eq!(
        names,
        [
            ("Ann Able", day(2027, 12, 10)),
            ("Adeyemi, Femi", day(2028, 12, 10))
        ]
    );
    let stamp = day(2027, 12, 5).and_hms_opt(9, 30, 0).unwrap();
    let ics = calendar(&due, "West Kirby Primary School", stamp).unwrap();
    // CRLF ends every line, and no line break stands alone.
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(ics.matches('\n').count(), ics.matches("\r\n").count());
    assert!(ics.split("\r\n").all(|l| l.len() <= 75));
    let lines = unfolded(&ics);
    assert_eq!(lines[0], "BEGIN:VCALENDAR");
    assert!(lines.contains(&"VERSION:2.0".to_owned()));
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 2);
    assert_eq!(lines.iter().filter(|l| *l == "END:VEVENT").count(), 2);
    for expected in [
        "UID:training-expiry-p-5@online-safety-workbench",
        "DTSTAMP:20271205T093000Z",
        "DTSTART;VALUE=DATE:20281210",
        "DTEND;VALUE=DATE:20281211",
        // The comma in the name is escaped.
        "SUMMARY:Online safety training expires: Adeyemi\\, Femi",
        "DESCRIPTION:Adeyemi\\, Femi (Governor) at West Kirby Primary School: their online safety training expires on 10 December 2028.\\nRemind them to take the refresher before then.",
        "DTSTART;VALUE=DATE:20271210",
    ] {
        assert!(lines.iter().any(|l| l == expected), "{expected} in {lines:#?}");
    }
    // The same people on another day: the same UIDs, so a calendar takes it as an update.
    let later = calendar(
        &due,
        "West Kirby Primary School",
        stamp + chrono::Duration::days(30),
    )
    .unwrap();
    let uids = |ics: &str| -> Vec<String> {
        unfolded(ics)
            .into_iter()
            .filter(|l| l.starts_with("UID:"))
            .collect()
    };
    assert_eq!(uids(&ics), uids(&later));
    assert_ne!(ics, later);

    // Nobody with an expiry: no calendar (RFC 5545 wants at least one event in one).
    assert_eq!(calendar(&[], "West Kirby Primary School", stamp), None);
}

#[test]
fn text_is_escaped_and_long_lines_fold_at_75_octets_between_characters() {
    assert_eq!(ics_text("a\\b;c,d\ne\r\u{7}f"), "a\\\\b\\;c\\,d\\nef");
    // A long name of two-byte letters, with a semicolon: folded between characters, and
    // unfolding gives back the line as written.
    let name = format!("Siân; {}", "Ŵŷñ ".repeat(40));
    let e = Expiry {
        person_id: "p-long".into(),
        name: name.clone(),
        role: Role::Teaching,
        on: day(2027, 3, 1),
    };
    let ics = calendar(&[e], "Ysgol Gymraeg, Caerdydd", at(day(2027, 1, 1))).unwrap();
    let physical: Vec<&str> = ics.split("\r\n").collect();
    assert!(physical.iter().all(|l| l.len() <= 75), "{physical:#?}");
    assert!(
        physical.iter().filter(|l| l.starts_with(' ')).count() >= 3,
        "the summary and description fold"
    );
    // The widest lines use the room they have: no fold leaves more than a character's room.
    assert!(physical.iter().any(|l| l.len() >= 73));
    let summary = unfolded(&ics)
        .into_iter()
        .find(|l| l.starts_with("SUMMARY:"))
        .unwrap();
    assert_eq!(
        summary,
        format!(
            "SUMMARY:Online safety training expires: {}",
            name.replace(';', "\\;")
        )
    );
    assert!(unfolded(&ics).contains(
        &"X-WR-CALNAME:Online safety training expiry dates\\, Ysgol Gymraeg\\, Caerdydd".to_owned()
    ));
}
