//! The quiz engine and training rules: draws, scoring, pass marks, expiry and the policy
//! version check, with dates passed in. Attempts are made as the app makes them.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{at, course, day, keys, module, modules, pass_all, person, status, take};
use online_safety_workbench::domain::content::{ModuleKey, QuestionKind, Role};
use online_safety_workbench::domain::envelope;
use online_safety_workbench::domain::quiz;
use online_safety_workbench::domain::training::{
    required, ModuleStatus, Profile, Track, TrainingBook, TrainingRecord, Validity,
};

fn profile(role: Role, track: Track) -> Profile {
    Profile::new(
        "r-1".into(),
        person("Jane Smith", role, track),
        at(day(2026, 9, 12)),
    )
}

fn key(id: &str) -> ModuleKey {
    ModuleKey::of(course(), module(id))
}

#[test]
fn the_same_seed_draws_the_same_attempt() {
    let module = module("staff-personal-use");
    let key = key("staff-personal-use");
    assert_eq!(quiz::draw(&key, 7), quiz::draw(&key, 7));
    assert_ne!(quiz::draw(&key, 7), quiz::draw(&key, 8));
    let drawn = quiz::draw(&key, 7);
    assert_eq!(drawn.len(), module.draw);
    let mut ids: Vec<_> = drawn.iter().map(|d| &d.question_id).collect();
    ids.dedup();
    assert_eq!(ids.len(), module.draw, "no question drawn twice");
}

