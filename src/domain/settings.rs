//! The school's own facts (names, roles, platforms, providers, review dates). Content prose
//! never names a person or a platform: it says `{dsl}` or `{platforms}` and the text is
//! filled from these settings when it is shown, so any school can make the app its own.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::text::{Rule, Texts};

/// Editable school settings. Defaults come from the West Kirby Primary School policy. A
/// setting missing from stored data takes its default (see `Deserialize` below).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SchoolSettings {
    pub school_name: String,
    /// Short name used in the policy ("WKPS").
    pub school_short_name: String,
    pub headteacher: String,
    /// Designated Safeguarding Lead.
    pub dsl: String,
    pub deputy_dsls: Vec<String>,
    pub computing_lead: String,
    pub chair_of_governors: String,
    /// Where safeguarding concerns and incidents are recorded (e.g. CPOMS).
    pub incident_system: String,
    pub filtering_provider: String,
    pub monitoring_provider: String,
    pub it_provider: String,
    /// Social media and blogging platforms approved for pupils in school.
    pub approved_platforms: Vec<String>,
    /// Accounts the school itself runs.
    pub school_accounts: Vec<String>,
    /// Accounts the PTA runs.
    pub pta_accounts: Vec<String>,
    /// When the Social Media Policy is next due for review.
    #[serde(serialize_with = "crate::domain::dates::text::serialize")]
    pub policy_review_due: NaiveDate,
    /// When the parents' Code of Conduct is next due for review.
    #[serde(serialize_with = "crate::domain::dates::text::serialize")]
    pub code_review_due: NaiveDate,
}

impl Default for SchoolSettings {
    fn default() -> Self {
        let names = |xs: &[&str]| xs.iter().map(|s| (*s).to_owned()).collect();
        Self {
            school_name: "West Kirby Primary School".into(),
            school_short_name: "WKPS".into(),
            headteacher: "Mrs E Bailey".into(),
            dsl: "Mrs E Bailey".into(),
            deputy_dsls: names(&["Mrs T McCann", "Mr M Procter", "Mrs H Catt"]),
            computing_lead: "Mrs T McCann".into(),
            chair_of_governors: "Louise Wood".into(),
            incident_system: "CPOMS".into(),
            filtering_provider: String::new(),
            monitoring_provider: String::new(),
            it_provider: String::new(),
            approved_platforms: names(&["Purple Mash", "Primary Blogger", "X (Twitter)"]),
            school_accounts: names(&["X (Twitter)"]),
            pta_accounts: names(&["PTA Facebook"]),
            // "Autumn 2024" and "Autumn 2025": the end of that autumn term at the latest.
            policy_review_due: NaiveDate::from_ymd_opt(2024, 12, 31).expect("valid date"),
            code_review_due: NaiveDate::from_ymd_opt(2025, 12, 31).expect("valid date"),
        }
    }
}

/// Read by hand rather than derived: every page needs the settings, and the derived reader
/// (with a default for every field, and a second path for arrays) was the largest function
/// in the staff's wasm. Same rules: a missing field takes its default, an unknown one is
/// skipped, a field given twice is refused.
impl<'de> Deserialize<'de> for SchoolSettings {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(SettingsVisitor)
    }
}

struct SettingsVisitor;

impl<'de> serde::de::Visitor<'de> for SettingsVisitor {
    type Value = SchoolSettings;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("school settings")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        use crate::domain::dates;
        let mut s = SchoolSettings::default();
        let mut seen = 0u32;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let Some(i) = FIELDS.iter().position(|f| *f == key) else {
                map.next_value::<serde::de::IgnoredAny>()?;
                continue;
            };
            if seen & (1 << i) != 0 {
                return Err(serde::de::Error::duplicate_field(FIELDS[i]));
            }
            seen |= 1 << i;
            let day = |text: String| {
                use dates::Stored;
                NaiveDate::read(&text).ok_or_else(|| serde::de::Error::custom(NaiveDate::EXPECTED))
            };
            match i {
                0 => s.school_name = map.next_value()?,
                1 => s.school_short_name = map.next_value()?,
                2 => s.headteacher = map.next_value()?,
                3 => s.dsl = map.next_value()?,
                4 => s.deputy_dsls = map.next_value()?,
                5 => s.computing_lead = map.next_value()?,
                6 => s.chair_of_governors = map.next_value()?,
                7 => s.incident_system = map.next_value()?,
                8 => s.filtering_provider = map.next_value()?,
                9 => s.monitoring_provider = map.next_value()?,
                10 => s.it_provider = map.next_value()?,
                11 => s.approved_platforms = map.next_value()?,
                12 => s.school_accounts = map.next_value()?,
                13 => s.pta_accounts = map.next_value()?,
                14 => s.policy_review_due = day(map.next_value()?)?,
                _ => s.code_review_due = day(map.next_value()?)?,
            }
        }
        Ok(s)
    }
}

