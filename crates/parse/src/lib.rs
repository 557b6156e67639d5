//! Readers for `nianbao`: report files in, [`Document`]s out.
//!
//! [`parse`] picks a reader by the file's extension from [`READERS`], decodes the bytes
//! ([`decode`]) and reads the report. Reading never fails on messy content — it returns the report
//! plus diagnostics; it fails only on input that is not a report at all ([`ParseError`]).
//!
//! Matching is done on a normalised view of the text ([`nianbao_normalize`]); the text a report
//! keeps is always the original.

pub mod decode;
pub mod error;
pub mod text;

pub use error::ParseError;
use nianbao_model::{Diagnostic, Document, InputKind, Severity, SourceInfo};

/// A reader's entry point: decoded text in, the report and the reader's diagnostics out.
pub type ReadFn = fn(&str) -> Result<(nianbao_model::Report, Vec<Diagnostic>), ParseError>;

/// One reader: the kind of input it reads and the file extensions it claims.
#[derive(Debug)]
pub struct Reader {
    /// What it reads.
    pub kind: InputKind,
    /// Extensions, lowercase, without the dot.
    pub extensions: &'static [&'static str],
    /// Reads decoded text into a report and diagnostics.
    pub read: ReadFn,
}

/// Every reader, in the order extensions are matched.
pub static READERS: &[Reader] = &[Reader {
    kind: InputKind::Text,
    extensions: &["txt", "text"],
    read: text::read,
}];

/// The reader for a file name: by extension, or the text reader for names without one (standard
/// input, `README`-style names).
pub fn reader_for(file_name: &str) -> Result<&'static Reader, ParseError> {
    let extension = std::path::Path::new(file_name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase());
    match extension {
        None => Ok(&READERS[0]),
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
    let reader = reader_for(file_name)?;
    let decoded = decode::decode(bytes)?;
    let (report, mut diagnostics) = (reader.read)(&decoded.text)?;
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
        findings: Vec::new(),
    })
}
