//! PDF export: archive copies of a report in the official template's layout.
//!
//! A4 pages with the GB/T 9704 type area; the title (二号), the six section headings and their
//! text (三号, first lines indented two characters, wrapped by the Chinese line-breaking rules),
//! Tables 2–4 as ruled grids (module `table`) after the prose of their sections, `— 1 —` page
//! numbers, an outline entry per section, and optionally the findings as an appendix.
//!
//! The sections' flattened table text is not reprinted: in sections 二–四 only prose lines
//! (ending in sentence punctuation, with no tab or `|`) are set, and the table is drawn from the
//! model. Conversion residue (`[bookmark: …]`, `[image: …]`) is left out.
//!
//! Text is set in the built-in CJK font ([`fonts::BUILTIN_FONT`]), after the fonts the caller
//! hands in as [`ExportContext::fonts`]; the fonts are embedded as subsets (tagged `ABCDEF+Name`, Identity-H,
//! with ToUnicode maps) so `pdftotext` gives the text back. A character no font has is an error
//! listing the characters.
//!
//! Output is deterministic: the creation date comes from the export context (1980-01-01 when it
//! pins none), and the font names, subset tags, the outline and the file identifier are derived
//! from the content instead of printpdf's random strings, in a last pass over the file with lopdf.

mod fonts;
pub use fonts::BUILTIN_FONT;
mod layout;
mod table;

use fonts::{Fonts, Style};
use layout::{Align, Composer, MM_PER_PT, PAGE_HEIGHT, PAGE_WIDTH};
use nianbao_export::{ExportContext, ExportError, Exporter, ExporterEntry, FontFile, Timestamp};
use nianbao_model::template::{self, TemplateVersion};
use nianbao_model::{Document, Finding, SectionKind, TableId};
use printpdf::{FontId, Mm, PdfDocument, PdfPage, PdfSaveOptions};
use sha2::{Digest, Sha256};
use std::io::Write;

/// Body text size (三号).
const BODY_SIZE: f32 = 16.0;
/// Title size (二号).
const TITLE_SIZE: f32 = 22.0;
/// Line pitch of body text: 22 lines in the 225 mm type area.
const BODY_LEADING: f32 = 225.0 / 22.0;
/// Size of the findings appendix (四号).
const APPENDIX_SIZE: f32 = 12.0;

/// Writes PDF archive copies.
pub struct PdfExporter;

impl Exporter for PdfExporter {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["pdf"]
    }

    fn description(&self) -> &'static str {
        "存档用 PDF（A4，公文版式，内嵌中文字体子集，可检索）：标题、六部分正文、表二至表四"
    }

    fn export(
        &self,
        document: &Document,
        context: &ExportContext,
        out: &mut dyn Write,
    ) -> Result<(), ExportError> {
        out.write_all(&render(document, context)?)?;
        Ok(())
    }
}

inventory::submit! { ExporterEntry(&PdfExporter) }

fn format_error(message: impl Into<String>) -> ExportError {
    ExportError::format("pdf", message)
}

