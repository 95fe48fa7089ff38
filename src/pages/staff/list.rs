//! The staff list section: everyone the school must train. The MIS's export is read, its
//! columns mapped (guessed first), and what it would change previewed before anything
//! changes; one person is added, edited or removed by hand; the list is shown as a table.
//! The reading, matching and applying are the domain's (`staff::roster`).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser;
use crate::components::fields::{Field, Input, Select};
use crate::domain::content::Role;
use crate::domain::dates::{long, parse_day};
use crate::domain::envelope::MAX_IMPORT_BYTES;
use crate::domain::rng::make_id;
use crate::domain::staff::roster::{
    self, Field as Column, FormalTraining, Imported, Mapping, MappingError, Preview, Roster,
    RosterEntry, Table,
};
use crate::domain::text::Rule;
use crate::files;
use crate::state::{app, Bind, Lens};

/// What some MIS exports leave out, said beside the import.
const LEFT_OUT: &str = "Some MIS exports leave out staff who have not started yet, volunteers and governors. Add them by hand below: someone added by hand is never offered as a leaver because an export leaves them out.";

/// The staff list: its import, one person by hand, and everyone on it.
#[component]
pub fn StaffList() -> impl IntoView {
    // The person being added or edited, and whether it is an edit of someone on the list.
    let draft = RwSignal::new(blank());
    let editing = RwSignal::new(false);
    view! {
        <section aria-labelledby="list-heading">
            <h2 id="list-heading">"Staff list"</h2>
            <p>"Everyone the school must train: staff, governors and volunteers. With a list, coverage is counted over everyone on it, so the people who have not started are counted too."</p>
            <ImportList />
            <PersonForm draft editing />
            <People draft editing />
        </section>
    }
}

/// A person not yet on the list, added by hand.
fn blank() -> RosterEntry {
    RosterEntry::new(String::new(), String::new(), Role::Teaching)
}

/// A file chosen, read into rows.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Chosen {
    name: String,
    table: Table,
}

/// What the export read through the mapping would do to the list.
fn previewed(list: &Roster, read: &Result<Imported, MappingError>) -> Result<Preview, String> {
    match read {
        Ok(imported) => Ok(roster::preview(list, imported)),
        Err(e) => Err(e.to_string()),
    }
}

/// The preview of the chosen file read through the mapping, if a file is chosen. A function,
/// not a closure in the view, so the reading and matching are in the wasm once.
#[inline(never)]
fn preview_of(
    chosen: RwSignal<Option<Chosen>>,
    mapping: RwSignal<Mapping>,
    list: RwSignal<Roster>,
) -> Option<Result<Preview, String>> {
    chosen.with(|c| {
        c.as_ref().map(|c| {
            let read = mapping.with(|m| roster::read(&c.table, m));
            list.with(|l| previewed(l, &read))
        })
    })
}

/// How a preview reads in one sentence.
fn summary(p: &Preview) -> String {
    format!(
        "{} to add, {} changed, {} unchanged, {} on the list but not in this file, {} {} that cannot be used.",
        p.added.len(),
        p.changed.len(),
        p.unchanged.len(),
        p.leaving.len(),
        p.problems.len(),
        if p.problems.len() == 1 { "row" } else { "rows" }
    )
}

