//! Readers for `nianbao`: report files in, [`Document`]s out.
//!
//! [`parse`] picks a reader by the file's extension from [`READERS`] — plain text, HTML pages,
//! Word documents (DOCX), Markdown, and nianbao's own JSON and XML read back — and reads the
//! report. Reading never fails on messy content: it returns the report plus diagnostics. It fails
//! only on input that is not a report at all ([`ParseError`]).
//!
//! Text is decoded by [`decode`]. HTML, DOCX and Markdown become a flow of paragraphs and tables
//! ([`structured`]), laid out as text for the text reader, with their tables read cell by cell.
//! Matching is done on a normalised view of the text ([`nianbao_normalize`]); the text a report
//! keeps is always the original.

pub mod decode;
pub mod docx;
pub mod error;
pub mod html;
pub mod markdown;
pub mod structured;
pub mod text;

pub use error::ParseError;
use nianbao_model::{Constituent, Diagnostic, Document, Finding, InputKind, Report, Severity, SourceInfo};
use std::borrow::Cow;

/// What a reader gives back.
#[derive(Debug)]
pub struct Read<'a> {
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
    /// The text the report's spans point into: the decoded input, or for HTML, DOCX and Markdown
    /// the text they were laid out as ([`structured::extract`]).
    pub text: Cow<'a, str>,
    /// The character encoding the bytes were decoded from (`UTF-8`, `GBK`, …).
    pub encoding: &'static str,
    /// Whether the input started with a byte-order mark.
    pub bom: bool,
}

impl<'a> Read<'a> {
    /// What a reader of source documents gives back: a report read from `text`.
    fn source_document(
        report: Report,
        diagnostics: Vec<Diagnostic>,
        text: Cow<'a, str>,
        encoding: &'static str,
        bom: bool,
    ) -> Self {
        Read {
            report,
            diagnostics,
            findings: Vec::new(),
            source: None,
            constituents: Vec::new(),
            text,
            encoding,
            bom,
        }
    }
}

/// A reader's entry point: the input's bytes in, what it read out.
pub type ReadFn = for<'a> fn(&'a [u8]) -> Result<Read<'a>, ParseError>;

/// One reader: the kind of input it reads and the file extensions it claims.
#[derive(Debug)]
pub struct Reader {
    /// What it reads.
    pub kind: InputKind,
    /// Extensions, lowercase, without the dot.
    pub extensions: &'static [&'static str],
    /// Reads the bytes.
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
        kind: InputKind::Html,
        extensions: &["html", "htm", "shtml", "xhtml"],
        read: html::read,
    },
    Reader {
        kind: InputKind::Docx,
        extensions: &["docx"],
        read: docx::read,
    },
    Reader {
        kind: InputKind::Markdown,
        extensions: &["md", "markdown"],
        read: markdown::read,
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

fn read_text(bytes: &[u8]) -> Result<Read<'_>, ParseError> {
    let decoded = decode::decode(bytes)?;
    let (report, diagnostics) = text::read(&decoded.text)?;
    Ok(Read::source_document(
        report,
        diagnostics,
        decoded.text,
        decoded.encoding,
        decoded.bom,
    ))
}

/// Reads a structured document's blocks: lays them out as text, then reads the report from it
/// with the tables taken from their rows.
fn read_blocks<'a>(
    blocks: &[structured::Block],
    format: &'static str,
    encoding: &'static str,
    bom: bool,
) -> Result<Read<'a>, ParseError> {
    let extracted = structured::extract(blocks, format)?;
    let (report, diagnostics) = text::read_with_rows(&extracted.text, Some(&extracted.rows))?;
    Ok(Read::source_document(
        report,
        diagnostics,
        Cow::Owned(extracted.text),
        encoding,
        bom,
    ))
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

