//! Fonts: the CJK font built into the binary and the fonts the caller hands in through the export
//! context (read from a file or found among the installed fonts by the caller, never by the
//! exporter) — parsed once per thread and shared by every document that thread writes — and the
//! choice of face for each character.
//!
//! The built-in font is the default even where CJK fonts are installed, so that the same report
//! gives the same PDF on every machine.
//!
//! The caller's fonts come first, in order; a character they lack is drawn with the built-in
//! font, and one that it lacks too with a font the caller finds for it (among the installed
//! fonts). A character that none has is an error that lists the characters — never an empty
//! box. Spaces other than U+0020 and invisible characters are layout: a blank of their width.

use nianbao_export::FontFile;
use printpdf::ParsedFont;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

/// The built-in font: a subset of Noto Serif CJK SC (SIL OFL 1.1) covering the 通用规范汉字表
/// (8,105 characters), GB 2312, the symbols of reports and every character of the corpus. See
/// `assets/fonts/README.md`.
pub const BUILTIN_FONT: &[u8] = include_bytes!("../../../assets/fonts/NotoSerifCJKsc-Subset.ttf");

/// The PostScript-style name the built-in font is embedded under.
const BUILTIN_NAME: &str = "NotoSerifCJKsc-Subset";

/// The face of level-one headings (一、…), a 黑体: a subset of Noto Sans CJK SC (SIL OFL 1.1)
/// covering the 3,500 characters in common use. See `assets/fonts/README.md`.
const HEITI_FONT: &[u8] = include_bytes!("../../../assets/fonts/NotoSansCJKsc-Headings.ttf");

/// The face of level-two headings (（一）…), a 楷体: a subset of LXGW WenKai (SIL OFL 1.1)
/// covering the 3,500 characters in common use. See `assets/fonts/README.md`.
const KAITI_FONT: &[u8] = include_bytes!("../../../assets/fonts/KaiHeadings-Subset.ttf");

/// What a piece of text is, for the face it is set in (GB/T 9704: headings of the first level in
/// 黑体, of the second in 楷体, the rest in the body face).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// Body text, tables, the title.
    Body,
    /// A heading of the first level: `一、总体情况`.
    Heading1,
    /// A heading of the second level: `（一）主动公开情况`.
    Heading2,
}

/// The heading faces as fonts handed in, made once so that the parsed-face cache knows them.
fn heading_fonts() -> &'static [FontFile; 2] {
    static FONTS: std::sync::OnceLock<[FontFile; 2]> = std::sync::OnceLock::new();
    FONTS.get_or_init(|| {
        let font = |name: &str, bytes: &[u8]| FontFile {
            name: name.to_owned(),
            data: Arc::from(bytes),
            index: 0,
        };
        [
            font("NotoSansCJKscHeadings", HEITI_FONT),
            font("KaiHeadings", KAITI_FONT),
        ]
    })
}

/// One parsed face.
pub(crate) struct Face {
    /// The parsed font, ready to be added to a document.
    pub parsed: ParsedFont,
    /// The name it is embedded under (before the subset tag).
    pub name: String,
    units_per_em: f32,
}

impl Face {
    fn parse(bytes: &[u8], index: usize, name: String) -> Result<Face, String> {
        let face = u32::try_from(index)
            .ok()
            .and_then(|index| ttf_parser::Face::parse(bytes, index).ok())
            .ok_or_else(|| format!("不是可用的字体，或没有第 {index} 个字形集"))?;
        if face.tables().glyf.is_none() {
            return Err("字体用 CFF 轮廓（OpenType/CFF），无法正确嵌入；请用 TrueType 轮廓的字体（多为 .ttf/.ttc），或不指定 --font 使用内置字体".to_owned());
        }
        let parsed = ParsedFont::from_bytes(bytes, index, &mut Vec::new())
            .ok_or_else(|| format!("无法解析字体（第 {index} 个字形集）"))?;
        let units_per_em = f32::from(parsed.font_metrics.units_per_em.max(1));
        Ok(Face {
            parsed,
            name,
            units_per_em,
        })
    }

    /// The glyph for `c`, if the face has one.
    fn glyph(&self, c: char) -> Option<u16> {
        self.parsed
            .lookup_glyph_index(c as u32)
            .filter(|&glyph| glyph != 0)
    }

    /// The advance of `c` in ems.
    fn advance(&self, glyph: u16) -> f32 {
        f32::from(self.parsed.get_horizontal_advance(glyph)) / self.units_per_em
    }
}

