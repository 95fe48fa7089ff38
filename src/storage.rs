//! The one place that touches localStorage. Every value is stored as a versioned envelope
//! (see `domain::envelope`) under a key per kind. Reading tolerates damage: a value that
//! does not parse is moved aside, not deleted, and the user is told. Whatever an import or
//! a restore replaces is first copied under a backup key. Tabs of the same origin follow
//! each other's changes, and a tab that missed one never overwrites it without asking.

use std::sync::Arc;

use chrono::NaiveDateTime;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use crate::browser;
use crate::domain::backup::{FullBackup, STORED_KINDS};
use crate::domain::envelope::{self, Envelope, ImportError, Kind, Versioned};
use crate::state::Notices;

/// Every key this app writes starts with this.
pub const PREFIX: &str = "osw:";

/// The storage key for a kind.
pub fn key_for(kind: Kind) -> String {
    format!("{PREFIX}{}", kind.id())
}

/// Where the last value replaced by an import or restore is kept.
pub fn backup_key(kind: Kind) -> String {
    format!("{PREFIX}backup:{}", kind.id())
}

/// Damaged values are kept under keys starting with this.
pub const DAMAGED_PREFIX: &str = "osw:damaged:";

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

/// The raw text under a key, if any.
pub fn read_raw(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Writes raw text under a key, telling a full quota apart from other refusals. When the
/// write fails, the value stored before is untouched.
pub fn write_raw(key: &str, text: &str) -> Result<(), StorageError> {
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

/// Removes a key.
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

/// What reading a kind found.
pub enum Loaded<T> {
    /// Nothing stored yet.
    Empty,
    /// The value, and the exact text it was read from.
    Value(T, String),
    /// The stored text could not be read; it now lives under `moved_to`.
    Damaged {
        moved_to: String,
        error: ImportError,
    },
}

/// Reads the stored value of `T`'s kind, migrating older versions. A value that cannot be
/// read is moved aside under a `damaged` key before the live key is cleared.
pub fn load<T: Versioned>() -> Loaded<T> {
    let key = key_for(T::KIND);
    let Some(text) = read_raw(&key) else {
        return Loaded::Empty;
    };
    match envelope::unwrap::<T>(&text) {
        Ok(value) => Loaded::Value(value, text),
        Err(error) => {
            let moved_to = format!(
                "{DAMAGED_PREFIX}{}:{}",
                T::KIND.id(),
                crate::domain::dates::stamp(browser::now())
            );
            // Keep the damaged text; only clear the live key once the copy is safe.
            if write_raw(&moved_to, &text).is_ok() {
                remove(&key);
            }
            Loaded::Damaged { moved_to, error }
        }
    }
}

/// Writes `value` as an envelope under its kind's key; returns the text written.
pub fn save<T: Versioned>(value: &T) -> Result<String, StorageError> {
    let text = serde_json::to_string(&envelope::wrap(value, browser::now(), None))
        .map_err(|e| StorageError::Refused(e.to_string()))?;
    write_raw(&key_for(T::KIND), &text)?;
    Ok(text)
}

/// The readable stored envelope of each kind (what a backup holds, what an import is
/// compared with).
pub fn stored_parts() -> Vec<Envelope> {
    STORED_KINDS
        .iter()
        .filter_map(|&kind| read_raw(&key_for(kind)))
        .filter_map(|text| envelope::read_envelope(&text).ok())
        .collect()
}

/// Everything stored, as one backup.
pub fn full_backup() -> FullBackup {
    FullBackup {
        parts: stored_parts(),
    }
}

/// Writes the parts of an import or restore, all or nothing. What each replaces is first
/// copied under its backup key; if any write fails, the ones already made are undone.
pub fn apply(parts: &[Envelope]) -> Result<(), StorageError> {
    let mut texts = Vec::with_capacity(parts.len());
    for part in parts {
        let text = serde_json::to_string(part).map_err(|e| StorageError::Refused(e.to_string()))?;
        texts.push((key_for(part.kind), backup_key(part.kind), text));
    }
    let before: Vec<Option<String>> = texts.iter().map(|(key, _, _)| read_raw(key)).collect();
    for ((_, backup, _), old) in texts.iter().zip(&before) {
        if let Some(old) = old {
            write_raw(backup, old)?;
        }
    }
    for (i, (key, _, text)) in texts.iter().enumerate() {
        if let Err(error) = write_raw(key, text) {
            for ((key, _, _), old) in texts.iter().zip(&before).take(i) {
                match old {
                    Some(old) => {
                        let _ = write_raw(key, old);
                    }
                    None => remove(key),
                }
            }
            return Err(error);
        }
    }
    Ok(())
}

/// A backup kept on this device.
pub struct Backup {
    pub kind: Kind,
    pub saved_at: NaiveDateTime,
    pub description: String,
}

/// The backups kept on this device (one per kind: the last thing replaced).
pub fn backups() -> Vec<Backup> {
    STORED_KINDS
        .iter()
        .filter_map(|&kind| read_raw(&backup_key(kind)))
        .filter_map(|text| envelope::read_envelope(&text).ok())
        .map(|e| Backup {
            kind: e.kind,
            saved_at: e.saved_at,
            description: crate::domain::backup::describe(&e),
        })
        .collect()
}

/// Puts a kind's backup back, keeping what it replaces as the new backup (so a restore
/// can itself be undone).
pub fn restore_backup(kind: Kind) -> Result<(), StorageError> {
    let Some(text) = read_raw(&backup_key(kind)) else {
        return Ok(());
    };
    let part = envelope::read_envelope(&text)
        .and_then(crate::domain::backup::normalise)
        .map_err(|e| StorageError::Refused(e.to_string()))?;
    apply(&[part])
}

/// Removes everything this app stored on the device.
pub fn erase_all() {
    for key in keys() {
        remove(&key);
    }
}

type Action = Arc<dyn Fn() + Send + Sync>;

/// A stored kind's signal, seen from outside: read it again from storage, or overwrite
/// storage with what this tab holds.
#[derive(Clone)]
struct Entry {
    kind: Kind,
    reload: Action,
    overwrite: Action,
}

/// The persisted signals in context, so a restore, an erase or another tab's change can
/// bring them up to date.
#[derive(Clone, Copy)]
pub struct Stores(StoredValue<Vec<Entry>>);

impl Stores {
    /// Creates the registry, puts it in context and follows other tabs' changes.
    pub fn provide() -> Self {
        let stores = Self(StoredValue::new(Vec::new()));
        provide_context(stores);
        let handle = window_event_listener(leptos::ev::storage, move |ev| match ev.key() {
            Some(key) => {
                if let Some(&kind) = STORED_KINDS.iter().find(|&&k| key_for(k) == key) {
                    stores.reload(kind);
                }
            }
            // `localStorage.clear()` in another tab.
            None => stores.reload_all(),
        });
        on_cleanup(move || handle.remove());
        stores
    }

    fn each(&self, kind: Option<Kind>, pick: fn(&Entry) -> Action) {
        let actions: Vec<Action> = self.0.with_value(|entries| {
            entries
                .iter()
                .filter(|e| kind.is_none_or(|k| e.kind == k))
                .map(pick)
                .collect()
        });
        for action in actions {
            action();
        }
    }

    /// Reads a kind again from storage into its signal.
    pub fn reload(&self, kind: Kind) {
        self.each(Some(kind), |e| e.reload.clone());
    }

    /// Reads every kind again (after a restore or an erase).
    pub fn reload_all(&self) {
        self.each(None, |e| e.reload.clone());
    }

    /// Writes this tab's value of a kind over whatever is stored.
    pub fn overwrite(&self, kind: Kind) {
        self.each(Some(kind), |e| e.overwrite.clone());
    }
}

/// The persisted signals in context.
pub fn use_stores() -> Stores {
    expect_context::<Stores>()
}

/// Reads `T` from storage for a signal: damaged data is reported, then starts afresh.
fn read_into<T: Versioned + Default>(notices: Notices) -> (T, Option<String>) {
    match load::<T>() {
        Loaded::Empty => (T::default(), None),
        Loaded::Value(value, text) => (value, Some(text)),
        Loaded::Damaged { moved_to, error } => {
            notices.damaged(T::KIND, &moved_to, &error);
            (T::default(), None)
        }
    }
}

/// A signal holding `T`, loaded from storage now and saved whenever it changes. Problems are
/// reported through the `Notices` in context; the value in memory is never thrown away.
///
/// The signal remembers the text it last read or wrote. If storage holds something else
/// when it is about to write (another tab saved and this one missed it), it does not write:
/// it asks the user, through a notice, which version to keep.
pub fn persisted<T>() -> RwSignal<T>
where
    T: Versioned + Default + Clone + PartialEq + Send + Sync + 'static,
{
    let notices = expect_context::<Notices>();
    let stores = expect_context::<Stores>();
    let key = key_for(T::KIND);
    let (initial, text) = read_into::<T>(notices);
    let signal = RwSignal::new(initial.clone());
    // What storage is known to hold: the value and its exact text.
    let last = StoredValue::new(initial);
    let seen = StoredValue::new(text);

    let write = move |value: &T| match save(value) {
        Ok(text) => {
            seen.set_value(Some(text));
            last.set_value(value.clone());
            notices.resolved(T::KIND);
        }
        Err(error) => notices.storage_error(&error),
    };
    let reload = move || {
        let (value, text) = read_into::<T>(notices);
        seen.set_value(text);
        last.set_value(value.clone());
        notices.resolved(T::KIND);
        signal.set(value);
    };
    let overwrite = move || signal.with_untracked(|value| write(value));

    Effect::new(move |_| {
        signal.with(|value| {
            if last.with_value(|known| known == value) {
                return;
            }
            if read_raw(&key) != seen.get_value() {
                notices.conflict(T::KIND);
                return;
            }
            write(value);
        })
    });
    stores.0.update_value(|entries| {
        entries.push(Entry {
            kind: T::KIND,
            reload: Arc::new(reload),
            overwrite: Arc::new(overwrite),
        })
    });
    signal
}