/// The PDF bytes of `document`.
///
/// # Errors
/// When the user font cannot be loaded, the creation time is not RFC 3339, or the text holds
/// characters that no font can draw.
pub fn render(document: &Document, context: &ExportContext) -> Result<Vec<u8>, ExportError> {
    let created = pdf_date(&context.created);
    let content = Content::of(document, context.with_findings);
    let text = content.all_text();
    let set = |fallback: &[FontFile]| -> Result<_, ExportError> {
        let fonts = Fonts::load(&context.fonts, fallback).map_err(format_error)?;
        let font_ids: Vec<FontId> = fonts
            .faces
            .iter()
            .map(|face| FontId(format!("{}+{}", subset_tag(&face.name, &text), face.name)))
            .collect();
        let mut composer = Composer::new(&fonts, font_ids.clone());
        let outline = compose(&mut composer, document, &content);
        let composed = composer.finish();
        Ok((fonts, font_ids, outline, composed))
    };
    let (mut fonts, mut font_ids, mut outline, mut composed) = set(&[])?;
    // Characters the caller's fonts and the built-in one lack: set again with the fonts the
    // caller finds for them.
    if let Some(finder) = context
        .find_fonts
        .as_ref()
        .filter(|_| !composed.missing.is_empty())
    {
        let fallback = finder.find(&composed.missing);
        if !fallback.is_empty() {
            (fonts, font_ids, outline, composed) = set(&fallback)?;
        }
    }
    if !composed.missing.is_empty() {
        let listed: Vec<String> = composed
            .missing
            .iter()
            .map(|c| format!("“{c}”（编码 U+{:04X}）", *c as u32))
            .collect();
        return Err(format_error(format!(
            "报告中有 {} 个字符，内置字体和本机已安装的字体都无法显示：{}。请安装含有这些字符的字体，或用 --font 指定字体文件",
            listed.len(),
            listed.join("、")
        )));
    }
    let pages: Vec<PdfPage> = composed
        .pages
        .into_iter()
        .map(|ops| PdfPage::new(Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), ops))
        .collect();

    let mut pdf = PdfDocument::new(&content.title);
    for ((id, face), used) in font_ids.into_iter().zip(&fonts.faces).zip(composed.used_faces) {
        if used {
            pdf.resources.fonts.map.insert(id, face.parsed.clone());
        }
    }
    let bytes = pdf
        .with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut Vec::new());

    let keywords: Vec<String> = ["政府信息公开", "年度报告"]
        .into_iter()
        .map(str::to_owned)
        .chain(content.year.map(|year| format!("{year}年")))
        .chain((!content.agency.is_empty()).then(|| content.agency.clone()))
        .collect();
    let keywords = keywords.join("，");
    let creator = concat!("nianbao ", env!("CARGO_PKG_VERSION"));
    let info = [
        ("Title", content.title.as_str()),
        ("Author", content.agency.as_str()),
        ("Subject", "政府信息公开工作年度报告"),
        ("Keywords", keywords.as_str()),
        (
            "Identifier",
            document.source.sha256.as_deref().unwrap_or_default(),
        ),
        ("Creator", creator),
        ("Producer", creator),
    ];
    let dates = [("CreationDate", created.as_str()), ("ModDate", created.as_str())];
    finish_file(&bytes, &info, &dates, &outline)
}

/// What is printed from the report, gathered once.
struct Content {
    /// The title as printed, or the source's file name when the report has none (which is
    /// then not printed, only recorded in the metadata).
    title: String,
    has_title: bool,
    agency: String,
    year: Option<i32>,
    /// What stands between the title and the first section, in paragraphs.
    preamble: Vec<String>,
    /// Per template section: the heading, prose before the table, prose after it.
    sections: Vec<(SectionKind, String, Vec<String>, Vec<String>)>,
    /// The sign-off: the agency line and the date, as printed.
    sign_off: Vec<String>,
    findings: Vec<String>,
}

impl Content {
    fn of(document: &Document, with_findings: bool) -> Content {
        let report = &document.report;
        let metadata = &report.metadata;
        let title = metadata
            .title
            .as_ref()
            .map_or_else(|| document.source.file.clone(), |t| t.value.clone());
        let sections = SectionKind::ALL
            .into_iter()
            .filter_map(|kind| {
                let table = table_of(kind).and_then(|id| report.table(id));
                let section = report.section(kind);
                if section.is_none() && table.is_none() {
                    return None;
                }
                let heading = section.map_or(kind.canonical_heading(), |s| s.heading.value.as_str());
                let (before, after) = section
                    .map(|s| prose(&s.text, table.is_some()))
                    .unwrap_or_default();
                Some((kind, heading.trim().to_owned(), before, after))
            })
            .collect();
        let findings = if with_findings {
            document
                .findings
                .iter()
                .map(|f| finding_line(f, document.report.metadata.template.version))
                .collect()
        } else {
            Vec::new()
        };
        let preamble = metadata
            .preamble
            .as_ref()
            .map(|p| nianbao_model::paragraphs(&p.value))
            .unwrap_or_default();
        let sign_off = metadata
            .sign_off
            .as_ref()
            .map(|s| {
                s.agency
                    .iter()
                    .map(|a| a.value.clone())
                    .chain([s.date.value.to_chinese()])
                    .collect()
            })
            .unwrap_or_default();
        Content {
            title,
            has_title: metadata.title.is_some(),
            preamble,
            sign_off,
            agency: metadata
                .agency
                .as_ref()
                .map(|a| a.value.clone())
                .unwrap_or_default(),
            year: metadata.year.as_ref().map(|y| y.value),
            sections,
            findings,
        }
    }

