//! Importing a folder of records: which files are read (`.json`; the rest are listed as
//! skipped), the most one import takes, and the words for its progress and its tally.

use super::Outcome;

/// The most record files one import reads. A trust's shared folder of a few years' records
/// fits; the record files found beyond it are not read but listed, to import in another part
/// (so a folder stuffed with files cannot block the import of the others).
pub const MAX_FILES_PER_IMPORT: usize = 5_000;

/// The most entries (files and folders, record files or not) a dropped folder's walk visits,
/// and the deepest folder below the drop it opens: any folder is walked in bounded time, and
/// what lies beyond is reported, not read.
pub const MAX_ENTRIES_WALKED: usize = 50_000;
pub const MAX_FOLDER_DEPTH: usize = 16;

/// How many files are read and imported before the page gets the browser back (to paint
/// the progress and answer the user).
pub const BATCH: usize = 50;

/// Whether a file found in a pick or a folder is one the import reads: a `.json` file
/// (any case), not a hidden one (".DS_Store", "._ann.json" that macOS leaves beside a copy).
pub fn is_record_file(path: &str) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    !name.starts_with('.')
        && name
            .rsplit_once('.')
            .is_some_and(|(stem, ext)| !stem.is_empty() && ext.eq_ignore_ascii_case("json"))
}

/// What a picker of files or folders says under its labels: the files it reads and the limits
/// of one import (the staff records' page and the trust view share it). Written out rather
/// than formatted, which costs the DSL bundle 0.3 KB; a test checks it against the limits.
pub const PICKER_HINT: &str =
    "Or drop files or folders here. JSON files up to 5 MB each, at most 5,000 files at a time.";

/// A whole number as a school writes it: 1,000.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// "Read 340 of 1,000 files".
pub fn progress(done: usize, total: usize) -> String {
    format!("Read {} of {} files", grouped(done), grouped(total))
}

/// What the list of record files over the cap says before their paths.
pub fn over_cap() -> String {
    format!(
        "Not read, as one import reads at most {} files (import them in another part, for example one sub-folder at a time):",
        grouped(MAX_FILES_PER_IMPORT)
    )
}

/// What the page says when a dropped folder was not walked to its end.
pub fn walk_stopped() -> String {
    format!(
        "The dropped folders were not looked through to the end: one import looks at most {} files and folders, and at most {} folders deep. Import the rest one sub-folder at a time.",
        grouped(MAX_ENTRIES_WALKED),
        MAX_FOLDER_DEPTH
    )
}

/// A folder walk counted against the limits: every entry visited, and each folder's depth.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WalkBudget {
    visited: usize,
    /// True once something was left out: an entry past `MAX_ENTRIES_WALKED`, or a folder
    /// deeper than `MAX_FOLDER_DEPTH`.
    pub stopped: bool,
}

impl WalkBudget {
    /// Counts one entry (a file or a folder); false once the walk must stop.
    pub fn visit(&mut self) -> bool {
        if self.visited >= MAX_ENTRIES_WALKED {
            self.stopped = true;
            return false;
        }
        self.visited += 1;
        true
    }

    /// Whether a folder `depth` levels below what was dropped (a dropped folder is 1) is
    /// opened.
    pub fn opens(&mut self, depth: usize) -> bool {
        let opens = depth <= MAX_FOLDER_DEPTH;
        self.stopped |= !opens;
        opens
    }

    /// Whether a record file found when `read` are already taken is read by this import
    /// (else it is listed as over the cap).
    pub fn takes(read: usize) -> bool {
        read < MAX_FILES_PER_IMPORT
    }
}

/// What an import did, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub added: usize,
    pub merged: usize,
    pub up_to_date: usize,
    pub conflicts: usize,
    pub failed: usize,
    pub skipped: usize,
    /// Record files not read: over `MAX_FILES_PER_IMPORT`.
    pub over_cap: usize,
}

