//! Collecting what a page draws: every glyph with its text and place, the rules (straight lines
//! and thin bars) tables are drawn with, and how much of the page images cover.
//!
//! Coordinates are the page's, in points, origin at the top left, y growing down (hayro's
//! initial transform, which also applies the page's `/Rotate`).

use hayro_interpret::font::GlyphRun;
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::object::{Dict, String as PdfString};
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point, Rect, Shape};
use hayro_interpret::{
    BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageDrawProps, Paint, SoftMask,
};

/// One drawn character.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    /// The character (its `/ActualText` where one is given), as the PDF encodes it.
    pub(crate) ch: char,
    /// The origin on the baseline.
    pub(crate) origin: Point,
    /// The em size, in points.
    pub(crate) size: f64,
    /// How far the next glyph moves along the line, in points (from the font's widths; an
    /// estimate by the character where the font gives none).
    pub(crate) advance: f64,
    /// Which way the text runs: 0 right, 1 down, 2 left, 3 up (quarter turns clockwise).
    pub(crate) direction: u8,
}

impl Glyph {
    /// The point that decides which cell a glyph is in: a little into its advance and above its
    /// baseline, so that a glyph touching a rule is still inside its cell.
    pub(crate) fn reference(&self) -> Point {
        let (along, up) = (0.3 * self.size, 0.3 * self.size);
        match self.direction {
            0 => Point::new(self.origin.x + along, self.origin.y - up),
            1 => Point::new(self.origin.x + up, self.origin.y + along),
            2 => Point::new(self.origin.x - along, self.origin.y + up),
            _ => Point::new(self.origin.x - up, self.origin.y - along),
        }
    }
}

/// A straight rule, horizontal or vertical.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Segment {
    /// Whether it runs across (`true`) or down.
    pub(crate) horizontal: bool,
    /// Its position across: y of a horizontal rule, x of a vertical one.
    pub(crate) at: f64,
    /// Where it starts along its direction.
    pub(crate) from: f64,
    /// Where it ends along its direction.
    pub(crate) to: f64,
}

/// What one page draws.
#[derive(Debug, Default)]
pub(crate) struct PageMarks {
    /// Width and height, in points.
    pub(crate) size: (f64, f64),
    /// Every character drawn.
    pub(crate) glyphs: Vec<Glyph>,
    /// Characters drawn without a Unicode mapping.
    pub(crate) unmapped: usize,
    /// Icons drawn with private-use characters, which are not text.
    pub(crate) icons: usize,
    /// Every rule drawn.
    pub(crate) segments: Vec<Segment>,
    /// The area images cover, in square points.
    pub(crate) image_area: f64,
}

impl PageMarks {
    /// The page turned so that most of its text reads left to right: a page whose content is
    /// drawn rotated (a landscape table on a portrait page) is read in its own orientation.
    pub(crate) fn upright(mut self) -> PageMarks {
        let mut counts = [0usize; 4];
        for glyph in &self.glyphs {
            counts[usize::from(glyph.direction)] += 1;
        }
        let turn = (0..4u8)
            .max_by_key(|&d| (counts[usize::from(d)], d == 0))
            .unwrap_or(0);
        if turn == 0 {
            return self;
        }
        let (width, height) = self.size;
        let rotate = |p: Point| match turn {
            1 => Point::new(p.y, width - p.x),
            2 => Point::new(width - p.x, height - p.y),
            _ => Point::new(height - p.y, p.x),
        };
        for glyph in &mut self.glyphs {
            glyph.origin = rotate(glyph.origin);
            glyph.direction = (glyph.direction + 4 - turn) % 4;
        }
        let segments = std::mem::take(&mut self.segments);
        for segment in segments {
            let (a, b) = if segment.horizontal {
                (
                    Point::new(segment.from, segment.at),
                    Point::new(segment.to, segment.at),
                )
            } else {
                (
                    Point::new(segment.at, segment.from),
                    Point::new(segment.at, segment.to),
                )
            };
            self.segments.extend(Segment::between(rotate(a), rotate(b)));
        }
        if turn != 2 {
            self.size = (height, width);
        }
        self
    }
}

impl Segment {
    /// The rule from `a` to `b`, if it is horizontal or vertical and not a dot.
    fn between(a: Point, b: Point) -> Option<Segment> {
        let (dx, dy) = ((b.x - a.x).abs(), (b.y - a.y).abs());
        if dy < 0.5 && dx >= 2.0 {
            Some(Segment {
                horizontal: true,
                at: (a.y + b.y) / 2.0,
                from: a.x.min(b.x),
                to: a.x.max(b.x),
            })
        } else if dx < 0.5 && dy >= 2.0 {
            Some(Segment {
                horizontal: false,
                at: (a.x + b.x) / 2.0,
                from: a.y.min(b.y),
                to: a.y.max(b.y),
            })
        } else {
            None
        }
    }
}

