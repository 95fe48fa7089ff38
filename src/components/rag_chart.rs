//! The audit's chart: a stacked bar per section of red, amber, green, not applicable and
//! not answered, with the counts as text for screen readers.

use leptos::prelude::*;

use crate::components::audit_year::SectionFigures;
use crate::domain::audit::{Rag, SectionSummary};

/// A stacked bar per section.
#[component]
pub fn RagChart(
    /// The sections' figures (see `audit_year::figures`).
    figures: Memo<Vec<SectionFigures>>,
) -> impl IntoView {
    // Whole-pixel geometry: no float formatting in the wasm.
    const LABEL_W: usize = 230;
    const BAR_W: usize = 400;
    const ROW_H: usize = 30;
    let parts = |s: &SectionSummary| {
        [
            (Rag::Red, s.red),
            (Rag::Amber, s.amber),
            (Rag::Green, s.green),
            (Rag::NotApplicable, s.not_applicable),
            (
                Rag::Unanswered,
                s.total - s.red - s.amber - s.green - s.not_applicable,
            ),
        ]
    };
    move || {
        let rows = figures.get();
        let height = ROW_H * rows.len() + 40;
        let described = rows
            .iter()
            .map(|f| {
                let [r, a, g, na, none] = parts(&f.summary).map(|(_, n)| n);
                format!(
                    "{}: {r} red, {a} amber, {g} green, {na} not applicable, {none} not answered.",
                    f.title
                )
            })
            .collect::<Vec<_>>()
            .join(" ");
        view! {
            <figure class="rag-chart">
                <svg viewBox=format!("0 0 {} {height}", LABEL_W + BAR_W + 10) role="img" aria-labelledby="rag-title rag-desc" width="100%">
                    <title id="rag-title">"Ratings by section"</title>
                    <desc id="rag-desc">{described}</desc>
                    {rows.iter().enumerate().map(|(i, f)| {
                        let s = &f.summary;
                        let y = i * ROW_H + 4;
                        let mut x = LABEL_W;
                        let total = s.total.max(1);
                        let bars = parts(s).into_iter().filter(|(_, n)| *n > 0).map(|(rag, n)| {
                            let w = BAR_W * n / total;
                            let bar = view! { <rect x=x.to_string() y=y.to_string() width=w.to_string() height="20" class=format!("rag-{}", rag.id()) /> };
                            x += w;
                            bar
                        }).collect_view();
                        view! {
                            <text x=(LABEL_W - 8).to_string() y=(y + 15).to_string() text-anchor="end">{f.title}</text>
                            {bars}
                        }
                    }).collect_view()}
                    {Rag::ALL.into_iter().enumerate().map(|(i, rag)| {
                        let x = LABEL_W + i * 85;
                        let y = ROW_H * rows.len() + 14;
                        view! {
                            <rect x=x.to_string() y=y.to_string() width="12" height="12" class=format!("rag-{}", rag.id()) />
                            <text x=(x + 16).to_string() y=(y + 11).to_string() class="legend">{rag.label()}</text>
                        }
                    }).collect_view()}
                </svg>
            </figure>
        }
    }
}
