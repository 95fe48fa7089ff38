//! The pure domain: everything the app knows and decides, with no browser, Leptos or
//! wasm-bindgen imports. Time and randomness come in as arguments, so every rule is
//! tested natively (`cargo test`).

pub mod audit;
pub mod backup;
pub mod content;
pub mod dates;
pub mod envelope;
pub mod json;
pub mod policy;
pub mod quiz;
pub mod rng;
pub mod room;
pub mod session;
pub mod settings;
pub mod sources;
pub mod staff;
pub mod standing;
pub mod stored_kinds;
pub mod text;
pub mod training;
pub mod trust;
pub mod verify;
pub mod vocab;
