//! The DOCX reader: Word documents as saved by Word, WPS and LibreOffice.
//!
//! A DOCX is a zip package; its main part (`word/document.xml`, or wherever the package
//! relationships point) is read with quick-xml:
//!
//! * **Paragraphs**: runs concatenated; tabs and line breaks inside a paragraph kept as breaks.
//!   Automatic numbering is written out (`一、`, `（三）`, `1.`) from `numbering.xml`, whether a
//!   paragraph carries it or inherits it from its style — the way heading styles number the
//!   six section headings.
//! * **Tracked changes**: what the document shows after accepting them. Deleted and moved-away
//!   text, deleted table rows and the old properties kept by property changes are left out;
//!   inserted text is kept. Field instructions and the fallback copies of alternate content are
//!   left out.
//! * **Tables**: every cell at its grid column (`w:gridBefore`, `w:gridSpan`), with vertically
//!   merged cells (`w:vMerge`) turned into row spans, so they land on the same dense grid as an
//!   HTML table. A table nested in a cell adds its text to that cell.
//!
//! A DOCX is untrusted: the package is opened with limits ([`package`]); its XML parts are read
//! with `nianbao-safe-xml` (no DOCTYPE, no entity but XML's five and character references,
//! bounded nesting). A legacy binary `.doc`/`.wps` file gets advice to save it as `.docx`.
//!
//! Modules: [`package`] (the zip and its relationships), [`body`] (paragraphs and tables),
//! [`numbering`] (automatic numbers).

mod body;
mod numbering;
mod package;

use crate::error::ParseError;
use crate::layout::Block;
use crate::Read;
use body::Body;
use nianbao_safe_xml::{local_name, Refused};
use numbering::{Numbering, StyleNumbering};
use package::Package;
use quick_xml::events::BytesStart;

/// The signature of an OLE compound file: a legacy `.doc`/`.wps`, or an encrypted document.
pub const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// Deepest element nesting accepted in a part.
const MAX_DEPTH: usize = 256;

/// Reads a DOCX report.
pub(crate) fn read(bytes: &[u8]) -> Result<Read<'_>, ParseError> {
    if bytes.starts_with(OLE_MAGIC) {
        return Err(ParseError::LegacyWord {
            extension: ".docx".to_owned(),
        });
    }
    let blocks = blocks(bytes)?;
    crate::readers::read_blocks(&blocks, "DOCX", "UTF-8", false)
}

fn invalid(detail: String) -> ParseError {
    ParseError::Invalid {
        format: "DOCX",
        detail,
    }
}

/// The paragraphs and tables of a DOCX package.
pub(crate) fn blocks(bytes: &[u8]) -> Result<Vec<Block>, ParseError> {
    let mut package = Package::open(bytes)?;
    let main = package
        .relationship_target("_rels/.rels", "", "/officeDocument")?
        .unwrap_or_else(|| "word/document.xml".to_owned());
    let document = package
        .read(&main)?
        .ok_or_else(|| invalid(format!("压缩包中没有正文部件 {main}（不是 Word 文档？）")))?;
    let (directory, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let rels = format!(
        "{}_rels/{file}.rels",
        if directory.is_empty() {
            String::new()
        } else {
            format!("{directory}/")
        }
    );
    let numbering = match package.relationship_target(&rels, directory, "/numbering")? {
        Some(path) => package.read(&path)?,
        None => None,
    };
    let styles = match package.relationship_target(&rels, directory, "/styles")? {
        Some(path) => package.read(&path)?,
        None => None,
    };
    let numbering = match numbering {
        Some(xml) => Numbering::parse(&utf8(&xml, "numbering.xml")?)?,
        None => Numbering::default(),
    };
    let styles = match styles {
        Some(xml) => StyleNumbering::parse(&utf8(&xml, "styles.xml")?)?,
        None => StyleNumbering::default(),
    };
    let text = utf8(&document, &main)?;
    Body::parse(&text, &numbering, &styles)
}

fn utf8(bytes: &[u8], part: &str) -> Result<String, ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        invalid(format!(
            "{part} 不是 UTF-8 编码的 XML：第 {} 字节",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// One step of [`walk`], with names as local names (`p` of `w:p`).
enum Step<'e, 'x> {
    Start(&'e BytesStart<'x>),
    End(&'e str),
    Text(&'e str),
}

/// Walks a part's elements and text with the protections of `nianbao-safe-xml`; an error names
/// the part.
fn walk(xml: &str, part: &str, mut visit: impl FnMut(Step<'_, '_>)) -> Result<(), ParseError> {
    let walked = nianbao_safe_xml::walk::<std::convert::Infallible>(xml, MAX_DEPTH, |step| {
        match step {
            nianbao_safe_xml::Step::Start(e) => visit(Step::Start(e)),
            nianbao_safe_xml::Step::End(name) => visit(Step::End(local_name(name))),
            nianbao_safe_xml::Step::Text(text) => visit(Step::Text(text)),
        }
        Ok(())
    });
    match walked {
        Ok(()) => Ok(()),
        Err(Refused::Xml(error)) => Err(invalid(format!("{part} {error}"))),
        Err(Refused::Visitor(never)) => match never {},
    }
}

/// An attribute's value, by local name.
fn attribute(element: &BytesStart<'_>, local: &str) -> Option<String> {
    element.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_default()
        })
    })
}

/// `w:val` as a number.
fn number_value(element: &BytesStart<'_>) -> Option<u32> {
    attribute(element, "val")?.trim().parse().ok()
}
