//! JSON export: the whole parsed document, plus a flat `facts` view.
//!
//! Output shape (see `schemas/nianbao-report.schema.json`, generated from [`JsonReport`]):
//!
//! ```json
//! {
//!   "nianbao": "0.1.0",          // version of the tool that wrote it
//!   "agency": "天池镇人民政府",   // issuing body, or null
//!   "year": 2022,                 // report (data) year, or null
//!   "format": "2021",             // template version "2019" / "2021", or null
//!   "facts": { "t2.regulations.issued": 0, … },  // every cell by fact key, template order
//!   "source": { "file": …, "kind": "text", "encoding": "UTF-8", "bom": false },
//!   "report": { … },              // the full model: metadata, sections, tables with spans
//!   "diagnostics": [ … ],         // what the reader noticed
//!   "findings": [ … ]             // what the rules found (rule, severity, message, cells, spans)
//! }
//! ```
//!
//! A fact is a number, `null` for a blank or undetermined cell, or the printed text of a
//! placeholder or of a number with its unit (`fact-keys.md`). Output is pretty-printed UTF-8 with
//! a final newline and is byte-identical for the same input.

use nianbao_export::{ExportContext, ExportError, Exporter, ExporterEntry};
use nianbao_model::{
    facts, Constituent, Diagnostic, Document, FactValue, Finding, Report, SourceInfo, TemplateVersion,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;

/// The JSON document written by this exporter.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
pub struct JsonReport {
    /// Version of `nianbao` that wrote the file.
    pub nianbao: String,
    /// Issuing body, as printed.
    pub agency: Option<String>,
    /// Report (data) year.
    pub year: Option<i32>,
    /// Template version of the tables.
    pub format: Option<TemplateVersion>,
    /// Every table cell by fact key, in template order.
    #[schemars(with = "BTreeMap<String, FactValue>")]
    pub facts: serde_json::Map<String, serde_json::Value>,
    /// Where the report came from.
    pub source: SourceInfo,
    /// The full model.
    pub report: Report,
    /// What the reader noticed.
    pub diagnostics: Vec<Diagnostic>,
    /// What the rules found.
    pub findings: Vec<Finding>,
    /// For an aggregate, the reports it sums.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constituents: Vec<Constituent>,
}

impl JsonReport {
    /// The JSON view of `document`.
    pub fn new(document: &Document) -> JsonReport {
        let metadata = &document.report.metadata;
        let facts = facts(&document.report)
            .into_iter()
            .map(|(key, value)| {
                let json = serde_json::to_value(&value).unwrap_or(serde_json::Value::Null);
                (key, json)
            })
            .collect();
        JsonReport {
            nianbao: env!("CARGO_PKG_VERSION").to_owned(),
            agency: metadata.agency.as_ref().map(|a| a.value.clone()),
            year: metadata.year.as_ref().map(|y| y.value),
            format: metadata.template.version,
            facts,
            source: document.source.clone(),
            report: document.report.clone(),
            diagnostics: document.diagnostics.clone(),
            findings: document.findings.clone(),
            constituents: document.constituents.clone(),
        }
    }
}

/// The JSON Schema of [`JsonReport`], pretty-printed with a final newline.
pub fn schema() -> String {
    let schema = schemars::schema_for!(JsonReport);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes [`JsonReport`]s.
pub struct JsonExporter;

impl Exporter for JsonExporter {
    fn name(&self) -> &'static str {
        "json"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["json"]
    }

    fn description(&self) -> &'static str {
        "完整模型、诊断信息和按事实键展开的表格数据（JSON）"
    }

    fn export(
        &self,
        document: &Document,
        _context: &ExportContext,
        out: &mut dyn Write,
    ) -> Result<(), ExportError> {
        let json = JsonReport::new(document);
        serde_json::to_writer_pretty(&mut *out, &json).map_err(|e| ExportError::Format {
            format: "json",
            message: e.to_string(),
        })?;
        out.write_all(b"\n")?;
        Ok(())
    }
}

inventory::submit! { ExporterEntry(&JsonExporter) }

#[cfg(test)]
mod tests {
    #[test]
    fn published_schema_is_current() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../schemas/nianbao-report.schema.json"
        );
        let published = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            published == super::schema(),
            "schemas/nianbao-report.schema.json is stale: run `cargo xtask codegen`"
        );
    }
}