    /// All the text taken from the report (title, headings, prose, findings): what the subset
    /// tags are derived from.
    fn all_text(&self) -> String {
        let mut text = self.title.clone();
        self.preamble
            .iter()
            .chain(&self.sign_off)
            .for_each(|line| text.push_str(line));
        for (_, heading, before, after) in &self.sections {
            text.push_str(heading);
            before.iter().chain(after).for_each(|line| text.push_str(line));
        }
        self.findings.iter().for_each(|line| text.push_str(line));
        text
    }
}

fn table_of(kind: SectionKind) -> Option<TableId> {
    match kind {
        SectionKind::Proactive => Some(TableId::T2),
        SectionKind::Applications => Some(TableId::T3),
        SectionKind::ReviewLitigation => Some(TableId::T4),
        _ => None,
    }
}

/// The paragraphs of a section's text ([`nianbao_model::paragraphs`]: hard-wrapped lines
/// joined), without conversion residue. With a table, only prose is kept, split into the
/// paragraphs before the first table line and those after.
fn prose(text: &str, has_table: bool) -> (Vec<String>, Vec<String>) {
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut in_table = false;
    let cleaned: String = text.lines().map(|line| strip_residue(line) + "\n").collect();
    for line in nianbao_model::paragraphs(&cleaned) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if has_table && !is_prose(line) {
            in_table = true;
            continue;
        }
        if in_table { &mut after } else { &mut before }.push(line.to_owned());
    }
    (before, after)
}

fn is_prose(line: &str) -> bool {
    !line.contains(['\t', '|']) && line.ends_with(['。', '：', '；', '！', '？', ':', '”'])
}

fn strip_residue(line: &str) -> String {
    let mut kept = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find('[') {
        kept.push_str(&rest[..at]);
        match nianbao_normalize::residue_len(&rest[at..]) {
            Some(len) => rest = &rest[at + len..],
            None => {
                kept.push('[');
                rest = &rest[at + 1..];
            }
        }
    }
    kept.push_str(rest);
    kept
}

fn finding_line(finding: &Finding, version: Option<TemplateVersion>) -> String {
    let mut line = format!(
        "【{} {}】{}",
        finding.rule,
        finding.severity.chinese(),
        finding.message
    );
    if !finding.cells.is_empty() {
        let names = template::cell_names(version, &finding.cells);
        line.push_str(&format!("（单元格：{}）", names.join("、")));
    }
    line
}

/// Sets a paragraph of a section: a heading of the second level (`（一）主动公开情况` standing
/// alone: short, numbered, no sentence in it) in its face, anything else as body text.
fn prose_paragraph(composer: &mut Composer<'_>, text: &str) {
    let numbered = text.starts_with(['（', '('])
        && text
            .chars()
            .nth(1)
            .is_some_and(|c| "一二三四五六七八九十".contains(c));
    let heading = numbered && text.chars().count() <= 30 && !text.contains(['。', '；', '：', '，']);
    if heading {
        composer.set_style(Style::Heading2);
    }
    composer.paragraph(text, BODY_SIZE, BODY_LEADING, 2.0, Align::Left);
    composer.set_style(Style::Body);
}

/// One entry of the document outline.
struct OutlineEntry {
    title: String,
    /// 1-based page number.
    page: usize,
    /// The heading's top, in mm from the top of the page.
    top: f32,
}

