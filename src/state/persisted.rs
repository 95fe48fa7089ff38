//! A stored kind held in a signal: loaded when first asked for, saved whenever it changes,
//! read again when storage changes under it. Problems go to the notices; the value in memory
//! is never thrown away.

use std::sync::Arc;

use leptos::prelude::*;

use super::notices::Notices;
use super::stored::{self, Loaded};
use crate::domain::envelope::{Kind, Versioned};
use crate::storage;

type Action = Arc<dyn Fn() + Send + Sync>;

/// A loaded kind, seen without its type: what the app state does to every kind alike.
#[derive(Clone)]
pub(super) struct Entry {
    pub kind: Kind,
    /// Reads the kind again from storage into its signal.
    pub reload: Action,
    /// Writes this tab's value over whatever is stored.
    pub overwrite: Action,
}

/// What a persisted kind reports to the app state.
#[derive(Clone, Copy)]
pub(super) struct Context {
    pub notices: Notices,
    /// Bumped after every write or reload, for views that read storage itself.
    pub revision: RwSignal<u64>,
}

/// Reads `T` from storage for a signal: damaged data is reported, then starts afresh.
fn read_into<T: Versioned + Default>(cx: Context) -> (T, Option<String>) {
    match stored::load::<T>() {
        Loaded::Empty => (T::default(), None),
        Loaded::Value(value, text) => (value, Some(text)),
        Loaded::Damaged { moved_to, error } => {
            cx.notices.damaged(T::KIND, &moved_to, &error);
            cx.revision.update(|n| *n += 1);
            (T::default(), None)
        }
    }
}

/// A signal holding `T`, loaded from storage now and saved whenever it changes, with the
/// entry the app state uses to reload or overwrite it.
///
/// The signal remembers the text it last read or wrote. If storage holds something else
/// when it is about to write (another tab saved and this one missed it), it does not write:
/// it asks the user, through a notice, which version to keep.
pub(super) fn persisted<T>(cx: Context) -> (RwSignal<T>, Entry)
where
    T: Versioned + Default + Clone + PartialEq + Send + Sync + 'static,
{
    let key = stored::key_for(T::KIND);
    let (initial, text) = read_into::<T>(cx);
    let signal = RwSignal::new(initial.clone());
    // What storage is known to hold: the value and its exact text.
    let last = StoredValue::new(initial);
    let seen = StoredValue::new(text);

    let write = move |value: &T| match stored::save(value) {
        Ok(text) => {
            seen.set_value(Some(text));
            last.set_value(value.clone());
            cx.notices.resolved(T::KIND);
            cx.revision.update(|n| *n += 1);
        }
        Err(error) => cx.notices.storage_error(&error),
    };
    let reload = move || {
        let (value, text) = read_into::<T>(cx);
        seen.set_value(text);
        last.set_value(value.clone());
        cx.notices.resolved(T::KIND);
        signal.set(value);
        cx.revision.update(|n| *n += 1);
    };
    let overwrite = move || signal.with_untracked(|value| write(value));

    Effect::new(move |_| {
        signal.with(|value| {
            if last.with_value(|known| known == value) {
                return;
            }
            if storage::read(&key) != seen.get_value() {
                cx.notices.conflict(T::KIND);
                return;
            }
            write(value);
        })
    });
    let entry = Entry {
        kind: T::KIND,
        reload: Arc::new(reload),
        overwrite: Arc::new(overwrite),
    };
    (signal, entry)
}
