//! A stored kind held in a signal: loaded when first asked for, saved whenever it changes,
//! read again when another tab changes it. Problems go to the notices; the value in memory
//! is never thrown away.
//!
//! The signal remembers what storage held when it last read or wrote (the text, or for an
//! IndexedDB kind its stamp). If storage holds something else when it is about to write
//! (another tab saved and this one missed it), it does not write: it asks the user, through
//! a notice, which version to keep. A change from another tab never overwrites a change this
//! tab has not saved yet; it raises the same question (the staff records merge by record id
//! instead). A value written by a newer version of the app is never touched: the kind goes
//! read-only in this tab and the user is asked to reload.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::notices::Notices;
use super::stored::{self, Backend, Loaded};
use crate::domain::envelope::Kind;
use crate::domain::stored_kinds::Stored;
use crate::storage::{self, StorageError};

type Action = Arc<dyn Fn() + Send + Sync>;

/// A loaded kind, seen without its type: what the app state does to every kind alike.
#[derive(Clone)]
pub(super) struct Entry {
    pub kind: Kind,
    /// Turns true once the kind has loaded (IndexedDB kinds load after the page opens).
    pub loaded: RwSignal<bool>,
    /// Reads the kind again from storage into its signal.
    pub reload: Action,
    /// Writes this tab's value over whatever is stored.
    pub overwrite: Action,
    /// Another tab changed the kind.
    pub external: Action,
}

/// What a persisted kind reports to the app state.
#[derive(Clone, Copy)]
pub(super) struct Context {
    pub notices: Notices,
    /// Bumped after every write or reload, for views that read storage itself.
    pub revision: RwSignal<u64>,
}

/// Why a tab does not write a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReadOnly {
    /// A newer version of the app wrote it.
    Newer,
    /// Damaged text stays in the live key (there was no room to copy it aside).
    Stuck,
    /// Storage could not be read at all.
    Unreadable,
}

/// How a persisted kind stands: what storage is known to hold, and whether this tab may
/// write it.
struct Known<T> {
    /// The value as storage holds it (what this tab last read or wrote).
    value: T,
    /// The text (localStorage) or stamp (IndexedDB) of that value.
    mark: Option<String>,
    /// Why this tab must not write the kind, if it must not.
    read_only: Option<ReadOnly>,
    /// Loaded from storage yet (IndexedDB kinds load after the page opens).
    loaded: bool,
    /// A write is on its way (IndexedDB).
    writing: bool,
}

