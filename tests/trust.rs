//! A trust's view, natively: a school's summary made from its audit, settings and staff
//! figures (counts only: no name, email or id from the staff list or records reaches the
//! file), checked as every file is, and many schools' summaries side by side: the newest per
//! school and year kept, staleness, sorting, one item across schools, the common gaps ranked
//! and the CSV. The last test prints a figure for 60 schools (`--nocapture`).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::time::Instant;

use chrono::{NaiveDate, NaiveDateTime};
use common::{at, checklist, course, day, keys, pass_all, person};

use online_safety_workbench::domain::audit::{
    AcademicYear, Action, ActionStatus, Answer, Audit, Rag, Rating,
};
use online_safety_workbench::domain::content::Role;
use online_safety_workbench::domain::envelope::{self, ImportError, Kind};
use online_safety_workbench::domain::settings::SchoolSettings;
use online_safety_workbench::domain::staff::roster::{
    coverage, guess, link, list_matrix, preview, read, read_table, Requirements, Roster,
};
use online_safety_workbench::domain::staff::{self, RecordFile, StaffRecords};
use online_safety_workbench::domain::training::{Profile, Track, TrainingRecord};
use online_safety_workbench::domain::trust::{
    common_gaps, is_stale, on_item, to_csv, Added, Column, CoverageFigures, Held, SchoolSummary,
    Trust, STALE_AFTER_MONTHS,
};

fn now() -> NaiveDateTime {
    at(day(2026, 12, 14))
}

fn settings(school: &str) -> SchoolSettings {
    SchoolSettings {
        school_name: school.into(),
        ..SchoolSettings::default()
    }
}

/// An audit with every item rated by `rate` (from the item's index), one overdue action,
/// one done, one not yet due, and the filtering review done in September.
fn audit(rate: impl Fn(usize) -> Option<Rating>) -> Audit {
    let mut audit = Audit::new(
        AcademicYear(2026),
        at(day(2026, 9, 10)),
        &SchoolSettings::default(),
        checklist(),
    );
    for (i, item) in checklist().items().enumerate() {
        let mut answer = Answer {
            rating: rate(i),
            ..Answer::default()
        };
        let action = |id: &str, due, status| Action {
            id: id.into(),
            what: format!("Do {id}"),
            owner: "Mrs T McCann".into(),
            due: Some(due),
            status,
        };
        match i {
            0 => answer.actions.push(action(
                "act-late",
                day(2026, 11, 1),
                ActionStatus::InProgress,
            )),
            1 => answer
                .actions
                .push(action("act-done", day(2026, 10, 1), ActionStatus::Done)),
            2 => answer.actions.push(action(
                "act-later",
                day(2027, 3, 1),
                ActionStatus::NotStarted,
            )),
            _ => {}
        }
        audit.answers.insert(item.id.clone(), answer);
    }
    audit.filtering.reviewed_on = Some(day(2026, 9, 20));
    audit.filtering.next_review = Some(day(2027, 9, 20));
    audit
}

fn summary_of(school: &str, rate: impl Fn(usize) -> Option<Rating>) -> SchoolSummary {
    SchoolSummary::of(
        &audit(rate),
        checklist(),
        &settings(school),
        None,
        now().date(),
    )
}

