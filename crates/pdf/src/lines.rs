//! Glyphs into lines of text: glyphs on one baseline, left to right, joined without a separator
//! (Chinese and digits need none), with a space between Latin words and a tab where a gap wider
//! than a character stands (the columns of a table drawn without rules).

use crate::collect::Glyph;
use crate::BBox;

/// One line of text.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// Its glyphs, left to right.
    pub(crate) glyphs: Vec<Glyph>,
    /// The box around them.
    pub(crate) bbox: BBox,
    /// The typical em size.
    pub(crate) size: f64,
}

impl Line {
    /// The line's text: gaps wider than a character become tabs, narrower gaps between Latin
    /// words spaces.
    pub(crate) fn text(&self) -> String {
        let mut text = String::new();
        for (i, glyph) in self.glyphs.iter().enumerate() {
            if i > 0 {
                let previous = &self.glyphs[i - 1];
                let gap = glyph.origin.x - (previous.origin.x + previous.advance);
                if gap > 1.2 * self.size {
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

/// The lines of `glyphs` (whitespace glyphs dropped, duplicates drawn at the same place — fake
/// bold — dropped), top to bottom.
pub(crate) fn lines(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.retain(|g| !g.ch.is_whitespace() && !g.ch.is_control());
    glyphs.sort_by(|a, b| {
        a.origin
            .y
            .total_cmp(&b.origin.y)
            .then(a.origin.x.total_cmp(&b.origin.x))
    });
    let mut lines: Vec<Line> = Vec::new();
    let mut band: Vec<Glyph> = Vec::new();
    for glyph in glyphs {
        let joins = band.last().is_some_and(|last| {
            let size = last.size.max(glyph.size);
            (glyph.origin.y - last.origin.y).abs() < 0.35 * size
        });
        if !joins && !band.is_empty() {
            lines.push(finish(std::mem::take(&mut band)));
        }
        band.push(glyph);
    }
    if !band.is_empty() {
        lines.push(finish(band));
    }
    lines
}

fn finish(mut glyphs: Vec<Glyph>) -> Line {
    glyphs.sort_by(|a, b| a.origin.x.total_cmp(&b.origin.x));
    // The same character drawn twice at (nearly) the same place is one character.
    glyphs.dedup_by(|b, a| {
        a.ch == b.ch
            && (a.origin.x - b.origin.x).abs() < 0.2 * a.size
            && (a.origin.y - b.origin.y).abs() < 0.2 * a.size
    });
    let mut sizes: Vec<f64> = glyphs.iter().map(|g| g.size).collect();
    sizes.sort_by(f64::total_cmp);
    let size = sizes[sizes.len() / 2].max(1.0);
    let bbox = glyphs.iter().fold(BBox::EMPTY, |bbox, g| {
        bbox.union(BBox {
            x0: g.origin.x,
            y0: g.origin.y - 0.85 * g.size,
            x1: g.origin.x + g.advance,
            y1: g.origin.y + 0.15 * g.size,
        })
    });
    Line { glyphs, bbox, size }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hayro_interpret::kurbo::Point;

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
}
