//! The report model shared by every part of `nianbao`.
//!
//! A [`Document`] is what a reader produces from one input file: the [`Report`] itself (metadata,
//! the six sections, Tables 2–4), the [`Diagnostic`]s the reader raised, and [`SourceInfo`]
//! describing the input. Both template versions — 国办公开办函〔2019〕60号 and 〔2021〕30号 — use
//! the same types; the shape of each table for each version is described once, statically, in
//! [`template`].
//!
//! Invariants kept by these types:
//!
//! * a cell keeps what was printed ([`CellValue`]): a number, a blank, a placeholder such as `/`,
//!   other text, or — when the reader could not determine it — an explicit
//!   [`CellValue::Unresolved`]; nothing is ever collapsed to `0`;
//! * every value read from the source carries the [`Span`] it came from;
//! * the flat, stable fact keys of `fact-keys.md` are derived from the tables by [`facts()`];
//! * the tables' arithmetic is declared once, in [`arithmetic`], and every diagnostic code once,
//!   with its explanation, in [`codes`].
//!
//! The crate performs no I/O.

pub mod arithmetic;
pub mod cell;
pub mod codes;
pub mod document;
pub mod facts;
pub mod finding;
pub mod paragraphs;
pub mod report;
pub mod span;
pub mod template;

pub use cell::{Cell, CellValue, Number};
pub use codes::Code;
pub use document::{Constituent, Diagnostic, Document, InputKind, Severity, SourceInfo};
pub use facts::{facts, FactValue, Facts};
pub use finding::{Finding, Status};
pub use paragraphs::paragraphs;
pub use report::{
    Date, DetectionBasis, Metadata, Period, Report, Row, Section, SectionKind, SignOff, Table, TemplateInfo,
};
pub use span::{PageMap, PagePlace, Span, Spanned};
pub use template::{TableId, TemplateVersion};
