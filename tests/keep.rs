//! A load that keeps what is good (issue 21): text a field would have cleaned loads repaired,
//! one entry that cannot be read is set aside on its own while every other entry loads, and
//! what was set aside can be put back. Every stored value here is made the way the app
//! stores it (`envelope::to_compact_json` of the domain value), then broken the way the
//! review found stored data broken: by text typed before a rule existed, or by one bad entry.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use serde_json::{json, Value};

mod common;

use common::checklist;
use online_safety_workbench::domain::audit::{
    AcademicYear, Answer, Audit, AuditBook, Evidence, Rating,
};
use online_safety_workbench::domain::content::Role;
use online_safety_workbench::domain::envelope::{self, Kept, Versioned};
use online_safety_workbench::domain::settings::SchoolSettings;
use online_safety_workbench::domain::text::{Rule, Texts};
use online_safety_workbench::domain::training::{Person, Profile, Track, TrainingBook};

fn at() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn profile(id: &str, name: &str) -> Profile {
    Profile::new(
        id.to_owned(),
        Person {
            name: name.to_owned(),
            role: Role::ALL[0],
            start_date: at().date(),
            track: Track::Induction,
        },
        at(),
    )
}

/// The stored text of `value`, with `change` made to its JSON data first (what an older app
/// let through, or a hand edit).
fn stored<T: Versioned>(value: &T, change: impl FnOnce(&mut Value)) -> String {
    let mut envelope: Value =
        serde_json::from_str(&envelope::to_compact_json(value, at(), None)).unwrap();
    change(&mut envelope["data"]);
    envelope.to_string()
}

fn names(kept: &Kept<TrainingBook>) -> Vec<&str> {
    kept.value
        .profiles
        .iter()
        .map(|p| p.person.name.as_str())
        .collect()
}

#[test]
fn a_name_pasted_with_a_zero_width_space_loads_repaired_with_every_other_profile() {
    let mut book = TrainingBook::default();
    for (id, name) in [("r-1", "Ann Able"), ("r-2", "Bo Baker"), ("r-3", "Cy Cole")] {
        book.add(profile(id, name));
    }
    // Stored by a version of the app whose name field did not clean what was pasted.
    let text = stored(&book, |data| {
        data["profiles"][1]["person"]["name"] = json!("Bo\u{200B} Baker");
    });
    assert!(
        envelope::unwrap::<TrainingBook>(&text).is_err(),
        "an import stays strict"
    );
    let kept = envelope::load::<TrainingBook>(&text).unwrap();
    assert_eq!(names(&kept), ["Ann Able", "Bo Baker", "Cy Cole"]);
    assert!(kept.set_aside.is_empty());
    assert_eq!(kept.repairs.len(), 1);
    assert_eq!(kept.repairs[0].field, "profiles[1].person.name");
}

#[test]
fn one_profile_that_cannot_be_read_is_set_aside_by_name_and_the_rest_load() {
    let mut book = TrainingBook::default();
    for (id, name) in [("r-1", "Ann Able"), ("r-2", "Bo Baker"), ("r-3", "Cy Cole")] {
        book.add(profile(id, name));
    }
    book.active = Some("r-2".into());
    let text = stored(&book, |data| {
        data["profiles"][1]["created_at"] = json!("not a date");
    });
    let kept = envelope::load::<TrainingBook>(&text).unwrap();
    assert_eq!(names(&kept), ["Ann Able", "Cy Cole"]);
    assert_eq!(kept.set_aside.len(), 1);
    assert_eq!(kept.set_aside[0].name, "Bo Baker's profile");
    assert!(kept.set_aside[0]
        .error
        .to_string()
        .contains("profiles[0].created_at"));
    // The profile in use was the one set aside: none is in use now, and the notice says so.
    assert_eq!(kept.value.active, None);
    assert!(kept.repairs.iter().any(|r| r.field == "active"));

    // What was set aside is a value of the kind holding only that profile: it cannot be put
    // back while it still cannot be read...
    let aside = json!({
        "format": envelope::FORMAT, "kind": "training-profiles", "schema_version": 1,
        "app_version": "0", "saved_at": "2026-12-01T09:00:00", "data": kept.set_aside[0].data,
    });
    assert!(envelope::put_back(&kept.value, &aside.to_string()).is_err());
    // ...and once mended (a date put right), putting it back adds it and changes nothing else.
    let mut mended = aside.clone();
    mended["data"]["profiles"][0]["created_at"] = json!("2026-12-01T09:00:00");
    let (back, added) = envelope::put_back(&kept.value, &mended.to_string()).unwrap();
    assert_eq!(added, 1);
    assert_eq!(back.profiles.len(), 3);
    assert_eq!(back.profiles[..2], kept.value.profiles[..]);
    // Putting the same copy back again adds nothing.
    assert_eq!(envelope::put_back(&back, &mended.to_string()).unwrap().1, 0);
}

