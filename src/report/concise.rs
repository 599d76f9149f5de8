//! One line per finding: `path:line:col: severity[rule]: message`.

use std::io::{self, Write};

use crate::diagnostic::FileReport;

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
                d.message
            )?;
        }
    }
    Ok(())
}
