//! The course content: the content folder validates as a whole (every file, the answer key
//! of the current version), and malformed content is rejected with an error naming the file,
//! the item and the problem.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::Path;

use common::{course, keys, module, modules};
use online_safety_workbench::domain::content::{self, QuestionKind, Role};

const GOOD: &str = include_str!("../content/modules/staff-personal-use.json");
const FILE: &str = "modules/staff-personal-use.json";

/// The content folder with one file replaced by `text` (or added, for a new name), checked.
fn content_with(name: &str, text: &str) -> Result<(), Vec<String>> {
    let mut files = common::files(Path::new("content"));
    if name == "course.json" {
        files.course = text.to_owned();
    } else {
        match files.modules.iter_mut().find(|(n, _)| n == name) {
            Some((_, body)) => *body = text.to_owned(),
            None => files.modules.push((name.to_owned(), text.to_owned())),
        }
    }
    content::check(&files)
        .map(|_| ())
        .map_err(|errs| errs.iter().map(ToString::to_string).collect())
}

fn expect_problem(text: &str, wanted: &[&str]) {
    expect_problem_in(FILE, text, wanted);
}

fn expect_problem_in(name: &str, text: &str, wanted: &[&str]) {
    let errors = content_with(name, text).expect_err("should be rejected");
    assert!(
        errors.iter().any(|e| wanted.iter().all(|w| e.contains(w))),
        "no error containing {wanted:?} in {errors:#?}"
    );
}

#[test]
fn the_content_folder_validates() {
    let course = course();
    assert!(course.modules.len() >= 9);
    let total: usize = modules().iter().map(|m| m.questions.len()).sum();
    assert!(total >= 130, "{total} questions");
    assert_eq!(
        course.info.policy_version,
        "Social Media Policy v3, October 2023"
    );
    assert_eq!(course.info.pass_mark, 80);
}

#[test]
fn every_module_file_on_disk_is_in_the_contents() {
    let on_disk = std::fs::read_dir("content/modules").unwrap().count();
    assert_eq!(modules().len(), on_disk);
    expect_problem_in(
        "modules/stray.json",
        GOOD,
        &["modules/stray.json", "not listed in course.json"],
    );
}

#[test]
fn every_released_version_keeps_its_answer_key() {
    // 2026.1 was frozen before any question changed; the current version's key matches its
    // questions (content::check refuses otherwise).
    assert!(keys().get("2026.1").is_some());
    let current = keys().get(&course().info.content_version).unwrap();
    assert_eq!(current.modules.len(), course().modules.len());
    // Changing a right answer without a new version is refused.
    let flipped = flip_first_true_false(GOOD);
    expect_problem(&flipped, &["keys/", "frozen answer key"]);
}

/// The module file with its first true/false question's answer turned round.
fn flip_first_true_false(text: &str) -> String {
    let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
    let q = value["questions"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|q| q["kind"] == "true-false")
        .unwrap();
    for o in q["options"].as_array_mut().unwrap() {
        let right = o["correct"].as_bool().unwrap_or(false);
        o["correct"] = (!right).into();
    }
    value.to_string()
}

#[test]
fn question_types_are_all_used_in_every_module_bank() {
    for module in modules() {
        for kind in [
            QuestionKind::Single,
            QuestionKind::Multiple,
            QuestionKind::TrueFalse,
            QuestionKind::Scenario,
        ] {
            assert!(
                module.questions.iter().any(|q| q.kind == kind),
                "{} has no {kind:?} question",
                module.id
            );
        }
    }
}

#[test]
fn roles_get_the_modules_the_policy_gives_them() {
    let course = course();
    let ids = |role| {
        course
            .required_for(role)
            .map(|m| m.id.as_str())
            .collect::<Vec<_>>()
    };
    assert!(ids(Role::Dsl).contains(&"dsl-team"));
    assert!(!ids(Role::Teaching).contains(&"dsl-team"));
    assert!(ids(Role::Governor).contains(&"governors"));
    assert!(
        ids(Role::Governor).contains(&"staff-personal-use"),
        "section B covers governors"
    );
    assert!(!ids(Role::Governor).contains(&"pupils-in-school"));
    for role in Role::ALL {
        assert!(ids(role).len() >= 7, "{role:?} has only {:?}", ids(role));
    }
}

/// The policy's numbers: friend-request limits of 19, 21 and 24 and the under-13 rule.
#[test]
fn the_policys_age_limits_are_stated_and_never_contradicted() {
    let staff = module("staff-personal-use");
    let text = staff.all_text().join(" ");
    for phrase in ["under 19", "under 21", "under 24"] {
        assert!(
            text.contains(phrase),
            "section B module never says {phrase}"
        );
    }
    let pupils = module("pupils-in-school").all_text().join(" ");
    assert!(pupils.contains("under the age of 13") || pupils.contains("under 13"));

    // Wherever an age limit appears near a topic, it must be the policy's number. Wrong-
    // answer options may name other ages, so only correct options and prose count.
    let topics = [
        ("looked-after", "21"),
        ("special educational needs", "24"),
        ("with send", "24"),
        ("past pupils", "19"),
        ("register", "13"),
    ];
    for module in modules() {
        let mut prose: Vec<&str> = module.all_text();
        prose.retain(|t| {
            !module
                .questions
                .iter()
                .flat_map(|q| &q.options)
                .any(|o| !o.correct && (o.text == *t || o.feedback == *t))
        });
        for text in prose {
            let lower = text.to_lowercase();
            for (topic, age) in topics {
                if !lower.contains(topic) {
                    continue;
                }
                for number in ages_in(&lower) {
                    let allowed = topics
                        .iter()
                        .any(|(t, a)| *a == number && lower.contains(t));
                    assert!(
                        allowed || number == age,
                        "{}: {text:?} gives age {number} near {topic:?}",
                        module.id
                    );
                }
            }
        }
    }
}

