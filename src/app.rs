//! The app: context, layout and routes.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::components::notices::NoticeBanner;
use crate::domain::audit::AuditBook;
use crate::domain::settings::SchoolSettings;
use crate::domain::staff::StaffRecords;
use crate::domain::training::TrainingBook;
use crate::pages::{
    audit::AuditRoutes, data::DataRoutes, home::Home, not_found::NotFound, policy::PolicyPage,
    settings::SettingsPage, staff::StaffRoutes, training::TrainingRoutes,
};
use crate::state::Notices;
use crate::storage;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    crate::browser::register_service_worker();
    let notices = Notices::provide();
    storage::Stores::provide();
    let settings = storage::persisted::<SchoolSettings>();
    provide_context(settings);
    provide_context(storage::persisted::<TrainingBook>());
    provide_context(storage::persisted::<AuditBook>());
    provide_context(storage::persisted::<StaffRecords>());
    if !storage::is_available() {
        notices.storage_error(&storage::StorageError::Unavailable);
    }

    view! {
        <Title formatter=|page: String| if page.is_empty() { "Online Safety Workbench".to_owned() } else { format!("{page} | Online Safety Workbench") } />
        <Router>
            <a class="skip-link" href="#main">"Skip to main content"</a>
            <header class="site-header no-print">
                <div class="brand">
                    <A href="/">
                        <span class="brand-school">{move || settings.with(|s| s.school_name.clone())}</span>
                        <span class="brand-app">"Online Safety Workbench"</span>
                    </A>
                </div>
                <nav aria-label="Main">
                    <ul>
                        <li><A href="/training">"Training"</A></li>
                        <li><A href="/audit">"Audit"</A></li>
                        <li><A href="/staff">"Staff records"</A></li>
                        <li><A href="/policy">"Policy"</A></li>
                        <li><A href="/settings">"Settings"</A></li>
                        <li><A href="/data">"Your data"</A></li>
                    </ul>
                </nav>
            </header>
            <NoticeBanner />
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/policy") view=PolicyPage />
                    <Route path=path!("/settings") view=SettingsPage />
                    <TrainingRoutes />
                    <AuditRoutes />
                    <StaffRoutes />
                    <DataRoutes />
                </Routes>
            </main>
            <footer class="site-footer no-print">
                <p>
                    "Everything you enter stays in this browser on this device. Nothing is sent over the internet. "
                    <A href="/data">"Export, back up or erase your data"</A>
                    "."
                </p>
            </footer>
        </Router>
    }
}
