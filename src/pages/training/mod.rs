//! Staff training: the dashboard with profiles, module pages, quizzes, reviews and the
//! certificate.

mod certificate;
mod dashboard;
mod module;
mod quiz;
mod review;

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::path;

/// Routes under /training.
#[component(transparent)]
pub fn TrainingRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/training") view=Outlet>
            <Route path=path!("") view=dashboard::Dashboard />
            <Route path=path!("modules/:id") view=module::ModulePage />
            <Route path=path!("modules/:id/quiz") view=quiz::QuizPage />
            <Route path=path!("attempts/:id") view=review::ReviewPage />
            <Route path=path!("certificate") view=certificate::CertificatePage />
        </ParentRoute>
    }
    .into_inner()
}
