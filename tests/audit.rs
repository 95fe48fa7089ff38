//! Audit rules, natively: the checklist validates; gaps and RAG (Not sure is a gap);
//! overdue actions; review-date flags; carrying a year forward; year-on-year changes.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{NaiveDate, NaiveDateTime};

mod common;

use common::{checklist, course};
use online_safety_workbench::domain::audit::{
    date_flags, AcademicYear, Action, ActionStatus, Answer, Audit, AuditBook, Change, Checklist,
    KeptFigures, Rag, Rating, MIN_ITEMS,
};
use online_safety_workbench::domain::envelope;
use online_safety_workbench::domain::settings::SchoolSettings;
use online_safety_workbench::domain::sources;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn now() -> NaiveDateTime {
    d(2026, 11, 25).and_hms_opt(9, 0, 0).unwrap()
}

fn rated(r: Rating) -> Answer {
    Answer {
        rating: Some(r),
        ..Answer::default()
    }
}

fn audit() -> Audit {
    Audit::new(
        AcademicYear(2026),
        now(),
        &SchoolSettings::default(),
        checklist(),
    )
}

#[test]
fn the_checklist_has_every_section_and_enough_items() {
    let list = checklist();
    let titles: Vec<&str> = list.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Policy and leadership",
            "Filtering and monitoring",
            "Staff and governor training",
            "Pupils",
            "Parents and community",
            "School and PTA accounts",
            "Incidents"
        ]
    );
    assert!(list.items().count() >= MIN_ITEMS);
    // Each DfE standard is cited by at least one item.
    for standard in ["dfe-fm-1", "dfe-fm-2", "dfe-fm-3", "dfe-fm-4"] {
        let cite = format!("source:{standard}");
        assert!(list.items().any(|i| i.refs.contains(&cite)), "{standard}");
    }
}

/// The checklist is released with the course: an audit exported today names the content version
/// its training modules carry (both files move together when a version is released).
#[test]
fn the_checklist_names_the_courses_content_version() {
    assert_eq!(checklist().content_version, course().info.content_version);
}

#[test]
fn a_bad_checklist_is_refused_with_the_item_named() {
    let text = include_str!("../content/audit.json");
    let sources = sources::parse(include_str!("../content/sources.json")).unwrap();
    let dup = text.replacen("\"pl-policy-approved\"", "\"pl-policy-reviewed\"", 1);
    let errors = Checklist::parse(&dup, &sources).unwrap_err();
    assert!(errors
        .iter()
        .any(|e| e.item == "pl-policy-reviewed" && e.problem == "duplicate id"));
    let bad_ref = text.replacen("source:dfe-fm-4", "source:dfe-fm-9", 1);
    let errors = Checklist::parse(&bad_ref, &sources).unwrap_err();
    assert!(errors
        .iter()
        .any(|e| e.problem == "reference source:dfe-fm-9 does not resolve"));
    let bad_placeholder = text.replacen("{incident_system}", "{cpoms}", 1);
    assert!(Checklist::parse(&bad_placeholder, &sources).unwrap_err()[0]
        .problem
        .contains("unknown placeholder {cpoms}"));
}

#[test]
fn not_sure_counts_as_a_gap_and_not_applicable_needs_a_reason() {
    assert_eq!(Rating::NotSure.rag(), Rag::Red);
    assert!(Rating::NotSure.is_gap());
    assert!(Rating::Partly.is_gap());
    assert!(!Rating::Yes.is_gap());
    assert!(!Rating::NotApplicable.is_gap());
    let mut na = rated(Rating::NotApplicable);
    assert!(!na.is_answered());
    na.not_applicable_reason = "We have no PTA account".into();
    assert!(na.is_answered());
}

#[test]
fn section_summary_counts_and_colours() {
    let list = checklist();
    let section = &list.sections[0];
    let mut a = audit();
    assert_eq!(a.section_summary(section).rag(), Rag::Unanswered);
    a.answers
        .insert(section.items[0].id.clone(), rated(Rating::Yes));
    a.answers
        .insert(section.items[1].id.clone(), rated(Rating::Yes));
    let s = a.section_summary(section);
    assert_eq!((s.answered, s.green, s.rag()), (2, 2, Rag::Green));
    assert_eq!(s.percent(), 200 / section.items.len());
    a.answers
        .insert(section.items[2].id.clone(), rated(Rating::Partly));
    assert_eq!(a.section_summary(section).rag(), Rag::Amber);
    a.answers
        .insert(section.items[3].id.clone(), rated(Rating::NotSure));
    assert_eq!(a.section_summary(section).rag(), Rag::Red);
    assert_eq!(a.unanswered(list).len(), list.items().count() - 4);
    let risks = a.top_risks(list);
    assert_eq!(risks[0].1, Rating::NotSure, "red before amber");
    assert_eq!(risks[1].1, Rating::Partly);
}

