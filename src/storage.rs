//! The localStorage edge: read, write, remove and list this app's keys, telling a full
//! quota apart from other refusals. It knows nothing of kinds, signals or notices: the app
//! state (`crate::state`) decides what to store under which key.

use gloo_storage::{LocalStorage, Storage};

/// Every key this app writes starts with this.
pub use crate::names::KEY_PREFIX as PREFIX;

/// Why a write did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    #[error("This browser is not keeping data for this app (private browsing, or storage is switched off). Your work stays only until you close the tab: export it from Your data to keep it.")]
    Unavailable,
    #[error("This device's storage for the app is full, so your last change was not saved (what was saved before is intact). Export your data from Your data now, then free space there, for example by removing damaged copies.")]
    QuotaExceeded,
    #[error("The browser refused to save ({0}). Export your data from Your data to keep it.")]
    Refused(String),
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// True when localStorage exists and accepts a write.
pub fn is_available() -> bool {
    let Some(storage) = local_storage() else {
        return false;
    };
    let probe = format!("{PREFIX}probe");
    let ok = storage.set_item(&probe, "1").is_ok();
    let _ = storage.remove_item(&probe);
    ok
}

/// The text under a key, if any.
pub fn read(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Writes text under a key. When the write fails, the value stored before is untouched.
pub fn write(key: &str, text: &str) -> Result<(), StorageError> {
    let storage = local_storage().ok_or(StorageError::Unavailable)?;
    storage.set_item(key, text).map_err(|e| {
        let name = js_sys::Reflect::get(&e, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        match name.as_str() {
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::QuotaExceeded,
            "SecurityError" => StorageError::Unavailable,
            _ => StorageError::Refused(name),
        }
    })
}

/// Removes a key (nothing happens when it is not there).
pub fn remove(key: &str) {
    if local_storage().is_some() {
        LocalStorage::delete(key);
    }
}

/// Every key this app has written, sorted.
pub fn keys() -> Vec<String> {
    let Some(storage) = local_storage() else {
        return Vec::new();
    };
    let count = storage.length().unwrap_or(0);
    let mut keys: Vec<String> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .collect();
    keys.sort_unstable();
    keys
}

/// The IndexedDB edge, for values too big for localStorage (the DSL's staff records, which
/// can hold thousands of people): the same read, write, remove and keys, asynchronously, in
/// one object store of one database, under the same `osw:` keys.
pub mod indexed {
    use js_sys::Promise;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransactionMode};

    use super::{StorageError, PREFIX};
    use crate::names::{DATABASE, STORE};

    /// Why a request failed, as a storage error: a full quota is told apart.
    fn refused(error: JsValue) -> StorageError {
        let name = js_sys::Reflect::get(&error, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        match name.as_str() {
            "QuotaExceededError" => StorageError::QuotaExceeded,
            "SecurityError" | "InvalidStateError" => StorageError::Unavailable,
            _ => StorageError::Refused(name),
        }
    }

    /// Waits for a request to succeed (its result) or fail (its error).
    async fn done(request: &IdbRequest) -> Result<JsValue, StorageError> {
        let promise = Promise::new(&mut |resolve, reject| {
            let ok = request.clone();
            let on_success = Closure::once_into_js(move || {
                let _ = resolve.call1(&JsValue::NULL, &ok.result().unwrap_or(JsValue::UNDEFINED));
            });
            let failed = request.clone();
            let on_error = Closure::once_into_js(move || {
                let error = failed.error().ok().flatten().map(JsValue::from);
                let _ = reject.call1(&JsValue::NULL, &error.unwrap_or(JsValue::NULL));
            });
            request.set_onsuccess(Some(on_success.unchecked_ref()));
            request.set_onerror(Some(on_error.unchecked_ref()));
        });
        JsFuture::from(promise).await.map_err(refused)
    }

    async fn open() -> Result<IdbDatabase, StorageError> {
        let factory = web_sys::window()
            .and_then(|w| w.indexed_db().ok().flatten())
            .ok_or(StorageError::Unavailable)?;
        let request = factory.open_with_u32(DATABASE, 1).map_err(refused)?;
        let upgrade = Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new(
            move |event: web_sys::IdbVersionChangeEvent| {
                let db = event
                    .target()
                    .and_then(|t| t.dyn_into::<IdbRequest>().ok())
                    .and_then(|r| r.result().ok())
                    .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
                if let Some(db) = db {
                    let _ = db.create_object_store(STORE);
                }
            },
        );
        request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
        let db = done(&request).await;
        request.set_onupgradeneeded(None);
        drop(upgrade);
        db?.dyn_into().map_err(refused)
    }

    async fn store(mode: IdbTransactionMode) -> Result<IdbObjectStore, StorageError> {
        let db = open().await?;
        db.transaction_with_str_and_mode(STORE, mode)
            .and_then(|t| t.object_store(STORE))
            .map_err(refused)
    }

    /// The text under a key, if any.
    pub async fn read(key: &str) -> Result<Option<String>, StorageError> {
        let request = store(IdbTransactionMode::Readonly)
            .await?
            .get(&key.into())
            .map_err(refused)?;
        Ok(done(&request).await?.as_string())
    }

    /// Writes text under a key. When the write fails, what was there before is untouched.
    pub async fn write(key: &str, text: &str) -> Result<(), StorageError> {
        let request = store(IdbTransactionMode::Readwrite)
            .await?
            .put_with_key(&text.into(), &key.into())
            .map_err(refused)?;
        done(&request).await.map(drop)
    }

    /// Removes a key.
    pub async fn remove(key: &str) -> Result<(), StorageError> {
        let request = store(IdbTransactionMode::Readwrite)
            .await?
            .delete(&key.into())
            .map_err(refused)?;
        done(&request).await.map(drop)
    }

    /// Every key this app has written here, sorted.
    pub async fn keys() -> Result<Vec<String>, StorageError> {
        let request = store(IdbTransactionMode::Readonly)
            .await?
            .get_all_keys()
            .map_err(refused)?;
        let all = done(&request).await?;
        let mut keys: Vec<String> = js_sys::Array::from(&all)
            .iter()
            .filter_map(|k| k.as_string())
            .filter(|k| k.starts_with(PREFIX))
            .collect();
        keys.sort_unstable();
        Ok(keys)
    }
}

/// What the browser says this origin uses and may use, in bytes (`None` where it will not
/// say).
pub async fn estimate() -> Option<(u64, u64)> {
    let manager = web_sys::window()?.navigator().storage();
    let estimate: web_sys::StorageEstimate =
        wasm_bindgen_futures::JsFuture::from(manager.estimate().ok()?)
            .await
            .ok()?
            .into();
    // Whole bytes (the browser reports them as JS numbers); `as` saturates, never panics.
    Some((estimate.get_usage()? as u64, estimate.get_quota()? as u64))
}
