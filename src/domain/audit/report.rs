//! The governors' report's first page in words: the overall picture in one sentence, a few
//! top risks and overdue actions with a count of the rest, the review dates that have
//! passed, where the filtering review stands and the change since last year. Long texts
//! are shortened here, by characters, so page 1 fits one A4 sheet in any browser without
//! relying on CSS line clamping; the full texts are in the report's detail.

use chrono::NaiveDate;

use super::{
    date_flags, AcademicYear, Audit, Checklist, DateFlag, FilteringReview, PlannedAction, Rating,
    SectionSummary,
};
use crate::domain::dates::long;
use crate::domain::settings::{join_names, SchoolSettings};

/// How many risks and overdue actions page 1 lists; the rest are counted.
pub const FIRST_PAGE_ROWS: usize = 5;
/// The longest a question may run on page 1, in characters.
const QUESTION_CHARS: usize = 110;
/// The longest an action may run on page 1, in characters.
const ACTION_CHARS: usize = 90;
/// The longest an owner's name may run on page 1, in characters.
const OWNER_CHARS: usize = 30;

/// A gap as page 1 lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Risk {
    pub section: String,
    /// The question with the settings filled in, shortened.
    pub question: String,
    pub rating: Rating,
}

/// Everything page 1 says besides the chart, coverage and sign-off (which read live state).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstPage {
    /// The overall picture, one sentence.
    pub overall: String,
    /// At most [`FIRST_PAGE_ROWS`] gaps, red before amber.
    pub risks: Vec<Risk>,
    /// Gaps not listed on page 1.
    pub more_risks: usize,
    /// At most [`FIRST_PAGE_ROWS`] overdue actions, oldest due first, texts shortened.
    pub overdue: Vec<PlannedAction>,
    /// Overdue actions not listed on page 1.
    pub more_overdue: usize,
    /// The review dates that have passed, as one sentence ("The Social Media Policy was due
    /// by 31 December 2024."), or `None` when none has.
    pub passed: Option<String>,
    /// Whether the filtering and monitoring review is done, when, and when it is next due.
    pub filtering: String,
    /// Improved, worsened and new since last year's audit, when it has been imported.
    pub change: Option<String>,
}

/// `text` cut to at most `max` characters at a word boundary, with an ellipsis when cut.
pub fn brief(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    // Room for the ellipsis, then back to the last space so no word is split.
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let at = cut
        .rfind(char::is_whitespace)
        .filter(|&i| i > cut.len() / 2);
    let kept = at.map_or(cut.as_str(), |i| &cut[..i]);
    format!(
        "{}…",
        kept.trim_end_matches(|c: char| c.is_whitespace() || ",;:.-".contains(c))
    )
}

/// "is" for one, "are" for any other number.
fn be(n: usize) -> &'static str {
    if n == 1 {
        "is"
    } else {
        "are"
    }
}

/// The whole audit in one sentence, from every section's figures added up.
pub fn overall_sentence(all: &SectionSummary) -> String {
    let rated = all.total - all.unrated();
    if rated == 0 {
        return format!(
            "None of the {} items has been rated yet, so the audit gives no picture so far.",
            all.total
        );
    }
    let mut parts = vec![format!(
        "{} of {} items {} in place (green)",
        all.green,
        all.total,
        be(all.green)
    )];
    parts.push(format!(
        "{} {} partly in place (amber)",
        all.amber,
        be(all.amber)
    ));
    parts.push(format!(
        "{} {} not in place or not sure (red)",
        all.red,
        be(all.red)
    ));
    if all.not_applicable > 0 {
        parts.push(format!("{} do not apply", all.not_applicable));
    }
    if all.unrated() > 0 {
        parts.push(format!(
            "{} {} still to rate",
            all.unrated(),
            be(all.unrated())
        ));
    }
    format!("{}.", join_names(&parts))
}

/// Where the filtering and monitoring review stands for `year`, one sentence.
pub fn filtering_line(f: &FilteringReview, year: AcademicYear, today: NaiveDate) -> String {
    match (f.reviewed_on, f.next_review) {
        (Some(on), Some(next)) if next < today => format!(
            "Done on {}; the next review was due by {} and is overdue.",
            long(on),
            long(next)
        ),
        (Some(on), Some(next)) => {
            format!("Done on {}; next review due by {}.", long(on), long(next))
        }
        (Some(on), None) => format!("Done on {}; no date is set for the next review.", long(on)),
        (None, Some(next)) if next < today => format!(
            "Not done for {}: it was due by {}.",
            year.label(),
            long(next)
        ),
        (None, Some(next)) => format!("Not done yet for {}; due by {}.", year.label(), long(next)),
        (None, None) => format!(
            "Not done yet for {}, and no date is set for it.",
            year.label()
        ),
    }
}

