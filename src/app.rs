//! The app: context, layout and routes.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::components::not_found::NotFound;
use crate::components::notices::NoticeBanner;
use crate::pages::{
    audit::AuditRoutes, data::DataRoutes, home::Home, policy::PolicyPage, settings::SettingsPage,
    staff::StaffRoutes, training::TrainingRoutes,
};
use crate::routes;
use crate::state::AppState;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    crate::browser::register_service_worker();
    let settings = AppState::provide().settings();

    view! {
        <Title formatter=|page: String| if page.is_empty() { "Online Safety Workbench".to_owned() } else { format!("{page} | Online Safety Workbench") } />
        <Router>
            <a class="skip-link" href="#main">"Skip to main content"</a>
            <header class="site-header no-print">
                <div class="brand">
                    <A href=routes::HOME>
                        <span class="brand-school">{move || settings.with(|s| s.school_name.clone())}</span>
                        <span class="brand-app">"Online Safety Workbench"</span>
                    </A>
                </div>
                <nav aria-label="Main">
                    <ul>
                        <li><A href=routes::TRAINING>"Training"</A></li>
                        <li><A href=routes::AUDIT>"Audit"</A></li>
                        <li><A href=routes::STAFF>"Staff records"</A></li>
                        <li><A href=routes::POLICY>"Policy"</A></li>
                        <li><A href=routes::SETTINGS>"Settings"</A></li>
                        <li><A href=routes::DATA>"Your data"</A></li>
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
                    <A href=routes::DATA>"Export, back up or erase your data"</A>
                    "."
                </p>
            </footer>
        </Router>
    }
}