/// The import: choose the export, check the columns, see the preview, apply it.
#[component]
fn ImportList() -> impl IntoView {
    let app = app();
    let list = app.staff_list();
    let chosen = RwSignal::new(None::<Chosen>);
    let mapping = RwSignal::new(Mapping::default());
    // The people on the list but not in the export whom the DSL marks as leavers.
    let leavers = RwSignal::new(BTreeSet::<String>::new());
    let said = RwSignal::new(None::<Result<String, String>>);
    // A closure, not a memo: read once a change, by the view (and by Apply).
    let preview = move || preview_of(chosen, mapping, list);
    let on_files = move |picked: Vec<web_sys::File>| {
        let Some(file) = picked.into_iter().next() else {
            return;
        };
        spawn_local(async move {
            match files::read_bytes(&file, MAX_IMPORT_BYTES).await {
                Ok(bytes) => {
                    let table = roster::read_table(&bytes);
                    mapping.set(roster::guess(&table));
                    leavers.set(BTreeSet::new());
                    said.set(None);
                    chosen.set(Some(Chosen {
                        name: file.name(),
                        table,
                    }));
                }
                Err(e) => said.set(Some(Err(e.to_string()))),
            }
        });
    };
    let apply = move |_| {
        let Some(Ok(p)) = untrack(preview) else {
            return;
        };
        let today = browser::today();
        let left: Vec<(String, NaiveDate)> = leavers.with_untracked(|chosen| {
            p.leaving
                .iter()
                .filter(|id| chosen.contains(*id))
                .map(|id| (id.clone(), today))
                .collect()
        });
        match list.with_untracked(|l| l.apply(&p, &left, browser::random_u64())) {
            Ok(next) => {
                list.set(next);
                app.link_staff_list();
                said.set(Some(Ok(format!(
                    "The staff list is updated: {} added, {} changed, {} marked as left.",
                    p.added.len(),
                    p.changed.len(),
                    left.len()
                ))));
                chosen.set(None);
            }
            Err(e) => said.set(Some(Err(e.to_string()))),
        }
    };
    view! {
        <h3>"Import the list from your MIS"</h3>
        <p>"Export the staff list from SIMS, Arbor, Bromcom or ScholarPack (or save a spreadsheet as CSV) and choose the file. Nothing changes until you have checked what it would do and chosen Apply."</p>
        <p class="notice">{LEFT_OUT}</p>
        // A plain input, not a drop zone: the page's one drop zone takes training records.
        <div class="field">
            <label for="list-file">"Choose a staff list file"</label>
            <p class="hint" id="list-file-hint">{format!("A CSV or tab-separated file up to {} MB.", MAX_IMPORT_BYTES / 1_000_000)}</p>
            <input type="file" id="list-file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values" aria-describedby="list-file-hint"
                on:change=move |ev| on_files(files::files_from_input(&ev)) />
        </div>
        <div role="status">
            {move || said.get().map(|s| match s {
                Ok(line) => view! { <p>{line}</p> }.into_any(),
                Err(why) => view! { <p class="notice notice-error">{why}</p> }.into_any(),
            })}
        </div>
        {move || chosen.with(|c| c.as_ref().map(|c| view! { <Columns chosen=c.clone() mapping /> }))}
        {move || preview().map(|p| match p {
            Err(why) => view! { <p class="notice notice-error">{why}</p> }.into_any(),
            Ok(p) => view! {
                <PreviewView preview=p leavers />
                <div class="actions">
                    <button type="button" on:click=apply>"Apply to the staff list"</button>
                    <button type="button" class="secondary" on:click=move |_| chosen.set(None)>"Cancel"</button>
                </div>
            }.into_any(),
        })}
    }
}

