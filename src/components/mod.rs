//! Reusable view pieces.

pub mod fields;
pub mod notices;
pub mod references;
