//! The app state: one handle, provided once as context, that owns the persisted signals
//! (settings, training profiles, audits, staff records) and every operation that changes
//! stored data (import, restore, erase, settle a conflict). Those operations update the
//! signals themselves, so pages never reload a signal or touch storage.
//!
//! Each kind is loaded the first time a page asks for it, so a page that never shows the
//! audits never reads or parses them.

mod content;
pub mod lens;
mod notices;
mod persisted;
mod staff_list;
pub mod stored;

use std::any::Any;
use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use crate::domain::audit::AuditBook;
use crate::domain::audit::Checklist;
use crate::domain::backup::FullBackup;
use crate::domain::content::{Course, Keys, Module};
use crate::domain::envelope::{self, Envelope, ImportError, Kind};
use crate::domain::room::{self, Share};
use crate::domain::settings::SchoolSettings;
use crate::domain::sources::Source;
use crate::domain::staff::roster::ListRow;
use crate::domain::staff::{self, Row, StaffRecords};
use crate::domain::stored_kinds::{self, Stored, Visit};
use crate::domain::training::{Profile, TrainingBook};
use crate::storage::{self, StorageError};
use crate::{browser, files};
use content::Library;
pub use content::Loading;
pub use lens::{Bind, Lens};
pub use notices::{Notice, NoticeAction, Notices, Tone};
use persisted::{Context, Entry};

/// What the handle holds behind its one arena slot.
struct Inner {
    /// The owner the persisted signals live under: the app's, not the page's that first
    /// asked for them.
    owner: Owner,
    /// Every kind asked for so far, seen without its type.
    entries: Vec<Entry>,
    /// Each kind's signal (an `RwSignal` of its type), found by its kind.
    signals: Vec<(Kind, Box<dyn Any + Send + Sync>)>,
    matrix: Option<Memo<Vec<Row>>>,
    /// The matrix over the staff list (`staff_list.rs`).
    list_rows: Option<Memo<Vec<ListRow>>>,
}

/// Where a bundle's storage reaches: how it reads a key known only at run time (a damaged
/// copy a notice offers to download). A function chosen by the bundle, so the staff's links
/// no IndexedDB: every kind it stores lives in localStorage.
#[derive(Clone, Copy)]
pub struct Reach {
    read: fn(String) -> Reading<Option<String>>,
}

/// A read of storage on its way.
type Reading<T> = Pin<Box<dyn Future<Output = T>>>;

impl Reach {
    /// localStorage only (the staff's bundle).
    pub const LOCAL: Self = Self {
        read: |key| Box::pin(async move { stored::read_local(&key).await }),
    };
    /// localStorage and IndexedDB (the DSL's bundle).
    pub const EVERYWHERE: Self = Self {
        read: |key| Box::pin(async move { stored::read_any(&key).await }),
    };
}

/// The app state in context. Cheap to copy; get it with [`app`].
#[derive(Clone, Copy)]
pub struct AppState {
    /// Where this bundle's storage reaches.
    reach: Reach,
    /// Banners for what the user must know.
    pub notices: Notices,
    /// Bumped whenever stored data changes, here or in another tab.
    revision: RwSignal<u64>,
    inner: StoredValue<Inner>,
    /// The course content, fetched when first needed.
    library: Library,
}

