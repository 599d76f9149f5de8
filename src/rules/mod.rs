//! The rule engine: the [`Rule`] trait, the `declare_rule!` macro, the
//! registry of every rule, and the [`Context`] rules report through.

use serde::de::DeserializeOwned;

use crate::Error;
use crate::config::{Config, Lexicons};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::extract::Facts;
use crate::source::Span;

/// Declares a rule's unit struct with its id and documentation. The doc
/// comment's first line is the one-line summary; the whole text is what
/// `copydesk explain` prints.
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])* $vis:vis $name:ident, $id:literal) => {
        $(#[doc = $doc])*
        #[derive(Default, Clone, Copy, Debug)]
        $vis struct $name;

        impl $crate::rules::RuleMeta for $name {
            const ID: &'static str = $id;
            const DOC: &'static str = concat!($($doc, "\n"),*);
        }
    };
}

mod date_after_publication;
mod date_ambiguous;
mod date_dateline_mismatch;
mod date_elapsed_mismatch;
mod date_invalid;
mod date_range_inverted;
mod date_style;
mod date_weekday_mismatch;
mod name_spelling_variant;
mod number_conversion;
mod number_count_mismatch;
mod number_direction;
mod number_percent_sum;
mod number_ratio;
mod number_restated_mismatch;
mod number_swapped_magnitude;
mod number_word_digit;
mod quote_altered;
mod quote_misattributed;
mod quote_mismatched_marks;
mod quote_unclosed;
mod sentence_fragment;
mod sentence_repeated_word;
mod sentence_stray_token;

/// A rule's identity, from `declare_rule!`.
pub trait RuleMeta {
    const ID: &'static str;
    const DOC: &'static str;
}

/// A check over one document's facts.
pub trait Rule: RuleMeta + Default + Send + Sync + 'static {
    /// Rule-specific settings from `rules/<family>.toml` and `copydesk.toml`.
    type Options: DeserializeOwned + Default + Send + Sync + 'static;
    fn check(&self, cx: &mut Context<'_>, options: &Self::Options);
}

/// What a rule sees: the document, its facts and the lexicons; and the one
/// way to report.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub facts: &'a Facts,
    pub lex: &'a Lexicons,
    rule: &'static str,
    severity: Severity,
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    /// Reports a finding on `span`; the engine fills in the rule id and the
    /// configured severity. Chain `.label()`, `.help()`, `.suggest()`.
    /// Messages are one line: flagged words that wrap in the source (`In
    /// July\n1984.`) are quoted with a space.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let mut message: String = message.into();
        if message.contains(['\n', '\r']) {
            message = message.split_whitespace().collect::<Vec<_>>().join(" ");
        }
        self.out.push(Diagnostic::new(self.rule, self.severity, span, message));
        self.out.last_mut().expect("just pushed")
    }

    /// The document's prose mask (same offsets as the file).
    pub fn text(&self) -> &'a str {
        self.doc.mask()
    }
}

/// A registry entry: a rule's identity and how to build it from options.
pub struct RuleInfo {
    pub id: &'static str,
    pub doc: &'static str,
    build: fn(&toml::Table) -> Result<Box<dyn DynRule>, toml::de::Error>,
}

impl RuleInfo {
    /// The family: the id's first segment (`date` for `date-invalid`).
    pub fn family(&self) -> &'static str {
        self.id.split('-').next().unwrap_or(self.id)
    }

    /// The doc comment's first line.
    pub fn summary(&self) -> &'static str {
        self.doc.lines().next().unwrap_or("").trim()
    }
}

/// The object-safe face of a configured rule.
trait DynRule: Send + Sync {
    fn check(&self, cx: &mut Context<'_>);
}

struct Configured<R: Rule> {
    rule: R,
    options: R::Options,
}

impl<R: Rule> DynRule for Configured<R> {
    fn check(&self, cx: &mut Context<'_>) {
        self.rule.check(cx, &self.options);
    }
}

fn build<R: Rule>(options: &toml::Table) -> Result<Box<dyn DynRule>, toml::de::Error> {
    let options: R::Options = if options.is_empty() {
        R::Options::default()
    } else {
        toml::Value::Table(options.clone()).try_into()?
    };
    Ok(Box::new(Configured {
        rule: R::default(),
        options,
    }))
}

const fn entry<R: Rule>() -> RuleInfo {
    RuleInfo {
        id: R::ID,
        doc: R::DOC,
        build: build::<R>,
    }
}

/// Every rule, in alphabetical order of id.
pub static REGISTRY: &[RuleInfo] = &[
    entry::<date_after_publication::DateAfterPublication>(),
    entry::<date_ambiguous::DateAmbiguous>(),
    entry::<date_dateline_mismatch::DateDatelineMismatch>(),
    entry::<date_elapsed_mismatch::DateElapsedMismatch>(),
    entry::<date_invalid::DateInvalid>(),
    entry::<date_range_inverted::DateRangeInverted>(),
    entry::<date_style::DateStyle>(),
    entry::<date_weekday_mismatch::DateWeekdayMismatch>(),
    entry::<name_spelling_variant::NameSpellingVariant>(),
    entry::<number_conversion::NumberConversion>(),
    entry::<number_count_mismatch::NumberCountMismatch>(),
    entry::<number_direction::NumberDirection>(),
    entry::<number_percent_sum::NumberPercentSum>(),
    entry::<number_ratio::NumberRatio>(),
    entry::<number_restated_mismatch::NumberRestatedMismatch>(),
    entry::<number_swapped_magnitude::NumberSwappedMagnitude>(),
    entry::<number_word_digit::NumberWordDigit>(),
    entry::<quote_altered::QuoteAltered>(),
    entry::<quote_misattributed::QuoteMisattributed>(),
    entry::<quote_mismatched_marks::QuoteMismatchedMarks>(),
    entry::<quote_unclosed::QuoteUnclosed>(),
    entry::<sentence_fragment::SentenceFragment>(),
    entry::<sentence_repeated_word::SentenceRepeatedWord>(),
    entry::<sentence_stray_token::SentenceStrayToken>(),
];

/// Looks a rule up by id.
pub fn find(id: &str) -> Option<&'static RuleInfo> {
    REGISTRY.iter().find(|r| r.id == id)
}