/// Thickness below which a filled rectangle is a rule.
const RULE_THICKNESS: f64 = 2.5;
/// Most glyphs and rules one page may draw before the rest is ignored (a hostile file).
pub(crate) const MAX_MARKS: usize = 200_000;

/// A device recording a page's marks.
pub(crate) struct Collector {
    pub(crate) marks: PageMarks,
    /// Open marked-content spans: the `/ActualText` of each, if any, and the glyphs drawn in it.
    actual_text: Vec<Option<(String, Vec<Glyph>)>>,
}

impl Collector {
    pub(crate) fn new(size: (f64, f64)) -> Self {
        Collector {
            marks: PageMarks {
                size,
                ..PageMarks::default()
            },
            actual_text: Vec::new(),
        }
    }

    fn full(&self) -> bool {
        self.marks.glyphs.len() + self.marks.segments.len() >= MAX_MARKS
    }

    fn push_glyph(&mut self, glyph: Glyph) {
        match self.actual_text.iter_mut().rev().find_map(Option::as_mut) {
            Some((_, inside)) => inside.push(glyph),
            None if is_private_use(glyph.ch) => self.marks.icons += 1,
            None => self.marks.glyphs.push(glyph),
        }
    }

    fn push_segment(&mut self, a: Point, b: Point) {
        self.marks.segments.extend(Segment::between(a, b));
    }

    /// The straight pieces of a stroked path, in page space.
    fn stroke(&mut self, path: &BezPath) {
        let mut start = None;
        let mut last = None;
        for element in path.elements() {
            match *element {
                PathEl::MoveTo(p) => {
                    start = Some(p);
                    last = Some(p);
                }
                PathEl::LineTo(p) => {
                    if let Some(from) = last {
                        self.push_segment(from, p);
                    }
                    last = Some(p);
                }
                PathEl::ClosePath => {
                    if let (Some(from), Some(to)) = (last, start) {
                        self.push_segment(from, to);
                    }
                    last = start;
                }
                PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => last = Some(p),
            }
        }
    }

    /// A filled shape: a thin bar is a rule; a larger rectangle that is not white (a cell's
    /// background) has its edges as rules.
    fn fill(&mut self, path: &BezPath, paint: &Paint<'_>) {
        let bounds = path.bounding_box();
        let rectangular = path
            .elements()
            .iter()
            .all(|e| !matches!(e, PathEl::QuadTo(..) | PathEl::CurveTo(..)));
        if !rectangular {
            return;
        }
        if bounds.height() < RULE_THICKNESS && bounds.width() >= 2.0 {
            let y = (bounds.y0 + bounds.y1) / 2.0;
            self.push_segment(Point::new(bounds.x0, y), Point::new(bounds.x1, y));
        } else if bounds.width() < RULE_THICKNESS && bounds.height() >= 2.0 {
            let x = (bounds.x0 + bounds.x1) / 2.0;
            self.push_segment(Point::new(x, bounds.y0), Point::new(x, bounds.y1));
        } else if !is_white(paint) && bounds.width() < self.marks.size.0 * 0.95 {
            let corners = [
                Point::new(bounds.x0, bounds.y0),
                Point::new(bounds.x1, bounds.y0),
                Point::new(bounds.x1, bounds.y1),
                Point::new(bounds.x0, bounds.y1),
            ];
            for i in 0..4 {
                self.push_segment(corners[i], corners[(i + 1) % 4]);
            }
        }
    }
}

/// Whether a paint is (nearly) white, as cell backgrounds and page fills are.
fn is_white(paint: &Paint<'_>) -> bool {
    match paint {
        Paint::Color(color) => color.to_rgba().to_rgba8()[..3].iter().all(|&c| c >= 240),
        Paint::Pattern(_) => false,
    }
}

/// The quarter turn a glyph's advance direction makes with the page's x axis.
fn direction(transform: Affine) -> u8 {
    let origin = transform * Point::ZERO;
    let along = transform * Point::new(1.0, 0.0) - origin;
    if along.x.abs() >= along.y.abs() {
        if along.x >= 0.0 {
            0
        } else {
            2
        }
    } else if along.y >= 0.0 {
        1
    } else {
        3
    }
}

