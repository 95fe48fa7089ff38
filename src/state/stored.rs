//! Stored kinds as envelopes over the storage edge: where each kind lives, reading one
//! (migrating older versions, setting damaged text aside), writing one, and writing several
//! all or nothing with a backup of what they replace. No signals here: `AppState` calls these
//! and keeps its signals equal to what they wrote.

use chrono::NaiveDateTime;

use crate::domain::backup::{self, FullBackup, STORED_KINDS};
use crate::domain::envelope::{self, Envelope, ImportError, Kind, Versioned};
use crate::storage::{self, StorageError, PREFIX};
use crate::{browser, domain};

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

/// The stored kind a key belongs to, if it is one of the live keys.
pub fn kind_of_key(key: &str) -> Option<Kind> {
    STORED_KINDS.iter().copied().find(|&k| key_for(k) == key)
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
    let Some(text) = storage::read(&key) else {
        return Loaded::Empty;
    };
    match envelope::unwrap::<T>(&text) {
        Ok(value) => Loaded::Value(value, text),
        Err(error) => {
            let moved_to = format!(
                "{DAMAGED_PREFIX}{}:{}",
                T::KIND.id(),
                domain::dates::stamp(browser::now())
            );
            // Keep the damaged text; only clear the live key once the copy is safe.
            if storage::write(&moved_to, &text).is_ok() {
                storage::remove(&key);
            }
            Loaded::Damaged { moved_to, error }
        }
    }
}

/// Writes `value` as an envelope under its kind's key; returns the text written.
pub fn save<T: Versioned>(value: &T) -> Result<String, StorageError> {
    let text = serde_json::to_string(&envelope::wrap(value, browser::now(), None))
        .map_err(|e| StorageError::Refused(e.to_string()))?;
    storage::write(&key_for(T::KIND), &text)?;
    Ok(text)
}

/// The readable stored envelope of each kind (what a backup holds, what an import is
/// compared with).
pub fn stored_parts() -> Vec<Envelope> {
    STORED_KINDS
        .iter()
        .filter_map(|&kind| storage::read(&key_for(kind)))
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
    let before: Vec<Option<String>> = texts.iter().map(|(key, _, _)| storage::read(key)).collect();
    for ((_, backup, _), old) in texts.iter().zip(&before) {
        if let Some(old) = old {
            storage::write(backup, old)?;
        }
    }
    for (i, (key, _, text)) in texts.iter().enumerate() {
        if let Err(error) = storage::write(key, text) {
            for ((key, _, _), old) in texts.iter().zip(&before).take(i) {
                match old {
                    Some(old) => {
                        let _ = storage::write(key, old);
                    }
                    None => storage::remove(key),
                }
            }
            return Err(error);
        }
    }
    Ok(())
}

/// A backup kept on this device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub kind: Kind,
    pub saved_at: NaiveDateTime,
    pub description: String,
}

/// The backups kept on this device (one per kind: the last thing replaced).
pub fn backups() -> Vec<Backup> {
    STORED_KINDS
        .iter()
        .filter_map(|&kind| storage::read(&backup_key(kind)))
        .filter_map(|text| envelope::read_envelope(&text).ok())
        .map(|e| Backup {
            kind: e.kind,
            saved_at: e.saved_at,
            description: backup::describe(&e),
        })
        .collect()
}

/// A kind's backup, read and brought to the current schema, ready to apply.
pub fn read_backup(kind: Kind) -> Result<Option<Envelope>, StorageError> {
    let Some(text) = storage::read(&backup_key(kind)) else {
        return Ok(None);
    };
    envelope::read_envelope(&text)
        .and_then(backup::normalise)
        .map(Some)
        .map_err(|e| StorageError::Refused(e.to_string()))
}

/// The keys of damaged values set aside.
pub fn damaged_keys() -> Vec<String> {
    storage::keys()
        .into_iter()
        .filter(|k| k.starts_with(DAMAGED_PREFIX))
        .collect()
}

/// Removes everything this app stored on the device.
pub fn erase_all() {
    for key in storage::keys() {
        storage::remove(&key);
    }
}
