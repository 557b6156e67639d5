//! Page composition: A4 pages with the GB/T 9704 type area (156 × 225 mm, margins 37 mm top and
//! 28 mm left), lines of text set in the font chain, paragraphs wrapped by the Chinese
//! line-breaking rules, ruled lines, and `— 1 —` page numbers.
//!
//! Positions are millimetres from the top-left corner of the page; they become PDF points
//! (origin bottom-left) only when an operation is emitted.

use crate::fonts::{Draw, Fonts, Style};
use printpdf::{FontId, Line, LinePoint, Mm, Op, Point, Pt, TextItem};

/// Page width (A4).
pub(crate) const PAGE_WIDTH: f32 = 210.0;
/// Page height (A4).
pub(crate) const PAGE_HEIGHT: f32 = 297.0;
/// Left edge of the type area.
pub(crate) const LEFT: f32 = 28.0;
/// Top edge of the type area.
pub(crate) const TOP: f32 = 37.0;
/// Width of the type area.
pub(crate) const WIDTH: f32 = 156.0;
/// Height of the type area.
pub(crate) const HEIGHT: f32 = 225.0;
/// Millimetres per point.
pub(crate) const MM_PER_PT: f32 = 25.4 / 72.0;
/// The ascent of the fonts, in ems (where the baseline sits below a line's top).
const ASCENT: f32 = 0.88;
/// Size of the page numbers (四号).
const PAGE_NUMBER_SIZE: f32 = 14.0;

/// Characters that must not begin a line (closing punctuation; hung in the margin instead).
const NO_LINE_START: &str = "，。、；：？！）］】」』”’》〉〕…—～·%,.;:?!)]}";
/// Characters that must not end a line (opening punctuation; carried to the next line).
const NO_LINE_END: &str = "（［【「『“‘《〈〔([{";

/// Horizontal placement of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    /// Flush left (after any indent).
    Left,
    /// Centred.
    Center,
    /// Flush right (a sign-off).
    Right,
}

