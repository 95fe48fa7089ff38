//! What importing an export would do to the list, shown before anything changes: who is
//! added, who changed (and which fields), who is unchanged, who is on the list but not in
//! the export (offered as leavers, never removed), and the rows that cannot be used. Then
//! applying it, all or nothing.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::columns::{Field, Imported, Incoming, Problem, RowProblem};
use super::{fold_name, Roster, RosterEntry, RosterError};
use crate::domain::rng::{make_id, SeededRng};
use crate::domain::staff::MAX_PEOPLE;
use crate::domain::text::Texts;

/// A person on the list whom the export says something new about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub person_id: String,
    pub incoming: Incoming,
    /// What changes: `FullName` (the name), `Role`, `Email`, `Start`, `End`.
    pub fields: Vec<Field>,
}

/// What an export would do to the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    pub added: Vec<Incoming>,
    pub changed: Vec<Change>,
    /// Ids of people the export matches with nothing new.
    pub unchanged: Vec<String>,
    /// Ids of people on the list from an earlier export, who have not left, and whom this
    /// export leaves out: offered to the DSL as leavers.
    pub leaving: Vec<String>,
    /// Rows that cannot be used, in line order: unreadable, or matching more than one person.
    pub problems: Vec<RowProblem>,
}

/// Compares an export with the list. A row is the person with the same work email;
/// otherwise the one person with the same name (compared by [`fold_name`]) and role, or
/// failing that the one person with the same name and another role (their role changed).
/// Someone whose email is elsewhere in the export is never matched by name (two people of
/// one name); someone whose email is no longer in it can be (their email changed). A row
/// that could be several people is a problem, not a guess. A blank cell never erases what
/// the list holds.
#[inline(never)]
pub fn preview(list: &Roster, imported: &Imported) -> Preview {
    let mut by_email: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, p) in list.people.iter().enumerate() {
        if let Some(e) = &p.email {
            by_email.insert(e.to_lowercase(), i);
        }
        by_name.entry(fold_name(&p.name)).or_default().push(i);
    }
    let mut out = Preview {
        problems: imported.problems.clone(),
        ..Preview::default()
    };
    // Emails in the export: a person on the list whose email is among them is that row's.
    let mut exported: BTreeSet<String> = BTreeSet::new();
    // Inserted one by one: collecting into a B-tree sorts first, a sort the wasm would
    // carry once for every key type.
    exported.extend(
        imported
            .people
            .iter()
            .filter_map(|p| p.email.as_ref().map(|e| e.to_lowercase())),
    );
    // Which line claimed each person on the list, and each new person's keys.
    let mut claimed: BTreeMap<usize, usize> = BTreeMap::new();
    // A new person's key: "@" and their email, else their role's id, ":" and their name (no
    // role's id starts with "@" or holds ":", so two keys never meet).
    let mut new_keys: BTreeMap<String, usize> = BTreeMap::new();
    for row in &imported.people {
        let email = row.email.as_ref().map(|e| e.to_lowercase());
        let name = row.folded();
        // Matched by name only when the emails cannot say: one side has none, or the list's
        // is nowhere in the export (it changed).
        let fits = |i: &&usize| {
            let held = list.people[**i].email.as_ref().map(|e| e.to_lowercase());
            email.is_none() || held.is_none_or(|h| !exported.contains(&h))
        };
        let same_name: Vec<usize> = by_name
            .get(&name)
            .into_iter()
            .flatten()
            .filter(fits)
            .copied()
            .collect();
        let same_role: Vec<usize> = same_name
            .iter()
            .copied()
            .filter(|&i| list.people[i].role == row.role)
            .collect();
        let found = match email.as_ref().and_then(|e| by_email.get(e)) {
            Some(&i) => Ok(Some(i)),
            None => match (same_role.as_slice(), same_name.as_slice()) {
                ([i], _) | ([], [i]) => Ok(Some(*i)),
                ([], []) => Ok(None),
                ([], many) | (many, _) => Err(Problem::Ambiguous(
                    many.iter().map(|&i| describe(&list.people[i])).collect(),
                )),
            },
        };
        let problem = |problem| RowProblem {
            line: row.line,
            problem,
        };
        match found {
            Err(p) => out.problems.push(problem(p)),
            Ok(Some(i)) => {
                if let Some(&line) = claimed.get(&i) {
                    out.problems.push(problem(Problem::SamePersonAs(line)));
                    continue;
                }
                claimed.insert(i, row.line);
                let held = &list.people[i];
                let fields = changes(held, row);
                if fields.is_empty() {
                    out.unchanged.push(held.id.clone());
                } else {
                    out.changed.push(Change {
                        person_id: held.id.clone(),
                        incoming: row.clone(),
                        fields,
                    });
                }
            }
            Ok(None) => {
                // The same new person twice: by email, else by name and role.
                let key = match email {
                    Some(e) => format!("@{e}"),
                    None => format!("{}:{name}", row.role.id()),
                };
                if let Some(&line) = new_keys.get(&key) {
                    out.problems.push(problem(Problem::SamePersonAs(line)));
                    continue;
                }
                new_keys.insert(key, row.line);
                out.added.push(row.clone());
            }
        }
    }
    out.leaving = list
        .people
        .iter()
        .enumerate()
        .filter(|(i, p)| !claimed.contains_key(i) && !p.by_hand && p.leaving_date.is_none())
        .map(|(_, p)| p.id.clone())
        .collect();
    // In line order, rows of one line kept as they came: an insertion sort, stable as
    // `sort_by_key` is, without a sort's code in the wasm for this one type. Both runs (the
    // read's problems, then these) are nearly in order already, so it moves little.
    let problems = &mut out.problems;
    for i in 1..problems.len() {
        let mut j = i;
        while j > 0 && problems[j - 1].line > problems[j].line {
            problems.swap(j - 1, j);
            j -= 1;
        }
    }
    out
}

