//! The trust report: page 1 for the trust board (on screen too: the picture at a glance),
//! then a page per school when printed. Lists are capped, with a count of the rest, so page 1
//! fits one A4 sheet however many schools there are; each school's page is kept whole.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::components::rag_chart::RagBar;
use crate::domain::audit::{
    brief, filtering_line, overall_sentence, FilteringReview, Rag, SectionSummary,
};
use crate::domain::dates::{long, long_time};
use crate::domain::settings::join_names;
use crate::domain::trust::{common_gaps, Column, Held, SchoolSummary, Trust, STALE_AFTER_MONTHS};

/// How many names or gaps a line on page 1 lists before counting the rest.
const NAMED: usize = 5;
/// How many overdue actions or red items a school's page lists before counting the rest.
const SCHOOL_ROWS: usize = 8;

/// "A, B and C", or "A, B, C, D, E and 3 more"; "none" for none.
fn some_names(names: &[String]) -> String {
    if names.is_empty() {
        return "none".to_owned();
    }
    let mut shown: Vec<String> = names.iter().take(NAMED).cloned().collect();
    if names.len() > NAMED {
        shown.push(format!("{} more", names.len() - NAMED));
    }
    join_names(&shown)
}

/// Page 1 of the trust report.
#[component]
pub fn TrustSummary(trust: RwSignal<Trust>, today: NaiveDate) -> impl IntoView {
    move || {
        let (p, gaps, mut rows) =
            trust.with(|t| (t.picture(today), common_gaps(&t.summaries()), t.rows(today)));
        let all: SectionSummary = rows.iter().map(|r| r.figures).sum();
        // The schools with the most red items (then amber), for the board's attention.
        Column::Picture.sort(&mut rows, true);
        let attention: Vec<_> = rows
            .into_iter()
            .filter(|r| r.figures.red + r.figures.amber > 0)
            .take(NAMED)
            .collect();
        let n = p.schools;
        let of = |names: &[String]| format!("{} of {n}", names.len());
        let coverage = match p.people {
            0 => "No school sent training figures.".to_owned(),
            people => format!(
                "{} of {people} people are trained ({}%) across the {} schools that sent figures{}{}.",
                p.trained,
                p.trained * 100 / people,
                n - p.without_figures.len(),
                p.lowest
                    .as_ref()
                    .map(|(s, pc)| format!("; lowest: {s} ({pc}%)"))
                    .unwrap_or_default(),
                if p.without_figures.is_empty() {
                    String::new()
                } else {
                    format!("; no figures from {}", some_names(&p.without_figures))
                }
            ),
        };
        let more_gaps = gaps.len().saturating_sub(NAMED);
        view! {
            <section class="trust-summary" aria-labelledby="trust-title">
                <h2 id="trust-title">{format!("The trust's picture: {n} school{}", if n == 1 { "" } else { "s" })}</h2>
                <p class="report-meta">{format!("Prepared on {} from each school's own summary (the files are listed with each school).", long(today))}</p>
                <dl class="at-a-glance">
                    <dt>"Every audit item"</dt>
                    <dd><RagBar figures=all /></dd>
                    <dt>"Red items"</dt>
                    <dd>{format!("{} schools rate an item red: {}.", of(&p.with_red), some_names(&p.with_red))}</dd>
                    <dt>"Staff training"</dt>
                    <dd>{coverage}</dd>
                    <dt>"Filtering review"</dt>
                    <dd>{format!("Not in date at {} schools: {}.", of(&p.filtering_out), some_names(&p.filtering_out))}</dd>
                    <dt>"Overdue"</dt>
                    <dd>{format!("{} actions at {} schools; {} review dates at {} schools.", p.overdue_actions, p.with_overdue_actions.len(), p.overdue_reviews, p.with_overdue_reviews.len())}</dd>
                    <dt>"Stale summaries"</dt>
                    <dd>{format!("{} older than {STALE_AFTER_MONTHS} months: {}.", of(&p.stale), some_names(&p.stale))}</dd>
                </dl>
                <h3>"Schools with the most red, then amber, items"</h3>
                {if attention.is_empty() {
                    view! { <p>"No school rates any item red or amber."</p> }.into_any()
                } else {
                    view! {
                        <ol class="risks">
                            {attention.into_iter().map(|r| view! {
                                <li>{format!("{} ({}): ", r.school, r.year)}<RagBar figures=r.figures /></li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
                <h3>"Common gaps"</h3>
                {if gaps.is_empty() {
                    view! { <p>"No school rates any item red or amber."</p> }.into_any()
                } else {
                    view! {
                        <ol class="risks">
                            {gaps.into_iter().take(NAMED).map(|g| view! {
                                <li><strong>{format!("{} of {}", g.gaps(), g.schools)}</strong>{format!(" schools ({} red, {} amber) · {}: {}", g.red, g.amber, g.section, brief(&g.question, 110))}</li>
                            }).collect_view()}
                        </ol>
                        {(more_gaps > 0).then(|| view! { <p class="more">{format!("And {more_gaps} more items with a gap at one school or more.")}</p> })}
                    }.into_any()
                }}
            </section>
        }
    }
}

/// A page per school, printed only (the table shows them on screen).
#[component]
pub fn SchoolPages(trust: RwSignal<Trust>, today: NaiveDate) -> impl IntoView {
    view! {
        <div class="print-only">
            {move || trust.with(|t| t.schools.iter().map(|h| school_page(h, today)).collect_view())}
        </div>
    }
}

fn school_page(held: &Held, today: NaiveDate) -> impl IntoView {
    let s: &SchoolSummary = &held.summary;
    let stale = crate::domain::trust::is_stale(s.prepared_on, today);
    let review = FilteringReview {
        reviewed_on: s.filtering.reviewed_on,
        next_review: s.filtering.next_review,
        ..FilteringReview::default()
    };
    let reds: Vec<String> = s
        .items()
        .filter(|(_, i)| i.rating.map(|r| r.rag()) == Some(Rag::Red))
        .map(|(sec, i)| format!("{}: {}", sec.title, i.question))
        .collect();
    let more_reds = reds.len().saturating_sub(SCHOOL_ROWS);
    let more_actions = s.overdue_actions.len().saturating_sub(SCHOOL_ROWS);
    let coverage = match &s.coverage {
        None => "No training figures were sent.".to_owned(),
        Some(c) => {
            let roles: Vec<String> = c
                .by_role
                .iter()
                .map(|r| format!("{} {} of {}", r.role.label(), r.trained, r.people))
                .collect();
            format!(
                "{} of {} {} trained ({}%); {} due soon, {} overdue.{}",
                c.trained,
                c.people,
                c.basis(),
                c.percent(),
                c.due_soon,
                c.overdue,
                if roles.is_empty() {
                    String::new()
                } else {
                    format!(" By role: {}.", roles.join("; "))
                }
            )
        }
    };
    let reviews = if s.overdue_reviews.is_empty() {
        "None.".to_owned()
    } else {
        s.overdue_reviews
            .iter()
            .map(|r| format!("{} (due {})", r.what, long(r.due)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    view! {
        <section class="trust-school">
            <h2>{format!("{}: {}", s.school, s.year.label())}</h2>
            <p class="report-meta">{format!(
                "The school's own summary, prepared on {}{}, from {} (written {}).",
                long(s.prepared_on),
                if stale { format!(": stale, older than {STALE_AFTER_MONTHS} months") } else { String::new() },
                held.file,
                long_time(held.saved_at)
            )}</p>
            <p>{overall_sentence(&s.figures())}</p>
            <table>
                <caption>"Ratings by section"</caption>
                <thead><tr><th scope="col">"Section"</th><th scope="col">"Items"</th></tr></thead>
                <tbody>
                    {s.sections.iter().map(|sec| view! {
                        <tr><th scope="row">{sec.title.clone()}</th><td><RagBar figures=SchoolSummary::section_figures(sec) /></td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <dl class="at-a-glance">
                <dt>"Staff training"</dt><dd>{coverage}</dd>
                <dt>"Filtering review"</dt><dd>{filtering_line(&review, s.year, today)}</dd>
                <dt>"Overdue reviews"</dt><dd>{reviews}</dd>
            </dl>
            <h3>"Overdue actions"</h3>
            {if s.overdue_actions.is_empty() {
                view! { <p>"None."</p> }.into_any()
            } else {
                view! {
                    <ul>{s.overdue_actions.iter().take(SCHOOL_ROWS).map(|a| view! {
                        <li>{format!("Due {} · {} ({})", long(a.due), a.what, if a.owner.is_empty() { "no owner" } else { a.owner.as_str() })}</li>
                    }).collect_view()}</ul>
                    {(more_actions > 0).then(|| view! { <p class="more">{format!("And {more_actions} more.")}</p> })}
                }.into_any()
            }}
            <h3>"Items rated red"</h3>
            {if reds.is_empty() {
                view! { <p>"None."</p> }.into_any()
            } else {
                view! {
                    <ul>{reds.into_iter().take(SCHOOL_ROWS).map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                    {(more_reds > 0).then(|| view! { <p class="more">{format!("And {more_reds} more.")}</p> })}
                }.into_any()
            }}
        </section>
    }
}
