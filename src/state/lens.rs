//! Binding a part of a stored value to the page: a lens finds the part again in its
//! signal on every read and write (an audit item's answer, an action by its id, a setting),
//! so an editor reads and changes just that part without copying the whole value.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::domain::dates::parse_day;
use crate::domain::text::Rule;
use leptos::prelude::*;

type Find<S, T> = Arc<dyn Fn(&S) -> Option<&T> + Send + Sync>;
type FindMut<S, T> = Arc<dyn Fn(&mut S) -> Option<&mut T> + Send + Sync>;

/// How to find a part in the whole, to read it and to change it.
struct Path<S: 'static, T: 'static> {
    find: Find<S, T>,
    find_mut: FindMut<S, T>,
}

/// A part `T` of the value in a signal of `S`. Copy, like a signal: the way to the part
/// is kept in the reactive arena and lives as long as the view that made it.
pub struct Lens<S: 'static, T: 'static> {
    source: RwSignal<S>,
    path: StoredValue<Path<S, T>>,
}

impl<S, T> Clone for Lens<S, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S, T> Copy for Lens<S, T> {}

/// A text value bound to a form field: what it shows (read reactively), what an edit does,
/// and for text, the rule it keeps (the same rule the stored kind is checked with).
#[derive(Clone, Copy)]
pub struct Bind {
    value: Callback<(), String>,
    set: Callback<String>,
    rule: Option<Rule>,
}

impl Bind {
    /// Binds a field to `value` (read inside the view, so it follows changes) and `set`.
    pub fn new(
        value: impl Fn() -> String + Send + Sync + 'static,
        set: impl Fn(String) + Send + Sync + 'static,
    ) -> Self {
        Self {
            value: Callback::new(move |()| value()),
            set: Callback::new(set),
            rule: None,
        }
    }

    /// The value now; reading it in a view or effect tracks it.
    pub fn value(&self) -> String {
        self.value.run(())
    }

    /// The same binding, keeping `rule` (a field built on another's binding).
    pub fn keeping(self, rule: Rule) -> Self {
        Self {
            rule: Some(rule),
            ..self
        }
    }

    /// The rule the text keeps, if it is text.
    pub fn rule(&self) -> Option<Rule> {
        self.rule
    }

    /// Applies an edit, keeping only what the rule allows; returns what to tell the person
    /// about anything taken out.
    pub fn set(&self, typed: String) -> Option<&'static str> {
        let Some(rule) = self.rule else {
            self.set.run(typed);
            return None;
        };
        let (kept, note) = rule.edit(&typed);
        if let Some(kept) = kept {
            self.set.run(kept);
        }
        note
    }
}

/// Pins a closure to the higher-ranked signature a lens needs (the part borrows from the
/// value it is found in).
fn find<S, T, F: Fn(&S) -> Option<&T>>(f: F) -> F {
    f
}

fn find_mut<S, T, F: Fn(&mut S) -> Option<&mut T>>(f: F) -> F {
    f
}

impl<S: Send + Sync + 'static> Lens<S, S> {
    /// The whole value.
    pub fn whole(source: RwSignal<S>) -> Self {
        Self {
            source,
            path: StoredValue::new(Path {
                find: Arc::new(find(|s: &S| Some(s))),
                find_mut: Arc::new(find_mut(|s: &mut S| Some(s))),
            }),
        }
    }
}

impl<S: Send + Sync + 'static, T: Send + Sync + 'static> Lens<S, T> {
    /// The part of this part that `find` and `find_mut` pick (an entry by its id, a field).
    pub fn focus<U: 'static>(
        &self,
        pick: impl Fn(&T) -> Option<&U> + Send + Sync + 'static,
        pick_mut: impl Fn(&mut T) -> Option<&mut U> + Send + Sync + 'static,
    ) -> Lens<S, U> {
        let (outer, outer_mut) = self
            .path
            .with_value(|p| (p.find.clone(), p.find_mut.clone()));
        Lens {
            source: self.source,
            path: StoredValue::new(Path {
                find: Arc::new(find(move |s: &S| outer(s).and_then(&pick))),
                find_mut: Arc::new(find_mut(move |s: &mut S| outer_mut(s).and_then(&pick_mut))),
            }),
        }
    }

    /// Reads from the part, reactively; the default when the part is not there.
    pub fn read<R: Default>(&self, f: impl FnOnce(&T) -> R) -> R {
        let find = self.path.with_value(|p| p.find.clone());
        self.source.with(|s| find(s).map(f).unwrap_or_default())
    }

    /// Changes the part in place, if it is there.
    pub fn update(&self, f: impl FnOnce(&mut T)) {
        let find_mut = self.path.with_value(|p| p.find_mut.clone());
        self.source.update(|s| {
            if let Some(part) = find_mut(s) {
                f(part)
            }
        });
    }

    /// A text of the part, bound for a form field that keeps `rule` (the rule its kind's
    /// `check` applies to it, so what the field accepts always saves and loads).
    pub fn text(&self, get: fn(&T) -> &String, set: fn(&mut T) -> &mut String, rule: Rule) -> Bind {
        let lens = *self;
        Bind {
            rule: Some(rule),
            ..Bind::new(
                move || lens.read(|t| get(t).clone()),
                move |v| lens.update(|t| *set(t) = v),
            )
        }
    }

    /// An optional date of the part, bound for a date input (an empty input clears it).
    pub fn date(
        &self,
        get: fn(&T) -> Option<NaiveDate>,
        set: fn(&mut T) -> &mut Option<NaiveDate>,
    ) -> Bind {
        let lens = *self;
        Bind::new(
            move || lens.read(|t| get(t).map(|d| d.to_string()).unwrap_or_default()),
            move |v| lens.update(|t| *set(t) = parse_day(&v)),
        )
    }

    /// A date the part must have, bound for a date input (an empty or partial input is
    /// ignored, so the last whole date stays).
    pub fn day(&self, get: fn(&T) -> NaiveDate, set: fn(&mut T) -> &mut NaiveDate) -> Bind {
        let lens = *self;
        Bind::new(
            move || lens.read(|t| get(t).to_string()),
            move |v| {
                if let Some(day) = parse_day(&v) {
                    lens.update(|t| *set(t) = day)
                }
            },
        )
    }

    /// A list of lines of the part (one entry per line), each kept to `rule`, at most `max`.
    pub fn lines(
        &self,
        get: fn(&T) -> &Vec<String>,
        set: fn(&mut T) -> &mut Vec<String>,
        rule: Rule,
        max: usize,
    ) -> (Signal<Vec<String>>, Callback<Vec<String>>) {
        let lens = *self;
        (
            Signal::derive(move || lens.read(|t| get(t).clone())),
            Callback::new(move |v: Vec<String>| {
                let kept = v.iter().take(max).map(|line| rule.clean(line)).collect();
                lens.update(|t| *set(t) = kept)
            }),
        )
    }
}
