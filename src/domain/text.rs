//! What a piece of text may hold: one rule per kind of field, used at every door. A field
//! cleans what is typed or pasted with [`Rule::clean`] and says so; an imported file is
//! checked strictly ([`Texts::strict`]: refused, naming the field); what the app stored or a
//! backup holds is repaired ([`Texts::repairing`]: cleaned, and each change reported). So a
//! value a field accepted always saves and loads, and text stored before a rule was added
//! loads repaired instead of hiding the whole kind.

use super::envelope::{invalid, ImportError};

/// What one kind of field accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The most characters it holds.
    pub max: usize,
    /// Whether it keeps line breaks and tabs (notes) or is one line (names, ids, titles).
    pub lines: bool,
    /// Whether it must hold something other than spaces.
    pub required: bool,
}

impl Rule {
    /// A person's name, a school's name: one line, not blank.
    pub const NAME: Rule = Rule::line(200).required();
    /// An id the app made (a profile, record, attempt or action id, a module id).
    pub const ID: Rule = Rule::line(100).required();
    /// A version string (content or policy version).
    pub const VERSION: Rule = Rule::line(100);
    /// One line of a form: a role holder, a provider, an owner.
    pub const LINE: Rule = Rule::line(200);
    /// A longer line: a document's title, a decision.
    pub const TITLE: Rule = Rule::line(500);
    /// A few lines: an action, a reason, a check's result.
    pub const SHORT_NOTE: Rule = Rule::lines(2_000);
    /// A note: evidence, a consideration.
    pub const NOTE: Rule = Rule::lines(20_000);

    /// One line of at most `max` characters.
    pub const fn line(max: usize) -> Rule {
        Rule {
            max,
            lines: false,
            required: false,
        }
    }

    /// Text with line breaks, of at most `max` characters.
    pub const fn lines(max: usize) -> Rule {
        Rule {
            max,
            lines: true,
            required: false,
        }
    }

    /// The same rule, and the text may not be blank.
    pub const fn required(self) -> Rule {
        Rule {
            required: true,
            ..self
        }
    }

    /// What the rule keeps of `text`: invisible and direction-changing characters removed,
    /// control characters removed (on one line a tab or line break becomes a space), then cut
    /// to `max` characters. Blank text stays blank: whether that is allowed is `problem`'s.
    pub fn clean(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len().min(self.max * 4));
        let mut count = 0;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if count == self.max {
                break;
            }
            let kept = match c {
                '\r' if chars.peek() == Some(&'\n') => continue,
                '\n' | '\r' | '\u{2028}' | '\u{2029}' => {
                    if self.lines {
                        '\n'
                    } else {
                        ' '
                    }
                }
                '\t' if self.lines => '\t',
                '\t' => ' ',
                c if c.is_control() || is_invisible(c) => continue,
                c => c,
            };
            out.push(kept);
            count += 1;
        }
        out
    }

    /// What a field keeps of what was typed or pasted into it, and what it tells the person
    /// about it: the cleaned text (`None` when the field must not be blank and would be: the
    /// value saved before stays), and a note when anything was taken out.
    pub fn edit(self, typed: &str) -> (Option<String>, Option<&'static str>) {
        let kept = self.clean(typed);
        if self.required && kept.trim().is_empty() {
            return (
                None,
                Some("This cannot be left empty: the last name saved is kept until you type another."),
            );
        }
        let note = (kept != typed).then(|| {
            if typed.chars().count() > self.max {
                "That was longer than this field keeps, so the end was cut off."
            } else {
                "Invisible characters, tabs or line breaks were taken out of what you typed or pasted."
            }
        });
        (Some(kept), note)
    }

    /// What is wrong with `text` under this rule, in words for a member of staff; `None` when
    /// nothing is.
    pub fn problem(self, text: &str) -> Option<String> {
        if self.required && text.trim().is_empty() {
            return Some("it is empty".into());
        }
        let mut count = 0;
        for c in text.chars() {
            count += 1;
            if is_invisible(c) || matches!(c, '\u{2028}' | '\u{2029}') {
                return Some("it contains invisible or direction-changing characters".into());
            }
            if c.is_control() && !(self.lines && matches!(c, '\n' | '\r' | '\t')) {
                return Some("it contains control characters".into());
            }
        }
        (count > self.max).then(|| format!("it is longer than {} characters", self.max))
    }
}

/// Characters that change how text displays without showing themselves: every format
/// character (Unicode's category Cf: zero-width spaces and joiners, direction marks and
/// isolates, the byte order mark, the soft hyphen, tags), and the other default-ignorable code
/// points (fillers, variation selectors, the combining grapheme joiner). A name holding one
/// could read as someone else's.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}' | '\u{0600}'..='\u{0605}' | '\u{06DD}'
        | '\u{070F}' | '\u{0890}' | '\u{0891}' | '\u{08E2}' | '\u{110BD}' | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// One piece of text a repair changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    /// Where it is ("profiles[1].person.name").
    pub field: String,
    /// What was wrong with it ("it contains control characters").
    pub problem: String,
}

