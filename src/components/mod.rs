//! Reusable view pieces. What two pages share lives here (or in the domain), never in a page.

pub mod action_plan;
pub mod audit_year;
pub mod bulk_file_drop;
pub mod content;
pub mod course_module;
pub mod coverage;
pub mod fields;
pub mod file_drop;
pub mod import_report;
pub mod link;
pub mod loading;
pub mod need_profile;
pub mod not_found;
pub mod notices;
pub mod page_head;
pub mod rag_chart;
pub mod references;
pub mod shared_browser;
pub mod tag;
pub mod title;
pub mod year_on_year;
