//! Ratings and RAG: the DSL's judgement on an item, the colour it gives (Not sure counts as
//! a gap, the same as No), and the figures and top risks drawn from an audit's ratings.

use super::{Answer, Audit, Checklist, Item, Section};
use crate::domain::standing::Standing;
use crate::domain::vocab::vocabulary;

vocabulary! {
    /// The DSL's judgement on an item.
    pub enum Rating {
        Yes = ("yes", "Yes"),
        Partly = ("partly", "Partly"),
        No = ("no", "No"),
        NotSure = ("not-sure", "Not sure"),
        NotApplicable = ("not-applicable", "Not applicable"),
    }
}

impl Rating {
    /// The RAG colour: Not sure counts as a gap, the same as No.
    pub fn rag(self) -> Rag {
        match self {
            Rating::Yes => Rag::Green,
            Rating::Partly => Rag::Amber,
            Rating::No | Rating::NotSure => Rag::Red,
            Rating::NotApplicable => Rag::NotApplicable,
        }
    }

    /// True for a rating that needs action: Partly, No or Not sure.
    pub fn is_gap(self) -> bool {
        matches!(self.rag(), Rag::Red | Rag::Amber)
    }

    /// Order for year-on-year comparison; `None` for Not applicable.
    pub(super) fn strength(self) -> Option<u8> {
        match self {
            Rating::Yes => Some(3),
            Rating::Partly => Some(2),
            Rating::NotSure => Some(1),
            Rating::No => Some(0),
            Rating::NotApplicable => None,
        }
    }
}

vocabulary! {
    /// Red, amber or green, or not counted.
    pub enum Rag {
        Red = ("red", "Red"),
        Amber = ("amber", "Amber"),
        Green = ("green", "Green"),
        /// Rated Not applicable.
        NotApplicable = ("na", "Not applicable"),
        /// Not rated yet.
        Unanswered = ("none", "Not answered"),
    }
}

impl Rag {
    /// How the colour stands on a tag.
    pub fn standing(self) -> Standing {
        match self {
            Rag::Red => Standing::Red,
            Rag::Amber => Standing::Amber,
            Rag::Green => Standing::Green,
            Rag::NotApplicable | Rag::Unanswered => Standing::Grey,
        }
    }
}

/// One section's figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SectionSummary {
    pub total: usize,
    pub answered: usize,
    pub red: usize,
    pub amber: usize,
    pub green: usize,
    pub not_applicable: usize,
}

impl std::iter::Sum for SectionSummary {
    /// Every section's figures added up: the whole audit's.
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::default(), |a, b| Self {
            total: a.total + b.total,
            answered: a.answered + b.answered,
            red: a.red + b.red,
            amber: a.amber + b.amber,
            green: a.green + b.green,
            not_applicable: a.not_applicable + b.not_applicable,
        })
    }
}

impl SectionSummary {
    /// Items with no confirmed rating (the rest of the total).
    pub fn unrated(&self) -> usize {
        self.total
            .saturating_sub(self.red + self.amber + self.green + self.not_applicable)
    }

    /// Whole percent answered.
    pub fn percent(&self) -> usize {
        (self.answered * 100).checked_div(self.total).unwrap_or(0)
    }

    /// The section's overall colour: red if any red, amber if any amber, green when all
    /// rated items are green; unanswered until something is rated.
    pub fn rag(&self) -> Rag {
        if self.red > 0 {
            Rag::Red
        } else if self.amber > 0 {
            Rag::Amber
        } else if self.green > 0 {
            Rag::Green
        } else if self.not_applicable > 0 {
            Rag::NotApplicable
        } else {
            Rag::Unanswered
        }
    }
}

impl Audit {
    /// The item's RAG (unanswered when there is no answer).
    pub fn rag(&self, item: &str) -> Rag {
        self.answer(item).map_or(Rag::Unanswered, Answer::rag)
    }

    /// Completion and RAG counts for a section.
    pub fn section_summary(&self, section: &Section) -> SectionSummary {
        let mut s = SectionSummary {
            total: section.items.len(),
            ..SectionSummary::default()
        };
        for item in &section.items {
            let answered = self.answer(&item.id).is_some_and(Answer::is_answered);
            if answered {
                s.answered += 1;
            }
            match self.rag(&item.id) {
                Rag::Red => s.red += 1,
                Rag::Amber => s.amber += 1,
                Rag::Green => s.green += 1,
                Rag::NotApplicable => s.not_applicable += 1,
                Rag::Unanswered => {}
            }
        }
        s
    }

    /// Items not yet answered (including carried-over ratings not yet confirmed).
    pub fn unanswered<'c>(&self, list: &'c Checklist) -> Vec<&'c Item> {
        list.items()
            .filter(|i| !self.answer(&i.id).is_some_and(Answer::is_answered))
            .collect()
    }

    /// The gaps rated No or Not sure (red), then Partly (amber): the top risks.
    pub fn top_risks<'c>(&self, list: &'c Checklist) -> Vec<(&'c Item, Rating)> {
        let mut risks: Vec<(&Item, Rating)> = list
            .items()
            .filter_map(|i| {
                let a = self.answer(&i.id)?;
                let r = a.rating.filter(|r| r.is_gap() && !a.needs_reconfirming)?;
                Some((i, r))
            })
            .collect();
        risks.sort_by_key(|(_, r)| r.rag());
        risks
    }
}
