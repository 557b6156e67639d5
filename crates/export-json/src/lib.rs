//! The JSON exporter: nianbao's JSON format ([`nianbao_format::json`]) as an output plugin. The
//! format — the whole document plus a flat `facts` view — is defined, written and read back in
//! `nianbao-format`; its schema is `schemas/nianbao-report.schema.json`.

use nianbao_export::{ExportContext, ExportError, Exporter, ExporterEntry};
use nianbao_model::Document;
use std::io::Write;

/// Writes nianbao's JSON format.
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
        Ok(nianbao_format::json::write(document, out)?)
    }
}

inventory::submit! { ExporterEntry(&JsonExporter) }
