//! Stored kinds as envelopes over the storage edge: where each kind lives, reading one
//! (migrating older versions, setting damaged text aside, leaving newer versions alone),
//! writing one, and writing several all or nothing with a backup of what they replace. No
//! signals here: `AppState` calls these and keeps its signals equal to what they wrote.
//!
//! Small kinds live in localStorage. The DSL's staff records, which can hold thousands of
//! people, live in IndexedDB, with a small stamp in localStorage that changes on every write
//! (so other tabs hear of it, and a stale tab can tell). A kind's backup and damaged copies
//! live with it.

use chrono::NaiveDateTime;

use crate::domain::backup::{self, FullBackup, STORED_KINDS};
use crate::domain::envelope::{self, Envelope, ImportError, Kind, Versioned};
use crate::domain::stored_kinds::{self, Stored};
use crate::domain::text::Repair;
use crate::storage::{self, indexed, StorageError, PREFIX};
use crate::{browser, domain};

pub use crate::domain::stored_kinds::Backend;

/// Where `kind` is kept (a kind that is only ever a file is never stored: localStorage, so
/// nothing looks for it in IndexedDB).
pub fn backend(kind: Kind) -> Backend {
    stored_kinds::backend(kind).unwrap_or(Backend::Local)
}

/// The storage key for a kind.
pub fn key_for(kind: Kind) -> String {
    format!("{PREFIX}{}", kind.id())
}

/// Where the last value replaced by an import or restore is kept.
pub fn backup_key(kind: Kind) -> String {
    format!("{PREFIX}backup:{}", kind.id())
}

/// The localStorage key whose text changes whenever an IndexedDB kind is written.
pub fn stamp_key(kind: Kind) -> String {
    format!("{PREFIX}stamp:{}", kind.id())
}

/// Damaged values are kept under keys starting with this.
pub const DAMAGED_PREFIX: &str = "osw:damaged:";

/// The stored kind a localStorage key announces a change to (its live key or its stamp).
pub fn kind_of_key(key: &str) -> Option<Kind> {
    STORED_KINDS.iter().copied().find(|&k| match backend(k) {
        Backend::Local => key_for(k) == key,
        Backend::Indexed => stamp_key(k) == key,
    })
}

/// The stored kind a damaged copy's key names.
pub fn kind_of_damaged(key: &str) -> Option<Kind> {
    let id = key.strip_prefix(DAMAGED_PREFIX)?.split(':').next()?;
    Kind::from_id(id)
}

/// What reading a kind found.
pub enum Loaded<T> {
    /// Nothing stored yet.
    Empty,
    /// The value, and what marks this version of it: the exact text for a localStorage
    /// kind, the stamp for an IndexedDB one.
    Value(T, String),
    /// The stored text could not be read; it now lives under `moved_to`, or stays where it
    /// was when there was no room to copy it (`moved_to` is then `None`).
    Damaged {
        moved_to: Option<String>,
        error: ImportError,
    },
    /// Written by a newer version of the app: left exactly where it is.
    Newer(ImportError),
    /// Loaded with text repaired or entries set aside (`Mended` says which). What was stored
    /// is now the kind's backup, each entry set aside has a key of its own, and the value
    /// that loaded is stored under its mark; `mark` is `None` when there was no room for
    /// those copies, and nothing was written.
    Mended {
        value: T,
        mark: Option<String>,
        report: Mended,
    },
}

/// What a load repaired and set aside.
#[derive(Debug, Clone, PartialEq)]
pub struct Mended {
    pub repairs: Vec<Repair>,
    pub set_aside: Vec<Aside>,
}

/// An entry a load set aside.
#[derive(Debug, Clone, PartialEq)]
pub struct Aside {
    /// What it is ("Bo Baker's profile").
    pub name: String,
    pub error: ImportError,
    /// Where it is kept (`None`: there was no room to keep it, and nothing was written).
    pub key: Option<String>,
}

/// The writes that keep what a mended load changed, in order: what was stored becomes the
/// kind's backup, then each entry set aside goes under a damaged key of its own (as a value
/// of the kind holding only that entry, which Your data can put back).
/// Not generic, so its code is in the wasm once.
fn mend_writes(
    kind: Kind,
    schema_version: u32,
    text: String,
    set_aside: &[envelope::SetAside],
) -> Vec<(String, String)> {
    let mut writes = vec![(backup_key(kind), text)];
    let aside = damaged_key(kind);
    for (n, entry) in set_aside.iter().enumerate() {
        let envelope = Envelope {
            format: envelope::FORMAT.to_owned(),
            kind,
            schema_version,
            app_version: envelope::APP_VERSION.to_owned(),
            content_version: None,
            saved_at: browser::now(),
            data: entry.data.clone(),
        };
        let text = serde_json::to_string(&envelope)
            .unwrap_or_else(|_| unreachable!("envelopes always serialise"));
        writes.push((format!("{aside}:{}", n + 1), text));
    }
    writes
}