#[test]
fn a_summary_holds_the_ratings_dates_overdue_actions_and_reviews_and_round_trips() {
    let mut s = settings("Hoylake Primary School");
    s.policy_review_due = day(2026, 7, 31);
    s.code_review_due = day(2027, 7, 31);
    let mut a = audit(|i| match i % 5 {
        0 => Some(Rating::No),
        1 => Some(Rating::Partly),
        2 => None,
        _ => Some(Rating::Yes),
    });
    // A rating carried over and not yet confirmed counts as not answered, as in the audit.
    let second = checklist().items().nth(3).unwrap().id.clone();
    a.answers.get_mut(&second).unwrap().needs_reconfirming = true;
    let summary = SchoolSummary::of(&a, checklist(), &s, None, now().date());

    assert_eq!(summary.school, "Hoylake Primary School");
    assert_eq!(summary.year, AcademicYear(2026));
    assert_eq!(summary.prepared_on, day(2026, 12, 14));
    assert_eq!(summary.sections.len(), checklist().sections.len());
    let total: usize = checklist().sections.iter().map(|s| s.items.len()).sum();
    let figures = summary.figures();
    assert_eq!(figures.total, total);
    // The audit's own figures, section by section, are the summary's.
    for (section, held) in checklist().sections.iter().zip(&summary.sections) {
        assert_eq!(
            a.section_summary(section),
            SchoolSummary::section_figures(held),
            "{}",
            section.id
        );
    }
    assert_eq!(summary.rag(&second), Some(Rag::Unanswered));
    // Only the action past its date and not done.
    assert_eq!(summary.overdue_actions.len(), 1);
    let late = &summary.overdue_actions[0];
    assert_eq!(
        (late.what.as_str(), late.owner.as_str(), late.due),
        ("Do act-late", "Mrs T McCann", day(2026, 11, 1))
    );
    assert_eq!(late.item, checklist().items().next().unwrap().id);
    // The policy's review date passed; the code's (the default, later) has not.
    assert_eq!(summary.overdue_reviews.len(), 1);
    assert_eq!(summary.overdue_reviews[0].what, "The Social Media Policy");
    assert_eq!(summary.filtering.reviewed_on, Some(day(2026, 9, 20)));
    assert!(summary.filtering.in_date(day(2027, 9, 20)));
    assert!(!summary.filtering.in_date(day(2027, 9, 21)));
    // The questions are filled from the school's settings, as its report asks them.
    assert!(summary
        .items()
        .all(|(_, i)| !i.question.contains("{incident_system}")));

    let text = envelope::to_json(&summary, now(), Some(&summary.content_version));
    assert!(text.contains("\"kind\": \"school-summary\""));
    assert!(text.contains("\"schema_version\": 1"));
    assert_eq!(
        envelope::unwrap::<SchoolSummary>(&text).unwrap(),
        summary.clone()
    );
    let held = Held::read("hoylake.json", &text).unwrap();
    assert_eq!(held.saved_at, now());
    assert_eq!(
        summary.file_name(),
        "online-safety-summary-hoylake-primary-school-2026-27.json"
    );
}

/// A record exported after passing everything, as the app makes one.
fn record(id: &str, name: &str, role: Role, on: NaiveDate) -> RecordFile {
    let mut profile = Profile::new(id.into(), person(name, role, Track::Induction), at(on));
    pass_all(&mut profile, on);
    let record = TrainingRecord::of(&profile, course(), on.and_hms_opt(18, 0, 0).unwrap());
    RecordFile {
        name: format!("{id}.json"),
        sha256: format!("sha-{id}"),
        text: envelope::to_json(&record, record.exported_at, None),
    }
}

#[test]
fn no_name_email_or_record_id_from_the_staff_list_or_records_reaches_the_summary() {
    // A school's real-shaped MIS export (40 people with emails), and records from some of
    // them and from people not on the list, with names and ids no summary should carry.
    let table = read_table(&std::fs::read("tests/fixtures/roster/sims-staff.csv").unwrap());
    let list = Roster::default()
        .apply(
            &preview(&Roster::default(), &read(&table, &guess(&table)).unwrap()),
            &[],
            1,
        )
        .unwrap();
    let on = day(2026, 12, 7);
    let mut files: Vec<RecordFile> = list
        .people
        .iter()
        .take(12)
        .enumerate()
        .map(|(i, p)| record(&format!("rec-{i}-zq81x"), &p.name, p.role, on))
        .collect();
    files.push(record(
        "rec-stranger-77qv",
        "Xanthippe Quillfeather",
        Role::Support,
        on,
    ));
    let mut records = StaffRecords::default();
    records.import(&files, keys(), at(day(2026, 12, 12)));
    let links = link(&list, &records);
    let today = now().date();
    let rows = list_matrix(
        course(),
        &list,
        &records,
        &links,
        &Requirements::default(),
        today,
    );
    let over_list = CoverageFigures::from_list(&coverage(&rows));
    // Figures that say something, so the test would see them leak if they carried names.
    assert!(over_list.trained > 0 && over_list.people > over_list.trained);
    let over_records = CoverageFigures::from_records(&staff::coverage(&staff::matrix(
        course(),
        &records,
        &[],
        today,
    )));
    assert_eq!(over_records.people, files.len());

    let mut secrets: Vec<String> = Vec::new();
    for p in &list.people {
        secrets.push(p.name.clone());
        secrets.push(p.id.clone());
        secrets.extend(p.email.clone());
        secrets.extend(p.record_id.clone());
    }
    for f in &files {
        secrets.push(f.name.trim_end_matches(".json").to_owned());
    }
    secrets.push("Xanthippe Quillfeather".into());
    assert!(list.people.iter().filter(|p| p.email.is_some()).count() > 10);

    for figures in [over_list, over_records] {
        let summary = SchoolSummary::of(
            &audit(|_| Some(Rating::Yes)),
            checklist(),
            &settings("Hoylake Primary School"),
            Some(figures),
            today,
        );
        let text = envelope::to_json(&summary, now(), None).to_lowercase();
        for secret in &secrets {
            assert!(
                !text.contains(&secret.to_lowercase()),
                "{secret:?} is in the summary"
            );
        }
    }
}

