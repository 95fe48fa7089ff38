//! Where in a file a parse error is: the field path ("attempts[0].score") at a place in
//! JSON text, compact or pretty, so an import error names the field rather than a line and
//! column. Also the nesting check every file passes before it is parsed.

use super::ImportError;

/// A serde_json message without its position, which the error carries separately.
pub(super) fn plain_json_error(e: &serde_json::Error) -> String {
    // serde_json appends " at line L column C"; the error carries those separately.
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    }
}

/// An `InvalidField` naming where in `text` the error `e` arose.
pub(super) fn field_error(text: &str, e: &serde_json::Error) -> ImportError {
    let problem = plain_json_error(e);
    // serde_json places an error just after the value that is wrong: a struct missing a
    // field, or a list too short, just after its close (serde names the missing field in
    // the message: "missing field `name`").
    let path = Place::at(text, offset(text, e.line(), e.column())).value;
    let missing = problem
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    let field = match (path.is_empty(), missing) {
        (true, Some(name)) => name.to_owned(),
        (true, None) => "data".to_owned(),
        (false, Some(name)) => format!("{path}.{name}"),
        (false, None) => path,
    };
    ImportError::InvalidField { field, problem }
}

/// The byte offset of serde_json's line (1-based) and column (bytes into the line, counting
/// the byte it stopped at), clamped to the text.
pub(super) fn offset(text: &str, line: usize, column: usize) -> usize {
    if line == 0 {
        // No position: the error is about the whole value.
        return text.len();
    }
    let start = if line == 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    (start + column).min(text.len())
}

/// What is open at a place in JSON text.
#[derive(Debug, PartialEq)]
pub(super) struct Place {
    /// The path of the innermost object or list open there ("" at the top).
    pub container: String,
    /// The path of the member or element being read there, or just read (the container's
    /// own path before its first).
    pub value: String,
}

/// One open object or list, and which of its members or elements was reached last.
#[derive(Clone, Copy)]
struct Open {
    list: bool,
    /// Elements begun so far (a list).
    count: usize,
    /// The current member's key, as its quoted text (an object).
    key: Option<(usize, usize)>,
    /// The next string is a key (an object).
    want_key: bool,
}

