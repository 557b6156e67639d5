//! Minimal reports for the rules' own tests: every cell of the version's tables printed as `0`,
//! then the cells a test needs set by fact key.

use nianbao_model::template::{self, TableId, TemplateVersion};
use nianbao_model::{
    Cell, CellValue, Metadata, Number, Report, Row, Section, SectionKind, Span, Spanned, Table, TemplateInfo,
};

/// A report of `version` for `year` whose tables are all `0`, with the six sections present.
pub(crate) fn report(version: TemplateVersion, year: i32) -> Report {
    let table = |id| {
        let spec = template::spec(id, version);
        Some(Table {
            id,
            rows: spec
                .rows
                .iter()
                .map(|row| Row {
                    key: row.key.to_owned(),
                    label: None,
                    cells: row.columns.iter().map(|_| cell("0")).collect(),
                })
                .collect(),
        })
    };
    let sections = SectionKind::ALL
        .iter()
        .map(|&kind| Section {
            kind,
            heading: Spanned::derived(kind.canonical_heading().to_owned()),
            text: "正文。".to_owned(),
            body: span(),
        })
        .collect();
    Report {
        metadata: Metadata {
            agency: Some(Spanned::derived("某县某局".to_owned())),
            year: Some(Spanned::derived(year)),
            template: TemplateInfo {
                version: Some(version),
                ..TemplateInfo::default()
            },
            ..Metadata::default()
        },
        sections,
        table2: table(TableId::T2),
        table3: table(TableId::T3),
        table4: table(TableId::T4),
    }
}

/// A placeholder span.
pub(crate) fn span() -> Span {
    Span::new(0, 1, 1, 1)
}

/// A cell holding `printed`: a number, blank (`""`), a placeholder, or text.
pub(crate) fn cell(printed: &str) -> Cell {
    let value = match printed {
        "" => CellValue::Blank,
        "/" | "—" | "无" => CellValue::Placeholder {
            text: printed.to_owned(),
        },
        "?" => CellValue::Unresolved {
            reason: "test".to_owned(),
        },
        _ => match Number::parse(printed) {
            Some(number) => CellValue::Number { number },
            None => CellValue::Text {
                text: printed.to_owned(),
            },
        },
    };
    Cell {
        value,
        span: Some(span()),
    }
}

/// Sets the cell `key` (`t3.granted.total`) of `report` to `printed`.
pub(crate) fn set(report: &mut Report, key: &str, printed: &str) {
    let version = report.metadata.template.version.expect("fixture has a version");
    let (table, rest) = key.split_once('.').expect("key has a table");
    let (row, column) = rest.rsplit_once('.').expect("key has a column");
    let id = match table {
        "t2" => TableId::T2,
        "t3" => TableId::T3,
        _ => TableId::T4,
    };
    let index = template::spec(id, version)
        .row(row)
        .and_then(|r| r.columns.iter().position(|c| c.key == column))
        .unwrap_or_else(|| panic!("no cell {key}"));
    let table = match id {
        TableId::T2 => report.table2.as_mut(),
        TableId::T3 => report.table3.as_mut(),
        TableId::T4 => report.table4.as_mut(),
    };
    let row = table
        .and_then(|t| t.rows.iter_mut().find(|r| r.key == row))
        .expect("row");
    row.cells[index] = cell(printed);
}

/// Sets several cells.
pub(crate) fn with(mut report: Report, cells: &[(&str, &str)]) -> Report {
    for (key, printed) in cells {
        set(&mut report, key, printed);
    }
    report
}

/// The codes of what `rule` finds in `report`, with their status.
pub(crate) fn run(rule: &dyn crate::Rule, report: &Report) -> Vec<nianbao_model::Finding> {
    let mut out = Vec::new();
    rule.check(&crate::Context::new(report, None), &mut out);
    out
}