/// The review dates that have passed, in one sentence: "The Social Media Policy was due
/// for review by 31 December 2024 and the parents' Social Media Code of Conduct by 31
/// December 2025."; `None` when none has.
pub fn passed_sentence(flags: &[DateFlag]) -> Option<String> {
    let passed: Vec<(&str, NaiveDate)> = flags
        .iter()
        .filter(|f| f.passed)
        .filter_map(|f| Some((f.what.as_str(), f.due?)))
        .collect();
    let ((what, due), rest) = passed.split_first()?;
    let mut parts = vec![format!("{what} was due for review by {}", long(*due))];
    parts.extend(rest.iter().map(|(what, due)| {
        let mut chars = what.chars();
        let first = chars.next().map(|c| c.to_lowercase().collect::<String>());
        format!(
            "{}{} by {}",
            first.unwrap_or_default(),
            chars.as_str(),
            long(*due)
        )
    }));
    Some(format!("{}.", join_names(&parts)))
}

impl Audit {
    /// What page 1 of the governors' report says, on `today`.
    pub fn first_page(
        &self,
        list: &Checklist,
        settings: &SchoolSettings,
        today: NaiveDate,
    ) -> FirstPage {
        let all: SectionSummary = list.sections.iter().map(|s| self.section_summary(s)).sum();
        let section_of = |item: &str| {
            list.item(item)
                .map_or(String::new(), |(s, _)| s.title.clone())
        };
        let risks = self.top_risks(list);
        let more_risks = risks.len().saturating_sub(FIRST_PAGE_ROWS);
        let risks = risks
            .into_iter()
            .take(FIRST_PAGE_ROWS)
            .map(|(item, rating)| Risk {
                section: section_of(&item.id),
                question: brief(&settings.fill(&item.question), QUESTION_CHARS),
                rating,
            })
            .collect();
        let overdue: Vec<PlannedAction> = self
            .action_plan(list, today)
            .into_iter()
            .filter(|p| p.overdue)
            .collect();
        let more_overdue = overdue.len().saturating_sub(FIRST_PAGE_ROWS);
        let overdue = overdue
            .into_iter()
            .take(FIRST_PAGE_ROWS)
            .map(|mut p| {
                p.question = brief(&settings.fill(&p.question), QUESTION_CHARS);
                p.action.what = brief(&p.action.what, ACTION_CHARS);
                p.action.owner = brief(&p.action.owner, OWNER_CHARS);
                p
            })
            .collect();
        FirstPage {
            overall: overall_sentence(&all),
            risks,
            more_risks,
            overdue,
            more_overdue,
            passed: passed_sentence(&date_flags(settings, self, today)),
            filtering: filtering_line(&self.filtering, self.year, today),
            change: self.change_counts(list).map(|c| c.sentence()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brief_cuts_at_a_word_and_marks_the_cut() {
        assert_eq!(brief("  Short enough. ", 20), "Short enough.");
        assert_eq!(
            brief("Is the filtering provider a member of the IWF?", 30),
            "Is the filtering provider a…"
        );
        assert!(brief(&"word ".repeat(100), 50).chars().count() <= 50);
        // One long word is cut inside it rather than dropped.
        assert_eq!(brief("abcdefghijkl", 6), "abcde…");
    }

    #[test]
    fn passed_review_dates_read_as_one_sentence() {
        let flag = |what: &str, y, passed| DateFlag {
            item_id: None,
            message: String::new(),
            passed,
            what: what.into(),
            due: NaiveDate::from_ymd_opt(y, 12, 31),
        };
        assert_eq!(passed_sentence(&[flag("The Policy", 2030, false)]), None);
        assert_eq!(
            passed_sentence(&[flag("The Policy", 2024, true)]).as_deref(),
            Some("The Policy was due for review by 31 December 2024.")
        );
        assert_eq!(
            passed_sentence(&[
                flag("The Policy", 2024, true),
                flag("The Code", 2025, true),
                flag("Filtering", 2026, true)
            ])
            .as_deref(),
            Some("The Policy was due for review by 31 December 2024, the Code by 31 December 2025 and filtering by 31 December 2026.")
        );
    }

    #[test]
    fn the_overall_sentence_agrees_with_its_numbers() {
        let s = SectionSummary {
            total: 67,
            answered: 67,
            red: 1,
            amber: 6,
            green: 58,
            not_applicable: 2,
        };
        assert_eq!(
            overall_sentence(&s),
            "58 of 67 items are in place (green), 6 are partly in place (amber), 1 is not in place or not sure (red) and 2 do not apply."
        );
        let fresh = SectionSummary {
            total: 67,
            ..SectionSummary::default()
        };
        assert!(overall_sentence(&fresh).starts_with("None of the 67 items"));
    }
}
