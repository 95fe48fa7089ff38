//! Many schools' summaries side by side: one per school and year (the newest file replaces
//! an older one, and says which), how old each is, a row of figures per school that sorts
//! by any column, one item across schools, the gaps most schools share, and the table as CSV.

use chrono::{Months, NaiveDate, NaiveDateTime};

use super::SchoolSummary;
use crate::domain::audit::{Rag, SectionSummary};
use crate::domain::dates::iso;
use crate::domain::envelope::{self, ImportError};
use crate::domain::staff::neutralise;
use crate::domain::vocab::vocabulary;

/// A summary is stale once it is older than a term: the trust asks for a fresh one.
pub const STALE_AFTER_MONTHS: u32 = 4;

/// Whether a summary prepared on `prepared` is stale on `today`.
pub fn is_stale(prepared: NaiveDate, today: NaiveDate) -> bool {
    prepared
        .checked_add_months(Months::new(STALE_AFTER_MONTHS))
        .is_none_or(|fresh_until| fresh_until <= today)
}

/// A summary the trust view holds, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    /// The file's name (its path inside a folder chosen).
    pub file: String,
    /// When the school's app wrote the file.
    pub saved_at: NaiveDateTime,
    pub summary: SchoolSummary,
}

impl Held {
    /// Reads a summary file, checked as every file is.
    pub fn read(file: &str, text: &str) -> Result<Self, ImportError> {
        let envelope = envelope::read_envelope(text)?;
        let saved_at = envelope.saved_at;
        Ok(Self {
            file: file.to_owned(),
            saved_at,
            summary: envelope::open(envelope)?,
        })
    }

    /// The school and year it speaks for: names compared without case or outer spaces.
    fn key(&self) -> (String, i32) {
        (
            self.summary.school.trim().to_lowercase(),
            self.summary.year.0,
        )
    }

    /// Which of two summaries of a school's year is newer: prepared later, then written later.
    fn newness(&self) -> (NaiveDate, NaiveDateTime) {
        (self.summary.prepared_on, self.saved_at)
    }
}

/// What adding a summary did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// The first for its school and year.
    New,
    /// It is newer than the one held, which it replaced (that file's name).
    Replaced { older: String },
    /// The one held (that file) is newer or the same age: this one is not used.
    NotNewer { kept: String },
}

impl Added {
    /// What happened to the file, in words that follow its name.
    pub fn note(&self) -> String {
        match self {
            Added::New => "added.".to_owned(),
            Added::Replaced { older } => format!(
                "added, replacing the older summary of the same school and year from {older}."
            ),
            Added::NotNewer { kept } => format!(
                "not used: {kept}, a summary of the same school and year, is at least as recent."
            ),
        }
    }
}

/// The summaries the trust view holds: one per school and year, in school then year order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trust {
    pub schools: Vec<Held>,
}

impl Trust {
    /// Adds a summary; the newest for a school and year is the one kept.
    pub fn add(&mut self, held: Held) -> Added {
        let key = held.key();
        let added = match self.schools.iter().position(|h| h.key() == key) {
            None => {
                self.schools.push(held);
                Added::New
            }
            Some(i) if held.newness() > self.schools[i].newness() => {
                let older = std::mem::replace(&mut self.schools[i], held);
                Added::Replaced { older: older.file }
            }
            Some(i) => Added::NotNewer {
                kept: self.schools[i].file.clone(),
            },
        };
        self.schools.sort_by_key(Held::key);
        added
    }

    /// Each school's row of figures on `today`, in the order held.
    pub fn rows(&self, today: NaiveDate) -> Vec<SchoolRow> {
        self.schools
            .iter()
            .enumerate()
            .map(|(index, h)| SchoolRow::of(index, h, today))
            .collect()
    }

    /// Every item any summary holds, once, with its question: in the order the first summary
    /// holding it lists it.
    pub fn items(&self) -> Vec<(String, String)> {
        let mut items: Vec<(String, String)> = Vec::new();
        for held in &self.schools {
            for (_, item) in held.summary.items() {
                if !items.iter().any(|(id, _)| *id == item.id) {
                    items.push((item.id.clone(), item.question.clone()));
                }
            }
        }
        items
    }

