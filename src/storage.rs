//! The localStorage edge: read, write, remove and list this app's keys, telling a full
//! quota apart from other refusals. It knows nothing of kinds, signals or notices: the app
//! state (`crate::state`) decides what to store under which key.

use gloo_storage::{LocalStorage, Storage};

/// Every key this app writes starts with this.
pub const PREFIX: &str = "osw:";

/// Why a write did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    #[error("This browser is not keeping data for this app (private browsing, or storage is switched off). Your work stays only until you close the tab: export it from Your data to keep it.")]
    Unavailable,
    #[error("This device's storage for the app is full, so your last change was not saved (what was saved before is intact). Export your data from Your data now, then free space there, for example by removing damaged copies.")]
    QuotaExceeded,
    #[error("The browser refused to save ({0}). Export your data from Your data to keep it.")]
    Refused(String),
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// True when localStorage exists and accepts a write.
pub fn is_available() -> bool {
    let Some(storage) = local_storage() else {
        return false;
    };
    let probe = format!("{PREFIX}probe");
    let ok = storage.set_item(&probe, "1").is_ok();
    let _ = storage.remove_item(&probe);
    ok
}

/// The text under a key, if any.
pub fn read(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Writes text under a key. When the write fails, the value stored before is untouched.
pub fn write(key: &str, text: &str) -> Result<(), StorageError> {
    let storage = local_storage().ok_or(StorageError::Unavailable)?;
    storage.set_item(key, text).map_err(|e| {
        let name = js_sys::Reflect::get(&e, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        match name.as_str() {
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::QuotaExceeded,
            "SecurityError" => StorageError::Unavailable,
            _ => StorageError::Refused(name),
        }
    })
}

/// Removes a key (nothing happens when it is not there).
pub fn remove(key: &str) {
    if local_storage().is_some() {
        LocalStorage::delete(key);
    }
}

/// Every key this app has written, sorted.
pub fn keys() -> Vec<String> {
    let Some(storage) = local_storage() else {
        return Vec::new();
    };
    let count = storage.length().unwrap_or(0);
    let mut keys: Vec<String> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .collect();
    keys.sort();
    keys
}
