//! How this year's ratings compare with last year's imported audit.

use leptos::prelude::*;

use crate::components::audit_year::year_lens;
use crate::components::content::filled;
use crate::domain::audit::{AcademicYear, Change, Checklist};

/// Counts of improved, worsened and new ratings, and a row per item that changed.
#[component]
pub fn YearOnYear(
    year: AcademicYear,
    /// The checklist whose items are compared.
    list: &'static Checklist,
) -> impl IntoView {
    let audit = year_lens(year);
    move || {
        // The year compared with, and each item's change with this year's rating.
        let compared = audit.read(|a| {
            let counts = a.change_counts(list)?;
            let changes: Vec<_> = a
                .compare(list)
                .into_iter()
                .map(|(id, c)| {
                    let now = a.answer(&id).and_then(|x| x.rating);
                    (id, c, now)
                })
                .collect();
            Some((counts, changes))
        });
        let Some((counts, changes)) = compared else {
            return view! { <p>"No earlier audit to compare with yet."</p> }.into_any();
        };
        let previous = counts.since;
        let rows: Vec<_> = changes
            .iter()
            .filter_map(|(id, c, now)| {
                let (_, item) = list.item(id)?;
                let (label, then) = match c {
                    Change::Improved(r) => ("Improved", Some(*r)),
                    Change::Worsened(r) => ("Worsened", Some(*r)),
                    Change::Different(r) => ("Changed", Some(*r)),
                    Change::New => ("New this year", None),
                    Change::Same => return None,
                };
                Some(view! {
                    <tr>
                        <td>{filled(item.question.clone())}</td>
                        <td>{then.map_or("Not rated", |r| r.label())}</td>
                        <td>{now.map_or("Not rated", |r| r.label())}</td>
                        <td>{label}</td>
                    </tr>
                })
            })
            .collect();
        view! {
            <p>{counts.sentence()}</p>
            <div class="table-wrap">
                <table class="year-on-year">
                    <thead><tr><th scope="col">"Item"</th><th scope="col">{previous.label()}</th><th scope="col">{year.label()}</th><th scope="col">"Change"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    }
}
