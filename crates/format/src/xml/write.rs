//! Writing the format: the document holds the provenance (source file, its SHA-256 when known, the tool's version), the
//! metadata, the template version, the six sections with their original text, every table cell
//! with its fact key and Chinese column label, the reader's diagnostics and the rules' findings.
//! Every value read from the source carries its place as `at="start end line column"` (byte
//! offsets into the decoded text, then 1-based line and character column), and for an input
//! printed on pages (PDF) also `page="5" box="left top right bottom"` (whole points).
//!
//! A cell holds exactly one of: `<count>` (a non-negative integer), `<integer>` (a signed one:
//! 2019 `本年增/减`, or a negative number printed where a count belongs), `<decimal>` (amounts),
//! `<quantity unit="元">` (a number printed with its unit), `<blank/>`, `<placeholder>` (`/`,
//! `—`, `无`), `<text>`, or `<unresolved reason="…"/>` (not determined by the reader). Numbers are
//! written as printed (`+2` stays `+2`). UTF-8 with a declaration, two-space indentation; the same
//! document always gives the same bytes.

use super::NAMESPACE;
use nianbao_model::template::{self, ColumnSpec, TableId, ValueKind};
use nianbao_model::{CellValue, Document, PagePlace, SectionKind, Severity, Span, Spanned};
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use std::io::Write;

/// `start end line column`.
pub fn span_text(span: &Span) -> String {
    format!("{} {} {} {}", span.start, span.end, span.line, span.column)
}

type W<'w> = Writer<&'w mut dyn Write>;
type Result<T> = std::io::Result<T>;

