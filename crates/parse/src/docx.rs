//! The DOCX reader: Word documents as saved by Word, WPS and LibreOffice.
//!
//! A DOCX is a zip package; its main part (`word/document.xml`, or wherever the package
//! relationships point) is read with quick-xml:
//!
//! * **Paragraphs**: runs concatenated; tabs and line breaks inside a paragraph kept as breaks.
//!   Automatic numbering is written out (`一、`, `（三）`, `1.`) from `numbering.xml`, whether a
//!   paragraph carries it or inherits it from its style — the way heading styles number the
//!   six section headings.
//! * **Tracked changes**: what the document shows after accepting them. Deleted and moved-away
//!   text, deleted table rows and the old properties kept by property changes are left out;
//!   inserted text is kept. Field instructions and the fallback copies of alternate content are
//!   left out.
//! * **Tables**: every cell at its grid column (`w:gridBefore`, `w:gridSpan`), with vertically
//!   merged cells (`w:vMerge`) turned into row spans, so they land on the same dense grid as an
//!   HTML table. A table nested in a cell adds its text to that cell.
//!
//! A DOCX is untrusted: the package may hold at most [`MAX_ENTRIES`] entries, none with an
//! absolute or `..` path; a part is read only up to [`MAX_PART_BYTES`] decompressed, whatever its
//! header claims (zip bombs); a DOCTYPE is refused and no entity but XML's five and character
//! references is expanded. A legacy binary `.doc`/`.wps` file gets advice to save it as `.docx`.

use crate::error::ParseError;
use crate::structured::{Block, SourceCell};
use crate::Read;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::Read as _;

/// The signature of an OLE compound file: a legacy `.doc`/`.wps`, or an encrypted document.
pub const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// Most entries a package may hold.
pub const MAX_ENTRIES: usize = 10_000;
/// Most bytes one part may decompress to.
pub const MAX_PART_BYTES: u64 = 64 << 20;
/// Deepest element nesting accepted in a part.
const MAX_DEPTH: usize = 256;

/// Reads a DOCX report.
pub fn read(bytes: &[u8]) -> Result<Read<'_>, ParseError> {
    if bytes.starts_with(OLE_MAGIC) {
        return Err(ParseError::LegacyWord {
            extension: ".docx".to_owned(),
        });
    }
    let blocks = blocks(bytes)?;
    crate::read_blocks(&blocks, "DOCX", "UTF-8", false)
}

fn invalid(detail: String) -> ParseError {
    ParseError::Invalid {
        format: "DOCX",
        detail,
    }
}