/// Checks every piece of text of a value against its rule: strictly (a file being imported)
/// or repairing (what the app stored, a backup), the one walk each kind's `check` makes.
#[derive(Debug, Default)]
pub struct Texts {
    repair: bool,
    /// What a repairing check changed, in order.
    pub repairs: Vec<Repair>,
}

impl Texts {
    /// Refuses the first text that breaks its rule.
    pub fn strict() -> Self {
        Self::default()
    }

    /// Cleans each text that breaks its rule and notes it; refuses only text that cannot be
    /// cleaned into something the rule allows (a required field left blank).
    pub fn repairing() -> Self {
        Self {
            repair: true,
            repairs: Vec::new(),
        }
    }

    /// Whether this check repairs (so a kind can mend what is not text, such as a dangling
    /// reference, the same way).
    pub fn repairs(&self) -> bool {
        self.repair
    }

    /// Checks `text`, at `field`, against `rule`.
    pub fn text(&mut self, field: &str, text: &mut String, rule: Rule) -> Result<(), ImportError> {
        let Some(problem) = rule.problem(text) else {
            return Ok(());
        };
        if !self.repair {
            return Err(invalid(field, problem));
        }
        let cleaned = rule.clean(text);
        if rule.required && cleaned.trim().is_empty() {
            return Err(invalid(field, problem));
        }
        *text = cleaned;
        self.noted(field, problem);
        Ok(())
    }

    /// Notes a repair made other than to text (a reference dropped).
    pub fn noted(&mut self, field: &str, problem: impl Into<String>) {
        self.repairs.push(Repair {
            field: field.to_owned(),
            problem: problem.into(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_keeps_what_the_rule_allows_and_says_why_the_rest_went() {
        let pasted = "Bo\u{200B} Baker\t\u{FEFF}";
        assert_eq!(
            Rule::NAME.problem(pasted).as_deref(),
            Some("it contains invisible or direction-changing characters")
        );
        assert_eq!(Rule::NAME.clean(pasted), "Bo Baker ");
        assert_eq!(Rule::NOTE.clean("a\r\nb\tc\u{2028}d\u{7}"), "a\nb\tc\nd");
        assert_eq!(
            Rule::LINE.clean("Filtering log\t2026"),
            "Filtering log 2026"
        );
        assert_eq!(Rule::line(3).clean("abcdef"), "abc");
        assert_eq!(Rule::NAME.problem("   ").as_deref(), Some("it is empty"));
        assert_eq!(Rule::LINE.problem(""), None);
    }

    #[test]
    fn a_field_keeps_the_clean_text_and_says_what_it_took_out() {
        assert_eq!(Rule::NAME.edit("Ann Able"), (Some("Ann Able".into()), None));
        let (kept, note) = Rule::NAME.edit("Ann\u{200B} Able");
        assert_eq!(kept.as_deref(), Some("Ann Able"));
        assert!(note.unwrap().starts_with("Invisible"));
        let (kept, note) = Rule::line(5).edit("abcdefgh");
        assert_eq!(kept.as_deref(), Some("abcde"));
        assert!(note.unwrap().contains("cut off"));
        let (kept, note) = Rule::NAME.edit(" \u{200B} ");
        assert_eq!(kept, None);
        assert!(note.is_some());
        assert_eq!(Rule::LINE.edit(""), (Some(String::new()), None));
    }

    #[test]
    fn every_character_the_review_named_is_invisible() {
        for c in [
            '\u{2060}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{061C}',
            '\u{180E}',
            '\u{034F}',
            '\u{E0020}',
            '\u{200B}',
            '\u{202E}',
            '\u{2066}',
        ] {
            assert!(is_invisible(c), "U+{:04X}", c as u32);
            assert!(Rule::NAME.problem(&format!("Ann{c}")).is_some());
        }
        assert!(Rule::NAME.problem("Ann\u{2028}Able").is_some());
        for c in ['a', 'é', 'Ж', '中', '😀', ' ', '-', '\''] {
            assert!(!is_invisible(c));
        }
    }

    #[test]
    fn a_strict_check_refuses_and_a_repairing_one_cleans_and_notes() {
        let mut name = "Bo\u{200B} Baker".to_owned();
        let err = Texts::strict()
            .text("person.name", &mut name, Rule::NAME)
            .unwrap_err();
        assert!(err.to_string().contains("person.name"));
        assert_eq!(name, "Bo\u{200B} Baker");

        let mut texts = Texts::repairing();
        texts.text("person.name", &mut name, Rule::NAME).unwrap();
        assert_eq!(name, "Bo Baker");
        assert_eq!(texts.repairs.len(), 1);
        assert_eq!(texts.repairs[0].field, "person.name");

        let mut blank = "\u{200B}".to_owned();
        assert!(Texts::repairing()
            .text("name", &mut blank, Rule::NAME)
            .is_err());
    }
}
