//! Online Safety Workbench: staff online-safety training and the DSL's annual audit, built
//! from the school's Social Media Policy. Everything runs and stays in the browser.
//!
//! `domain`, `names` and `routes` are pure Rust and build natively for tests; everything else is the
//! wasm app.
//! Data flows one way: content and stored records -> `domain` -> the signals of the one
//! `state` handle -> `pages` -> `components`. A click goes back through a domain function,
//! then the state handle, then `storage` (the only code that touches browser storage).

pub mod domain;
pub mod names;
pub mod routes;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod fetch;
#[cfg(target_arch = "wasm32")]
pub mod files;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod router;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod storage;

#[cfg(target_arch = "wasm32")]
pub use app::{DslApp, StaffApp};
