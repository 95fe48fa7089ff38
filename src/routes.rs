//! Every address in the app, in one place: links and navigation build them here instead of
//! writing paths by hand, [`Page::parse`] reads one back into the page it names, and
//! [`bundle_of`] says which of the app's two bundles serves it. Pure Rust (tested natively);
//! the browser side is `router`.

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
pub const TRUST: &str = "/trust";

/// The app's two halves, each its own wasm bundle, so staff never download the DSL's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// Home, training and the policy: what every member of staff opens.
    Staff,
    /// The audit, the staff records, the data page, the settings and the trust view.
    Dsl,
}

/// The addresses the DSL's bundle serves. The loader (public/boot.js) picks the bundle from its
/// own copy, `DSL_PATHS` there, which `tests/page_scripts.rs` checks is this list.
pub const DSL_PATHS: [&str; 5] = [AUDIT, STAFF, DATA, SETTINGS, TRUST];

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

/// Whether a link to `href` marks the page at `path` as its own (`aria-current`): the same
/// page, or one below it (a link to `/training` is current on a module's page). The home
/// page's link is current only at home.
pub fn is_current(href: &str, path: &str) -> bool {
    let href = href.split(['?', '#']).next().unwrap_or_default();
    if href == HOME {
        return path == HOME;
    }
    let href = href.strip_suffix('/').unwrap_or(href);
    path.strip_prefix(href)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
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

/// The page an address names: what the app renders for it. Ids and the audit year are kept as
/// the address writes them; the page looks them up (an unknown module is "not found", an
/// unknown year or section is "no audit").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// `/`
    Home,
    /// `/policy`
    Policy,
    /// A page under `/training`.
    Training(TrainingRoute),
    /// `/settings`
    Settings,
    /// A page under `/audit`.
    Audit(AuditRoute),
    /// `/staff`
    Staff,
    /// `/data`
    Data,
    /// `/trust`: many schools' summaries side by side.
    Trust,
    /// Any other address.
    NotFound,
}

/// A page under `/training`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrainingRoute {
    /// `/training`: the dashboard.
    Dashboard,
    /// `/training/modules/:id`
    Module(String),
    /// `/training/modules/:id/quiz`
    Quiz(String),
    /// `/training/attempts/:id`: a submitted attempt's review.
    Attempt(String),
    /// `/training/certificate`
    Certificate,
}

/// A page under `/audit`. `year` is the address's slug ("2026-27"), which may name no year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditRoute {
    /// `/audit`: the audits on this device.
    Audits,
    /// `/audit/:year`
    Overview { year: String },
    /// `/audit/:year/sections/:section`
    Section { year: String, section: String },
    /// `/audit/:year/filtering`
    Filtering { year: String },
    /// `/audit/:year/summary`
    Summary { year: String },
    /// `/audit/:year/report`
    Report { year: String },
}

impl Page {
    /// The page an address names (a path, with or without a query or fragment). One trailing
    /// slash is allowed (`/training/`); empty segments (`/training//modules`) are not.
    pub fn parse(href: &str) -> Page {
        let path = href.split(['?', '#']).next().unwrap_or_default();
        let Some(path) = path.strip_prefix('/') else {
            return Page::NotFound;
        };
        let path = path
            .strip_suffix('/')
            .filter(|p| !p.is_empty())
            .unwrap_or(path);
        let segments: Vec<&str> = if path.is_empty() {
            Vec::new()
        } else {
            path.split('/').collect()
        };
        if segments.iter().any(|s| s.is_empty()) {
            return Page::NotFound;
        }
        match segments.as_slice() {
            [] => Page::Home,
            ["policy"] => Page::Policy,
            ["settings"] => Page::Settings,
            ["staff"] => Page::Staff,
            ["data"] => Page::Data,
            ["trust"] => Page::Trust,
            ["training", rest @ ..] => match rest {
                [] => Page::Training(TrainingRoute::Dashboard),
                ["modules", m] => Page::Training(TrainingRoute::Module(decode(m))),
                ["modules", m, "quiz"] => Page::Training(TrainingRoute::Quiz(decode(m))),
                ["attempts", a] => Page::Training(TrainingRoute::Attempt(decode(a))),
                ["certificate"] => Page::Training(TrainingRoute::Certificate),
                _ => Page::NotFound,
            },
            ["audit", rest @ ..] => match rest {
                [] => Page::Audit(AuditRoute::Audits),
                [y] => Page::Audit(AuditRoute::Overview { year: decode(y) }),
                [y, "sections", s] => Page::Audit(AuditRoute::Section {
                    year: decode(y),
                    section: decode(s),
                }),
                [y, "filtering"] => Page::Audit(AuditRoute::Filtering { year: decode(y) }),
                [y, "summary"] => Page::Audit(AuditRoute::Summary { year: decode(y) }),
                [y, "report"] => Page::Audit(AuditRoute::Report { year: decode(y) }),
                _ => Page::NotFound,
            },
            _ => Page::NotFound,
        }
    }
}

