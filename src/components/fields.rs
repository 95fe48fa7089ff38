//! Labelled form fields bound to a piece of state through a getter and a setter.

use leptos::prelude::*;

/// A single-line text input with a visible label.
#[component]
pub fn TextField(
    /// Element id, also used to tie the label to the input.
    id: &'static str,
    /// The visible label.
    label: &'static str,
    /// Reads the current value.
    value: Signal<String>,
    /// Receives every edit.
    on_change: Callback<String>,
    /// Optional hint shown under the label.
    #[prop(optional, into)]
    hint: Option<String>,
    /// Input type ("text" unless given, e.g. "date").
    #[prop(default = "text")]
    kind: &'static str,
) -> impl IntoView {
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            <input
                id=id
                type=kind
                aria-describedby=hint_id
                prop:value=move || value.get()
                on:input=move |ev| on_change.run(event_target_value(&ev))
            />
        </div>
    }
}

/// A list edited as one entry per line.
#[component]
pub fn ListField(
    id: &'static str,
    label: &'static str,
    value: Signal<Vec<String>>,
    on_change: Callback<Vec<String>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <p class="hint" id=hint_id.clone()>"One per line."</p>
            <textarea
                id=id
                rows="3"
                aria-describedby=hint_id
                prop:value=move || value.get().join("\n")
                on:change=move |ev| {
                    let lines = event_target_value(&ev)
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(str::to_owned)
                        .collect();
                    on_change.run(lines)
                }
            ></textarea>
        </div>
    }
}
