//! Glyphs into lines of text: glyphs on one baseline, in their reading direction, joined
//! without a separator (Chinese and digits need none), with a space between Latin words and a tab
//! where a gap wider than a character stands (the columns of a table drawn without rules).
//!
//! Each glyph is read in its own frame: along its direction of writing and across it, so that a
//! label set one glyph below the other, or rotated in its cell, reads as one line in order.

use crate::collect::Glyph;
use crate::BBox;
use hayro_interpret::kurbo::Point;

/// One line of text.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// Its glyphs, in reading order.
    pub(crate) glyphs: Vec<Glyph>,
    /// The box around them, on the page.
    pub(crate) bbox: BBox,
    /// The typical em size.
    pub(crate) size: f64,
}

/// A glyph gap, in ems, above which a tab stands in a line's text (the next column of a table
/// drawn without rules).
pub(crate) const COLUMN_GAP: f64 = 1.2;

impl Line {
    /// The line's text: gaps wider than [`COLUMN_GAP`] become tabs, narrower gaps between Latin
    /// words spaces.
    pub(crate) fn text(&self) -> String {
        let mut text = String::new();
        for (i, glyph) in self.glyphs.iter().enumerate() {
            if i > 0 {
                let previous = &self.glyphs[i - 1];
                let gap = gap(previous, glyph);
                if gap > COLUMN_GAP * self.size {
                    text.push('\t');
                } else if gap > 0.2 * self.size
                    && previous.ch.is_ascii_alphanumeric()
                    && glyph.ch.is_ascii_alphanumeric()
                {
                    text.push(' ');
                }
            }
            text.push(glyph.ch);
        }
        text
    }
}

/// Appends the text of a following line to `text`: without a separator, except for a space
/// between Latin words (a number or a Chinese phrase wrapped in a narrow cell joins up again).
pub(crate) fn join_line(text: &mut String, line: &str) {
    if text.chars().next_back().is_some_and(|c| c.is_ascii_alphabetic())
        && line.starts_with(|c: char| c.is_ascii_alphabetic())
    {
        text.push(' ');
    }
    text.push_str(line);
}

/// The space between the end of one glyph and the start of the next, along their line.
pub(crate) fn gap(previous: &Glyph, next: &Glyph) -> f64 {
    along(next) - (along(previous) + previous.advance)
}

/// Where a glyph stands along its direction of writing.
fn along(glyph: &Glyph) -> f64 {
    frame(glyph.direction, glyph.origin).0
}

/// A point in the frame of a direction: (along the writing, across it, growing towards the
/// following lines).
fn frame(direction: u8, p: Point) -> (f64, f64) {
    match direction {
        0 => (p.x, p.y),
        1 => (p.y, -p.x),
        2 => (-p.x, -p.y),
        _ => (-p.y, p.x),
    }
}

/// The page point of a frame position: the inverse of [`frame`].
fn unframe(direction: u8, along: f64, across: f64) -> Point {
    match direction {
        0 => Point::new(along, across),
        1 => Point::new(-across, along),
        2 => Point::new(-along, -across),
        _ => Point::new(across, -along),
    }
}

/// The box a glyph covers on the page: its advance along, 0.85 em above and 0.15 em below its
/// baseline.
pub(crate) fn glyph_box(glyph: &Glyph) -> BBox {
    let (a, c) = frame(glyph.direction, glyph.origin);
    let corners = [
        unframe(glyph.direction, a, c - 0.85 * glyph.size),
        unframe(glyph.direction, a + glyph.advance, c + 0.15 * glyph.size),
    ];
    BBox {
        x0: corners[0].x.min(corners[1].x),
        y0: corners[0].y.min(corners[1].y),
        x1: corners[0].x.max(corners[1].x),
        y1: corners[0].y.max(corners[1].y),
    }
}

/// The lines of `glyphs` (whitespace glyphs dropped, duplicates drawn at the same place — fake
/// bold — dropped), top to bottom.
pub(crate) fn lines(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.retain(|g| !g.ch.is_whitespace() && !g.ch.is_control());
    let key = |g: &Glyph| {
        let (along, across) = frame(g.direction, g.origin);
        (g.direction, across, along)
    };
    glyphs.sort_by(|a, b| {
        let (a, b) = (key(a), key(b));
        a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.total_cmp(&b.2))
    });
    let mut lines: Vec<Line> = Vec::new();
    let mut band: Vec<Glyph> = Vec::new();
    for glyph in glyphs {
        let joins = band.last().is_some_and(|last| {
            let size = last.size.max(glyph.size);
            last.direction == glyph.direction && (key(&glyph).1 - key(last).1).abs() < 0.35 * size
        });
        if !joins && !band.is_empty() {
            lines.push(finish(std::mem::take(&mut band)));
        }
        band.push(glyph);
    }
    if !band.is_empty() {
        lines.push(finish(band));
    }
    lines.sort_by(|a, b| {
        a.bbox
            .y0
            .total_cmp(&b.bbox.y0)
            .then(a.bbox.x0.total_cmp(&b.bbox.x0))
    });
    lines
}

fn finish(mut glyphs: Vec<Glyph>) -> Line {
    glyphs.sort_by(|a, b| along(a).total_cmp(&along(b)));
    // The same character drawn twice at (nearly) the same place is one character.
    glyphs.dedup_by(|b, a| {
        a.ch == b.ch
            && (a.origin.x - b.origin.x).abs() < 0.2 * a.size
            && (a.origin.y - b.origin.y).abs() < 0.2 * a.size
    });
    let mut sizes: Vec<f64> = glyphs.iter().map(|g| g.size).collect();
    sizes.sort_by(f64::total_cmp);
    let size = sizes[sizes.len() / 2].max(1.0);
    let bbox = glyphs
        .iter()
        .fold(BBox::EMPTY, |bbox, g| bbox.union(glyph_box(g)));
    Line { glyphs, bbox, size }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(ch: char, x: f64, y: f64) -> Glyph {
        Glyph {
            ch,
            origin: Point::new(x, y),
            size: 10.0,
            advance: if ch.is_ascii() { 5.0 } else { 10.0 },
            direction: 0,
        }
    }

    #[test]
    fn glyphs_on_a_baseline_make_a_line_with_gaps_as_tabs() {
        let glyphs = vec![
            glyph('许', 10.0, 100.0),
            glyph('行', 0.0, 100.5),
            glyph('可', 20.0, 99.8),
            glyph('9', 60.0, 100.0),
            glyph('7', 65.0, 100.0),
            glyph('7', 65.5, 100.0),
            glyph('下', 0.0, 120.0),
            glyph(' ', 10.0, 120.0),
        ];
        let lines = lines(glyphs);
        let texts: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(texts, ["行许可\t97", "下"]);
        assert!(lines[0].bbox.x0 <= 0.0 && lines[0].bbox.x1 >= 70.0);
    }

    #[test]
    fn text_rotated_to_run_upwards_reads_bottom_to_top() {
        // `办理结果` set upwards in a narrow cell: each glyph above the one before.
        let glyphs: Vec<Glyph> = "办理结果"
            .chars()
            .enumerate()
            .map(|(i, ch)| Glyph {
                direction: 3,
                ..glyph(ch, 50.0, 200.0 - 10.0 * i as f64)
            })
            .collect();
        let lines = lines(glyphs.into_iter().rev().collect());
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text(), "办理结果");
        let bbox = lines[0].bbox;
        assert!(
            bbox.y0 <= 160.0 && bbox.y1 >= 200.0 && bbox.x1 - bbox.x0 <= 10.0,
            "{bbox:?}"
        );
    }
}
