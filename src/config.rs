//! Configuration: the rule set's data embedded from `rules/` (severities,
//! options, lexicons), layered with a user's `copydesk.toml`.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;

use crate::Error;
use crate::diagnostic::Severity;

/// The embedded rule tables, one file per family.
pub(crate) const RULE_FILES: &[(&str, &str)] = &[
    ("date.toml", include_str!("../rules/date.toml")),
    ("name.toml", include_str!("../rules/name.toml")),
    ("number.toml", include_str!("../rules/number.toml")),
    ("quote.toml", include_str!("../rules/quote.toml")),
    ("sentence.toml", include_str!("../rules/sentence.toml")),
];

/// The embedded lexicons, by name (the file stem under `rules/lexicons/`).
pub(crate) const LEXICON_FILES: &[(&str, &str)] = &[
    ("abbreviations", include_str!("../rules/lexicons/abbreviations.toml")),
    ("casualty-nouns", include_str!("../rules/lexicons/casualty-nouns.toml")),
    ("country-nouns", include_str!("../rules/lexicons/country-nouns.toml")),
    ("military-nouns", include_str!("../rules/lexicons/military-nouns.toml")),
    (
        "population-nouns",
        include_str!("../rules/lexicons/population-nouns.toml"),
    ),
    (
        "sentence-starters",
        include_str!("../rules/lexicons/sentence-starters.toml"),
    ),
    ("speech-verbs", include_str!("../rules/lexicons/speech-verbs.toml")),
    ("titles", include_str!("../rules/lexicons/titles.toml")),
];

/// Word lists by name, lower-cased.
#[derive(Clone, Debug, Default)]
pub struct Lexicons {
    lists: HashMap<String, HashSet<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    #[allow(dead_code)]
    description: Option<String>,
    words: Vec<String>,
}

impl Lexicons {
    /// The embedded lexicons. They are part of the binary and checked by
    /// tests, so a parse failure here is a build defect.
    pub fn default_set() -> Lexicons {
        let mut lex = Lexicons::default();
        for (name, text) in LEXICON_FILES {
            let file: LexiconFile = toml::from_str(text).expect("embedded lexicons are valid (tested)");
            lex.extend(name, file.words);
        }
        lex
    }

    /// Adds words to a list, creating it if needed.
    pub fn extend(&mut self, name: &str, words: impl IntoIterator<Item = String>) {
        let set = self.lists.entry(name.to_string()).or_default();
        set.extend(words.into_iter().map(|w| w.to_lowercase()));
    }

    /// Whether `word` (lower-case) is in list `name`.
    pub fn contains(&self, name: &str, word: &str) -> bool {
        self.lists.get(name).is_some_and(|s| s.contains(word))
    }

    /// Whether `word` or its singular (`armies` -> `army`, `troops` ->
    /// `troop`) is in list `name`. `word` must be lower-case.
    pub fn contains_noun(&self, name: &str, word: &str) -> bool {
        let Some(set) = self.lists.get(name) else {
            return false;
        };
        if set.contains(word) {
            return true;
        }
        let singular = [
            word.strip_suffix("ies").map(|s| format!("{s}y")),
            word.strip_suffix("es").map(str::to_string),
            word.strip_suffix('s').map(str::to_string),
        ];
        singular.into_iter().flatten().any(|s| set.contains(&s))
    }

    /// The list names, sorted.
    pub fn names(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.lists.keys().map(String::as_str).collect();
        v.sort_unstable();
        v
    }
}

/// One rule's settings: whether it runs, its severity, its options.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleSettings {
    pub enabled: bool,
    pub severity: Severity,
    pub options: toml::Table,
}

/// The effective configuration.
#[derive(Clone, Debug)]
pub struct Config {
    pub rules: BTreeMap<String, RuleSettings>,
    pub lexicons: Lexicons,
    /// Findings at or above this severity make the run fail (exit 1).
    pub fail_on: Severity,
}

/// Line (1-based) of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn toml_error(path: &str, text: &str, e: &toml::de::Error) -> Error {
    let line = e.span().map_or(1, |s| line_of(text, s.start));
    let key = e
        .span()
        .and_then(|s| text.get(s))
        .map(|k| k.trim().to_string())
        .unwrap_or_default();
    Error::Config {
        path: path.to_string(),
        line,
        key,
        message: e.message().to_string(),
    }
}

/// Applies one rule table (`enabled`, `severity`, options) onto `settings`.
fn apply_table(
    settings: &mut RuleSettings,
    table: &toml::Table,
    path: &str,
    text: &str,
    id: &str,
) -> Result<(), Error> {
    for (key, value) in table {
        let bad = |message: String| Error::Config {
            path: path.to_string(),
            line: text.find(&key.to_string()).map_or(1, |o| line_of(text, o)),
            key: format!("{id}.{key}"),
            message,
        };
        match key.as_str() {
            "enabled" => settings.enabled = value.as_bool().ok_or_else(|| bad("expected true or false".into()))?,
            "severity" => {
                settings.severity = value
                    .as_str()
                    .and_then(parse_severity)
                    .ok_or_else(|| bad("expected \"error\", \"warning\" or \"info\"".into()))?
            }
            _ => {
                settings.options.insert(key.clone(), value.clone());
            }
        }
    }
    Ok(())
}

