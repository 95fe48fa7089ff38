//! The course content: the built-in course validates, and malformed content is rejected
//! with an error naming the file, the item and the problem.
#![cfg(not(target_arch = "wasm32"))]

use online_safety_workbench::domain::content::{course, Course, QuestionKind, Role};

const INFO: (&str, &str) = (
    "content/course.json",
    include_str!("../content/course.json"),
);
const GOOD: &str = include_str!("../content/modules/03-staff-personal-use.json");

fn module_files() -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir("content/modules")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

/// Every module file on disk, with one file replaced by `text`.
fn course_with(name: &str, text: &str) -> Result<Course, Vec<String>> {
    let files = module_files();
    let pairs: Vec<(&str, &str)> = files
        .iter()
        .map(|(path, body)| {
            if path.ends_with(name) {
                (path.as_str(), text)
            } else {
                (path.as_str(), body.as_str())
            }
        })
        .collect();
    Course::parse(INFO, &pairs).map_err(|errs| errs.iter().map(ToString::to_string).collect())
}

fn expect_problem(text: &str, wanted: &[&str]) {
    let errors = course_with("03-staff-personal-use.json", text).expect_err("should be rejected");
    assert!(
        errors.iter().any(|e| wanted.iter().all(|w| e.contains(w))),
        "no error containing {wanted:?} in {errors:#?}"
    );
}

#[test]
fn the_built_in_course_validates() {
    let course = course();
    assert!(course.modules.len() >= 9);
    let total: usize = course.modules.iter().map(|m| m.questions.len()).sum();
    assert!(total >= 90, "{total} questions");
    assert_eq!(
        course.info.policy_version,
        "Social Media Policy v3, October 2023"
    );
    assert_eq!(course.info.pass_mark, 80);
}

#[test]
fn every_module_file_on_disk_is_built_in() {
    let on_disk = module_files().len();
    assert_eq!(
        course().modules.len(),
        on_disk,
        "add new files to MODULE_FILES"
    );
}

#[test]
fn question_types_are_all_used_in_every_module_bank() {
    for module in &course().modules {
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
    let course = course();
    let staff = course.module("staff-personal-use").unwrap();
    let text = staff.all_text().join(" ");
    for phrase in ["under 19", "under 21", "under 24"] {
        assert!(
            text.contains(phrase),
            "section B module never says {phrase}"
        );
    }
    let pupils = course
        .module("pupils-in-school")
        .unwrap()
        .all_text()
        .join(" ");
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
    for module in &course.modules {
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
    expect_problem(
        "{ \"id\": ",
        &["03-staff-personal-use.json", "module", "line 1"],
    );
}

#[test]
fn unknown_fields_are_rejected() {
    expect_problem(
        &GOOD.replacen("\"summary\"", "\"sumary\"", 1),
        &["03-staff-personal-use.json", "unknown field"],
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
        &[
            "03-staff-personal-use.json",
            "policy:section-z",
            "does not resolve",
        ],
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
    expect_problem(&three, &["m03-q06", "true/false"]);
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
    module["draw"] = 4.into();
    let errors = course_with("03-staff-personal-use.json", &module.to_string()).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("4 questions; a module needs at least 12")),
        "{errors:#?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("draws 4 questions")),
        "{errors:#?}"
    );
}
