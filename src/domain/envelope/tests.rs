//! The envelope's own tests: reading, migrating, naming the wrong field, the fast way.

use super::*;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Note {
    text: String,
    #[serde(default)]
    stars: u8,
}

impl Versioned for Note {
    const KIND: Kind = Kind::Settings;
    const SCHEMA_VERSION: u32 = 2;
    fn migrate_step(from: u32, mut data: Value) -> Result<Value, ImportError> {
        match from {
            // v1 called the field "body".
            1 => {
                let body = data.get("body").cloned().unwrap_or(Value::Null);
                data["text"] = body;
                Ok(data)
            }
            _ => Err(ImportError::UnsupportedVersion {
                found: from,
                current: 2,
            }),
        }
    }
}

fn at() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 24)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap()
}

#[test]
fn round_trip() {
    let note = Note {
        text: "hello".into(),
        stars: 3,
    };
    let json = to_json(&note, at(), None);
    assert_eq!(unwrap::<Note>(&json).unwrap(), note);
}

#[test]
fn old_versions_migrate() {
    let json = r#"{"format":"online-safety-workbench","kind":"settings","schema_version":1,
        "app_version":"0.0.1","saved_at":"2025-01-01T10:00:00","data":{"body":"old"}}"#;
    assert_eq!(
        unwrap::<Note>(json).unwrap(),
        Note {
            text: "old".into(),
            stars: 0
        }
    );
}

#[test]
fn the_fast_way_reads_what_the_careful_way_reads() {
    let note = Note {
        text: "hello \u{1F600} \"quoted\"".into(),
        stars: 3,
    };
    let json = to_json(&note, at(), Some("2026.2"));
    for text in [
        json.clone(),
        format!("\u{feff}{json}"),
        json.replace('\n', ""),
    ] {
        assert_eq!(
            fast::<Note>(&text, MAX_IMPORT_BYTES),
            Some(Ok(note.clone()))
        );
        assert_eq!(
            open::<Note>(read_envelope(&text).unwrap()),
            Ok(note.clone())
        );
    }
    // Older schemas, other kinds, unknown dates and mistakes go the careful way.
    let old = json.replace("\"schema_version\": 2", "\"schema_version\": 1");
    let other = json.replace("\"settings\"", "\"audit\"");
    let undated = json.replace("2026-11-24T09:30:00", "yesterday");
    let wrong = json.replace("\"stars\": 3", "\"stars\": \"three\"");
    // An envelope field it does not know (serde_json would skip its value whatever its
    // nesting, where the careful way applies the nesting limit).
    let extra = json.replace("\"saved_at\"", "\"extra\": [[1]],\n  \"saved_at\"");
    let twice = json.replace("\"saved_at\"", "\"kind\": \"settings\",\n  \"saved_at\"");
    // The envelope's fields in another order (here sorted: data before kind).
    let late = serde_json::to_string(&serde_json::from_str::<Value>(&json).unwrap()).unwrap();
    assert!(late.starts_with("{\"app_version\""));
    assert_eq!(unwrap::<Note>(&late), Ok(note.clone()));
    for text in [old, other, undated, wrong, extra, twice, late] {
        assert_eq!(fast::<Note>(&text, MAX_IMPORT_BYTES), None, "{text}");
    }
}