impl Place {
    /// Walks `text` up to byte `offset`, keeping the open objects and lists: no copy of the
    /// text, one small entry per level of nesting.
    pub(super) fn at(text: &str, offset: usize) -> Place {
        let bytes = &text.as_bytes()[..offset.min(text.len())];
        let mut open: Vec<Open> = Vec::new();
        let mut i = 0;
        // Begins a value at the current place: a list counts its next element.
        fn begin(open: &mut [Open]) {
            if let Some(top) = open.last_mut() {
                if top.list {
                    top.count += 1;
                }
            }
        }
        let mut in_word = false;
        while i < bytes.len() {
            let c = bytes[i];
            let word = !matches!(c, b'"' | b'{' | b'[' | b'}' | b']' | b',' | b':')
                && !c.is_ascii_whitespace();
            if word && !in_word {
                begin(&mut open);
            }
            in_word = word;
            match c {
                b'"' => {
                    let start = i;
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'"' {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                    match open.last_mut() {
                        Some(top) if !top.list && top.want_key => {
                            top.key = Some((start, i + 1));
                            top.want_key = false;
                        }
                        _ => begin(&mut open),
                    }
                }
                b'{' | b'[' => {
                    begin(&mut open);
                    open.push(Open {
                        list: c == b'[',
                        count: 0,
                        key: None,
                        want_key: c == b'{',
                    });
                }
                b'}' | b']' => {
                    open.pop();
                }
                b',' => {
                    if let Some(top) = open.last_mut() {
                        top.want_key = !top.list;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        let name = |o: &Open| -> Option<String> {
            if o.list {
                o.count.checked_sub(1).map(|n| format!("[{n}]"))
            } else {
                // A key cut off by the offset is read as far as it goes.
                let (start, end) = o.key?;
                let quoted = text.get(start..end.min(text.len()))?;
                Some(
                    serde_json::from_str::<String>(quoted)
                        .unwrap_or_else(|_| quoted.trim_matches('"').to_owned()),
                )
            }
        };
        let join = |levels: &[Open]| {
            let mut path = String::new();
            for name in levels.iter().filter_map(name) {
                if !path.is_empty() && !name.starts_with('[') {
                    path.push('.');
                }
                path.push_str(&name);
            }
            path
        };
        let within = open.len().saturating_sub(1);
        Place {
            container: join(&open[..within]),
            value: join(&open),
        }
    }
}

/// A path in a whole file as the path within its data, as every other error names it
/// ("data.person.name" is "person.name").
pub(super) fn in_data(path: String) -> String {
    match path.strip_prefix("data.") {
        Some(inner) => inner.to_owned(),
        None if path.is_empty() => "data".to_owned(),
        None => path,
    }
}

/// How deep the data of a file may nest: objects and lists one inside another. The deepest
/// file the app writes (a full backup holding schema 1 profiles or staff records) nests 12
/// deep; serde_json's own limit is 128.
pub const MAX_DEPTH: usize = 32;

/// The most memory the parsed form of a file (a `serde_json::Value`) may need, as a
/// multiple of the file's size. Files the app writes need less: a current backup about 5
/// times, and the most, a compact backup of schema 1 staff records (every question's
/// option order a small list), about 11 times (see tests/memory_bench.rs). A file of
/// millions of tiny nested lists or groups can need 90 times, which in the browser is a
/// dead tab, not a message.
pub const MAX_PARSED_RATIO: usize = 16;

/// Room for small files (an audit, settings), whose parsed form is a few megabytes at most
/// whatever its ratio: small groups of short text can take 20 times their size.
const PARSED_ALLOWANCE: usize = 4 << 20;

/// Refuses text nested deeper than `MAX_DEPTH`, naming where, or whose parsed form would
/// need more than `MAX_PARSED_RATIO` times its size, before anything is parsed or
/// allocated: one pass over the bytes. Text that is not JSON passes, for the parser to say
/// why.
pub(super) fn check_shape(text: &str) -> Result<(), ImportError> {
    use serde_json::Value;
    use std::mem::size_of;
    // Each open object or list: whether it is a list, and its members or elements so far.
    let mut open = [(false, 0usize); MAX_DEPTH + 1];
    let mut depth = 0usize;
    // What the parsed form holds on the heap: each list's buffer (grown by doubling from
    // four), each object's tree nodes (eleven entries each, at least five full), and every
    // piece of text (keys included) at its written length, which is at least its length.
    let node = 11 * (size_of::<String>() + size_of::<Value>()) + 16;
    let mut cost = size_of::<Value>();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if depth > 0 && !c.is_ascii_whitespace() && !matches!(c, b']' | b'}' | b',' | b':') {
            let (_, items) = &mut open[depth];
            if *items == 0 {
                *items = 1;
            }
        }
        match c {
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                cost += i - start;
            }
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(ImportError::TooDeep {
                        field: in_data(Place::at(text, i + 1).container),
                        limit: MAX_DEPTH,
                    });
                }
                open[depth] = (c == b'[', 0);
            }
            b'}' | b']' if depth > 0 => {
                cost += match open[depth] {
                    (_, 0) => 0,
                    (true, n) => n.next_power_of_two().max(4) * size_of::<Value>(),
                    (false, n) if n <= 11 => node,
                    (false, n) => n.div_ceil(5) * node,
                };
                depth -= 1;
            }
            b',' if depth > 0 => open[depth].1 += 1,
            _ => {}
        }
        i += 1;
    }
    let limit = text.len().saturating_mul(MAX_PARSED_RATIO) + PARSED_ALLOWANCE;
    if cost > limit {
        return Err(ImportError::TooDense {
            ratio: MAX_PARSED_RATIO,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_in_pretty_or_compact_json_names_its_field() {
        let compact = r#"{"name":"x","attempts":[{"score":5,"ids":[1,2]}]}"#;
        let value: serde_json::Value = serde_json::from_str(compact).unwrap();
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        for text in [compact, pretty.as_str()] {
            let place = |after: &str| Place::at(text, text.find(after).unwrap() + after.len());
            assert_eq!(place("\"x").value, "name");
            assert_eq!(place("\"x\"").value, "name");
            assert_eq!(place("5").value, "attempts[0].score");
            assert_eq!(place("5").container, "attempts[0]");
            assert_eq!(place("2").value, "attempts[0].ids[1]");
            assert_eq!(place("2").container, "attempts[0].ids");
            assert_eq!(place("]").value, "attempts[0].ids");
            assert_eq!(place("{").value, "");
            assert_eq!(Place::at(text, text.len()).value, "");
        }
    }

    #[test]
    fn escaped_keys_and_quotes_are_read_as_text() {
        let text = r#"{"a\"b": {"c\\": ["]", "x"]}}"#;
        let place = Place::at(text, text.find("\"x").unwrap() + 1);
        assert_eq!(place.value, "a\"b.c\\[1]");
    }

    #[test]
    fn nesting_past_the_limit_is_refused_naming_where() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(check_shape(&ok), Ok(()));
        let deep = format!(
            "{{\"data\": {{\"pad\": {}0{}}}}}",
            "[".repeat(MAX_DEPTH),
            "]".repeat(MAX_DEPTH)
        );
        assert_eq!(
            check_shape(&deep),
            Err(ImportError::TooDeep {
                field: format!("pad{}", "[0]".repeat(MAX_DEPTH - 2)),
                limit: MAX_DEPTH
            })
        );
        // Brackets inside text are not nesting.
        assert_eq!(check_shape(&format!("[\"{}\"]", "[".repeat(100))), Ok(()));
    }
}
