//! The quiz engine and training rules: draws, scoring, pass marks, expiry and the policy
//! version check, with dates passed in.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{NaiveDate, NaiveDateTime};
use online_safety_workbench::domain::content::{course, Course, QuestionKind, Role};
use online_safety_workbench::domain::envelope;
use online_safety_workbench::domain::quiz::{self, Attempt};
use online_safety_workbench::domain::training::{
    ModuleStatus, Person, Profile, Track, TrainingBook, TrainingRecord, Validity,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(date: NaiveDate) -> NaiveDateTime {
    date.and_hms_opt(10, 0, 0).unwrap()
}

fn profile(role: Role, track: Track) -> Profile {
    let person = Person {
        name: "Jane Smith".into(),
        role,
        start_date: day(2026, 9, 1),
        track,
    };
    Profile::new("r-1".into(), person, at(day(2026, 9, 1)))
}

/// Answers every drawn question correctly (or, for `wrong`, that many incorrectly).
fn answer(course: &Course, attempt: &mut Attempt, wrong: usize) {
    let module = course.module(&attempt.module_id).unwrap();
    for (i, drawn) in attempt.questions.clone().iter().enumerate() {
        let q = module
            .questions
            .iter()
            .find(|q| q.id == drawn.question_id)
            .unwrap();
        let ids: Vec<String> = if i < wrong {
            vec![q.options.iter().find(|o| !o.correct).unwrap().id.clone()]
        } else {
            q.correct_ids().into_iter().map(str::to_owned).collect()
        };
        attempt.answers.insert(q.id.clone(), ids);
    }
}

/// Passes every required module on `date`.
fn pass_all(course: &Course, p: &mut Profile, date: NaiveDate) {
    for (i, module) in p.required(course).into_iter().enumerate() {
        let mut a = quiz::start(course, module, i as u64, format!("a-{i}-{date}"), at(date));
        answer(course, &mut a, 0);
        a.submit(course, at(date)).unwrap();
        p.attempts.push(a);
    }
}

#[test]
fn the_same_seed_draws_the_same_attempt() {
    let module = course().module("staff-personal-use").unwrap();
    assert_eq!(quiz::draw(module, 7), quiz::draw(module, 7));
    assert_ne!(quiz::draw(module, 7), quiz::draw(module, 8));
    let drawn = quiz::draw(module, 7);
    assert_eq!(drawn.len(), module.draw);
    let mut ids: Vec<_> = drawn.iter().map(|d| &d.question_id).collect();
    ids.dedup();
    assert_eq!(ids.len(), module.draw, "no question drawn twice");
}

#[test]
fn draws_vary_across_seeds_and_keep_true_before_false() {
    let module = course().module("staff-personal-use").unwrap();
    let firsts: std::collections::BTreeSet<_> = (0..40)
        .map(|s| quiz::draw(module, s)[0].question_id.clone())
        .collect();
    assert!(
        firsts.len() > 3,
        "the first question hardly varies: {firsts:?}"
    );
    for seed in 0..20 {
        for d in quiz::draw(module, seed) {
            let q = module
                .questions
                .iter()
                .find(|q| q.id == d.question_id)
                .unwrap();
            if q.kind == QuestionKind::TrueFalse {
                assert_eq!(d.option_order, vec!["a", "b"]);
            }
        }
    }
}

#[test]
fn each_question_type_scores_all_or_nothing() {
    let course = course();
    for q in course.modules.iter().flat_map(|m| &m.questions) {
        let right: Vec<String> = q.correct_ids().into_iter().map(str::to_owned).collect();
        assert!(quiz::is_correct(q, &right), "{}", q.id);
        // Leaving out one right option is wrong (all or nothing), even where every option
        // is right.
        if right.len() > 1 {
            assert!(!quiz::is_correct(q, &right[1..]), "{}", q.id);
        }
        let Some(wrong) = q.options.iter().find(|o| !o.correct).map(|o| o.id.clone()) else {
            continue;
        };
        assert!(
            !quiz::is_correct(q, std::slice::from_ref(&wrong)),
            "{}",
            q.id
        );
        let mut extra = right.clone();
        extra.push(wrong);
        assert!(
            !quiz::is_correct(q, &extra),
            "{}: a wrong extra must fail",
            q.id
        );
        assert!(!quiz::is_correct(q, &[]), "{}: no answer is wrong", q.id);
        if q.kind == QuestionKind::Multiple && right.len() > 1 {
            assert!(
                !quiz::is_correct(q, &right[..1]),
                "{}: half the answers is wrong",
                q.id
            );
        }
    }
}

#[test]
fn choosing_replaces_single_answers_and_toggles_multiple_ones() {
    let course = course();
    let module = course.module("parents-and-carers").unwrap();
    let mut a = quiz::start(course, module, 3, "a".into(), at(day(2026, 11, 1)));
    let single = module
        .questions
        .iter()
        .find(|q| q.kind == QuestionKind::Single)
        .unwrap();
    a.choose(single, "a");
    a.choose(single, "b");
    assert_eq!(a.answers[&single.id], vec!["b"]);
    let multi = module
        .questions
        .iter()
        .find(|q| q.kind == QuestionKind::Multiple)
        .unwrap();
    a.choose(multi, "a");
    a.choose(multi, "b");
    a.choose(multi, "a");
    assert_eq!(a.answers[&multi.id], vec!["b"]);
}

#[test]
fn the_pass_mark_edge_is_exact() {
    assert!(quiz::passes(4, 5, 80));
    assert!(!quiz::passes(3, 5, 80));
    assert!(quiz::passes(8, 10, 80));
    assert!(!quiz::passes(79, 100, 80));
    assert!(quiz::passes(80, 100, 80));
    assert!(!quiz::passes(4, 6, 80), "66% fails");
    assert!(quiz::passes(5, 6, 80), "83% passes");
    assert!(!quiz::passes(0, 0, 80), "an empty quiz never passes");
}

#[test]
fn scoring_counts_against_the_course_not_the_stated_score() {
    let course = course();
    let module = course.module("four-cs").unwrap();
    let mut a = quiz::start(course, module, 11, "a".into(), at(day(2026, 11, 1)));
    answer(course, &mut a, 2);
    let score = a.submit(course, at(day(2026, 11, 1))).unwrap();
    assert_eq!((score.correct, score.total, score.passed), (6, 8, false));
    assert_eq!(score.percent, 75);
    // An edited answer changes the re-score; an edited stated score does not.
    a.score = Some(quiz::Score {
        correct: 6,
        percent: 100,
        passed: true,
        ..score
    });
    assert_eq!(quiz::score_answers(course, &a).unwrap(), score);
}

#[test]
fn roles_and_tracks_decide_the_required_modules() {
    let course = course();
    let teacher = profile(Role::Teaching, Track::Induction)
        .required(course)
        .len();
    let dsl = profile(Role::Dsl, Track::Induction).required(course).len();
    let refresher = profile(Role::Teaching, Track::Refresher).required(course);
    assert_eq!(
        dsl,
        teacher + 1,
        "the DSL takes the DSL-team module as well"
    );
    assert!(refresher.iter().all(|m| m.refresher));
    assert!(
        refresher.len() < teacher,
        "the refresher leaves out induction-only modules"
    );
}

#[test]
fn reading_then_quiz_then_pass_moves_the_status_along() {
    let course = course();
    let module = course.module("images-and-consent").unwrap();
    let mut p = profile(Role::Support, Track::Induction);
    let today = day(2026, 11, 24);
    assert_eq!(
        p.module_status(course, module, today),
        ModuleStatus::NotStarted
    );
    p.mark_read(&module.id, &module.sections[0].id);
    assert_eq!(
        p.module_status(course, module, today),
        ModuleStatus::Reading {
            read: 1,
            total: module.sections.len()
        }
    );
    assert!(!p.may_take_quiz(module));
    for s in &module.sections {
        p.mark_read(&module.id, &s.id);
    }
    assert_eq!(
        p.module_status(course, module, today),
        ModuleStatus::ReadyForQuiz
    );
    let mut a = quiz::start(course, module, 5, "a1".into(), at(today));
    p.attempts.push(a.clone());
    assert_eq!(
        p.module_status(course, module, today),
        ModuleStatus::QuizInProgress
    );
    answer(course, &mut a, 3);
    a.submit(course, at(today)).unwrap();
    p.attempts[0] = a;
    assert!(matches!(
        p.module_status(course, module, today),
        ModuleStatus::Failed { percent: 62 }
    ));
    let mut b = quiz::start(course, module, 6, "a2".into(), at(today));
    answer(course, &mut b, 0);
    b.submit(course, at(today)).unwrap();
    p.attempts.push(b);
    assert!(matches!(
        p.module_status(course, module, today),
        ModuleStatus::Passed { percent: 100, .. }
    ));
    assert_eq!(p.attempts.len(), 2, "every attempt is kept");
}

#[test]
fn completion_lasts_a_year_with_a_warning_thirty_days_before() {
    let course = course();
    let mut p = profile(Role::Volunteer, Track::Induction);
    let passed = day(2026, 1, 15);
    assert_eq!(
        p.course_status(course, passed).validity,
        Validity::InProgress
    );
    pass_all(course, &mut p, passed);
    let until = day(2027, 1, 15);
    let status = p.course_status(course, passed);
    assert_eq!(status.completed_on, Some(passed));
    assert_eq!(status.validity, Validity::Valid { until });
    // 31 days before: still plain valid; 30 days before: the warning starts.
    assert_eq!(
        p.course_status(course, day(2026, 12, 15)).validity,
        Validity::Valid { until }
    );
    assert_eq!(
        p.course_status(course, day(2026, 12, 16)).validity,
        Validity::ExpiringSoon {
            until,
            days_left: 30
        }
    );
    assert_eq!(
        p.course_status(course, day(2027, 1, 14)).validity,
        Validity::ExpiringSoon {
            until,
            days_left: 1
        }
    );
    // The expiry day itself is due.
    assert_eq!(
        p.course_status(course, until).validity,
        Validity::Expired { since: until }
    );
    assert!(matches!(
        p.course_status(course, until).modules[0].1,
        ModuleStatus::Expired { .. }
    ));
}

#[test]
fn a_pass_on_leap_day_expires_on_the_last_day_of_february() {
    let course = course();
    let mut p = profile(Role::Governor, Track::Induction);
    pass_all(course, &mut p, day(2028, 2, 29));
    let status = p.course_status(course, day(2028, 3, 1));
    assert_eq!(
        status.validity,
        Validity::Valid {
            until: day(2029, 2, 28)
        }
    );
    assert!(matches!(
        p.course_status(course, day(2029, 2, 28)).validity,
        Validity::Expired { .. }
    ));
}

#[test]
fn a_policy_change_since_training_is_flagged_per_module() {
    let course = course();
    let mut p = profile(Role::Teaching, Track::Induction);
    pass_all(course, &mut p, day(2026, 10, 1));
    assert!(p
        .course_status(course, day(2026, 11, 1))
        .policy_changed
        .is_empty());
    p.attempts[0].policy_version = "Social Media Policy v2, 2022".into();
    let changed = p.course_status(course, day(2026, 11, 1)).policy_changed;
    assert_eq!(changed, vec![p.attempts[0].module_id.clone()]);
}

#[test]
fn an_exported_record_round_trips_and_names_its_file() {
    let course = course();
    let mut p = profile(Role::Teaching, Track::Induction);
    pass_all(course, &mut p, day(2026, 10, 1));
    let record = TrainingRecord::of(&p, course, at(day(2026, 11, 24)));
    let json = envelope::to_json(
        &record,
        record.exported_at,
        Some(&course.info.content_version),
    );
    let back: TrainingRecord = envelope::unwrap(&json).unwrap();
    assert_eq!(back, record);
    assert_eq!(
        record.file_name(),
        "training-record-jane-smith-2026-11-24.json"
    );
    assert!(
        envelope::unwrap::<TrainingBook>(&json).is_err(),
        "a record is not a device's profiles"
    );
}

#[test]
fn removing_the_active_profile_moves_to_another() {
    let mut book = TrainingBook::default();
    book.add(profile(Role::Teaching, Track::Induction));
    let mut second = profile(Role::Support, Track::Induction);
    second.id = "r-2".into();
    book.add(second);
    assert_eq!(book.active.as_deref(), Some("r-2"));
    book.remove("r-2");
    assert_eq!(book.active.as_deref(), Some("r-1"));
}