/// Which font a parsed face came from: the caller's font data (kept alive by the cache, so its
/// address stays unique) and face index, or `None` for the built-in font.
type FaceKey = Option<(Arc<[u8]>, u32)>;

thread_local! {
    /// The faces this thread has parsed.
    static PARSED: RefCell<Vec<(FaceKey, Rc<Face>)>> = const { RefCell::new(Vec::new()) };
}

fn cached(font: Option<&FontFile>) -> Result<Rc<Face>, String> {
    let same = |key: &FaceKey| match (key, font) {
        (None, None) => true,
        (Some((data, index)), Some(font)) => Arc::ptr_eq(data, &font.data) && *index == font.index,
        _ => false,
    };
    if let Some(face) = PARSED.with(|cache| {
        cache
            .borrow()
            .iter()
            .find(|(k, _)| same(k))
            .map(|(_, f)| Rc::clone(f))
    }) {
        return Ok(face);
    }
    let face = match font {
        None => Face::parse(BUILTIN_FONT, 0, BUILTIN_NAME.to_owned())?,
        Some(font) => {
            let name: String = font.name.chars().filter(char::is_ascii_alphanumeric).collect();
            let name = if name.is_empty() {
                "UserFont".to_owned()
            } else {
                name
            };
            Face::parse(&font.data, font.index as usize, format!("{name}-{}", font.index))
                .map_err(|e| format!("字体 {}：{e}", font.name))?
        }
    };
    let face = Rc::new(face);
    let key = font.map(|f| (Arc::clone(&f.data), f.index));
    PARSED.with(|cache| cache.borrow_mut().push((key, Rc::clone(&face))));
    Ok(face)
}

/// The faces one document is set in, most preferred first.
pub(crate) struct Fonts {
    /// The faces: the caller's, the built-in one, the fallbacks, then the two heading faces.
    pub faces: Vec<Rc<Face>>,
    /// Where the heading faces (黑体, 楷体) are in `faces`.
    headings: [usize; 2],
}

impl Fonts {
    /// The caller's fonts (if any), the built-in font, then the fonts found for characters
    /// neither has (`fallback`).
    ///
    /// # Errors
    /// When one of the caller's fonts cannot be parsed or embedded.
    pub(crate) fn load(user: &[FontFile], fallback: &[FontFile]) -> Result<Fonts, String> {
        let mut faces = Vec::with_capacity(user.len() + 1 + fallback.len());
        for font in user {
            faces.push(cached(Some(font))?);
        }
        faces.push(cached(None)?);
        for font in fallback {
            faces.push(cached(Some(font))?);
        }
        let headings = [faces.len(), faces.len() + 1];
        for font in heading_fonts() {
            faces.push(cached(Some(font))?);
        }
        Ok(Fonts { faces, headings })
    }

    /// How `c` is drawn in text of `style`: a glyph of a face (a heading's own face when it has
    /// the character, else the body text's), a blank of some width, or nothing a font has.
    pub(crate) fn draw_styled(&self, c: char, style: Style) -> Draw {
        if let Some(width) = blank_width(c) {
            return Draw::Blank(match width {
                Blank::Ems(ems) => ems,
                Blank::Like(other) => self.resolve(other).map_or(0.25, |(_, advance)| advance),
            });
        }
        let heading = match style {
            Style::Body => None,
            Style::Heading1 => Some(self.headings[0]),
            Style::Heading2 => Some(self.headings[1]),
        };
        let styled = heading.and_then(|index| {
            let face = &self.faces[index];
            face.glyph(c).map(|glyph| (index, face.advance(glyph)))
        });
        match styled.or_else(|| self.resolve(c)) {
            Some((face, advance)) => Draw::Glyph(face, advance),
            None => Draw::Missing,
        }
    }

    /// The face that draws `c` and the advance of `c` in ems; `None` when no face has it.
    fn resolve(&self, c: char) -> Option<(usize, f32)> {
        self.faces
            .iter()
            .enumerate()
            .find_map(|(index, face)| face.glyph(c).map(|glyph| (index, face.advance(glyph))))
    }

    /// The width of `text` of `style` in points at `size` (characters no face has count as one
    /// em; the composer reports them).
    pub(crate) fn width(&self, text: &str, size: f32, style: Style) -> f32 {
        text.chars().map(|c| self.advance(c, style)).sum::<f32>() * size
    }

