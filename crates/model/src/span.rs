//! Source positions: where in the decoded input text a value came from.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A range of the decoded source text.
///
/// `start`/`end` are byte offsets into the text after decoding (UTF-8), so they remain valid for
/// inputs that were GBK-encoded. For HTML, DOCX and Markdown inputs that text is the one their
/// paragraphs and table rows were laid out as, one per line, cells separated by tabs (the parse
/// crate's `parse_keeping_text` gives it back). `line` and `column` locate `start` for people:
/// both are 1-based and `column` counts characters, not bytes. For an input printed on pages
/// (PDF), `place` says on which page and where on it the text stands.
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
    /// The page and box it stands in, for inputs printed on pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<PagePlace>,
}

impl Span {
    /// A span of the text, not (yet) placed on a page.
    pub fn new(start: usize, end: usize, line: u32, column: u32) -> Span {
        Span {
            start,
            end,
            line,
            column,
            place: None,
        }
    }
}

/// Where on a printed page something stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct PagePlace {
    /// 1-based page number.
    pub page: u32,
    /// The box, in whole points from the top left of the page as it is shown: left, top,
    /// right, bottom.
    #[serde(rename = "box")]
    pub bbox: [u32; 4],
}

/// For an input printed on pages, where the stretches of its laid-out text stand: text ranges,
/// ascending and not overlapping, each with its place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMap {
    places: Vec<(std::ops::Range<usize>, PagePlace)>,
}

impl PageMap {
    /// The map of `places`, in any order.
    pub fn new(mut places: Vec<(std::ops::Range<usize>, PagePlace)>) -> PageMap {
        places.sort_by_key(|(range, _)| (range.start, range.end));
        PageMap { places }
    }

    /// Whether the map places nothing (an input without pages).
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The place of the text at byte `offset`: that of the range holding it (an empty range
    /// holds its own offset: an empty cell).
    pub fn place_at(&self, offset: usize) -> Option<PagePlace> {
        let after = self.places.partition_point(|(range, _)| range.start <= offset);
        let (range, place) = self.places.get(after.checked_sub(1)?)?;
        (offset < range.end || range.start == offset).then_some(*place)
    }

    /// Gives `span` the place of its start, unless it has one.
    pub fn locate(&self, span: &mut Span) {
        if span.place.is_none() {
            span.place = self.place_at(span.start);
        }
    }
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
