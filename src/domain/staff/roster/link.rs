//! Training records matched to people on the list: by the record id a person is linked to
//! (or was handed in advance), else, for a record nobody is linked to, by name and role.
//! More than one possible person is reported for the DSL to choose, never guessed.

use std::collections::{BTreeMap, BTreeSet};

use super::{fold_name, Roster, RosterEntry, RosterError};
use crate::domain::staff::{StaffEntry, StaffRecords};

/// A record nobody on the list is linked to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    pub record_id: String,
    /// Ids of people it could be: several with its name and role (the DSL chooses), or, when
    /// none has its role, those with its name alone. Empty: "not on the staff list".
    pub could_be: Vec<String>,
}

/// Which record belongs to whom.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Linking {
    /// (person id, record id) for every person with a record, linked before or now.
    pub linked: Vec<(String, String)>,
    /// (person id, record id) found by name and role in this call: the links to remember
    /// ([`Roster::remember`]), so the next match is by id.
    pub new: Vec<(String, String)>,
    /// Records no one is linked to, in the records' order.
    pub unmatched: Vec<Unmatched>,
}

impl Linking {
    /// The record id linked to a person, if any.
    pub fn record_of(&self, person_id: &str) -> Option<&str> {
        self.linked
            .iter()
            .find(|(p, _)| p == person_id)
            .map(|(_, r)| r.as_str())
    }
}

/// Links records to people. A person's own record id wins; a record nobody holds is matched
/// to the one person not yet linked with its name (compared by [`fold_name`]) and role. Two
/// records that could both be one person, or one that could be several people, are
/// unmatched with the people they could be.
#[inline(never)]
pub fn link(list: &Roster, records: &StaffRecords) -> Linking {
    let mut held: BTreeSet<&str> = BTreeSet::new();
    // Inserted one by one: collecting into a B-tree sorts first, a sort the wasm would
    // carry once for every key type.
    held.extend(records.people.iter().map(|r| r.record_id.as_str()));
    let mut out = Linking::default();
    for p in &list.people {
        if let Some(r) = p.record_id.as_deref().filter(|r| held.contains(r)) {
            out.linked.push((p.id.clone(), r.to_owned()));
        }
    }
    let mut taken: BTreeSet<&str> = BTreeSet::new();
    taken.extend(list.people.iter().filter_map(|p| p.record_id.as_deref()));
    // People free to match by name, by folded name: no record id yet, or one handed out in
    // advance that no record uses (they made their profile without it).
    let mut free: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, p) in list.people.iter().enumerate() {
        if p.record_id.as_deref().is_none_or(|r| !held.contains(r)) {
            free.entry(fold_name(&p.name)).or_default().push(i);
        }
    }
    let candidates: Vec<(usize, Vec<usize>)> = records
        .people
        .iter()
        .enumerate()
        .filter(|(_, r)| !taken.contains(r.record_id.as_str()))
        .map(|(j, r)| {
            let named = free
                .get(&fold_name(&r.person.name))
                .cloned()
                .unwrap_or_default();
            let same_role: Vec<usize> = named
                .iter()
                .copied()
                .filter(|&i| list.people[i].role == r.person.role)
                .collect();
            (
                j,
                if same_role.is_empty() {
                    named
                } else {
                    same_role
                },
            )
        })
        .collect();
    // How many records each person could be: one person, two records is a question too.
    let mut wanted: BTreeMap<usize, usize> = BTreeMap::new();
    for (j, people) in &candidates {
        if let [i] = people.as_slice() {
            if list.people[*i].role == records.people[*j].person.role {
                *wanted.entry(*i).or_default() += 1;
            }
        }
    }
    for (j, people) in candidates {
        let record_id = records.people[j].record_id.clone();
        match people.as_slice() {
            [i] if wanted.get(i) == Some(&1) => {
                let person_id = list.people[*i].id.clone();
                out.linked.push((person_id.clone(), record_id.clone()));
                out.new.push((person_id, record_id));
            }
            _ => out.unmatched.push(Unmatched {
                record_id,
                could_be: people.iter().map(|&i| list.people[i].id.clone()).collect(),
            }),
        }
    }
    out
}

