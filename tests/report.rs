//! The governors' report's first page, natively: a few risks and overdue actions with a
//! count of the rest, long texts shortened, passed review dates, the filtering review and
//! the change since last year, all from the audit and settings.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use chrono::{NaiveDate, NaiveDateTime};
use common::checklist;

use online_safety_workbench::domain::audit::{
    filtering_line, AcademicYear, Action, ActionStatus, Answer, Audit, Rating, FIRST_PAGE_ROWS,
};
use online_safety_workbench::domain::settings::SchoolSettings;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn now() -> NaiveDateTime {
    d(2026, 11, 25).and_hms_opt(9, 0, 0).unwrap()
}

/// Every item rated, twelve actions on the first twelve gaps, seven of them overdue.
fn full_audit() -> Audit {
    let mut audit = Audit::new(
        AcademicYear(2026),
        now(),
        &SchoolSettings::default(),
        checklist(),
    );
    let mut actions = 0;
    for (i, item) in checklist().items().enumerate() {
        let rating = match i % 10 {
            3 => Rating::No,
            7 => Rating::Partly,
            _ => Rating::Yes,
        };
        let mut answer = Answer {
            rating: Some(rating),
            ..Answer::default()
        };
        if rating.is_gap() && actions < 12 {
            let (due, status) = match actions {
                0..=6 => (d(2026, 10, 1 + actions), ActionStatus::InProgress),
                7 => (d(2026, 9, 1), ActionStatus::Done),
                _ => (d(2027, 1, 10), ActionStatus::NotStarted),
            };
            answer.actions.push(Action {
                id: format!("x{actions}"),
                what: format!(
                    "Action {actions}: {}",
                    "a very long description ".repeat(10)
                ),
                owner: "Mrs T McCann".into(),
                due: Some(due),
                status,
            });
            actions += 1;
        }
        audit.answers.insert(item.id.clone(), answer);
    }
    audit
}

#[test]
fn page_one_lists_five_of_each_and_counts_the_rest() {
    let audit = full_audit();
    let gaps = audit.top_risks(checklist()).len();
    let page = audit.first_page(checklist(), &SchoolSettings::default(), d(2026, 11, 25));
    assert_eq!(page.risks.len(), FIRST_PAGE_ROWS);
    assert_eq!(page.more_risks, gaps - FIRST_PAGE_ROWS);
    // Red before amber.
    assert!(page.risks.iter().all(|r| r.rating == Rating::No));
    assert_eq!(page.overdue.len(), FIRST_PAGE_ROWS);
    assert_eq!(
        page.more_overdue, 2,
        "seven overdue: five listed, two counted"
    );
    assert_eq!(page.overdue[0].action.id, "x0", "oldest due first");
    assert!(page
        .overdue
        .iter()
        .all(|p| p.action.what.chars().count() <= 90 && p.action.what.ends_with('…')));
    assert!(page.overall.starts_with(&format!(
        "{} of {} items are in place (green)",
        checklist().items().count() - gaps,
        checklist().items().count()
    )));
    // Default settings: the policy's own review date (end of 2024) has passed.
    assert!(page.passed.as_deref().is_some_and(
        |p| p.starts_with("The Social Media Policy was due for review by 31 December 2024")
    ));
    assert_eq!(
        page.filtering,
        "Not done yet for 2026/27, and no date is set for it."
    );
    assert_eq!(page.change, None);
}

#[test]
fn page_one_says_what_changed_since_last_year() {
    let mut last = Audit::new(
        AcademicYear(2025),
        now(),
        &SchoolSettings::default(),
        checklist(),
    );
    for id in ["fm-checks", "fm-iwf"] {
        last.answers.insert(
            id.into(),
            Answer {
                rating: Some(Rating::Partly),
                ..Answer::default()
            },
        );
    }
    let mut audit = full_audit();
    audit.previous = Some(last.ratings());
    audit.answers.get_mut("fm-checks").unwrap().rating = Some(Rating::Yes);
    audit.answers.get_mut("fm-iwf").unwrap().rating = Some(Rating::No);
    let page = audit.first_page(checklist(), &SchoolSettings::default(), d(2026, 11, 25));
    let rated = checklist().items().count();
    assert_eq!(
        page.change.as_deref(),
        Some(
            format!(
                "Against the 2025/26 audit: 1 improved, 1 worsened, {} rated for the first time.",
                rated - 2
            )
            .as_str()
        )
    );
}

#[test]
fn the_filtering_review_reads_done_or_not_with_its_dates() {
    let mut audit = full_audit();
    let today = d(2026, 11, 25);
    audit.filtering.reviewed_on = Some(d(2026, 11, 4));
    audit.filtering.next_review = Some(d(2027, 11, 4));
    assert_eq!(
        filtering_line(&audit.filtering, audit.year, today),
        "Done on 4 November 2026; next review due by 4 November 2027."
    );
    audit.filtering.reviewed_on = None;
    audit.filtering.next_review = Some(d(2026, 10, 1));
    assert_eq!(
        filtering_line(&audit.filtering, audit.year, today),
        "Not done for 2026/27: it was due by 1 October 2026."
    );
}
