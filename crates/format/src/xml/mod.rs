//! The XML format of `nianbao`, version 1: one report in the namespace [`NAMESPACE`]
//! (`urn:nianbao:report:1`, the version in its last segment), defined by the hand-written schema
//! `schemas/nianbao-report-1.xsd`.
//!
//! [`write()`] produces it (the XML exporter uses it); [`read()`] reads it back into the same
//! [`Document`](nianbao_model::Document), losslessly, treating the input as untrusted: no DTD, no
//! entities beyond XML's own five, bounded size and depth, and an error naming the element on
//! anything invalid.

mod read;
mod write;

pub use read::{read, XmlError, MAX_BYTES, MAX_DEPTH};
pub use write::{section_kind, span_text, write};

/// The namespace of version 1 of the format.
pub const NAMESPACE: &str = "urn:nianbao:report:1";
