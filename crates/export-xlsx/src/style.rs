//! Cell formats and column widths.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};
use unicode_width::UnicodeWidthChar;

/// The formats of a workbook.
pub(crate) struct Styles {
    /// Header cells of the template: bold, centred, wrapped, shaded.
    pub header: Format,
    /// Row labels: wrapped, vertically centred.
    pub label: Format,
    /// Printed integers.
    pub integer: Format,
    /// Printed decimals (amounts).
    pub decimal: Format,
    /// Printed text, placeholders and blanks in the value area.
    pub text: Format,
    /// A value involved in an error finding.
    pub flagged_integer: Format,
    /// A decimal involved in an error finding.
    pub flagged_decimal: Format,
    /// Text involved in an error finding.
    pub flagged_text: Format,
    /// An integer that is a part of a sum that disagrees: a light hint.
    pub part_integer: Format,
    /// A decimal that is a part of a sum that disagrees.
    pub part_decimal: Format,
    /// Text that is a part of a sum that disagrees.
    pub part_text: Format,
    /// A value the reader could not determine.
    pub unresolved: Format,
    /// Check formulas.
    pub check: Format,
    /// Labels of check rows and columns.
    pub check_label: Format,
    /// Block captions of Table 2.
    pub caption: Format,
    /// Long wrapped text (section bodies, messages).
    pub wrapped: Format,
    /// Bold text.
    pub bold: Format,
    /// A count of errors above zero: bold, on the error fill.
    pub error_count: Format,
}

/// The fill of a cell an error finding says is wrong.
pub(crate) const ERROR_FILL: u32 = 0xFFC7CE;

/// The fill of the parts of a sum that disagrees: a light hint.
pub(crate) const PART_FILL: u32 = 0xFFF8E5;

impl Styles {
    /// The formats, bordered like the template's grid.
    pub(crate) fn new() -> Styles {
        let grid = || {
            Format::new()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
        };
        let integer = grid().set_align(FormatAlign::Center).set_num_format("0");
        let decimal = grid().set_align(FormatAlign::Center).set_num_format("General");
        let text = grid().set_align(FormatAlign::Center);
        let flag = |f: &Format| f.clone().set_background_color(Color::RGB(ERROR_FILL));
        let hint = |f: &Format| f.clone().set_background_color(Color::RGB(PART_FILL));
        Styles {
            header: grid()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xDDEBF7)),
            label: grid().set_text_wrap(),
            flagged_integer: flag(&integer),
            flagged_decimal: flag(&decimal),
            flagged_text: flag(&text),
            part_integer: hint(&integer),
            part_decimal: hint(&decimal),
            part_text: hint(&text),
            integer,
            decimal,
            text,
            unresolved: grid()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xD9D9D9)),
            check: grid()
                .set_align(FormatAlign::Center)
                .set_italic()
                .set_font_color(Color::RGB(0x595959))
                .set_num_format("0"),
            check_label: grid()
                .set_italic()
                .set_text_wrap()
                .set_font_color(Color::RGB(0x595959)),
            caption: grid().set_bold(),
            wrapped: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            bold: Format::new().set_bold(),
            error_count: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(ERROR_FILL)),
        }
    }
}

impl Default for Styles {
    fn default() -> Self {
        Styles::new()
    }
}

/// The display width of text in Excel's character units: CJK characters count two.
pub(crate) fn display_width(text: &str) -> usize {
    text.lines()
        .map(|line| line.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>())
        .max()
        .unwrap_or(0)
}

/// The widest text written to each column, for setting widths; a column may instead be given a
/// fixed width (label columns whose text wraps).
#[derive(Debug, Default)]
pub(crate) struct Widths {
    widest: Vec<usize>,
    fixed: Vec<Option<usize>>,
}

impl Widths {
    /// Records `text` in column `col`.
    pub(crate) fn note(&mut self, col: u16, text: &str) {
        let col = usize::from(col);
        if self.widest.len() <= col {
            self.widest.resize(col + 1, 0);
        }
        self.widest[col] = self.widest[col].max(display_width(text));
    }

    /// Gives column `col` the width `width`, whatever is written to it.
    pub(crate) fn fix(&mut self, col: u16, width: usize) {
        let col = usize::from(col);
        if self.fixed.len() <= col {
            self.fixed.resize(col + 1, None);
        }
        self.fixed[col] = Some(width);
        self.note(col as u16, "");
    }

    /// The width column `col` will get within `min..=max`.
    pub(crate) fn width(&self, col: u16, min: usize, max: usize) -> usize {
        let col = usize::from(col);
        match self.fixed.get(col).copied().flatten() {
            Some(fixed) => fixed,
            None => (self.widest.get(col).copied().unwrap_or(0) + 2).clamp(min, max),
        }
    }

    /// Every column's width within `min..=max` (fixed ones as fixed).
    pub(crate) fn columns(&self, min: usize, max: usize) -> impl Iterator<Item = (u16, f64)> + '_ {
        (0..self.widest.len() as u16).map(move |col| (col, self.width(col, min, max) as f64))
    }
}

/// The height (points) of a row whose text of display width `text_width` wraps in `cell_width`
/// character units.
pub(crate) fn wrapped_height(text_width: usize, cell_width: usize) -> f64 {
    let lines = text_width.div_ceil(cell_width.max(1)).max(1);
    15.0 * lines as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_double() {
        assert_eq!(display_width("总计"), 4);
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("第一行\n长一些的第二行"), 14);
        let mut widths = Widths::default();
        widths.note(1, "自然人");
        widths.note(1, "7");
        assert_eq!(widths.columns(4, 40).collect::<Vec<_>>(), [(0, 4.0), (1, 8.0)]);
        widths.fix(0, 12);
        assert_eq!(widths.width(0, 4, 40), 12);
        assert_eq!(wrapped_height(60, 40), 30.0);
        assert_eq!(wrapped_height(0, 40), 15.0);
    }
}