impl Tally {
    /// Counts one file's outcome.
    pub fn count(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Added { .. } => self.added += 1,
            Outcome::Merged { .. } => self.merged += 1,
            Outcome::AlreadyHere { .. } => self.up_to_date += 1,
            Outcome::Conflict(_) => self.conflicts += 1,
            Outcome::Failed(_) => self.failed += 1,
        }
    }

    /// "997 added, 1 already up to date, 2 not imported, 3 skipped (not .json)": the parts
    /// that are not zero.
    pub fn describe(&self) -> String {
        let parts = [
            (self.added, "added"),
            (self.merged, "with new attempts"),
            (self.up_to_date, "already up to date"),
            (self.conflicts, "waiting for your decision"),
            (self.failed, "not imported"),
            (self.skipped, "skipped (not .json files)"),
            (
                self.over_cap,
                "not read (over one import's limit: listed below)",
            ),
        ];
        let said: Vec<String> = parts
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{} {what}", grouped(*n)))
            .collect();
        if said.is_empty() {
            "No files.".into()
        } else {
            said.join(", ") + "."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pickers_hint_states_the_import_limits() {
        let limits = format!(
            "Or drop files or folders here. JSON files up to {} MB each, at most {} files at a time.",
            crate::domain::envelope::MAX_IMPORT_BYTES / 1_000_000,
            grouped(MAX_FILES_PER_IMPORT)
        );
        assert_eq!(PICKER_HINT, limits);
    }

    #[test]
    fn only_visible_json_files_are_read() {
        for yes in [
            "ann.json",
            "staff/2026/ANN.JSON",
            "a b.Json",
            "C:\\x\\ann.json",
        ] {
            assert!(is_record_file(yes), "{yes}");
        }
        for no in [
            "notes.txt",
            ".DS_Store",
            "staff/._ann.json",
            "json",
            ".json",
            "ann.json.bak",
            "desktop.ini",
        ] {
            assert!(!is_record_file(no), "{no}");
        }
    }

    #[test]
    fn numbers_and_words() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1234567), "1,234,567");
        assert_eq!(progress(340, 1000), "Read 340 of 1,000 files");
        assert!(over_cap().starts_with("Not read, as one import reads at most 5,000 files"));
        let tally = Tally {
            added: 997,
            up_to_date: 1,
            failed: 2,
            skipped: 3,
            ..Tally::default()
        };
        assert_eq!(
            tally.describe(),
            "997 added, 1 already up to date, 2 not imported, 3 skipped (not .json files)."
        );
    }

    #[test]
    fn record_files_over_the_cap_are_listed_not_refused() {
        let taken = (0..MAX_FILES_PER_IMPORT + 7)
            .filter(|&read| WalkBudget::takes(read))
            .count();
        assert_eq!(taken, MAX_FILES_PER_IMPORT);
        let tally = Tally {
            added: 5_000,
            skipped: 1,
            over_cap: 7,
            ..Tally::default()
        };
        assert_eq!(
            tally.describe(),
            "5,000 added, 1 skipped (not .json files), 7 not read (over one import's limit: listed below)."
        );
    }

    #[test]
    fn a_walk_counts_every_entry_and_stops_at_the_limits() {
        let mut budget = WalkBudget::default();
        // Files that are not records count as much as records: 5,001 empty files, or a
        // million text files, cannot make the walk endless.
        let visited = (0..MAX_ENTRIES_WALKED * 2)
            .take_while(|_| budget.visit())
            .count();
        assert_eq!(visited, MAX_ENTRIES_WALKED);
        assert!(budget.stopped);
        assert!(!budget.visit(), "once stopped, it stays stopped");

        let mut budget = WalkBudget::default();
        assert!(budget.opens(1) && budget.opens(MAX_FOLDER_DEPTH));
        assert!(!budget.stopped);
        assert!(!budget.opens(MAX_FOLDER_DEPTH + 1));
        assert!(budget.stopped, "a folder left unopened is reported");
        assert!(walk_stopped()
            .contains("at most 50,000 files and folders, and at most 16 folders deep"));
    }
}
