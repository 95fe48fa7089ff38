//! The app: context, layout and routes. It comes as two bundles (see `routes::Bundle`), and
//! what each holds is decided here, by what it mounts:
//! - the staff's: home, training and the policy; its stored kinds (settings, training
//!   profiles) live in localStorage, and its storage reaches only there (`Reach::LOCAL`), so
//!   its wasm links no IndexedDB (`scripts/size-report.mjs` fails if it does);
//! - the DSL's: the audit, staff records, the data page, settings and the trust view, every stored kind, in
//!   localStorage and IndexedDB (`Reach::EVERYWHERE`).
//!
//! Each mounts the same shell with its own pages (`routes::Page` names them); a link to the
//! other bundle loads it.

use leptos::prelude::*;

use crate::components::link::Link;
use crate::components::not_found::NotFound;
use crate::components::notices::NoticeBanner;
use crate::pages::{
    audit, data::DataHome, home::Home, policy::PolicyPage, settings::SettingsPage,
    staff::StaffHome, training, trust::TrustHome,
};
use crate::router::Router;
use crate::routes::{self, Bundle, Page};
use crate::state::{AppState, Reach};

/// The staff's bundle: home, training and the policy.
#[component]
pub fn StaffApp() -> impl IntoView {
    view! { <Shell bundle=Bundle::Staff page=staff_page reach=Reach::LOCAL /> }
}

fn staff_page(page: Page) -> AnyView {
    match page {
        Page::Home => view! { <Home /> }.into_any(),
        Page::Policy => view! { <PolicyPage /> }.into_any(),
        Page::Training(route) => training::page(route),
        _ => view! { <NotFound /> }.into_any(),
    }
}

/// The DSL's bundle: the audit, the staff records, the data page and the settings.
#[component]
pub fn DslApp() -> impl IntoView {
    view! { <Shell bundle=Bundle::Dsl page=dsl_page reach=Reach::EVERYWHERE /> }
}

fn dsl_page(page: Page) -> AnyView {
    match page {
        Page::Settings => view! { <SettingsPage /> }.into_any(),
        Page::Audit(route) => audit::page(route),
        Page::Staff => view! { <StaffHome /> }.into_any(),
        Page::Data => view! { <DataHome /> }.into_any(),
        Page::Trust => view! { <TrustHome /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    }
}

/// What every page has around it: the state, the router, the header and navigation, notices,
/// the main landmark and the footer. In the main landmark, `page` renders the page the address
/// names (it runs again only when the page changes, not its fragment); a page of the other
/// bundle is `NotFound`, which loads that bundle.
#[component]
fn Shell(bundle: Bundle, page: fn(Page) -> AnyView, reach: Reach) -> impl IntoView {
    provide_context(bundle);
    let showing = Router::provide(bundle).page();
    let app = AppState::provide(reach);
    crate::browser::register_service_worker(move || app.notices.update_ready());
    let settings = app.settings();

    view! {
        <a class="skip-link" href="#main">"Skip to main content"</a>
        <header class="site-header no-print">
            <div class="brand">
                <Link href=routes::HOME>
                    <span class="brand-school">{move || settings.with(|s| s.school_name.clone())}</span>
                    <span class="brand-app">"Online Safety Workbench"</span>
                </Link>
            </div>
            <nav aria-label="Main">
                <ul>
                    <li><Link href=routes::TRAINING>"Training"</Link></li>
                    <li><Link href=routes::AUDIT>"Audit"</Link></li>
                    <li><Link href=routes::STAFF>"Staff records"</Link></li>
                    <li><Link href=routes::POLICY>"Policy"</Link></li>
                    <li><Link href=routes::SETTINGS>"Settings"</Link></li>
                    <li><Link href=routes::DATA>"Your data"</Link></li>
                    // The trust view is the DSL's (or a trust lead's) alone: staff never see it.
                    {(bundle == Bundle::Dsl).then(|| view! { <li><Link href=routes::TRUST>"Trust"</Link></li> })}
                </ul>
            </nav>
        </header>
        <NoticeBanner />
        <main id="main" tabindex="-1">
            {move || {
                let showing = showing.get();
                untrack(|| page(showing))
            }}
        </main>
        <footer class="site-footer no-print">
            <p>
                "Everything you enter stays in this browser on this device. Nothing is sent over the internet. "
                <Link href=routes::DATA>"Export, back up or erase your data"</Link>
                "."
            </p>
        </footer>
    }
}
