//! Importing a folder of records: which files are read (`.json`; the rest are listed as
//! skipped), the most one import takes, and the words for its progress and its tally.

use super::Outcome;

/// The most files one import reads. A trust's shared folder of a few years' records fits;
/// a larger pick is refused as a whole with a message, never read in part.
pub const MAX_FILES_PER_IMPORT: usize = 5_000;

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

/// Why a pick of more than `MAX_FILES_PER_IMPORT` record files is refused. (A dropped folder
/// is walked only until the cap is passed, so the exact count is not known.)
pub fn too_many() -> String {
    let most = grouped(MAX_FILES_PER_IMPORT);
    format!(
        "More than {most} JSON files were chosen, and one import reads at most {most}. Nothing was imported: import them in parts, for example one sub-folder at a time."
    )
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
        assert!(too_many().starts_with(
            "More than 5,000 JSON files were chosen, and one import reads at most 5,000."
        ));
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
}