/// The paragraphs and tables of a DOCX package.
pub fn blocks(bytes: &[u8]) -> Result<Vec<Block>, ParseError> {
    let mut package = Package::open(bytes)?;
    let main = package
        .relationship_target("_rels/.rels", "", "/officeDocument")?
        .unwrap_or_else(|| "word/document.xml".to_owned());
    let document = package
        .read(&main)?
        .ok_or_else(|| invalid(format!("压缩包中没有正文部件 {main}（不是 Word 文档？）")))?;
    let (directory, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let rels = format!(
        "{}_rels/{file}.rels",
        if directory.is_empty() {
            String::new()
        } else {
            format!("{directory}/")
        }
    );
    let numbering = match package.relationship_target(&rels, directory, "/numbering")? {
        Some(path) => package.read(&path)?,
        None => None,
    };
    let styles = match package.relationship_target(&rels, directory, "/styles")? {
        Some(path) => package.read(&path)?,
        None => None,
    };
    let numbering = match numbering {
        Some(xml) => Numbering::parse(&utf8(&xml, "numbering.xml")?)?,
        None => Numbering::default(),
    };
    let styles = match styles {
        Some(xml) => StyleNumbering::parse(&utf8(&xml, "styles.xml")?)?,
        None => StyleNumbering::default(),
    };
    let text = utf8(&document, &main)?;
    Body::parse(&text, &numbering, &styles)
}

fn utf8(bytes: &[u8], part: &str) -> Result<String, ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        invalid(format!(
            "{part} 不是 UTF-8 编码的 XML：第 {} 字节",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// A zip package, checked for hostile structure.
struct Package<'a> {
    archive: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
}

impl<'a> Package<'a> {
    fn open(bytes: &'a [u8]) -> Result<Self, ParseError> {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| invalid(format!("不是有效的 zip 压缩包（文件可能不完整或已损坏）：{e}")))?;
        if archive.len() > MAX_ENTRIES {
            return Err(invalid(format!(
                "压缩包有 {} 个条目，超过上限 {MAX_ENTRIES}",
                archive.len()
            )));
        }
        for i in 0..archive.len() {
            let entry = archive
                .by_index_raw(i)
                .map_err(|e| invalid(format!("压缩包第 {} 个条目无法读取：{e}", i + 1)))?;
            if entry.enclosed_name().is_none() {
                let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
                return Err(invalid(format!("压缩包中有不安全的路径“{name}”")));
            }
        }
        Ok(Package { archive })
    }

    /// The part at `path`, decompressed; `None` when the package has no such part.
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, ParseError> {
        let entry = match self.archive.by_name(path) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(invalid(format!("{path} 无法读取：{e}"))),
        };
        if entry.size() > MAX_PART_BYTES {
            return Err(invalid(format!(
                "{path} 解压后有 {} 字节，超过上限 {MAX_PART_BYTES}（疑似压缩炸弹）",
                entry.size()
            )));
        }
        let mut out = Vec::with_capacity(entry.size() as usize);
        entry
            .take(MAX_PART_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|e| invalid(format!("{path} 解压失败（文件可能不完整或已损坏）：{e}")))?;
        if out.len() as u64 > MAX_PART_BYTES {
            return Err(invalid(format!(
                "{path} 解压后超过上限 {MAX_PART_BYTES} 字节（疑似压缩炸弹）"
            )));
        }
        Ok(Some(out))
    }

    /// The target of the first relationship in `rels` whose type ends with `kind`, as a path in
    /// the package; targets are relative to `base`.
    fn relationship_target(
        &mut self,
        rels: &str,
        base: &str,
        kind: &str,
    ) -> Result<Option<String>, ParseError> {
        let Some(xml) = self.read(rels)? else {
            return Ok(None);
        };
        let text = utf8(&xml, rels)?;
        let mut reader = Reader::from_str(&text);
        loop {
            match reader.read_event().map_err(|e| invalid(format!("{rels}：{e}")))? {
                Event::DocType(_) => return Err(invalid(format!("{rels} 含有 DOCTYPE，拒绝读取"))),
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                    let is_kind = attribute(&e, "Type").is_some_and(|t| t.ends_with(kind));
                    let external = attribute(&e, "TargetMode").is_some_and(|m| m == "External");
                    if is_kind && !external {
                        let target = attribute(&e, "Target").unwrap_or_default();
                        return resolve(base, &target)
                            .map(Some)
                            .ok_or_else(|| invalid(format!("{rels} 指向包外的路径“{target}”")));
                    }
                }
                Event::Eof => return Ok(None),
                _ => {}
            }
        }
    }
}

/// A relationship target resolved against `base`; `None` when it leaves the package.
fn resolve(base: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').filter(|p| !p.is_empty()).collect()
    };
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// An attribute's value, by local name.
fn attribute(element: &BytesStart<'_>, local: &str) -> Option<String> {
    element.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_default()
        })
    })
}

/// `w:val` as a number.
fn number_value(element: &BytesStart<'_>) -> Option<u32> {
    attribute(element, "val")?.trim().parse().ok()
}

/// Walks a part's events, refusing DTDs, undefined entities and absurd nesting, and hands
/// element starts, ends and text to `visit`.
fn walk(xml: &str, part: &str, mut visit: impl FnMut(Step<'_, '_>)) -> Result<(), ParseError> {
    let mut reader = Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| invalid(format!("{part} 第 {} 字节处：{e}", reader.buffer_position())))?;
        match event {
            Event::DocType(_) => return Err(invalid(format!("{part} 含有 DOCTYPE（实体定义），拒绝读取"))),
            Event::Start(ref e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(invalid(format!("{part} 的元素嵌套超过 {MAX_DEPTH} 层")));
                }
                visit(Step::Start(e));
            }
            Event::Empty(ref e) => {
                visit(Step::Start(e));
                visit(Step::End(e.local_name().as_ref()));
            }
            Event::End(ref e) => {
                depth = depth.saturating_sub(1);
                visit(Step::End(e.local_name().as_ref()));
            }
            Event::Text(ref t) => visit(Step::Text(&t.xml10_content())),
            Event::CData(ref t) => visit(Step::Text(&t.xml10_content())),
            Event::GeneralRef(ref r) => {
                let name = r.xml10_content();
                let resolved = match name.as_ref() {
                    "lt" => '<',
                    "gt" => '>',
                    "amp" => '&',
                    "apos" => '\'',
                    "quot" => '"',
                    _ => r
                        .resolve_char_ref()
                        .map_err(|e| invalid(format!("{part}：{e}")))?
                        .ok_or_else(|| invalid(format!("{part} 使用了未定义的实体 &{name};")))?,
                };
                visit(Step::Text(resolved.encode_utf8(&mut [0; 4])));
            }
            Event::Eof => return Ok(()),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
}

