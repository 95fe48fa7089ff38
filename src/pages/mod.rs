//! One module per route (or route group).

pub mod audit;
pub mod data;
pub mod home;
pub mod policy;
pub mod settings;
pub mod staff;
pub mod training;
pub mod trust;