#[test]
fn errors_say_what_is_wrong() {
    assert!(matches!(
        unwrap::<Note>("{\n  \"a\": "),
        Err(ImportError::NotJson { line: 2, .. })
    ));
    assert_eq!(
        unwrap::<Note>(r#"{"format":"other"}"#),
        Err(ImportError::NotOurFormat)
    );
    let audit = to_json(
        &Note {
            text: "x".into(),
            stars: 0,
        },
        at(),
        None,
    )
    .replace("\"settings\"", "\"audit\"");
    assert_eq!(
        unwrap::<Note>(&audit).unwrap_err().to_string(),
        "This file is an online-safety audit, not school settings."
    );
    let newer = to_json(
        &Note {
            text: "x".into(),
            stars: 0,
        },
        at(),
        None,
    )
    .replace("\"schema_version\": 2", "\"schema_version\": 9");
    assert_eq!(
        unwrap::<Note>(&newer),
        Err(ImportError::NewerVersion {
            found: 9,
            current: 2
        })
    );
    let missing = to_json(
        &Note {
            text: "x".into(),
            stars: 0,
        },
        at(),
        None,
    )
    .replace("\"text\"", "\"txt\"");
    assert!(
        matches!(unwrap::<Note>(&missing), Err(ImportError::InvalidField { field, .. }) if field == "text")
    );
    let huge = "x".repeat(MAX_IMPORT_BYTES + 1);
    assert!(matches!(
        unwrap::<Note>(&huge),
        Err(ImportError::TooLarge { .. })
    ));
}

/// A note file whose `stars` is written as `stars` (any JSON text), at schema `version`.
fn note_with_stars(stars: &str, version: u32) -> String {
    format!(
        r#"{{"format":"online-safety-workbench","kind":"settings","schema_version":{version},
        "app_version":"0.0.1","saved_at":"2025-01-01T10:00:00",
        "data":{{"text":"x","body":"x","stars":{stars}}}}}"#
    )
}

#[test]
fn huge_numbers_are_a_wrong_field_never_a_panic() {
    // Beyond any float, beyond any whole number, and beyond the field's type: each names
    // the field, the fast way (version 2) and the careful way (version 1, migrated).
    for version in [1, 2] {
        for stars in ["1e400", "-1e400", "1180591620717411303424", "300", "2.5"] {
            match unwrap::<Note>(&note_with_stars(stars, version)) {
                Err(ImportError::InvalidField { field, .. }) => {
                    assert_eq!(field, "stars", "{stars} at version {version}")
                }
                other => panic!("{stars} at version {version}: {other:?}"),
            }
        }
    }
    assert_eq!(
        unwrap::<Note>(&note_with_stars("1e400", 2))
            .unwrap_err()
            .to_string(),
        "The file's field \"stars\" is missing or invalid: it is a number too large"
    );
}

#[test]
fn deep_or_dense_files_are_refused_before_they_are_parsed() {
    let deep = note_with_stars(
        &format!("0,\"pad\":{}{}", "[".repeat(40), "]".repeat(40)),
        2,
    );
    match unwrap::<Note>(&deep) {
        Err(ImportError::TooDeep { field, limit }) => {
            assert_eq!(limit, MAX_DEPTH);
            assert!(field.starts_with("pad[0]"), "{field}");
        }
        other => panic!("{other:?}"),
    }
    // Just inside the limit is read (and the unknown padding ignored).
    let inside = MAX_DEPTH - 3;
    let fits = note_with_stars(
        &format!("1,\"pad\":{}{}", "[".repeat(inside), "]".repeat(inside)),
        2,
    );
    assert_eq!(unwrap::<Note>(&fits).map(|n| n.stars), Ok(1));
    // A hundred thousand one-member groups: eight bytes of text each, hundreds of bytes
    // each once parsed.
    let groups = vec!["{\"a\":0}"; 100_000].join(",");
    let dense = note_with_stars(&format!("1,\"pad\":[{groups}]"), 1);
    assert_eq!(
        unwrap::<Note>(&dense),
        Err(ImportError::TooDense {
            ratio: MAX_PARSED_RATIO
        })
    );
    // The same count of numbers is ordinary data, and is read.
    let numbers = vec!["0"; 100_000].join(",");
    let plain = note_with_stars(&format!("1,\"pad\":[{numbers}]"), 1);
    assert_eq!(unwrap::<Note>(&plain).map(|n| n.stars), Ok(1));
}

#[test]
fn read_data_names_the_field_in_lists_of_entries() {
    let entries = serde_json::json!([{"text": "a"}, {"text": "b", "stars": "many"}, {"stars": 1}]);
    match read_data::<Vec<Note>>(entries.clone()) {
        Err(ImportError::InvalidField { field, .. }) => assert_eq!(field, "[1].stars"),
        other => panic!("{other:?}"),
    }
    let entries = serde_json::json!([{"text": "a"}, {"stars": 1}]);
    match read_data::<Vec<Note>>(entries) {
        Err(ImportError::InvalidField { field, problem }) => {
            assert_eq!(
                (field.as_str(), problem.as_str()),
                ("[1].text", "missing field `text`")
            )
        }
        other => panic!("{other:?}"),
    }
}