#[test]
fn draws_vary_across_seeds_and_keep_true_before_false() {
    let module = module("staff-personal-use");
    let key = key("staff-personal-use");
    let firsts: std::collections::BTreeSet<_> = (0..40)
        .map(|s| quiz::draw(&key, s)[0].question_id.clone())
        .collect();
    assert!(
        firsts.len() > 3,
        "the first question hardly varies: {firsts:?}"
    );
    for seed in 0..20 {
        for d in quiz::draw(&key, seed) {
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
    for q in modules().iter().flat_map(|m| &m.questions) {
        let right: Vec<String> = q.correct_ids().into_iter().map(str::to_owned).collect();
        assert!(quiz::is_correct(q, &right), "{}", q.id);
        // The order options were picked in, and a pick sent twice, do not matter.
        let mut reordered: Vec<String> = right.iter().rev().cloned().collect();
        reordered.push(right[0].clone());
        assert!(quiz::is_correct(q, &reordered), "{}: any order", q.id);
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
    let module = module("parents-and-carers");
    let mut a = quiz::start(
        course(),
        module,
        "r-1",
        "a".into(),
        None,
        at(day(2026, 12, 7)),
    );
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
    let mut a = take("r-1", "four-cs", "a", at(day(2026, 12, 7)), 2);
    let score = a.score.unwrap();
    assert_eq!((score.correct, score.total, score.passed), (6, 8, false));
    assert_eq!(score.percent, 75);
    // An edited stated score does not change what the answers score.
    a.score = Some(quiz::Score {
        correct: 8,
        percent: 100,
        passed: true,
        ..score
    });
    assert_eq!(quiz::score(&key("four-cs"), &a).unwrap(), score);
}

#[test]
fn roles_and_tracks_decide_the_required_modules() {
    let course = course();
    let teacher = required(course, &profile(Role::Teaching, Track::Induction).person).len();
    let dsl = required(course, &profile(Role::Dsl, Track::Induction).person).len();
    let refresher = required(course, &profile(Role::Teaching, Track::Refresher).person);
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
    let module = module("images-and-consent");
    let mut p = profile(Role::Support, Track::Induction);
    let today = day(2026, 12, 7);
    let module_status = |p: &Profile| {
        let s = status(p, today);
        s.modules
            .into_iter()
            .find(|(id, _)| *id == module.id)
            .unwrap()
            .1
    };
    assert_eq!(module_status(&p), ModuleStatus::NotStarted);
    p.mark_read(&module.id, &module.sections[0].id);
    assert_eq!(
        module_status(&p),
        ModuleStatus::Reading {
            read: 1,
            total: module.sections.len()
        }
    );
    for s in &module.sections {
        p.mark_read(&module.id, &s.id);
    }
    assert_eq!(module_status(&p), ModuleStatus::ReadyForQuiz);
    let open = quiz::start(course(), module, "r-1", "a1".into(), None, at(today));
    p.attempts.push(open);
    assert_eq!(module_status(&p), ModuleStatus::QuizInProgress);
    p.attempts[0] = take("r-1", &module.id, "a1", at(today), 3);
    assert!(matches!(
        module_status(&p),
        ModuleStatus::Failed { percent: 62 }
    ));
    p.attempts.push(take("r-1", &module.id, "a2", at(today), 0));
    assert!(matches!(
        module_status(&p),
        ModuleStatus::Passed { percent: 100, .. }
    ));
    assert_eq!(p.attempts.len(), 2, "every attempt is kept");
}

#[test]
fn the_read_checkbox_marks_and_unmarks_a_section() {
    let mut p = profile(Role::Teaching, Track::Induction);
    let module = &modules()[0];
    let (first, second) = (&module.sections[0].id, &module.sections[1].id);
    p.toggle_read(&module.id, first);
    assert!(p.has_read(&module.id, first));
    assert!(!p.has_read(&module.id, second));
    assert_eq!(p.sections_read(course().module(&module.id).unwrap()), 1);
    p.toggle_read(&module.id, first);
    assert!(!p.has_read(&module.id, first));
    assert_eq!(p.sections_read(course().module(&module.id).unwrap()), 0);
}

#[test]
fn a_quiz_opened_under_earlier_questions_is_not_open() {
    let module = module("four-cs");
    let mut p = profile(Role::Support, Track::Refresher);
    let mut old = quiz::start(
        course(),
        module,
        "r-1",
        "a1".into(),
        None,
        at(day(2026, 12, 7)),
    );
    old.content_version = "2026.1".into();
    p.attempts.push(old);
    assert!(p.open_modules(&course().info.content_version).is_empty());
    assert_eq!(p.open_modules("2026.1"), vec![module.id.clone()]);
}

#[test]
fn an_edited_attempt_does_not_count_on_the_persons_own_dashboard() {
    let mut p = profile(Role::Volunteer, Track::Induction);
    pass_all(&mut p, day(2026, 12, 7));
    assert!(status(&p, day(2026, 12, 8)).completed_on.is_some());
    // Editing a stored question list (or a stated score) makes the attempt not count.
    p.attempts[0].questions.pop();
    let s = status(&p, day(2026, 12, 8));
    assert_eq!(s.completed_on, None);
    assert!(!s.modules[0].1.is_passed());
}

#[test]
fn completion_lasts_a_year_with_a_warning_thirty_days_before() {
    let mut p = profile(Role::Volunteer, Track::Induction);
    let passed = day(2027, 1, 15);
    assert_eq!(status(&p, passed).validity, Validity::InProgress);
    pass_all(&mut p, passed);
    let until = day(2028, 1, 15);
    let s = status(&p, passed);
    assert_eq!(s.completed_on, Some(passed));
    assert_eq!(s.validity, Validity::Valid { until });
    // 31 days before: still plain valid; 30 days before: the warning starts.
    assert_eq!(
        status(&p, day(2027, 12, 15)).validity,
        Validity::Valid { until }
    );
    assert_eq!(
        status(&p, day(2027, 12, 16)).validity,
        Validity::ExpiringSoon {
            until,
            days_left: 30
        }
    );
    assert_eq!(
        status(&p, day(2028, 1, 14)).validity,
        Validity::ExpiringSoon {
            until,
            days_left: 1
        }
    );
    // The expiry day itself is due.
    assert_eq!(
        status(&p, until).validity,
        Validity::Expired { since: until }
    );
    assert!(matches!(
        status(&p, until).modules[0].1,
        ModuleStatus::Expired { .. }
    ));
}

#[test]
fn a_pass_on_leap_day_expires_on_the_last_day_of_february() {
    let mut p = profile(Role::Governor, Track::Induction);
    pass_all(&mut p, day(2028, 2, 29));
    assert_eq!(
        status(&p, day(2028, 3, 1)).validity,
        Validity::Valid {
            until: day(2029, 2, 28)
        }
    );
    assert!(matches!(
        status(&p, day(2029, 2, 28)).validity,
        Validity::Expired { .. }
    ));
}

#[test]
fn a_policy_change_since_training_is_flagged_per_module_and_passes_stand() {
    let mut p = profile(Role::Teaching, Track::Induction);
    pass_all(&mut p, day(2026, 12, 12));
    let today = day(2027, 1, 15);
    let now = at(today);
    let outcomes = p.outcomes(keys(), now);
    let evidence = p.evidence(&outcomes, &[]);
    let s = evidence.course_status(course(), today);
    assert!(s.policy_changed.is_empty() && s.earlier_questions.is_empty());
    // The course moves on to new questions for a new policy: passes under the old ones
    // stand until they expire, and the dashboard can say what changed.
    let mut next = course().clone();
    next.info.content_version = "2027.1".into();
    next.info.policy_version = "Social Media Policy v4, 2027".into();
    let s = evidence.course_status(&next, today);
    assert!(matches!(s.validity, Validity::Valid { .. }));
    assert_eq!(s.policy_changed.len(), s.required);
    assert_eq!(s.earlier_questions.len(), s.required);
}

#[test]
fn an_exported_record_round_trips_and_names_its_file() {
    let course = course();
    let mut p = profile(Role::Teaching, Track::Induction);
    pass_all(&mut p, day(2026, 12, 6));
    let record = TrainingRecord::of(&p, course, at(day(2026, 12, 5)));
    let json = envelope::to_json(
        &record,
        record.exported_at,
        Some(&course.info.content_version),
    );
    let back: TrainingRecord = envelope::unwrap(&json).unwrap();
    assert_eq!(back, record);
    assert_eq!(
        record.file_name(),
        "training-record-jane-smith-2026-12-05.json",
    );
    // Only ASCII letters and digits reach the name; anything else separates words.
    let mut accented = record.clone();
    accented.person.name = "Zoë O'BRIEN  Ünal".into();
    assert_eq!(
        accented.file_name(),
        "training-record-zo-o-brien-nal-2026-12-05.json",
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
