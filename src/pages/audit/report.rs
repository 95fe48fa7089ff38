//! The governors' report, made to print on A4. Page 1 is the whole story for a governor
//! reading on paper, often in black and white: school, year and date; the overall picture
//! in a sentence and the chart; staff training coverage; the filtering and monitoring
//! review; the review dates that have passed; the change since last year; the top risks
//! and overdue actions (a few, with a count of the rest); and sign-off by the people named
//! in Settings. The detail follows, each part starting a new page: every gap, the action
//! plan, each section's items, the filtering review record, training coverage and the
//! comparison with last year.

use crate::components::title::Title;
use leptos::prelude::*;

use crate::browser;
use crate::components::action_plan::ActionPlan;
use crate::components::audit_year::{figures, with_year, year_lens};
use crate::components::content::filled;
use crate::components::coverage::{coverage_line, figures_ready, CoverageLine, CoverageSummary};
use crate::components::fields::{Field, Input};
use crate::components::link::Link;
use crate::components::rag_chart::RagChart;
use crate::components::year_on_year::YearOnYear;
use crate::domain::audit::{
    AcademicYear, AuditBook, Checklist, FirstPage, KeptFigures, SignOff, CONSIDERATIONS,
};
use crate::domain::dates::{long as long_date, parse_day};
use crate::domain::envelope;
use crate::domain::settings::SchoolSettings;
use crate::domain::text::Rule;
use crate::domain::trust::{CoverageFigures, SchoolSummary};
use crate::routes::{self, AuditPage};
use crate::state::{app, Bind, Lens};

#[component]
pub fn ReportPage(
    /// The year as the address writes it ("2026-27").
    year: String,
) -> impl IntoView {
    with_year(&year, |year, list| view! { <Report year list /> })
}

