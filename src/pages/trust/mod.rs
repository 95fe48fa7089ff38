//! The trust view at /trust: a trust's lead (or a local authority's adviser) opens the
//! summary files its schools' DSLs exported, and sees them side by side: a row per school
//! that sorts and filters, one item across schools, the gaps most schools share, a report
//! that prints (`report.rs`: page 1 for the trust board, then a page per school) and the
//! table as CSV. The summaries are held for the page only: nothing is stored, and nothing
//! leaves the device.

mod report;

use leptos::prelude::*;

use crate::browser;
use crate::components::bulk_file_drop::BulkFileDrop;
use crate::components::import_report::{FileReport, ImportReport};
use crate::components::page_head::PageHead;
use crate::components::rag_chart::{RagBar, RagPatterns};
use crate::domain::audit::Rag;
use crate::domain::dates::{iso, long, long_time};
use crate::domain::envelope::MAX_IMPORT_BYTES;
use crate::domain::staff;
use crate::domain::trust::{
    common_gaps, on_item, to_csv, Column, Held, SchoolRow, Trust, STALE_AFTER_MONTHS,
};
use crate::files::{self, FoundFiles};
use crate::state::app;
use report::{SchoolPages, TrustSummary};

/// How many common gaps the screen lists.
const GAPS_SHOWN: usize = 10;

/// The page at /trust.
#[component]
pub fn TrustHome() -> impl IntoView {
    let trust = RwSignal::new(Trust::default());
    let results = RwSignal::new(Vec::<FileReport>::new());
    let busy = RwSignal::new(false);
    let today = browser::today();
    let on_found = Callback::new(move |found: FoundFiles| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let mut report: Vec<FileReport> = found
                .skipped
                .iter()
                .map(|p| FileReport::refused(p.clone(), "It is not a .json file."))
                .collect();
            // Read and checked first, then added in one change: the page draws once.
            let mut read = Vec::new();
            for file in files::read_batch(&found.wanted, MAX_IMPORT_BYTES).await {
                match file
                    .text
                    .map_err(|e| e.to_string())
                    .and_then(|text| Held::read(&file.name, &text).map_err(|e| e.to_string()))
                {
                    Ok(held) => read.push(held),
                    Err(why) => report.push(FileReport::refused(file.name, why)),
                }
            }
            trust.try_update(|t| {
                for held in read {
                    let file = held.file.clone();
                    let note = t.add(held).note();
                    report.push(FileReport {
                        file,
                        outcome: Ok(note),
                    });
                }
            });
            results.try_set(report);
            busy.try_set(false);
        });
    });
    let any = move || trust.with(|t| !t.schools.is_empty());
    view! {
        <RagPatterns />
        <div class="no-print">
            <PageHead
                title="Trust view"
                heading="Schools side by side"
                lead="For a trust's safeguarding lead or a local authority's adviser: open the summary files your schools' DSLs export from their governors' report, and see every school's audit, training and filtering review together."
            />
            <p>{format!("Each summary is the school's own statement of its audit, made by its DSL; this page does not check it against the school's records. The summaries stay on this device and only while this page is open: nothing is stored or sent anywhere. A summary older than {STALE_AFTER_MONTHS} months (about a term) is marked stale. A newer summary of the same school and year replaces an older one.")}</p>
            <section aria-labelledby="open-heading">
                <h2 id="open-heading">"Open summaries"</h2>
                <BulkFileDrop
                    id="summary-files"
                    label="Choose school summary files"
                    folder_label="Or choose a folder of summaries"
                    hint=staff::PICKER_HINT.to_owned()
                    wanted=staff::is_record_file
                    busy
                    on_found
                />
                <div role="status">
                    {move || busy.get().then(|| view! { <p>"Reading the summaries…"</p> })}
                </div>
                <ImportReport reports=results />
            </section>
        </div>
        {move || match any() {
            false => view! { <p class="no-print">"No summaries are open yet."</p> }.into_any(),
            true => view! {
                <TrustSummary trust today />
                <div class="no-print">
                    <div class="actions">
                        <button type="button" on:click=|_| browser::print()>"Print the trust report"</button>
                        <button type="button" on:click=move |_| {
                            let text = trust.with_untracked(|t| to_csv(t, today));
                            app().download(&format!("trust-schools-{}.csv", iso(today)), "text/csv", &text);
                        }>"Download the table (CSV)"</button>
                    </div>
                    <SchoolTable trust today />
                    <ItemAcrossSchools trust />
                    <CommonGaps trust />
                    <Sources trust />
                </div>
                <SchoolPages trust today />
            }
            .into_any(),
        }}
    }
}