/// An id as written in an address, with its `%XX` escapes decoded (`four%2Dcs` is
/// `four-cs`), as `decodeURIComponent` would; kept as written when it does not decode.
fn decode(segment: &str) -> String {
    let mut bytes = Vec::with_capacity(segment.len());
    let mut rest = segment.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b != b'%' {
            bytes.push(b);
            rest = tail;
            continue;
        }
        let hex = tail
            .get(..2)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| std::str::from_utf8(h).ok());
        let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) else {
            return segment.to_owned();
        };
        bytes.push(byte);
        rest = &tail[2..];
    }
    String::from_utf8(bytes).unwrap_or_else(|_| segment.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year() -> AcademicYear {
        AcademicYear(2026)
    }

    fn training(route: TrainingRoute) -> Page {
        Page::Training(route)
    }

    fn audit_of(route: AuditRoute) -> Page {
        Page::Audit(route)
    }

    #[test]
    fn every_address_the_app_builds_parses_back_to_its_page() {
        let y = year().slug();
        let cases = [
            (HOME.to_owned(), Page::Home),
            (POLICY.to_owned(), Page::Policy),
            (SETTINGS.to_owned(), Page::Settings),
            (STAFF.to_owned(), Page::Staff),
            (DATA.to_owned(), Page::Data),
            (TRUST.to_owned(), Page::Trust),
            (TRAINING.to_owned(), training(TrainingRoute::Dashboard)),
            (CERTIFICATE.to_owned(), training(TrainingRoute::Certificate)),
            (
                module("four-cs"),
                training(TrainingRoute::Module("four-cs".into())),
            ),
            (
                quiz("four-cs"),
                training(TrainingRoute::Quiz("four-cs".into())),
            ),
            (
                attempt("a-1f2e"),
                training(TrainingRoute::Attempt("a-1f2e".into())),
            ),
            (AUDIT.to_owned(), audit_of(AuditRoute::Audits)),
            (
                audit(year(), AuditPage::Overview),
                audit_of(AuditRoute::Overview { year: y.clone() }),
            ),
            (
                audit(year(), AuditPage::Section("pupils")),
                audit_of(AuditRoute::Section {
                    year: y.clone(),
                    section: "pupils".into(),
                }),
            ),
            (
                audit(
                    year(),
                    AuditPage::Item {
                        section: "pupils",
                        item: "p-1",
                    },
                ),
                audit_of(AuditRoute::Section {
                    year: y.clone(),
                    section: "pupils".into(),
                }),
            ),
            (
                audit(year(), AuditPage::Filtering),
                audit_of(AuditRoute::Filtering { year: y.clone() }),
            ),
            (
                audit(year(), AuditPage::Summary),
                audit_of(AuditRoute::Summary { year: y.clone() }),
            ),
            (
                audit(year(), AuditPage::Report),
                audit_of(AuditRoute::Report { year: y.clone() }),
            ),
            (
                reference(&Reference::Policy("section-b".into())),
                Page::Policy,
            ),
            (reference(&Reference::Source("kcsie".into())), Page::Policy),
        ];
        for (href, page) in cases {
            assert_eq!(Page::parse(&href), page, "{href}");
        }
    }

    #[test]
    fn each_page_belongs_to_the_bundle_its_address_loads() {
        let y = year();
        let staff = [
            HOME.to_owned(),
            POLICY.to_owned(),
            TRAINING.to_owned(),
            module("x"),
        ];
        let dsl = [
            AUDIT.to_owned(),
            audit(y, AuditPage::Report),
            STAFF.to_owned(),
            DATA.to_owned(),
            SETTINGS.to_owned(),
            TRUST.to_owned(),
        ];
        assert!(staff.iter().all(|h| bundle_of(h) == Bundle::Staff));
        assert!(dsl.iter().all(|h| bundle_of(h) == Bundle::Dsl));
    }

    #[test]
    fn a_query_a_fragment_or_one_trailing_slash_names_the_same_page() {
        assert_eq!(
            Page::parse("/training/"),
            training(TrainingRoute::Dashboard)
        );
        assert_eq!(
            Page::parse("/training/modules/four-cs/?x=1#top"),
            training(TrainingRoute::Module("four-cs".into()))
        );
        assert_eq!(Page::parse("/?safe"), Page::Home);
        assert_eq!(Page::parse("/policy#section-b"), Page::Policy);
    }

    #[test]
    fn unknown_and_malformed_addresses_are_not_found() {
        for href in [
            "",
            "policy",
            "//",
            "//training",
            "/training//modules/four-cs",
            "/training/modules",
            "/training/modules/",
            "/training/modules/four-cs/quiz/again",
            "/training/attempts",
            "/training/certificate/print",
            "/Training",
            "/policy/section-b",
            "/index.html",
            "/audit/2026-27/sections",
            "/audit/2026-27/sections/pupils/p-1",
            "/audit/2026-27/other",
            "/staff/someone",
            "/settings/x",
            "/trust/school",
            "/no/such/page",
        ] {
            assert_eq!(Page::parse(href), Page::NotFound, "{href:?}");
        }
    }

    #[test]
    fn the_year_and_ids_are_kept_as_written_for_the_page_to_look_up() {
        // An address that names no year is the audit's own "no audit" page, not "not found".
        assert_eq!(
            Page::parse("/audit/last-year"),
            audit_of(AuditRoute::Overview {
                year: "last-year".into()
            })
        );
        assert_eq!(
            Page::parse("/training/modules/no-such-module"),
            training(TrainingRoute::Module("no-such-module".into()))
        );
    }

    #[test]
    fn escapes_in_an_id_are_decoded() {
        assert_eq!(
            Page::parse("/training/modules/four%2Dcs"),
            training(TrainingRoute::Module("four-cs".into()))
        );
        assert_eq!(
            Page::parse("/training/attempts/caf%C3%A9"),
            training(TrainingRoute::Attempt("café".into()))
        );
        // A stray %, or bytes that are not UTF-8: kept as written.
        for id in ["100%25%zz", "%+1", "50%", "%FF"] {
            assert_eq!(
                Page::parse(&format!("/training/attempts/{id}")),
                training(TrainingRoute::Attempt(id.into()))
            );
        }
    }

    #[test]
    fn a_link_is_current_on_its_page_and_the_pages_below_it() {
        assert!(is_current(HOME, "/"));
        assert!(!is_current(HOME, "/training"));
        assert!(is_current(TRAINING, "/training"));
        assert!(is_current(TRAINING, "/training/"));
        assert!(is_current(TRAINING, &module("four-cs")));
        assert!(is_current(&module("four-cs"), &quiz("four-cs")));
        assert!(!is_current(&quiz("four-cs"), &module("four-cs")));
        assert!(!is_current(TRAINING, "/trainingx"));
        assert!(!is_current(STAFF, "/settings"));
        assert!(is_current(
            &reference(&Reference::Policy("a".into())),
            POLICY
        ));
        let item = audit(
            year(),
            AuditPage::Item {
                section: "pupils",
                item: "p-1",
            },
        );
        assert!(is_current(
            &item,
            &audit(year(), AuditPage::Section("pupils"))
        ));
    }
}
