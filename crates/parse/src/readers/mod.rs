//! The readers, one per input kind, in one table ([`READERS`]), and the choice of reader for an
//! input.
//!
//! Each reader's job is to produce text and, when its input has real tables, their rows:
//! plain text is decoded and read as it is; HTML ([`html`]), DOCX ([`docx`]) and Markdown
//! ([`markdown`]) become a flow of paragraphs and tables that [`crate::layout`] lays out as text
//! and rows. The report is then read from those by [`crate::document`] and [`crate::table`],
//! the same way for every kind. nianbao's own JSON and XML are read back by `nianbao-format`.

pub(crate) mod docx;
pub(crate) mod html;
pub(crate) mod markdown;
pub(crate) mod pdf;

use crate::error::ParseError;
use crate::layout::{self, Block};
use crate::{decode, document, Read};
use nianbao_model::{InputKind, PageMap};
use std::borrow::Cow;

/// A reader's entry point: the input's bytes in, what it read out.
pub(crate) type ReadFn = for<'a> fn(&'a [u8]) -> Result<Read<'a>, ParseError>;

/// One reader: the kind of input it reads and the file extensions it claims.
#[derive(Debug)]
pub struct Reader {
    /// What it reads.
    pub kind: InputKind,
    /// Extensions, lowercase, without the dot.
    pub extensions: &'static [&'static str],
    /// Reads the bytes.
    pub(crate) read: ReadFn,
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
        kind: InputKind::Pdf,
        extensions: &["pdf"],
        read: pdf::read,
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
    let (report, diagnostics) = document::read(&decoded.text, None)?;
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
pub(crate) fn read_blocks<'a>(
    blocks: &[Block],
    format: &'static str,
    encoding: &'static str,
    bom: bool,
) -> Result<Read<'a>, ParseError> {
    let extracted = layout::extract(blocks, format)?;
    let (report, diagnostics) = document::read(&extracted.text, Some(&extracted.rows))?;
    Ok(Read {
        pages: PageMap::new(extracted.pages),
        ..Read::source_document(report, diagnostics, Cow::Owned(extracted.text), encoding, bom)
    })
}

fn read_json(bytes: &[u8]) -> Result<Read<'_>, ParseError> {
    let decoded = decode::decode(bytes)?;
    let document = nianbao_format::json::read(&decoded.text).map_err(|e| ParseError::Invalid {
        format: "JSON",
        detail: e.to_string(),
    })?;
    Ok(Read::own_format(document, decoded))
}

fn read_xml(bytes: &[u8]) -> Result<Read<'_>, ParseError> {
    let decoded = decode::decode(bytes)?;
    let document = nianbao_format::xml::read(&decoded.text).map_err(|e| ParseError::Invalid {
        format: "XML",
        detail: e.to_string(),
    })?;
    Ok(Read::own_format(document, decoded))
}

/// The reader of `kind`.
fn reader_of(kind: InputKind) -> &'static Reader {
    READERS.iter().find(|r| r.kind == kind).unwrap_or(&READERS[0])
}

/// Text or Markdown, by content: Markdown when the text has a pipe table (a row of `|---|`
/// cells) or at least two ATX headings (`## 一、总体情况`); plain text otherwise, also in a `.md`
/// file. Only ASCII bytes are looked at, so the check holds before decoding.
fn text_or_markdown(bytes: &[u8]) -> InputKind {
    let mut headings = 0;
    for line in bytes.split(|&b| b == b'\n') {
        let line = line.trim_ascii();
        if markdown::is_delimiter_line(line) {
            return InputKind::Markdown;
        }
        let hashes = line.iter().take_while(|&&b| b == b'#').count();
        if (1..=6).contains(&hashes)
            && line.get(hashes).is_some_and(|&b| b == b' ')
            && line.len() > hashes + 1
        {
            headings += 1;
            if headings >= 2 {
                return InputKind::Markdown;
            }
        }
    }
    InputKind::Text
}

/// Extensions of binary word-processor formats that are refused with advice to save as `.docx`.
const LEGACY_WORD: &[&str] = &["doc", "wps", "dot", "wpt"];

/// The reader for a file name, by extension alone (names without one get the text reader).
pub fn reader_for(file_name: &str) -> Result<&'static Reader, ParseError> {
    by_name(file_name, &[])
}

