//! Where in a file a parse error is: the field path of a line of pretty JSON, so an import
//! error names the field ("attempts[0].score") rather than a line number.

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

/// An `InvalidField` naming where in `text` (pretty JSON) the error `e` arose.
pub(super) fn field_error(text: &str, e: &serde_json::Error) -> ImportError {
    let problem = plain_json_error(e);
    let path = path_at(text, e.line());
    // serde names a missing field in the message ("missing field `name`"), at the close
    // of the object that lacks it.
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

/// The path ("attempts[0].score") of what is on line `line` (1-based) of pretty JSON, as
/// serde_json writes it: one member or element per line.
fn path_at(text: &str, line: usize) -> String {
    // Open containers: the name of each in its parent, whether it is an array, and the
    // index of its next element.
    let mut stack: Vec<(String, bool, usize)> = Vec::new();
    let join = |stack: &[(String, bool, usize)], last: Option<&str>| {
        let mut path = String::new();
        for name in stack.iter().map(|(n, _, _)| n.as_str()).chain(last) {
            if !path.is_empty() && !name.starts_with('[') && !name.is_empty() {
                path.push('.');
            }
            path.push_str(name);
        }
        path
    };
    for (n, raw) in text.lines().enumerate() {
        let here = n + 1 == line;
        let l = raw.trim();
        if l.starts_with('}') || l.starts_with(']') {
            if here {
                return join(&stack, None);
            }
            stack.pop();
            continue;
        }
        let (name, rest) = match stack.last_mut() {
            Some((_, true, next)) => {
                *next += 1;
                (format!("[{}]", *next - 1), l)
            }
            Some((_, false, _)) => match member(l) {
                Some((key, rest)) => (key, rest),
                None => (String::new(), l),
            },
            None => (String::new(), l),
        };
        let rest = rest.trim_end_matches(',');
        if here {
            return join(&stack, Some(&name));
        }
        if rest == "{" || rest == "[" {
            stack.push((name, rest == "[", 0));
        }
    }
    join(&stack, None)
}

/// Splits `"key": value` into the key and the value text.
fn member(line: &str) -> Option<(String, &str)> {
    let body = line.strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => {
                let key: String = serde_json::from_str(&line[..i + 2]).ok()?;
                return Some((key, body[i + 1..].trim_start_matches(':').trim_start()));
            }
            _ => escaped = false,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_of_pretty_json_names_its_field() {
        let text =
            "{\n  \"name\": \"x\",\n  \"attempts\": [\n    {\n      \"score\": 5\n    }\n  ]\n}";
        assert_eq!(path_at(text, 2), "name");
        assert_eq!(path_at(text, 5), "attempts[0].score");
        assert_eq!(path_at(text, 6), "attempts[0]");
    }
}