/// Makes `writes` in localStorage in order until one fails; returns how many were made.
fn write_local(writes: &[(String, String)]) -> usize {
    writes
        .iter()
        .take_while(|(key, text)| storage::write(key, text).is_ok())
        .count()
}

/// The report of a mended load, given how many of its writes were made.
fn mended<T: Versioned>(
    kept: envelope::Kept<T>,
    writes: &[(String, String)],
    made: usize,
    mark: Option<String>,
) -> Loaded<T> {
    let set_aside = kept
        .set_aside
        .into_iter()
        .zip(&writes[1..])
        .enumerate()
        .map(|(n, (entry, (key, _)))| Aside {
            name: entry.name,
            error: entry.error,
            key: (n + 1 < made).then(|| key.clone()),
        })
        .collect();
    Loaded::Mended {
        value: kept.value,
        mark,
        report: Mended {
            repairs: kept.repairs,
            set_aside,
        },
    }
}

fn damaged_key(kind: Kind) -> String {
    format!(
        "{DAMAGED_PREFIX}{}:{}",
        kind.id(),
        domain::dates::stamp(browser::now())
    )
}

/// Reads the localStorage value of `T`'s kind, migrating older versions. A value written by
/// a newer version is left alone; one that cannot be read is copied aside under a `damaged`
/// key, and the live key is cleared only once the copy is safe.
pub fn load<T: Versioned>() -> Loaded<T> {
    let key = key_for(T::KIND);
    let Some(text) = storage::read(&key) else {
        return Loaded::Empty;
    };
    match envelope::load::<T>(&text) {
        Ok(kept) if kept.is_whole() => Loaded::Value(kept.value, text),
        Ok(kept) => {
            let writes = mend_writes(T::KIND, T::SCHEMA_VERSION, text, &kept.set_aside);
            let made = write_local(&writes);
            let mark = (made == writes.len())
                .then(|| save(&kept.value).ok())
                .flatten();
            mended(kept, &writes, made, mark)
        }
        Err(error @ ImportError::NewerVersion { .. }) => Loaded::Newer(error),
        Err(error) => {
            let aside = damaged_key(T::KIND);
            let moved_to = storage::write(&aside, &text).ok().map(|()| {
                storage::remove(&key);
                aside
            });
            Loaded::Damaged { moved_to, error }
        }
    }
}

/// Reads the IndexedDB value of `T`'s kind, as `load` does for localStorage.
pub async fn load_indexed<T: Versioned>() -> Result<Loaded<T>, StorageError> {
    let key = key_for(T::KIND);
    let Some(text) = indexed::read(&key).await? else {
        return Ok(Loaded::Empty);
    };
    let stamp = storage::read(&stamp_key(T::KIND)).unwrap_or_default();
    Ok(match envelope::load::<T>(&text) {
        Ok(kept) if kept.is_whole() => Loaded::Value(kept.value, stamp),
        Ok(kept) => {
            let writes = mend_writes(T::KIND, T::SCHEMA_VERSION, text, &kept.set_aside);
            let mut made = 0;
            for (key, text) in &writes {
                if indexed::write(key, text).await.is_err() {
                    break;
                }
                made += 1;
            }
            let mark = if made == writes.len() {
                save_indexed(&kept.value).await.ok()
            } else {
                None
            };
            mended(kept, &writes, made, mark)
        }
        Err(error @ ImportError::NewerVersion { .. }) => Loaded::Newer(error),
        Err(error) => {
            let aside = damaged_key(T::KIND);
            let moved_to = match indexed::write(&aside, &text).await {
                Ok(()) => {
                    let _ = indexed::remove(&key).await;
                    Some(aside)
                }
                Err(_) => None,
            };
            Loaded::Damaged { moved_to, error }
        }
    })
}

/// A value as the app stores it: an envelope in compact JSON.
fn text_of<T: Versioned>(value: &T) -> Result<String, StorageError> {
    serde_json::to_string(&envelope::wrap(value, browser::now(), None))
        .map_err(|e| StorageError::Refused(e.to_string()))
}