/// The persisted signal of `T` and its entry.
pub(super) fn persisted<T>(cx: Context) -> (RwSignal<T>, Entry)
where
    T: Stored,
{
    let signal = RwSignal::new(T::default());
    let loaded = RwSignal::new(false);
    let known = StoredValue::new(Known {
        value: T::default(),
        mark: None,
        read_only: None,
        loaded: false,
        writing: false,
    });

    // Where the kind lives is settled when its code is built (`T::BACKEND`), so a bundle
    // links only the storage its kinds use: the staff's has no IndexedDB.

    // Takes what storage holds into the signal; reports damage and newer versions.
    let take = move |found: Loaded<T>| {
        let (value, mark, read_only) = match found {
            Loaded::Empty => (T::default(), None, None),
            Loaded::Value(value, mark) => (value, Some(mark), None),
            Loaded::Damaged {
                moved_to: Some(key),
                error,
            } => {
                cx.notices.damaged(T::KIND, &key, &error);
                (T::default(), None, None)
            }
            Loaded::Damaged {
                moved_to: None,
                error,
            } => {
                cx.notices
                    .damaged_in_place(T::KIND, &stored::key_for(T::KIND), &error);
                (T::default(), None, Some(ReadOnly::Stuck))
            }
            Loaded::Newer(_) => {
                cx.notices.newer(T::KIND);
                (T::default(), None, Some(ReadOnly::Newer))
            }
            Loaded::Mended {
                value,
                mark,
                report,
            } => {
                cx.notices.mended(T::KIND, &report, mark.is_some());
                // Without room to keep what was stored, nothing is written over it.
                let read_only = mark.is_none().then_some(ReadOnly::Stuck);
                (value, mark, read_only)
            }
        };
        known.update_value(|k| {
            k.value = value.clone();
            k.mark = mark;
            k.read_only = read_only;
            k.loaded = true;
        });
        cx.notices.resolved(T::KIND);
        signal.set(value);
        loaded.set(true);
        cx.revision.update(|n| *n += 1);
    };
    let read = move || match const { T::BACKEND } {
        Backend::Local => take(stored::load::<T>()),
        Backend::Indexed => spawn_local(async move {
            match stored::load_indexed::<T>().await {
                Ok(found) => take(found),
                Err(error) => {
                    cx.notices.storage_error(&error);
                    // Nothing could be read: keep the kind read-only rather than write an
                    // empty value over what may be there.
                    known.update_value(|k| {
                        k.read_only = Some(ReadOnly::Unreadable);
                        k.loaded = true;
                    });
                    loaded.set(true);
                }
            }
        }),
    };

    let stored_mark = move || match const { T::BACKEND } {
        Backend::Local => storage::read(&stored::key_for(T::KIND)),
        Backend::Indexed => storage::read(&stored::stamp_key(T::KIND)),
    };

    // Writes a value; a localStorage write is done at once, an IndexedDB one on its way.
    let write = move |value: T| {
        let done = move |result: Result<String, StorageError>, value: T| match result {
            Ok(mark) => {
                known.update_value(|k| {
                    k.value = value;
                    k.mark = Some(mark);
                    k.writing = false;
                });
                cx.notices.resolved(T::KIND);
                cx.revision.update(|n| *n += 1);
            }
            Err(error) => {
                known.update_value(|k| k.writing = false);
                cx.notices.storage_error(&error);
            }
        };
        match const { T::BACKEND } {
            Backend::Local => done(stored::save(&value), value),
            Backend::Indexed => {
                known.update_value(|k| k.writing = true);
                spawn_local(async move {
                    let result = stored::save_indexed(&value).await;
                    done(result, value);
                    // Changes made while the write was on its way are written next.
                    signal.update(|_| {});
                });
            }
        }
    };

    let overwrite = move || {
        if known.with_value(|k| k.read_only.is_some()) {
            return;
        }
        signal.with_untracked(|value| write(value.clone()));
    };

    // Another tab changed the kind: take its version unless this tab has a change not yet
    // saved, which is merged where the kind knows how, and otherwise asked about.
    let external = move || {
        if !known.with_value(|k| k.loaded) {
            return;
        }
        let unsaved = signal.with_untracked(|v| known.with_value(|k| *v != k.value));
        if !unsaved {
            read();
            return;
        }
        // Merges their version into this tab's where the kind can (the signal then differs
        // from what storage holds, so the effect writes the merge); otherwise asks.
        let settle = move |found: Option<Loaded<T>>| {
            if let Some(Loaded::Value(theirs, mark)) = found {
                if let Some(merged) = signal.with_untracked(|mine| T::merge(mine, &theirs)) {
                    known.update_value(|k| {
                        k.value = theirs;
                        k.mark = Some(mark);
                    });
                    signal.set(merged);
                    return;
                }
            }
            cx.notices.conflict(T::KIND);
        };
        match const { T::BACKEND } {
            Backend::Local => settle(Some(stored::load::<T>())),
            Backend::Indexed => {
                spawn_local(async move { settle(stored::load_indexed::<T>().await.ok()) })
            }
        }
    };

    Effect::new(move |_| {
        signal.with(|value| {
            let (ready, same, read_only, writing) =
                known.with_value(|k| (k.loaded, k.value == *value, k.read_only, k.writing));
            if !ready || same || writing {
                return;
            }
            match read_only {
                Some(ReadOnly::Newer) => return cx.notices.newer(T::KIND),
                Some(ReadOnly::Stuck | ReadOnly::Unreadable) => return,
                None => {}
            }
            if stored_mark() != known.with_value(|k| k.mark.clone()) {
                // Another tab saved since this one read: merge where the kind can, else ask.
                external();
                return;
            }
            write(value.clone());
        })
    });
    read();
    let entry = Entry {
        kind: T::KIND,
        loaded,
        reload: Arc::new(read),
        overwrite: Arc::new(overwrite),
        external: Arc::new(external),
    };
    (signal, entry)
}
