//! The page's own script (public/boot.js: safe mode and the loader) cannot import the Rust
//! constants, so it keeps copies of them. These tests read the script and check each copy
//! against the Rust one, so adding a stored kind or a DSL address without updating the script
//! fails here rather than in a school's browser.

use online_safety_workbench::domain::backup::STORED_KINDS;
use online_safety_workbench::{names, routes};

const BOOT_JS: &str = include_str!("../public/boot.js");

/// The value of `var NAME = <value>;` in boot.js, read as JSON (a string or a list of strings:
/// the constants are written in the JSON subset of JavaScript).
fn constant(name: &str) -> serde_json::Value {
    let declaration = format!("var {name} = ");
    let mut found = BOOT_JS.match_indices(&declaration);
    let (at, _) = found
        .next()
        .unwrap_or_else(|| panic!("boot.js declares no `{declaration}`"));
    assert!(found.next().is_none(), "boot.js declares {name} twice");
    let rest = &BOOT_JS[at + declaration.len()..];
    let end = rest
        .find(";\n")
        .unwrap_or_else(|| panic!("boot.js: {name} has no `;` at the end of its line"));
    serde_json::from_str(&rest[..end])
        .unwrap_or_else(|e| panic!("boot.js: {name} is not a plain string or list: {e}"))
}

fn string(name: &str) -> String {
    constant(name)
        .as_str()
        .unwrap_or_else(|| panic!("boot.js: {name} is not a string"))
        .to_owned()
}

fn strings(name: &str) -> Vec<String> {
    serde_json::from_value(constant(name))
        .unwrap_or_else(|e| panic!("boot.js: {name} is not a list of strings: {e}"))
}

#[test]
fn safe_mode_backs_up_every_stored_kind_in_the_backup_order() {
    let kinds: Vec<String> = STORED_KINDS.iter().map(|k| k.id().to_owned()).collect();
    assert_eq!(strings("KINDS"), kinds);
}

#[test]
fn safe_mode_reads_the_keys_and_the_database_the_app_writes() {
    assert_eq!(string("KEY_PREFIX"), names::KEY_PREFIX);
    assert_eq!(string("DATABASE"), names::DATABASE);
    assert_eq!(string("STORE"), names::STORE);
}

#[test]
fn the_start_up_flag_is_the_one_the_app_clears() {
    assert_eq!(string("BOOT_FLAG"), names::BOOT_FLAG);
}

#[test]
fn the_loader_starts_the_dsl_bundle_on_the_addresses_it_serves() {
    assert_eq!(strings("DSL_PATHS"), routes::DSL_PATHS.to_vec());
    // The loader's rule (a path, or one below it) is bundle_of's.
    assert!(BOOT_JS.contains("path === prefix || path.indexOf(prefix + \"/\") === 0"));
    for path in routes::DSL_PATHS {
        assert_eq!(routes::bundle_of(path), routes::Bundle::Dsl);
        assert_eq!(routes::bundle_of(&format!("{path}/x")), routes::Bundle::Dsl);
        assert_eq!(
            routes::bundle_of(&format!("{path}x")),
            routes::Bundle::Staff
        );
    }
}
