//! The app's JSON reader: serde_json's, with every struct read from an object only.
//!
//! serde_json lets a struct be written as an array of its fields in order as well as an
//! object, so every derived `Deserialize` is compiled twice over: once for each form. Nothing
//! the app reads (its own files, its content, a record another copy exported) is written
//! as an array, so [`Maps`] asks serde_json for an object wherever a struct is read, and the
//! array form is never compiled (19 KB of the staff's wasm and 33 KB of the DSL's,
//! before compression). Everything else passes through unchanged, errors (with their line
//! and column) included.

use std::fmt;

use serde::de::{
    DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};

/// Reads `text` as a `T`, as `serde_json::from_str` does, structs from objects only.
pub fn from_str<T: DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    let mut read = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(Maps(&mut read))?;
    read.end()?;
    Ok(value)
}

/// Wraps a deserializer and everything it hands on (visitors, seeds, map, sequence and enum
/// access), so that a struct anywhere below is read with `deserialize_map`.
pub struct Maps<X>(pub X);

/// Forwards `deserialize_*` methods that take only a visitor.
macro_rules! forward {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.0.$method(Maps(visitor))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Maps<D> {
    type Error = D::Error;

    forward! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32
        deserialize_i64 deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32
        deserialize_u64 deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_str deserialize_string deserialize_bytes deserialize_byte_buf
        deserialize_option deserialize_unit deserialize_seq deserialize_map
        deserialize_identifier deserialize_ignored_any
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(Maps(visitor))
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, Maps(visitor))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_newtype_struct(name, Maps(visitor))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, Maps(visitor))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple_struct(name, len, Maps(visitor))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_enum(name, variants, Maps(visitor))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// Forwards `visit_*` methods that take a plain value.
macro_rules! visit {
    ($($method:ident($ty:ty))*) => {$(
        fn $method<E: serde::de::Error>(self, value: $ty) -> Result<V::Value, E> {
            self.0.$method(value)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Maps<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.expecting(f)
    }

    visit! {
        visit_bool(bool) visit_i8(i8) visit_i16(i16) visit_i32(i32) visit_i64(i64)
        visit_i128(i128) visit_u8(u8) visit_u16(u16) visit_u32(u32) visit_u64(u64)
        visit_u128(u128) visit_f32(f32) visit_f64(f64) visit_char(char) visit_str(&str)
        visit_borrowed_str(&'de str) visit_string(String) visit_bytes(&[u8])
        visit_borrowed_bytes(&'de [u8]) visit_byte_buf(Vec<u8>)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<V::Value, D::Error> {
        self.0.visit_some(Maps(inner))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, inner: D) -> Result<V::Value, D::Error> {
        self.0.visit_newtype_struct(Maps(inner))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(Maps(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(Maps(map))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.0.visit_enum(Maps(data))
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Maps<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, inner: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Maps(inner))
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Maps<A> {
    type Error = A::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        self.0.next_element_seed(Maps(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Maps<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(Maps(seed))
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.0.next_value_seed(Maps(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Maps<A> {
    type Error = A::Error;
    type Variant = Maps<A::Variant>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), A::Error> {
        self.0
            .variant_seed(Maps(seed))
            .map(|(value, variant)| (value, Maps(variant)))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Maps<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, A::Error> {
        self.0.newtype_variant_seed(Maps(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Maps(visitor))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.struct_variant(fields, Maps(visitor))
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    use super::from_str;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Inner {
        id: String,
        #[serde(default)]
        tags: Vec<String>,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Shape {
        Plain,
        Named(String),
        Pair(u8, u8),
        Boxed { inner: Inner },
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Outer {
        count: u32,
        score: f64,
        inner: Inner,
        maybe: Option<Inner>,
        list: Vec<Inner>,
        shapes: Vec<Shape>,
        pair: (u8, String),
        map: std::collections::BTreeMap<String, Inner>,
    }

    fn sample() -> Outer {
        let inner = |id: &str| Inner {
            id: id.to_owned(),
            tags: vec!["a \"quoted\" tag".to_owned(), "é ✓".to_owned()],
        };
        Outer {
            count: 3,
            score: 0.75,
            inner: inner("one"),
            maybe: Some(inner("two")),
            list: vec![inner("three"), inner("four")],
            shapes: vec![
                Shape::Plain,
                Shape::Named("n".to_owned()),
                Shape::Pair(1, 2),
                Shape::Boxed {
                    inner: inner("five"),
                },
            ],
            pair: (9, "nine".to_owned()),
            map: [("k".to_owned(), inner("six"))].into(),
        }
    }

    #[test]
    fn reads_what_serde_json_writes_as_serde_json_does() {
        for json in [
            serde_json::to_string(&sample()).unwrap(),
            serde_json::to_string_pretty(&sample()).unwrap(),
        ] {
            assert_eq!(from_str::<Outer>(&json).unwrap(), sample());
            assert_eq!(
                from_str::<Outer>(&json).unwrap(),
                serde_json::from_str::<Outer>(&json).unwrap()
            );
        }
        assert_eq!(
            from_str::<Option<Inner>>("null").unwrap(),
            None,
            "null is none"
        );
    }

    #[test]
    fn a_struct_written_as_an_array_is_refused() {
        // serde_json itself would take it; nothing the app writes looks like this.
        assert_eq!(
            serde_json::from_str::<Inner>(r#"["x", []]"#).unwrap(),
            Inner {
                id: "x".to_owned(),
                tags: vec![]
            }
        );
        let error = from_str::<Inner>(r#"["x", []]"#).unwrap_err();
        assert!(error
            .to_string()
            .starts_with("invalid type: sequence, expected struct Inner at line 1"));
    }

    #[test]
    fn errors_name_the_problem_and_where_as_serde_json_does() {
        for json in [
            "{\n  \"id\": 5\n}",
            "{\n  \"tags\": []\n}",
            "{\"id\": \"x\"} trailing",
            "{\"id\": \"x\"",
            "[]",
        ] {
            let ours = from_str::<Inner>(json).unwrap_err();
            let theirs = serde_json::from_str::<Inner>(json).unwrap_err();
            if json == "[]" {
                assert!(ours
                    .to_string()
                    .starts_with("invalid type: sequence, expected struct Inner"));
            } else {
                assert_eq!(ours.to_string(), theirs.to_string(), "{json}");
                assert_eq!(
                    (ours.line(), ours.column()),
                    (theirs.line(), theirs.column())
                );
            }
        }
    }
}
