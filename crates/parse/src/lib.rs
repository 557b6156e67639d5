//! Readers for `nianbao`: report files in, [`Document`]s out.
//!
//! [`parse`] picks a reader from [`READERS`] — plain text, HTML pages, Word documents (DOCX),
//! Markdown, and nianbao's own JSON and XML read back — by the file's extension, or by its
//! content when the name has none, and reads the report. Reading never fails on messy content:
//! it returns the report plus diagnostics. It fails only on input that is not a report at all
//! ([`ParseError`]).
//!
//! The crate is layered so that every input kind meets the same code as early as possible:
//!
//! * [`decode`]: bytes to text (BOM, UTF-8, GBK/GB18030 detection);
//! * `readers`: one reader per kind; structured documents become a flow of paragraphs and
//!   tables;
//! * `layout`: that flow laid out as text, one line per paragraph or table row, plus the rows;
//! * `document`: the report's sections, metadata and template version from the text;
//! * `table`: the one table reader, Tables 2–4 from text regions or from rows.
//!
//! Matching is done on a normalised view of the text ([`nianbao_normalize`]); the text a report
//! keeps is always the original.

pub mod decode;
mod document;
pub mod error;
mod layout;
mod lines;
mod readers;
mod table;

pub use error::ParseError;
use nianbao_model::{Code, Constituent, Diagnostic, Document, Finding, PageMap, Report, SourceInfo};
pub use readers::docx::OLE_MAGIC;
pub use readers::{reader_for, reader_for_content, Reader, READERS};
use std::borrow::Cow;

/// What a reader gives back.
#[derive(Debug)]
pub(crate) struct Read<'a> {
    /// The report.
    report: Report,
    /// What the reader noticed (or, read back, what the original reader noticed).
    diagnostics: Vec<Diagnostic>,
    /// Findings carried by the input (nianbao's own JSON or XML); empty for source documents.
    findings: Vec<Finding>,
    /// The original provenance, when the input is nianbao's own output.
    source: Option<SourceInfo>,
    /// The constituents, when the input is nianbao's own aggregate.
    constituents: Vec<Constituent>,
    /// The text the report's spans point into: the decoded input, or for HTML, DOCX and Markdown
    /// the text they were laid out as.
    text: Cow<'a, str>,
    /// The character encoding the bytes were decoded from (`UTF-8`, `GBK`, …).
    encoding: &'static str,
    /// Whether the input started with a byte-order mark.
    bom: bool,
    /// For a printed input, where the text stands on its pages.
    pages: PageMap,
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
            pages: PageMap::default(),
        }
    }

    /// nianbao's own output read back from `decoded`.
    fn own_format(document: Document, decoded: decode::Decoded<'a>) -> Self {
        Read {
            report: document.report,
            diagnostics: document.diagnostics,
            findings: document.findings,
            source: Some(document.source),
            constituents: document.constituents,
            text: decoded.text,
            encoding: decoded.encoding,
            bom: decoded.bom,
            pages: PageMap::default(),
        }
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
        pages,
    } = (reader.read)(bytes)?;
    if let Some(source) = source {
        // nianbao's own output read back: the report keeps its original provenance.
        let document = Document {
            source,
            report,
            diagnostics,
            findings,
            constituents,
            pages,
        };
        return Ok((document, text));
    }
    if encoding != "UTF-8" {
        diagnostics.insert(
            0,
            Diagnostic::new(Code::Encoding, format!("文件按 {encoding} 编码读取")),
        );
    }
    let file = std::path::Path::new(file_name)
        .file_name()
        .map_or_else(|| file_name.to_owned(), |n| n.to_string_lossy().into_owned());
    let mut document = Document {
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
        pages,
    };
    document.locate();
    Ok((document, text))
}
