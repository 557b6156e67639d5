//! Fonts: the CJK font built into the binary and an optional user font — a file (`PATH[#index]`)
//! or the family name of an installed font, found with fontdb — parsed once per thread and shared
//! by every document that thread writes, and the choice of face for each character.
//!
//! The built-in font is the default even where CJK fonts are installed, so that the same report
//! gives the same PDF on every machine; an installed font is used when asked for by name.
//!
//! The user font comes first; a character it lacks is drawn with the built-in font. A character
//! that neither has is an error that lists the characters — never an empty box.

use printpdf::ParsedFont;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

/// The built-in font: a subset of Noto Serif CJK SC (SIL OFL 1.1) covering GB 2312 and every
/// character of the corpus. See `assets/fonts/README.md`.
pub const BUILTIN_FONT: &[u8] = include_bytes!("../../../assets/fonts/NotoSerifCJKsc-Subset.ttf");

/// The PostScript-style name the built-in font is embedded under.
const BUILTIN_NAME: &str = "NotoSerifCJKsc-Subset";

/// One parsed face.
pub struct Face {
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

/// A user font given as `PATH[#index]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FontSpec {
    /// The font file.
    pub path: String,
    /// The face within a collection (`.ttc`), 0 for a single font.
    pub index: usize,
}

impl FontSpec {
    /// Reads `PATH[#index]`, or else takes the text as the family name of an installed font
    /// (`Noto Serif CJK SC`, `文泉驿正黑`).
    ///
    /// # Errors
    /// When the text is neither an existing file nor the name of an installed font family.
    pub fn resolve(text: &str) -> Result<FontSpec, String> {
        let spec = FontSpec::parse(text);
        if std::path::Path::new(&spec.path).is_file() {
            return Ok(spec);
        }
        installed(text).ok_or_else(|| {
            format!("找不到字体“{text}”：它既不是字体文件（PATH 或 PATH#序号），也不是已安装的字体族名")
        })
    }

    /// Reads `PATH[#index]` without looking at the file system.
    pub fn parse(spec: &str) -> FontSpec {
        if let Some((path, index)) = spec.rsplit_once('#') {
            if let (false, Ok(index)) = (path.is_empty(), index.parse()) {
                return FontSpec {
                    path: path.to_owned(),
                    index,
                };
            }
        }
        FontSpec {
            path: spec.to_owned(),
            index: 0,
        }
    }
}

/// The installed font whose family (in any language) is `family`, ignoring case; of several
/// faces, the regular upright one, then the first by file and index.
fn installed(family: &str) -> Option<FontSpec> {
    static SYSTEM: OnceLock<fontdb::Database> = OnceLock::new();
    let database = SYSTEM.get_or_init(|| {
        let mut database = fontdb::Database::new();
        database.load_system_fonts();
        database
    });
    database
        .faces()
        .filter(|face| {
            face.families
                .iter()
                .any(|(name, _)| name.eq_ignore_ascii_case(family))
        })
        .filter_map(|face| match &face.source {
            fontdb::Source::File(path) => {
                let regular = face.weight == fontdb::Weight::NORMAL && face.style == fontdb::Style::Normal;
                Some((!regular, path.clone(), face.index))
            }
            _ => None,
        })
        .min()
        .map(|(_, path, index)| FontSpec {
            path: path.to_string_lossy().into_owned(),
            index: index as usize,
        })
}

thread_local! {
    static PARSED: RefCell<HashMap<Option<FontSpec>, Rc<Face>>> = RefCell::new(HashMap::new());
}

fn cached(spec: Option<&FontSpec>) -> Result<Rc<Face>, String> {
    let key = spec.cloned();
    if let Some(face) = PARSED.with(|cache| cache.borrow().get(&key).cloned()) {
        return Ok(face);
    }
    let face = match spec {
        None => Face::parse(BUILTIN_FONT, 0, BUILTIN_NAME.to_owned())?,
        Some(spec) => {
            let bytes =
                std::fs::read(&spec.path).map_err(|e| format!("无法读取字体文件 {}：{e}", spec.path))?;
            let stem = std::path::Path::new(&spec.path)
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("UserFont");
            let name: String = stem.chars().filter(char::is_ascii_alphanumeric).collect();
            let name = if name.is_empty() {
                "UserFont".to_owned()
            } else {
                name
            };
            Face::parse(&bytes, spec.index, format!("{name}-{}", spec.index))
                .map_err(|e| format!("字体 {}：{e}", spec.path))?
        }
    };
    let face = Rc::new(face);
    PARSED.with(|cache| cache.borrow_mut().insert(key, Rc::clone(&face)));
    Ok(face)
}

/// The faces one document is set in, most preferred first.
pub struct Fonts {
    /// The faces; the built-in font is always last.
    pub faces: Vec<Rc<Face>>,
}

impl Fonts {
    /// The user font (if any) followed by the built-in font.
    ///
    /// # Errors
    /// When the user font cannot be read or parsed.
    pub fn load(user: Option<&FontSpec>) -> Result<Fonts, String> {
        let mut faces = Vec::with_capacity(2);
        if let Some(spec) = user {
            faces.push(cached(Some(spec))?);
        }
        faces.push(cached(None)?);
        Ok(Fonts { faces })
    }

    /// The face that draws `c` and the advance of `c` in ems; `None` when no face has it.
    pub fn resolve(&self, c: char) -> Option<(usize, f32)> {
        self.faces
            .iter()
            .enumerate()
            .find_map(|(index, face)| face.glyph(c).map(|glyph| (index, face.advance(glyph))))
    }

    /// The width of `text` in points at `size` (characters no face has count as one em; the
    /// composer reports them).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// The advance of `c` in ems.
    pub fn advance(&self, c: char) -> f32 {
        self.resolve(c).map_or(1.0, |(_, advance)| advance)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_specs_take_an_optional_face_index() {
        assert_eq!(
            FontSpec::parse("/usr/share/fonts/a.ttc#2"),
            FontSpec {
                path: "/usr/share/fonts/a.ttc".into(),
                index: 2
            }
        );
        assert_eq!(FontSpec::parse("b#c.ttf").path, "b#c.ttf");
        assert_eq!(FontSpec::parse("b.ttf").index, 0);
    }

    #[test]
    fn the_builtin_font_covers_the_template_and_measures_cjk_as_one_em() {
        let fonts = Fonts::load(None).unwrap();
        let template = "政府信息公开工作年度报告（七）总计“三安全一稳定”—1234";
        assert!(template.chars().all(|c| fonts.resolve(c).is_some()));
        assert!((fonts.advance('政') - 1.0).abs() < 1e-3);
        assert!(fonts.advance('1') < 0.7);
        assert!(fonts.resolve('𠀀').is_none() && fonts.resolve('a').is_some());
    }
}
