//! Reading XML from untrusted input, for every reader of `nianbao` that meets XML: the parts of
//! a DOCX package and nianbao's own XML format.
//!
//! [`walk`] streams a document's elements and text to a visitor with the protections both need,
//! written once:
//!
//! * a `DOCTYPE` — and with it every entity definition, internal or external — is refused, so
//!   no "billion laughs" and no file is read;
//! * only XML's five predefined entities and character references are expanded; any other
//!   `&name;` is an error naming it;
//! * nesting deeper than the caller's limit is refused (the walk itself is a loop, never a
//!   recursion);
//! * a document that ends before its root element is closed is an error.
//!
//! Errors are in Chinese and give the byte position; callers add the part or file name.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Why a document was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum XmlError {
    /// Not well-formed XML.
    #[error("第 {position} 字节附近：{message}")]
    Syntax {
        /// Byte position of the problem.
        position: u64,
        /// What quick-xml found wrong.
        message: String,
    },
    /// A document type declaration (which may define entities).
    #[error("第 {position} 字节附近：不接受 DOCTYPE（DTD 与实体定义）")]
    DocType {
        /// Byte position of the declaration.
        position: u64,
    },
    /// An entity other than XML's five and character references.
    #[error("第 {position} 字节附近：未定义的实体 &{name};")]
    UndefinedEntity {
        /// Byte position of the reference.
        position: u64,
        /// The entity's name.
        name: String,
    },
    /// Elements nested deeper than the limit.
    #[error("第 {position} 字节附近：元素 {element} 嵌套过深（上限 {limit} 层）")]
    TooDeep {
        /// Byte position of the element.
        position: u64,
        /// The element's name.
        element: String,
        /// The limit.
        limit: usize,
    },
    /// The input ended inside an element, or had no element at all.
    #[error("文件不完整：缺少根元素或结束标签")]
    Incomplete,
}