/// Sets the report on pages and returns the outline.
fn compose(composer: &mut Composer<'_>, document: &Document, content: &Content) -> Vec<OutlineEntry> {
    let version = document.report.metadata.template.version;
    let title_leading = TITLE_SIZE * 1.5 * MM_PER_PT;
    if content.has_title {
        for part in title_parts(composer.fonts(), &content.title) {
            composer.paragraph(part, TITLE_SIZE, title_leading, 0.0, Align::Center);
        }
        composer.advance(BODY_LEADING / 2.0);
    }
    for paragraph in &content.preamble {
        composer.paragraph(paragraph, BODY_SIZE, BODY_LEADING, 2.0, Align::Left);
    }
    let mut outline = Vec::new();
    for (kind, heading, before, after) in &content.sections {
        let table = table_of(*kind).and_then(|id| document.report.table(id));
        // A heading keeps company: its first line of text, or the start of its table when the
        // table comes right after it.
        let follows = match (table, version, before.is_empty()) {
            (Some(table), Some(version), true) => {
                BODY_LEADING / 4.0 + table::lead_height(composer, table, version)
            }
            _ => BODY_LEADING,
        };
        composer.ensure(BODY_LEADING + follows);
        outline.push(OutlineEntry {
            title: heading.clone(),
            page: composer.page_number(),
            top: composer.cursor(),
        });
        composer.set_style(Style::Heading1);
        composer.paragraph(heading, BODY_SIZE, BODY_LEADING, 2.0, Align::Left);
        composer.set_style(Style::Body);
        for line in before {
            prose_paragraph(composer, line);
        }
        if let (Some(table), Some(version)) = (table, version) {
            composer.advance(BODY_LEADING / 4.0);
            table::draw(composer, table, version);
            composer.advance(BODY_LEADING / 2.0);
        }
        for line in after {
            prose_paragraph(composer, line);
        }
    }
    if !content.sign_off.is_empty() {
        // The sign-off, flush right below the last section, kept together.
        composer.advance(BODY_LEADING);
        composer.ensure(BODY_LEADING * content.sign_off.len() as f32);
        for line in &content.sign_off {
            composer.paragraph(line, BODY_SIZE, BODY_LEADING, 0.0, Align::Right);
        }
    }
    if !content.findings.is_empty() {
        composer.new_page();
        outline.push(OutlineEntry {
            title: "附：核对结果".to_owned(),
            page: composer.page_number(),
            top: composer.cursor(),
        });
        composer.paragraph("附：核对结果", BODY_SIZE, BODY_LEADING, 0.0, Align::Left);
        for line in &content.findings {
            composer.paragraph(
                line,
                APPENDIX_SIZE,
                APPENDIX_SIZE * 1.6 * MM_PER_PT,
                0.0,
                Align::Left,
            );
        }
    }
    outline
}

/// The title in the parts it is set in: whole when it fits one line, else broken before the
/// year (`天池镇人民政府` / `2022年政府信息公开工作年度报告`) or before `政府信息公开`.
fn title_parts<'t>(fonts: &Fonts, title: &'t str) -> Vec<&'t str> {
    if fonts.width(title, TITLE_SIZE, Style::Body) * MM_PER_PT <= layout::WIDTH {
        return vec![title];
    }
    let year = title.char_indices().find_map(|(at, _)| {
        let rest = title[at..].trim_start_matches(char::is_whitespace);
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        (digits == 4 && rest[4..].trim_start().starts_with('年')).then_some(at)
    });
    let topic = title.find("政府信息公开").map(|at| {
        // `…人民政府政府信息公开…` is rare; `…人民政府信息公开…` must not lose its `政府`.
        if title[..at].ends_with("人民") {
            at + "政府".len()
        } else {
            at
        }
    });
    match year.filter(|&at| at > 0).or(topic) {
        Some(at) if at > 0 => vec![title[..at].trim_end(), title[at..].trim_start()],
        _ => vec![title],
    }
}

/// A six-letter subset tag derived from the font and the text set in it.
fn subset_tag(name: &str, text: &str) -> String {
    let digest = Sha256::new().chain_update(name).chain_update(text).finalize();
    digest.iter().take(6).map(|b| char::from(b'A' + b % 26)).collect()
}

