//! The DSL's staff training records: import many exported records, keep the staff list of
//! everyone who must be trained, see the matrix of who is trained and who is due, filter and
//! sort it, export it, and give governors the figures. One file a section:
//! - `import.rs`: importing record files in batches, with progress and each file's outcome;
//! - `conflicts.rs`: records that need the DSL's decision;
//! - `list.rs`: the staff list: read from the MIS's export, previewed and applied, and one
//!   person added, edited or removed by hand;
//! - `sessions.rs`: training sessions the DSL supervises, their codes and registers;
//! - `matrix.rs`: the matrix, its filters, pages and exports.

mod conflicts;
mod import;
mod list;
mod matrix;
mod sessions;

use leptos::prelude::*;

use crate::components::coverage::CoverageSummary;
use crate::components::loading::when_loaded;
use crate::components::page_head::PageHead;
use crate::components::shared_browser::SharedBrowserWarning;
use crate::domain::content::{Course, Keys};
use crate::domain::envelope::Kind;
use crate::domain::staff::Conflict;
use crate::state::{app, Loading};
use conflicts::Conflicts;
use import::ImportRecords;
use list::StaffList;
use matrix::Matrix;
use sessions::Sessions;

/// The page at /staff.
#[component]
pub fn StaffHome() -> impl IntoView {
    let app = app();
    // The records load from IndexedDB after the page opens; importing before they have
    // would build on an empty list.
    when_loaded(
        move || match app.loaded(Kind::StaffRecords) && app.loaded(Kind::StaffList) {
            true => app.course().and(app.all_keys()),
            false => Loading::Pending,
        },
        |(course, keys)| view! { <Records course keys /> },
    )
}

/// What the check means, said wherever the matrix is shown.
const WHAT_IT_MEANS: &str = "Each attempt is checked against the course: its questions must be the app's draw for that record and time, its dates possible, and its score what its answers earn. Only attempts consistent with the course count. This cannot show who answered: a passing file can be made without taking the quiz. Where that matters, have staff take the quiz at school in a session you supervise, and watch for attempts flagged as finished implausibly fast.";

/// The page: importing records, their conflicts, the staff list, coverage and the matrix.
#[component]
fn Records(course: &'static Course, keys: Keys<'static>) -> impl IntoView {
    let conflicts = RwSignal::new(Vec::<(String, Conflict)>::new());
    view! {
        <PageHead
            title="Staff records"
            heading="Staff training records"
            lead="Collect the training records staff export from their training page, to see who is trained and who is due, and to give governors the figures."
        />
        <p>{WHAT_IT_MEANS}</p>
        <SharedBrowserWarning what="these records" />
        <ImportRecords keys conflicts />
        <Conflicts conflicts />
        <StaffList />
        <Sessions />
        <section aria-labelledby="coverage-heading">
            <h2 id="coverage-heading">"Coverage"</h2>
            <CoverageSummary />
        </section>
        <Matrix course />
    }
}
