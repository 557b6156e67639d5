//! Line bookkeeping: byte offsets in the text a report's spans point into, to line and column
//! spans; and diagnostics placed in that text.

use nianbao_model::{Code, Diagnostic, Span};

/// Start offsets of every line of a text.
#[derive(Debug)]
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last column computed: (byte offset, 0-based character column). Spans are made close
    /// to each other, so counting goes on from here instead of from the line start — which
    /// matters when a whole report is one line.
    last_column: std::cell::Cell<(usize, usize)>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            text,
            starts,
            last_column: std::cell::Cell::new((0, 0)),
        }
    }

    /// The span of `start..end`.
    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        let line = self.line_of(start);
        let line_start = self.starts[line];
        let (memo_offset, memo_column) = self.last_column.get();
        let column = if memo_offset < line_start || !self.same_line(memo_offset, line) {
            self.text[line_start..start].chars().count()
        } else if memo_offset <= start {
            memo_column + self.text[memo_offset..start].chars().count()
        } else {
            memo_column - self.text[start..memo_offset].chars().count()
        };
        self.last_column.set((start, column));
        let column = column + 1;
        Span::new(start, end, line as u32 + 1, column as u32)
    }

    fn same_line(&self, offset: usize, line: usize) -> bool {
        self.starts.get(line + 1).is_none_or(|&next| offset < next)
    }

    /// 0-based line containing byte `offset`.
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// A diagnostic of `code` placed at `range` of the text (nowhere when `None`), naming
    /// `facts`.
    pub(crate) fn diagnostic(
        &self,
        code: Code,
        message: String,
        range: Option<std::ops::Range<usize>>,
        facts: Vec<String>,
    ) -> Diagnostic {
        let span = range.map(|r| self.span(r.start, r.end));
        Diagnostic::new(code, message).at(span).with_facts(facts)
    }

    /// Byte range of 0-based line `line`, without its terminator.
    pub(crate) fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let start = self.starts[line];
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end
    }

    /// Number of lines (a text always has at least one, possibly empty).
    pub(crate) fn len(&self) -> usize {
        self.starts.len()
    }

    /// The text of 0-based line `line`.
    #[cfg(test)]
    fn line(&self, line: usize) -> &'a str {
        &self.text[self.line_range(line)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_count_characters_not_bytes() {
        let text = "第一行\r\n二、主动\t0\n";
        let index = LineIndex::new(text);
        assert_eq!(index.len(), 3);
        assert_eq!(index.line(0), "第一行");
        let zero = text.find('0').unwrap();
        let span = index.span(zero, zero + 1);
        assert_eq!((span.line, span.column), (2, 6));
        // Out of order, and again after a later offset on the same line.
        assert_eq!(index.span(text.find('主').unwrap(), zero).column, 3);
        assert_eq!(index.span(zero, zero + 1).column, 6);
        assert_eq!(index.span(0, 3).column, 1);
    }
}
