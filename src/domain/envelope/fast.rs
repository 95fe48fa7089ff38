//! The fast way to read an envelope: what every file a current app writes can take. The data
//! is read in one pass straight into its type, instead of into a JSON value that is written
//! out again and parsed a second time to name a wrong field. Anything unusual goes the
//! careful way (`open`), which gives the same value or names the problem.

use serde::Deserialize;

use super::{ImportError, Versioned, FORMAT};
use crate::domain::json;

/// The envelope's own fields, by name. A field not named here sends a file the careful way
/// (serde_json skips an unknown value without its nesting limit, which the careful way
/// applies).
#[derive(Clone, Copy, Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Field {
    Format,
    Kind,
    SchemaVersion,
    AppVersion,
    ContentVersion,
    SavedAt,
    Data,
}

/// Reads an envelope of `T` in one pass: its own fields are checked as they come (every file
/// the app writes has them before its data), then the data is read straight into `T`.
/// Anything else (another kind or version, a field twice or out of order, an unknown field)
/// is refused here, to be read the careful way.
struct Fast<T>(std::marker::PhantomData<T>);

impl<'de, T: Versioned> serde::de::Visitor<'de> for Fast<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an envelope of the current schema")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        use serde::de::Error;
        let careful = || A::Error::custom("to be read the careful way");
        let mut seen = [false; 7];
        let mut data = None;
        while let Some(field) = map.next_key::<Field>()? {
            if std::mem::replace(&mut seen[field as usize], true) {
                return Err(careful());
            }
            let expected = match field {
                Field::Format => map.next_value::<&str>()? == FORMAT,
                Field::Kind => map.next_value::<&str>()? == T::KIND.id(),
                Field::SchemaVersion => map.next_value::<u32>()? == T::SCHEMA_VERSION,
                Field::AppVersion | Field::ContentVersion => {
                    map.next_value::<Option<&str>>().is_ok()
                }
                Field::SavedAt => map
                    .next_value::<String>()
                    .is_ok_and(|at| crate::domain::dates::parse_moment(&at).is_some()),
                Field::Data => {
                    let head = [Field::Format, Field::Kind, Field::SchemaVersion];
                    if !head.iter().all(|f| seen[*f as usize]) {
                        return Err(careful());
                    }
                    data = Some(map.next_value::<T>()?);
                    true
                }
            };
            if !expected {
                return Err(careful());
            }
        }
        match data {
            Some(data) if seen[Field::SavedAt as usize] => Ok(data),
            _ => Err(careful()),
        }
    }
}

/// The fast way to read a file that is well formed, of kind `T` and of its current schema
/// (every file a current app writes): one pass, the data read straight into `T`, instead of
/// into a JSON value that is written out again and parsed a second time to name a wrong
/// field. `None` sends the file the careful way, which gives the same value or names the
/// problem. What it reads is not checked yet: the caller checks it strictly or repairing.
pub(super) fn fast<T: Versioned>(text: &str, limit: usize) -> Option<Result<T, ImportError>> {
    // A file too deep or too costly to parse is refused, the careful way, even where this
    // way could skip the part that is (a current app never writes one).
    if text.len() > limit || super::check_shape(text).is_err() {
        return None;
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut read = serde_json::Deserializer::from_str(text);
    let value =
        serde::Deserializer::deserialize_map(json::Maps(&mut read), Fast::<T>(Default::default()))
            .ok()?;
    read.end().ok()?;
    Some(Ok(value))
}
