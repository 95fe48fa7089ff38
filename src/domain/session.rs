//! Training sessions: stronger evidence than a file alone. The DSL opens a session (an INSET
//! afternoon, say) and reads out its short code; staff who take a quiz in the room type it,
//! and their attempt carries a tag made from the code, its record, its own id, its module and
//! the moment it started, the way its draw's seed is made (`quiz::bound_seed`). The code
//! itself never travels in a file.
//!
//! When the DSL imports the records, an attempt whose tag is one of the DSL's own sessions'
//! codes, started and submitted inside that session's window, was taken in the session. It
//! counts as supervised only for a person on the session's register: a code passed to someone
//! who was not in the room gives them no more than a self-reported pass. Another DSL's app
//! holds other codes, and a code outside its window matches nothing.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::dates::{self, long, long_time};
use super::envelope::{invalid, ImportError};
use super::quiz::mix;
use super::staff::roster::{fold_name, Roster};
use super::text::{Rule, Texts};
use super::verify::Outcome as Checked;

/// The characters of a code: no 0/O or 1/I/L to misread. 31 of them, a prime, so the
/// check letter catches any one wrong character and any two swapped.
const ALPHABET: &[u8; 31] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// The characters of a code, the last a check on the others.
const LENGTH: usize = 8;
/// The longest a session lasts: a school day.
pub const MAX_HOURS: i64 = 12;
/// The most sessions the DSL keeps (years of them).
pub const MAX_SESSIONS: usize = 500;
/// The most names on one register (a whole trust's INSET day).
pub const MAX_REGISTER: usize = 2_000;

/// The value of each letter of a code, or `None` for a character codes never hold.
fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|v| v as u32)
}

/// The check letter of a code's first seven: a sum with odd weights, so any one mistyped
/// letter changes it.
fn check_letter(letters: &[u8]) -> u8 {
    let sum: u32 = letters
        .iter()
        .enumerate()
        .map(|(i, &c)| (2 * i as u32 + 1) * value(c).unwrap_or(0))
        .sum();
    ALPHABET[(sum % 31) as usize]
}

/// A new code from 64 random bits (the edge's `crypto.getRandomValues`): seven letters
/// (34 bits) and the check letter.
pub fn new_code(mut random: u64) -> String {
    let mut letters: Vec<u8> = (0..LENGTH - 1)
        .map(|_| {
            let c = ALPHABET[(random % 31) as usize];
            random /= 31;
            c
        })
        .collect();
    letters.push(check_letter(&letters));
    String::from_utf8(letters).unwrap_or_default()
}

/// A code as it is read out and printed: "K7MQ-2XPA".
pub fn show_code(code: &str) -> String {
    let (a, b) = code.split_at(code.len().min(4));
    format!("{a}-{b}")
}

/// A typed code, read as the app stores it (capitals, no spaces or hyphen): `None` when it
/// is not a code, or a character is wrong.
pub fn read_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let b = code.as_bytes();
    (b.len() == LENGTH
        && b.iter().all(|&c| value(c).is_some())
        && check_letter(&b[..LENGTH - 1]) == b[LENGTH - 1])
        .then_some(code)
}

/// The tag an attempt carries when taken with `code`: the code mixed with the attempt's
/// record, id, module and start, as its seed is, so the tag cannot be moved to another
/// person, attempt or time (`tests/e2e/records.ts` has the same in TypeScript).
pub fn tag(
    code: &str,
    record_id: &str,
    attempt_id: &str,
    module_id: &str,
    started_at: NaiveDateTime,
) -> u64 {
    let millis = started_at.and_utc().timestamp_millis();
    mix(&[
        code.as_bytes(),
        record_id.as_bytes(),
        attempt_id.as_bytes(),
        module_id.as_bytes(),
        &millis.to_le_bytes(),
    ])
}

/// One supervised session the DSL held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Its code, as [`read_code`] reads it.
    pub code: String,
    /// What it was: "INSET afternoon".
    pub title: String,
    #[serde(with = "dates::text")]
    pub opens: NaiveDateTime,
    #[serde(with = "dates::text")]
    pub closes: NaiveDateTime,
    /// Who the DSL saw there, by name (from the staff list or typed).
    #[serde(default)]
    pub register: Vec<String>,
}

impl Session {
    /// What a session's title holds.
    pub const TITLE: Rule = Rule::line(200).required();

    /// A session opened now, with a new code; its window must be possible.
    pub fn open(
        random: u64,
        title: String,
        opens: NaiveDateTime,
        closes: NaiveDateTime,
    ) -> Result<Session, String> {
        let mut session = Session {
            code: new_code(random),
            title,
            opens,
            closes,
            register: Vec::new(),
        };
        session
            .check(&mut Texts::strict(), "")
            .map_err(|e| e.to_string())?;
        Ok(session)
    }