#[test]
fn actions_are_overdue_only_when_unfinished_and_past_due() {
    let today = d(2026, 11, 25);
    let action = |due: Option<NaiveDate>, status| Action {
        id: "x".into(),
        what: "Do it".into(),
        owner: "DSL".into(),
        due,
        status,
    };
    assert!(action(Some(d(2026, 11, 24)), ActionStatus::InProgress).is_overdue(today));
    assert!(
        !action(Some(today), ActionStatus::NotStarted).is_overdue(today),
        "due today is not overdue"
    );
    assert!(!action(Some(d(2026, 1, 1)), ActionStatus::Done).is_overdue(today));
    assert!(!action(None, ActionStatus::NotStarted).is_overdue(today));

    let list = checklist();
    let mut a = audit();
    let mut ans = rated(Rating::No);
    ans.actions = vec![
        Action {
            id: "a1".into(),
            due: None,
            ..action(None, ActionStatus::NotStarted)
        },
        Action {
            id: "a2".into(),
            ..action(Some(d(2027, 3, 1)), ActionStatus::NotStarted)
        },
        Action {
            id: "a3".into(),
            ..action(Some(d(2026, 10, 1)), ActionStatus::InProgress)
        },
        Action {
            id: "a4".into(),
            ..action(Some(d(2026, 9, 1)), ActionStatus::Done)
        },
    ];
    a.answers.insert("fm-checks".into(), ans);
    let plan = a.action_plan(list, today);
    let order: Vec<&str> = plan.iter().map(|p| p.action.id.as_str()).collect();
    assert_eq!(
        order,
        ["a3", "a2", "a1", "a4"],
        "by due date, undated then done last"
    );
    assert!(plan[0].overdue);
    assert!(!plan[3].overdue);
}

#[test]
fn review_dates_that_have_passed_are_flagged() {
    let settings = SchoolSettings::default(); // policy due 31 Dec 2024, code 31 Dec 2025
    let a = audit();
    let flags = date_flags(&settings, &a, d(2024, 12, 31));
    assert!(flags.iter().any(|f| !f.passed
        && f.message == "The Social Media Policy is due for review by 31 December 2024."));
    let flags = date_flags(&settings, &a, d(2025, 1, 1));
    let policy = flags
        .iter()
        .find(|f| f.item_id.as_deref() == Some("pl-policy-reviewed"))
        .unwrap();
    assert!(policy.passed);
    assert_eq!(
        policy.message,
        "The Social Media Policy was due for review by 31 December 2024 and that date has passed."
    );
    assert!(
        !flags
            .iter()
            .any(|f| f.item_id.as_deref() == Some("pl-code-reviewed")),
        "code is not due for 11 months"
    );
    assert!(flags
        .iter()
        .any(|f| f.message.starts_with("No filtering and monitoring review")));

    let mut reviewed = audit();
    reviewed.filtering.reviewed_on = Some(d(2026, 10, 1));
    reviewed.filtering.next_review = Some(d(2027, 10, 1));
    let later = SchoolSettings {
        policy_review_due: d(2027, 12, 31),
        code_review_due: d(2027, 12, 31),
        ..settings
    };
    assert!(date_flags(&later, &reviewed, d(2026, 11, 25)).is_empty());
    assert!(date_flags(&later, &reviewed, d(2027, 10, 2))[0].passed);
}

#[test]
fn a_new_year_starts_from_last_years_answers_for_reconfirmation() {
    let mut last = Audit::new(
        AcademicYear(2025),
        now(),
        &SchoolSettings::default(),
        checklist(),
    );
    let mut ans = rated(Rating::Partly);
    ans.notes = "Checked in July".into();
    ans.actions = vec![
        Action {
            id: "done".into(),
            status: ActionStatus::Done,
            ..Action::default()
        },
        Action {
            id: "open".into(),
            status: ActionStatus::InProgress,
            ..Action::default()
        },
    ];
    last.answers.insert("fm-checks".into(), ans);
    last.filtering.senior_leader = "Mr Deputy Head".into();
    last.filtering.checks.push(Default::default());
    last.sign_off.dsl = "Mrs E Bailey".into();

    let next = Audit::carried_from(&last, AcademicYear(2026), now(), checklist());
    let carried = &next.answers["fm-checks"];
    assert!(carried.needs_reconfirming);
    assert_eq!(
        carried.rag(),
        Rag::Unanswered,
        "unconfirmed ratings do not count"
    );
    assert_eq!(carried.notes, "Checked in July");
    assert_eq!(carried.actions.len(), 1, "finished actions are not carried");
    assert_eq!(next.filtering.senior_leader, "Mr Deputy Head");
    assert!(next.filtering.checks.is_empty());
    assert_eq!(next.sign_off.dsl, "");
    assert_eq!(
        next.previous.as_ref().unwrap().ratings["fm-checks"],
        Rating::Partly
    );
}

