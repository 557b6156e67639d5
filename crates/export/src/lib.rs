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
//! fonts, options — comes in through [`ExportContext`], typed and resolved by the caller;
//! exporters read no clock, no environment and no font directory.
//!
//! [`resolve`] picks the exporter for a command line's `--to` or output file name, in one place.

mod context;

pub use context::{ExportContext, FindFonts, FontFile, FontFinder, Timestamp, TimestampError};
use nianbao_model::Document;
use std::io::Write;
use std::path::Path;

/// The error type exporters keep as the source of a failure.
pub type Source = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing the output failed.
    #[error("写出失败")]
    Io(#[from] std::io::Error),
    /// The exporter could not represent the document.
    #[error("{format} 导出失败：{message}")]
    Format {
        /// The exporter's name.
        format: &'static str,
        /// What went wrong, for the person running the export.
        message: String,
        /// The underlying error, when there is one.
        #[source]
        source: Option<Source>,
    },
}

impl ExportError {
    /// A failure of exporter `format` described by `message`.
    pub fn format(format: &'static str, message: impl Into<String>) -> ExportError {
        ExportError::Format {
            format,
            message: message.into(),
            source: None,
        }
    }

    /// A failure of exporter `format` described by `message`, caused by `source`.
    pub fn caused(
        format: &'static str,
        message: impl Into<String>,
        source: impl Into<Source>,
    ) -> ExportError {
        ExportError::Format {
            format,
            message: message.into(),
            source: Some(source.into()),
        }
    }
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

/// Why no exporter could be chosen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// `--to` names no exporter.
    #[error("没有名为“{name}”的输出格式\n提示：可用的格式有 {known}")]
    UnknownName {
        /// The name given.
        name: String,
        /// The known names.
        known: String,
    },
    /// The output's extension is no exporter's.
    #[error("没有输出格式写 .{extension} 文件\n提示：可用的格式有 {known}（用 --to 指定，或给输出文件相应的扩展名）")]
    UnknownExtension {
        /// The extension, without the dot.
        extension: String,
        /// The known names.
        known: String,
    },
    /// The output has no extension and no `--to` was given.
    #[error("无法从“{output}”看出输出格式\n提示：给输出文件加上扩展名（如 .xlsx），或用 --to 指定格式")]
    NoExtension {
        /// The output path.
        output: String,
    },
}

/// The exporter for an output: named by `format` (`--to`), else by the extension of `output`,
/// else JSON when there is no output file (standard output, `-`).
///
/// # Errors
/// [`ResolveError`] when the name or the extension is no exporter's, or the output has no
/// extension.
pub fn resolve(format: Option<&str>, output: Option<&Path>) -> Result<&'static dyn Exporter, ResolveError> {
    let known = || {
        exporters()
            .iter()
            .map(|e| e.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(name) = format {
        return by_name(name).ok_or_else(|| ResolveError::UnknownName {
            name: name.to_owned(),
            known: known(),
        });
    }
    match output.filter(|o| *o != Path::new("-")) {
        Some(output) => {
            let extension = output
                .extension()
                .map(|e| e.to_string_lossy().into_owned())
                .ok_or_else(|| ResolveError::NoExtension {
                    output: output.display().to_string(),
                })?;
            by_extension(&extension).ok_or_else(|| ResolveError::UnknownExtension {
                extension,
                known: known(),
            })
        }
        None => by_name("json").ok_or_else(|| ResolveError::UnknownName {
            name: "json".to_owned(),
            known: known(),
        }),
    }
}
