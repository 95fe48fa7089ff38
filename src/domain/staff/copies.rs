//! Copies: the same verified attempt in two people's records (a colleague's file with the
//! name and record id changed, under content before the draw was tied to its record), or
//! twice in one. A client-side app cannot tell whose it really is, so it counts for neither and both rows say who else holds it, until the DSL removes the
//! record it does not belong to. Found afresh whenever the matrix is built, so the order the
//! files were imported in decides nothing.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::StaffRecords;
use crate::domain::verify::{Outcome as Checked, Problem, Verdict};

/// What makes two attempts the same: its id, or its module and the seed of its draw.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Same<'a> {
    Id(&'a str),
    Draw(&'a str, u64),
}

impl StaffRecords {
    /// Each person's attempts as the matrix counts them, in the order of `people`: an attempt
    /// another record also holds, or that this record holds twice, becomes a copy that counts
    /// for no one, naming the others who hold it.
    pub fn counted_attempts(&self) -> Vec<Cow<'_, [Checked]>> {
        // Which people hold each attempt, once for every time they hold it.
        let mut holders: BTreeMap<Same, Vec<usize>> = BTreeMap::new();
        for (person, entry) in self.people.iter().enumerate() {
            // Only attempts that would count: a copy the check already refuses (drawn for
            // another record, under content that ties the draw to it) takes nothing away
            // from the record it was copied from.
            for a in entry.attempts.iter().filter(|a| a.verdict.is_verified()) {
                holders
                    .entry(Same::Id(&a.attempt_id))
                    .or_default()
                    .push(person);
                if let Some(seed) = a.seed {
                    let draw = Same::Draw(&a.module_id, seed);
                    holders.entry(draw).or_default().push(person);
                }
            }
        }
        self.people
            .iter()
            .enumerate()
            .map(|(person, entry)| {
                // The other people holding it, and whether this record holds it twice.
                let copy = |a: &Checked| -> Option<(Vec<usize>, bool)> {
                    if !a.verdict.is_verified() {
                        return None;
                    }
                    let mut held: Vec<usize> = holders[&Same::Id(&a.attempt_id)].clone();
                    if let Some(seed) = a.seed {
                        held.extend(&holders[&Same::Draw(&a.module_id, seed)]);
                    }
                    // Found once under each of its keys when it is this record's alone.
                    let keys = 1 + usize::from(a.seed.is_some());
                    let twice = held.iter().filter(|&&p| p == person).count() > keys;
                    held.retain(|&p| p != person);
                    held.sort_unstable();
                    held.dedup();
                    (twice || !held.is_empty()).then_some((held, twice))
                };
                if entry.attempts.iter().all(|a| copy(a).is_none()) {
                    return Cow::Borrowed(entry.attempts.as_slice());
                }
                let marked = entry
                    .attempts
                    .iter()
                    .map(|a| {
                        let Some((others, twice)) = copy(a) else {
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
                    })
                    .collect();
                Cow::Owned(marked)
            })
            .collect()
    }
}