/// The enabled rules with their options deserialized once.
pub struct Engine {
    rules: Vec<(&'static str, Severity, Box<dyn DynRule>)>,
    pub lexicons: Lexicons,
}

impl Engine {
    /// Builds the enabled rules; a bad option fails here, before any file is
    /// read.
    pub fn new(config: &Config) -> Result<Engine, Error> {
        let mut rules = Vec::new();
        for info in REGISTRY {
            let Some(settings) = config.rules.get(info.id) else {
                continue;
            };
            if !settings.enabled {
                continue;
            }
            let rule = (info.build)(&settings.options).map_err(|e| Error::Config {
                path: "configuration".into(),
                line: 0,
                key: format!("rules.{}", info.id),
                message: e.message().to_string(),
            })?;
            rules.push((info.id, settings.severity, rule));
        }
        Ok(Engine {
            rules,
            lexicons: config.lexicons.clone(),
        })
    }

    /// The ids of the enabled rules, in the order [`Engine::check`] runs
    /// them.
    pub fn rule_ids(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.rules.iter().map(|(id, _, _)| *id)
    }

    /// Runs only the `index`th enabled rule, unsorted: for the per-rule
    /// timings of `examples/profile_stages.rs`.
    #[doc(hidden)]
    pub fn check_one(&self, index: usize, doc: &Document, facts: &Facts) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        self.run(index, doc, facts, &mut out);
        out
    }

    /// Runs the `index`th enabled rule, adding its findings to `out`.
    fn run(&self, index: usize, doc: &Document, facts: &Facts, out: &mut Vec<Diagnostic>) {
        if let Some((id, severity, rule)) = self.rules.get(index) {
            rule.check(&mut Context {
                doc,
                facts,
                lex: &self.lexicons,
                rule: id,
                severity: *severity,
                out,
            });
        }
    }

    /// Runs every enabled rule over one document. Diagnostics come back
    /// sorted by (start, rule).
    pub fn check(&self, doc: &Document, facts: &Facts) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for index in 0..self.rules.len() {
            self.run(index, doc, facts, &mut out);
        }
        out.sort_by(|a, b| (a.span.start, a.rule, a.span.end).cmp(&(b.span.start, b.rule, b.span.end)));
        out.dedup_by(|a, b| a.rule == b.rule && a.span == b.span && a.message == b.message);
        out
    }
}

/// Options for rules that have none.
#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct NoOptions {}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for rule unit tests: run one rule over a text.

    use super::*;
    use crate::document::ParseOptions;
    use crate::source::SourceFile;

    /// Runs rule `R` with default options over `text` (plain text, with an
    /// optional reference date) and returns its diagnostics.
    pub fn run<R: Rule>(text: &str) -> Vec<Diagnostic> {
        run_with::<R>(text, &ParseOptions::default())
    }

    pub fn run_with<R: Rule>(text: &str, opts: &ParseOptions) -> Vec<Diagnostic> {
        let lex = Lexicons::default_set();
        let doc = Document::parse(SourceFile::new("test.txt", text), opts, &lex);
        let facts = Facts::extract(&doc, &lex);
        let mut out = Vec::new();
        let mut cx = Context {
            doc: &doc,
            facts: &facts,
            lex: &lex,
            rule: R::ID,
            severity: Severity::Warning,
            out: &mut out,
        };
        R::default().check(&mut cx, &R::Options::default());
        out
    }

    /// Asserts that `R` flags exactly `flagged` (the primary span's text),
    /// once per entry, in order.
    #[track_caller]
    pub fn assert_flags<R: Rule>(text: &str, flagged: &[&str]) {
        let got: Vec<&str> = run::<R>(text)
            .iter()
            .map(|d| &text[d.span.start..d.span.end])
            .collect::<Vec<_>>();
        assert_eq!(got, flagged, "rule {} on {text:?}", R::ID);
    }

    /// Asserts that `R` reports nothing on `text`.
    #[track_caller]
    pub fn assert_silent<R: Rule>(text: &str) {
        let got = run::<R>(text);
        assert!(
            got.is_empty(),
            "rule {} should be silent on {text:?} but said {:?}",
            R::ID,
            got.iter()
                .map(|d| (&text[d.span.start..d.span.end], &d.message))
                .collect::<Vec<_>>()
        );
    }
}
