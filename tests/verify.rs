//! Checking attempts against the course (issue: records the DSL can stand behind): an honest
//! attempt is Verified; any attempt whose questions differ from the app's seeded draw is
//! Unverifiable, whatever the change; an edited score is Altered; impossible dates and unknown
//! versions are Unverifiable with the reason in words.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use chrono::Duration;
use proptest::prelude::*;

use common::{at, course, day, keys, module, take, TAKES};
use online_safety_workbench::domain::content::AnswerKey;
use online_safety_workbench::domain::quiz::{self, Attempt, DrawnQuestion};
use online_safety_workbench::domain::verify::{self, DateProblem, Problem, Verdict};

const MODULES: [&str; 3] = ["four-cs", "staff-personal-use", "governors"];

/// The record every attempt here belongs to.
const RECORD: &str = "r-1";

/// An honest attempt of `RECORD`; `n` names it (its id, so its draw).
fn honest(module_id: &str, n: u64) -> Attempt {
    take(
        RECORD,
        module_id,
        &format!("a-{n}"),
        at(day(2026, 12, 12)),
        1,
    )
}

fn verdict(a: &Attempt) -> Verdict {
    verify::check(keys(), RECORD, a, None, at(day(2026, 12, 13))).verdict
}

/// One way to change a question list.
#[derive(Debug, Clone)]
enum Change {
    Drop(usize),
    Duplicate(usize),
    Swap(usize, usize),
    ReorderOptions(usize),
    Replace(usize, usize),
    Truncate(usize),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (0..16usize).prop_map(Change::Drop),
        (0..16usize).prop_map(Change::Duplicate),
        (0..16usize, 0..16usize).prop_map(|(a, b)| Change::Swap(a, b)),
        (0..16usize).prop_map(Change::ReorderOptions),
        (0..16usize, 0..16usize).prop_map(|(a, b)| Change::Replace(a, b)),
        (0..16usize).prop_map(Change::Truncate),
    ]
}