fn file(summary: &SchoolSummary) -> String {
    envelope::to_json(summary, now(), Some("2026.1"))
}

#[test]
fn a_wrong_kind_a_newer_schema_bad_text_or_an_impossible_date_is_refused_by_name() {
    let good = file(&summary_of("Hoylake Primary School", |_| Some(Rating::Yes)));
    assert!(envelope::unwrap::<SchoolSummary>(&good).is_ok());

    let audit_file = envelope::to_json(&audit(|_| None), now(), None);
    let err = envelope::unwrap::<SchoolSummary>(&audit_file).unwrap_err();
    assert_eq!(
        err,
        ImportError::WrongKind {
            expected: Kind::SchoolSummary,
            found: Kind::Audit
        }
    );
    assert_eq!(
        err.to_string(),
        "This file is an online-safety audit, not a school's summary for its trust."
    );

    let newer = good.replace("\"schema_version\": 1", "\"schema_version\": 2");
    assert!(matches!(
        envelope::unwrap::<SchoolSummary>(&newer),
        Err(ImportError::NewerVersion {
            found: 2,
            current: 1
        })
    ));

    let refused = |text: String, field: &str| {
        let err = envelope::unwrap::<SchoolSummary>(&text).unwrap_err();
        match &err {
            ImportError::InvalidField { field: f, .. } => assert_eq!(f, field, "{err}"),
            other => panic!("expected {field} to be named, got {other}"),
        }
    };
    refused(
        good.replace("Hoylake Primary School", "Hoylake\u{200B} Primary"),
        "school",
    );
    refused(
        good.replace(
            "\"prepared_on\": \"2026-12-14\"",
            "\"prepared_on\": \"2026-02-30\"",
        ),
        "prepared_on",
    );
    refused(
        good.replace(
            "\"prepared_on\": \"2026-12-14\"",
            "\"prepared_on\": \"2019-12-14\"",
        ),
        "prepared_on",
    );
    refused(
        good.replace(
            "\"next_review\": \"2027-09-20\"",
            "\"next_review\": \"2025-09-20\"",
        ),
        "filtering.next_review",
    );
    refused(
        good.replace("\"rating\": \"yes\"", "\"rating\": \"mostly\""),
        "sections[0].items[0]",
    );

    let mut counted = summary_of("Hoylake Primary School", |_| None);
    counted.coverage = Some(CoverageFigures {
        over_list: true,
        people: 3,
        trained: 4,
        due_soon: 0,
        overdue: 0,
        by_role: Vec::new(),
    });
    refused(file(&counted), "coverage");

    // Hostile files never panic: each gives an error a DSL can read.
    for entry in std::fs::read_dir("tests/corpus").unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
        if let Err(e) = envelope::unwrap::<SchoolSummary>(&text) {
            assert!(!e.to_string().is_empty());
        }
    }
}

#[test]
fn a_summary_is_stale_once_a_term_has_passed() {
    assert_eq!(STALE_AFTER_MONTHS, 4);
    let made = day(2026, 9, 15);
    assert!(!is_stale(made, made));
    assert!(!is_stale(made, day(2027, 1, 14)));
    assert!(is_stale(made, day(2027, 1, 15)));
    assert!(is_stale(made, day(2027, 9, 1)));
}

fn held(name: &str, summary: SchoolSummary, saved: NaiveDateTime) -> Held {
    Held {
        file: name.into(),
        saved_at: saved,
        summary,
    }
}