/// One step of a walk.
#[derive(Debug)]
pub enum Step<'e, 'x> {
    /// An element starts (an empty element gives `Start` then `End`).
    Start(&'e BytesStart<'x>),
    /// An element ends: its qualified name (`w:p`).
    End(&'e str),
    /// Character data, entities and character references resolved, CDATA included.
    Text(&'e str),
}

/// The local part of a qualified name (`p` of `w:p`).
pub fn local_name(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

/// Walks `xml`, handing every element start, end and piece of text to `visit`, refusing what
/// [`XmlError`] lists. Elements may nest at most `max_depth` deep. Stops at the first error
/// `visit` returns.
///
/// # Errors
/// [`Refused::Xml`] when the document is refused, [`Refused::Visitor`] with the visitor's own
/// error.
pub fn walk<E>(
    xml: &str,
    max_depth: usize,
    mut visit: impl FnMut(Step<'_, '_>) -> Result<(), E>,
) -> Result<(), Refused<E>> {
    let mut reader = Reader::from_str(xml);
    let mut depth = 0usize;
    let mut seen_root = false;
    loop {
        let position = reader.buffer_position();
        let event = reader.read_event().map_err(|e| XmlError::Syntax {
            position: reader.buffer_position(),
            message: e.to_string(),
        })?;
        match event {
            Event::DocType(_) => return Err(XmlError::DocType { position }.into()),
            Event::Start(ref start) | Event::Empty(ref start) => {
                if depth >= max_depth {
                    return Err(XmlError::TooDeep {
                        position,
                        element: start.name().as_ref().to_owned(),
                        limit: max_depth,
                    }
                    .into());
                }
                seen_root = true;
                visit(Step::Start(start)).map_err(Refused::Visitor)?;
                if matches!(event, Event::Empty(_)) {
                    visit(Step::End(start.name().as_ref())).map_err(Refused::Visitor)?;
                } else {
                    depth += 1;
                }
            }
            Event::End(ref end) => {
                depth = depth.saturating_sub(1);
                visit(Step::End(end.name().as_ref())).map_err(Refused::Visitor)?;
            }
            Event::Text(ref text) => visit(Step::Text(&text.xml10_content())).map_err(Refused::Visitor)?,
            Event::CData(ref data) => visit(Step::Text(&data.xml10_content())).map_err(Refused::Visitor)?,
            Event::GeneralRef(ref reference) => {
                let name = reference.xml10_content();
                let resolved = match name.as_ref() {
                    "lt" => '<',
                    "gt" => '>',
                    "amp" => '&',
                    "apos" => '\'',
                    "quot" => '"',
                    _ => reference
                        .resolve_char_ref()
                        .map_err(|e| XmlError::Syntax {
                            position,
                            message: e.to_string(),
                        })?
                        .ok_or_else(|| XmlError::UndefinedEntity {
                            position,
                            name: name.into_owned(),
                        })?,
                };
                visit(Step::Text(resolved.encode_utf8(&mut [0; 4]))).map_err(Refused::Visitor)?;
            }
            Event::Eof if depth > 0 || !seen_root => return Err(XmlError::Incomplete.into()),
            Event::Eof => return Ok(()),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
}

/// Why a [`walk`] stopped early.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused<E> {
    /// The document was refused.
    Xml(XmlError),
    /// The visitor returned an error.
    Visitor(E),
}

impl<E> From<XmlError> for Refused<E> {
    fn from(error: XmlError) -> Self {
        Refused::Xml(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The steps of a walk, as text.
    fn steps(xml: &str, max_depth: usize) -> Result<Vec<String>, XmlError> {
        let mut out = Vec::new();
        let result = walk::<()>(xml, max_depth, |step| {
            out.push(match step {
                Step::Start(e) => format!("<{}>", e.name().as_ref()),
                Step::End(name) => format!("</{name}>"),
                Step::Text(t) => t.to_owned(),
            });
            Ok(())
        });
        match result {
            Ok(()) => Ok(out),
            Err(Refused::Xml(e)) => Err(e),
            Err(Refused::Visitor(())) => unreachable!("the visitor never fails"),
        }
    }

    #[test]
    fn elements_text_and_xml_entities() {
        let got = steps(
            "<?xml version=\"1.0\"?><w:p a=\"1\">x&lt;&#x4E00;<w:br/><![CDATA[&]]></w:p>",
            4,
        );
        assert_eq!(
            got.unwrap(),
            ["<w:p>", "x", "<", "一", "<w:br>", "</w:br>", "&", "</w:p>"]
        );
        assert_eq!(local_name("w:tc"), "tc");
        assert_eq!(local_name("report"), "report");
    }

    #[test]
    fn hostile_documents_are_refused() {
        let laughs = "<!DOCTYPE r [<!ENTITY a \"aaaa\">]><r>&a;</r>";
        assert!(matches!(steps(laughs, 4), Err(XmlError::DocType { .. })));
        let undefined = steps("<r>&x;</r>", 4).unwrap_err();
        assert!(undefined.to_string().contains("&x;"), "{undefined}");
        let deep = format!("{}{}", "<a>".repeat(5), "</a>".repeat(5));
        assert!(steps(&deep, 5).is_ok());
        let too_deep = steps(&format!("{}{}", "<a>".repeat(6), "</a>".repeat(6)), 5).unwrap_err();
        assert!(too_deep.to_string().contains("嵌套过深"), "{too_deep}");
        assert_eq!(steps("<r><a>", 4), Err(XmlError::Incomplete));
        assert_eq!(steps("", 4), Err(XmlError::Incomplete));
        assert!(matches!(steps("<r></s>", 4), Err(XmlError::Syntax { .. })));
    }

    #[test]
    fn a_visitor_error_stops_the_walk() {
        let mut seen = 0;
        let result = walk("<a><b/><c/></a>", 4, |step| {
            seen += 1;
            match step {
                Step::Start(e) if e.name().as_ref() == "b" => Err("stop"),
                _ => Ok(()),
            }
        });
        assert_eq!(result, Err(Refused::Visitor("stop")));
        assert_eq!(seen, 2);
    }
}
