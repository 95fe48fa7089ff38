//! The browser's clock, randomness, print dialog and the app's start: small edge functions
//! so the domain can take time and seeds as plain arguments.

use chrono::{NaiveDate, NaiveDateTime};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

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

/// 64 bits from the browser's cryptographic generator, for a training session's code
/// (`None` where it offers none).
pub fn secret_u64() -> Option<u64> {
    let mut bytes = [0u8; 8];
    web_sys::window()?
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut bytes)
        .ok()?;
    Some(u64::from_le_bytes(bytes))
}

/// Where this tab keeps the training session code typed before a quiz (`sessionStorage`:
/// kept while the tab is open, so each quiz of the session uses it, and never in a file).
const SESSION_CODE: &str = "online-safety-workbench.session-code";

/// The training session code typed in this tab, if any.
pub fn session_code() -> Option<String> {
    web_sys::window()?
        .session_storage()
        .ok()??
        .get_item(SESSION_CODE)
        .ok()?
}

/// Keeps (or, with `None`, forgets) the training session code for this tab.
pub fn set_session_code(code: Option<&str>) {
    let Some(storage) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) else {
        return;
    };
    let _ = match code {
        Some(code) => storage.set_item(SESSION_CODE, code),
        None => storage.remove_item(SESSION_CODE),
    };
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

/// Sets the document's title.
pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
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

/// Registers the service worker that keeps the app usable offline (public/sw.js), and calls
/// `on_update` when a new version of the app has installed and is waiting: one that did so
/// before this page opened, or one the worker announces (`update-ready`) while it is open.
/// The worker checks for a new version whenever the tab is shown again. Silent where service
/// workers are unavailable (a file:// page, a locked-down browser).
pub fn register_service_worker(on_update: impl Fn() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    // No worker over plain HTTP (navigator.serviceWorker is undefined) or where it is blocked:
    // the app works as before, only without the offline copy.
    let navigator = window.navigator();
    let available = js_sys::Reflect::get(&navigator, &"serviceWorker".into())
        .is_ok_and(|w| w.is_instance_of::<web_sys::ServiceWorkerContainer>());
    if !available {
        return;
    }
    let container = navigator.service_worker();
    let on_update = std::rc::Rc::new(on_update);
    let announced = on_update.clone();
    let listen = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let kind = js_sys::Reflect::get(&ev.data(), &"type".into()).ok();
        if kind.and_then(|k| k.as_string()).as_deref() == Some("update-ready") {
            announced();
        }
    });
    // Setting onmessage (not adding a listener) also starts the worker's messages flowing.
    container.set_onmessage(Some(listen.as_ref().unchecked_ref()));
    listen.forget();
    let registered = container.register("/sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = JsFuture::from(registered).await else {
            return;
        };
        let Ok(registration) = registration.dyn_into::<web_sys::ServiceWorkerRegistration>() else {
            return; // a browser that blocks workers may answer with nothing
        };
        if registration.waiting().is_some() && container.controller().is_some() {
            on_update();
        }
        let Some(document) = window.document() else {
            return;
        };
        let shown = document.clone();
        let check = Closure::<dyn Fn()>::new(move || {
            if shown.visibility_state() == web_sys::VisibilityState::Visible {
                let _ = registration.update();
            }
        });
        let _ = document
            .add_event_listener_with_callback("visibilitychange", check.as_ref().unchecked_ref());
        check.forget();
    });
}

/// Moves this tab (and every other) to the waiting new version: asks it to take over, then
/// reloads once it has. Only a change of worker asked for here reloads the page.
pub fn use_new_version() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    let reload = Closure::once_into_js(move || {
        let _ = window.location().reload();
    });
    let _ = container.add_event_listener_with_callback("controllerchange", reload.unchecked_ref());
    let ready = container.get_registration();
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = JsFuture::from(ready).await else {
            return;
        };
        let Some(registration) = registration
            .dyn_into::<web_sys::ServiceWorkerRegistration>()
            .ok()
        else {
            return;
        };
        if let Some(worker) = registration.waiting().or_else(|| registration.installing()) {
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"type".into(), &"skip-waiting".into());
            let _ = worker.post_message(&message);
        }
    });
}

/// Asks for a line of text (the browser's own accessible dialog); `None` when cancelled.
pub fn prompt(message: &str, default: &str) -> Option<String> {
    web_sys::window()
        .and_then(|w| w.prompt_with_message_and_default(message, default).ok())
        .flatten()
}

/// Scrolls to the element the address's fragment names (`#section-b`), for content that
/// arrives after the browser's own jump. False when there is no such element.
pub fn scroll_to_fragment() -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let fragment = document
        .location()
        .and_then(|l| l.hash().ok())
        .unwrap_or_default();
    let target = fragment
        .strip_prefix('#')
        .filter(|id| !id.is_empty())
        .and_then(|id| document.get_element_by_id(id));
    match target {
        Some(target) => {
            target.scroll_into_view();
            true
        }
        None => false,
    }
}

/// Starts a bundle: panics are shown in the page (not only in the console), the app is
/// mounted, the placeholder index.html paints before the wasm arrives is removed, and the
/// start-up guard's flag is cleared (still set at the next load, it opens safe mode).
pub fn start<V: leptos::prelude::IntoView + 'static>(app: fn() -> V) {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_failure();
    }));
    leptos::mount::mount_to_body(app);
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(boot) = window.document().and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    if let Ok(Some(session)) = window.session_storage() {
        let _ = session.remove_item(BOOT_FLAG);
    }
}

/// The start-up guard's flag in sessionStorage (set by public/boot.js before the wasm loads).
pub use crate::names::BOOT_FLAG;

/// Tells the person, in the page, that the app has stopped and offers safe mode's download
/// of everything stored (public/boot.js's `oswSafeMode`), or says where to find it.
fn show_failure() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let reason = "The app stopped because of an error.";
    let safe_mode = js_sys::Reflect::get(&window, &"oswSafeMode".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(safe_mode) = safe_mode {
        let _ = safe_mode.call1(&wasm_bindgen::JsValue::NULL, &reason.into());
        return;
    }
    let Some(document) = window.document() else {
        return;
    };
    let (Ok(note), Some(body)) = (document.create_element("div"), document.body()) else {
        return;
    };
    note.set_class_name("notice notice-error app-failure");
    let _ = note.set_attribute("role", "alert");
    note.set_text_content(Some(
        "The app stopped because of an error. Your saved data is safe in this browser. \
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
