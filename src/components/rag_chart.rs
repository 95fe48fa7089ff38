//! The audit's chart: a stacked bar per section of red, amber, green, not applicable and
//! not answered. It reads without colour: each kind of segment has its own pattern
//! (stripes, dots, solid, lines, hollow) and carries its count, the legend is HTML that
//! wraps instead of overlapping, and a table of the counts follows for screen readers. The
//! same chart is used on screen and in print. One chart per page: its patterns have fixed
//! ids that the legend's swatches use.

use leptos::prelude::*;

use crate::components::audit_year::SectionFigures;
use crate::domain::audit::{Rag, SectionSummary};

// Whole-pixel geometry in the SVG's own units: no float formatting in the wasm.
const LABEL_W: usize = 210;
const BAR_W: usize = 420;
const ROW_H: usize = 21;
const BAR_H: usize = 16;
/// Width of a count's box per digit, and its padding.
const DIGIT_W: usize = 7;
const BOX_PAD: usize = 6;

/// The pattern id for a kind of segment.
fn pattern(rag: Rag) -> String {
    format!("rag-pattern-{}", rag.id())
}

/// What each kind of segment means, for the legend and the table.
fn meaning(rag: Rag) -> &'static str {
    match rag {
        Rag::Red => "Red: no or not sure",
        Rag::Amber => "Amber: partly",
        Rag::Green => "Green: yes",
        Rag::NotApplicable => "Not applicable",
        Rag::Unanswered => "Not answered",
    }
}

/// A section's counts in the bar's order: red, amber, green, not applicable, not answered.
fn parts(s: &SectionSummary) -> [(Rag, usize); 5] {
    [
        (Rag::Red, s.red),
        (Rag::Amber, s.amber),
        (Rag::Green, s.green),
        (Rag::NotApplicable, s.not_applicable),
        (Rag::Unanswered, s.unrated()),
    ]
}

/// The patterns, each drawn on its colour so it reads in colour and in greyscale: red
/// stripes, amber dots, solid green, grey lines for not applicable, hollow for not
/// answered. Ids are `pattern(rag)`'s. One view for all five, so the wasm carries one.
fn patterns() -> impl IntoView {
    const WHITE: &str = "#ffffff";
    let white = |class: Option<&'static str>| class.is_none().then_some(WHITE);
    Rag::ALL
        .into_iter()
        .map(|rag| {
            // The ground's colour (a class, or white), a bar drawn across it (width, height,
            // its class or white), and whether it carries a dot.
            let (ground, bar, dot) = match rag {
                Rag::Red => (Some("rag-red"), Some(("2", "6", None)), false),
                Rag::Amber => (Some("rag-amber"), None, true),
                Rag::Green => (Some("rag-green"), None, false),
                Rag::NotApplicable => (None, Some(("6", "2", Some("rag-na"))), false),
                Rag::Unanswered => (None, None, false),
            };
            let turn = matches!(rag, Rag::Red).then_some("rotate(45)");
            view! {
                <pattern id=pattern(rag) width="6" height="6" patternUnits="userSpaceOnUse" patternTransform=turn>
                    <rect width="6" height="6" class=ground fill=white(ground) />
                    {bar.map(|(w, h, class)| view! { <rect width=w height=h class=class fill=white(class) /> })}
                    {dot.then(|| view! { <circle cx="3" cy="3" r="1.5" fill=WHITE /> })}
                </pattern>
            }
        })
        .collect_view()
}