#[test]
fn a_whole_copy_an_earlier_version_set_aside_puts_back_what_it_holds() {
    // Before issue 21 a pasted invisible character set every profile aside: that copy now
    // loads repaired, and putting it back brings every profile home.
    let mut book = TrainingBook::default();
    book.add(profile("r-1", "Ann Able"));
    book.add(profile("r-2", "Bo\u{200B} Baker"));
    let old_copy = stored(&book, |_| {});
    let live = TrainingBook::default();
    let (back, added) = envelope::put_back(&live, &old_copy).unwrap();
    assert_eq!(added, 2);
    assert_eq!(back.profiles[1].person.name, "Bo Baker");
}

fn audit_with_answers(year: i32) -> Audit {
    let mut audit = Audit::new(
        AcademicYear(year),
        at(),
        &SchoolSettings::default(),
        checklist(),
    );
    for item in checklist().items().take(3) {
        audit.answers.insert(
            item.id.clone(),
            Answer {
                rating: Some(Rating::ALL[0]),
                evidence: vec![Evidence {
                    document: "Filtering log 2026".into(),
                    date: None,
                }],
                ..Answer::default()
            },
        );
    }
    audit
}

#[test]
fn a_tab_in_an_evidence_document_and_one_bad_answer_leave_every_audit_loaded() {
    let mut audits = AuditBook::default();
    audits.put(audit_with_answers(2025));
    audits.put(audit_with_answers(2026));
    let items: Vec<String> = checklist().items().take(3).map(|i| i.id.clone()).collect();
    let text = stored(&audits, |data| {
        data["audits"][1]["answers"][&items[0]]["evidence"][0]["document"] =
            json!("Filtering log\t2026");
        data["audits"][1]["answers"][&items[1]]["rating"] = json!("purple");
    });
    let kept = envelope::load::<AuditBook>(&text).unwrap();
    assert_eq!(kept.value.audits.len(), 2, "both years load");
    let this_year = kept.value.get(AcademicYear(2026)).unwrap();
    assert_eq!(
        this_year.answers[&items[0]].evidence[0].document,
        "Filtering log 2026"
    );
    assert!(!this_year.answers.contains_key(&items[1]));
    assert!(this_year.answers.contains_key(&items[2]));
    assert_eq!(kept.set_aside.len(), 1);
    assert_eq!(
        kept.set_aside[0].name,
        format!("the answer to audit item {}", items[1])
    );
    assert_eq!(kept.repairs.len(), 1);
    assert!(kept.repairs[0].field.ends_with("evidence[0].document"));
}

#[test]
fn an_emptied_school_name_loads_as_the_built_in_one() {
    let text = stored(&SchoolSettings::default(), |data| {
        data["school_name"] = json!("");
        data["dsl"] = json!("Mrs\u{202E} Smith");
    });
    let kept = envelope::load::<SchoolSettings>(&text).unwrap();
    assert_eq!(
        kept.value.school_name,
        SchoolSettings::default().school_name
    );
    assert_eq!(kept.value.dsl, "Mrs Smith");
    assert_eq!(kept.repairs.len(), 2);
}

