//! Source positions: where in the decoded input text a value came from.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A range of the decoded source text.
///
/// `start`/`end` are byte offsets into the text after decoding (UTF-8), so they remain valid for
/// inputs that were GBK-encoded. For HTML, DOCX and Markdown inputs that text is the one their
/// paragraphs and table rows were laid out as, one per line, cells separated by tabs (the parse
/// crate's `parse_keeping_text` gives it back). `line` and `column` locate `start` for people: both are 1-based
/// and `column` counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 1-based line number of `start`.
    pub line: u32,
    /// 1-based character column of `start` within its line.
    pub column: u32,
}

/// A value together with the place in the source it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was read; `None` when the value was derived rather than read.
    pub span: Option<Span>,
}

impl<T> Spanned<T> {
    /// A value read at `span`.
    pub fn new(value: T, span: Span) -> Self {
        Self {
            value,
            span: Some(span),
        }
    }

    /// A value that was derived (for example a year inferred from the sign-off date).
    pub fn derived(value: T) -> Self {
        Self { value, span: None }
    }
}
