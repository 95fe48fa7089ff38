//! Form fields for the audit: a labelled text, date or long-text input bound to one value
//! of the audit, saved as it is typed.

use leptos::prelude::*;

/// A labelled input or textarea.
#[component]
pub fn Field(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    value: Signal<String>,
    set: Callback<String>,
    /// "text", "date" or "textarea".
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    let input = if kind == "textarea" {
        view! {
            <textarea id=id.clone() rows="3" aria-describedby=hint_id.clone() prop:value=move || value.get() on:input=move |ev| set.run(event_target_value(&ev))></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() type=kind aria-describedby=hint_id.clone() prop:value=move || value.get() on:input=move |ev| set.run(event_target_value(&ev)) />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {input}
        </div>
    }
}

/// An optional date as the text of a date input.
pub fn date_text(date: Option<chrono::NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// The date in a date input's text (empty or invalid gives `None`).
pub fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    text.parse().ok()
}