    /// The advance of `c` of `style` in ems.
    pub(crate) fn advance(&self, c: char, style: Style) -> f32 {
        match self.draw_styled(c, style) {
            Draw::Glyph(_, advance) | Draw::Blank(advance) => advance,
            Draw::Missing => 1.0,
        }
    }
}

/// How one character is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Draw {
    /// A glyph of the face at this index, advancing this many ems.
    Glyph(usize, f32),
    /// No glyph, only a blank this many ems wide (spaces other than U+0020, invisible
    /// characters: layout, not glyphs).
    Blank(f32),
    /// No face has it.
    Missing,
}

/// The width of a blank.
enum Blank {
    /// So many ems.
    Ems(f32),
    /// As wide as this character.
    Like(char),
}

/// The width of a character that is layout rather than a glyph: the spaces of Unicode (their
/// widths as the standard gives them), tabs, and the invisible characters (zero-width spaces and
/// joiners, the byte order mark, soft hyphens, controls), which take no room.
fn blank_width(c: char) -> Option<Blank> {
    Some(match c {
        '\u{00A0}' => Blank::Like(' '),
        '\u{2000}' | '\u{2002}' => Blank::Ems(0.5),
        '\u{2001}' | '\u{2003}' | '\u{3000}' | '\t' => Blank::Ems(1.0),
        '\u{2004}' => Blank::Ems(1.0 / 3.0),
        '\u{2005}' => Blank::Ems(0.25),
        '\u{2006}' => Blank::Ems(1.0 / 6.0),
        '\u{2007}' => Blank::Like('0'),
        '\u{2008}' => Blank::Like('.'),
        '\u{2009}' | '\u{202F}' => Blank::Ems(0.2),
        '\u{200A}' => Blank::Ems(0.1),
        '\u{205F}' => Blank::Ems(4.0 / 18.0),
        '\u{00AD}' | '\u{034F}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' => {
            Blank::Ems(0.0)
        }
        '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' => {
            Blank::Ems(0.0)
        }
        c if c.is_control() => Blank::Ems(0.0),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_font_covers_the_template_and_measures_cjk_as_one_em() {
        let fonts = Fonts::load(&[], &[]).unwrap();
        let template = "政府信息公开工作年度报告（七）总计“三安全一稳定”—1234";
        assert!(template
            .chars()
            .all(|c| matches!(fonts.draw_styled(c, Style::Body), Draw::Glyph(..))));
        assert!((fonts.advance('政', Style::Body) - 1.0).abs() < 1e-3);
        assert!(fonts.advance('1', Style::Body) < 0.7);
        assert_eq!(fonts.draw_styled('𠀀', Style::Body), Draw::Missing);
        assert!(matches!(fonts.draw_styled('a', Style::Body), Draw::Glyph(..)));
    }

    #[test]
    fn the_builtin_font_covers_the_standard_list_of_characters_in_use() {
        // 通用规范汉字表: the 8,105 characters of the national standard list.
        let standard = include_str!("../../../assets/fonts/tongyong-guifan-hanzi.txt");
        let fonts = Fonts::load(&[], &[]).unwrap();
        let missing: String = standard
            .split_whitespace()
            .flat_map(str::chars)
            .filter(|&c| !matches!(fonts.draw_styled(c, Style::Body), Draw::Glyph(..)))
            .collect();
        assert_eq!(standard.lines().count(), 8105);
        assert!(missing.is_empty(), "{missing}");
    }

    #[test]
    fn spaces_and_invisible_characters_are_blanks_of_their_width() {
        let fonts = Fonts::load(&[], &[]).unwrap();
        assert_eq!(fonts.draw_styled('\u{3000}', Style::Body), Draw::Blank(1.0));
        assert_eq!(fonts.draw_styled('\u{2002}', Style::Body), Draw::Blank(0.5));
        assert_eq!(
            fonts.draw_styled('\u{00A0}', Style::Body),
            Draw::Blank(fonts.advance(' ', Style::Body))
        );
        assert_eq!(
            fonts.draw_styled('\u{2007}', Style::Body),
            Draw::Blank(fonts.advance('0', Style::Body))
        );
        for invisible in ['\u{200B}', '\u{200D}', '\u{FEFF}', '\u{00AD}', '\u{2060}'] {
            assert_eq!(
                fonts.draw_styled(invisible, Style::Body),
                Draw::Blank(0.0),
                "U+{:04X}",
                invisible as u32
            );
        }
    }
}
