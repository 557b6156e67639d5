//! The exporter registry of `nianbao`.
//!
//! Each output format lives in its own crate (`nianbao-export-json`, …) that implements
//! [`Exporter`] and registers a `&'static` instance with `inventory::submit!` as an
//! [`ExporterEntry`]. [`exporters`] lists every registered exporter, sorted by name;
//! [`by_name`] and [`by_extension`] find one.
//!
//! An exporter crate that the final binary never names is not linked, and its registration
//! silently disappears: the binary must reference every exporter crate (`use nianbao_export_json
//! as _;`), and a test pins the exact list.
//!
//! Everything that could make output differ between two runs on the same input — a timestamp,
//! options — comes in through [`ExportContext`]; exporters read no clock and no environment.

use nianbao_model::Document;
use std::io::Write;

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing the output failed.
    #[error("写出失败：{0}")]
    Io(#[from] std::io::Error),
    /// The exporter could not represent the document.
    #[error("{format} 导出失败：{message}")]
    Format {
        /// The exporter's name.
        format: &'static str,
        /// What went wrong.
        message: String,
    },
}

/// Everything outside the document that an export may depend on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportContext {
    /// The creation time to record in outputs that carry one (RFC 3339). `None` records none.
    pub created: Option<String>,
    /// A font to set documents in, as `PATH[#index]`, before the built-in one (PDF).
    pub font: Option<String>,
    /// Whether to append the findings to documents that are read by people (PDF).
    pub with_findings: bool,
}

/// One output format.
pub trait Exporter: Sync {
    /// Short lowercase name (`json`), used by `--to`.
    fn name(&self) -> &'static str;
    /// File extensions it writes, lowercase, without the dot; the first is the default.
    fn extensions(&self) -> &'static [&'static str];
    /// One line for `nianbao formats`.
    fn description(&self) -> &'static str;
    /// Writes `document` to `out`.
    ///
    /// # Errors
    /// [`ExportError::Io`] when writing fails, [`ExportError::Format`] when the format cannot
    /// represent the document.
    fn export(
        &self,
        document: &Document,
        context: &ExportContext,
        out: &mut dyn Write,
    ) -> Result<(), ExportError>;
}

/// A registered exporter.
pub struct ExporterEntry(pub &'static dyn Exporter);

inventory::collect!(ExporterEntry);

/// Every registered exporter, sorted by name.
pub fn exporters() -> Vec<&'static dyn Exporter> {
    let mut all: Vec<&'static dyn Exporter> = inventory::iter::<ExporterEntry>
        .into_iter()
        .map(|e| e.0)
        .collect();
    all.sort_by_key(|e| e.name());
    all
}

/// The exporter called `name` (case-insensitive).
pub fn by_name(name: &str) -> Option<&'static dyn Exporter> {
    exporters()
        .into_iter()
        .find(|e| e.name().eq_ignore_ascii_case(name))
}

/// The exporter that writes files with `extension` (without the dot, case-insensitive).
pub fn by_extension(extension: &str) -> Option<&'static dyn Exporter> {
    let extension = extension.to_ascii_lowercase();
    exporters()
        .into_iter()
        .find(|e| e.extensions().contains(&extension.as_str()))
}
