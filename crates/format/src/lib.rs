//! nianbao's own formats, each defined once and used both ways: written by the exporters, read
//! back by the readers (a county reads its townships' files, a city its counties').
//!
//! * [`json`]: the whole document plus a flat `facts` view, described by a JSON Schema generated
//!   from [`json::JsonReport`] (`schemas/nianbao-report.schema.json`).
//! * [`xml`]: the namespaced submission format `urn:nianbao:report:1`, described by the
//!   hand-written `schemas/nianbao-report-1.xsd`.
//!
//! Both read untrusted input: the XML reader refuses DTDs and unknown entities and bounds size
//! and depth (through `nianbao-safe-xml`); the JSON reader bounds size and nesting.

pub mod json;
pub mod xml;
