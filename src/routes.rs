//! Every address in the app, built in one place: links and navigation call these instead of
//! writing paths by hand, and which of the app's two bundles serves each. The router's own
//! tables (`path!`) live with the pages.

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

/// The app's two halves, each its own wasm bundle, so staff never download the DSL's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// Home, training and the policy: what every member of staff opens.
    Staff,
    /// The audit, the staff records, the data page and the settings.
    Dsl,
}

/// The addresses the DSL's bundle serves. index.html's loader picks the bundle from the same
/// list (`DSL_PATHS` there): keep the two equal (the e2e opens every page through both).
pub const DSL_PATHS: [&str; 4] = [AUDIT, STAFF, DATA, SETTINGS];

/// Which bundle serves an address (a path, with or without a query or fragment).
pub fn bundle_of(href: &str) -> Bundle {
    let path = href.split(['?', '#']).next().unwrap_or_default();
    let dsl = DSL_PATHS.iter().any(|p| {
        path.strip_prefix(p)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    });
    if dsl {
        Bundle::Dsl
    } else {
        Bundle::Staff
    }
}

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
