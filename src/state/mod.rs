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
pub mod stored;

use leptos::prelude::*;

use crate::domain::audit::AuditBook;
use crate::domain::audit::Checklist;
use crate::domain::backup::FullBackup;
use crate::domain::content::{Course, Keys, Module};
use crate::domain::envelope::{Envelope, Kind, Versioned};
use crate::domain::settings::SchoolSettings;
use crate::domain::sources::Source;
use crate::domain::staff::{self, Row, StaffRecords};
use crate::domain::training::{Profile, TrainingBook};
use crate::storage::{self, StorageError};
use crate::{browser, files};
use content::Library;
pub use content::Loading;
pub use lens::{Bind, Lens};
pub use notices::{Notice, NoticeAction, Notices, Tone};
use persisted::{Context, Entry};
pub use stored::Backup;

/// What the handle holds behind its one arena slot.
struct Inner {
    /// The owner the persisted signals live under: the app's, not the page's that first
    /// asked for them.
    owner: Owner,
    /// Every kind loaded so far, seen without its type.
    entries: Vec<Entry>,
    settings: Option<RwSignal<SchoolSettings>>,
    training: Option<RwSignal<TrainingBook>>,
    audits: Option<RwSignal<AuditBook>>,
    staff: Option<RwSignal<StaffRecords>>,
    matrix: Option<Memo<Vec<Row>>>,
}

/// The app state in context. Cheap to copy; get it with [`app`].
#[derive(Clone, Copy)]
pub struct AppState {
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
    pub fn provide() -> Self {
        let state = Self {
            notices: Notices::new(),
            revision: RwSignal::new(0),
            inner: StoredValue::new(Inner {
                owner: Owner::current().unwrap_or_default(),
                entries: Vec::new(),
                settings: None,
                training: None,
                audits: None,
                staff: None,
                matrix: None,
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
                        state.reload(Some(kind));
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

    /// A kind's signal, loaded from storage the first time it is asked for.
    fn slot<T>(&self, slot: fn(&mut Inner) -> &mut Option<RwSignal<T>>) -> RwSignal<T>
    where
        T: Versioned + Default + Clone + PartialEq + Send + Sync + 'static,
    {
        if let Some(signal) = self.inner.try_update_value(|inner| *slot(inner)).flatten() {
            return signal;
        }
        let cx = Context {
            notices: self.notices,
            revision: self.revision,
        };
        let owner = self.inner.with_value(|inner| inner.owner.clone());
        let (signal, entry) = owner.with(|| persisted::persisted::<T>(cx));
        self.inner.update_value(|inner| {
            *slot(inner) = Some(signal);
            inner.entries.push(entry);
        });
        signal
    }

    /// The school settings.
    pub fn settings(&self) -> RwSignal<SchoolSettings> {
        self.slot(|inner| &mut inner.settings)
    }

    /// The training profiles on this device.
    pub fn training(&self) -> RwSignal<TrainingBook> {
        self.slot(|inner| &mut inner.training)
    }

    /// The audits on this device, one per academic year.
    pub fn audits(&self) -> RwSignal<AuditBook> {
        self.slot(|inner| &mut inner.audits)
    }

    /// The DSL's imported staff training records.
    pub fn staff(&self) -> RwSignal<StaffRecords> {
        self.slot(|inner| &mut inner.staff)
    }

    /// The staff training matrix, one row per person, rebuilt once whenever the records
    /// change and shared by every view that shows it (empty until the course has loaded).
    pub fn matrix(&self) -> Memo<Vec<Row>> {
        if let Some(memo) = self.inner.try_update_value(|inner| inner.matrix).flatten() {
            return memo;
        }
        let (records, library) = (self.staff(), self.library);
        let today = browser::today();
        let owner = self.inner.with_value(|inner| inner.owner.clone());
        let memo = owner.with(|| {
            Memo::new(move |_| match library.course() {
                Loading::Ready(course) => records.with(|r| staff::matrix(course, r, today)),
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

    /// Tracks stored data: reading this in a closure re-runs it after any change.
    pub fn track_storage(&self) {
        self.revision.track();
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
    pub fn apply(&self, parts: &[Envelope]) -> Result<(), StorageError> {
        let result = stored::apply(parts);
        if result.is_ok() {
            for part in parts {
                self.reload(Some(part.kind));
            }
        }
        self.changed();
        result
    }

    /// Puts a kind's backup back; what it replaces becomes the backup, so this can be undone.
    pub fn restore_backup(&self, kind: Kind) -> Result<(), StorageError> {
        match stored::read_backup(kind)? {
            Some(part) => self.apply(&[part]),
            None => Ok(()),
        }
    }

    /// Erases everything this app stored on the device and empties the signals.
    pub fn erase_all(&self) {
        stored::erase_all();
        self.reload(None);
        self.changed();
    }

    /// Removes one stored key (a damaged copy the user has dealt with).
    pub fn remove_key(&self, key: &str) {
        storage::remove(key);
        self.changed();
    }

    /// The readable stored envelope of each kind, following changes.
    pub fn stored_parts(&self) -> Vec<Envelope> {
        self.track_storage();
        stored::stored_parts()
    }

    /// Everything stored, as one backup.
    pub fn full_backup(&self) -> FullBackup {
        stored::full_backup()
    }

    /// Whether this browser keeps what the app stores.
    pub fn storage_available(&self) -> bool {
        storage::is_available()
    }

    /// The backups kept on this device, following changes.
    pub fn backups(&self) -> Vec<Backup> {
        self.track_storage();
        stored::backups()
    }

    /// Offers `text` as a download; a browser that refuses says so in a notice.
    pub fn download(&self, filename: &str, mime: &str, text: &str) {
        if let Err(e) = files::download(filename, mime, text) {
            self.notices.push(Tone::Error, e.to_string());
        }
    }

    /// Offers the text stored under `key` (a damaged copy) as a download.
    pub fn download_stored(&self, key: &str) {
        if let Some(text) = storage::read(key) {
            let filename = format!("{}.json", key.replace(':', "-"));
            self.download(&filename, "application/json", &text);
        }
    }

    /// The keys of damaged values set aside, following changes.
    pub fn damaged_keys(&self) -> Vec<String> {
        self.track_storage();
        stored::damaged_keys()
    }
}