/// One step of [`walk`].
enum Step<'e, 'x> {
    Start(&'e BytesStart<'x>),
    End(&'e str),
    Text(&'e str),
}

/// Elements whose content the document does not show: deleted or moved-away text, field
/// instructions, fallback copies, the old properties of a tracked property change, drawings.
const HIDDEN: &[&str] = &[
    "del",
    "moveFrom",
    "delText",
    "instrText",
    "delInstrText",
    "Fallback",
    "rPrChange",
    "pPrChange",
    "tblPrChange",
    "trPrChange",
    "tcPrChange",
    "sectPrChange",
    "numberingChange",
    "drawing",
    "pict",
    "object",
];

/// How a cell takes part in a vertical merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VerticalMerge {
    None,
    Restart,
    Continue,
}

#[derive(Debug)]
struct DocxCell {
    text: String,
    column: u32,
    span: u32,
    merge: VerticalMerge,
}

#[derive(Debug, Default)]
struct RowBuilder {
    cells: Vec<DocxCell>,
    column: u32,
    deleted: bool,
}

/// The document body being read.
struct Body<'n> {
    numbering: &'n Numbering,
    styles: &'n StyleNumbering,
    counters: Counters,
    blocks: Vec<Block>,
    /// Depth inside hidden content; text there is dropped.
    hidden: usize,
    in_text: bool,
    in_run: bool,
    in_properties: bool,
    paragraph: Option<ParagraphBuilder>,
    table_depth: usize,
    rows: Vec<RowBuilder>,
    row: Option<RowBuilder>,
    cell: Option<DocxCell>,
}

#[derive(Debug, Default)]
struct ParagraphBuilder {
    text: String,
    style: Option<String>,
    num_id: Option<u32>,
    level: Option<u32>,
}

impl<'n> Body<'n> {
    fn parse(
        xml: &str,
        numbering: &'n Numbering,
        styles: &'n StyleNumbering,
    ) -> Result<Vec<Block>, ParseError> {
        let mut body = Body {
            numbering,
            styles,
            counters: Counters::default(),
            blocks: Vec::new(),
            hidden: 0,
            in_text: false,
            in_run: false,
            in_properties: false,
            paragraph: None,
            table_depth: 0,
            rows: Vec::new(),
            row: None,
            cell: None,
        };
        walk(xml, "word/document.xml", |step| match step {
            Step::Start(e) => body.start(e),
            Step::End(name) => body.end(name),
            Step::Text(text) => {
                if body.in_text && body.hidden == 0 {
                    if let Some(p) = body.paragraph.as_mut() {
                        p.text.push_str(text);
                    }
                }
            }
        })?;
        Ok(body.blocks)
    }