    /// The rules a session keeps, however it arrives.
    pub fn check(&mut self, texts: &mut Texts, at: &str) -> Result<(), ImportError> {
        if read_code(&self.code).as_deref() != Some(self.code.as_str()) {
            return Err(invalid(format!("{at}code"), "it is not a session code"));
        }
        texts.text(&format!("{at}title"), &mut self.title, Self::TITLE)?;
        let hours = (self.closes - self.opens).num_minutes();
        if hours <= 0 || hours > MAX_HOURS * 60 {
            return Err(invalid(
                format!("{at}closes"),
                "a session ends after it starts, within 12 hours",
            ));
        }
        if self.register.len() > MAX_REGISTER {
            return Err(invalid(
                format!("{at}register"),
                "it holds more than 2,000 names",
            ));
        }
        for (i, name) in self.register.iter_mut().enumerate() {
            texts.text(&format!("{at}register[{i}]"), name, Rule::NAME)?;
        }
        Ok(())
    }

    /// Whether the attempt of `record_id` was taken with this session's code, inside its
    /// window.
    pub fn holds(&self, record_id: &str, attempt: &Checked) -> bool {
        let inside = |t: NaiveDateTime| self.opens <= t && t <= self.closes;
        attempt.session.is_some_and(|t| {
            inside(attempt.started_at)
                && inside(attempt.submitted_at)
                && t == tag(
                    &self.code,
                    record_id,
                    &attempt.attempt_id,
                    &attempt.module_id,
                    attempt.started_at,
                )
        })
    }

    /// Whether `name` is on the register (ignoring case, spacing and accents).
    pub fn attended(&self, name: &str) -> bool {
        let name = fold_name(name);
        self.register.iter().any(|n| fold_name(n) == name)
    }

    /// Adds or takes `name` off the register.
    pub fn mark(&mut self, name: &str, present: bool) {
        let folded = fold_name(name);
        self.register.retain(|n| fold_name(n) != folded);
        if present {
            self.register.push(name.to_owned());
            self.register.sort_by_cached_key(|n| fold_name(n));
        }
    }

    /// "3 September 2026 at 13:30 to 16:00".
    pub fn when(&self) -> String {
        let end = long_time(self.closes);
        let end = if self.closes.date() == self.opens.date() {
            end.rsplit(' ').next().unwrap_or_default().to_owned()
        } else {
            end
        };
        format!("{} to {end}", long_time(self.opens))
    }

    /// "the session of 3 September 2026".
    pub fn name(&self) -> String {
        format!("the session of {}", long(self.opens.date()))
    }
}

/// The session an attempt was taken in, if any of `sessions`, and whether `name` was on
/// its register (only then is it supervised).
pub fn taken_in<'a>(
    sessions: &'a [Session],
    record_id: &str,
    name: &str,
    attempt: &Checked,
) -> Option<(&'a Session, bool)> {
    attempt.session?;
    let session = sessions.iter().find(|s| s.holds(record_id, attempt))?;
    Some((session, session.attended(name)))
}

/// The rules a list of sessions keeps: each session's, no more than [`MAX_SESSIONS`], each
/// code once.
pub fn check_all(
    sessions: &mut [Session],
    texts: &mut Texts,
    field: &str,
) -> Result<(), ImportError> {
    if sessions.len() > MAX_SESSIONS {
        return Err(invalid(field, "there are more than 500 sessions"));
    }
    for i in 0..sessions.len() {
        let at = format!("{field}[{i}].");
        sessions[i].check(texts, &at)?;
        if sessions[..i].iter().any(|s| s.code == sessions[i].code) {
            return Err(invalid(format!("{at}code"), "it appears twice"));
        }
    }
    Ok(())
}

/// A session's start or end from a date input and a time input ("2026-09-03", "13:30").
pub fn at(day: &str, time: &str) -> Option<NaiveDateTime> {
    dates::parse_moment(&format!("{day}T{time}:00"))
}

impl Roster {
    /// Keeps a session the DSL opened, newest first.
    pub fn open_session(&mut self, session: Session) -> Result<(), String> {
        if self.sessions.len() >= MAX_SESSIONS {
            return Err("There are 500 sessions already: remove old ones first.".into());
        }
        self.sessions.insert(0, session);
        Ok(())
    }

    /// Marks `name` present at (or absent from) the session with `code`.
    pub fn mark(&mut self, code: &str, name: &str, present: bool) -> Result<(), String> {
        let name = Rule::NAME.clean(name);
        if let Some(problem) = Rule::NAME.problem(&name) {
            return Err(format!("The name: {problem}."));
        }
        let session = (self.sessions.iter_mut())
            .find(|s| s.code == code)
            .ok_or("That session is no longer kept.")?;
        if present && session.register.len() >= MAX_REGISTER {
            return Err("The register holds 2,000 names already.".into());
        }
        session.mark(&name, present);
        Ok(())
    }

    /// Removes the session with `code` (attempts taken in it then count as self-reported).
    pub fn remove_session(&mut self, code: &str) {
        self.sessions.retain(|s| s.code != code);
    }
}