fn apply(questions: &mut Vec<DrawnQuestion>, bank: &[String], change: &Change) {
    let n = questions.len();
    if n == 0 {
        return;
    }
    match *change {
        Change::Drop(i) => {
            questions.remove(i % n);
        }
        Change::Duplicate(i) => {
            let q = questions[i % n].clone();
            questions.push(q);
        }
        Change::Swap(a, b) => questions.swap(a % n, b % n),
        Change::ReorderOptions(i) => questions[i % n].option_order.reverse(),
        Change::Replace(i, j) => questions[i % n].question_id = bank[j % bank.len()].clone(),
        Change::Truncate(k) => questions.truncate(k % n),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_question_list_but_the_draw_is_unverifiable(
        which in 0..3usize,
        seed in any::<u64>(),
        changes in prop::collection::vec(change(), 1..4),
    ) {
        let module = module(MODULES[which]);
        let bank: Vec<String> = module.questions.iter().map(|q| q.id.clone()).collect();
        let original = honest(&module.id, seed);
        prop_assert_eq!(verdict(&original), Verdict::Verified);
        let mut forged = original.clone();
        for c in &changes {
            apply(&mut forged.questions, &bank, c);
        }
        prop_assume!(forged.questions != original.questions);
        prop_assert_eq!(verdict(&forged), Verdict::Unverifiable(Problem::NotTheDraw));
    }

    #[test]
    fn any_edit_of_the_stated_score_is_altered(seed in any::<u64>(), correct in 0u32..=8, passed in any::<bool>()) {
        let original = honest("four-cs", seed);
        let mut edited = original.clone();
        let mut score = edited.score.unwrap();
        score.correct = correct;
        score.percent = (correct * 100 / score.total) as u8;
        score.passed = passed;
        edited.score = Some(score);
        prop_assume!(edited.score != original.score);
        let actual = original.score.unwrap().percent;
        prop_assert_eq!(verdict(&edited), Verdict::Altered { stated: score.percent, actual });
    }

    /// An honest attempt moved to another record, to other dates or to another module (its
    /// questions kept, so only what the draw is bound to changes) never counts (T4, T5).
    #[test]
    fn an_attempt_moved_to_another_record_time_or_module_never_counts(
        seed in any::<u64>(),
        record in "r-[a-z0-9]{1,12}",
        shift_ms in prop_oneof![-86_400_000i64..-1, 1i64..(400 * 86_400_000)],
        other in 1..3usize,
    ) {
        let now = at(day(2026, 12, 13));
        let original = honest(MODULES[0], seed);
        prop_assert_eq!(verdict(&original), Verdict::Verified);
        if record != RECORD {
            let elsewhere = verify::check(keys(), &record, &original, None, now).verdict;
            prop_assert_eq!(elsewhere, Verdict::Unverifiable(Problem::NotItsOwn));
        }
        let mut moved = original.clone();
        let by = Duration::milliseconds(shift_ms);
        moved.started_at += by;
        moved.submitted_at = moved.submitted_at.map(|t| t + by);
        let later = at(day(2028, 1, 1));
        prop_assert!(!verify::check(keys(), RECORD, &moved, None, later).verdict.is_verified());
        let mut module = original.clone();
        module.module_id = MODULES[other].into();
        prop_assert!(!verdict(&module).is_verified());
    }
}

#[test]
fn the_quick_draw_check_agrees_with_the_draw() {
    for version in ["2026.1", "2026.2"] {
        for m in &keys().get(version).unwrap().modules {
            for seed in (0..40).chain([u64::MAX, 1 << 63, 9_007_199_254_740_993]) {
                let drawn = quiz::draw(m, seed);
                assert!(quiz::is_draw(m, seed, &drawn), "{} {seed}", m.id);
                let next = seed.wrapping_add(1);
                assert_eq!(quiz::is_draw(m, next, &drawn), quiz::draw(m, next) == drawn);
                let mut swapped = drawn.clone();
                swapped.swap(0, 1);
                assert!(!quiz::is_draw(m, seed, &swapped));
                let mut short = drawn.clone();
                short.pop();
                assert!(!quiz::is_draw(m, seed, &short));
                let mut longer = drawn.clone();
                longer.push(drawn[0].clone());
                assert!(!quiz::is_draw(m, seed, &longer));
                let mut options = drawn.clone();
                options[2].option_order.reverse();
                assert_eq!(quiz::is_draw(m, seed, &options), options == drawn);
                options[2].option_order.pop();
                assert!(!quiz::is_draw(m, seed, &options));
            }
        }
    }
}

#[test]
fn dates_must_be_possible() {
    let a = honest("four-cs", 3);
    let now = at(day(2026, 12, 13));
    let check = |a: &Attempt, exported| verify::check(keys(), RECORD, a, exported, now).verdict;
    let impossible = |d| Verdict::Unverifiable(Problem::ImpossibleDates(d));

    let mut backwards = a.clone();
    backwards.submitted_at = Some(a.started_at - Duration::minutes(1));
    assert_eq!(
        check(&backwards, None),
        impossible(DateProblem::SubmittedBeforeStarted)
    );

    let exported_early = Some(a.submitted_at.unwrap() - Duration::minutes(1));
    assert_eq!(
        check(&a, exported_early),
        impossible(DateProblem::ExportedBeforeSubmitted)
    );

    let exported_next_month = Some(now + Duration::days(30));
    assert_eq!(
        check(&a, exported_next_month),
        impossible(DateProblem::InTheFuture)
    );
    // A day's grace for clocks and time zones.
    assert_eq!(
        check(&a, Some(now + Duration::hours(20))),
        Verdict::Verified
    );

    let mut before = a.clone();
    before.started_at = at(day(2025, 6, 1));
    before.submitted_at = Some(before.started_at + TAKES);
    assert_eq!(
        check(&before, None),
        impossible(DateProblem::BeforeTheVersion)
    );
}

#[test]
fn an_unknown_version_is_unverifiable_never_counted_or_dropped() {
    let mut a = honest("four-cs", 4);
    a.content_version = "2031.4".into();
    let outcome = verify::check(keys(), RECORD, &a, None, at(day(2026, 12, 13)));
    assert_eq!(
        outcome.verdict,
        Verdict::Unverifiable(Problem::UnknownVersion("2031.4".into()))
    );
    assert_eq!(
        outcome.verdict.describe(),
        "Unverifiable: taken under course version 2031.4, which this app does not know (update the app to check it)"
    );
    assert!(!outcome.is_verified_pass());
}

#[test]
fn an_attempt_under_the_frozen_2026_1_key_still_verifies() {
    // The app's draw under 2026.1 is the same code with that version's key: an attempt made
    // then checks now, and an invented one does not.
    let frozen: &AnswerKey = keys().get("2026.1").unwrap();
    let key = frozen.module("four-cs").unwrap();
    let seed = 77;
    let questions = online_safety_workbench::domain::quiz::draw(key, seed);
    let answers = questions
        .iter()
        .map(|d| {
            (
                d.question_id.clone(),
                key.question(&d.question_id).unwrap().correct.clone(),
            )
        })
        .collect();
    let mut a = Attempt {
        id: "a-old".into(),
        module_id: "four-cs".into(),
        seed,
        questions,
        answers,
        // 2026.1 was replaced by 2026.2 on the day it was released.
        started_at: at(day(2026, 11, 25)),
        submitted_at: Some(at(day(2026, 11, 25)) + TAKES),
        score: None,
        content_version: "2026.1".into(),
        policy_version: frozen.policy_version.clone(),
        session: None,
    };
    a.score = Some(online_safety_workbench::domain::quiz::score(key, &a).unwrap());
    assert_eq!(verdict(&a), Verdict::Verified);
    assert_ne!(course().info.content_version, "2026.1");

    // The same attempt started once 2026.2 had replaced it: the app no longer gave it.
    a.started_at = at(day(2026, 11, 26));
    a.submitted_at = Some(a.started_at + TAKES);
    assert_eq!(
        verdict(&a),
        Verdict::Unverifiable(Problem::ImpossibleDates(DateProblem::AfterTheVersion))
    );
}

/// An honest attempt under 2026.2 (before the draw was tied to its record): any seed.
fn under_2026_2(seed: u64, started: chrono::NaiveDateTime) -> Attempt {
    let key = keys().get("2026.2").unwrap();
    let module = key.module("four-cs").unwrap();
    let questions = quiz::draw(module, seed);
    let answers = questions
        .iter()
        .map(|d| {
            let q = module.question(&d.question_id).unwrap();
            (d.question_id.clone(), q.correct.clone())
        })
        .collect();
    let mut a = Attempt {
        id: format!("a-{seed}"),
        module_id: "four-cs".into(),
        seed,
        questions,
        answers,
        started_at: started,
        submitted_at: Some(started + TAKES),
        score: None,
        content_version: "2026.2".into(),
        policy_version: key.policy_version.clone(),
        session: None,
    };
    a.score = Some(quiz::score(module, &a).unwrap());
    a
}

#[test]
fn an_attempt_copied_into_another_record_or_redated_is_not_its_own() {
    let a = honest("four-cs", 5);
    assert_eq!(verdict(&a), Verdict::Verified);
    let now = at(day(2026, 12, 13));
    // The same file with the name and record id changed (T4).
    let copied = verify::check(keys(), "r-colleague", &a, None, now).verdict;
    assert_eq!(copied, Verdict::Unverifiable(Problem::NotItsOwn));
    // Last year's pass replayed with its dates moved on (T5): an hour, or a day.
    for moved in [chrono::Duration::hours(1), chrono::Duration::days(1)] {
        let mut later = a.clone();
        later.started_at += moved;
        later.submitted_at = later.submitted_at.map(|s| s + moved);
        assert_eq!(
            verdict(&later),
            Verdict::Unverifiable(Problem::NotItsOwn),
            "moved {moved}"
        );
    }
    // Another attempt id (a copy given a fresh id) is not its own either.
    let mut renamed = a.clone();
    renamed.id = "a-copy".into();
    assert_eq!(verdict(&renamed), Verdict::Unverifiable(Problem::NotItsOwn));
}

#[test]
fn attempts_under_2026_2_keep_the_earlier_rule_until_it_was_replaced() {
    // Made before the draw was tied to the record: any seed, under any record, checks.
    let a = under_2026_2(987_654_321, at(day(2026, 12, 1)));
    assert_eq!(verdict(&a), Verdict::Verified);
    let now = at(day(2026, 12, 13));
    let elsewhere = verify::check(keys(), "r-anyone", &a, None, now).verdict;
    assert_eq!(elsewhere, Verdict::Verified);
    // Started after 2026.3 replaced it (6 December 2026): refused, so an old pass cannot be
    // replayed under the earlier rule with new dates.
    let replayed = under_2026_2(987_654_321, at(day(2026, 12, 7)));
    assert_eq!(
        verdict(&replayed),
        Verdict::Unverifiable(Problem::ImpossibleDates(DateProblem::AfterTheVersion))
    );
}

#[test]
fn the_bound_seed_depends_on_each_of_its_inputs() {
    // The TypeScript port (tests/e2e/records.ts, boundSeed) is checked by the e2e specs,
    // whose records under 2026.3 and later must verify when the app imports them.
    let started = at(day(2026, 12, 7));
    let seed = quiz::bound_seed("r-1", "a-1", "four-cs", started);
    assert_eq!(seed, quiz::bound_seed("r-1", "a-1", "four-cs", started));
    assert_ne!(seed, quiz::bound_seed("r-2", "a-1", "four-cs", started));
    assert_ne!(seed, quiz::bound_seed("r-1", "a-2", "four-cs", started));
    assert_ne!(seed, quiz::bound_seed("r-1", "a-1", "governors", started));
    assert_ne!(
        seed,
        quiz::bound_seed(
            "r-1",
            "a-1",
            "four-cs",
            started + chrono::Duration::milliseconds(1)
        )
    );
}