    fn start(&mut self, e: &BytesStart<'_>) {
        let name = e.local_name();
        let name = name.as_ref();
        if self.hidden > 0 || HIDDEN.contains(&name) {
            self.hidden += 1;
            return;
        }
        match name {
            "p" => self.paragraph = Some(ParagraphBuilder::default()),
            "pPr" | "tcPr" | "trPr" | "tblPr" => self.in_properties = true,
            "pStyle" => {
                if let Some(p) = self.paragraph.as_mut() {
                    p.style = attribute(e, "val");
                }
            }
            "numId" => {
                if let Some(p) = self.paragraph.as_mut() {
                    p.num_id = number_value(e);
                }
            }
            "ilvl" => {
                if let Some(p) = self.paragraph.as_mut() {
                    p.level = number_value(e);
                }
            }
            "r" => self.in_run = true,
            "t" => self.in_text = true,
            "tab" if self.in_run => self.push_text(" "),
            "br" | "cr" if self.in_run => self.push_text("\n"),
            "noBreakHyphen" if self.in_run => self.push_text("-"),
            "tbl" => {
                self.table_depth += 1;
                if self.table_depth == 1 {
                    self.finish_paragraph_into_blocks();
                    self.rows.clear();
                }
            }
            "tr" if self.table_depth == 1 => self.row = Some(RowBuilder::default()),
            "gridBefore" if self.table_depth == 1 && self.cell.is_none() => {
                if let Some(row) = self.row.as_mut() {
                    row.column += number_value(e).unwrap_or(0);
                }
            }
            "tc" if self.table_depth == 1 => {
                let column = self.row.as_ref().map_or(0, |r| r.column);
                self.cell = Some(DocxCell {
                    text: String::new(),
                    column,
                    span: 1,
                    merge: VerticalMerge::None,
                });
            }
            "gridSpan" if self.table_depth == 1 => {
                if let Some(cell) = self.cell.as_mut() {
                    cell.span = number_value(e).unwrap_or(1).clamp(1, 1000);
                }
            }
            "vMerge" if self.table_depth == 1 => {
                if let Some(cell) = self.cell.as_mut() {
                    cell.merge = match attribute(e, "val").as_deref() {
                        Some("restart") => VerticalMerge::Restart,
                        _ => VerticalMerge::Continue,
                    };
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.hidden > 0 {
            self.hidden -= 1;
            // The end of a w:del directly inside w:trPr: the row was deleted.
            if self.hidden == 0 && name == "del" && self.in_properties && self.cell.is_none() {
                if let Some(row) = self.row.as_mut() {
                    row.deleted = true;
                }
            }
            return;
        }
        match name {
            "t" => self.in_text = false,
            "r" => self.in_run = false,
            "pPr" | "tcPr" | "trPr" | "tblPr" => self.in_properties = false,
            "p" => {
                let Some(paragraph) = self.paragraph.take() else {
                    return;
                };
                let text = self.paragraph_text(paragraph);
                match self.cell.as_mut() {
                    Some(cell) if self.table_depth >= 1 => {
                        if !cell.text.is_empty() && !text.trim().is_empty() {
                            cell.text.push('\n');
                        }
                        cell.text.push_str(text.trim());
                    }
                    _ => self.blocks.push(Block::Paragraph(text)),
                }
            }
            "tc" if self.table_depth == 1 => {
                if let (Some(cell), Some(row)) = (self.cell.take(), self.row.as_mut()) {
                    row.column = cell.column + cell.span;
                    row.cells.push(cell);
                }
            }
            "tr" if self.table_depth == 1 => {
                if let Some(row) = self.row.take() {
                    if !row.deleted {
                        self.rows.push(row);
                    }
                }
            }
            "tbl" => {
                self.table_depth = self.table_depth.saturating_sub(1);
                if self.table_depth == 0 {
                    let rows = std::mem::take(&mut self.rows);
                    let table = merged(rows);
                    if !table.is_empty() {
                        self.blocks.push(Block::Table(table));
                    }
                }
            }
            _ => {}
        }
    }

    fn push_text(&mut self, text: &str) {
        if let Some(p) = self.paragraph.as_mut() {
            p.text.push_str(text);
        }
    }

    /// A paragraph open when a table starts (a table inside a paragraph is not valid DOCX, but
    /// keep its text).
    fn finish_paragraph_into_blocks(&mut self) {
        if self.cell.is_none() {
            if let Some(paragraph) = self.paragraph.take() {
                let text = self.paragraph_text(paragraph);
                self.blocks.push(Block::Paragraph(text));
            }
        }
    }

    /// The paragraph's text with its automatic number in front.
    fn paragraph_text(&mut self, paragraph: ParagraphBuilder) -> String {
        let style = paragraph.style.as_deref().and_then(|s| self.styles.numbering(s));
        let num_id = paragraph.num_id.or(style.map(|s| s.0));
        let level = paragraph.level.or(style.map(|s| s.1)).unwrap_or(0);
        let number = match num_id {
            Some(id) if id != 0 => self.counters.next(self.numbering, id, level),
            _ => String::new(),
        };
        if number.is_empty() {
            paragraph.text
        } else {
            number + &paragraph.text
        }
    }
}

/// Cells at their grid columns, vertical merges turned into row spans.
fn merged(rows: Vec<RowBuilder>) -> Vec<Vec<SourceCell>> {
    let mut table: Vec<Vec<SourceCell>> = Vec::with_capacity(rows.len());
    // For each grid column, the cell that a continuing merge there extends: (row, index in row).
    let mut open: HashMap<u32, (usize, usize)> = HashMap::new();
    for (r, row) in rows.into_iter().enumerate() {
        let mut cells = Vec::with_capacity(row.cells.len());
        for cell in row.cells {
            if cell.merge == VerticalMerge::Continue {
                if let Some(&(top_row, index)) = open.get(&cell.column) {
                    let top = &mut table[top_row][index];
                    if top_row + top.rowspan as usize == r {
                        top.rowspan += 1;
                        if !cell.text.trim().is_empty() {
                            top.text.push('\n');
                            top.text.push_str(&cell.text);
                        }
                        continue;
                    }
                }
            }
            open.insert(cell.column, (r, cells.len()));
            cells.push(SourceCell {
                text: cell.text,
                rowspan: 1,
                colspan: cell.span,
                column: Some(cell.column),
            });
        }
        table.push(cells);
    }
    table
}

/// One level of a numbering definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// `numbering.xml`: each numbering instance's levels.
#[derive(Debug, Default)]
struct Numbering {
    /// numId → (abstractNumId, start overrides by level).
    instances: HashMap<u32, (u32, HashMap<u32, u32>)>,
    /// abstractNumId → levels by ilvl.
    abstracts: HashMap<u32, HashMap<u32, Level>>,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Numbering, ParseError> {
        let mut numbering = Numbering::default();
        let mut abstract_id: Option<u32> = None;
        let mut level: Option<(u32, Level)> = None;
        let mut num: Option<(u32, u32, HashMap<u32, u32>)> = None;
        let mut override_level: Option<u32> = None;
        walk(xml, "word/numbering.xml", |step| match step {
            Step::Start(e) => match e.local_name().as_ref() {
                "abstractNum" => abstract_id = attribute(e, "abstractNumId").and_then(|v| v.parse().ok()),
                "lvl" if num.is_none() => {
                    let ilvl = attribute(e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    level = Some((
                        ilvl,
                        Level {
                            start: 1,
                            ..Level::default()
                        },
                    ));
                }
                "start" => {
                    if let Some((_, l)) = level.as_mut() {
                        l.start = number_value(e).unwrap_or(1);
                    }
                }
                "numFmt" => {
                    if let Some((_, l)) = level.as_mut() {
                        l.format = attribute(e, "val").unwrap_or_default();
                    }
                }
                "lvlText" => {
                    if let Some((_, l)) = level.as_mut() {
                        l.text = attribute(e, "val").unwrap_or_default();
                    }
                }
                "num" => {
                    let id = attribute(e, "numId").and_then(|v| v.parse().ok()).unwrap_or(0);
                    num = Some((id, 0, HashMap::new()));
                }
                "abstractNumId" => {
                    if let Some(n) = num.as_mut() {
                        n.1 = number_value(e).unwrap_or(0);
                    }
                }
                "lvlOverride" => override_level = attribute(e, "ilvl").and_then(|v| v.parse().ok()),
                "startOverride" => {
                    if let (Some(n), Some(l)) = (num.as_mut(), override_level) {
                        n.2.insert(l, number_value(e).unwrap_or(1));
                    }
                }
                _ => {}
            },
            Step::End(name) => match name {
                "lvl" => {
                    if let (Some(id), Some((ilvl, l))) = (abstract_id, level.take()) {
                        numbering.abstracts.entry(id).or_default().insert(ilvl, l);
                    }
                }
                "abstractNum" => abstract_id = None,
                "num" => {
                    if let Some((id, abstract_id, overrides)) = num.take() {
                        numbering.instances.insert(id, (abstract_id, overrides));
                    }
                }
                _ => {}
            },
            Step::Text(_) => {}
        })?;
        Ok(numbering)
    }

    fn level(&self, num_id: u32, level: u32) -> Option<(&HashMap<u32, Level>, Option<u32>)> {
        let (abstract_id, overrides) = self.instances.get(&num_id)?;
        let levels = self.abstracts.get(abstract_id)?;
        levels.get(&level)?;
        Some((levels, overrides.get(&level).copied()))
    }
}

/// What one paragraph style says about numbering: (numId, ilvl, basedOn).
type StyleEntry = (Option<u32>, Option<u32>, Option<String>);

/// `styles.xml`: the numbering a paragraph style carries, following `w:basedOn`.
#[derive(Debug, Default)]
struct StyleNumbering {
    /// styleId → its entry.
    styles: HashMap<String, StyleEntry>,
}

impl StyleNumbering {
    fn parse(xml: &str) -> Result<StyleNumbering, ParseError> {
        let mut styles = StyleNumbering::default();
        let mut current: Option<(String, StyleEntry)> = None;
        let mut hidden = 0usize;
        walk(xml, "word/styles.xml", |step| match step {
            Step::Start(e) => {
                let name = e.local_name();
                if hidden > 0 || name.as_ref() == "pPrChange" {
                    hidden += 1;
                    return;
                }
                match name.as_ref() {
                    "style" => current = attribute(e, "styleId").map(|id| (id, (None, None, None))),
                    "basedOn" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.2 = attribute(e, "val");
                        }
                    }
                    "numId" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.0 = number_value(e);
                        }
                    }
                    "ilvl" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.1 = number_value(e);
                        }
                    }
                    _ => {}
                }
            }
            Step::End(name) => {
                if hidden > 0 {
                    hidden -= 1;
                } else if name == "style" {
                    if let Some((id, s)) = current.take() {
                        styles.styles.insert(id, s);
                    }
                }
            }
            Step::Text(_) => {}
        })?;
        Ok(styles)
    }

    /// The (numId, ilvl) style `id` numbers its paragraphs with, if any.
    fn numbering(&self, id: &str) -> Option<(u32, u32)> {
        let mut id = id;
        for _ in 0..16 {
            let (num_id, level, based_on) = self.styles.get(id)?;
            if let Some(num_id) = num_id {
                return Some((*num_id, level.unwrap_or(0)));
            }
            id = based_on.as_deref()?;
        }
        None
    }
}

