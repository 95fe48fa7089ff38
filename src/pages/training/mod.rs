//! Staff training: the dashboard with profiles (and the declaration), module pages, quizzes,
//! reviews and the certificate.

mod certificate;
mod dashboard;
mod declare;
mod module;
mod quiz;
mod review;

use leptos::prelude::*;

use crate::routes::TrainingRoute;

/// The page for an address under /training.
pub fn page(route: TrainingRoute) -> AnyView {
    match route {
        TrainingRoute::Dashboard => view! { <dashboard::Dashboard /> }.into_any(),
        TrainingRoute::Module(id) => view! { <module::ModulePage id /> }.into_any(),
        TrainingRoute::Quiz(id) => view! { <quiz::QuizPage id /> }.into_any(),
        TrainingRoute::Attempt(id) => view! { <review::ReviewPage id /> }.into_any(),
        TrainingRoute::Certificate => view! { <certificate::CertificatePage /> }.into_any(),
    }
}