/// The settings' field names, in the order `SettingsVisitor` numbers them.
const FIELDS: [&str; 16] = [
    "school_name",
    "school_short_name",
    "headteacher",
    "dsl",
    "deputy_dsls",
    "computing_lead",
    "chair_of_governors",
    "incident_system",
    "filtering_provider",
    "monitoring_provider",
    "it_provider",
    "approved_platforms",
    "school_accounts",
    "pta_accounts",
    "policy_review_due",
    "code_review_due",
];

impl super::envelope::Versioned for SchoolSettings {
    const KIND: super::envelope::Kind = super::envelope::Kind::Settings;
    const SCHEMA_VERSION: u32 = 1;

    fn check(&mut self, texts: &mut Texts) -> Result<(), super::envelope::ImportError> {
        use super::envelope::invalid;
        if texts.repairs() && self.school_name.trim().is_empty() {
            // An emptied name loads as the school's name the app was built with.
            self.school_name = SchoolSettings::default().school_name;
            texts.noted("school_name", "it was empty");
        }
        texts.text("school_name", &mut self.school_name, Rule::NAME)?;
        let texts_of = [
            ("school_short_name", &mut self.school_short_name),
            ("headteacher", &mut self.headteacher),
            ("dsl", &mut self.dsl),
            ("computing_lead", &mut self.computing_lead),
            ("chair_of_governors", &mut self.chair_of_governors),
            ("incident_system", &mut self.incident_system),
            ("filtering_provider", &mut self.filtering_provider),
            ("monitoring_provider", &mut self.monitoring_provider),
            ("it_provider", &mut self.it_provider),
        ];
        for (field, text) in texts_of {
            texts.text(field, text, Rule::LINE)?;
        }
        let lists = [
            ("deputy_dsls", &mut self.deputy_dsls),
            ("approved_platforms", &mut self.approved_platforms),
            ("school_accounts", &mut self.school_accounts),
            ("pta_accounts", &mut self.pta_accounts),
        ];
        for (field, list) in lists {
            if list.len() > SchoolSettings::MAX_LIST {
                return Err(invalid(field, "it has more than 50 entries"));
            }
            for (i, text) in list.iter_mut().enumerate() {
                texts.text(&format!("{field}[{i}]"), text, Rule::LINE)?;
            }
        }
        Ok(())
    }
}

/// The placeholders content may use, each with what it stands for.
pub const PLACEHOLDERS: &[(&str, &str)] = &[
    ("school", "school name"),
    ("school_short", "school short name"),
    ("headteacher", "headteacher"),
    ("dsl", "Designated Safeguarding Lead"),
    ("deputies", "deputy DSLs"),
    ("computing_lead", "computing lead"),
    ("chair", "chair of governors"),
    ("incident_system", "incident recording system"),
    ("filtering_provider", "filtering provider"),
    ("monitoring_provider", "monitoring provider"),
    ("it_provider", "IT service provider"),
    ("platforms", "approved platforms"),
    ("school_accounts", "school social media accounts"),
    ("pta_accounts", "PTA social media accounts"),
];

/// Joins names as prose: "A", "A and B", "A, B and C".
pub fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

impl SchoolSettings {
    /// The most entries a list setting (deputies, platforms, accounts) holds.
    pub const MAX_LIST: usize = 50;

    /// The policy documents whose review date (from these settings) has passed by `today`,
    /// each as a sentence for staff.
    pub fn overdue_reviews(&self, today: NaiveDate) -> Vec<String> {
        [
            ("The Social Media Policy", self.policy_review_due),
            (
                "The parents' Social Media Code of Conduct",
                self.code_review_due,
            ),
        ]
        .into_iter()
        .filter(|(_, due)| *due < today)
        .map(|(what, due)| {
            format!(
                "{what} was due for review by {} and is overdue.",
                super::dates::long(due)
            )
        })
        .collect()
    }

    /// The text a placeholder stands for, or `None` for an unknown key. An empty setting reads
    /// as a neutral phrase so prose still makes sense before the DSL fills it in.
    pub fn placeholder(&self, key: &str) -> Option<String> {
        let or = |value: &str, fallback: &str| {
            if value.trim().is_empty() {
                fallback.to_owned()
            } else {
                value.to_owned()
            }
        };
        let list = |values: &[String], fallback: &str| or(&join_names(values), fallback);
        Some(match key {
            "school" => or(&self.school_name, "the school"),
            "school_short" => or(&self.school_short_name, "the school"),
            "headteacher" => or(&self.headteacher, "the Headteacher"),
            "dsl" => or(&self.dsl, "the DSL"),
            "deputies" => list(&self.deputy_dsls, "the deputy DSLs"),
            "computing_lead" => or(&self.computing_lead, "the Computing Lead"),
            "chair" => or(&self.chair_of_governors, "the Chair of Governors"),
            "incident_system" => or(
                &self.incident_system,
                "the school's safeguarding record system",
            ),
            "filtering_provider" => or(&self.filtering_provider, "the school's filtering provider"),
            "monitoring_provider" => or(
                &self.monitoring_provider,
                "the school's monitoring provider",
            ),
            "it_provider" => or(&self.it_provider, "the school's IT service provider"),
            "platforms" => list(&self.approved_platforms, "the approved platforms"),
            "school_accounts" => list(&self.school_accounts, "the school's accounts"),
            "pta_accounts" => list(&self.pta_accounts, "the PTA's accounts"),
            _ => return None,
        })
    }