    /// The trust's picture on `today`, for the first page of its report.
    pub fn picture(&self, today: NaiveDate) -> Picture {
        let rows = self.rows(today);
        let names = |pick: &dyn Fn(&SchoolRow) -> bool| -> Vec<String> {
            rows.iter()
                .filter(|r| pick(r))
                .map(|r| r.school.clone())
                .collect()
        };
        let with_figures: Vec<_> = self
            .schools
            .iter()
            .filter_map(|h| h.summary.coverage.as_ref())
            .collect();
        let lowest = rows
            .iter()
            .filter_map(|r| Some((r.coverage?, r.school.clone())))
            .min();
        Picture {
            schools: rows.len(),
            with_red: names(&|r| r.figures.red > 0),
            stale: names(&|r| r.stale),
            filtering_out: names(&|r| !r.filtering_in_date),
            overdue_actions: rows.iter().map(|r| r.overdue_actions).sum(),
            with_overdue_actions: names(&|r| r.overdue_actions > 0),
            overdue_reviews: rows.iter().map(|r| r.overdue_reviews).sum(),
            with_overdue_reviews: names(&|r| r.overdue_reviews > 0),
            trained: with_figures.iter().map(|c| c.trained).sum(),
            people: with_figures.iter().map(|c| c.people).sum(),
            without_figures: names(&|r| r.coverage.is_none()),
            lowest: lowest.map(|(p, school)| (school, p)),
        }
    }

    /// The summaries held, in order.
    pub fn summaries(&self) -> Vec<&SchoolSummary> {
        self.schools.iter().map(|h| &h.summary).collect()
    }
}

/// The trust's picture: what page 1 of its report says, school names where they matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub schools: usize,
    /// Schools with any item rated red.
    pub with_red: Vec<String>,
    pub stale: Vec<String>,
    /// Schools whose filtering and monitoring review is not in date.
    pub filtering_out: Vec<String>,
    pub overdue_actions: usize,
    pub with_overdue_actions: Vec<String>,
    pub overdue_reviews: usize,
    pub with_overdue_reviews: Vec<String>,
    /// Trained of people, added up over the schools that sent figures.
    pub trained: usize,
    pub people: usize,
    pub without_figures: Vec<String>,
    /// The school with the lowest coverage, and its percent.
    pub lowest: Option<(String, usize)>,
}

/// One school's row in the trust's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolRow {
    /// Its place in `Trust::schools`.
    pub index: usize,
    pub school: String,
    pub year: String,
    pub prepared_on: NaiveDate,
    /// Days since it was prepared.
    pub age_days: i64,
    pub stale: bool,
    /// The whole audit's figures.
    pub figures: SectionSummary,
    /// Percent of people trained; `None` when the school sent no coverage.
    pub coverage: Option<usize>,
    /// Trained of people, in words ("18 of 20 on the staff list").
    pub coverage_text: String,
    /// Whether the filtering and monitoring review is in date.
    pub filtering_in_date: bool,
    pub overdue_actions: usize,
    pub overdue_reviews: usize,
}

impl SchoolRow {
    fn of(index: usize, held: &Held, today: NaiveDate) -> Self {
        let s = &held.summary;
        Self {
            index,
            school: s.school.clone(),
            year: s.year.label(),
            prepared_on: s.prepared_on,
            age_days: (today - s.prepared_on).num_days(),
            stale: is_stale(s.prepared_on, today),
            figures: s.figures(),
            coverage: s.coverage.as_ref().map(|c| c.percent()),
            coverage_text: match &s.coverage {
                None => "No training figures".to_owned(),
                Some(c) => format!("{} of {} {}", c.trained, c.people, c.basis()),
            },
            filtering_in_date: s.filtering.in_date(today),
            overdue_actions: s.overdue_actions.len(),
            overdue_reviews: s.overdue_reviews.len(),
        }
    }
}

vocabulary! {
    /// A column of the trust's table, to sort by.
    pub enum Column {
        School = ("school", "School"),
        Year = ("year", "Year"),
        Age = ("age", "Age of summary"),
        Picture = ("picture", "Overall picture"),
        Coverage = ("coverage", "Training coverage"),
        Filtering = ("filtering", "Filtering review"),
        Actions = ("actions", "Overdue actions"),
        Reviews = ("reviews", "Overdue reviews"),
    }
}

impl Column {
    /// Sorts rows by this column, ascending or descending; rows that tie keep school order.
    /// The overall picture sorts by red items, then amber; a school with no coverage figures
    /// sorts below every figure.
    pub fn sort(self, rows: &mut [SchoolRow], descending: bool) {
        rows.sort_by(|a, b| {
            let by = match self {
                Column::School => a.school.to_lowercase().cmp(&b.school.to_lowercase()),
                Column::Year => a.year.cmp(&b.year),
                Column::Age => a.age_days.cmp(&b.age_days),
                Column::Picture => {
                    (a.figures.red, a.figures.amber).cmp(&(b.figures.red, b.figures.amber))
                }
                Column::Coverage => a.coverage.cmp(&b.coverage),
                Column::Filtering => a.filtering_in_date.cmp(&b.filtering_in_date),
                Column::Actions => a.overdue_actions.cmp(&b.overdue_actions),
                Column::Reviews => a.overdue_reviews.cmp(&b.overdue_reviews),
            };
            let by = if descending { by.reverse() } else { by };
            by.then(a.index.cmp(&b.index))
        });
    }
}

