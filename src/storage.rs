//! The one place that touches localStorage. Every value is stored as a versioned envelope
//! (see `domain::envelope`) under a key per kind. Reading tolerates damage: a value that
//! does not parse is moved aside, not deleted, and the user is told.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use crate::browser;
use crate::domain::envelope::{self, ImportError, Kind, Versioned};
use crate::state::{Notices, Tone};

/// Every key this app writes starts with this.
pub const PREFIX: &str = "osw:";

/// The storage key for a kind.
pub fn key_for(kind: Kind) -> String {
    format!("{PREFIX}{}", kind.id())
}

/// Why a write did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    #[error("This browser is not keeping data for this app (private browsing, or storage is switched off). Your work stays only until you close the tab: export it to keep it.")]
    Unavailable,
    #[error("This device's storage for the app is full, so your last change was not saved. Export your data now, then free space (for example, remove old backups on the Data page).")]
    QuotaExceeded,
    #[error("The browser refused to save: {0}. Export your data to keep it.")]
    Refused(String),
}

/// True when localStorage exists and accepts a write.
pub fn is_available() -> bool {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return false;
    };
    let probe = format!("{PREFIX}probe");
    let ok = storage.set_item(&probe, "1").is_ok();
    let _ = storage.remove_item(&probe);
    ok
}

/// The raw text under a key, if any.
pub fn read_raw(key: &str) -> Option<String> {
    if !is_available() {
        return None;
    }
    LocalStorage::raw().get_item(key).ok().flatten()
}

/// Writes raw text under a key, telling a full quota apart from other refusals.
pub fn write_raw(key: &str, text: &str) -> Result<(), StorageError> {
    if !is_available() {
        return Err(StorageError::Unavailable);
    }
    LocalStorage::raw().set_item(key, text).map_err(|e| {
        let name = js_sys::Reflect::get(&e, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
            StorageError::QuotaExceeded
        } else {
            StorageError::Refused(name)
        }
    })
}

/// Removes a key.
pub fn remove(key: &str) {
    if is_available() {
        LocalStorage::delete(key);
    }
}

/// What reading a kind found.
pub enum Loaded<T> {
    /// Nothing stored yet.
    Empty,
    Value(T),
    /// The stored text could not be read; it now lives under `moved_to`.
    Damaged {
        moved_to: String,
        error: ImportError,
    },
}

/// Reads the stored value of `T`'s kind, migrating older versions.
pub fn load<T: Versioned>() -> Loaded<T> {
    let key = key_for(T::KIND);
    let Some(text) = read_raw(&key) else {
        return Loaded::Empty;
    };
    match envelope::unwrap::<T>(&text) {
        Ok(value) => Loaded::Value(value),
        Err(error) => {
            let moved_to = format!(
                "{PREFIX}damaged:{}:{}",
                T::KIND.id(),
                browser::now().format("%Y%m%dT%H%M%S")
            );
            // Keep the damaged text; only clear the live key once the copy is safe.
            if write_raw(&moved_to, &text).is_ok() {
                remove(&key);
            }
            Loaded::Damaged { moved_to, error }
        }
    }
}

/// Writes `value` as an envelope under its kind's key.
pub fn save<T: Versioned>(value: &T, content_version: Option<&str>) -> Result<(), StorageError> {
    let text = serde_json::to_string(&envelope::wrap(value, browser::now(), content_version))
        .map_err(|e| StorageError::Refused(e.to_string()))?;
    write_raw(&key_for(T::KIND), &text)
}

/// A signal holding `T`, loaded from storage now and saved whenever it changes. Problems are
/// reported through the `Notices` in context; the value in memory is never thrown away.
pub fn persisted<T>() -> RwSignal<T>
where
    T: Versioned + Default + Clone + PartialEq + Send + Sync + 'static,
{
    let notices = expect_context::<Notices>();
    let initial = match load::<T>() {
        Loaded::Empty => T::default(),
        Loaded::Value(value) => value,
        Loaded::Damaged { moved_to, error } => {
            notices.damaged(T::KIND, &moved_to, &error);
            T::default()
        }
    };
    let signal = RwSignal::new(initial);
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        let value = signal.get();
        // The first run only subscribes: what was just loaded need not be written back.
        if first.get_value() {
            first.set_value(false);
            return;
        }
        if let Err(error) = save(&value, None) {
            notices.push(Tone::Error, error.to_string());
        }
    });
    signal
}