#[test]
fn year_on_year_says_improved_worsened_same_or_new() {
    let mut last = Audit::new(
        AcademicYear(2025),
        now(),
        &SchoolSettings::default(),
        checklist(),
    );
    for (id, r) in [
        ("fm-checks", Rating::No),
        ("fm-iwf", Rating::Yes),
        ("fm-ctiru", Rating::Partly),
        ("fm-logs", Rating::NotApplicable),
    ] {
        last.answers.insert(id.into(), rated(r));
    }
    let mut this = audit();
    this.previous = Some(last.ratings());
    for (id, r) in [
        ("fm-checks", Rating::Partly),
        ("fm-iwf", Rating::NotSure),
        ("fm-ctiru", Rating::Partly),
        ("fm-logs", Rating::Yes),
        ("fm-alerts", Rating::Yes),
    ] {
        this.answers.insert(id.into(), rated(r));
    }
    let changes: std::collections::BTreeMap<String, Change> =
        this.compare(checklist()).into_iter().collect();
    assert_eq!(changes["fm-checks"], Change::Improved(Rating::No));
    assert_eq!(changes["fm-iwf"], Change::Worsened(Rating::Yes));
    assert_eq!(changes["fm-ctiru"], Change::Same);
    assert_eq!(changes["fm-logs"], Change::Different(Rating::NotApplicable));
    assert_eq!(changes["fm-alerts"], Change::New);
    assert_eq!(changes.len(), 5);
}

#[test]
fn audits_round_trip_and_one_per_year() {
    let mut a = audit();
    a.answers.insert("fm-iwf".into(), rated(Rating::Yes));
    let json = envelope::to_json(&a, now(), Some("2026.1"));
    assert!(json.contains("\"kind\": \"audit\""));
    assert_eq!(envelope::unwrap::<Audit>(&json).unwrap(), a);
    let mut book = AuditBook::default();
    book.put(a.clone());
    book.put(Audit::new(
        AcademicYear(2025),
        now(),
        &SchoolSettings::default(),
        checklist(),
    ));
    book.put(a.clone());
    assert_eq!(
        book.audits.iter().map(|x| x.year.0).collect::<Vec<_>>(),
        [2025, 2026]
    );
    assert_eq!(
        book.before(AcademicYear(2026)).unwrap().year,
        AcademicYear(2025)
    );
    let mut twice = book.clone();
    twice.audits.push(a);
    let text = envelope::to_json(&twice, now(), None);
    assert!(envelope::unwrap::<AuditBook>(&text).is_err());
}

#[test]
fn a_finalised_audit_keeps_its_training_figures_through_every_door() {
    let line = "30 of 40 people who must be trained are trained (75%); 8 have not started.";
    let mut a = audit();
    a.sign_off.training = Some(KeptFigures {
        on: d(2027, 7, 14),
        line: line.into(),
    });
    // Through a file and back, exactly.
    let json = envelope::to_json(&a, now(), Some("2026.1"));
    assert_eq!(envelope::unwrap::<Audit>(&json).unwrap(), a);
    // An audit kept before finalising existed reads as not finalised.
    let mut before = audit();
    before.sign_off.training = None;
    let old = envelope::to_json(&before, now(), Some("2026.1"));
    assert!(!old.contains("\"training\""));
    assert_eq!(
        envelope::unwrap::<Audit>(&old).unwrap().sign_off.training,
        None
    );
    // A file whose kept line holds a control character is refused, naming the field.
    let mut bad = a.clone();
    bad.sign_off.training.as_mut().unwrap().line = format!("{line}\u{7}");
    let error = envelope::unwrap::<Audit>(&envelope::to_json(&bad, now(), None))
        .unwrap_err()
        .to_string();
    assert!(error.contains("sign_off.training.line"), "{error}");
}
