//! The full source policy with a stable anchor per section, and the named sources, so every
//! reference in the course and the audit can link to the words it rests on.

use crate::components::title::Title;
use leptos::prelude::*;

use crate::browser;
use crate::components::loading::when_loaded;
use crate::domain::policy::{self, PolicySection};
use crate::domain::sources::Source;
use crate::state::app;

#[component]
pub fn PolicyPage() -> impl IntoView {
    let app = app();
    when_loaded(
        move || app.policy().and(app.sources()),
        |(text, sources)| view! { <Policy text sources /> },
    )
}

#[component]
fn Policy(text: &'static str, sources: &'static [Source]) -> impl IntoView {
    let control = policy::document_control(text);
    let sections = policy::sections(text);
    // The text arrives after the page opens, so a link to a section scrolls there now.
    Effect::new(|_| {
        browser::scroll_to_fragment();
    });
    let toc = sections
        .iter()
        .filter(|s| s.anchor != "document-control")
        .map(|s| {
            let href = format!("#{}", s.anchor);
            let class = if s.code_of_conduct && s.anchor != "code-of-conduct" {
                "toc-sub"
            } else {
                ""
            };
            view! { <li class=class><a href=href>{s.heading}</a></li> }
        })
        .collect_view();
    view! {
        <Title text="Social Media Policy" />
        <article class="policy">
            <h1>{control.title.clone()}</h1>
            <dl class="facts" id="document-control">
                <dt>"Version"</dt><dd>{control.version.clone()}</dd>
                <dt>"Date of version"</dt><dd>{control.date_of_version.clone()}</dd>
                <dt>"Approved"</dt><dd>{format!("{} by {}", control.date_approved, control.approved_by)}</dd>
                <dt>"Review date"</dt><dd>{control.review_date.clone()}</dd>
            </dl>
            <p class="muted">
                "The school's policy, shown word for word. Links from the training and the audit land on the section they cite."
            </p>
            <ul class="policy-preamble">
                {policy::preamble(text).into_iter().skip(1).map(|l| view! { <li>{l}</li> }).collect_view()}
            </ul>
            <nav aria-labelledby="policy-contents">
                <h2 id="policy-contents">"Contents"</h2>
                <ol class="toc">{toc}</ol>
            </nav>
            {sections
                .into_iter()
                .filter(|s| s.anchor != "document-control")
                .map(section_view)
                .collect_view()}
            <section id="sources" aria-labelledby="sources-heading">
                <h2 id="sources-heading">"Other sources cited"</h2>
                <ul>
                    {sources
                        .iter()
                        .cloned()
                        .map(|s| {
                            let id = format!("source-{}", s.id);
                            view! {
                                <li id=id>
                                    <strong>{s.short}</strong>": "{s.title}
                                    {(!s.note.is_empty()).then(|| view! { <br /><span class="muted">{s.note}</span> })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        </article>
    }
}

/// A section: headings, paragraphs, and runs of "- " lines as lists.
fn section_view(section: PolicySection) -> impl IntoView {
    let sub = section.code_of_conduct && section.anchor != "code-of-conduct";
    let heading = if sub {
        view! { <h3>{section.heading}</h3> }.into_any()
    } else {
        view! { <h2>{section.heading}</h2> }.into_any()
    };
    let mut blocks: Vec<AnyView> = Vec::new();
    let mut list: Vec<String> = Vec::new();
    let flush = |list: &mut Vec<String>, blocks: &mut Vec<AnyView>| {
        if !list.is_empty() {
            let items = std::mem::take(list);
            blocks.push(view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }.into_any());
        }
    };
    for line in section.lines {
        match line.strip_prefix("- ") {
            Some(item) => list.push(item.to_owned()),
            None => {
                flush(&mut list, &mut blocks);
                blocks.push(view! { <p>{line}</p> }.into_any());
            }
        }
    }
    flush(&mut list, &mut blocks);
    view! {
        <section id=section.anchor class="policy-section">
            {heading}
            {blocks}
        </section>
    }
}
