//! Notices: banners for what the user must know, such as storage problems, damaged data or
//! a change made in another tab, each with the action it offers.

use leptos::prelude::*;

use crate::domain::envelope::{ImportError, Kind};
use crate::storage::StorageError;

/// How serious a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Warning,
    Error,
}

/// What a notice offers besides dismissing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeAction {
    None,
    /// Download the damaged text kept under this storage key.
    DownloadDamaged(String),
    /// Choose between this tab's version of a kind and the newer one in storage.
    Conflict(Kind),
    /// Go to the Your data page to export.
    Export,
}

/// One banner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: u64,
    pub tone: Tone,
    pub message: String,
    pub action: NoticeAction,
}

/// The notices on screen.
#[derive(Debug, Clone, Copy)]
pub struct Notices(RwSignal<Vec<Notice>>);

impl Notices {
    pub(super) fn new() -> Self {
        Self(RwSignal::new(Vec::new()))
    }

    /// The notices, reactively.
    pub fn list(&self) -> Vec<Notice> {
        self.0.get()
    }

    fn add(&self, tone: Tone, message: String, action: NoticeAction) {
        self.0.update(|list| {
            // The same message twice says nothing new.
            if list.iter().any(|n| n.message == message) {
                return;
            }
            let id = list.iter().map(|n| n.id).max().unwrap_or(0) + 1;
            list.push(Notice {
                id,
                tone,
                message,
                action,
            });
        });
    }

    pub fn push(&self, tone: Tone, message: impl Into<String>) {
        self.add(tone, message.into(), NoticeAction::None);
    }

    /// Reports stored data that could not be read and was moved aside.
    pub fn damaged(&self, kind: Kind, moved_to: &str, error: &ImportError) {
        self.add(
            Tone::Error,
            format!(
                "The saved {} on this device could not be read ({error}). It has been kept aside, not deleted, and the app has started that part afresh. You can download the damaged data.",
                kind.described()
            ),
            NoticeAction::DownloadDamaged(moved_to.to_owned()),
        );
    }

    /// Reports a write that did not happen, offering an export.
    pub fn storage_error(&self, error: &StorageError) {
        self.add(Tone::Error, error.to_string(), NoticeAction::Export);
    }

    /// Reports that another tab saved a kind since this tab read it.
    pub fn conflict(&self, kind: Kind) {
        self.add(
            Tone::Warning,
            format!(
                "The {} were changed in another tab or window after this page loaded them, so your latest change here has not been saved yet. Choose which version to keep.",
                kind.label()
            ),
            NoticeAction::Conflict(kind),
        );
    }

    /// Clears any conflict notice for a kind (it has been settled).
    pub fn resolved(&self, kind: Kind) {
        let open = self.0.with_untracked(|list| {
            list.iter()
                .any(|n| n.action == NoticeAction::Conflict(kind))
        });
        if open {
            self.0
                .update(|list| list.retain(|n| n.action != NoticeAction::Conflict(kind)));
        }
    }

    pub fn dismiss(&self, id: u64) {
        self.0.update(|list| list.retain(|n| n.id != id));
    }
}
