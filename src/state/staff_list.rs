//! The staff list's workflow: the list itself, the matrix over it (shared, rebuilt when the
//! list, the records or the course change), records linked to people after each change, and
//! clearing the records.

use leptos::prelude::*;

use super::{AppState, Loading, Tone};
use crate::browser;
use crate::domain::envelope;
use crate::domain::staff::roster::{self, ListRow, Roster};
use crate::domain::staff::StaffRecords;

impl AppState {
    /// Everyone the school must train (the staff list).
    pub fn staff_list(&self) -> RwSignal<Roster> {
        self.kind()
    }

    /// The matrix over the staff list: everyone on it, then the records nobody on it
    /// matches. Empty while the list is empty (the matrix is then the records' own, as before
    /// there was a list) or the course has not loaded. Each role owes what the list's
    /// requirements say (set on the Settings page; KCSIE's until then).
    pub fn list_rows(&self) -> Memo<Vec<ListRow>> {
        if let Some(memo) = self
            .inner
            .try_update_value(|inner| inner.list_rows)
            .flatten()
        {
            return memo;
        }
        let (list, records, library) = (self.staff_list(), self.staff(), self.library);
        let today = browser::today();
        let owner = self.inner.with_value(|inner| inner.owner.clone());
        let memo = owner.with(|| {
            Memo::new(move |_| match library.course() {
                Loading::Ready(course) => list.with(|list| {
                    if list.people.is_empty() {
                        return Vec::new();
                    }
                    records.with(|records| {
                        let links = roster::link(list, records);
                        roster::list_matrix(course, list, records, &links, &list.owed, today)
                    })
                }),
                _ => Vec::new(),
            })
        });
        self.inner
            .update_value(|inner| inner.list_rows = Some(memo));
        memo
    }

    /// Links records to people on the list by name and role where one person fits, and
    /// remembers each link, so the next match is by record id. Called after every change to
    /// the records or the list; a record that could be several people stays unlinked.
    pub fn link_staff_list(&self) {
        let list = self.staff_list();
        let new = list.with_untracked(|list| {
            if list.people.is_empty() {
                return Vec::new();
            }
            self.staff()
                .with_untracked(|records| roster::link(list, records).new)
        });
        if !new.is_empty() {
            list.update(|list| list.remember(&new));
        }
    }

    /// Removes every staff record, keeping what they were as a backup; the staff list stays.
    pub async fn clear_staff(&self) {
        let now = browser::now();
        let empty = envelope::wrap(
            &StaffRecords {
                people: Vec::new(),
                updated_at: Some(now),
            },
            now,
            None,
        );
        match self.apply(&[empty]).await {
            Ok(()) => self.notices.push(Tone::Info, "Every staff record has been removed. The previous records are kept as a backup on the Your data page."),
            Err(e) => self.notices.storage_error(&e),
        }
    }
}