/// What each column of the file holds, as guessed, for the DSL to change.
#[component]
fn Columns(chosen: Chosen, mapping: RwSignal<Mapping>) -> impl IntoView {
    let table = &chosen.table;
    let count = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let first = table
        .rows
        .first()
        .map(|r| r.cells.clone())
        .unwrap_or_default();
    let column = move |i: usize| {
        let label = match first.get(i).filter(|c| !c.is_empty()) {
            Some(cell) => format!("Column {}: {cell}", i + 1),
            None => format!("Column {}", i + 1),
        };
        let id = format!("list-column-{i}");
        // By hand rather than `Select`, whose label is a constant: a column names itself.
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <select id=id
                    prop:value=move || mapping.with(|m| m.columns.get(i).copied().unwrap_or_default().id())
                    on:change=move |ev| {
                        let field = Column::from_id(&event_target_value(&ev)).unwrap_or_default();
                        mapping.update(|m| {
                            if m.columns.len() <= i {
                                m.columns.resize(i + 1, Column::Ignore);
                            }
                            m.columns[i] = field;
                        })
                    }>
                    {Column::ALL.iter().map(|f| view! { <option value=f.id()>{f.label()}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <h3>"The columns"</h3>
        <p>{format!(
            "{}: {} {}, {}, {}.",
            chosen.name,
            table.rows.len(),
            if table.rows.len() == 1 { "row" } else { "rows" },
            table.encoding.label(),
            table.delimiter.label().to_lowercase(),
        )}</p>
        <p>"The app has guessed what each column holds. Change any it has wrong."</p>
        <div class="field">
            <input type="checkbox" id="list-header" prop:checked=move || mapping.with(|m| m.header)
                on:change=move |ev| mapping.update(|m| m.header = event_target_checked(&ev)) />
            <label for="list-header">"The first row names the columns"</label>
        </div>
        <div class="filters" role="group" aria-label="What each column holds">
            {(0..count).map(column).collect_view()}
        </div>
        <Select id="list-role-blank" label="Role for rows without one" none="None: such rows cannot be used"
            value=Signal::derive(move || mapping.with(|m| m.role_when_blank))
            on_change=Callback::new(move |r| mapping.update(|m| m.role_when_blank = r)) />
    }
}

/// A preview's lines as the DSL reads them: who is added, what changes for whom, the rows
/// that cannot be used, and the people not in the file (id and name).
struct Lines {
    added: Vec<String>,
    changed: Vec<String>,
    problems: Vec<String>,
    leaving: Vec<(String, String)>,
}

/// A person as a preview names them: their name and role.
fn who(name: &str, role: Role) -> String {
    format!("{name} ({})", role.label())
}

/// The lines of `preview` against `list`. Outside the view, so it is in the wasm once.
#[inline(never)]
fn lines(list: &Roster, preview: &Preview) -> Lines {
    let added = preview.added.iter().map(|p| who(&p.name, p.role)).collect();
    let changed = preview
        .changed
        .iter()
        .map(|c| {
            let fields: Vec<&str> = c.fields.iter().map(|f| f.label()).collect();
            format!("{}: {}", c.incoming.name, fields.join(", ").to_lowercase())
        })
        .collect();
    let problems = preview
        .problems
        .iter()
        .map(|p| format!("Line {}: {}.", p.line, p.problem))
        .collect();
    let leaving = preview
        .leaving
        .iter()
        .map(|id| {
            (
                id.clone(),
                list.person(id)
                    .map(|p| who(&p.name, p.role))
                    .unwrap_or_default(),
            )
        })
        .collect();
    Lines {
        added,
        changed,
        problems,
        leaving,
    }
}

/// Who the export adds, changes, leaves unchanged and leaves out, and the rows it cannot use.
#[component]
fn PreviewView(preview: Preview, leavers: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let list = app().staff_list();
    let Lines {
        added,
        changed,
        problems,
        leaving,
    } = list.with_untracked(|l| lines(l, &preview));
    let listed = |items: Vec<String>| {
        view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }
    };
    view! {
        <h3 id="list-preview-heading">"What this file would change"</h3>
        <p>{summary(&preview)}</p>
        {(!added.is_empty()).then(|| view! {
            <details><summary>{format!("Added ({})", added.len())}</summary>{listed(added)}</details>
        })}
        {(!changed.is_empty()).then(|| view! {
            <details><summary>{format!("Changed ({})", changed.len())}</summary>{listed(changed)}</details>
        })}
        {(!leaving.is_empty()).then(|| view! {
            <fieldset class="leavers">
                <legend>{format!("On the list but not in this file ({})", leaving.len())}</legend>
                <p class="hint">"Tick those who have left: they are kept with today as their leaving date, drop out of the figures and keep their training history. Leave the others: nobody is removed because an export leaves them out."</p>
                {leaving.into_iter().map(|(id, name)| {
                    let box_id = format!("leaver-{id}");
                    let for_check = id.clone();
                    view! {
                        <div class="field">
                            <input type="checkbox" id=box_id.clone()
                                prop:checked=move || leavers.with(|l| l.contains(&for_check))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    leavers.update(|l| { if on { l.insert(id.clone()); } else { l.remove(&id); } });
                                } />
                            <label for=box_id>{format!("{name} has left")}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        })}
        {(!problems.is_empty()).then(|| view! {
            <div class="notice notice-warning">
                <p>{format!("Rows that cannot be used ({}): they are left out; correct them in the file and import it again.", problems.len())}</p>
                {listed(problems)}
            </div>
        })}
    }
}

/// Adding one person by hand, or editing one from the table.
#[component]
fn PersonForm(draft: RwSignal<RosterEntry>, editing: RwSignal<bool>) -> impl IntoView {
    let app = app();
    let list = app.staff_list();
    let said = RwSignal::new(None::<Result<String, String>>);
    let person = Lens::whole(draft);
    let name = person.text(|p| &p.name, |p| &mut p.name, Rule::NAME);
    let email = Bind::new(
        move || draft.with(|p| p.email.clone().unwrap_or_default()),
        move |v: String| draft.update(|p| p.email = (!v.is_empty()).then_some(v)),
    )
    .keeping(RosterEntry::EMAIL);
    let start = person.date(|p| p.start_date, |p| &mut p.start_date);
    let leaving = person.date(|p| p.leaving_date, |p| &mut p.leaving_date);
    // Blank: counted in the figures. A reason: left out of them, with the reason kept.
    let excluded = Bind::new(
        move || draft.with(|p| p.excluded.clone().unwrap_or_default()),
        move |v: String| draft.update(|p| p.excluded = (!v.trim().is_empty()).then_some(v)),
    )
    .keeping(Rule {
        required: false,
        ..RosterEntry::REASON
    });
    // The DSL's and deputies' own formal training: its date, and who gave it.
    let formal_on = Bind::new(
        move || {
            draft.with(|p| {
                p.formal
                    .as_ref()
                    .map(|f| f.on.to_string())
                    .unwrap_or_default()
            })
        },
        move |v: String| {
            draft.update(|p| {
                p.formal = parse_day(&v).map(|on| FormalTraining {
                    on,
                    provider: p.formal.take().map(|f| f.provider).unwrap_or_default(),
                })
            })
        },
    );
    let provider = Bind::new(
        move || {
            draft.with(|p| {
                p.formal
                    .as_ref()
                    .map(|f| f.provider.clone())
                    .unwrap_or_default()
            })
        },
        move |v: String| {
            draft.update(|p| {
                if let Some(f) = &mut p.formal {
                    f.provider = v;
                }
            })
        },
    )
    .keeping(Rule::LINE);
    let is_dsl = move || draft.with(|p| p.role == Role::Dsl);
    let save = move |_| {
        let mut entry = draft.get_untracked();
        let is_edit = editing.get_untracked();
        if !is_edit {
            entry.id = make_id("p", browser::random_u64());
        }
        let who = entry.name.clone();
        let mut next = list.get_untracked();
        let result = if is_edit {
            next.edit(entry)
        } else {
            next.add(entry)
        };
        match result {
            Ok(()) => {
                list.set(next);
                app.link_staff_list();
                draft.set(blank());
                editing.set(false);
                said.set(Some(Ok(match is_edit {
                    true => format!("{who}'s details are saved."),
                    false => format!("{who} is added to the staff list."),
                })));
            }
            Err(e) => said.set(Some(Err(e.to_string()))),
        }
    };
    let cancel = move |_| {
        draft.set(blank());
        editing.set(false);
        said.set(None);
    };
    view! {
        <form class="card" id="list-person" aria-labelledby="list-person-heading" on:submit=move |ev| { ev.prevent_default(); save(()); }>
            <h3 id="list-person-heading">{move || match editing.get() {
                true => format!("Edit {}", draft.with_untracked(|p| p.name.clone())),
                false => "Add a person by hand".to_owned(),
            }}</h3>
            <Field id="list-person-name" label="Name" bind=name />
            // "Position", not "Role": the matrix's filter is the page's one "Role".
            <Select id="list-person-role" label="Position"
                value=Signal::derive(move || Some(draft.with(|p| p.role)))
                on_change=Callback::new(move |r: Option<Role>| if let Some(r) = r { draft.update(|p| p.role = r) }) />
            <Field id="list-person-email" label="Work email (optional)" bind=email />
            <Field id="list-person-start" label="Start date (optional)" input=Input::Date bind=start />
            <Field id="list-person-leaving" label="Leaving date (optional)" input=Input::Date bind=leaving />
            <Field id="list-person-excluded" label="Excluded from the figures: why (optional)" bind=excluded
                hint="For example long-term absence. Leave blank to count them; their history is kept either way." />
            {move || is_dsl().then(|| view! {
                <Field id="list-person-formal" label="Formal safeguarding training: date taken" input=Input::Date bind=formal_on
                    hint="The DSL's and deputies' own training with an outside provider, due again after the cycle set in Settings." />
                <Field id="list-person-provider" label="Formal training provider" bind=provider />
            })}
            <div role="status">
                {move || said.get().map(|s| match s {
                    Ok(line) => view! { <p>{line}</p> }.into_any(),
                    Err(why) => view! { <p class="notice notice-error">{why}</p> }.into_any(),
                })}
            </div>
            <div class="actions">
                <button type="submit">{move || if editing.get() { "Save changes" } else { "Add to the staff list" }}</button>
                {move || editing.get().then(|| view! { <button type="button" class="secondary" on:click=cancel>"Cancel"</button> })}
            </div>
        </form>
    }
}

/// Everyone on the list, each with edit and remove.
#[component]
fn People(draft: RwSignal<RosterEntry>, editing: RwSignal<bool>) -> impl IntoView {
    let list = app().staff_list();
    let day = |d: Option<NaiveDate>| d.map(long).unwrap_or_else(|| "\u{2014}".into());
    let row = move |p: RosterEntry| {
        let (edit, id) = (p.clone(), p.id.clone());
        let name = p.name.clone();
        view! {
            <tr>
                <th scope="row">{p.name.clone()}</th>
                <td>{p.role.label()}</td>
                <td>{p.email.clone().unwrap_or_else(|| "\u{2014}".into())}</td>
                <td>{day(p.start_date)}</td>
                <td>{day(p.leaving_date)}</td>
                <td>
                    <button type="button" class="link-button" on:click=move |_| {
                        draft.set(edit.clone());
                        editing.set(true);
                        if let Some(field) = document().get_element_by_id("list-person-name") {
                            let _ = wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&field).focus();
                        }
                    }>{format!("Edit {}", p.name)}</button>
                    " "
                    <button type="button" class="link-button" on:click=move |_| {
                        if browser::confirm(&format!("Take {name} off the staff list? Someone who has left is better kept with a leaving date, so their history stays.")) {
                            list.update(|l| drop(l.remove(&id)));
                        }
                    }>{format!("Remove {}", p.name)}</button>
                </td>
            </tr>
        }
    };
    view! {
        {move || {
            let people = list.with(|l| l.people.clone());
            if people.is_empty() {
                return view! { <p>"No one is on the staff list yet. Until there is, coverage is counted over the records imported."</p> }.into_any();
            }
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label="The staff list">
                    <table class="staff-list">
                        <caption>{format!("Everyone on the staff list ({})", people.len())}</caption>
                        <thead><tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Role"</th>
                            <th scope="col">"Work email"</th>
                            <th scope="col">"Start date"</th>
                            <th scope="col">"Leaving date"</th>
                            <th scope="col"><span class="visually-hidden">"Change"</span></th>
                        </tr></thead>
                        <tbody>{people.into_iter().map(row).collect_view()}</tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}