/// An item rated red or amber by at least one school.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub item: String,
    pub section: String,
    /// The question as the first school holding it asks it.
    pub question: String,
    pub red: usize,
    pub amber: usize,
    /// Schools whose summary holds the item.
    pub schools: usize,
}

impl Gap {
    /// Schools rating it red or amber.
    pub fn gaps(&self) -> usize {
        self.red + self.amber
    }
}

/// The items most schools rate red or amber, most first; ties go to more reds, then to the
/// checklist's order (the order the first summary holding each item lists it).
pub fn common_gaps(summaries: &[&SchoolSummary]) -> Vec<Gap> {
    let mut gaps: Vec<Gap> = Vec::new();
    for summary in summaries {
        for (section, item) in summary.items() {
            let at = match gaps.iter().position(|g| g.item == item.id) {
                Some(at) => at,
                None => {
                    gaps.push(Gap {
                        item: item.id.clone(),
                        section: section.title.clone(),
                        question: item.question.clone(),
                        red: 0,
                        amber: 0,
                        schools: 0,
                    });
                    gaps.len() - 1
                }
            };
            let gap = &mut gaps[at];
            gap.schools += 1;
            match item.rating.map(|r| r.rag()) {
                Some(Rag::Red) => gap.red += 1,
                Some(Rag::Amber) => gap.amber += 1,
                _ => {}
            }
        }
    }
    gaps.retain(|g| g.gaps() > 0);
    // A stable sort: equal counts keep the checklist's order.
    gaps.sort_by(|a, b| b.gaps().cmp(&a.gaps()).then(b.red.cmp(&a.red)));
    gaps
}

/// Each school's RAG on one item, in the order given (`Unanswered` where its summary does not
/// rate it; schools whose summary does not hold the item are left out).
pub fn on_item<'a>(summaries: &[&'a SchoolSummary], item: &str) -> Vec<(&'a str, Rag)> {
    summaries
        .iter()
        .filter_map(|s| Some((s.school.as_str(), s.rag(item)?)))
        .collect()
}

/// The combined table as CSV: a line on what the figures are, a header, then a row per
/// school. Quoted by the csv crate, every cell neutralised against formulas.
pub fn to_csv(trust: &Trust, today: NaiveDate) -> String {
    let mut out = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let note = format!(
        "Each row is a school's own statement, from the summary file its DSL exported. Made on {}.",
        iso(today)
    );
    let header = [
        "School",
        "Year",
        "Prepared on",
        "Age (days)",
        "Stale",
        "Red",
        "Amber",
        "Green",
        "Not applicable",
        "Not answered",
        "Trained",
        "People counted",
        "Coverage (%)",
        "Coverage counted over",
        "Filtering review done",
        "Filtering review next due",
        "Filtering review in date",
        "Overdue actions",
        "Overdue reviews",
        "File",
    ];
    let yes_no = |b: bool| if b { "Yes" } else { "No" }.to_owned();
    // Writing to a Vec cannot fail.
    let _ = out.write_record([neutralise(&note)]);
    let _ = out.write_record(header.iter().map(|c| neutralise(c)));
    for (held, row) in trust.schools.iter().zip(trust.rows(today)) {
        let s = &held.summary;
        let f = row.figures;
        let c = s.coverage.as_ref();
        let record = [
            row.school.clone(),
            row.year.clone(),
            iso(row.prepared_on),
            row.age_days.to_string(),
            yes_no(row.stale),
            f.red.to_string(),
            f.amber.to_string(),
            f.green.to_string(),
            f.not_applicable.to_string(),
            f.unrated().to_string(),
            c.map(|c| c.trained.to_string()).unwrap_or_default(),
            c.map(|c| c.people.to_string()).unwrap_or_default(),
            row.coverage.map(|p| p.to_string()).unwrap_or_default(),
            c.map(|c| {
                if c.over_list {
                    "Staff list"
                } else {
                    "Records imported"
                }
            })
            .unwrap_or_default()
            .to_owned(),
            s.filtering.reviewed_on.map(iso).unwrap_or_default(),
            s.filtering.next_review.map(iso).unwrap_or_default(),
            yes_no(row.filtering_in_date),
            row.overdue_actions.to_string(),
            row.overdue_reviews.to_string(),
            held.file.clone(),
        ];
        let _ = out.write_record(record.iter().map(|c| neutralise(c)));
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}
