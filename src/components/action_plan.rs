//! The audit's action plan across every item, soonest due first, overdue actions flagged.

use leptos::prelude::*;

use crate::browser;
use crate::components::audit_year::year_lens;
use crate::components::content::filled;
use crate::domain::audit::{AcademicYear, Checklist};
use crate::domain::dates::long as long_date;

/// The whole action plan under its own heading.
#[component]
pub fn ActionPlan(
    year: AcademicYear,
    /// The checklist the actions' items belong to.
    list: &'static Checklist,
) -> impl IntoView {
    let audit = year_lens(year);
    let today = browser::today();
    view! {
        <section aria-labelledby="plan-heading">
            <h2 id="plan-heading">"Action plan"</h2>
            {move || {
                let plan = audit.read(|a| a.action_plan(list, today));
                if plan.is_empty() {
                    return view! { <p>"No actions recorded yet."</p> }.into_any();
                }
                view! {
                    <div class="table-wrap">
                        <table class="action-plan">
                            <thead><tr><th scope="col">"Due"</th><th scope="col">"Action"</th><th scope="col">"Owner"</th><th scope="col">"Status"</th><th scope="col">"For item"</th></tr></thead>
                            <tbody>
                                {plan.into_iter().map(|p| view! {
                                    <tr class:overdue=p.overdue>
                                        <td>{p.action.due.map(long_date).unwrap_or_else(|| "No date".into())}{p.overdue.then(|| view! { " " <span class="tag tag-red">"Overdue"</span> })}</td>
                                        <td>{p.action.what.clone()}</td>
                                        <td>{p.action.owner.clone()}</td>
                                        <td>{p.action.status.label()}</td>
                                        <td>{filled(p.question.clone())}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
