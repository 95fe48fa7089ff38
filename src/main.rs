//! The staff's bundle: home, training and the policy (the DSL's pages are `src/bin/dsl.rs`).

#[cfg(target_arch = "wasm32")]
fn main() {
    online_safety_workbench::browser::start(online_safety_workbench::StaffApp);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "The Online Safety Workbench is a web app: build and serve it with scripts/serve.sh."
    );
}