#[test]
fn the_newest_summary_of_a_school_and_year_replaces_the_older_and_says_so() {
    let mut trust = Trust::default();
    let mut older = summary_of("Hoylake Primary School", |_| Some(Rating::No));
    older.prepared_on = day(2026, 10, 1);
    let newer = summary_of("hoylake primary school ", |_| Some(Rating::Yes));
    assert_eq!(
        trust.add(held("old.json", older.clone(), now())),
        Added::New
    );
    let added = trust.add(held("new.json", newer.clone(), now()));
    assert_eq!(
        added,
        Added::Replaced {
            older: "old.json".into()
        }
    );
    assert!(added.note().contains("replacing the older summary"));
    assert!(added.note().contains("old.json"));
    assert_eq!(trust.schools.len(), 1);
    assert_eq!(trust.schools[0].summary, newer);

    // An older file opened afterwards does not replace the newer one.
    let again = trust.add(held("old-again.json", older.clone(), now()));
    assert_eq!(
        again,
        Added::NotNewer {
            kept: "new.json".into()
        }
    );
    assert_eq!(trust.schools[0].file, "new.json");
    // Prepared the same day: the file written later wins.
    let later = held("later.json", newer.clone(), at(day(2026, 12, 15)));
    assert!(matches!(trust.add(later), Added::Replaced { .. }));
    // Another year of the same school is its own row, and another school too.
    let mut last_year = older;
    last_year.year = AcademicYear(2025);
    trust.add(held("last-year.json", last_year, now()));
    trust.add(held(
        "b.json",
        summary_of("Greasby Infant School", |_| None),
        now(),
    ));
    let schools: Vec<(&str, &str)> = trust
        .schools
        .iter()
        .map(|h| (h.summary.school.as_str(), h.file.as_str()))
        .collect();
    assert_eq!(
        schools,
        [
            ("Greasby Infant School", "b.json"),
            ("Hoylake Primary School", "last-year.json"),
            ("hoylake primary school ", "later.json"),
        ]
    );
}

/// Three schools: A red on the first item of every five, B amber there, C green
/// everywhere; B has training figures of 90%, A 50%, C none.
fn three() -> Trust {
    let mut trust = Trust::default();
    let with = |mut s: SchoolSummary, trained: Option<usize>| {
        s.coverage = trained.map(|trained| CoverageFigures {
            over_list: true,
            people: 20,
            trained,
            due_soon: 0,
            overdue: 0,
            by_role: Vec::new(),
        });
        s
    };
    let a = with(
        summary_of("Ashfield Primary", |i| match i % 5 {
            0 => Some(Rating::NotSure),
            1 => Some(Rating::Partly),
            _ => Some(Rating::Yes),
        }),
        Some(10),
    );
    let b = with(
        summary_of("Birchwood Primary", |i| match i % 5 {
            0 => Some(Rating::Partly),
            _ => Some(Rating::Yes),
        }),
        Some(18),
    );
    let mut c = with(summary_of("Cedar Grove", |_| Some(Rating::Yes)), None);
    c.prepared_on = day(2026, 6, 1);
    c.filtering.next_review = Some(day(2026, 11, 1));
    for (name, s) in [("c.json", c), ("a.json", a), ("b.json", b)] {
        trust.add(held(name, s, now()));
    }
    trust
}

#[test]
fn common_gaps_rank_by_schools_with_a_gap_then_reds_then_checklist_order() {
    let trust = three();
    let gaps = common_gaps(&trust.summaries());
    let items: Vec<&str> = checklist().items().map(|i| i.id.as_str()).collect();
    // Items 0, 5, 10... are red at A and amber at B: two schools each; items 1, 6... are
    // amber at A only.
    let first: Vec<(&str, usize, usize)> = gaps
        .iter()
        .take(3)
        .map(|g| (g.item.as_str(), g.red, g.amber))
        .collect();
    assert_eq!(
        first,
        [(items[0], 1, 1), (items[5], 1, 1), (items[10], 1, 1)]
    );
    let twos = gaps.iter().filter(|g| g.gaps() == 2).count();
    assert_eq!(twos, items.len().div_ceil(5));
    let rest = &gaps[twos..];
    assert!(rest.iter().all(|g| (g.red, g.amber) == (0, 1)));
    assert_eq!(rest[0].item, items[1]);
    assert_eq!(gaps.len(), twos + rest.len());
    assert!(gaps.iter().all(|g| g.schools == 3));
    // The order does not depend on the order the files were opened in.
    let mut reversed = Trust::default();
    for h in trust.schools.iter().rev() {
        reversed.add(h.clone());
    }
    assert_eq!(common_gaps(&reversed.summaries()), gaps);
    // Two schools each: the item with more reds ranks first.
    let mut red_heavy = trust.clone();
    for school in [0, 1] {
        red_heavy.schools[school].summary.sections[0].items[1].rating = Some(Rating::No);
    }
    let ranked = common_gaps(&red_heavy.summaries());
    assert_eq!(ranked[0].item, items[1]);
    assert_eq!((ranked[0].red, ranked[0].amber), (2, 0));
    assert_eq!(ranked[1].item, items[0]);
}

