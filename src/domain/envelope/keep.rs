//! Loading what the app stored so that nothing ordinary hides the rest: text that breaks a
//! rule added later is repaired (and each repair named), and an entry that still cannot be
//! read (one profile, one person, one year's audit, one answer) is set aside on its own while
//! every other entry loads. A whole kind is refused only when its text cannot be read at all,
//! or when what is left around its entries is wrong.
//!
//! The entries are found in the stored JSON by the kind's [`Versioned::ENTRIES`]; each is
//! tried within the kind's own data with every other entry taken out, with the same checks
//! (`Versioned::check`, repairing) as the whole. So "loads" means exactly what it means for
//! the whole kind, and what is set aside is itself a value of the kind that holds only the
//! entry, which the Your data page can put back once it reads (`put_back`).

use serde_json::{Map, Value};

use super::{
    compact_text, data_of, fast, read_envelope_unbounded, read_text, Envelope, ImportError,
    Versioned,
};
use crate::domain::text::{Repair, Rule, Texts};

/// A list (or map) of independent entries in a kind's data.
#[derive(Debug)]
pub struct Entries {
    /// The field that holds them: an array, or an object whose keys name them.
    pub field: &'static str,
    /// The field of an entry that identifies it in an array (`None` for an object's
    /// entries, which their keys identify).
    pub id: Option<&'static str>,
    /// How an entry reads in a notice ("Bo Baker's profile"), from its key (an object's)
    /// and its stored data.
    pub name: fn(&str, &Value) -> String,
}

/// An entry that could not be loaded, kept aside.
#[derive(Debug, Clone, PartialEq)]
pub struct SetAside {
    /// What it is, in words ("Bo Baker's profile").
    pub name: String,
    /// Why it could not be loaded.
    pub error: ImportError,
    /// The kind's data holding only this entry (current schema), to keep as a file.
    pub data: Value,
}

/// What a load kept.
#[derive(Debug)]
pub struct Kept<T> {
    pub value: T,
    /// Text that was repaired.
    pub repairs: Vec<Repair>,
    /// Entries that could not be loaded.
    pub set_aside: Vec<SetAside>,
}

impl<T> Kept<T> {
    /// Whether the value loaded exactly as stored.
    pub fn is_whole(&self) -> bool {
        self.repairs.is_empty() && self.set_aside.is_empty()
    }
}

/// Reads what the app stored as a `T`, whatever its size: the fast way when it is current
/// and whole, else entry by entry (above). `Err` only when nothing of it can be read: not
/// JSON, not this kind, a newer schema, or what surrounds its entries is wrong.
pub fn load<T: Versioned>(text: &str) -> Result<Kept<T>, ImportError> {
    if let Some(Ok(mut value)) = fast::<T>(text, usize::MAX) {
        let mut texts = Texts::repairing();
        if value.check(&mut texts).is_ok() {
            return Ok(Kept {
                value,
                repairs: texts.repairs,
                set_aside: Vec::new(),
            });
        }
    }
    load_envelope(read_envelope_unbounded(text)?)
}

/// Reads an envelope already parsed as `load` does (a part of a backup being restored).
pub fn load_envelope<T: Versioned>(envelope: Envelope) -> Result<Kept<T>, ImportError> {
    let data = data_of::<T>(envelope)?;
    // Most values are whole: read as text with the `Value` let go first, so a restore of a
    // 64 MB backup never holds the parsed data twice (the walk below copies it to try it).
    let text = compact_text(&data);
    drop(data);
    if let Ok((value, repairs)) = checked::<T>(&text) {
        return Ok(Kept {
            value,
            repairs,
            set_aside: Vec::new(),
        });
    }
    // One walk for every kind, given how to try a kind's data: a generic one per kind
    // would repeat its code in the wasm for each.
    let tries = |data: &Value| checked::<T>(&compact_text(data)).map(drop);
    let (kept, set_aside) = walk(text, T::ENTRIES, &tries)?;
    let (value, repairs) = read_checked::<T>(kept)?;
    Ok(Kept {
        value,
        repairs,
        set_aside,
    })
}