/// The app state in context.
pub fn app() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    /// Creates the state, puts it in context and follows other tabs' changes to storage.
    pub fn provide(reach: Reach) -> Self {
        let state = Self {
            reach,
            notices: Notices::new(),
            revision: RwSignal::new(0),
            inner: StoredValue::new(Inner {
                owner: Owner::current().unwrap_or_default(),
                entries: Vec::new(),
                signals: Vec::new(),
                matrix: None,
                list_rows: None,
            }),
            library: Library::new(),
        };
        provide_context(state);
        if !storage::is_available() {
            state.notices.storage_error(&StorageError::Unavailable);
        }
        let handle = window_event_listener(leptos::ev::storage, move |ev| {
            match ev.key() {
                Some(key) => {
                    if let Some(kind) = stored::kind_of_key(&key) {
                        state.each(Some(kind), |e| e.external.clone());
                    }
                }
                // `localStorage.clear()` in another tab.
                None => state.reload(None),
            }
            state.changed();
        });
        on_cleanup(move || handle.remove());
        state
    }

    /// A stored kind's signal, loaded from storage the first time it is asked for.
    pub fn kind<T: Stored>(&self) -> RwSignal<T> {
        let found = self.inner.with_value(|inner| {
            inner
                .signals
                .iter()
                .find(|(kind, _)| *kind == T::KIND)
                .and_then(|(_, signal)| signal.downcast_ref::<RwSignal<T>>().copied())
        });
        if let Some(signal) = found {
            return signal;
        }
        let cx = Context {
            notices: self.notices,
            revision: self.revision,
        };
        let owner = self.inner.with_value(|inner| inner.owner.clone());
        let (signal, entry) = owner.with(|| persisted::persisted::<T>(cx));
        self.inner.update_value(|inner| {
            inner.signals.push((T::KIND, Box::new(signal)));
            inner.entries.push(entry);
        });
        signal
    }

    /// The school settings.
    pub fn settings(&self) -> RwSignal<SchoolSettings> {
        self.kind()
    }

    /// The training profiles on this device.
    pub fn training(&self) -> RwSignal<TrainingBook> {
        self.kind()
    }

    /// The audits on this device, one per academic year.
    pub fn audits(&self) -> RwSignal<AuditBook> {
        self.kind()
    }

    /// The DSL's imported staff training records.
    pub fn staff(&self) -> RwSignal<StaffRecords> {
        self.kind()
    }

    /// Whether a kind has loaded from storage (reactive; asks for the kind if need be).
    /// Importing into a kind before it has loaded would lose what it holds.
    pub fn loaded(&self, kind: Kind) -> bool {
        struct Ask(AppState);
        impl Visit for Ask {
            type Out = ();
            fn visit<T: Stored>(self) {
                self.0.kind::<T>();
            }
        }
        if stored_kinds::visit(kind, Ask(*self)).is_none() {
            // Files only, never stored: nothing to wait for.
            return true;
        }
        self.inner
            .with_value(|inner| {
                inner
                    .entries
                    .iter()
                    .find(|e| e.kind == kind)
                    .map(|e| e.loaded)
            })
            .is_some_and(|loaded| loaded.get())
    }

    /// The staff training matrix, one row per person, rebuilt once whenever the records
    /// change and shared by every view that shows it (empty until the course has loaded).
    pub fn matrix(&self) -> Memo<Vec<Row>> {
        if let Some(memo) = self.inner.try_update_value(|inner| inner.matrix).flatten() {
            return memo;
        }
        let (records, list, library) = (self.staff(), self.staff_list(), self.library);
        let today = browser::today();
        let owner = self.inner.with_value(|inner| inner.owner.clone());
        let memo = owner.with(|| {
            Memo::new(move |_| match library.course() {
                Loading::Ready(course) => list
                    .with(|list| records.with(|r| staff::matrix(course, r, &list.sessions, today))),
                _ => Vec::new(),
            })
        });
        self.inner.update_value(|inner| inner.matrix = Some(memo));
        memo
    }

    /// The course's facts and contents, reactively (fetched the first time).
    pub fn course(&self) -> Loading<&'static Course> {
        self.library.course()
    }

    /// The named sources that references cite.
    pub fn sources(&self) -> Loading<&'static [Source]> {
        self.library.sources()
    }

    /// A module's text and questions.
    pub fn module(&self, id: &str) -> Loading<&'static Module> {
        self.library.module(id)
    }

    /// The answer keys of these content versions (those the course has released).
    pub fn keys(&self, versions: &[String]) -> Loading<Keys<'static>> {
        self.library.keys(versions)
    }

    /// The answer key of every released version (for checking imported records).
    pub fn all_keys(&self) -> Loading<Keys<'static>> {
        match self.course() {
            Loading::Ready(course) => self.library.keys(&course.versions),
            Loading::Pending => Loading::Pending,
            Loading::Failed(e) => Loading::Failed(e),
        }
    }

    /// The audit checklist.
    pub fn checklist(&self) -> Loading<&'static Checklist> {
        self.library.checklist()
    }

    /// The policy's text.
    pub fn policy(&self) -> Loading<&'static str> {
        self.library.policy()
    }

    /// Changes the active training profile, if there is one.
    pub fn update_profile(&self, change: impl FnOnce(&mut Profile)) {
        self.training().update(|book| {
            if let Some(profile) = book.active_profile_mut() {
                change(profile)
            }
        });
    }

    /// Bumped whenever stored data changes: read it where a view follows storage itself.
    pub fn revision(&self) -> u64 {
        self.revision.get()
    }

    fn changed(&self) {
        self.revision.update(|n| *n += 1);
    }

    /// Runs `pick` of each loaded kind (all, or only `kind`).
    fn each(&self, kind: Option<Kind>, pick: fn(&Entry) -> std::sync::Arc<dyn Fn() + Send + Sync>) {
        let actions: Vec<_> = self.inner.with_value(|inner| {
            inner
                .entries
                .iter()
                .filter(|e| kind.is_none_or(|k| e.kind == k))
                .map(pick)
                .collect()
        });
        for action in actions {
            action();
        }
    }

    fn reload(&self, kind: Option<Kind>) {
        self.each(kind, |e| e.reload.clone());
    }

    /// Settles a conflict with another tab by taking the version in storage.
    pub fn take_stored(&self, kind: Kind) {
        self.reload(Some(kind));
    }

    /// Settles a conflict with another tab by writing this tab's version over storage.
    pub fn keep_mine(&self, kind: Kind) {
        self.each(Some(kind), |e| e.overwrite.clone());
    }

    /// Writes the parts of an import or restore, all or nothing, backing up what they
    /// replace, and brings the signals up to date.
    pub async fn apply(&self, parts: &[Envelope]) -> Result<(), StorageError> {
        let result = stored::apply(parts).await;
        if result.is_ok() {
            for part in parts {
                self.reload(Some(part.kind));
            }
        }
        self.changed();
        result
    }

    /// Puts a kind's backup back; what it replaces becomes the backup, so this can be undone.
    pub async fn restore_backup(&self, kind: Kind) -> Result<(), StorageError> {
        match stored::read_backup(kind).await? {
            Some(part) => self.apply(&[part]).await,
            None => Ok(()),
        }
    }

    /// Erases everything this app stored on the device and empties the signals.
    pub async fn erase_all(&self) {
        stored::erase_all().await;
        self.reload(None);
        self.changed();
    }

    /// Erases one person's training profile: from the profiles, and from the backup copy of
    /// them kept on this device, so nothing of theirs stays behind in the app's storage.
    pub fn erase_profile(&self, id: &str) -> Result<(), StorageError> {
        self.training().update(|book| book.remove(id));
        let result = stored::rewrite_local_backup::<TrainingBook>(|book| book.remove(id));
        self.changed();
        result
    }

    /// Removes one stored key (a damaged copy the user has dealt with).
    pub async fn remove_key(&self, key: &str) {
        stored::remove_any(key).await;
        self.changed();
    }

    /// Puts back what a damaged copy (`key`) holds that now loads: each entry the live kind
    /// lacks is added, with its text repaired, and nothing the live kind holds changes; the
    /// copy is then removed. Says what it did, or why it could not, in a notice.
    pub async fn put_back(&self, key: &str) {
        struct Into<'a>(AppState, &'a str);
        impl Visit for Into<'_> {
            type Out = Result<usize, ImportError>;
            fn visit<T: Stored>(self) -> Self::Out {
                let signal = self.0.kind::<T>();
                let (value, added) =
                    signal.with_untracked(|live| envelope::put_back(live, self.1))?;
                signal.set(value);
                Ok(added)
            }
        }
        let Some(text) = stored::read_any(key).await else {
            return;
        };
        let Some(result) = stored::kind_of_damaged(key)
            .and_then(|kind| stored_kinds::visit(kind, Into(*self, &text)))
        else {
            return;
        };
        match result {
            Ok(0) => self.notices.push(
                Tone::Info,
                "Everything in that copy is already in the app's data: nothing was added. Delete the copy when you no longer need it.",
            ),
            Ok(added) => {
                self.notices.push(
                    Tone::Info,
                    format!("Put back {added} {} from the copy set aside.", if added == 1 { "entry" } else { "entries" }),
                );
                self.remove_key(key).await;
            }
            Err(error) => self.notices.push(
                Tone::Error,
                format!("That copy still cannot be read ({error}), so nothing was put back. It stays set aside: download it to ask for help with it."),
            ),
        }
        self.changed();
    }

    /// Everything stored, as one backup.
    pub async fn full_backup(&self) -> FullBackup {
        stored::full_backup().await
    }

    /// The readable stored value of each kind (what an import is compared with).
    pub async fn stored_parts(&self) -> Vec<Envelope> {
        stored::stored_parts().await
    }

    /// Every stored kind: what it holds, where, and how much room it takes.
    pub async fn inventory(&self) -> Vec<stored::Held> {
        stored::inventory().await
    }

    /// The backups kept on this device.
    pub async fn backups(&self) -> Vec<stored::Backup> {
        stored::backups().await
    }

    /// The keys of damaged values set aside.
    pub async fn damaged_keys(&self) -> Vec<String> {
        stored::damaged_keys().await
    }

    /// Deletes a kind's backup (to make room).
    pub async fn remove_backup(&self, kind: Kind) {
        self.remove_key(&stored::backup_key(kind)).await;
    }

    /// How full storage is: this app's share of localStorage, and what the browser says the
    /// site uses of all it may (`None` where the browser will not say).
    pub async fn room(&self) -> (Share, Option<Share>) {
        let local = Share {
            used: stored::local_chars() as u64,
            allowed: room::LOCAL_STORAGE_CHARS,
        };
        let site = storage::estimate()
            .await
            .map(|(used, allowed)| Share { used, allowed });
        (local, site)
    }

    /// Whether this browser keeps what the app stores.
    pub fn storage_available(&self) -> bool {
        storage::is_available()
    }

    /// Offers `text` as a download; a browser that refuses says so in a notice.
    pub fn download(&self, filename: &str, mime: &str, text: &str) {
        if let Err(e) = files::download(filename, mime, text) {
            self.notices.push(Tone::Error, e.to_string());
        }
    }

    /// Offers the text stored under `key` (a damaged copy) as a download.
    pub fn download_stored(&self, key: &str) {
        let (app, key) = (*self, key.to_owned());
        leptos::task::spawn_local(async move {
            if let Some(text) = (app.reach.read)(key.clone()).await {
                let filename = format!("{}.json", key.replace(':', "-"));
                app.download(&filename, "application/json", &text);
            }
        });
    }
}
