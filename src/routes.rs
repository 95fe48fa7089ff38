//! Every address in the app, built in one place: links and navigation call these instead of
//! writing paths by hand. The router's own table (`path!`) lives with the pages.

use crate::domain::audit::AcademicYear;
use crate::domain::sources::Reference;

pub const HOME: &str = "/";
pub const TRAINING: &str = "/training";
pub const CERTIFICATE: &str = "/training/certificate";
pub const AUDIT: &str = "/audit";
pub const STAFF: &str = "/staff";
pub const DATA: &str = "/data";
pub const SETTINGS: &str = "/settings";
pub const POLICY: &str = "/policy";

/// A training module's reading page.
pub fn module(id: &str) -> String {
    format!("{TRAINING}/modules/{id}")
}

/// A training module's quiz.
pub fn quiz(id: &str) -> String {
    format!("{TRAINING}/modules/{id}/quiz")
}

/// The review of a submitted quiz attempt.
pub fn attempt(id: &str) -> String {
    format!("{TRAINING}/attempts/{id}")
}

/// A page of one year's audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditPage<'a> {
    Overview,
    Section(&'a str),
    /// One item, on its section's page.
    Item {
        section: &'a str,
        item: &'a str,
    },
    Filtering,
    Summary,
    Report,
}

/// The address of a page of a year's audit.
pub fn audit(year: AcademicYear, page: AuditPage) -> String {
    let base = format!("{AUDIT}/{}", year.slug());
    match page {
        AuditPage::Overview => base,
        AuditPage::Section(id) => format!("{base}/sections/{id}"),
        AuditPage::Item { section, item } => format!("{base}/sections/{section}#{item}"),
        AuditPage::Filtering => format!("{base}/filtering"),
        AuditPage::Summary => format!("{base}/summary"),
        AuditPage::Report => format!("{base}/report"),
    }
}

/// Where a citation links: a section of the policy page, or a source in its list.
pub fn reference(reference: &Reference) -> String {
    match reference {
        Reference::Policy(anchor) => format!("{POLICY}#{anchor}"),
        Reference::Source(id) => format!("{POLICY}#source-{id}"),
    }
}
