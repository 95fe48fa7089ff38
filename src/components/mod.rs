//! Reusable view pieces.

pub mod content;
pub mod fields;
pub mod file_drop;
pub mod notices;
pub mod references;
