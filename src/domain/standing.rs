//! How a status stands at a glance: the colour of its tag. Module statuses, matrix cells,
//! a person's overall training and audit ratings all map to one of these, so the view has
//! one table of tag styles.

/// Where something stands, as its tag shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Standing {
    /// Done and in date.
    Green,
    /// Under way, partly done, or due soon.
    Amber,
    /// A gap, a failure or expired.
    Red,
    /// Not started or not counted.
    Grey,
    /// Not relevant here (e.g. a module a role does not take): shown without a tag.
    Quiet,
}