/// The part of the data (its compact text) that loads, and the entries set aside.
fn walk(
    text: String,
    levels: &'static [Entries],
    tries: &dyn Fn(&Value) -> Result<(), ImportError>,
) -> Result<(Value, Vec<SetAside>), ImportError> {
    let data: Value = serde_json::from_str(&text)
        .unwrap_or_else(|_| unreachable!("the text was written from a JSON value"));
    drop(text);
    let mut set_aside = Vec::new();
    let kept = keep(&mut Vec::new(), data, levels, &mut set_aside, tries)?;
    Ok((kept, set_aside))
}

/// Reads data as a `T` and checks it, repairing.
fn read_checked<T: Versioned>(data: Value) -> Result<(T, Vec<Repair>), ImportError> {
    let text = compact_text(&data);
    drop(data);
    checked(&text)
}

/// Reads compact text as a `T` and checks it, repairing.
fn checked<T: Versioned>(text: &str) -> Result<(T, Vec<Repair>), ImportError> {
    let mut value: T = read_text(text)?;
    let mut texts = Texts::repairing();
    value.check(&mut texts)?;
    Ok((value, texts.repairs))
}

/// Where an entry being tried sits: the data around it (with its list emptied), the list,
/// and its key when the list is an object.
type Frame = (Value, &'static Entries, Option<String>);

/// Puts `entry` back in the data around it, alone in each list.
fn wrap(frames: &[Frame], mut entry: Value) -> Value {
    for (around, entries, key) in frames.iter().rev() {
        let mut outer = around.clone();
        let list = match key {
            Some(key) => {
                // Inserted, not collected: collecting a map sorts, and sorting costs wasm.
                let mut one = Map::new();
                one.insert(key.clone(), entry);
                Value::Object(one)
            }
            None => Value::Array(vec![entry]),
        };
        if let Value::Object(fields) = &mut outer {
            fields.insert(entries.field.to_owned(), list);
        }
        entry = outer;
    }
    entry
}

/// The part of `whole` (the data, or an entry within `frames`) that loads, setting aside
/// each entry of it that does not. Tries it whole first: most stored values are.
fn keep(
    frames: &mut Vec<Frame>,
    whole: Value,
    levels: &'static [Entries],
    set_aside: &mut Vec<SetAside>,
    tries: &dyn Fn(&Value) -> Result<(), ImportError>,
) -> Result<Value, ImportError> {
    // The whole data is tried as it is, never copied: the walk holds it once (a backup's
    // staff records can be most of 64 MB). An entry within it is small, so copied.
    let check = |frames: &[Frame], v: &Value| match frames {
        [] => tries(v),
        _ => tries(&wrap(frames, v.clone())),
    };
    let error = match check(frames, &whole) {
        Ok(()) => return Ok(whole),
        Err(error) => error,
    };
    let (Some((level, deeper)), Value::Object(mut fields)) = (levels.split_first(), whole) else {
        return Err(error);
    };
    let is_map = level.id.is_none();
    let items = fields.get_mut(level.field).map(Value::take);
    let empty = if is_map {
        Value::Object(Map::new())
    } else {
        Value::Array(Vec::new())
    };
    fields.insert(level.field.to_owned(), empty);
    let around = Value::Object(fields);
    check(frames, &around)?;

    let Some(items) = entries_of(items, is_map) else {
        return Err(error);
    };
    frames.push((around, level, None));
    let mut good = Vec::with_capacity(items.len());
    for (i, (key, item)) in items.into_iter().enumerate() {
        frames.last_mut().expect("pushed above").2 = key.clone();
        match keep(frames, item.clone(), deeper, set_aside, tries) {
            Ok(kept) => good.push((key, kept)),
            Err(error) => set_aside.push(SetAside {
                name: entry_name(level, key.as_deref(), i, &item),
                error,
                data: wrap(frames, item),
            }),
        }
    }
    let (mut around, ..) = frames.pop().expect("pushed above");
    // The good entries are moved in, not copied, and taken back out only if they do not
    // load together.
    let put = |around: &mut Value, good: Vec<Item>| {
        let list = if is_map {
            let mut map = Map::new();
            for (k, v) in good {
                map.insert(k.unwrap_or_default(), v);
            }
            Value::Object(map)
        } else {
            Value::Array(good.into_iter().map(|(_, v)| v).collect())
        };
        if let Value::Object(fields) = around {
            fields.insert(level.field.to_owned(), list);
        }
    };
    put(&mut around, good);
    if check(frames, &around).is_ok() {
        return Ok(around);
    }
    let good = entries_of(around.get_mut(level.field).map(Value::take), is_map).unwrap_or_default();
    // Each entry loads alone but not all together (the same id twice, too many): keep them
    // in order while they still load together. Quadratic, so only for a short list.
    if good.len() > 200 {
        return Err(error);
    }
    let mut together: Vec<Item> = Vec::new();
    for (i, (key, item)) in good.into_iter().enumerate() {
        together.push((key.clone(), item.clone()));
        put(&mut around, together.clone());
        if let Err(error) = check(frames, &around) {
            together.pop();
            set_aside.push(SetAside {
                name: entry_name(level, key.as_deref(), i, &item),
                error,
                data: {
                    let mut alone = around.clone();
                    put(&mut alone, vec![(key, item)]);
                    wrap(frames, alone)
                },
            });
        }
    }
    put(&mut around, together);
    Ok(around)
}

/// An entry of a list (no key) or of a map (its key).
type Item = (Option<String>, Value);

/// The entries of a list, or of a map when `is_map`; `None` when it is neither.
fn entries_of(list: Option<Value>, is_map: bool) -> Option<Vec<Item>> {
    match list {
        Some(Value::Array(items)) if !is_map => {
            Some(items.into_iter().map(|v| (None, v)).collect())
        }
        Some(Value::Object(items)) if is_map => {
            Some(items.into_iter().map(|(k, v)| (Some(k), v)).collect())
        }
        _ => None,
    }
}

/// How an entry reads in a notice, on one clean line.
fn entry_name(level: &Entries, key: Option<&str>, index: usize, item: &Value) -> String {
    let name = (level.name)(key.unwrap_or_default(), item);
    let name = Rule::LINE.clean(&name);
    if name.trim().is_empty() {
        format!("entry {} of {}", index + 1, level.field)
    } else {
        name
    }
}

/// Puts what was set aside (the text of a kept-aside copy) back into `live`: each entry it
/// holds that `live` does not is added, deeper entries of an entry both hold are added to
/// it, and nothing `live` holds is changed. Returns the value and how many entries were
/// added; refused, naming the problem, when what would result does not load whole.
pub fn put_back<T: Versioned>(live: &T, aside: &str) -> Result<(T, usize), ImportError> {
    let found = load::<T>(aside)?;
    if let Some(still) = found.set_aside.first() {
        return Err(still.error.clone());
    }
    let mut data = serde_json::to_value(live).unwrap_or_else(|_| unreachable!("values serialise"));
    let found =
        serde_json::to_value(&found.value).unwrap_or_else(|_| unreachable!("values serialise"));
    let added = add_missing(&mut data, found, T::ENTRIES);
    let (value, _) = read_checked::<T>(data)?;
    Ok((value, added))
}

/// Adds to `into` the entries of `from` it lacks, level by level; returns how many.
fn add_missing(into: &mut Value, from: Value, levels: &[Entries]) -> usize {
    let (Some((level, deeper)), Value::Object(into), Value::Object(mut from)) =
        (levels.split_first(), into, from)
    else {
        return 0;
    };
    let (Some(into), Some(from)) = (
        into.get_mut(level.field),
        from.get_mut(level.field).map(Value::take),
    ) else {
        return 0;
    };
    let mut added = 0;
    match (level.id, into, from) {
        (None, Value::Object(into), Value::Object(from)) => {
            for (key, item) in from {
                match into.get_mut(&key) {
                    Some(there) => added += add_missing(there, item, deeper),
                    None => {
                        into.insert(key, item);
                        added += 1;
                    }
                }
            }
        }
        (Some(id), Value::Array(into), Value::Array(from)) => {
            for item in from {
                match into.iter_mut().find(|there| there.get(id) == item.get(id)) {
                    Some(there) => added += add_missing(there, item, deeper),
                    None => {
                        into.push(item);
                        added += 1;
                    }
                }
            }
        }
        _ => {}
    }
    added
}
