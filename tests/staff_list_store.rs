//! The staff list as a stored kind (`Kind::StaffList`): it is written and read back whole,
//! one person who breaks the list's rules is set aside on load while everyone else loads,
//! it is described in a sentence on the Your data page, and a full backup carries it.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::Value;

use online_safety_workbench::domain::backup::{self, STORED_KINDS};
use online_safety_workbench::domain::content::Role;
use online_safety_workbench::domain::envelope::{self, Kind, Versioned};
use online_safety_workbench::domain::staff::roster::{Roster, RosterEntry};
use online_safety_workbench::domain::stored_kinds::{self, Backend};

fn at() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn list(n: usize) -> Roster {
    let mut list = Roster::default();
    for i in 0..n {
        let mut p = RosterEntry::new(format!("p-{i}"), format!("Person {i}"), Role::ALL[i % 3]);
        p.email = Some(format!("person{i}@school.sch.uk"));
        p.start_date = NaiveDate::from_ymd_opt(2020, 9, 1);
        list.add(p).unwrap();
    }
    list
}

#[test]
fn the_staff_list_is_a_small_stored_kind_kept_in_local_storage() {
    assert_eq!(Roster::KIND, Kind::StaffList);
    assert_eq!(Kind::StaffList.id(), "staff-list");
    assert!(STORED_KINDS.contains(&Kind::StaffList));
    assert_eq!(stored_kinds::backend(Kind::StaffList), Some(Backend::Local));
    assert_eq!(Kind::StaffList.described(), "the staff list");
}

#[test]
fn the_staff_list_round_trips_through_storage() {
    let list = list(40);
    let text = envelope::to_compact_json(&list, at(), None);
    let kept = envelope::load::<Roster>(&text).unwrap();
    assert!(kept.is_whole());
    assert_eq!(kept.value, list);
}

#[test]
fn one_bad_person_is_set_aside_and_the_rest_of_the_list_loads() {
    let list = list(5);
    let mut stored: Value =
        serde_json::from_str(&envelope::to_compact_json(&list, at(), None)).unwrap();
    stored["data"]["people"][2]["email"] = "not an address".into();
    let kept = envelope::load::<Roster>(&stored.to_string()).unwrap();
    assert_eq!(kept.value.people.len(), 4);
    assert!(kept.value.person("p-2").is_none());
    assert_eq!(kept.set_aside.len(), 1);
    assert_eq!(kept.set_aside[0].name, "Person 2 on the staff list");
}

#[test]
fn the_staff_list_is_described_by_how_many_people_it_holds() {
    let describe = |n| {
        let part = envelope::wrap(&list(n), at(), None);
        backup::describe(&part)
    };
    assert_eq!(describe(40), "Staff list of 40 people");
    assert_eq!(describe(1), "Staff list of 1 person");
    assert_eq!(describe(0), "An empty staff list");
}

#[test]
fn a_file_holding_a_staff_list_is_restored_as_one() {
    let text = envelope::to_json(&list(3), at(), None);
    let parts = backup::read_for_restore(&text).unwrap();
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].kind, Kind::StaffList);
}
