//! The app: context, layout and routes. It comes as two bundles (see `routes::Bundle`): the
//! staff's (home, training, the policy) and the DSL's (audit, staff records, data, settings).
//! Each mounts the same shell with its own routes; a link to the other bundle loads it.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::link::Link;
use crate::components::not_found::NotFound;
use crate::components::notices::NoticeBanner;
use crate::pages::{
    audit::AuditRoutes, data::DataRoutes, home::Home, policy::PolicyPage, settings::SettingsPage,
    staff::StaffRoutes, training::TrainingRoutes,
};
use crate::routes::{self, Bundle};
use crate::state::AppState;

/// The staff's bundle: home, training and the policy.
#[component]
pub fn StaffApp() -> impl IntoView {
    view! {
        <Shell bundle=Bundle::Staff>
            <Routes fallback=|| view! { <NotFound /> }>
                <Route path=path!("/") view=Home />
                <Route path=path!("/policy") view=PolicyPage />
                <TrainingRoutes />
            </Routes>
        </Shell>
    }
}

/// The DSL's bundle: the audit, the staff records, the data page and the settings.
#[component]
pub fn DslApp() -> impl IntoView {
    view! {
        <Shell bundle=Bundle::Dsl>
            <Routes fallback=|| view! { <NotFound /> }>
                <Route path=path!("/settings") view=SettingsPage />
                <AuditRoutes />
                <StaffRoutes />
                <DataRoutes />
            </Routes>
        </Shell>
    }
}

/// What every page has around it: the state, the header and navigation, notices, the main
/// landmark and the footer.
#[component]
fn Shell(bundle: Bundle, children: Children) -> impl IntoView {
    provide_context(bundle);
    let app = AppState::provide();
    crate::browser::register_service_worker(move || app.notices.update_ready());
    let settings = app.settings();

    view! {
        <Router>
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
                    </ul>
                </nav>
            </header>
            <NoticeBanner />
            <main id="main" tabindex="-1">
                {children()}
            </main>
            <footer class="site-footer no-print">
                <p>
                    "Everything you enter stays in this browser on this device. Nothing is sent over the internet. "
                    <Link href=routes::DATA>"Export, back up or erase your data"</Link>
                    "."
                </p>
            </footer>
        </Router>
    }
}
