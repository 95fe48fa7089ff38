//! Staff training: the dashboard with profiles, module pages, quizzes, reviews and the
//! certificate.

mod certificate;
mod dashboard;
mod module;
mod quiz;
mod review;

use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, MatchNestedRoutes};

use crate::domain::training::{ModuleStatus, Profile, TrainingBook};

/// Routes under /training.
#[component(transparent)]
pub fn TrainingRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/training") view=dashboard::Dashboard />
        <Route path=path!("/training/modules/:id") view=module::ModulePage />
        <Route path=path!("/training/modules/:id/quiz") view=quiz::QuizPage />
        <Route path=path!("/training/attempts/:id") view=review::ReviewPage />
        <Route path=path!("/training/certificate") view=certificate::CertificatePage />
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

/// "24 November 2026".
pub fn long_date(date: chrono::NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
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
