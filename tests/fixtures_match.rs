//! The e2e fixtures are made the way the app makes records: for the inputs in
//! `tests/e2e/fixtures/reference-record.inputs.json`, the Rust domain takes each quiz (the
//! seeded draw, the answers chosen, submitted and scored) and exports the record; the file it
//! writes is committed as `tests/e2e/fixtures/reference-record.json` (regenerate with
//! `OSW_WRITE_FIXTURES=1 cargo test --test fixtures_match`). The e2e's `records.ts` must write
//! the same bytes for the same inputs (`tests/e2e/records.spec.ts` checks it), so every record
//! the e2e imports is one the app could have exported.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::Deserialize;

use common::{course, keys, module};
use online_safety_workbench::domain::content::ModuleKey;
use online_safety_workbench::domain::envelope;
use online_safety_workbench::domain::quiz::{self, Attempt};
use online_safety_workbench::domain::session;
use online_safety_workbench::domain::staff::{Outcome, RecordFile, StaffRecords};
use online_safety_workbench::domain::training::{Person, Profile, TrainingRecord};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/fixtures");

/// How long an honest attempt takes (records.ts's `TAKES_MINUTES`).
const TAKES: Duration = Duration::minutes(10);

#[derive(Deserialize)]
struct AttemptInputs {
    id: String,
    module_id: String,
    content_version: String,
    /// Text, so JavaScript reads every u64 exactly.
    seed: String,
    started_at: NaiveDateTime,
    wrong: usize,
    /// The training session code typed before the quiz, if it was taken in one.
    #[serde(default)]
    code: Option<String>,
}

#[derive(Deserialize)]
struct RecordInputs {
    record_id: String,
    person: Person,
    content_version: String,
    exported_at: NaiveDateTime,
    attempts: Vec<AttemptInputs>,
    /// When the person declared they had read the policy (under the content as it is now).
    #[serde(default)]
    declared_at: Vec<NaiveDateTime>,
}

/// An attempt taken as the app takes it: started with its seed, the first `wrong` drawn
/// questions answered wrongly (the first wrong option; none where every option is right) and
/// the rest rightly, submitted ten minutes later.
fn take(record_id: &str, a: &AttemptInputs) -> Attempt {
    let seed: u64 = a.seed.parse().unwrap();
    let current = &course().info.content_version;
    let key_module = keys()
        .get(&a.content_version)
        .and_then(|k| k.module(&a.module_id))
        .unwrap();
    let mut attempt = if &a.content_version == current {
        // The quiz page's own path: `quiz::start` on the course as it is now.
        let started = quiz::start(
            course(),
            module(&a.module_id),
            record_id,
            a.id.clone(),
            a.code.as_deref(),
            a.started_at,
        );
        // records.ts gives the seed the app gives (quiz::bound_seed).
        assert_eq!(started.seed, seed, "records.ts's seed for {}", a.id);
        started
    } else {
        // Taken under an earlier version: its frozen key gives the draw.
        let key = keys().get(&a.content_version).unwrap();
        Attempt {
            id: a.id.clone(),
            module_id: a.module_id.clone(),
            seed,
            questions: quiz::draw(key_module, seed),
            answers: BTreeMap::new(),
            started_at: a.started_at,
            submitted_at: None,
            score: None,
            content_version: key.content_version.clone(),
            policy_version: key.policy_version.clone(),
            session: a
                .code
                .as_deref()
                .map(|code| session::tag(code, record_id, &a.id, &a.module_id, a.started_at)),
        }
    };
    for (i, drawn) in attempt.questions.clone().iter().enumerate() {
        let q = key_module.question(&drawn.question_id).unwrap();
        let chosen: Vec<String> = if i < a.wrong {
            q.options
                .iter()
                .filter(|o| !q.correct.contains(o))
                .take(1)
                .cloned()
                .collect()
        } else {
            q.options
                .iter()
                .filter(|o| q.correct.contains(o))
                .cloned()
                .collect()
        };
        if &a.content_version == current {
            let question = module(&a.module_id)
                .questions
                .iter()
                .find(|x| x.id == q.id)
                .unwrap();
            for id in &chosen {
                attempt.choose(question, id);
            }
        } else if !chosen.is_empty() {
            attempt.answers.insert(q.id.clone(), chosen);
        }
    }
    let key = if &a.content_version == current {
        ModuleKey::of(course(), module(&a.module_id))
    } else {
        key_module.clone()
    };
    attempt.submit(&key, a.started_at + TAKES).unwrap();
    attempt
}

/// The file the app exports for the inputs.
fn export(inputs: &RecordInputs) -> String {
    assert_eq!(
        inputs.content_version,
        course().info.content_version,
        "the reference record is exported by the app as it is now"
    );
    let mut profile = Profile::new(
        inputs.record_id.clone(),
        inputs.person.clone(),
        inputs.attempts[0].started_at,
    );
    profile.attempts = inputs
        .attempts
        .iter()
        .map(|a| take(&inputs.record_id, a))
        .collect();
    for &at in &inputs.declared_at {
        profile.declare(&course().info, at);
    }
    let record = TrainingRecord::of(&profile, course(), inputs.exported_at);
    envelope::to_json(
        &record,
        record.exported_at,
        Some(&course().info.content_version),
    )
}

#[test]
fn the_reference_record_is_what_the_app_exports() {
    let inputs: RecordInputs = serde_json::from_str(
        &std::fs::read_to_string(format!("{DIR}/reference-record.inputs.json")).unwrap(),
    )
    .unwrap();
    let written = export(&inputs) + "\n";
    let path = format!("{DIR}/reference-record.json");
    if std::env::var_os("OSW_WRITE_FIXTURES").is_some() {
        std::fs::write(&path, &written).unwrap();
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);

    // It is a genuine record: every attempt verifies, the failed ones fail, and the person is
    // trained once the DSL imports it.
    let mut records = StaffRecords::default();
    // The day after the export (content 2026.4 was released on 7 December 2026).
    let now = NaiveDate::from_ymd_opt(2026, 12, 8)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let file = RecordFile {
        name: "reference-record.json".into(),
        text: written,
        sha256: String::new(),
    };
    let results = records.import(&[file], keys(), now);
    assert!(matches!(results[0].outcome, Outcome::Added { .. }));
    let entry = &records.people[0];
    assert_eq!(entry.attempts.len(), inputs.attempts.len());
    for (a, checked) in inputs.attempts.iter().zip(&entry.attempts) {
        assert!(
            checked.verdict.is_verified(),
            "{}: {:?}",
            a.id,
            checked.verdict
        );
    }
    let failed: Vec<&str> = entry
        .attempts
        .iter()
        .filter(|o| !o.score.unwrap().passed)
        .map(|o| o.attempt_id.as_str())
        .collect();
    assert_eq!(failed, ["a-0000000000000002", "a-000000000000000b"]);
    let row = online_safety_workbench::domain::staff::row(course(), entry, &[], now.date());
    assert_eq!(
        row.overall,
        online_safety_workbench::domain::staff::Overall::Trained
    );
}