pub fn parse_severity(s: &str) -> Option<Severity> {
    match s {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        _ => None,
    }
}

/// The user-facing `copydesk.toml`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct UserConfig {
    fail_on: Option<String>,
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    rules: BTreeMap<String, toml::Table>,
    #[serde(default)]
    lexicons: BTreeMap<String, Vec<String>>,
}

impl Config {
    /// The embedded defaults from `rules/`.
    pub fn default_config() -> Config {
        let mut rules = BTreeMap::new();
        for (file, text) in RULE_FILES {
            let table: toml::Table = toml::from_str(text).expect("embedded rule tables are valid (tested)");
            for (id, value) in table {
                let mut s = RuleSettings {
                    enabled: true,
                    severity: Severity::Warning,
                    options: toml::Table::new(),
                };
                let t = value.as_table().expect("each rule is a table (tested)");
                apply_table(&mut s, t, file, text, &id).expect("embedded rule tables are valid (tested)");
                rules.insert(id, s);
            }
        }
        Config {
            rules,
            lexicons: Lexicons::default_set(),
            fail_on: Severity::Warning,
        }
    }

    /// Layers a user's `copydesk.toml` (its text and display path) on top.
    pub fn apply_user(&mut self, path: &str, text: &str) -> Result<(), Error> {
        let user: UserConfig = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
        let where_is = |needle: &str| text.find(needle).map_or(1, |o| line_of(text, o));
        let known = |sel: &str| {
            self.rules
                .keys()
                .any(|id| id == sel || id.starts_with(&format!("{sel}-")))
        };
        for sel in user.select.iter().chain(&user.ignore) {
            if !known(sel) {
                return Err(Error::Config {
                    path: path.into(),
                    line: where_is(sel),
                    key: sel.clone(),
                    message: "no rule or family has this name".into(),
                });
            }
        }
        if !user.select.is_empty() {
            for (id, s) in self.rules.iter_mut() {
                s.enabled = user
                    .select
                    .iter()
                    .any(|sel| id == sel || id.starts_with(&format!("{sel}-")));
            }
        }
        for (id, s) in self.rules.iter_mut() {
            if user
                .ignore
                .iter()
                .any(|sel| id == sel || id.starts_with(&format!("{sel}-")))
            {
                s.enabled = false;
            }
        }
        for (id, table) in &user.rules {
            let Some(s) = self.rules.get_mut(id) else {
                return Err(Error::Config {
                    path: path.into(),
                    line: where_is(id),
                    key: format!("rules.{id}"),
                    message: "unknown rule".into(),
                });
            };
            apply_table(s, table, path, text, id)?;
        }
        if let Some(f) = &user.fail_on {
            self.fail_on = parse_severity(f).ok_or_else(|| Error::Config {
                path: path.into(),
                line: where_is("fail-on"),
                key: "fail-on".into(),
                message: "expected \"error\", \"warning\" or \"info\"".into(),
            })?;
        }
        for (name, words) in user.lexicons {
            self.lexicons.extend(&name, words);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_defaults_load() {
        let c = Config::default_config();
        assert!(c.rules.contains_key("date-invalid"));
        assert!(c.lexicons.contains("abbreviations", "sept"));
        assert!(c.lexicons.contains_noun("military-nouns", "armies"));
    }

    #[test]
    fn user_config_overrides_and_errors_name_the_line() {
        let mut c = Config::default_config();
        c.apply_user(
            "copydesk.toml",
            "fail-on = \"error\"\n[rules.date-invalid]\nseverity = \"info\"\n",
        )
        .unwrap();
        assert_eq!(c.rules["date-invalid"].severity, Severity::Info);
        assert_eq!(c.fail_on, Severity::Error);

        let err = c.apply_user("x.toml", "\n\nbogus = 1\n").unwrap_err();
        match err {
            Error::Config { line, key, .. } => {
                assert_eq!(line, 3);
                assert!(key.contains("bogus"), "{key}");
            }
            other => panic!("{other:?}"),
        }
        let err = c
            .apply_user("x.toml", "[rules.date-invalid]\nseverity = \"loud\"\n")
            .unwrap_err();
        assert!(err.to_string().contains("x.toml:2"), "{err}");
        assert!(c.apply_user("x.toml", "[rules.no-such-rule]\n").is_err());
        assert!(c.apply_user("x.toml", "ignore = [\"nonsense\"]\n").is_err());
    }

    #[test]
    fn select_and_ignore_by_family() {
        let mut c = Config::default_config();
        c.apply_user("c.toml", "select = [\"date\"]\nignore = [\"date-invalid\"]\n")
            .unwrap();
        assert!(!c.rules["date-invalid"].enabled);
        assert!(c.rules["date-weekday-mismatch"].enabled);
        assert!(!c.rules["quote-unclosed"].enabled);
    }
}
