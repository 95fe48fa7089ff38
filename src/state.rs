//! App-wide UI state shared through context: notices (banners) for things the user must
//! know, such as storage problems.

use leptos::prelude::*;

use crate::domain::envelope::{ImportError, Kind};

/// How serious a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Warning,
    Error,
}

/// One banner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: u64,
    pub tone: Tone,
    pub message: String,
    /// A storage key whose text the user can download (damaged data).
    pub download_key: Option<String>,
}

/// The notices in context.
#[derive(Debug, Clone, Copy)]
pub struct Notices(pub RwSignal<Vec<Notice>>);

impl Notices {
    /// Creates the notices and puts them in context.
    pub fn provide() -> Self {
        let notices = Self(RwSignal::new(Vec::new()));
        provide_context(notices);
        notices
    }

    fn add(&self, tone: Tone, message: String, download_key: Option<String>) {
        self.0.update(|list| {
            // The same message twice in a row says nothing new.
            if list.iter().any(|n| n.message == message) {
                return;
            }
            let id = list.iter().map(|n| n.id).max().unwrap_or(0) + 1;
            list.push(Notice {
                id,
                tone,
                message,
                download_key,
            });
        });
    }

    pub fn push(&self, tone: Tone, message: impl Into<String>) {
        self.add(tone, message.into(), None);
    }

    /// Reports stored data that could not be read and was moved aside.
    pub fn damaged(&self, kind: Kind, moved_to: &str, error: &ImportError) {
        self.add(
            Tone::Error,
            format!(
                "The saved {} on this device could not be read ({error}). It has been kept aside, not deleted, and the app has started that part afresh. You can download the damaged data.",
                kind.described()
            ),
            Some(moved_to.to_owned()),
        );
    }

    pub fn dismiss(&self, id: u64) {
        self.0.update(|list| list.retain(|n| n.id != id));
    }
}

/// The notices in context.
pub fn use_notices() -> Notices {
    expect_context::<Notices>()
}
