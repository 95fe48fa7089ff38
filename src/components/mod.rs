//! Reusable view pieces.

pub mod content;
pub mod fields;
pub mod notices;
pub mod references;