/// Splits `text` into lines no wider than `width` mm at `size` pt, the first line indented by
/// `indent` mm. Closing punctuation that would begin a line hangs at the end of the previous
/// one; opening punctuation and runs of Latin letters (pinyin included) and digits are carried
/// over whole.
pub(crate) fn wrap(
    fonts: &Fonts,
    text: &str,
    size: f32,
    width: f32,
    indent: f32,
    style: Style,
) -> Vec<String> {
    let em = size * MM_PER_PT;
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = indent;
    for c in text.chars() {
        let advance = fonts.advance(c, style) * em;
        if used + advance > width + 0.01 && !line.is_empty() {
            if NO_LINE_START.contains(c) {
                line.push(c);
                used += advance;
                continue;
            }
            let carried = carry_over(&line, c);
            let carried_text = line.split_off(line.len() - carried);
            lines.push(std::mem::take(&mut line));
            line = carried_text;
            used = line.chars().map(|c| fonts.advance(c, style) * em).sum();
        }
        line.push(c);
        used += advance;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// How many bytes at the end of `line` must move to the next line when `next` starts it: an
/// unbroken Latin/digit word, then any opening punctuation — but never the whole line.
fn carry_over(line: &str, next: char) -> usize {
    let is_word = |c: char| (c.is_alphanumeric() && !nianbao_normalize::is_cjk(c)) || c == '.' || c == '-';
    let mut carried = 0;
    if is_word(next) {
        carried = line
            .chars()
            .rev()
            .take_while(|&c| is_word(c))
            .map(char::len_utf8)
            .sum();
    }
    carried += line[..line.len() - carried]
        .chars()
        .rev()
        .take_while(|&c| NO_LINE_END.contains(c))
        .map(char::len_utf8)
        .sum::<usize>();
    if carried >= line.len() {
        0
    } else {
        carried
    }
}

/// Lays out pages one after another.
pub(crate) struct Composer<'f> {
    fonts: &'f Fonts,
    /// What the text set now is: its face follows.
    style: Style,
    font_ids: Vec<FontId>,
    pages: Vec<Vec<Op>>,
    /// How far down the type area the next line goes, in mm.
    y: f32,
    /// Which faces drew some character.
    used_faces: Vec<bool>,
    /// Characters no face has, in order of first appearance.
    missing: Vec<char>,
}

/// What a [`Composer`] made.
pub(crate) struct Composed {
    /// Each page's operations.
    pub pages: Vec<Vec<Op>>,
    /// Which faces of the fonts drew some character: the ones to embed.
    pub used_faces: Vec<bool>,
    /// Characters that no face has (drawn with the first face), in order of first appearance.
    pub missing: Vec<char>,
}

impl<'f> Composer<'f> {
    /// A composer with one empty page; `font_ids[i]` is the document's id of `fonts.faces[i]`.
    pub(crate) fn new(fonts: &'f Fonts, font_ids: Vec<FontId>) -> Self {
        Composer {
            fonts,
            font_ids,
            pages: vec![Vec::new()],
            y: 0.0,
            used_faces: vec![false; fonts.faces.len()],
            style: Style::Body,
            missing: Vec::new(),
        }
    }

    /// The fonts text is set in.
    pub(crate) fn fonts(&self) -> &Fonts {
        self.fonts
    }

    /// The 1-based number of the current page.
    pub(crate) fn page_number(&self) -> usize {
        self.pages.len()
    }

    /// The distance from the top of the page to the next line, in mm.
    pub(crate) fn cursor(&self) -> f32 {
        TOP + self.y
    }

    /// The room left on the current page, in mm.
    pub(crate) fn remaining(&self) -> f32 {
        HEIGHT - self.y
    }

    /// Whether nothing has been placed on the current page.
    pub(crate) fn page_is_empty(&self) -> bool {
        self.y == 0.0
    }

    /// Starts a new page.
    pub(crate) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = 0.0;
    }

    /// Starts a new page unless `height` mm still fit on this one (or it is empty).
    pub(crate) fn ensure(&mut self, height: f32) {
        if height > self.remaining() + 0.01 && !self.page_is_empty() {
            self.new_page();
        }
    }

    /// Moves down by `height` mm.
    pub(crate) fn advance(&mut self, height: f32) {
        self.y += height;
    }

    /// Draws one line of text with its top at `top` mm from the page top.
    pub(crate) fn text(&mut self, x: f32, top: f32, size: f32, text: &str) {
        let ops = self.text_ops(x, top, size, text);
        self.current().extend(ops);
    }

    fn text_ops(&mut self, x: f32, top: f32, size: f32, text: &str) -> Vec<Op> {
        if text.is_empty() {
            return Vec::new();
        }
        let baseline = top + size * ASCENT * MM_PER_PT;
        let mut ops = vec![
            Op::StartTextSection,
            Op::SetTextCursor {
                pos: point(x, baseline),
            },
        ];
        let mut run = String::new();
        let mut run_face = usize::MAX;
        for c in text.chars() {
            let face = match self.fonts.draw_styled(c, self.style) {
                Draw::Glyph(face, _) => face,
                Draw::Blank(ems) => {
                    // A blank moves the text position; the run before it is written first.
                    let face = if run_face == usize::MAX {
                        self.font_ids.len() - 1
                    } else {
                        run_face
                    };
                    self.write_run(&mut ops, face, size, std::mem::take(&mut run));
                    if ems > 0.0 {
                        self.used_faces[face] = true;
                        ops.push(Op::SetFontSize {
                            size: Pt(size),
                            font: self.font_ids[face].clone(),
                        });
                        ops.push(Op::WriteText {
                            items: vec![TextItem::Offset(-ems * 1000.0)],
                            font: self.font_ids[face].clone(),
                        });
                    }
                    continue;
                }
                Draw::Missing => {
                    if !self.missing.contains(&c) {
                        self.missing.push(c);
                    }
                    0
                }
            };
            self.used_faces[face] = true;
            if face != run_face && !run.is_empty() {
                self.write_run(&mut ops, run_face, size, std::mem::take(&mut run));
            }
            run_face = face;
            run.push(c);
        }
        self.write_run(&mut ops, run_face, size, run);
        ops.push(Op::EndTextSection);
        ops
    }

    fn write_run(&self, ops: &mut Vec<Op>, face: usize, size: f32, run: String) {
        if run.is_empty() {
            return;
        }
        let font = self.font_ids[face].clone();
        ops.push(Op::SetFontSize {
            size: Pt(size),
            font: font.clone(),
        });
        ops.push(Op::WriteText {
            items: vec![TextItem::Text(run)],
            font,
        });
    }

    /// Draws `text` in a box `width` mm wide at `x`, aligned, with its top at `top`.
    pub(crate) fn aligned(&mut self, x: f32, width: f32, top: f32, size: f32, align: Align, text: &str) {
        let text_width = self.fonts.width(text, size, self.style) * MM_PER_PT;
        let x = match align {
            Align::Left => x,
            Align::Center => x + (width - text_width) / 2.0,
            Align::Right => x + width - text_width,
        };
        self.text(x, top, size, text);
    }

    /// Sets a paragraph in the type area: wrapped, the first line indented by `indent` ems,
    /// `leading` mm per line, breaking pages between lines.
    pub(crate) fn paragraph(&mut self, text: &str, size: f32, leading: f32, indent: f32, align: Align) {
        let indent_mm = indent * size * MM_PER_PT;
        let lines = wrap(self.fonts, text, size, WIDTH, indent_mm, self.style);
        for (index, line) in lines.iter().enumerate() {
            self.ensure(leading);
            let top = self.cursor() + (leading - size * MM_PER_PT) / 2.0;
            let x = if index == 0 { LEFT + indent_mm } else { LEFT };
            let width = if index == 0 { WIDTH - indent_mm } else { WIDTH };
            self.aligned(x, width, top, size, align, line);
            self.advance(leading);
        }
    }

    /// Sets what the text set from now on is (its face follows), until set again.
    pub(crate) fn set_style(&mut self, style: Style) {
        self.style = style;
    }

    /// Strokes a rectangle (`x`, `top`, `width`, `height` in mm).
    pub(crate) fn rectangle(&mut self, x: f32, top: f32, width: f32, height: f32) {
        let corner = |x: f32, y: f32| LinePoint {
            p: point(x, y),
            bezier: false,
        };
        let line = Line {
            points: vec![
                corner(x, top),
                corner(x + width, top),
                corner(x + width, top + height),
                corner(x, top + height),
            ],
            is_closed: true,
        };
        self.current().push(Op::DrawLine { line });
    }

    fn current(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a composer always has a page")
    }

    /// The pages, each numbered `— n —` at the foot, with the faces used and the characters
    /// missing.
    pub(crate) fn finish(mut self) -> Composed {
        let top = TOP + HEIGHT + 7.0;
        let mut pages = std::mem::take(&mut self.pages);
        for (index, page) in pages.iter_mut().enumerate() {
            let label = format!("— {} —", index + 1);
            let width = self.fonts.width(&label, PAGE_NUMBER_SIZE, Style::Body) * MM_PER_PT;
            page.insert(0, Op::SetOutlineThickness { pt: Pt(0.5) });
            page.extend(self.text_ops((PAGE_WIDTH - width) / 2.0, top, PAGE_NUMBER_SIZE, &label));
        }
        Composed {
            pages,
            used_faces: self.used_faces,
            missing: self.missing,
        }
    }
}