/// Writes `document` as XML to `out`.
///
/// # Errors
/// Any error of `out`.
pub fn write(document: &Document, out: &mut dyn Write) -> Result<()> {
    let mut w: W = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let report = &document.report;
    let metadata = &report.metadata;
    let mut root = w.create_element("report").with_attribute(("xmlns", NAMESPACE));
    if let Some(version) = metadata.template.version {
        root = root.with_attribute(("format", version.as_str()));
    }
    root.write_inner_content(|w| {
        let source = &document.source;
        let bom = if source.bom { "true" } else { "false" };
        let tool = format!("nianbao {}", env!("CARGO_PKG_VERSION"));
        let mut provenance = w
            .create_element("provenance")
            .with_attribute(("file", source.file.as_str()))
            .with_attribute(("reader", source.kind.as_str()))
            .with_attribute(("encoding", source.encoding.as_str()))
            .with_attribute(("bom", bom));
        if let Some(sha256) = &source.sha256 {
            provenance = provenance.with_attribute(("sha256", sha256.as_str()));
        }
        provenance.with_attribute(("tool", tool.as_str())).write_empty()?;
        if !document.constituents.is_empty() {
            w.create_element("constituents").write_inner_content(|w| {
                for c in &document.constituents {
                    let mut element = w
                        .create_element("report")
                        .with_attribute(("file", c.file.as_str()));
                    if let Some(agency) = &c.agency {
                        element = element.with_attribute(("agency", agency.as_str()));
                    }
                    let year = c.year.map(|y| y.to_string());
                    if let Some(year) = &year {
                        element = element.with_attribute(("year", year.as_str()));
                    }
                    if let Some(sha256) = &c.sha256 {
                        element = element.with_attribute(("sha256", sha256.as_str()));
                    }
                    element.write_empty()?;
                }
                Ok(())
            })?;
        }
        w.create_element("metadata").write_inner_content(|w| {
            if let Some(title) = &metadata.title {
                spanned_text(w, "title", title)?;
            }
            if let Some(agency) = &metadata.agency {
                spanned_text(w, "agency", agency)?;
            }
            if let Some(year) = &metadata.year {
                spanned_text(
                    w,
                    "year",
                    &Spanned {
                        value: year.value.to_string(),
                        span: year.span,
                    },
                )?;
            }
            if let Some(period) = &metadata.period {
                let (start, end) = (period.value.start.to_string(), period.value.end.to_string());
                with_span(
                    w.create_element("period")
                        .with_attribute(("start", start.as_str()))
                        .with_attribute(("end", end.as_str())),
                    period.span,
                )
                .write_empty()?;
            }
            if let Some(sign_off) = &metadata.sign_off {
                let date = sign_off.date.value.to_string();
                with_span(
                    w.create_element("signOff")
                        .with_attribute(("date", date.as_str())),
                    sign_off.date.span,
                )
                .write_inner_content(|w| {
                    if let Some(agency) = &sign_off.agency {
                        spanned_text(w, "agency", agency)?;
                    }
                    Ok(())
                })?;
            }
            if let Some(preamble) = &metadata.preamble {
                spanned_text(w, "preamble", preamble)?;
            }
            let template = &metadata.template;
            let basis = match template.basis {
                nianbao_model::DetectionBasis::Markers => "markers",
                nianbao_model::DetectionBasis::ReportYear => "report_year",
                nianbao_model::DetectionBasis::Undetermined => "undetermined",
            };
            let mut element = w.create_element("template").with_attribute(("basis", basis));
            if let Some(version) = template.version {
                element = element.with_attribute(("version", version.as_str()));
            }
            element
                .with_attribute(("hybrid", if template.hybrid { "true" } else { "false" }))
                .write_inner_content(|w| {
                    for (edition, markers) in
                        [("2019", &template.markers_2019), ("2021", &template.markers_2021)]
                    {
                        for marker in markers {
                            w.create_element("marker")
                                .with_attribute(("edition", edition))
                                .write_text_content(escaped(marker))?;
                        }
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
        w.create_element("sections").write_inner_content(|w| {
            for section in &report.sections {
                w.create_element("section")
                    .with_attribute(("kind", section_kind(section.kind)))
                    .write_inner_content(|w| {
                        spanned_text(w, "heading", &section.heading)?;
                        spanned_text(
                            w,
                            "body",
                            &Spanned {
                                value: section.text.clone(),
                                span: Some(section.body),
                            },
                        )?;
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
        if let Some(version) = metadata.template.version {
            for id in [TableId::T2, TableId::T3, TableId::T4] {
                let Some(table) = report.table(id) else { continue };
                let spec = template::spec(id, version);
                w.create_element("table")
                    .with_attribute(("id", id.key()))
                    .write_inner_content(|w| {
                        for row in &table.rows {
                            let Some(row_spec) = spec.row(&row.key) else {
                                continue;
                            };
                            w.create_element("row")
                                .with_attribute(("key", row.key.as_str()))
                                .with_attribute(("label", row_spec.label))
                                .write_inner_content(|w| {
                                    if let Some(label) = &row.label {
                                        spanned_text(w, "printed", label)?;
                                    }
                                    for (cell, column) in row.cells.iter().zip(row_spec.columns) {
                                        write_cell(w, id, &row.key, column, cell)?;
                                    }
                                    Ok(())
                                })?;
                        }
                        Ok(())
                    })?;
            }
        }
        w.create_element("diagnostics").write_inner_content(|w| {
            for d in &document.diagnostics {
                with_span(
                    w.create_element("diagnostic")
                        .with_attribute(("code", d.code.as_str()))
                        .with_attribute(("severity", severity(d.severity))),
                    d.span,
                )
                .write_inner_content(|w| {
                    w.create_element("message")
                        .write_text_content(escaped(&d.message))?;
                    for fact in &d.facts {
                        w.create_element("fact").write_text_content(escaped(fact))?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
        w.create_element("findings").write_inner_content(|w| {
            for f in &document.findings {
                let status = match f.status {
                    nianbao_model::Status::Failed => "failed",
                    nianbao_model::Status::Incomplete => "incomplete",
                    nianbao_model::Status::Note => "note",
                };
                w.create_element("finding")
                    .with_attribute(("rule", f.rule.as_str()))
                    .with_attribute(("name", f.name.as_str()))
                    .with_attribute(("severity", severity(f.severity)))
                    .with_attribute(("status", status))
                    .write_inner_content(|w| {
                        w.create_element("message")
                            .write_text_content(escaped(&f.message))?;
                        if let Some(hint) = &f.hint {
                            w.create_element("hint").write_text_content(escaped(hint))?;
                        }
                        for cell in &f.cells {
                            w.create_element("fact").write_text_content(escaped(cell))?;
                        }
                        for span in &f.spans {
                            with_place(w.create_element("at"), span.place)
                                .write_text_content(escaped(&span_text(span)))?;
                        }
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
        Ok(())
    })?;
    w.get_mut().write_all(b"\n")
}

fn with_span<'a, 'w>(
    element: quick_xml::writer::ElementWriter<'a, &'w mut dyn Write>,
    span: Option<Span>,
) -> quick_xml::writer::ElementWriter<'a, &'w mut dyn Write> {
    match span {
        Some(span) => with_place(
            element.with_attribute(("at", span_text(&span).as_str())),
            span.place,
        ),
        None => element,
    }
}

/// `page` and `box` attributes for a place on a page.
fn with_place<'a, 'w>(
    element: quick_xml::writer::ElementWriter<'a, &'w mut dyn Write>,
    place: Option<PagePlace>,
) -> quick_xml::writer::ElementWriter<'a, &'w mut dyn Write> {
    match place {
        Some(place) => {
            let [x0, y0, x1, y1] = place.bbox;
            element
                .with_attribute(("page", place.page.to_string().as_str()))
                .with_attribute(("box", format!("{x0} {y0} {x1} {y1}").as_str()))
        }
        None => element,
    }
}

fn spanned_text(w: &mut W, name: &str, value: &Spanned<String>) -> Result<()> {
    with_span(w.create_element(name), value.span).write_text_content(escaped(&value.value))?;
    Ok(())
}

/// Text content, escaped; carriage returns as `&#13;` so that a reader's end-of-line
/// normalisation keeps them.
fn escaped(value: &str) -> BytesText<'static> {
    let escaped = quick_xml::escape::escape(value).replace('\r', "&#13;");
    BytesText::from_escaped(escaped)
}

fn write_cell(
    w: &mut W,
    table: TableId,
    row: &str,
    column: &ColumnSpec,
    cell: &nianbao_model::Cell,
) -> Result<()> {
    let key = template::fact_key(table, row, column.key);
    with_span(
        w.create_element("cell")
            .with_attribute(("key", key.as_str()))
            .with_attribute(("column", column.label)),
        cell.span,
    )
    .write_inner_content(|w| {
        match &cell.value {
            CellValue::Number { number } => {
                let element = match (number.integer(), column.kind) {
                    (Some(v), ValueKind::Count) if v >= 0 && !number.printed().starts_with('+') => "count",
                    (Some(_), _) => "integer",
                    (None, _) => "decimal",
                };
                w.create_element(element)
                    .write_text_content(escaped(number.printed()))?;
            }
            CellValue::Quantity { number, unit } => {
                w.create_element("quantity")
                    .with_attribute(("unit", unit.as_str()))
                    .write_text_content(escaped(number.printed()))?;
            }
            CellValue::Blank => {
                w.create_element("blank").write_empty()?;
            }
            CellValue::Placeholder { text } => {
                w.create_element("placeholder")
                    .write_text_content(escaped(text))?;
            }
            CellValue::Text { text } => {
                w.create_element("text").write_text_content(escaped(text))?;
            }
            CellValue::Unresolved { reason } => {
                w.create_element("unresolved")
                    .with_attribute(("reason", reason.as_str()))
                    .write_empty()?;
            }
        }
        Ok(())
    })?;
    Ok(())
}

/// The XML name of a section kind.
pub fn section_kind(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::Overview => "overview",
        SectionKind::Proactive => "proactive",
        SectionKind::Applications => "applications",
        SectionKind::ReviewLitigation => "review_litigation",
        SectionKind::Problems => "problems",
        SectionKind::Other => "other",
    }
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}