/// A stacked bar per section, its legend, and its counts as a table.
#[component]
pub fn RagChart(
    /// The sections' figures (see `audit_year::figures`).
    figures: Memo<Vec<SectionFigures>>,
) -> impl IntoView {
    move || {
        let rows = figures.get();
        let height = ROW_H * rows.len() + 2;
        let totals: SectionSummary = rows.iter().map(|f| f.summary).sum();
        let bars = rows
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let y = i * ROW_H + 2;
                let total = f.summary.total.max(1);
                // Each segment ends where the running count puts it, so the bar is always
                // exactly BAR_W long and rounding never piles up.
                let mut done = 0;
                let segments = parts(&f.summary)
                    .into_iter()
                    .filter(|(_, n)| *n > 0)
                    .map(|(rag, n)| {
                        let x = LABEL_W + BAR_W * done / total;
                        done += n;
                        let w = LABEL_W + BAR_W * done / total - x;
                        let digits = n.to_string();
                        let box_w = DIGIT_W * digits.len() + BOX_PAD;
                        // The count sits in a white box inside the segment when it fits.
                        let count = (w >= box_w + 4).then(|| {
                            let bx = x + (w - box_w) / 2;
                            view! {
                                <rect x=bx.to_string() y=(y + 2).to_string() width=box_w.to_string() height=(BAR_H - 4).to_string() rx="2" class="rag-count-box" />
                                <text x=(bx + box_w / 2).to_string() y=(y + 12).to_string() text-anchor="middle" class="rag-count">{digits}</text>
                            }
                        });
                        view! {
                            <rect x=x.to_string() y=y.to_string() width=w.to_string() height=BAR_H.to_string()
                                fill=format!("url(#{})", pattern(rag)) class="rag-segment" />
                            {count}
                        }
                    })
                    .collect_view();
                view! {
                    <text x=(LABEL_W - 8).to_string() y=(y + 12).to_string() text-anchor="end" class="rag-label">{f.title}</text>
                    {segments}
                }
            })
            .collect_view();
        // Only the kinds the chart shows, so the key stays short enough for one line.
        let legend = parts(&totals)
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(rag, n)| {
                view! {
                    <li>
                        <svg class="rag-swatch" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                            <rect x="0" y="0" width="16" height="16" fill=format!("url(#{})", pattern(rag)) class="rag-segment" />
                        </svg>
                        {format!("{} ({n})", meaning(rag))}
                    </li>
                }
            })
            .collect_view();
        let table_rows = rows
            .iter()
            .map(|f| {
                let cells = parts(&f.summary)
                    .into_iter()
                    .map(|(_, n)| view! { <td>{n}</td> })
                    .collect_view();
                view! { <tr><th scope="row">{f.title}</th>{cells}</tr> }
            })
            .collect_view();
        view! {
            <figure class="rag-chart">
                <svg viewBox=format!("0 0 {} {height}", LABEL_W + BAR_W + 2) role="img" aria-labelledby="rag-title" aria-describedby="rag-desc" width="100%">
                    <title id="rag-title">"Ratings by section"</title>
                    <desc id="rag-desc">"A bar for each section, split into red, amber, green, not applicable and not answered items. The table that follows gives the counts."</desc>
                    <defs>{patterns()}</defs>
                    {bars}
                </svg>
                <ul class="rag-legend" aria-label="Key to the chart, with totals">{legend}</ul>
                <div class="visually-hidden">
                    <table>
                        <caption>"Ratings by section: number of items"</caption>
                        <thead><tr><th scope="col">"Section"</th>{Rag::ALL.into_iter().map(|r| view! { <th scope="col">{meaning(r)}</th> }).collect_view()}</tr></thead>
                        <tbody>{table_rows}</tbody>
                    </table>
                </div>
            </figure>
        }
    }
}

/// The chart's patterns alone, for a page of small bars ([`RagBar`]) and no chart: their ids
/// are the chart's, so a page has one or the other.
#[component]
pub fn RagPatterns() -> impl IntoView {
    view! {
        <svg class="rag-defs" width="0" height="0" aria-hidden="true" focusable="false">
            <defs>{patterns()}</defs>
        </svg>
    }
}

/// Width of a small bar in the SVG's own units.
const SMALL_W: usize = 120;

/// One small bar of an audit's figures (a school's, or a section's), patterned as the chart
/// is, with its counts in words beside it (the words are what a screen reader and a
/// greyscale page read; the bar is drawn for the eye).
#[component]
pub fn RagBar(
    /// The figures to draw.
    figures: SectionSummary,
) -> impl IntoView {
    let total = figures.total.max(1);
    let mut done = 0;
    let shown: Vec<(Rag, usize)> = parts(&figures)
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .collect();
    let segments = shown
        .iter()
        .map(|&(rag, n)| {
            let x = SMALL_W * done / total;
            done += n;
            let w = SMALL_W * done / total - x;
            view! {
                <rect x=x.to_string() y="1" width=w.to_string() height=BAR_H.to_string()
                    fill=format!("url(#{})", pattern(rag)) class="rag-segment" />
            }
        })
        .collect_view();
    let words = shown
        .iter()
        .map(|&(rag, n)| format!("{n} {}", short(rag)))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <span class="rag-bar">
            <svg viewBox=format!("0 0 {SMALL_W} {}", BAR_H + 2) width=SMALL_W.to_string() height=(BAR_H + 2).to_string() aria-hidden="true" focusable="false">
                {segments}
            </svg>
            <span class="rag-bar-words">{words}</span>
        </span>
    }
}

/// A kind of segment in a word or two, for a small bar's counts.
fn short(rag: Rag) -> &'static str {
    match rag {
        Rag::Red => "red",
        Rag::Amber => "amber",
        Rag::Green => "green",
        Rag::NotApplicable => "n/a",
        Rag::Unanswered => "not answered",
    }
}
