//! The names the wasm shares with the page's own script (public/boot.js: safe mode and the
//! loader), which cannot import them: where the app stores its values and the start-up flag.
//! Pure, so `tests/page_scripts.rs` checks natively that the script says the same.

/// Every key this app writes starts with this, in localStorage and in IndexedDB.
pub const KEY_PREFIX: &str = "osw:";

/// The IndexedDB database that holds the values too big for localStorage.
pub const DATABASE: &str = "online-safety-workbench";

/// Its one object store.
pub const STORE: &str = "values";

/// The start-up flag in sessionStorage: boot.js sets it before the wasm loads and the app
/// clears it once started (`browser::start`), so one still set at the next load of the tab
/// means the last start failed (or is still under way).
pub const BOOT_FLAG: &str = "osw:booting";