/// Running counts of every numbering instance.
#[derive(Debug, Default)]
struct Counters {
    counts: HashMap<u32, [u32; 9]>,
}

impl Counters {
    /// The number the next paragraph numbered `num_id` at `level` shows (`一、`, `（三）`).
    fn next(&mut self, numbering: &Numbering, num_id: u32, level: u32) -> String {
        let level = level.min(8);
        let Some((levels, start_override)) = numbering.level(num_id, level) else {
            return String::new();
        };
        let counts = self.counts.entry(num_id).or_insert([0; 9]);
        let start = |l: u32| {
            if l == level {
                start_override.unwrap_or_else(|| levels.get(&l).map_or(1, |v| v.start))
            } else {
                levels.get(&l).map_or(1, |v| v.start)
            }
        };
        counts[level as usize] = if counts[level as usize] == 0 {
            start(level)
        } else {
            counts[level as usize] + 1
        };
        for deeper in counts.iter_mut().skip(level as usize + 1) {
            *deeper = 0;
        }
        let Some(this) = levels.get(&level) else {
            return String::new();
        };
        if this.format == "bullet" || this.format == "none" {
            return String::new();
        }
        let mut text = this.text.clone();
        for l in 0..=level {
            let placeholder = format!("%{}", l + 1);
            if text.contains(&placeholder) {
                let count = if counts[l as usize] == 0 {
                    start(l)
                } else {
                    counts[l as usize]
                };
                let format = levels.get(&l).map_or("decimal", |v| v.format.as_str());
                text = text.replace(&placeholder, &format_number(count, format));
            }
        }
        text
    }
}

/// A count in a numbering format.
fn format_number(n: u32, format: &str) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographTraditional"
        | "taiwaneseCounting"
        | "japaneseCounting" => chinese_counting(n),
        "ideographDigital" | "taiwaneseDigital" | "chineseLegalSimplified" => n
            .to_string()
            .chars()
            .map(|d| DIGITS[d.to_digit(10).unwrap_or(0) as usize])
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1)
                .map(String::from)
                .unwrap_or_default()
        }
        "lowerLetter" | "upperLetter" => {
            let base = if format == "lowerLetter" { b'a' } else { b'A' };
            let letter = (base + ((n.max(1) - 1) % 26) as u8) as char;
            std::iter::repeat_n(letter, ((n.max(1) - 1) / 26 + 1) as usize).collect()
        }
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (as Word counts).
fn chinese_counting(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n as usize].to_owned(),
        10..=19 => format!("十{}", if n > 10 { DIGITS[(n % 10) as usize] } else { "" }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[(n / 10) as usize],
            if n % 10 > 0 { DIGITS[(n % 10) as usize] } else { "" }
        ),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in TABLE {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}
