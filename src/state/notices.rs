//! Notices: banners for what the user must know, such as storage problems, damaged data or
//! a change made in another tab, each with the action it offers.

use leptos::prelude::*;

use crate::domain::envelope::{ImportError, Kind};
use crate::storage::StorageError;

use super::stored::Mended;

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
    /// Reload the page (a newer version of the app is in use).
    Reload,
    /// Move to the new version of the app that has installed and waits.
    UseNewVersion,
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

    /// Reports stored data that could not be read and could not be copied aside (no room):
    /// it stays where it is and nothing is written over it.
    pub fn damaged_in_place(&self, kind: Kind, key: &str, error: &ImportError) {
        self.add(
            Tone::Error,
            format!(
                "The saved {} on this device could not be read ({error}), and there was no room to copy it aside. It is left exactly as it is and nothing will be saved over it: download it, then free space on Your data.",
                kind.described()
            ),
            NoticeAction::DownloadDamaged(key.to_owned()),
        );
    }

    /// Reports what a load repaired and set aside; each entry set aside can be downloaded.
    /// `kept` is false when there was no room to keep copies, so nothing was written.
    pub fn mended(&self, kind: Kind, report: &Mended, kept: bool) {
        let mut changes: Vec<String> = report
            .repairs
            .iter()
            .take(5)
            .map(|r| format!("{} ({})", r.field, r.problem))
            .collect();
        if report.repairs.len() > 5 {
            changes.push(format!("and {} more", report.repairs.len() - 5));
        }
        if !changes.is_empty() {
            self.add(
                Tone::Warning,
                format!(
                    "Some text in the saved {} broke a rule this version of the app keeps, so it was repaired as it loaded: {}. Invisible characters and tabs were taken out, and text longer than its field allows was shortened. {}",
                    kind.label(),
                    changes.join("; "),
                    if kept { "The version before the repair is kept as a backup on Your data." } else { "There was no room to keep a copy, so nothing has been saved over the stored version: free space on Your data." }
                ),
                NoticeAction::None,
            );
        }
        for aside in &report.set_aside {
            let message = format!(
                "{} could not be loaded ({}), so it has been set aside and everything else in the saved {} loaded. {}",
                aside.name,
                aside.error,
                kind.label(),
                if aside.key.is_some() { "It is kept, not deleted: download it, or put it back from Your data once it can be read." } else { "There was no room to keep a copy, so nothing has been saved over the stored version: free space on Your data." }
            );
            let action = aside
                .key
                .clone()
                .map_or(NoticeAction::None, NoticeAction::DownloadDamaged);
            self.add(Tone::Error, message, action);
        }
    }

    /// Reports data saved by a newer version of the app (another tab after an update): it
    /// is left untouched and this tab will not change it.
    pub fn newer(&self, kind: Kind) {
        self.add(
            Tone::Warning,
            format!(
                "The {} in this browser were saved by a newer version of the app (perhaps in another tab after an update). They are left untouched, and this page will not change them. Reload the page to use the newer version.",
                kind.label()
            ),
            NoticeAction::Reload,
        );
    }

    /// Says a new version of the app is ready, with a button to move to it.
    pub fn update_ready(&self) {
        self.add(
            Tone::Info,
            "A new version of the app is ready. Finish what you are doing, then move to it: your saved work stays.".to_owned(),
            NoticeAction::UseNewVersion,
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