    /// Fills every `{key}` in `text`. Unknown keys are left as written (content validation
    /// rejects them, so this only matters for user text, which is never templated).
    pub fn fill(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 32);
        let mut rest = text;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            match after
                .find('}')
                .and_then(|end| Some((end, self.placeholder(&after[..end])?)))
            {
                Some((end, value)) => {
                    out.push_str(&value);
                    rest = &after[end + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// The `{key}` names used in `text`, for validation.
pub fn placeholders_in(text: &str) -> Vec<&str> {
    let mut keys = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                keys.push(&after[..end]);
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_read_back_as_written_and_fill_what_is_missing() {
        let mut s = SchoolSettings {
            school_name: "Hilbre Primary School".into(),
            deputy_dsls: vec!["Mr A".into(), "Ms B".into()],
            code_review_due: NaiveDate::from_ymd_opt(2027, 7, 31).unwrap(),
            ..SchoolSettings::default()
        };
        s.it_provider = "Schools IT".into();
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.contains(r#""code_review_due":"2027-07-31""#), "{json}");
        assert_eq!(serde_json::from_str::<SchoolSettings>(&json).unwrap(), s);

        // A missing field takes its default; an unknown one is skipped.
        let partial: SchoolSettings =
            serde_json::from_str(r#"{"dsl":"Ms C","later_field":{"a":[1,2]}}"#).unwrap();
        assert_eq!(
            partial,
            SchoolSettings {
                dsl: "Ms C".into(),
                ..SchoolSettings::default()
            }
        );

        // A field twice, a wrong type or a wrong date is refused, naming the problem.
        for (json, problem) in [
            (r#"{"dsl":"A","dsl":"B"}"#, "duplicate field `dsl`"),
            (r#"{"deputy_dsls":"A"}"#, "invalid type: string"),
            (r#"{"school_name":null}"#, "invalid type: null"),
            (
                r#"{"policy_review_due":"31/12/2024"}"#,
                "expected a date (YYYY-MM-DD)",
            ),
            (
                r#"["West Kirby"]"#,
                "invalid type: sequence, expected school settings",
            ),
        ] {
            let error = serde_json::from_str::<SchoolSettings>(json).unwrap_err();
            assert!(error.to_string().contains(problem), "{json}: {error}");
        }
    }

    #[test]
    fn overdue_reviews_come_from_the_settings_dates() {
        let s = SchoolSettings::default();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert!(s.overdue_reviews(day(2024, 12, 31)).is_empty());
        assert_eq!(
            s.overdue_reviews(day(2025, 1, 1)),
            ["The Social Media Policy was due for review by 31 December 2024 and is overdue."]
        );
        assert_eq!(s.overdue_reviews(day(2026, 11, 25)).len(), 2);
        let reviewed = SchoolSettings {
            policy_review_due: day(2027, 9, 1),
            code_review_due: day(2027, 9, 1),
            ..s
        };
        assert!(reviewed.overdue_reviews(day(2026, 11, 25)).is_empty());
    }

    #[test]
    fn defaults_come_from_the_policy() {
        let s = SchoolSettings::default();
        assert_eq!(s.school_name, "West Kirby Primary School");
        assert_eq!(s.dsl, "Mrs E Bailey");
        assert_eq!(s.deputy_dsls.len(), 3);
        assert_eq!(s.incident_system, "CPOMS");
    }

    #[test]
    fn fill_replaces_known_placeholders_only() {
        let s = SchoolSettings::default();
        assert_eq!(
            s.fill("Tell {dsl} or {deputies} and log it on {incident_system}."),
            "Tell Mrs E Bailey or Mrs T McCann, Mr M Procter and Mrs H Catt and log it on CPOMS."
        );
        assert_eq!(s.fill("{unknown} and { braces"), "{unknown} and { braces");
    }

    #[test]
    fn empty_settings_read_as_neutral_phrases() {
        let s = SchoolSettings {
            filtering_provider: " ".into(),
            deputy_dsls: vec![],
            ..Default::default()
        };
        assert_eq!(
            s.fill("{filtering_provider}"),
            "the school's filtering provider"
        );
        assert_eq!(s.fill("{deputies}"), "the deputy DSLs");
    }

    #[test]
    fn every_listed_placeholder_has_a_value() {
        let s = SchoolSettings::default();
        for (key, _) in PLACEHOLDERS {
            assert!(s.placeholder(key).is_some(), "{key}");
        }
        assert_eq!(placeholders_in("a {dsl} b {x}"), vec!["dsl", "x"]);
    }

    #[test]
    fn older_stored_settings_fill_missing_fields_with_defaults() {
        let s: SchoolSettings = serde_json::from_str(r#"{"school_name":"Oak Primary"}"#).unwrap();
        assert_eq!(s.school_name, "Oak Primary");
        assert_eq!(s.incident_system, "CPOMS");
    }
}
