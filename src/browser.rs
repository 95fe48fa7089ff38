//! The browser's clock, randomness, print dialog and the app's start: small edge functions
//! so the domain can take time and seeds as plain arguments.

use chrono::{NaiveDate, NaiveDateTime};

/// The device's local date and time, to the second.
pub fn now() -> NaiveDateTime {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .and_then(|day| day.and_hms_opt(d.get_hours(), d.get_minutes(), d.get_seconds()))
        .unwrap_or_default()
}

/// The device's local date.
pub fn today() -> NaiveDate {
    now().date()
}

/// 64 random bits for seeds and record ids (not for secrets).
pub fn random_u64() -> u64 {
    let word = || (js_sys::Math::random() * 4_294_967_296.0) as u64;
    (word() << 32) | word()
}

/// Gives the browser a turn (to paint and to answer the user) before carrying on: a long
/// job done in batches awaits this between them.
pub async fn next_turn() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let queued = web_sys::window().is_some_and(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .is_ok()
        });
        if !queued {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Opens the browser's print dialog (the print stylesheet shapes the page).
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Asks before a destructive action; false when the user cancels or no dialog is possible.
pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// Registers the service worker that keeps the app usable offline (public/sw.js). Silent
/// where service workers are unavailable (e.g. a file:// page or a locked-down browser).
pub fn register_service_worker() {
    if let Some(window) = web_sys::window() {
        let container = window.navigator().service_worker();
        let _ = container.register("/sw.js");
    }
}

/// Asks for a line of text (the browser's own accessible dialog); `None` when cancelled.
pub fn prompt(message: &str, default: &str) -> Option<String> {
    web_sys::window()
        .and_then(|w| w.prompt_with_message_and_default(message, default).ok())
        .flatten()
}

/// Scrolls to the element the address's fragment names (`#section-b`), for content that
/// arrives after the browser's own jump.
pub fn scroll_to_fragment() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let fragment = document
        .location()
        .and_then(|l| l.hash().ok())
        .unwrap_or_default();
    if let Some(target) = fragment
        .strip_prefix('#')
        .filter(|id| !id.is_empty())
        .and_then(|id| document.get_element_by_id(id))
    {
        target.scroll_into_view();
    }
}

/// Starts a bundle: panics are shown in the page (not only in the console), the app is
/// mounted, and the placeholder index.html paints before the wasm arrives is removed.
pub fn start<V: leptos::prelude::IntoView + 'static>(app: fn() -> V) {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_failure();
    }));
    leptos::mount::mount_to_body(app);
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
}

/// Tells the person, in the page, that the app has stopped, and where their data is.
fn show_failure() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Ok(note), Some(body)) = (document.create_element("div"), document.body()) else {
        return;
    };
    note.set_class_name("notice notice-error app-failure");
    let _ = note.set_attribute("role", "alert");
    note.set_text_content(Some(
        "Something went wrong and the app has stopped. Your saved data is safe in this browser. \
         Reload the page to carry on; if it happens again, open the app's safe mode (add ?safe \
         to the address) to download everything it has stored.",
    ));
    let _ = body.prepend_with_node_1(&note);
}

/// Loads the page again from the server (another bundle serves this address).
pub fn reload() {
    if let Some(location) = web_sys::window().map(|w| w.location()) {
        let _ = location.reload();
    }
}

/// The address's path, e.g. `/audit/2026-27`.
pub fn path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}
