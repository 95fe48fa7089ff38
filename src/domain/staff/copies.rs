//! Copies: the same verified attempt in two people's records (a colleague's file with the
//! name and record id changed, under content before the draw was tied to its record), or
//! twice in one. A client-side app cannot tell whose it really is, so it counts for neither
//! and both rows say who else holds it, until the DSL removes the record it does not belong
//! to. Found afresh whenever the matrix is built, so the order the files were imported in
//! decides nothing.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::StaffRecords;
use crate::domain::verify::{Outcome as Checked, Problem, Verdict};

impl StaffRecords {
    /// Each person's attempts as the matrix counts them, in the order of `people`: an attempt
    /// another record also holds, or that this record holds twice, becomes a copy that counts
    /// for no one, naming the others who hold it. Two attempts are the same when they have
    /// the same id, or the same module and draw seed.
    pub fn counted_attempts(&self) -> Vec<Cow<'_, [Checked]>> {
        // Only attempts that would count: a copy the check already refuses (drawn for another
        // record, under content that ties the draw to it) takes nothing from its original.
        let counts = |a: &&Checked| a.verdict.is_verified();
        let draws: Vec<Vec<Option<String>>> = self
            .people
            .iter()
            .map(|e| {
                let draw = |a: &Checked| a.seed.map(|s| format!("{}\u{1f}{s}", a.module_id));
                e.attempts.iter().map(draw).collect()
            })
            .collect();
        // The people holding each attempt (once for every time they hold it), by its keys. A
        // map of text to a group's place: the wasm has that map already (no new B-tree code).
        let mut group_of: BTreeMap<&str, usize> = BTreeMap::new();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let keys = |person: usize, i: usize| {
            let id = self.people[person].attempts[i].attempt_id.as_str();
            [Some(id), draws[person][i].as_deref()]
        };
        for (person, entry) in self.people.iter().enumerate() {
            for (i, _) in entry.attempts.iter().enumerate().filter(|(_, a)| counts(a)) {
                for key in keys(person, i).into_iter().flatten() {
                    let group = *group_of.entry(key).or_insert_with(|| {
                        groups.push(Vec::new());
                        groups.len() - 1
                    });
                    groups[group].push(person);
                }
            }
        }
        // The other people holding an attempt, and whether this record holds it twice.
        let copy = |person: usize, i: usize, a: &Checked| -> Option<(Vec<usize>, bool)> {
            if !a.verdict.is_verified() {
                return None;
            }
            let mut held = Vec::new();
            let mut own = 0;
            for key in keys(person, i).into_iter().flatten() {
                own += 1;
                held.extend(&groups[group_of[key]]);
            }
            // Found once under each of its keys when it is this record's alone.
            let twice = held.iter().filter(|&&p| p == person).count() > own;
            held.retain(|&p| p != person);
            held.sort_unstable();
            held.dedup();
            (twice || !held.is_empty()).then_some((held, twice))
        };
        self.people
            .iter()
            .enumerate()
            .map(|(person, entry)| {
                let found: Vec<_> = (entry.attempts.iter().enumerate())
                    .map(|(i, a)| copy(person, i, a))
                    .collect();
                if found.iter().all(Option::is_none) {
                    return Cow::Borrowed(entry.attempts.as_slice());
                }
                let marked = entry.attempts.iter().zip(found).map(|(a, found)| {
                    let Some((others, twice)) = found else {
                        return a.clone();
                    };
                    let mut names: Vec<String> = others
                        .iter()
                        .map(|&p| format!("{}'s record", self.people[p].person.name))
                        .collect();
                    if twice {
                        names.push("this record twice".to_owned());
                    }
                    Checked {
                        verdict: Verdict::Unverifiable(Problem::Copied(names.join(" and "))),
                        ..a.clone()
                    }
                });
                Cow::Owned(marked.collect())
            })
            .collect()
    }
}