/// Rewrites what printpdf leaves unfit for an archive: the document information strings (written
/// as raw UTF-8, which readers take for PDFDocEncoding) become UTF-16BE text strings; the PDF/X
/// version key and the XMP packet (which claim a conformance the file does not have and carry a
/// random instance id) go; the trailer's random `/ID` becomes a digest of the content.
fn finish_file(
    bytes: &[u8],
    info: &[(&str, &str)],
    dates: &[(&str, &str)],
    outline: &[OutlineEntry],
) -> Result<Vec<u8>, ExportError> {
    use lopdf::{Object, StringFormat};
    let pdf_error = |e: lopdf::Error| format_error(format!("PDF 后处理失败：{e}"));
    let mut pdf = lopdf::Document::load_mem(bytes).map_err(pdf_error)?;
    let info_id = pdf
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .map_err(pdf_error)?;
    let dictionary = pdf.get_dictionary_mut(info_id).map_err(pdf_error)?;
    dictionary.remove(b"GTS_PDFXVersion");
    for (key, value) in info {
        if value.is_empty() {
            dictionary.remove(key.as_bytes());
        } else {
            dictionary.set(*key, text_string(value));
        }
    }
    for (key, date) in dates {
        dictionary.set(*key, Object::string_literal(*date));
    }
    let outlines = add_outline(&mut pdf, outline);
    let catalog = pdf.catalog_mut().map_err(pdf_error)?;
    catalog.remove(b"Metadata");
    if let Some(outlines) = outlines {
        catalog.set("Outlines", Object::Reference(outlines));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    pdf.prune_objects();
    let mut unidentified = Vec::new();
    pdf.trailer.remove(b"ID");
    pdf.save_to(&mut unidentified)
        .map_err(|e| format_error(format!("PDF 写出失败：{e}")))?;
    let digest = Sha256::digest(&unidentified);
    let id = Object::String(digest[..16].to_vec(), StringFormat::Hexadecimal);
    pdf.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    let mut out = Vec::with_capacity(unidentified.len() + 80);
    pdf.save_to(&mut out)
        .map_err(|e| format_error(format!("PDF 写出失败：{e}")))?;
    Ok(out)
}

/// A PDF text string: UTF-16BE with its byte-order mark, for any text.
fn text_string(value: &str) -> lopdf::Object {
    let mut encoded = vec![0xFE, 0xFF];
    encoded.extend(value.encode_utf16().flat_map(u16::to_be_bytes));
    lopdf::Object::String(encoded, lopdf::StringFormat::Hexadecimal)
}

/// Adds the outline, in document order, each entry opening its page at the heading. Returns the
/// outline dictionary.
fn add_outline(pdf: &mut lopdf::Document, outline: &[OutlineEntry]) -> Option<lopdf::ObjectId> {
    use lopdf::{dictionary, Object};
    let pages = pdf.get_pages();
    let entries: Vec<(&OutlineEntry, lopdf::ObjectId)> = outline
        .iter()
        .filter_map(|entry| Some((entry, *pages.get(&u32::try_from(entry.page).ok()?)?)))
        .collect();
    if entries.is_empty() {
        return None;
    }
    let root = pdf.new_object_id();
    let ids: Vec<lopdf::ObjectId> = entries.iter().map(|_| pdf.new_object_id()).collect();
    for (index, (entry, page)) in entries.iter().enumerate() {
        let top = (PAGE_HEIGHT - entry.top) / MM_PER_PT;
        let mut item = dictionary! {
            "Title" => text_string(&entry.title),
            "Parent" => root,
            "Dest" => vec![Object::Reference(*page), "XYZ".into(), Object::Null, Object::Real(top), Object::Null],
        };
        if index > 0 {
            item.set("Prev", ids[index - 1]);
        }
        if let Some(next) = ids.get(index + 1) {
            item.set("Next", *next);
        }
        pdf.objects.insert(ids[index], Object::Dictionary(item));
    }
    let count = i64::try_from(ids.len()).unwrap_or(i64::MAX);
    let first = ids[0];
    let last = ids[ids.len() - 1];
    pdf.objects.insert(
        root,
        Object::Dictionary(dictionary! {
            "Type" => "Outlines",
            "First" => first,
            "Last" => last,
            "Count" => count,
        }),
    );
    Some(root)
}

/// A PDF date string (`D:20260131080000+08'00'`) of `time`, keeping its offset.
fn pdf_date(time: &Timestamp) -> String {
    let zone = match time.offset_minutes {
        0 => "Z".to_owned(),
        offset => {
            let sign = if offset < 0 { '-' } else { '+' };
            let minutes = offset.unsigned_abs();
            format!("{sign}{:02}'{:02}'", minutes / 60, minutes % 60)
        }
    };
    format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}{zone}",
        time.year, time.month, time.day, time.hour, time.minute, time.second
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creation_times_become_pdf_dates_with_their_offset() {
        let date = |text| pdf_date(&Timestamp::parse(text).unwrap());
        assert_eq!(date("2026-01-31T08:00:00+08:00"), "D:20260131080000+08'00'");
        assert_eq!(date("2026-01-31T08:00:00-03:30"), "D:20260131080000-03'30'");
        assert_eq!(pdf_date(&Timestamp::DEFAULT), "D:19800101000000Z");
    }

    #[test]
    fn long_titles_break_before_the_year_or_the_topic() {
        let fonts = Fonts::load(&[], &[]).unwrap();
        assert_eq!(
            title_parts(&fonts, "天池镇人民政府2022年政府信息公开工作年度报告"),
            ["天池镇人民政府", "2022年政府信息公开工作年度报告"]
        );
        assert_eq!(
            title_parts(&fonts, "2022年保德县孙家沟镇人民政府信息公开工作年度报告"),
            ["2022年保德县孙家沟镇人民政府", "信息公开工作年度报告"]
        );
        assert_eq!(title_parts(&fonts, "某镇2022年年度报告"), ["某镇2022年年度报告"]);
    }
}
