//! The browser side of the app's addresses: the address showing, as a signal in context, and
//! moving between pages without a reload. `routes` says what an address means; this follows
//! the browser's history (back and forward) and takes over clicks on links this bundle serves.
//! A link to the other bundle is left to the browser, which loads that bundle.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlAnchorElement, MouseEvent};

use crate::browser;
use crate::routes::{bundle_of, Bundle, Page};

/// The address showing: its path and its fragment (with the `#`, or empty).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    pub path: String,
    pub hash: String,
}

impl Location {
    /// The browser's address now.
    fn current() -> Self {
        let Some(location) = web_sys::window().map(|w| w.location()) else {
            return Self::default();
        };
        Self {
            path: location.pathname().unwrap_or_default(),
            hash: location.hash().unwrap_or_default(),
        }
    }
}

/// The bundle's router: the address showing and the page it names. Provided once, by the
/// app's shell ([`Router::provide`]); [`router`] gets it.
#[derive(Debug, Clone, Copy)]
pub struct Router {
    bundle: Bundle,
    location: ReadSignal<Location>,
    set_location: WriteSignal<Location>,
    page: Memo<Page>,
}

/// The router the app's shell provided.
pub fn router() -> Router {
    expect_context::<Router>()
}

impl Router {
    /// Starts following the address for `bundle` and puts the router in context: back and
    /// forward update it, and clicks on links to this bundle's pages move without a reload.
    pub fn provide(bundle: Bundle) -> Self {
        let (location, set_location) = signal(Location::current());
        // A fragment alone changing (the policy's contents) does not re-render the page.
        let page = Memo::new(move |_| location.with(|l| Page::parse(&l.path)));
        let router = Self {
            bundle,
            location,
            set_location,
            page,
        };
        provide_context(router);
        let popstate = window_event_listener(ev::popstate, move |_| {
            set_location.set(Location::current());
        });
        let click = window_event_listener(ev::click, move |ev| {
            if let Some(href) = own_link(&ev, bundle) {
                ev.prevent_default();
                router.navigate(&href);
            }
        });
        on_cleanup(move || {
            popstate.remove();
            click.remove();
        });
        router
    }

    /// The page the address names.
    pub fn page(self) -> Memo<Page> {
        self.page
    }

    /// The address showing.
    pub fn location(self) -> ReadSignal<Location> {
        self.location
    }

    /// Shows the page at `href` (a path, with or without a query or fragment; see `routes`)
    /// as a new entry in the browser's history, then scrolls to its fragment or to the top.
    /// A page of the other bundle is loaded.
    pub fn navigate(self, href: &str) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if bundle_of(href) != self.bundle {
            let _ = window.location().set_href(href);
            return;
        }
        if let Ok(history) = window.history() {
            // The same address again (a link to the page showing) adds no history entry.
            let here = window.location();
            let showing = [here.pathname(), here.search(), here.hash()]
                .into_iter()
                .map(Result::unwrap_or_default)
                .collect::<String>();
            let _ = if showing == href {
                history.replace_state_with_url(&JsValue::NULL, "", Some(href))
            } else {
                history.push_state_with_url(&JsValue::NULL, "", Some(href))
            };
        }
        self.set_location.set(Location::current());
        // The new page renders as the signal's effects run, before the next frame.
        request_animation_frame(move || {
            if !browser::scroll_to_fragment() {
                window.scroll_to_with_x_and_y(0.0, 0.0);
            }
        });
    }
}

/// The address to show in place of following a click, when it is a plain click (main
/// button, no modifier keys) on a link to a page of `bundle` in this window: same origin, no
/// `target`, `download` or `rel="external"`, and not a fragment of the page showing (the
/// browser scrolls there, and moves focus, as for the skip link). `None` leaves the click to
/// the browser.
fn own_link(ev: &MouseEvent, bundle: Bundle) -> Option<String> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return None;
    }
    let link = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??
        .dyn_into::<HtmlAnchorElement>()
        .ok()?;
    let external = link.rel().split_ascii_whitespace().any(|r| r == "external");
    if !link.target().is_empty() || link.has_attribute("download") || external {
        return None;
    }
    let here = web_sys::window()?.location();
    if link.origin() != here.origin().ok()? {
        return None;
    }
    let (path, search, hash) = (link.pathname(), link.search(), link.hash());
    let same_page = here.pathname().ok()? == path && here.search().ok()? == search;
    if bundle_of(&path) != bundle || (same_page && !hash.is_empty()) {
        return None;
    }
    Some(format!("{path}{search}{hash}"))
}