#[test]
fn one_item_across_schools_and_the_table_sorted_by_any_column() {
    let trust = three();
    let item = &checklist().items().next().unwrap().id;
    assert_eq!(
        on_item(&trust.summaries(), item),
        [
            ("Ashfield Primary", Rag::Red),
            ("Birchwood Primary", Rag::Amber),
            ("Cedar Grove", Rag::Green)
        ]
    );
    assert!(on_item(&trust.summaries(), "no-such-item").is_empty());

    let today = now().date();
    let mut rows = trust.rows(today);
    let order = |rows: &[online_safety_workbench::domain::trust::SchoolRow]| {
        rows.iter()
            .map(|r| r.school.chars().next().unwrap())
            .collect::<String>()
    };
    assert_eq!(order(&rows), "ABC");
    Column::Coverage.sort(&mut rows, true);
    assert_eq!(order(&rows), "BAC");
    Column::Coverage.sort(&mut rows, false);
    assert_eq!(order(&rows), "CAB");
    Column::Picture.sort(&mut rows, true);
    assert_eq!(order(&rows), "ABC");
    Column::Age.sort(&mut rows, true);
    assert_eq!(order(&rows), "CAB");
    Column::Filtering.sort(&mut rows, false);
    assert_eq!(order(&rows), "CAB");
    let c = rows.iter().find(|r| r.school == "Cedar Grove").unwrap();
    assert!(c.stale && !c.filtering_in_date);
    assert_eq!(c.coverage_text, "No training figures");
    let a = rows
        .iter()
        .find(|r| r.school == "Ashfield Primary")
        .unwrap();
    assert!(!a.stale && a.filtering_in_date);
    assert_eq!(
        (a.coverage, a.coverage_text.as_str()),
        (Some(50), "10 of 20 on the staff list")
    );
    assert_eq!(a.overdue_actions, 1);
}

#[test]
fn the_csv_has_a_row_per_school_with_every_cell_neutralised() {
    let mut trust = three();
    trust.schools[0].summary.school = "=HYPERLINK(\"http://x\")".into();
    let csv = to_csv(&trust, now().date());
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2 + 3);
    assert!(lines[0].contains("school's own statement"));
    assert!(lines[1].starts_with("School,Year,Prepared on"));
    assert!(lines.iter().all(|l| !l.starts_with('=')));
    assert!(csv.contains("'=HYPERLINK"));
    assert!(csv.contains("Birchwood Primary,2026/27,2026-12-14,0,No,"));
    assert!(csv.contains(",b.json"));
}

#[test]
fn sixty_schools_summaries_parse_rank_and_sort_quickly() {
    let texts: Vec<String> = (0..60)
        .map(|n| {
            let s = summary_of(&format!("School {n:02}"), |i| match (i + n) % 7 {
                0 => Some(Rating::No),
                1 | 2 => Some(Rating::Partly),
                3 => None,
                _ => Some(Rating::Yes),
            });
            file(&s)
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let started = Instant::now();
    let mut trust = Trust::default();
    for (n, text) in texts.iter().enumerate() {
        let added = trust.add(Held::read(&format!("s{n}.json"), text).unwrap());
        assert_eq!(added, Added::New);
    }
    let today = now().date();
    let mut rows = trust.rows(today);
    Column::Coverage.sort(&mut rows, true);
    let gaps = common_gaps(&trust.summaries());
    let csv = to_csv(&trust, today);
    let took = started.elapsed();
    assert_eq!(rows.len(), 60);
    assert!(!gaps.is_empty() && csv.lines().count() == 62);
    println!(
        "60 schools' summaries ({} KB) parsed, checked, ranked, sorted and written as CSV natively in {:.1} ms",
        bytes / 1000,
        took.as_secs_f64() * 1000.0
    );
}

#[test]
fn the_picture_names_the_schools_that_need_attention() {
    let trust = three();
    let p = trust.picture(now().date());
    assert_eq!(p.schools, 3);
    assert_eq!(p.with_red, ["Ashfield Primary"]);
    assert_eq!(p.stale, ["Cedar Grove"]);
    assert_eq!(p.filtering_out, ["Cedar Grove"]);
    assert_eq!((p.trained, p.people), (28, 40));
    assert_eq!(p.without_figures, ["Cedar Grove"]);
    assert_eq!(p.lowest, Some(("Ashfield Primary".into(), 50)));
    assert_eq!(p.overdue_actions, 3);
    assert_eq!(p.with_overdue_actions.len(), 3);
    let items = trust.items();
    assert_eq!(items.len(), checklist().items().count());
    assert_eq!(items[0].0, checklist().items().next().unwrap().id);
}