/// Which rows the table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Show {
    All,
    Stale,
    FilteringOut,
    Overdue,
    Red,
}

impl Show {
    const ALL: [(Show, &'static str, &'static str); 5] = [
        (Show::All, "all", "Every school"),
        (Show::Red, "red", "Any item rated red"),
        (Show::Stale, "stale", "Stale summaries"),
        (
            Show::FilteringOut,
            "filtering",
            "Filtering review not in date",
        ),
        (Show::Overdue, "overdue", "Overdue actions or reviews"),
    ];

    fn keeps(self, r: &SchoolRow) -> bool {
        match self {
            Show::All => true,
            Show::Stale => r.stale,
            Show::FilteringOut => !r.filtering_in_date,
            Show::Overdue => r.overdue_actions + r.overdue_reviews > 0,
            Show::Red => r.figures.red > 0,
        }
    }
}

/// One row per school, sorted by any column (its header is a button) and filtered.
#[component]
fn SchoolTable(trust: RwSignal<Trust>, today: chrono::NaiveDate) -> impl IntoView {
    let sort = RwSignal::new((Column::School, false));
    let find = RwSignal::new(String::new());
    let show = RwSignal::new(Show::All);
    let rows = Memo::new(move |_| {
        let needle = find.with(|f| f.trim().to_lowercase());
        let show = show.get();
        let mut rows: Vec<SchoolRow> = trust.with(|t| t.rows(today));
        rows.retain(|r| show.keeps(r) && r.school.to_lowercase().contains(&needle));
        let (column, descending) = sort.get();
        column.sort(&mut rows, descending);
        rows
    });
    let header = move |column: Column| {
        let state = move || {
            sort.with(|(c, d)| {
                (*c == column).then_some(if *d { "descending" } else { "ascending" })
            })
        };
        view! {
            <th scope="col" aria-sort=state>
                <button type="button" class="sort" on:click=move |_| sort.update(|(c, d)| {
                    if *c == column { *d = !*d } else { *c = column; *d = false }
                })>{column.label()}</button>
            </th>
        }
    };
    view! {
        <section aria-labelledby="schools-heading">
            <h2 id="schools-heading">"Schools"</h2>
            <div class="trust-filters">
                <div class="field">
                    <label for="trust-find">"Find a school"</label>
                    <input id="trust-find" type="search" prop:value=move || find.get()
                        on:input=move |ev| find.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="trust-show">"Show"</label>
                    <select id="trust-show" on:change=move |ev| {
                        let id = event_target_value(&ev);
                        if let Some((s, _, _)) = Show::ALL.into_iter().find(|(_, i, _)| *i == id) {
                            show.set(s);
                        }
                    }>
                        {Show::ALL.into_iter().map(|(s, id, label)| view! {
                            <option value=id selected=move || show.get() == s>{label}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <p role="status">{move || rows.with(|r| format!("Showing {} of {} schools.", r.len(), trust.with(|t| t.schools.len())))}</p>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="schools-caption">
                <table class="trust-table">
                    <caption id="schools-caption">"One row per school and year, from each school's own summary. Choose a column's heading to sort by it."</caption>
                    <thead><tr>{Column::ALL.into_iter().map(header).collect_view()}</tr></thead>
                    <tbody>
                        {move || rows.get().into_iter().map(|r| {
                            let age = format!("{} days", r.age_days);
                            view! {
                                <tr>
                                    <th scope="row">{r.school.clone()}</th>
                                    <td>{r.year.clone()}</td>
                                    <td>
                                        {age}
                                        {r.stale.then(|| view! { " " <span class="tag tag-amber stale">"Stale"</span> })}
                                        <br /><span class="muted">{format!("Prepared {}", long(r.prepared_on))}</span>
                                    </td>
                                    <td><RagBar figures=r.figures /></td>
                                    <td>{r.coverage.map(|p| format!("{p}%")).unwrap_or_else(|| "None sent".into())}<br /><span class="muted">{r.coverage_text.clone()}</span></td>
                                    <td>{if r.filtering_in_date { "In date" } else { "Not in date" }}</td>
                                    <td>{r.overdue_actions}</td>
                                    <td>{r.overdue_reviews}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// One audit item: which schools are red, amber or green on it.
#[component]
fn ItemAcrossSchools(trust: RwSignal<Trust>) -> impl IntoView {
    let items = Memo::new(move |_| trust.with(Trust::items));
    let picked = RwSignal::new(String::new());
    let chosen = move || {
        let id = picked.get();
        items.with(|items| {
            items
                .iter()
                .find(|(i, _)| *i == id)
                .or(items.first())
                .map(|(i, _)| i.clone())
        })
    };
    view! {
        <section aria-labelledby="item-heading">
            <h2 id="item-heading">"One item across schools"</h2>
            <div class="field">
                <label for="trust-item">"Audit item"</label>
                <select id="trust-item" on:change=move |ev| picked.set(event_target_value(&ev))>
                    {move || items.get().into_iter().map(|(id, question)| {
                        let selected = id == picked.get();
                        view! { <option value=id selected=selected>{question}</option> }
                    }).collect_view()}
                </select>
            </div>
            {move || chosen().map(|item| {
                let by = trust.with(|t| {
                    on_item(&t.summaries(), &item).into_iter().map(|(s, r)| (s.to_owned(), r)).collect::<Vec<_>>()
                });
                view! {
                    <dl class="on-item facts" aria-live="polite">
                        {Rag::ALL.into_iter().map(|rag| {
                            let schools: Vec<String> = by.iter().filter(|(_, r)| *r == rag).map(|(s, _)| s.clone()).collect();
                            view! {
                                <dt>{format!("{} ({})", rag.label(), schools.len())}</dt>
                                <dd>{if schools.is_empty() { "None".to_owned() } else { schools.join(", ") }}</dd>
                            }
                        }).collect_view()}
                    </dl>
                }
            })}
        </section>
    }
}

/// The items most schools rate red or amber.
#[component]
fn CommonGaps(trust: RwSignal<Trust>) -> impl IntoView {
    view! {
        <section aria-labelledby="gaps-heading">
            <h2 id="gaps-heading">"Common gaps"</h2>
            {move || {
                let gaps = trust.with(|t| common_gaps(&t.summaries()));
                if gaps.is_empty() {
                    return view! { <p>"No school rates any item red or amber."</p> }.into_any();
                }
                let more = gaps.len().saturating_sub(GAPS_SHOWN);
                view! {
                    <p>"The items rated red (No or Not sure) or amber (Partly) by the most schools, most first."</p>
                    <ol class="common-gaps">
                        {gaps.into_iter().take(GAPS_SHOWN).map(|g| view! {
                            <li>{format!("{}: {} ", g.section, g.question)}<strong>{format!("red at {}, amber at {} of {} schools", g.red, g.amber, g.schools)}</strong></li>
                        }).collect_view()}
                    </ol>
                    {(more > 0).then(|| view! { <p class="more">{format!("And {more} more items with a gap at one school or more.")}</p> })}
                }.into_any()
            }}
        </section>
    }
}

/// Where each summary came from.
#[component]
fn Sources(trust: RwSignal<Trust>) -> impl IntoView {
    view! {
        <section aria-labelledby="sources-heading">
            <h2 id="sources-heading">"Where these came from"</h2>
            <p>"Each summary is the school's own statement, exported by its DSL from the school's copy of this app."</p>
            <ul>
                {move || trust.with(|t| t.schools.iter().map(|h| view! {
                    <li>{format!("{} ({}): {}, written {}", h.summary.school, h.summary.year.label(), h.file, long_time(h.saved_at))}</li>
                }).collect_view())}
            </ul>
        </section>
    }
}
