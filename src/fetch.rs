//! The one place that fetches: the course content, from the app's own origin (the CSP allows
//! nothing else). It returns the text; what the text means is the domain's business.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a content file could not be had.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("the app could not reach its server (offline, and the file was never saved for offline use)")]
    Offline,
    #[error("the server has no such file (it answered {0})")]
    Missing(u16),
    #[error("the server answered with a web page instead of the file, so the file is missing from the app's folder")]
    NotAFile,
    #[error("the browser could not read the file")]
    Unreadable,
}

/// The text of a file of the app's own, by its path from the site root (`/content/...`).
pub async fn text(path: &str) -> Result<String, FetchError> {
    let window = web_sys::window().ok_or(FetchError::Unreadable)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(|_| FetchError::Offline)?
        .dyn_into()
        .map_err(|_| FetchError::Unreadable)?;
    if !response.ok() {
        return Err(FetchError::Missing(response.status()));
    }
    // A host answers unknown paths with the app's index page (for its own addresses), so a
    // missing content file can arrive as HTML with a 200.
    let html = response
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .is_some_and(|t| t.contains("text/html"));
    if html {
        return Err(FetchError::NotAFile);
    }
    let text = response.text().map_err(|_| FetchError::Unreadable)?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or(FetchError::Unreadable)
}
