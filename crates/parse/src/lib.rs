//! Readers for `nianbao`: report files in, [`Document`]s out.
//!
//! [`parse`] picks a reader by the file's extension from [`READERS`] (plain text, and nianbao's own
//! JSON and XML read back), decodes the bytes ([`decode`]) and reads the report. Reading never fails on messy content — it returns the report
//! plus diagnostics; it fails only on input that is not a report at all ([`ParseError`]).
//!
//! Matching is done on a normalised view of the text ([`nianbao_normalize`]); the text a report
//! keeps is always the original.

pub mod decode;
pub mod error;
pub mod text;

pub use error::ParseError;
use nianbao_model::{Constituent, Diagnostic, Document, Finding, InputKind, Report, Severity, SourceInfo};

/// What a reader gives back.
#[derive(Debug)]
pub struct Read {
    /// The report.
    pub report: Report,
    /// What the reader noticed (or, read back, what the original reader noticed).
    pub diagnostics: Vec<Diagnostic>,
    /// Findings carried by the input (nianbao's own JSON or XML); empty for source documents.
    pub findings: Vec<Finding>,
    /// The original provenance, when the input is nianbao's own output.
    pub source: Option<SourceInfo>,
    /// The constituents, when the input is nianbao's own aggregate.
    pub constituents: Vec<Constituent>,
}

/// A reader's entry point: decoded text in, what it read out.
pub type ReadFn = fn(&str) -> Result<Read, ParseError>;

/// One reader: the kind of input it reads and the file extensions it claims.
#[derive(Debug)]
pub struct Reader {
    /// What it reads.
    pub kind: InputKind,
    /// Extensions, lowercase, without the dot.
    pub extensions: &'static [&'static str],
    /// Reads decoded text.
    pub read: ReadFn,
}

/// Every reader, in the order extensions are matched.
pub static READERS: &[Reader] = &[
    Reader {
        kind: InputKind::Text,
        extensions: &["txt", "text"],
        read: read_text,
    },
    Reader {
        kind: InputKind::Json,
        extensions: &["json"],
        read: read_json,
    },
    Reader {
        kind: InputKind::Xml,
        extensions: &["xml"],
        read: read_xml,
    },
];

fn read_text(text: &str) -> Result<Read, ParseError> {
    let (report, diagnostics) = text::read(text)?;
    Ok(Read {
        report,
        diagnostics,
        findings: Vec::new(),
        source: None,
        constituents: Vec::new(),
    })
}

/// The parts of nianbao's JSON export that make up the document (the `facts` view and the other
/// summary fields are derived and ignored).
#[derive(serde::Deserialize)]
struct StoredJson {
    source: SourceInfo,
    report: Report,
    #[serde(default)]
    diagnostics: Vec<Diagnostic>,
    #[serde(default)]
    findings: Vec<Finding>,
    #[serde(default)]
    constituents: Vec<Constituent>,
}

fn read_json(text: &str) -> Result<Read, ParseError> {
    let stored: StoredJson = serde_json::from_str(text).map_err(|e| ParseError::Invalid {
        format: "JSON",
        detail: format!("第 {} 行第 {} 列：{e}", e.line(), e.column()),
    })?;
    Ok(Read {
        report: stored.report,
        diagnostics: stored.diagnostics,
        findings: stored.findings,
        source: Some(stored.source),
        constituents: stored.constituents,
    })
}

fn read_xml(text: &str) -> Result<Read, ParseError> {
    let document = nianbao_xml::read(text).map_err(|e| ParseError::Invalid {
        format: "XML",
        detail: e.to_string(),
    })?;
    Ok(Read {
        report: document.report,
        diagnostics: document.diagnostics,
        findings: document.findings,
        source: Some(document.source),
        constituents: document.constituents,
    })
}

/// The reader for a file name, by extension. Names without one (standard input, `README`-style
/// names) are sniffed from the content: nianbao's XML or JSON, else text.
pub fn reader_for(file_name: &str) -> Result<&'static Reader, ParseError> {
    reader_for_content(file_name, &[])
}

fn reader_for_content(file_name: &str, bytes: &[u8]) -> Result<&'static Reader, ParseError> {
    let extension = std::path::Path::new(file_name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase());
    match extension {
        None => {
            let start = bytes
                .strip_prefix(b"\xEF\xBB\xBF")
                .unwrap_or(bytes)
                .trim_ascii_start();
            let kind = if start.starts_with(b"<?xml") || start.starts_with(b"<report") {
                InputKind::Xml
            } else if start.starts_with(b"{") {
                InputKind::Json
            } else {
                InputKind::Text
            };
            Ok(READERS.iter().find(|r| r.kind == kind).unwrap_or(&READERS[0]))
        }
        Some(extension) => READERS
            .iter()
            .find(|r| r.extensions.contains(&extension.as_str()))
            .ok_or_else(|| ParseError::UnknownFormat {
                supported: READERS
                    .iter()
                    .flat_map(|r| r.extensions.iter().map(|e| format!(".{e}")))
                    .collect::<Vec<_>>()
                    .join(" "),
                extension: format!(".{extension}"),
            }),
    }
}

/// Reads one input. `file_name` picks the reader and is recorded as the source (directories are
/// dropped).
pub fn parse(bytes: &[u8], file_name: &str) -> Result<Document, ParseError> {
    let reader = reader_for_content(file_name, bytes)?;
    let decoded = decode::decode(bytes)?;
    let Read {
        report,
        mut diagnostics,
        findings,
        source,
        constituents,
    } = (reader.read)(&decoded.text)?;
    if let Some(source) = source {
        // nianbao's own output read back: the report keeps its original provenance.
        return Ok(Document {
            source,
            report,
            diagnostics,
            findings,
            constituents,
        });
    }
    if decoded.encoding != "UTF-8" {
        diagnostics.insert(
            0,
            Diagnostic::new(
                "encoding",
                Severity::Info,
                format!("文件按 {} 编码读取", decoded.encoding),
            ),
        );
    }
    let file = std::path::Path::new(file_name)
        .file_name()
        .map_or_else(|| file_name.to_owned(), |n| n.to_string_lossy().into_owned());
    Ok(Document {
        source: SourceInfo {
            file,
            kind: reader.kind,
            encoding: decoded.encoding.to_owned(),
            bom: decoded.bom,
            sha256: None,
        },
        report,
        diagnostics,
        findings,
        constituents,
    })
}