/// "Ann Able (Teaching staff, ann@school.uk)", to tell two people apart.
fn describe(p: &RosterEntry) -> String {
    match &p.email {
        Some(e) => format!("{} ({}, {e})", p.name, p.role.label()),
        None => format!("{} ({})", p.name, p.role.label()),
    }
}

/// The fields an export row changes for a person on the list (a blank one changes nothing).
fn changes(held: &RosterEntry, row: &Incoming) -> Vec<Field> {
    let differs = |a: Option<&str>, b: Option<&str>| {
        b.is_some_and(|b| a.is_none_or(|a| !a.eq_ignore_ascii_case(b)))
    };
    let mut fields = Vec::new();
    if held.name != row.name {
        fields.push(Field::FullName);
    }
    if held.role != row.role {
        fields.push(Field::Role);
    }
    if differs(held.email.as_deref(), row.email.as_deref()) {
        fields.push(Field::Email);
    }
    if row.start_date.is_some() && row.start_date != held.start_date {
        fields.push(Field::Start);
    }
    if row.leaving_date.is_some() && row.leaving_date != held.leaving_date {
        fields.push(Field::End);
    }
    fields
}

impl Roster {
    /// The list after an import: changed people updated (their id, record link, exclusion
    /// and formal training kept), new people added with new ids (from `seed`), and the
    /// leavers the DSL chose given their leaving dates. Anyone matched is now kept by the
    /// export. Refused, leaving the list as it was, when the result would break its rules.
    #[inline(never)]
    pub fn apply(
        &self,
        preview: &Preview,
        leavers: &[(String, NaiveDate)],
        seed: u64,
    ) -> Result<Roster, RosterError> {
        if self.people.len() + preview.added.len() > MAX_PEOPLE {
            return Err(RosterError::Full);
        }
        let mut next = self.clone();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        index.extend(
            next.people
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.clone(), i)),
        );
        let at = |id: &str| index.get(id).copied().ok_or(RosterError::NotFound);
        for id in &preview.unchanged {
            next.people[at(id)?].by_hand = false;
        }
        for change in &preview.changed {
            let p = &mut next.people[at(&change.person_id)?];
            let row = &change.incoming;
            p.name.clone_from(&row.name);
            p.role = row.role;
            p.email = row.email.clone().or(p.email.take());
            p.start_date = row.start_date.or(p.start_date);
            p.leaving_date = row.leaving_date.or(p.leaving_date);
            p.by_hand = false;
        }
        for (id, on) in leavers {
            next.people[at(id)?].leaving_date = Some(*on);
        }
        let mut ids: BTreeSet<String> = BTreeSet::new();
        ids.extend(next.people.iter().map(|p| p.id.clone()));
        let mut rng = SeededRng::new(seed);
        for row in &preview.added {
            let id = loop {
                let id = make_id("p", rng.next_u64());
                if ids.insert(id.clone()) {
                    break id;
                }
            };
            next.people.push(RosterEntry {
                email: row.email.clone(),
                start_date: row.start_date,
                leaving_date: row.leaving_date,
                by_hand: false,
                ..RosterEntry::new(id, row.name.clone(), row.role)
            });
        }
        next.check(&mut Texts::repairing())?;
        Ok(next)
    }
}