/// Text from a PDF string: UTF-16BE with a byte-order mark, else PDFDocEncoding (read as
/// Latin-1, which agrees with it on every character a report prints).
pub(crate) fn text_string(string: &PdfString<'_>) -> String {
    let bytes = string.as_bytes();
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks(2)
                .map(|pair| u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, draw_mode: &DrawMode) {
        if self.full() {
            return;
        }
        let path = props.transform * path.clone();
        match draw_mode {
            DrawMode::Stroke(_) => self.stroke(&path),
            DrawMode::Fill(_) => self.fill(&path, &props.paint),
            DrawMode::FillAndStroke(..) => {
                self.fill(&path, &props.paint);
                self.stroke(&path);
            }
            DrawMode::Invisible => {}
        }
    }

    fn push_clip_path(&mut self, _: &ClipPath) {}

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, draw_mode: &DrawMode) {
        // Stroked text is the second pass of fake bold: the fill already gave its glyphs.
        if matches!(draw_mode, DrawMode::Stroke(_)) {
            return;
        }
        for glyph in run.glyphs() {
            if self.full() {
                return;
            }
            let transform = props.transform * glyph.transform();
            let origin = transform * Point::ZERO;
            let size = (transform * Point::new(0.0, 1000.0) - origin).hypot();
            let direction = direction(transform);
            let width = match &**glyph {
                hayro_interpret::font::Glyph::Outline(outline) => outline.advance_width(),
                hayro_interpret::font::Glyph::Type3(_) => None,
            };
            let advance = width
                .filter(|w| w.is_finite() && *w > 0.0)
                .map(|w| (transform * Point::new(f64::from(w), 0.0) - origin).hypot());
            let text = glyph.as_unicode().map(|u| match u {
                BfString::Char(c) => c.to_string(),
                BfString::String(s) => s,
            });
            let in_actual_text = self.actual_text.iter().any(Option::is_some);
            match text {
                Some(text) => {
                    let count = text.chars().count() as f64;
                    for (i, ch) in text.chars().enumerate() {
                        let advance = advance.map_or_else(|| estimated_advance(ch, size), |a| a / count);
                        let mut origin = origin;
                        origin.x += advance * i as f64;
                        self.push_glyph(Glyph {
                            ch,
                            origin,
                            size,
                            advance,
                            direction,
                        });
                    }
                }
                // A glyph inside /ActualText needs no mapping of its own: its place is used.
                None if in_actual_text => self.push_glyph(Glyph {
                    ch: '\u{FFFD}',
                    origin,
                    size,
                    advance: advance.unwrap_or(size),
                    direction,
                }),
                None => self.marks.unmapped += 1,
            }
        }
    }

    fn draw_image(&mut self, image: Image<'a, '_>, props: ImageDrawProps<'a>) {
        let _ = image;
        let area = (props.transform * Rect::new(0.0, 0.0, 1.0, 1.0).to_path(0.1))
            .bounding_box()
            .area();
        self.marks.image_area += area;
    }

    fn pop_clip(&mut self) {}

    fn pop_transparency_group(&mut self) {}

    fn begin_marked_content(&mut self, _tag: &[u8], properties: Option<&Dict<'_>>) {
        let actual = properties
            .and_then(|d| d.get::<PdfString<'_>>(b"ActualText".as_slice()))
            .map(|s| (text_string(&s), Vec::new()));
        self.actual_text.push(actual);
    }

    fn end_marked_content(&mut self) {
        let Some(Some((text, drawn))) = self.actual_text.pop() else {
            return;
        };
        // The replacement text takes the places of the glyphs it replaces: one each when they
        // match, else all at the first glyph's place, spread along its line.
        let Some(first) = drawn.first().cloned() else {
            return;
        };
        for (i, ch) in text.chars().enumerate() {
            let mut glyph = drawn.get(i).cloned().unwrap_or_else(|| {
                let mut g = first.clone();
                g.origin.x += first.advance * i as f64;
                g
            });
            glyph.ch = ch;
            self.push_glyph(glyph);
        }
    }
}

/// Whether a character is in a Private Use Area: an icon font's symbol, meaningless without its
/// font.
fn is_private_use(ch: char) -> bool {
    matches!(ch as u32, 0xE000..=0xF8FF | 0xF_0000..=0xF_FFFD | 0x10_0000..=0x10_FFFD)
}

/// A glyph's advance where its font gives none, estimated from its character: a full em for
/// CJK and full-width forms, half an em for the rest.
fn estimated_advance(ch: char, size: f64) -> f64 {
    if (ch as u32) >= 0x2E80 {
        size
    } else {
        size * 0.5
    }
}
