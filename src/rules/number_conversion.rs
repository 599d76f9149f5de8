use super::{Context, NoOptions, Rule};
use crate::extract::{NumberFact, NumberKind};

declare_rule! {
    /// Flags a unit conversion that is off by more than rounding: `10 miles (25 km)`.
    ///
    /// ## What it does
    /// Finds a measurement followed by the same measurement in another unit,
    /// in parentheses or after `or` (`10 miles (16km)`, `5,000 feet, or
    /// 1,500 metres`), converts the first, and flags the second when it is
    /// outside the rounding of both figures by more than 10% (editors
    /// round conversions loosely). Lengths, masses, areas and speeds are read.
    ///
    /// ## Why is this bad?
    /// Conversions are added by editors after the fact and are easy to get
    /// wrong; a reader using either unit gets a different story.
    ///
    /// ## Example
    /// ```text
    /// The march covered 10 miles (25 km).
    /// ```
    /// Use instead:
    /// ```text
    /// The march covered 10 miles (16 km).
    /// ```
    pub NumberConversion, "number-conversion"
}

/// Each unit's dimension and size in that dimension's base unit.
const UNITS: &[(&str, &str, f64)] = &[
    ("km", "length", 1000.0),
    ("mi", "length", 1609.344),
    ("m", "length", 1.0),
    ("ft", "length", 0.3048),
    ("yd", "length", 0.9144),
    ("cm", "length", 0.01),
    ("mm", "length", 0.001),
    ("in", "length", 0.0254),
    ("kg", "mass", 1.0),
    ("lb", "mass", 0.453_592_37),
    ("t", "mass", 1000.0),
    ("ha", "area", 10_000.0),
    ("acre", "area", 4046.856),
    ("mph", "speed", 1.609_344),
    ("kph", "speed", 1.0),
];

fn unit_named(u: &str) -> Option<(&'static str, f64)> {
    UNITS.iter().find(|(x, _, _)| *x == u).map(|&(_, d, f)| (d, f))
}

/// A measurement: value, unit code, rounding, dimension and size. `10m`
/// next to a length is ten metres, not ten million (`30ft (10m)`).
fn measure(n: &NumberFact, text: &str) -> Option<(f64, String, f64, &'static str, f64)> {
    if let Some(u) = n.unit.as_deref() {
        let (d, f) = unit_named(u)?;
        return Some((n.value, u.to_string(), n.rounding(text), d, f));
    }
    let w = n.span.slice(text);
    let metres = n.currency.is_none()
        && w.ends_with('m')
        && w[..w.len() - 1].ends_with(|c: char| c.is_ascii_digit())
        && n.value >= 1e6;
    metres.then(|| (n.value / 1e6, "m".to_string(), n.rounding(text) / 1e6, "length", 1.0))
}

/// Whether [`measure`] gives a measure, without working out its rounding:
/// most figures have no unit.
fn has_measure(n: &NumberFact, text: &str) -> bool {
    match n.unit.as_deref() {
        Some(u) => unit_named(u).is_some(),
        None => {
            n.value >= 1e6 && n.currency.is_none() && {
                let w = n.span.slice(text);
                w.ends_with('m') && w[..w.len() - 1].ends_with(|c: char| c.is_ascii_digit())
            }
        }
    }
}

impl Rule for NumberConversion {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        let text = cx.text();
        for w in cx.facts.numbers.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if a.kind != NumberKind::Cardinal
                || b.kind != NumberKind::Cardinal
                || a.second.is_some()
                || b.second.is_some()
                || !has_measure(a, text)
                || !has_measure(b, text)
            {
                continue;
            }
            let (Some((av, au, ra, da, fa)), Some((bv, bu, rb, db, fb))) = (measure(a, text), measure(b, text)) else {
                continue;
            };
            if da != db || au == bu || av <= 0.0 {
                continue;
            }
            let Some(gap) = text.get(a.noun.map_or(a.span.end, |n| n.end.max(a.span.end))..b.span.start) else {
                continue;
            };
            let gap = gap.to_lowercase();
            let g = gap.trim();
            let hedge = [
                "",
                " about",
                " around",
                " some",
                " nearly",
                " roughly",
                " approximately",
                " almost",
                " over",
            ];
            let paren = hedge.iter().any(|h| g == format!("({h}").replace("( ", "("));
            let or = hedge.iter().any(|h| g == format!(", or{h}") || g == format!("or{h}"));
            if !(paren || or) {
                continue;
            }
            let lo = (av - ra) * fa / fb;
            let hi = (av + ra) * fa / fb;
            if bv + rb < lo * 0.9 || bv - rb > hi * 1.1 {
                let exact = av * fa / fb;
                let (aw, bw) = (a.span.slice(text), b.span.slice(text));
                let aw = a.noun.map_or(aw, |n| a.span.to(n).slice(text));
                cx.report(
                    b.span,
                    format!(
                        "{aw} is about {} {bu}, not {bw}",
                        super::number_direction::format_num((exact * 10.0).round() / 10.0)
                    ),
                )
                .label(a.noun.map_or(a.span, |n| a.span.to(n)), "converted from")
                .help("redo the conversion");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_flags, assert_silent};

    #[test]
    fn flags_a_wrong_conversion() {
        assert_flags::<NumberConversion>("The march covered 10 miles (25 km).", &["25"]);
        assert_flags::<NumberConversion>("The fish weighed 20kg (20lb).", &["20lb"]);
        assert_flags::<NumberConversion>("The wave was 30ft (30m) high.", &["30m"]);
    }

    #[test]
    fn silent_on_conversions_within_rounding() {
        assert_silent::<NumberConversion>("The march covered 10 miles (16 km).");
        assert_silent::<NumberConversion>("The peak rises 5,000 feet (1,500m).");
        assert_silent::<NumberConversion>("It lies about 20 miles (30km) north.");
        assert_silent::<NumberConversion>("A 10-mile (16km) walk.");
        assert_silent::<NumberConversion>("The wave was 30ft (10m) high.");
        assert_silent::<NumberConversion>("It cost £10m ($18m) to build.");
        assert_silent::<NumberConversion>("He ran 10 miles (and then 25 km more).");
    }
}
