//! The matrix: who is trained, filtered, sorted and paged, with its exports and removal.
//! With a staff list, its rows are everyone on the list (those with no record not started)
//! and then the records nobody on the list matches.

use leptos::prelude::*;

use crate::browser;
use crate::components::fields::Select;
use crate::components::tag::Tag;
use crate::domain::content::{Course, Role};
use crate::domain::dates::{iso, long};
use crate::domain::envelope;
use crate::domain::rng::make_id;
use crate::domain::staff::roster::{self, Roster, RosterEntry, RosterError, Status};
use crate::domain::staff::{self, Doubt, Row, Show, SortBy};
use crate::state::app;

/// Rows of the matrix on one page.
const PAGE: usize = 50;

/// The matrix with its filters, pages, exports and removal.
#[component]
pub fn Matrix(course: &'static Course) -> impl IntoView {
    let app = app();
    let records = app.staff();
    let list_rows = app.list_rows();
    let record_rows = app.matrix();
    // With a staff list, everyone on it and then the records nobody on it matches, each with
    // where they stand on the list; without one, the records' own rows, as before.
    let on_list = Memo::new(move |_| list_rows.with(|l| !l.is_empty()));
    let rows = Memo::new(move |_| match on_list.get() {
        true => list_rows.with(|l| l.iter().map(|r| r.row.clone()).collect()),
        false => record_rows.get(),
    });
    let show = RwSignal::new(Show::Everyone);
    let role = RwSignal::new(None::<Role>);
    let sort = RwSignal::new(SortBy::Name);
    let find = RwSignal::new(String::new());
    // The page of the matrix in view (from 0). Every change of filter or order goes back to
    // the first page, in its handler.
    let page = RwSignal::new(0usize);
    let picked = Memo::new(move |_| {
        rows.with(|rows| {
            find.with(|find| staff::select(rows, show.get(), role.get(), sort.get(), find))
        })
    });
    let pages = Memo::new(move |_| picked.with(Vec::len).div_ceil(PAGE).max(1));
    // The page asked for, kept in range when the rows shrink under it.
    let at = Memo::new(move |_| page.get().min(pages.get() - 1));
    // Only this page's rows are built: a filter, a sort or a page turn renders at most PAGE
    // rows, whatever the size of the staff. Each is keyed by its position and its content,
    // so an unchanged row at the same place is kept.
    let shown = Memo::new(move |_| {
        let first = at.get() * PAGE;
        rows.with(|rows| {
            list_rows.with(|list| {
                picked.with(|picked| {
                    picked
                        .iter()
                        .enumerate()
                        .skip(first)
                        .take(PAGE)
                        .map(|(n, &i)| (n, rows[i].clone(), list.get(i).map(|r| r.status)))
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    let wrap = NodeRef::<leptos::html::Div>::new();
    let turn = move |to: usize| {
        page.set(to.min(pages.get_untracked() - 1));
        if let Some(wrap) = wrap.get_untracked() {
            wrap.set_scroll_top(0);
        }
    };
    let modules = &course.modules;

    let export_csv = move |_| {
        let text = rows.with_untracked(|rows| {
            let chosen: Vec<Row> = picked
                .get_untracked()
                .into_iter()
                .map(|i| rows[i].clone())
                .collect();
            staff::to_csv(course, &chosen)
        });
        app.download(
            &format!("staff-training-{}.csv", iso(browser::today())),
            "text/csv",
            &text,
        );
    };
    let export_json = move |_| {
        let now = browser::now();
        let text = records
            .with_untracked(|r| envelope::to_json(r, now, Some(&course.info.content_version)));
        app.download(
            &format!("staff-records-{}.json", iso(now.date())),
            "application/json",
            &text,
        );
    };
    let clear = move |_| {
        if browser::confirm("Remove every staff record from this device? A backup is kept on the Your data page, from where it can be restored.") {
            leptos::task::spawn_local(async move { app.clear_staff().await });
        }
    };

    view! {
        <section aria-labelledby="matrix-heading">
            <h2 id="matrix-heading">"Who is trained"</h2>
            <div class="filters" role="group" aria-label="Filter and sort the matrix">
                <div class="field">
                    <label for="find">"Find a name"</label>
                    <input id="find" type="search" autocomplete="off" prop:value=move || find.get()
                        on:input=move |ev| { find.set(event_target_value(&ev)); turn(0); } />
                </div>
                <Select id="show" label="Show" value=Signal::derive(move || Some(show.get())) on_change=Callback::new(move |w: Option<Show>| { show.set(w.unwrap_or_default()); turn(0); }) />
                <Select id="role" label="Role" none="All roles" value=role on_change=Callback::new(move |r| { role.set(r); turn(0); }) />
                <Select id="sort" label="Sort by" value=Signal::derive(move || Some(sort.get())) on_change=Callback::new(move |w: Option<SortBy>| { sort.set(w.unwrap_or_default()); turn(0); }) />
            </div>
            <p aria-live="polite">{move || format!("Showing {} of {} people.", picked.with(Vec::len), rows.with(Vec::len))}</p>
            <div class="table-wrap matrix-wrap" tabindex="0" role="region" aria-label="Training matrix" node_ref=wrap>
                // Paged: the table holds one page of rows and says how many there are in all
                // (aria-rowcount) and where each shown row stands (aria-rowindex).
                <table class="matrix" aria-rowcount=move || picked.with(Vec::len) + 1>
                    <thead>
                        <tr aria-rowindex="1">
                            <th scope="col">"Name"</th>
                            <th scope="col">"Role and track"</th>
                            <th scope="col">"Overall"</th>
                            {move || on_list.get().then(|| view! { <th scope="col">"Staff list"</th> })}
                            {modules.iter().map(|m| view! { <th scope="col">{m.title.clone()}</th> }).collect_view()}
                            <th scope="col">"Declaration"</th>
                            <th scope="col"><span class="visually-hidden">"Remove"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || shown.get()
                            key=|(n, r, status)| (*n, r.clone(), *status)
                            children=move |(n, r, status): (usize, Row, Option<Status>)| {
                                let id = r.record_id.clone();
                                let name = r.name.clone();
                                let doubts = r.doubts.iter().map(Doubt::describe).collect::<Vec<_>>();
                                view! {
                                    <tr aria-rowindex=n + 2>
                                        <th scope="row">{r.name.clone()}</th>
                                        <td>{r.role.label()}<br /><span class="muted">{r.track.label()}</span></td>
                                        <td>
                                            <Tag standing=r.overall.standing() text=r.overall.label() />
                                            {r.valid_until.map(|u| view! { <br /><span class="muted">{format!("until {}", long(u))}</span> })}
                                            {(!doubts.is_empty()).then(|| view! { <br /><span class="tag tag-red">{format!("Not counted: {}", doubts.join("; "))}</span> })}
                                            {(!r.fast.is_empty()).then(|| view! { <br /><span class="tag tag-amber">{format!("Finished implausibly fast: {}", r.fast.join(", "))}</span> })}
                                            {(!r.off_register.is_empty()).then(|| view! { <br /><span class="tag tag-amber">{format!("Session code used, not on the register (counted as self-reported): {}", r.off_register.join("; "))}</span> })}
                                        </td>
                                        {status.map(|s| view! { <td><Tag standing=s.standing() text=s.label() /></td> })}
                                        {r.cells.iter().zip(r.supervised.iter().zip(&r.earlier)).map(|(c, (s, e))| view! {
                                            <td>
                                                <Tag standing=c.standing() text=c.label() />
                                                {s.map(|on| view! { <br /><span class="muted">{format!("In the session of {}", long(on))}</span> })}
                                                {e.clone().map(|v| view! { <br /><span class="muted">{format!("Taken under the earlier questions ({v})")}</span> })}
                                            </td>
                                        }).collect_view()}
                                        <td><Tag standing=r.declared.standing() text=r.declared.label() /></td>
                                        <td>
                                            {(status == Some(Status::NotOnList)).then(|| view! { <NotOnList record_id=id.clone() name=name.clone() /> })}
                                            // Someone on the list with no record has nothing to remove.
                                            {(!id.is_empty()).then(|| view! { <button type="button" class="link-button" on:click=move |_| {
                                                if browser::confirm(&format!("Remove {name}'s record from the matrix?")) {
                                                    records.update(|r| r.remove(&id, browser::now()));
                                                }
                                            }>{format!("Remove {}", r.name)}</button> })}
                                        </td>
                                    </tr>
                                }
                            }
                        />
                    </tbody>
                </table>
            </div>
            // Built once and updated in place, so focus stays on the button just pressed.
            <nav class="matrix-pages" aria-label="Pages of the matrix" hidden=move || pages.get() < 2>
                <button type="button" class="secondary" aria-disabled=move || (at.get() == 0).then_some("true")
                    on:click=move |_| { if at.get_untracked() > 0 { turn(at.get_untracked() - 1) } }>"Previous page"</button>
                <div class="field">
                    <label for="matrix-page">"Page"</label>
                    <select id="matrix-page" on:change=move |ev| turn(event_target_value(&ev).parse::<usize>().unwrap_or(1).saturating_sub(1))>
                        {move || {
                            let count = pages.get();
                            (1..=count).map(|p| view! {
                                <option value=p.to_string() prop:selected=move || at.get() + 1 == p>{format!("{p} of {count}")}</option>
                            }).collect_view()
                        }}
                    </select>
                </div>
                <p>{move || {
                    let (here, count) = (at.get(), picked.with(Vec::len));
                    format!("People {} to {} of {}", here * PAGE + 1, (here * PAGE + PAGE).min(count), staff::grouped(count))
                }}</p>
                <button type="button" class="secondary" aria-disabled=move || (at.get() + 1 == pages.get()).then_some("true")
                    on:click=move |_| { if at.get_untracked() + 1 < pages.get_untracked() { turn(at.get_untracked() + 1) } }>"Next page"</button>
            </nav>
            <div class="actions">
                <button type="button" on:click=export_csv>"Export as CSV"</button>
                <button type="button" class="secondary" on:click=export_json>"Export as JSON"</button>
                <button type="button" class="danger" on:click=clear>"Clear all records"</button>
            </div>
        </section>
    }
}

/// What the DSL can do with a record nobody on the staff list matches: add the person it
/// names to the list, or link it to someone on the list (the choice built only when asked
/// for, those it could be first).
#[component]
fn NotOnList(record_id: String, name: String) -> impl IntoView {
    let app = app();
    let (list, records) = (app.staff_list(), app.staff());
    let choosing = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let change = move |f: &dyn Fn(&mut Roster) -> Result<(), RosterError>| {
        let mut next = list.get_untracked();
        match f(&mut next) {
            Ok(()) => {
                problem.set(None);
                list.set(next);
            }
            Err(e) => problem.set(Some(e.to_string())),
        }
    };
    let add = {
        let record_id = record_id.clone();
        move |_| {
            let entry = records
                .with_untracked(|r| r.people.iter().find(|p| p.record_id == record_id).cloned());
            if let Some(entry) = entry {
                let id = make_id("p", browser::random_u64());
                change(&|l| l.add_from_record(id.clone(), &entry));
            }
        }
    };
    let link = {
        let record_id = record_id.clone();
        move |ev| {
            let person = event_target_value(&ev);
            if !person.is_empty() {
                change(&|l| l.link_record(&person, &record_id));
            }
        }
    };
    // Everyone on the list with no record yet: those it could be (by name) first.
    let options = {
        let record_id = record_id.clone();
        move || {
            list.with_untracked(|l| {
                records.with_untracked(|r| {
                    let links = roster::link(l, r);
                    let could_be: Vec<&str> = (links.unmatched.iter())
                        .find(|u| u.record_id == record_id)
                        .map(|u| u.could_be.iter().map(String::as_str).collect())
                        .unwrap_or_default();
                    let label = |p: &RosterEntry, near: bool| {
                        let same = if near { ", the same name" } else { "" };
                        format!("{} ({}){same}", p.name, p.role.label())
                    };
                    let (could_be, links) = (&could_be, &links);
                    let free = |near: bool| {
                        (l.people.iter())
                            .filter(|p| links.record_of(&p.id).is_none())
                            .filter(move |p| could_be.contains(&p.id.as_str()) == near)
                            .map(move |p| (p.id.clone(), label(p, near)))
                    };
                    free(true)
                        .chain(free(false))
                        .map(|(id, label)| view! { <option value=id>{label}</option> })
                        .collect_view()
                })
            })
        }
    };
    let select_id = format!("link-{record_id}");
    view! {
        <button type="button" class="link-button" on:click=add>{format!("Add {name} to the staff list")}</button>
        " "
        <button type="button" class="link-button" aria-expanded=move || choosing.get().to_string() on:click=move |_| choosing.update(|c| *c = !*c)>
            {format!("Link {name}'s record to someone on the list")}
        </button>
        <Show when=move || choosing.get()>
            <div class="field">
                <label for=select_id.clone()>{format!("Whose record is it? ({name})")}</label>
                <select id=select_id.clone() on:change=link.clone()>
                    <option value="">"Choose a person"</option>
                    {options.clone()}
                </select>
            </div>
        </Show>
        <p role="status">{move || problem.get()}</p>
    }
}
