//! Record ids handed out in advance: the DSL gives everyone on the list without a record a
//! record id, then prints the sheet or copies it for an email; each person enters theirs
//! when they create their profile on the training page, so their record matches them on
//! the list exactly. The ids and the sheet are the domain's (`staff::roster::link`).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser;
use crate::domain::staff::roster::{self, HandOut, HANDED_OUT};
use crate::state::app;

/// The id the print button prints on its own.
const PRINTED: &str = "record-ids";

/// The section: give ids, then print or copy who has one and has not sent a record.
#[component]
pub fn HandOutIds() -> impl IntoView {
    let app = app();
    let (list, records) = (app.staff_list(), app.staff());
    let today = browser::today();
    let sheet = Memo::new(move |_| {
        list.with(|list| {
            records.with(|records| list.handed_out(&roster::link(list, records), today))
        })
    });
    let said = RwSignal::new(None::<String>);
    let text = RwSignal::new(None::<String>);
    let give = move |_| {
        let mut next = list.get_untracked();
        let given = next.hand_out_ids(today, browser::random_u64());
        if given > 0 {
            list.set(next);
        }
        said.set(Some(match given {
            0 => "Everyone still at the school already has a record id.".into(),
            1 => "1 person was given a record id.".into(),
            n => format!("{n} people were given a record id."),
        }));
    };
    let copy = move |_| {
        let lines = sheet.with_untracked(|s| roster::hand_out_text(s));
        spawn_local(async move {
            if browser::copy_text(&lines).await {
                said.set(Some(
                    "The record ids are copied, with what to do: paste them into an email.".into(),
                ));
                text.set(None);
            } else {
                said.set(Some(
                    "The browser would not copy them: select the text below and copy it.".into(),
                ));
                text.set(Some(lines));
            }
        });
    };
    let row = |p: &HandOut| {
        view! {
            <tr><th scope="row">{p.name.clone()}</th><td>{p.role.clone()}</td><td><code>{p.record_id.clone()}</code></td></tr>
        }
    };
    view! {
        <section aria-labelledby="ids-heading" id=PRINTED>
            <h2 id="ids-heading">"Record ids to hand out"</h2>
            <p>"Give each person their record id before they start. They enter it when they create their profile on the training page, and their record then matches them on the staff list exactly, whatever name they type. Someone who does not use it is still matched by name and role."</p>
            <div class="actions no-print">
                <button type="button" class="secondary" on:click=give>"Give record ids to everyone without one"</button>
                <button type="button" class="secondary" on:click=move |_| browser::print_only(PRINTED)>"Print the sheet"</button>
                <button type="button" class="secondary" on:click=copy>"Copy the ids for an email"</button>
            </div>
            <div role="status" class="no-print">{move || said.get().map(|s| view! { <p>{s}</p> })}</div>
            {move || text.get().map(|t| view! {
                <div class="field no-print">
                    <label for="record-ids-text">"Record ids, for an email"</label>
                    <textarea id="record-ids-text" readonly rows="6" prop:value=t></textarea>
                </div>
            })}
            {move || sheet.with(|s| match s.is_empty() {
                true => view! { <p>"Nobody on the list is waiting for a record with an id handed out."</p> }.into_any(),
                false => view! {
                    <p>{HANDED_OUT}</p>
                    <table class="outstanding">
                        <caption>{format!("Record ids not yet used ({})", s.len())}</caption>
                        <thead><tr><th scope="col">"Name"</th><th scope="col">"Role"</th><th scope="col">"Record id"</th></tr></thead>
                        <tbody>{s.iter().map(row).collect_view()}</tbody>
                    </table>
                }.into_any(),
            })}
        </section>
    }
}
