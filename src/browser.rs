//! The browser's clock, randomness and print dialog: small edge functions so the domain can
//! take time and seeds as plain arguments.

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