/// What the first bytes of a file say it is, whatever its name says: a PDF, a zip package (a
/// Word document), a legacy binary Word file, RTF, a picture, or a web page.
enum Signature {
    Kind(InputKind),
    LegacyWord,
    Rtf,
    Image(&'static str),
}

/// The signature at the start of `bytes`, if they have one.
fn signature(bytes: &[u8]) -> Option<Signature> {
    let start = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .trim_ascii_start();
    let images: [(&[u8], &'static str); 7] = [
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\xFF\xD8\xFF", "JPEG"),
        (b"GIF87a", "GIF"),
        (b"GIF89a", "GIF"),
        (b"II*\x00", "TIFF"),
        (b"MM\x00*", "TIFF"),
        (b"BM", "BMP"),
    ];
    if pdf::looks_like_pdf(bytes) {
        Some(Signature::Kind(InputKind::Pdf))
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some(Signature::Kind(InputKind::Docx))
    } else if bytes.starts_with(docx::OLE_MAGIC) {
        Some(Signature::LegacyWord)
    } else if start.starts_with(b"{\\rtf") {
        Some(Signature::Rtf)
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some(Signature::Image("WebP"))
    } else if let Some((_, kind)) = images.iter().find(|(magic, _)| {
        bytes.starts_with(magic) && (*magic != b"BM" || bytes.len() > 14 && bytes[6..10] == [0; 4])
    }) {
        Some(Signature::Image(kind))
    } else if html::declares_html(start) {
        Some(Signature::Kind(InputKind::Html))
    } else {
        None
    }
}

/// The reader [`crate::parse`] uses for an input. The bytes are looked at first — a PDF, a Word
/// package, a legacy Word file, RTF, a picture or a web page is what its bytes say, whatever its
/// name; the extension decides the rest, and for names without one, the content.
pub fn reader_for_content(file_name: &str, bytes: &[u8]) -> Result<&'static Reader, ParseError> {
    let extension = std::path::Path::new(file_name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase());
    if bytes.trim_ascii().is_empty() {
        return Err(ParseError::Empty);
    }
    match signature(bytes) {
        Some(Signature::Kind(kind)) => return Ok(reader_of(kind)),
        Some(Signature::LegacyWord) => {
            return Err(ParseError::LegacyWord {
                extension: extension.map_or_else(|| "（无扩展名）".to_owned(), |e| format!(".{e}")),
            })
        }
        Some(Signature::Rtf) => return Err(ParseError::Rtf),
        Some(Signature::Image(kind)) => return Err(ParseError::Image { kind }),
        None => {}
    }
    by_name(file_name, bytes)
}

/// The reader for `file_name` by its extension; the content `bytes` decide between text and
/// Markdown, and what a name without extension holds.
fn by_name(file_name: &str, bytes: &[u8]) -> Result<&'static Reader, ParseError> {
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
            } else if html::looks_like_html(start) {
                InputKind::Html
            } else if start.starts_with(b"{") {
                InputKind::Json
            } else {
                text_or_markdown(bytes)
            };
            Ok(reader_of(kind))
        }
        // A legacy Word name on bytes that are none of the above: text saved under that name.
        Some(extension) if LEGACY_WORD.contains(&extension.as_str()) => {
            Ok(reader_of(text_or_markdown(bytes)))
        }
        // Content decides between plain text and Markdown; the extension is only a hint.
        Some(extension) if ["txt", "text", "md", "markdown"].contains(&extension.as_str()) => {
            Ok(reader_of(text_or_markdown(bytes)))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(name: &str, bytes: &[u8]) -> Result<InputKind, String> {
        reader_for_content(name, bytes)
            .map(|r| r.kind)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn the_bytes_say_what_a_file_is_whatever_its_name() {
        let page = b"<!DOCTYPE html><html><body><p>\xe4\xb8\x80</p></body></html>";
        assert_eq!(kind("report.doc", page), Ok(InputKind::Html));
        assert_eq!(kind("report.txt", page), Ok(InputKind::Html));
        assert_eq!(
            kind("report.doc", b"PK\x03\x04rest of a zip"),
            Ok(InputKind::Docx)
        );
        assert_eq!(kind("report.docx", b"%PDF-1.7\n"), Ok(InputKind::Pdf));
        assert_eq!(
            kind("report.doc", "一、总体情况\n".as_bytes()),
            Ok(InputKind::Text)
        );
        let legacy = kind("report.docx", docx::OLE_MAGIC).unwrap_err();
        assert!(
            legacy.contains("旧版 Word/WPS 二进制文档") && legacy.contains(".docx"),
            "{legacy}"
        );
        assert!(kind("report.doc", b"{\\rtf1\\ansi").unwrap_err().contains("RTF"));
        let picture = kind("report.docx", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert!(picture.contains("这是图片（PNG），不是报告"), "{picture}");
        assert!(kind("scan.pdf", b"\xFF\xD8\xFF\xE0\0\x10JFIF")
            .unwrap_err()
            .contains("JPEG"));
        assert_eq!(kind("empty.txt", b"").unwrap_err(), "文件是空的，没有任何内容");
        assert_eq!(
            kind("blank.docx", b" \r\n\t").unwrap_err(),
            "文件是空的，没有任何内容"
        );
    }
}