#[test]
fn only_text_that_cannot_be_read_at_all_refuses_the_whole_kind() {
    assert!(envelope::load::<TrainingBook>("{ not json").is_err());
    let settings = envelope::to_compact_json(&SchoolSettings::default(), at(), None);
    assert!(envelope::load::<TrainingBook>(&settings).is_err());
}

/// Any text at all (control and format characters, any length up to ten times a field's).
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,40}",
        ".{0,40}",
        any::<String>(),
        (any::<char>(), 0usize..2_000).prop_map(|(c, n)| std::iter::repeat_n(c, n).collect()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// What a field keeps of anything typed always satisfies the rule it was kept by.
    #[test]
    fn what_a_field_keeps_passes_its_rule(typed in any_text(), max in 1usize..300, lines in any::<bool>(), required in any::<bool>()) {
        let rule = Rule { max, lines, required };
        if let (Some(kept), _) = rule.edit(&typed) {
            prop_assert_eq!(rule.problem(&kept), None);
            prop_assert_eq!(rule.clean(&kept), kept);
        }
    }

    /// Anything typed into every text field of the settings and an audit, as the fields keep
    /// it, saves, loads back unchanged, and imports.
    #[test]
    fn whatever_the_fields_keep_saves_and_loads_back(texts in proptest::collection::vec(any_text(), 8)) {
        let keep = |rule: Rule, i: usize| rule.edit(&texts[i]).0.unwrap_or_else(|| "Name".into());
        let settings = SchoolSettings {
            school_name: keep(Rule::NAME, 0),
            dsl: keep(Rule::LINE, 1),
            deputy_dsls: vec![keep(Rule::LINE, 2)],
            ..SchoolSettings::default()
        };
        let text = envelope::to_compact_json(&settings, at(), None);
        let kept = envelope::load::<SchoolSettings>(&text).unwrap();
        prop_assert!(kept.is_whole());
        prop_assert_eq!(&kept.value, &settings);
        prop_assert_eq!(envelope::unwrap::<SchoolSettings>(&text).unwrap(), settings);

        let mut audit = audit_with_answers(2026);
        let item = checklist().items().next().unwrap().id.clone();
        let answer = audit.answers.get_mut(&item).unwrap();
        answer.notes = keep(Answer::NOTES, 3);
        answer.not_applicable_reason = keep(Answer::REASON, 4);
        answer.evidence[0].document = keep(Answer::DOCUMENT, 5);
        audit.filtering.senior_leader = keep(Rule::LINE, 6);
        audit.sign_off.governor = keep(Rule::LINE, 7);
        let mut audits = AuditBook::default();
        audits.put(audit);
        let text = envelope::to_compact_json(&audits, at(), None);
        let kept = envelope::load::<AuditBook>(&text).unwrap();
        prop_assert!(kept.is_whole());
        prop_assert_eq!(kept.value, audits);
    }

    /// Profiles stored with any names at all (an older app, a hand edit) all load, repaired,
    /// and what loaded then passes the strict check an import makes.
    #[test]
    fn profiles_with_any_names_all_load(names in proptest::collection::vec(any_text(), 1..6)) {
        let mut book = TrainingBook::default();
        for (i, name) in names.iter().enumerate() {
            book.add(profile(&format!("r-{i}"), name));
        }
        let text = envelope::to_compact_json(&book, at(), None);
        let kept = envelope::load::<TrainingBook>(&text).unwrap();
        let blank = names.iter().filter(|n| Rule::NAME.clean(n).trim().is_empty()).count();
        prop_assert_eq!(kept.value.profiles.len(), names.len() - blank);
        prop_assert_eq!(kept.set_aside.len(), blank);
        let mut value = kept.value;
        prop_assert!(value.check(&mut Texts::strict()).is_ok());
    }
}