/// A point `x` mm from the left and `top` mm from the top of the page.
fn point(x: f32, top: f32) -> Point {
    Point {
        x: Mm(x).into(),
        y: Mm(PAGE_HEIGHT - top).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts::load(&[], &[]).unwrap()
    }

    /// Ten CJK characters at 10 pt (35.3 mm), and a little more.
    const TEN_CHARACTERS: f32 = 10.0 * 10.0 * MM_PER_PT + 0.1;

    #[test]
    fn no_line_starts_with_closing_punctuation() {
        let fonts = fonts();
        // Ten CJK characters per line; the comma falls at a line start.
        let width = TEN_CHARACTERS;
        let lines = wrap(
            &fonts,
            "一二三四五六七八九十，一二三四五六七八九十。",
            10.0,
            width,
            0.0,
            Style::Body,
        );
        assert_eq!(lines, vec!["一二三四五六七八九十，", "一二三四五六七八九十。"]);
    }

    #[test]
    fn opening_punctuation_and_numbers_move_to_the_next_line_whole() {
        let fonts = fonts();
        let width = TEN_CHARACTERS;
        let lines = wrap(&fonts, "一二三四五六七八九（十）", 10.0, width, 0.0, Style::Body);
        assert_eq!(lines, vec!["一二三四五六七八九", "（十）"]);
        let lines = wrap(&fonts, "一二三四五六七八九2022年", 10.0, width, 0.0, Style::Body);
        assert_eq!(lines, vec!["一二三四五六七八九", "2022年"]);
        let lines = wrap(&fonts, "一二三四五六七八臺(tái)", 10.0, width, 0.0, Style::Body);
        assert_eq!(lines, vec!["一二三四五六七八臺", "(tái)"]);
    }

    #[test]
    fn an_indent_shortens_the_first_line_only() {
        let fonts = fonts();
        let width = TEN_CHARACTERS;
        let lines = wrap(
            &fonts,
            "一二三四五六七八九十一二",
            10.0,
            width,
            2.0 * 10.0 * MM_PER_PT,
            Style::Body,
        );
        assert_eq!(lines, vec!["一二三四五六七八", "九十一二"]);
    }
}
