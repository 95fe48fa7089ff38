//! Records that need the DSL's decision: a record id arriving under someone else's name,
//! and names that belong to more than one record.

use leptos::prelude::*;

use crate::browser;
use crate::domain::staff::{Conflict, Settle};
use crate::state::app;

/// The conflicts an import left, each with its three decisions, and the names that clash.
#[component]
pub fn Conflicts(
    /// Records waiting for the DSL's decision, with the file each came from.
    conflicts: RwSignal<Vec<(String, Conflict)>>,
) -> impl IntoView {
    let app = app();
    let records = app.staff();
    let said = RwSignal::new(None::<String>);
    let settle = move |at: usize, decision: Settle| {
        let Some((_, conflict)) = conflicts.with_untracked(|c| c.get(at).cloned()) else {
            return;
        };
        let mut result = Ok(());
        records.update(|r| result = r.settle(conflict, decision, browser::now()));
        match result {
            Ok(()) => {
                conflicts.update(|c| drop(c.remove(at)));
                app.link_staff_list();
            }
            Err(e) => said.set(Some(e.to_string())),
        }
    };
    view! {
        {move || said.get().map(|why| view! { <p class="notice notice-error" role="alert">{why}</p> })}
        {move || {
            let list = conflicts.get();
            (!list.is_empty()).then(|| view! {
                <section class="card" aria-labelledby="conflicts-heading">
                    <h2 id="conflicts-heading">"Records that need a decision"</h2>
                    <p>"A record id belongs to one person, and a person's details change only when you agree. These files carry an id already held under another name or role (for example copied from someone's certificate), or would change someone's track or start date. Decide what to do with each."</p>
                    <ul class="plain-list">
                        {list.into_iter().enumerate().map(|(at, (file, c))| view! {
                            // The group is inside the item: a list item keeps its own role.
                            <li class="conflict"><div role="group" aria-label=format!("Decision for {file}")>
                                {if c.changes.is_empty() { view! {
                                    <p>{format!("{file}: \u{201c}{}\u{201d} ({}) uses the record id {}, held for \u{201c}{}\u{201d} ({}).",
                                        c.incoming.person.name, c.incoming.person.role.label(), c.incoming.record_id, c.held.name, c.held.role.label())}</p>
                                    <div class="actions">
                                        <button type="button" on:click=move |_| settle(at, Settle::Keep)>{format!("Keep {}", c.held.name)}</button>
                                        <button type="button" class="secondary" on:click=move |_| settle(at, Settle::Replace)>{format!("Replace with {}", c.incoming.person.name)}</button>
                                        <button type="button" class="secondary" on:click=move |_| settle(at, Settle::KeepBoth)>"Keep both, as two people"</button>
                                    </div>
                                }.into_any() } else { view! {
                                    <p>{format!("{file}: a newer record of \u{201c}{}\u{201d} would change their {}. Its attempts are added either way.", c.held.name, c.changes.join(", "))}</p>
                                    <div class="actions">
                                        <button type="button" on:click=move |_| settle(at, Settle::Keep)>"Keep the details held"</button>
                                        <button type="button" class="secondary" on:click=move |_| settle(at, Settle::Replace)>"Take the file's details"</button>
                                    </div>
                                }.into_any() }}
                            </div></li>
                        }).collect_view()}
                    </ul>
                </section>
            })
        }}
        {move || {
            let clashes = records.with(|r| r.name_clashes());
            (!clashes.is_empty()).then(|| view! {
                <p class="notice notice-warning">
                    {format!("These names belong to more than one record, so they were kept apart: {}. Check whether they are the same person.", clashes.join(", "))}
                </p>
            })
        }}
    }
}
