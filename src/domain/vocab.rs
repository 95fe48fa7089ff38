//! The app's words for its fixed choices (roles, ratings, statuses, kinds of data), each
//! written once: a variant, the stable id it has in files, storage and addresses, and how it
//! reads on screen.

/// A word of one of the app's vocabularies, for views that list the choices (a select of
/// roles, of statuses) without knowing which vocabulary it is.
pub trait Word: Copy + PartialEq + Send + Sync + 'static {
    /// Every word, in order.
    fn all() -> &'static [Self];
    /// The stable id used in files, storage and addresses.
    fn id(self) -> &'static str;
    /// How it reads on screen.
    fn label(self) -> &'static str;
    /// The word with this id.
    fn from_id(id: &str) -> Option<Self> {
        Self::all().iter().copied().find(|w| w.id() == id)
    }
}

/// Declares a fieldless enum from one table of `Variant = ("id", "Label")`. It gets `ALL`
/// (in the table's order, which is also how it sorts), `id()`, `label()` and `from_id()`,
/// and is read and written in files as its id, so the id and the label can never drift apart
/// from the variant. `enum Name = Variant { ... }` makes `Variant` the default.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident = $default:ident {
            $($rows:tt)+
        }
    ) => {
        vocabulary! { $(#[$meta])* $vis enum $name { $($rows)+ } }

        impl Default for $name {
            fn default() -> Self {
                $name::$default
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = ($id:literal, $label:literal) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every variant, in order.
            pub const ALL: [$name; { let ids: &[&str] = &[$($id),+]; ids.len() }] =
                [$($name::$variant),+];

            /// The stable id used in files, storage and addresses.
            pub fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id),+
                }
            }

            /// How it reads on screen.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label),+
                }
            }

            /// The variant with this id.
            pub fn from_id(id: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|v| v.id() == id)
            }
        }

        impl $crate::domain::vocab::Word for $name {
            fn all() -> &'static [Self] {
                &Self::ALL
            }
            fn id(self) -> &'static str {
                $name::id(self)
            }
            fn label(self) -> &'static str {
                $name::label(self)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.id())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let id = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                Self::from_id(&id)
                    .ok_or_else(|| serde::de::Error::unknown_variant(&id, &[$($id),+]))
            }
        }
    };
}

pub(crate) use vocabulary;

#[cfg(test)]
mod tests {
    vocabulary! {
        /// A test vocabulary.
        enum Fruit = BloodOrange {
            Apple = ("apple", "An apple"),
            BloodOrange = ("blood-orange", "A blood orange"),
        }
    }

    #[test]
    fn ids_labels_and_files_agree() {
        assert_eq!(Fruit::ALL, [Fruit::Apple, Fruit::BloodOrange]);
        assert_eq!(Fruit::BloodOrange.id(), "blood-orange");
        assert_eq!(Fruit::BloodOrange.label(), "A blood orange");
        assert_eq!(Fruit::from_id("apple"), Some(Fruit::Apple));
        assert_eq!(Fruit::from_id("pear"), None);
        assert_eq!(Fruit::default(), Fruit::BloodOrange);
        assert!(Fruit::Apple < Fruit::BloodOrange);
        assert_eq!(
            serde_json::to_string(&Fruit::BloodOrange).unwrap(),
            "\"blood-orange\""
        );
        assert_eq!(
            serde_json::from_str::<Fruit>("\"apple\"").unwrap(),
            Fruit::Apple
        );
        let err = serde_json::from_str::<Fruit>("\"pear\"")
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown variant `pear`"), "{err}");
    }
}