/// Numbers written as "under N" or "aged N" in a text.
fn ages_in(text: &str) -> Vec<String> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .filter(|w| w[0] == "under" || w[0] == "aged" || w[0] == "age")
        .filter(|w| w[1].chars().all(|c| c.is_ascii_digit()))
        .map(|w| w[1].to_owned())
        .collect()
}

#[test]
fn a_wrong_age_would_be_caught() {
    assert_eq!(ages_in("past pupils under 18 years of age"), vec!["18"]);
}

#[test]
fn malformed_json_names_the_file_and_position() {
    expect_problem("{ \"id\": ", &[FILE, "staff-personal-use", "line 1"]);
}

#[test]
fn unknown_fields_are_rejected() {
    expect_problem(
        &GOOD.replacen("\"objectives\"", "\"objectivs\"", 1),
        &[FILE, "unknown field"],
    );
}

#[test]
fn an_unknown_reference_is_named() {
    expect_problem(
        &GOOD.replacen(
            "\"refs\": [\"policy:section-b\"]",
            "\"refs\": [\"policy:section-z\"]",
            1,
        ),
        &[FILE, "policy:section-z", "does not resolve"],
    );
}

#[test]
fn a_claim_without_a_reference_is_rejected() {
    expect_problem(
        &GOOD.replacen("\"refs\": [\"policy:section-b\"]", "\"refs\": []", 1),
        &["no reference"],
    );
}

#[test]
fn duplicate_question_ids_are_rejected() {
    expect_problem(
        &GOOD.replace("m03-q02", "m03-q01"),
        &["m03-q01", "duplicate question id"],
    );
}

#[test]
fn a_single_choice_question_with_two_answers_is_rejected() {
    let two = GOOD.replacen(
        "{ \"id\": \"b\", \"text\": \"Under 16\",",
        "{ \"id\": \"b\", \"text\": \"Under 16\", \"correct\": true,",
        1,
    );
    expect_problem(&two, &["m03-q01", "2 correct options"]);
}

#[test]
fn a_true_false_question_needs_exactly_true_and_false() {
    let three = GOOD.replacen(
        "{ \"id\": \"b\", \"text\": \"False\", \"correct\": true,",
        "{ \"id\": \"c\", \"text\": \"Maybe\", \"feedback\": \"No.\", \"refs\": [\"policy:section-b\"] }, { \"id\": \"b\", \"text\": \"False\", \"correct\": true,",
        1,
    );
    expect_problem(&three, &["m03-q02", "true/false"]);
}

#[test]
fn empty_feedback_is_rejected() {
    expect_problem(
        &GOOD.replacen(
            "\"feedback\": \"The policy's limit for past pupils is under 19.\"",
            "\"feedback\": \"\"",
            1,
        ),
        &["m03-q01/b", "feedback is empty"],
    );
}

#[test]
fn unknown_placeholders_are_rejected() {
    expect_problem(
        &GOOD.replacen("{headteacher}", "{head_teacher}", 1),
        &["unknown placeholder {head_teacher}"],
    );
}

#[test]
fn too_small_a_bank_is_rejected() {
    let mut module: serde_json::Value = serde_json::from_str(GOOD).unwrap();
    module["questions"].as_array_mut().unwrap().truncate(4);
    let errors = content_with(FILE, &module.to_string()).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("4 questions; a module needs at least 12")),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("draws 8 questions from a bank of 4")),
        "{errors:#?}"
    );
}

/// The module's JSON with `edit` applied to the question `id`.
fn with_question(id: &str, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut value: serde_json::Value = serde_json::from_str(GOOD).unwrap();
    let q = value["questions"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|q| q["id"] == id)
        .unwrap();
    edit(q);
    value.to_string()
}

#[test]
fn a_multiple_select_question_with_every_option_correct_is_rejected() {
    let all = with_question("m03-q04", |q| {
        for o in q["options"].as_array_mut().unwrap() {
            o["correct"] = true.into();
        }
    });
    expect_problem(&all, &["m03-q04", "every option is correct"]);
}

#[test]
fn a_scenario_question_without_a_situation_is_rejected() {
    let bare = with_question("m03-q08", |q| {
        assert_eq!(q["kind"], "scenario");
        q["situation"] = "  ".into();
    });
    expect_problem(&bare, &["m03-q08", "needs a situation"]);
    let missing = with_question("m03-q08", |q| {
        q.as_object_mut().unwrap().remove("situation");
    });
    expect_problem(&missing, &["m03-q08", "needs a situation"]);
}

#[test]
fn an_option_repeated_in_another_question_of_the_module_is_rejected() {
    // The same fact, differently cased and punctuated, as an option of a second question.
    let first = module("staff-personal-use").questions[0].options[1]
        .text
        .clone();
    let copied = with_question("m03-q04", |q| {
        q["options"][2]["text"] = format!("  {}. ", first.to_uppercase()).into();
    });
    expect_problem(
        &copied,
        &["m03-q04/c", "also an option of m03-q01", "must not answer"],
    );
    // True and False are every true/false question's options, and are not a repeat.
    assert!(content_with(FILE, GOOD).is_ok());
}
