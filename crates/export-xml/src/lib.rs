//! XML export: the report in the namespaced format of [`nianbao_format::xml`] for submission to the level
//! above — provenance (source file, its SHA-256, the tool's version), metadata, template version,
//! the sections' text, every table cell with its fact key and Chinese column label, the reader's
//! diagnostics and the findings. Schema: `schemas/nianbao-report-1.xsd`; every export validates
//! against it.

use nianbao_export::{ExportContext, ExportError, Exporter, ExporterEntry};
use nianbao_model::Document;
use std::io::Write;

/// Writes the XML format.
pub struct XmlExporter;

impl Exporter for XmlExporter {
    fn name(&self) -> &'static str {
        "xml"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["xml"]
    }

    fn description(&self) -> &'static str {
        "报送用 XML（命名空间 urn:nianbao:report:1，附 XSD）：全部单元格、正文、核对结果和来源"
    }

    fn export(
        &self,
        document: &Document,
        _context: &ExportContext,
        out: &mut dyn Write,
    ) -> Result<(), ExportError> {
        let mut buffer = Vec::new();
        nianbao_format::xml::write(document, &mut buffer)?;
        out.write_all(&buffer)?;
        Ok(())
    }
}

inventory::submit! { ExporterEntry(&XmlExporter) }
