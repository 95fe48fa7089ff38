//! Labelled form fields bound to a part of the app's state (see `state::Lens`): a text,
//! date or long-text input, a list edited one entry per line, and a choice of words.

use leptos::prelude::*;

use crate::domain::vocab::Word;
use crate::state::Bind;

/// What kind of input a [`Field`] is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Input {
    #[default]
    Text,
    Date,
    /// Several lines of text.
    Long,
}

/// A labelled input with an optional hint, showing a value and reporting every edit.
#[component]
pub fn Field(
    /// Element id, also used to tie the label (and hint) to the input.
    #[prop(into)]
    id: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// The value shown and where edits go.
    bind: Bind,
    /// Text, date or long text.
    #[prop(optional)]
    input: Input,
    /// Optional hint shown under the label.
    #[prop(optional, into)]
    hint: Option<String>,
) -> impl IntoView {
    let note_id = format!("{id}-note");
    let described = match &hint {
        Some(_) => format!("{id}-hint {note_id}"),
        None => note_id.clone(),
    };
    // What the field took out of the last edit, said next to it (and to screen readers).
    let note = RwSignal::new(None::<&'static str>);
    let edit = move |ev| note.set(bind.set(event_target_value(&ev)));
    let maxlength = bind.rule().map(|r| r.max);
    let control = match input {
        Input::Long => view! {
            <textarea id=id.clone() rows="3" aria-describedby=described.clone() maxlength=maxlength
                prop:value=move || bind.value() on:input=edit></textarea>
        }
        .into_any(),
        Input::Text | Input::Date => view! {
            <input id=id.clone() type=if input == Input::Date { "date" } else { "text" } aria-describedby=described.clone()
                maxlength=maxlength prop:value=move || bind.value() on:input=edit />
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            {control}
            <p class="field-note" id=note_id aria-live="polite">{move || note.get()}</p>
        </div>
    }
}

/// A list edited as one entry per line; blank lines are dropped.
#[component]
pub fn ListField(
    /// Element id, also used to tie the label and hint to the textarea.
    id: &'static str,
    /// The visible label.
    label: &'static str,
    /// The entries shown.
    value: Signal<Vec<String>>,
    /// Receives the entries after an edit.
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

/// A labelled choice of one word of a vocabulary (a role, a status, an order), with an
/// optional first entry that means none of them ("All roles", "Choose your role").
#[component]
pub fn Select<W: Word>(
    /// Element id, also used to tie the label (and hint) to the select.
    #[prop(into)]
    id: String,
    /// The visible label.
    label: &'static str,
    /// The word chosen, if any.
    #[prop(into)]
    value: Signal<Option<W>>,
    /// Receives the word chosen (`None` for the first entry, when there is one).
    on_change: Callback<Option<W>>,
    /// What the empty first entry says; without it there is none.
    #[prop(optional)]
    none: Option<&'static str>,
    /// Optional hint shown under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
) -> impl IntoView {
    // Only this mapping is per vocabulary; the view is built once for all of them.
    let words = W::all().iter().map(|w| (w.id(), w.label())).collect();
    let value = Signal::derive(move || value.get().map_or("", W::id));
    let on_change = Callback::new(move |id: String| on_change.run(W::from_id(&id)));
    select_view(id, label, words, value, on_change, none, hint)
}

fn select_view(
    id: String,
    label: &'static str,
    words: Vec<(&'static str, &'static str)>,
    value: Signal<&'static str>,
    on_change: Callback<String>,
    none: Option<&'static str>,
    hint: Option<&'static str>,
) -> AnyView {
    let hint_id = hint.map(|_| format!("{id}-hint"));
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <select
                id=id
                aria-describedby=hint_id.clone()
                prop:value=move || value.get()
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                {none.map(|n| view! { <option value="">{n}</option> })}
                {words.into_iter().map(|(id, label)| view! { <option value=id>{label}</option> }).collect_view()}
            </select>
        </div>
    }
    .into_any()
}
