//! The school's Social Media Policy as the app shows and cites it: the source text, split
//! into sections at its own headings, each with a stable anchor for links.

/// A heading of the policy, in document order, with the anchor the app links to.
struct Heading {
    anchor: &'static str,
    /// The heading line exactly as it stands in the text.
    line: &'static str,
    /// A short label for citations ("section B").
    short: &'static str,
    /// Part of the parents' Code of Conduct rather than the policy proper.
    code_of_conduct: bool,
}

const fn h(anchor: &'static str, line: &'static str, short: &'static str, coc: bool) -> Heading {
    Heading {
        anchor,
        line,
        short,
        code_of_conduct: coc,
    }
}

/// Headings in the order they occur. Two headings repeat in the Code of Conduct, which is
/// why the split walks this list in order rather than looking lines up by text.
const HEADINGS: &[Heading] = &[
    h(
        "document-control",
        "Document Control Box",
        "document control",
        false,
    ),
    h(
        "statement-of-intent",
        "Statement of Intent",
        "statement of intent",
        false,
    ),
    h(
        "legal-framework",
        "Legal framework",
        "legal framework",
        false,
    ),
    h("definitions", "Definitions", "definitions", false),
    h(
        "section-a",
        "A. The use of social networking sites by pupils within school",
        "section A",
        false,
    ),
    h(
        "section-b",
        "B. Use of social networking by staff in a personal capacity",
        "section B",
        false,
    ),
    h(
        "section-c",
        "C. Comments posted by Parents/Carers",
        "section C",
        false,
    ),
    h(
        "section-d",
        "D. Dealing with incidents of online bullying/inappropriate use of social networking sites",
        "section D",
        false,
    ),
    h(
        "section-e",
        "E. The use of social networking sites by the school and the PTA",
        "section E",
        false,
    ),
    h(
        "monitoring-and-review",
        "Monitoring and Review",
        "monitoring and review",
        false,
    ),
    h("appendix-1", "Appendix 1", "Appendix 1", false),
    h(
        "code-of-conduct",
        "Social Media Code of Conduct for Parents & Carers",
        "Code of Conduct",
        true,
    ),
    h(
        "code-statement-of-intent",
        "Statement of Intent",
        "Code of Conduct, intent",
        true,
    ),
    h(
        "code-legal-framework",
        "Legal Framework",
        "Code of Conduct, legal framework",
        true,
    ),
    h(
        "code-conduct",
        "Digital Awareness and Social Media Conduct",
        "Code of Conduct, conduct",
        true,
    ),
    h(
        "code-messaging",
        "Online Messaging",
        "Code of Conduct, messaging",
        true,
    ),
    h(
        "code-review",
        "Monitoring and Review",
        "Code of Conduct, review",
        true,
    ),
];

/// One section of the policy with its text split into paragraphs (blank-line separated
/// lines; list items keep their leading "- ").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicySection {
    pub anchor: &'static str,
    pub heading: &'static str,
    pub short: &'static str,
    pub code_of_conduct: bool,
    pub lines: Vec<String>,
}

/// The policy's opening lines before the first heading (title, leads, chair).
pub fn preamble(text: &str) -> Vec<String> {
    let first = HEADINGS[0].line;
    text.lines()
        .map(str::trim)
        .take_while(|l| *l != first)
        .filter(|l| !l.is_empty())
        .map(tidy)
        .collect()
}

/// Splits the policy's text into its sections, in order.
pub fn sections(text: &str) -> Vec<PolicySection> {
    let mut out: Vec<PolicySection> = Vec::with_capacity(HEADINGS.len());
    let mut next = 0;
    for raw in text.lines() {
        let line = raw.trim();
        if next < HEADINGS.len() && line == HEADINGS[next].line {
            let head = &HEADINGS[next];
            out.push(PolicySection {
                anchor: head.anchor,
                heading: head.line,
                short: head.short,
                code_of_conduct: head.code_of_conduct,
                lines: Vec::new(),
            });
            next += 1;
        } else if let Some(current) = out.last_mut() {
            if !line.is_empty() {
                current.lines.push(tidy(line));
            }
        }
    }
    out
}

/// The headings the app needs that the text lacks (or has out of order), so a school that
/// replaces the policy file hears what the policy page and the citations would miss.
pub fn missing_headings(text: &str) -> Vec<&'static str> {
    let found = sections(text).len();
    HEADINGS[found..].iter().map(|h| h.line).collect()
}

/// The section of the policy's text with this anchor, if any.
pub fn section_by_anchor(text: &str, anchor: &str) -> Option<PolicySection> {
    sections(text).into_iter().find(|s| s.anchor == anchor)
}

/// How a section is cited ("section B"), by its anchor; `None` for an anchor the policy
/// does not have.
pub fn short_name(anchor: &str) -> Option<&'static str> {
    HEADINGS
        .iter()
        .find(|h| h.anchor == anchor)
        .map(|h| h.short)
}

/// Every anchor the policy page offers.
pub fn anchors() -> impl Iterator<Item = &'static str> {
    HEADINGS.iter().map(|h| h.anchor)
}

/// The consent form in Appendix 1 carries HTML radio inputs as text; show them as boxes,
/// and tabs as spacing, so the page reads like the printed form.
fn tidy(line: &str) -> String {
    line.replace("<input type=\"radio\"/>", "\u{2610}")
        .replace("**", "")
        .replace('\t', "  ")
}

/// Facts from the policy's document control box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentControl {
    pub title: String,
    pub version: String,
    pub date_of_version: String,
    pub date_approved: String,
    pub approved_by: String,
    pub review_date: String,
}

/// Reads the document control box ("Version\t3" style rows) from the policy's text.
pub fn document_control(text: &str) -> DocumentControl {
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name).filter(|rest| rest.starts_with('\t')))
            .map(|rest| rest.trim().to_owned())
            .unwrap_or_default()
    };
    DocumentControl {
        title: field("Policy Title"),
        version: field("Version"),
        date_of_version: field("Date of version"),
        date_approved: field("Date approved"),
        approved_by: field("Approving body / person"),
        review_date: field("Review date"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = include_str!("../../content/policy/social-media-policy.txt");

    #[test]
    fn every_heading_is_found_in_order() {
        let found: Vec<_> = sections(TEXT).iter().map(|s| s.anchor).collect();
        let expected: Vec<_> = anchors().collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn sections_hold_their_own_text() {
        let b = section_by_anchor(TEXT, "section-b").unwrap();
        assert!(b.lines.iter().any(|l| l.contains("under 19 years of age")));
        assert!(!b
            .lines
            .iter()
            .any(|l| l.contains("Code of Conduct for Parents/Carers (see Appendix 2)")));
        let review = section_by_anchor(TEXT, "code-review").unwrap();
        assert!(review.code_of_conduct);
        assert!(review.lines.iter().any(|l| l.contains("Autumn 2025")));
        let appendix = section_by_anchor(TEXT, "appendix-1").unwrap();
        assert!(appendix.lines.iter().all(|l| !l.contains("<input")));
    }

    #[test]
    fn document_control_is_read_from_the_text() {
        let dc = document_control(TEXT);
        assert_eq!(dc.title, "Social Media Policy");
        assert_eq!(dc.version, "3");
        assert_eq!(dc.date_approved, "October 2023");
        assert_eq!(dc.approved_by, "WKPS Full Governing Body");
        assert!(dc.review_date.starts_with("Autumn 2024"));
    }

    #[test]
    fn preamble_names_the_policy() {
        assert_eq!(
            preamble(TEXT).first().map(String::as_str),
            Some("Policy: Social Media")
        );
    }
}
