//! Coverage figures for governors: how many staff are trained, overall and by role, and how
//! many have declared they read the current policy.

use super::{Overall, Row};
use crate::domain::content::Role;
use crate::domain::training::Declared;

/// Coverage figures for governors.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Coverage {
    pub people: usize,
    pub trained: usize,
    /// Of the trained, those whose every counted pass was taken in a supervised session.
    pub supervised: usize,
    /// Trained, including those due within 30 days.
    pub percent: usize,
    pub due_soon: usize,
    pub overdue: usize,
    /// (role, people, trained, percent) for each role present.
    pub by_role: Vec<(Role, usize, usize, usize)>,
    /// Those who have declared they read the policy the course now names.
    pub declared: usize,
}

/// The declaration figure as the governors' report gives it.
pub fn declared_sentence(declared: usize, people: usize) -> String {
    format!(
        "{declared} of {people} {} declared they have read the current policy.",
        if declared == 1 { "has" } else { "have" }
    )
}

pub(super) fn percent(part: usize, whole: usize) -> usize {
    (part * 100).checked_div(whole).unwrap_or(0)
}

/// Fully trained counts everyone whose training is valid now (due soon included).
pub fn coverage(rows: &[Row]) -> Coverage {
    let trained = |r: &Row| matches!(r.overall, Overall::Trained | Overall::DueSoon);
    let by_role = Role::ALL
        .into_iter()
        .filter_map(|role| {
            let of_role: Vec<&Row> = rows.iter().filter(|r| r.role == role).collect();
            let n = of_role.len();
            let t = of_role.iter().filter(|r| trained(r)).count();
            (n > 0).then(|| (role, n, t, percent(t, n)))
        })
        .collect();
    let t = rows.iter().filter(|r| trained(r)).count();
    Coverage {
        people: rows.len(),
        trained: t,
        supervised: rows.iter().filter(|r| r.trained_in_session()).count(),
        percent: percent(t, rows.len()),
        due_soon: rows
            .iter()
            .filter(|r| r.overall == Overall::DueSoon)
            .count(),
        overdue: rows
            .iter()
            .filter(|r| r.overall == Overall::Overdue)
            .count(),
        by_role,
        declared: rows
            .iter()
            .filter(|r| matches!(r.declared, Declared::Current { .. }))
            .count(),
    }
}