impl Roster {
    /// Remembers links: each person's record id set, so the next match is exact. A link
    /// to a person no longer on the list, or a person already linked elsewhere, is skipped.
    /// `links` are [`Linking::new`]: a person with an id handed out in advance is in them
    /// only when no record uses it, and then the record they did send takes its place.
    pub fn remember(&mut self, links: &[(String, String)]) {
        for (person_id, record_id) in links {
            let linked_elsewhere = self
                .people
                .iter()
                .any(|p| p.record_id.as_ref() == Some(record_id));
            if linked_elsewhere {
                continue;
            }
            if let Some(p) = self.people.iter_mut().find(|p| &p.id == person_id) {
                p.record_id = Some(record_id.clone());
            }
        }
    }
}

/// What a member of staff does with the record id handed to them in advance.
pub const HANDED_OUT: &str = "Open the training page on the device you will train on, choose Create your profile, and enter this record id in \u{201c}Record id from your DSL\u{201d}. Your training record then matches you on the staff list exactly.";

/// One person's record id handed out in advance, for the sheet or the email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandOut {
    pub name: String,
    pub role: String,
    pub record_id: String,
}

impl Roster {
    /// Gives everyone on the list who is still at the school and has no record yet a record
    /// id of their own (from `seed`), for the DSL to hand out before they start. Returns
    /// how many were given one.
    pub fn hand_out_ids(&mut self, today: chrono::NaiveDate, seed: u64) -> usize {
        let mut rng = crate::domain::rng::SeededRng::new(seed);
        let mut given = 0;
        for p in &mut self.people {
            if p.record_id.is_none() && !p.has_left(today) {
                p.record_id = Some(crate::domain::rng::make_id("r", rng.next_u64()));
                given += 1;
            }
        }
        given
    }

    /// Everyone with a record id whose record has not arrived (`linking` is [`link`]'s),
    /// still at the school: the sheet of ids to hand out, in the list's order.
    pub fn handed_out(&self, linking: &Linking, today: chrono::NaiveDate) -> Vec<HandOut> {
        self.people
            .iter()
            .filter(|p| !p.has_left(today) && linking.record_of(&p.id).is_none())
            .filter_map(|p| {
                Some(HandOut {
                    name: p.name.clone(),
                    role: p.role.label().to_owned(),
                    record_id: p.record_id.clone()?,
                })
            })
            .collect()
    }
}

/// The ids handed out as lines to paste into an email, one person a line, then what to do.
pub fn hand_out_text(people: &[HandOut]) -> String {
    let mut out = String::new();
    for p in people {
        out.push_str(&format!("{} ({}): {}\n", p.name, p.role, p.record_id));
    }
    out.push('\n');
    out.push_str(HANDED_OUT);
    out.push('\n');
    out
}

/// What the DSL does with a record nobody on the list matches ("not on the staff list").
impl Roster {
    /// Links the record to the person on the list the DSL chose (a new surname, a role the
    /// export words differently, or one of several with the same name). Refused when
    /// someone else on the list is linked to it.
    pub fn link_record(&mut self, person_id: &str, record_id: &str) -> Result<(), RosterError> {
        let mut person = self.person(person_id).ok_or(RosterError::NotFound)?.clone();
        person.record_id = Some(record_id.to_owned());
        self.edit(person)
    }

    /// Adds the person the record names (a volunteer or a new starter the MIS export left
    /// out), linked to it, with `id` as their id on the list. Added by hand: a later export
    /// that leaves them out does not offer them as a leaver.
    pub fn add_from_record(&mut self, id: String, record: &StaffEntry) -> Result<(), RosterError> {
        let mut person = RosterEntry::new(id, record.person.name.clone(), record.person.role);
        person.record_id = Some(record.record_id.clone());
        person.start_date = Some(record.person.start_date);
        self.add(person)
    }
}
