//! Fonts for the PDF exporter, found here so that the exporters never search the system
//! themselves: `--font` (a font file, `PATH` or `PATH#index` for a face of a collection, or the
//! family name of an installed font, found with fontdb), and the installed fonts that draw the
//! characters the built-in font lacks ([`installed_finder`]).

use anyhow::{Context, Result};
use nianbao_export::{FontFile, FontFinder};
use std::path::Path;
use std::sync::Arc;

/// Reads the font `text` names.
///
/// # Errors
/// When `text` is neither a readable font file nor the family name of an installed font.
pub(crate) fn resolve(text: &str) -> Result<FontFile> {
    let (path, index) = split_index(text);
    let (path, index) = if Path::new(path).is_file() {
        (path.to_owned(), index)
    } else {
        installed(text).ok_or_else(|| {
            anyhow::anyhow!(
                "找不到字体“{text}”：它既不是字体文件（PATH 或 PATH#序号），也不是已安装的字体族名"
            )
        })?
    };
    let data = std::fs::read(&path).with_context(|| format!("无法读取字体文件 {path}"))?;
    let name = Path::new(&path)
        .file_stem()
        .map_or_else(|| text.to_owned(), |s| s.to_string_lossy().into_owned());
    Ok(FontFile {
        name,
        data: Arc::from(data),
        index,
    })
}

/// `PATH#index` as the path and the face index (0 when there is none).
fn split_index(text: &str) -> (&str, u32) {
    match text.rsplit_once('#') {
        Some((path, index)) if !path.is_empty() => match index.parse() {
            Ok(index) => (path, index),
            Err(_) => (text, 0),
        },
        _ => (text, 0),
    }
}

/// The installed font whose family (in any language) is `family`, ignoring case; of several
/// faces, the regular upright one, then the first by file and index.
fn installed(family: &str) -> Option<(String, u32)> {
    let mut database = fontdb::Database::new();
    database.load_system_fonts();
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
        .map(|(_, path, index)| (path.to_string_lossy().into_owned(), index))
}

/// A finder of installed fonts for characters no other font has: of the installed faces with
/// TrueType outlines (the only ones the PDF exporter can embed), in the order of their files, the
/// first that draws a character still lacking is taken, until none lacks or no face has them.
pub(crate) fn installed_finder() -> FontFinder {
    FontFinder(Arc::new(|characters: &[char]| {
        let mut database = fontdb::Database::new();
        database.load_system_fonts();
        let mut faces: Vec<(std::path::PathBuf, u32, fontdb::ID)> = database
            .faces()
            .filter_map(|face| match &face.source {
                fontdb::Source::File(path) => Some((path.clone(), face.index, face.id)),
                _ => None,
            })
            .collect();
        faces.sort();
        let mut lacking: Vec<char> = characters.to_vec();
        let mut found = Vec::new();
        for (path, index, id) in faces {
            if lacking.is_empty() {
                break;
            }
            let drawn: Vec<char> = database
                .with_face_data(id, |data, index| {
                    let face = ttf_parser::Face::parse(data, index).ok()?;
                    face.tables().glyf?;
                    Some(
                        lacking
                            .iter()
                            .copied()
                            .filter(|&c| face.glyph_index(c).is_some_and(|g| g.0 != 0))
                            .collect(),
                    )
                })
                .flatten()
                .unwrap_or_default();
            if drawn.is_empty() {
                continue;
            }
            let Ok(data) = std::fs::read(&path) else { continue };
            lacking.retain(|c| !drawn.contains(c));
            let name = path
                .file_stem()
                .map_or_else(|| "font".to_owned(), |s| s.to_string_lossy().into_owned());
            found.push(FontFile {
                name,
                data: Arc::from(data),
                index,
            });
        }
        found
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_specs_take_an_optional_face_index() {
        assert_eq!(
            split_index("/usr/share/fonts/a.ttc#2"),
            ("/usr/share/fonts/a.ttc", 2)
        );
        assert_eq!(split_index("b#c.ttf"), ("b#c.ttf", 0));
        assert_eq!(split_index("b.ttf"), ("b.ttf", 0));
        assert_eq!(split_index("#3"), ("#3", 0));
    }

    #[test]
    fn an_unknown_font_is_named() {
        let error = resolve("No Such Font 9").unwrap_err().to_string();
        assert!(error.contains("No Such Font 9"), "{error}");
    }
}
