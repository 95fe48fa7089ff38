//! The DSL's bundle: the audit, the staff records, the data page and the settings. Staff
//! never download it; index.html's loader fetches it only for the DSL's addresses.

#[cfg(target_arch = "wasm32")]
fn main() {
    online_safety_workbench::browser::start(online_safety_workbench::DslApp);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "The Online Safety Workbench is a web app: build and serve it with scripts/serve.sh."
    );
}