fn read_json(bytes: &[u8]) -> Result<Read<'_>, ParseError> {
    let decoded = decode::decode(bytes)?;
    let stored: StoredJson = serde_json::from_str(&decoded.text).map_err(|e| ParseError::Invalid {
        format: "JSON",
        detail: format!("第 {} 行第 {} 列：{e}", e.line(), e.column()),
    })?;
    Ok(Read {
        report: stored.report,
        diagnostics: stored.diagnostics,
        findings: stored.findings,
        source: Some(stored.source),
        constituents: stored.constituents,
        text: decoded.text,
        encoding: decoded.encoding,
        bom: decoded.bom,
    })
}

fn read_xml(bytes: &[u8]) -> Result<Read<'_>, ParseError> {
    let decoded = decode::decode(bytes)?;
    let document = nianbao_xml::read(&decoded.text).map_err(|e| ParseError::Invalid {
        format: "XML",
        detail: e.to_string(),
    })?;
    Ok(Read {
        report: document.report,
        diagnostics: document.diagnostics,
        findings: document.findings,
        source: Some(document.source),
        constituents: document.constituents,
        text: decoded.text,
        encoding: decoded.encoding,
        bom: decoded.bom,
    })
}

/// Extensions of binary word-processor formats that are refused with advice to save as `.docx`.
const LEGACY_WORD: &[&str] = &["doc", "wps", "dot", "wpt"];

/// The reader for a file name, by extension. Names without one (standard input, `README`-style
/// names) are sniffed from the content: nianbao's XML or JSON, else text.
pub fn reader_for(file_name: &str) -> Result<&'static Reader, ParseError> {
    reader_for_content(file_name, &[])
}

/// The reader [`parse`] uses for an input: by extension, or for names without one, by content.
pub fn reader_for_content(file_name: &str, bytes: &[u8]) -> Result<&'static Reader, ParseError> {
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
            } else if start.starts_with(b"PK\x03\x04") {
                InputKind::Docx
            } else if start.starts_with(docx::OLE_MAGIC) {
                return Err(ParseError::LegacyWord {
                    extension: "（无扩展名）".to_owned(),
                });
            } else if html::looks_like_html(start) {
                InputKind::Html
            } else if start.starts_with(b"{") {
                InputKind::Json
            } else {
                InputKind::Text
            };
            Ok(READERS.iter().find(|r| r.kind == kind).unwrap_or(&READERS[0]))
        }
        Some(extension) if LEGACY_WORD.contains(&extension.as_str()) => Err(ParseError::LegacyWord {
            extension: format!(".{extension}"),
        }),
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
    parse_keeping_text(bytes, file_name).map(|(document, _)| document)
}

/// Reads one input like [`parse`], and also gives back the text the report's spans point into
/// (for showing a finding in its context).
pub fn parse_keeping_text<'a>(
    bytes: &'a [u8],
    file_name: &str,
) -> Result<(Document, Cow<'a, str>), ParseError> {
    let reader = reader_for_content(file_name, bytes)?;
    let Read {
        report,
        mut diagnostics,
        findings,
        source,
        constituents,
        text,
        encoding,
        bom,
    } = (reader.read)(bytes)?;
    if let Some(source) = source {
        // nianbao's own output read back: the report keeps its original provenance.
        let document = Document {
            source,
            report,
            diagnostics,
            findings,
            constituents,
        };
        return Ok((document, text));
    }
    if encoding != "UTF-8" {
        diagnostics.insert(
            0,
            Diagnostic::new("encoding", Severity::Info, format!("文件按 {encoding} 编码读取")),
        );
    }
    let file = std::path::Path::new(file_name)
        .file_name()
        .map_or_else(|| file_name.to_owned(), |n| n.to_string_lossy().into_owned());
    let document = Document {
        source: SourceInfo {
            file,
            kind: reader.kind,
            encoding: encoding.to_owned(),
            bom,
            sha256: None,
        },
        report,
        diagnostics,
        findings,
        constituents,
    };
    Ok((document, text))
}