/// Writes `value` under its kind's localStorage key; returns the text written.
pub fn save<T: Versioned>(value: &T) -> Result<String, StorageError> {
    let text = text_of(value)?;
    storage::write(&key_for(T::KIND), &text)?;
    Ok(text)
}

/// A new stamp for an IndexedDB kind's write: when, and something no other tab will pick.
fn new_stamp() -> String {
    format!(
        "{}:{:016x}",
        domain::dates::stamp(browser::now()),
        browser::random_u64()
    )
}

/// Writes `value` under its kind's IndexedDB key, then a new stamp; returns the stamp.
pub async fn save_indexed<T: Versioned>(value: &T) -> Result<String, StorageError> {
    let text = text_of(value)?;
    indexed::write(&key_for(T::KIND), &text).await?;
    let stamp = new_stamp();
    storage::write(&stamp_key(T::KIND), &stamp)?;
    Ok(stamp)
}

/// The text stored under one of a kind's keys (live or backup), wherever the kind lives.
async fn read_under(backend: Backend, key: &str) -> Option<String> {
    match backend {
        Backend::Local => storage::read(key),
        Backend::Indexed => indexed::read(key).await.ok().flatten(),
    }
}

/// The text stored for a kind, wherever it lives.
async fn read_kind(kind: Kind) -> Option<String> {
    read_under(backend(kind), &key_for(kind)).await
}

/// The text under any key this app uses, wherever it lives (a damaged copy, say). Only the
/// DSL's bundle reads IndexedDB: the staff's uses [`read_local`].
pub async fn read_any(key: &str) -> Option<String> {
    match storage::read(key) {
        Some(text) => Some(text),
        None => indexed::read(key).await.ok().flatten(),
    }
}

/// The text under a localStorage key: everything the staff's bundle stores lives there.
pub async fn read_local(key: &str) -> Option<String> {
    storage::read(key)
}

/// The readable stored envelope of each kind (what a backup holds, what an import is
/// compared with).
pub async fn stored_parts() -> Vec<Envelope> {
    let mut parts = Vec::new();
    for kind in STORED_KINDS {
        if let Some(envelope) = read_kind(kind)
            .await
            .and_then(|text| envelope::read_envelope_unbounded(&text).ok())
        {
            parts.push(envelope);
        }
    }
    parts
}

/// Everything stored, as one backup.
pub async fn full_backup() -> FullBackup {
    FullBackup {
        parts: stored_parts().await,
    }
}

/// Writes `text` under a kind's key (live or backup), wherever the kind lives.
async fn write_kind(kind: Kind, key: &str, text: &str) -> Result<(), StorageError> {
    match backend(kind) {
        Backend::Local => storage::write(key, text),
        Backend::Indexed => {
            indexed::write(key, text).await?;
            if key == key_for(kind) {
                storage::write(&stamp_key(kind), &new_stamp())?;
            }
            Ok(())
        }
    }
}

async fn remove_kind(kind: Kind, key: &str) {
    match backend(kind) {
        Backend::Local => storage::remove(key),
        Backend::Indexed => {
            let _ = indexed::remove(key).await;
            if key == key_for(kind) {
                let _ = storage::write(&stamp_key(kind), &new_stamp());
            }
        }
    }
}