#[component]
fn Report(year: AcademicYear, list: &'static Checklist) -> impl IntoView {
    let settings = app().settings();
    let audit = year_lens(year);
    let today = browser::today();
    let figures = figures(year, list);
    let first =
        Memo::new(move |_| audit.read(|a| settings.with(|s| Some(a.first_page(list, s, today)))));
    // The school's summary for its trust: ratings, dates and coverage counts, no names.
    let (list_rows, matrix) = (app().list_rows(), app().matrix());
    let export_summary = move |_| {
        let now = browser::now();
        let coverage = list_rows
            .with_untracked(|l| matrix.with_untracked(|m| CoverageFigures::of_staff(l, m)));
        let summary = untrack(|| {
            audit.read(|a| {
                settings.with(|s| Some(SchoolSummary::of(a, list, s, coverage, now.date())))
            })
        });
        if let Some(summary) = summary {
            let text = envelope::to_json(&summary, now, Some(&summary.content_version));
            app().download(&summary.file_name(), "application/json", &text);
        }
    };
    // A part of page 1, drawn from the memo (the audit is there: `with_year` checked).
    let part = move |f: fn(&FirstPage) -> AnyView| move || first.with(|p| p.as_ref().map(f));
    view! {
        <Title text=format!("Governors' report | {} audit", year.label()) />
        <p class="breadcrumb no-print"><Link href=routes::AUDIT>"Audits"</Link> " › " <Link href=routes::audit(year, AuditPage::Overview)>{format!("{} audit", year.label())}</Link></p>
        <div class="actions no-print">
            <button type="button" on:click=|_| browser::print()>"Print the report"</button>
            <button type="button" on:click=export_summary disabled=move || !figures_ready()>"Export a summary for the trust (JSON)"</button>
        </div>
        <article class="report" aria-labelledby="report-title">
            <section class="report-summary" aria-label="Summary">
                <h1 id="report-title">{move || settings.with(|s| format!("{}: online-safety audit {}", s.school_name, year.label()))}</h1>
                <p class="report-meta">{move || settings.with(|s| format!("Report to governors, prepared on {} by {} (DSL).", long_date(today), s.dsl))}</p>
                <section aria-labelledby="overall-heading">
                    <h2 id="overall-heading">"The overall picture"</h2>
                    <p class="overall">{part(|p| p.overall.clone().into_any())}</p>
                    <RagChart figures />
                    <dl class="at-a-glance">
                        <dt>"Staff training"</dt>
                        <dd>{move || match audit.read(|a| a.sign_off.training.clone()) {
                            Some(kept) => view! {
                                {kept.line}
                                <span class="muted">{format!(" (The figures as they stood on {}, kept with this audit when it was finalised.)", long_date(kept.on))}</span>
                            }.into_any(),
                            None => view! { <CoverageLine /> }.into_any(),
                        }}</dd>
                        <dt>"Filtering review"</dt>
                        <dd>{part(|p| p.filtering.clone().into_any())}</dd>
                        <dt>"Overdue reviews"</dt>
                        <dd>{part(|p| p.passed.clone().unwrap_or_else(|| "None: no review date set by the policy or the filtering review has passed.".into()).into_any())}</dd>
                        {part(|p| match &p.change {
                            Some(change) => view! { <dt>"Since last year"</dt><dd>{change.clone()}</dd> }.into_any(),
                            None => ().into_any(),
                        })}
                    </dl>
                </section>
                <section aria-labelledby="risks-heading">
                    <h2 id="risks-heading">"Top risks"</h2>
                    {part(|p| {
                        if p.risks.is_empty() {
                            return view! { <p>"No item is rated No, Not sure or Partly."</p> }.into_any();
                        }
                        view! {
                            <ol class="risks">{p.risks.iter().map(|r| view! {
                                <li><strong>{r.rating.label()}</strong>" · "{format!("{}: {}", r.section, r.question)}</li>
                            }).collect_view()}</ol>
                            {(p.more_risks > 0).then(|| view! {
                                <p class="more">{format!("And {} more, every one listed under \u{201c}All gaps\u{201d} in the detail that follows.", p.more_risks)}</p>
                            })}
                        }.into_any()
                    })}
                </section>
                <section aria-labelledby="overdue-heading">
                    <h2 id="overdue-heading">"Overdue actions"</h2>
                    {part(|p| {
                        if p.overdue.is_empty() {
                            return view! { <p>"No actions are overdue."</p> }.into_any();
                        }
                        view! {
                            <ul class="overdue-actions">{p.overdue.iter().map(|x| {
                                let owner = if x.action.owner.is_empty() { "no owner" } else { x.action.owner.as_str() };
                                view! {
                                    <li>
                                        <strong class="nowrap">{format!("Due {}", x.action.due.map(long_date).unwrap_or_default())}</strong>
                                        " · " {x.action.what.clone()} " "
                                        <span class="who">{format!("({owner}; {})", x.action.status.label().to_lowercase())}</span>
                                    </li>
                                }
                            }).collect_view()}</ul>
                            {(p.more_overdue > 0).then(|| view! {
                                <p class="more">{format!("And {} more overdue, in the action plan in the detail that follows.", p.more_overdue)}</p>
                            })}
                        }.into_any()
                    })}
                </section>
                <SignOffLines year />
            </section>
            <div class="report-detail">
                <section class="report-section" aria-labelledby="r-gaps">
                    <h2 id="r-gaps">"All gaps"</h2>
                    {move || {
                        let gaps: Vec<(String, String, &'static str)> = audit.read(|a| a.top_risks(list).into_iter().map(|(item, r)| {
                            let section = list.item(&item.id).map(|(s, _)| s.title.clone()).unwrap_or_default();
                            (section, item.question.clone(), r.label())
                        }).collect());
                        if gaps.is_empty() {
                            return view! { <p>"No item is rated No, Not sure or Partly."</p> }.into_any();
                        }
                        view! {
                            <p>"Every item rated No or Not sure (red), then Partly (amber), in checklist order."</p>
                            <table class="gaps">
                                <thead><tr><th scope="col">"Rating"</th><th scope="col">"Section"</th><th scope="col">"Item"</th></tr></thead>
                                <tbody>{gaps.into_iter().map(|(section, q, r)| view! {
                                    <tr><td>{r}</td><td>{section}</td><td>{filled(q)}</td></tr>
                                }).collect_view()}</tbody>
                            </table>
                        }.into_any()
                    }}
                </section>
                <div class="report-section">
                    <ActionPlan year list />
                </div>
                {list.sections.iter().map(|section| view! {
                    <section class="report-section" aria-labelledby=format!("rs-{}", section.id)>
                        <h2 id=format!("rs-{}", section.id)>{section.title.clone()}</h2>
                        <table class="report-items">
                            <thead><tr><th scope="col">"Item"</th><th scope="col">"Rating"</th><th scope="col">"Evidence"</th><th scope="col">"Actions"</th></tr></thead>
                            <tbody>
                                {section.items.iter().map(|item| {
                                    let answer = move || audit.read(|a| a.answer(&item.id).cloned());
                                    view! {
                                        <tr>
                                            <td>{filled(item.question.clone())}</td>
                                            <td>{move || answer().and_then(|a| a.rating.filter(|_| !a.needs_reconfirming)).map_or("Not answered", |r| r.label())}</td>
                                            <td>{move || answer().map(|a| {
                                                let docs: Vec<String> = a.evidence.iter().filter(|e| !e.document.trim().is_empty())
                                                    .map(|e| match e.date { Some(d) => format!("{} ({})", e.document, long_date(d)), None => e.document.clone() }).collect();
                                                let mut text = a.notes.clone();
                                                if !a.not_applicable_reason.is_empty() { text = format!("Not applicable: {}. {text}", a.not_applicable_reason); }
                                                if !docs.is_empty() { text = format!("{text} Documents: {}.", docs.join("; ")); }
                                                text.trim().to_owned()
                                            })}</td>
                                            <td>{move || answer().map(|a| a.actions.iter().map(|x| format!("{} ({}, {}, {})", x.what, if x.owner.is_empty() { "no owner" } else { &x.owner }, x.due.map(long_date).unwrap_or_else(|| "no date".into()), x.status.label())).collect::<Vec<_>>().join("; "))}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </section>
                }).collect_view()}
                <section class="report-section" aria-labelledby="r-filtering">
                    <h2 id="r-filtering">"Filtering and monitoring review record"</h2>
                    {move || audit.read(|a| Some(a.filtering.clone())).map(|f| view! {
                        <dl class="facts">
                            <dt>"Senior leader"</dt><dd>{f.senior_leader.clone()}</dd>
                            <dt>"Governor"</dt><dd>{f.governor.clone()}</dd>
                            <dt>"DSL"</dt><dd>{f.dsl.clone()}</dd>
                            <dt>"IT service provider"</dt><dd>{f.it_provider.clone()}</dd>
                            <dt>"Filtering provider"</dt><dd>{f.filtering_provider.clone()}</dd>
                            <dt>"Monitoring provider"</dt><dd>{f.monitoring_provider.clone()}</dd>
                            <dt>"IWF member"</dt><dd>{f.iwf_member.label()}</dd>
                            <dt>"Blocks the CTIRU list"</dt><dd>{f.ctiru_list.label()}</dd>
                            <dt>"UK Safer Internet Centre self-certification"</dt><dd>{f.uksic_self_certified.label()}</dd>
                            <dt>"Reviewed on"</dt><dd>{f.reviewed_on.map(long_date).unwrap_or_else(|| "Not recorded".into())}</dd>
                            <dt>"Next review"</dt><dd>{f.next_review.map(long_date).unwrap_or_else(|| "Not set".into())}</dd>
                        </dl>
                        <h3>"What the review considered"</h3>
                        <dl class="facts">
                            {CONSIDERATIONS.into_iter().map(|(key, label)| view! { <dt>{label}</dt><dd>{f.considerations.get(key).cloned().unwrap_or_default()}</dd> }).collect_view()}
                        </dl>
                        <h3>"Blocked and allowed decisions"</h3>
                        <ul>{f.decisions.iter().map(|d| view! { <li>{format!("{}: {}. {}", d.what, if d.allowed { "allowed" } else { "blocked" }, d.reason)}</li> }).collect_view()}</ul>
                        <h3>"Check log"</h3>
                        <table class="check-log">
                            <thead><tr><th scope="col">"Date"</th><th scope="col">"Who"</th><th scope="col">"Device"</th><th scope="col">"Location"</th><th scope="col">"User group"</th><th scope="col">"Tested"</th><th scope="col">"Result"</th><th scope="col">"Action"</th></tr></thead>
                            <tbody>{f.checks.iter().map(|c| view! {
                                <tr><td>{c.date.map(long_date).unwrap_or_default()}</td><td>{c.who.clone()}</td><td>{c.device.clone()}</td><td>{c.location.clone()}</td><td>{c.user_group.clone()}</td><td>{c.tested.clone()}</td><td>{c.result.clone()}</td><td>{c.action.clone()}</td></tr>
                            }).collect_view()}</tbody>
                        </table>
                    })}
                </section>
                <section class="report-section" aria-labelledby="r-training">
                    <h2 id="r-training">"Training coverage"</h2>
                    {move || audit.read(|a| a.sign_off.training.as_ref().map(|k| view! {
                        <p class="muted">{format!("Page 1 gives the figures kept on {}; these are today's.", long_date(k.on))}</p>
                    }))}
                    <CoverageSummary />
                </section>
                <section class="report-section" aria-labelledby="r-yoy">
                    <h2 id="r-yoy">"Compared with last year"</h2>
                    <YearOnYear year list />
                </section>
            </div>
        </article>
    }
}

/// The name a signatory field shows: what was typed, or else the person Settings names.
fn signatory(
    sign: Lens<AuditBook, SignOff>,
    get: fn(&SignOff) -> &String,
    set: fn(&mut SignOff) -> &mut String,
    named: fn(&SchoolSettings) -> &String,
) -> Bind {
    let settings = app().settings();
    let typed = sign.text(get, set, Rule::LINE);
    Bind::new(
        move || {
            let name = typed.value();
            if name.trim().is_empty() {
                settings.with(|s| named(s).clone())
            } else {
                name
            }
        },
        move |name| {
            typed.set(name);
        },
    )
    .keeping(Rule::LINE)
}

/// Sign-off by the DSL and the chair of governors, named from Settings: fields on screen,
/// and on paper a table with room to sign.
#[component]
fn SignOffLines(year: AcademicYear) -> impl IntoView {
    let sign = year_lens(year).focus(|a| Some(&a.sign_off), |a| Some(&mut a.sign_off));
    let dsl = signatory(sign, |s| &s.dsl, |s| &mut s.dsl, |s| &s.dsl);
    let chair = signatory(
        sign,
        |s| &s.governor,
        |s| &mut s.governor,
        |s| &s.chair_of_governors,
    );
    let dsl_date = sign.date(|s| s.dsl_date, |s| &mut s.dsl_date);
    // Finalising keeps this year's training figures with the audit, so the report still
    // says what it said when the records have moved on.
    let kept = move || sign.read(|s| s.training.as_ref().map(|k| long_date(k.on)));
    let keep = move |_| {
        if kept().is_some()
            && !browser::confirm("Replace the training figures kept with this audit by today's?")
        {
            return;
        }
        let line = untrack(coverage_line);
        sign.update(|s| {
            s.training = Some(KeptFigures {
                on: browser::today(),
                line,
            })
        });
    };
    let chair_date = sign.date(|s| s.governor_date, |s| &mut s.governor_date);
    // A date as it reads on paper; blank (room to write it) until one is entered.
    let on_paper = |date: Bind| move || parse_day(&date.value()).map(long_date).unwrap_or_default();
    let hint = "Filled in from Settings; type another name if someone else signs.";
    view! {
        <section class="sign-off" aria-labelledby="sign-heading">
            <h2 id="sign-heading">"Sign-off"</h2>
            <div class="sign-grid no-print">
                <Field id="so-dsl" label="Designated Safeguarding Lead" hint=hint bind=dsl />
                <Field id="so-dsl-date" label="Date signed by the DSL" input=Input::Date bind=dsl_date />
                <Field id="so-gov" label="Chair of governors" hint=hint bind=chair />
                <Field id="so-gov-date" label="Date signed by the governor" input=Input::Date bind=chair_date />
            </div>
            <div class="no-print">
                <p role="status">{move || match kept() {
                    Some(on) => format!("This audit is finalised: page 1 gives the staff training figures as they stood on {on}."),
                    None => "When the audit is final, keep this year's staff training figures with it, so this report still says what it says today once the records move on.".to_owned(),
                }}</p>
                <button type="button" class="secondary" on:click=keep disabled=move || !figures_ready()>{move || if kept().is_some() { "Keep today's training figures instead" } else { "Finalise: keep this year's training figures" }}</button>
            </div>
            <table class="sign-lines print-only">
                <thead><tr><th scope="col">"Signed for"</th><th scope="col">"Name"</th><th scope="col">"Signature"</th><th scope="col">"Date"</th></tr></thead>
                <tbody>
                    <tr><th scope="row">"Designated Safeguarding Lead"</th><td>{move || dsl.value()}</td><td class="signature"></td><td>{on_paper(dsl_date)}</td></tr>
                    <tr><th scope="row">"Chair of governors"</th><td>{move || chair.value()}</td><td class="signature"></td><td>{on_paper(chair_date)}</td></tr>
                </tbody>
            </table>
        </section>
    }
}
