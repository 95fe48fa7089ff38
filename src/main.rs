//! Entry point: a panic hook for readable errors, then the app mounted on the page.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(online_safety_workbench::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "The Online Safety Workbench is a web app: build and serve it with scripts/serve.sh."
    );
}