/// Writes the parts of an import or restore, all or nothing. What each replaces is first
/// copied under its backup key; if any write fails, the ones already made are undone.
pub async fn apply(parts: &[Envelope]) -> Result<(), StorageError> {
    let mut texts = Vec::with_capacity(parts.len());
    for part in parts {
        let text = serde_json::to_string(part).map_err(|e| StorageError::Refused(e.to_string()))?;
        texts.push((part.kind, text));
    }
    let mut before = Vec::with_capacity(texts.len());
    for (kind, _) in &texts {
        before.push(read_kind(*kind).await);
    }
    for ((kind, _), old) in texts.iter().zip(&before) {
        if let Some(old) = old {
            write_kind(*kind, &backup_key(*kind), old).await?;
        }
    }
    for (i, (kind, text)) in texts.iter().enumerate() {
        if let Err(error) = write_kind(*kind, &key_for(*kind), text).await {
            for ((kind, _), old) in texts.iter().zip(&before).take(i) {
                match old {
                    Some(old) => {
                        let _ = write_kind(*kind, &key_for(*kind), old).await;
                    }
                    None => remove_kind(*kind, &key_for(*kind)).await,
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

async fn read_backup_text(kind: Kind) -> Option<String> {
    read_under(backend(kind), &backup_key(kind)).await
}

/// The backups kept on this device (one per kind: the last thing replaced).
pub async fn backups() -> Vec<Backup> {
    let mut out = Vec::new();
    for kind in STORED_KINDS {
        if let Some(e) = read_backup_text(kind)
            .await
            .and_then(|text| envelope::read_envelope_unbounded(&text).ok())
        {
            out.push(Backup {
                kind: e.kind,
                saved_at: e.saved_at,
                description: backup::describe(&e),
            });
        }
    }
    out
}

/// A kind's backup, read and brought to the current schema, ready to apply.
pub async fn read_backup(kind: Kind) -> Result<Option<Envelope>, StorageError> {
    let Some(text) = read_backup_text(kind).await else {
        return Ok(None);
    };
    envelope::read_envelope_unbounded(&text)
        .and_then(backup::normalise)
        .map(Some)
        .map_err(|e| StorageError::Refused(e.to_string()))
}

/// Rewrites a localStorage kind's backup with `change` applied to its data (to take a person
/// out of it); nothing happens when there is no readable backup. Only for kinds kept in
/// localStorage, and not `async`: the staff's bundle calls it (erasing a profile), and an
/// `async` choice of storage would link IndexedDB into it even where never taken.
pub fn rewrite_local_backup<T: Stored>(change: impl FnOnce(&mut T)) -> Result<(), StorageError> {
    const { assert!(matches!(T::BACKEND, Backend::Local)) };
    let key = backup_key(T::KIND);
    let Some(text) = storage::read(&key) else {
        return Ok(());
    };
    let Ok(envelope) = envelope::read_envelope_unbounded(&text) else {
        return Ok(());
    };
    let saved_at = envelope.saved_at;
    let Ok(mut value) = envelope::open::<T>(envelope) else {
        return Ok(());
    };
    change(&mut value);
    let text = serde_json::to_string(&envelope::wrap(&value, saved_at, None))
        .map_err(|e| StorageError::Refused(e.to_string()))?;
    storage::write(&key, &text)
}

/// The keys of damaged values set aside, wherever they are.
pub async fn damaged_keys() -> Vec<String> {
    let mut keys: Vec<String> = storage::keys()
        .into_iter()
        .chain(indexed::keys().await.unwrap_or_default())
        .filter(|k| k.starts_with(DAMAGED_PREFIX))
        .collect();
    keys.sort_unstable();
    keys
}

/// Removes one key, wherever it is.
pub async fn remove_any(key: &str) {
    storage::remove(key);
    let _ = indexed::remove(key).await;
}

/// Removes everything this app stored on the device.
pub async fn erase_all() {
    for key in storage::keys() {
        storage::remove(&key);
    }
    for key in indexed::keys().await.unwrap_or_default() {
        let _ = indexed::remove(&key).await;
    }
}

/// One kind of stored data as the Data page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub kind: Kind,
    pub backend: Backend,
    /// The bytes it takes: its live value, its backup and its damaged copies.
    pub bytes: usize,
    /// What the live value holds and when it was saved (`None` when nothing readable is
    /// stored).
    pub live: Option<(String, NaiveDateTime)>,
}

/// Every stored kind: what it holds, where, and how much room it takes.
pub async fn inventory() -> Vec<Held> {
    let damaged = damaged_keys().await;
    let mut out = Vec::new();
    for kind in STORED_KINDS {
        let live = read_kind(kind).await;
        let mut bytes = live.as_ref().map_or(0, String::len);
        let prefix = format!("{DAMAGED_PREFIX}{}:", kind.id());
        for key in std::iter::once(backup_key(kind))
            .chain(damaged.iter().filter(|k| k.starts_with(&prefix)).cloned())
        {
            bytes += read_any(&key).await.map_or(0, |t| t.len());
        }
        let live = live
            .and_then(|text| envelope::read_envelope_unbounded(&text).ok())
            .map(|e| (backup::describe(&e), e.saved_at));
        out.push(Held {
            kind,
            backend: backend(kind),
            bytes,
            live,
        });
    }
    out
}

/// The characters localStorage holds for this app (keys and values), which browsers cap at
/// about five million.
pub fn local_chars() -> usize {
    storage::keys()
        .iter()
        .map(|k| k.len() + storage::read(k).map_or(0, |v| v.len()))
        .sum()
}
