//! The JSON format: the whole parsed document, plus a flat `facts` view.
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
//! a final newline and is byte-identical for the same input. Reading back takes the document
//! (`source`, `report`, `diagnostics`, `findings`, `constituents`); the summary fields and `facts`
//! are derived from it and only checked for shape.

use nianbao_model::{
    facts, Constituent, Diagnostic, Document, FactValue, Finding, Report, SourceInfo, TemplateVersion,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;

/// The largest JSON document read back, in bytes.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// The JSON document: what the exporter writes and the reader reads back.
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

    /// The document this JSON holds.
    pub fn into_document(self) -> Document {
        Document {
            source: self.source,
            report: self.report,
            diagnostics: self.diagnostics,
            findings: self.findings,
            constituents: self.constituents,
            pages: nianbao_model::PageMap::default(),
        }
    }
}

/// Why a JSON document could not be read back.
#[derive(Debug, thiserror::Error)]
pub enum JsonError {
    /// Larger than [`MAX_BYTES`].
    #[error("JSON 文件过大（{0} 字节，上限 {MAX_BYTES} 字节）")]
    TooLarge(usize),
    /// Not JSON, or not this format.
    #[error("第 {line} 行第 {column} 列：{source}")]
    Invalid {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What serde_json found.
        #[source]
        source: serde_json::Error,
    },
}

/// Writes `document` as pretty-printed JSON with a final newline.
///
/// # Errors
/// Any error of `out`.
pub fn write(document: &Document, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &JsonReport::new(document))?;
    out.write_all(b"\n")
}

/// Reads a document written by [`write()`]. serde_json bounds nesting (128 levels).
///
/// # Errors
/// [`JsonError`] when the text is too large, not JSON, or not this format.
pub fn read(text: &str) -> Result<Document, JsonError> {
    if text.len() > MAX_BYTES {
        return Err(JsonError::TooLarge(text.len()));
    }
    let report: JsonReport = serde_json::from_str(text).map_err(|source| JsonError::Invalid {
        line: source.line(),
        column: source.column(),
        source,
    })?;
    Ok(report.into_document())
}

/// The JSON Schema of [`JsonReport`], pretty-printed with a final newline.
pub fn schema() -> String {
    let schema = schemars::schema_for!(JsonReport);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

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

    #[test]
    fn errors_give_the_place() {
        let error = super::read("{\n  \"nianbao\": 1\n}").unwrap_err();
        assert!(error.to_string().starts_with("第 2 行"), "{error}");
    }
}
