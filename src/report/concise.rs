//! One line per finding: `path:line:col: severity[rule]: message`.

use std::io::{self, Write};

use crate::diagnostic::FileReport;

/// Keeps a message on one line: a line break (with the spaces around it)
/// becomes one space. Messages quote the flagged words, which can span a
/// line break in the article.
fn one_line(message: &str) -> String {
    if !message.contains(['\n', '\r']) {
        return message.to_string();
    }
    message
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    for r in reports {
        for d in &r.diagnostics {
            let loc = r.source.location(d.span.start);
            writeln!(
                out,
                "{}:{}:{}: {}[{}]: {}",
                r.source.name(),
                loc.line,
                loc.column,
                d.severity,
                d.rule,
                one_line(&d.message)
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_stay_on_one_line() {
        assert_eq!(one_line("\"On Sept.\n  2, 1984.\" is"), "\"On Sept. 2, 1984.\" is");
        assert_eq!(one_line("a\r\nb"), "a b");
        assert_eq!(one_line("plain  text"), "plain  text");
    }
}
