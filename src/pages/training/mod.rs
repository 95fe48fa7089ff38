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

use crate::domain::training::{ModuleStatus, Profile, TrainingBook};

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

/// The training profiles on this device, from context.
pub fn use_book() -> RwSignal<TrainingBook> {
    expect_context::<RwSignal<TrainingBook>>()
}

/// Changes the active profile, if there is one.
pub fn update_active(book: RwSignal<TrainingBook>, change: impl FnOnce(&mut Profile)) {
    book.update(|b| {
        if let Some(p) = b.active_profile_mut() {
            change(p)
        }
    });
}

/// The tag colour for a module status.
pub fn status_class(status: &ModuleStatus) -> &'static str {
    match status {
        ModuleStatus::Passed { .. } => "tag tag-green",
        ModuleStatus::Failed { .. } | ModuleStatus::Expired { .. } => "tag tag-red",
        ModuleStatus::NotStarted => "tag tag-grey",
        _ => "tag tag-amber",
    }
}

/// The note shown where there is no profile yet.
#[component]
pub fn NeedProfile() -> impl IntoView {
    use leptos_router::components::A;
    view! {
        <p class="notice notice-warning">
            "Your progress is recorded against a profile on this device. "
            <A href="/training">"Create or choose your profile"</A>
            " first."
        </p>
    }
}
