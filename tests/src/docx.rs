//! DOCX fixtures built from the corpus: the national 2021 template (`templates/年报格式模板-2021.docx`,
//! a WPS-saved file with the tables' real `gridSpan`/`vMerge` merges) filled with a real case's
//! hand-checked facts, and variants of it that Word users produce: tracked-changes residue, and
//! Table 3 split into two tables across a page break.
//!
//! The value cells are the template's blank cells that take no part in a vertical merge, in
//! document order, which is template order: Table 2 (10), Table 3 (24 rows × 7), Table 4 (15).

use crate::{corpus_dir, Expected};
use nianbao_model::template::{self, TableId};
use nianbao_model::TemplateVersion;
use std::io::{Read, Write};

/// The blank 2021 template's bytes.
pub fn template_bytes() -> Vec<u8> {
    let path = corpus_dir().join("templates/年报格式模板-2021.docx");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every entry of a zip package, in order.
pub fn entries(package: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(package)).expect("a zip package");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).expect("entry");
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).expect("entry bytes");
            (entry.name().expect("entry name").into_owned(), bytes)
        })
        .collect()
}

/// A zip package of `entries`, deflated.
pub fn package(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        out.start_file(name.as_str(), options).expect("zip entry");
        out.write_all(bytes).expect("zip write");
    }
    out.finish().expect("zip finish").into_inner()
}

/// `package` with its `word/document.xml` replaced.
pub fn with_document(package_bytes: &[u8], document: &str) -> Vec<u8> {
    let entries: Vec<(String, Vec<u8>)> = entries(package_bytes)
        .into_iter()
        .map(|(name, bytes)| {
            if name == "word/document.xml" {
                (name, document.as_bytes().to_vec())
            } else {
                (name, bytes)
            }
        })
        .collect();
    package(&entries)
}

/// The template's `word/document.xml`.
pub fn template_document() -> String {
    let (_, bytes) = entries(&template_bytes())
        .into_iter()
        .find(|(name, _)| name == "word/document.xml")
        .expect("word/document.xml in the template");
    String::from_utf8(bytes).expect("UTF-8 document.xml")
}

/// The printed form of every 2021 table cell of `expected`, in template order (`None`: blank).
pub fn values_2021(expected: &Expected) -> Vec<Option<String>> {
    let mut keys = Vec::new();
    for id in [TableId::T2, TableId::T3, TableId::T4] {
        for row in template::spec(id, TemplateVersion::V2021).rows {
            for column in row.columns {
                keys.push(template::fact_key(id, row.key, column.key));
            }
        }
    }
    keys.iter()
        .map(|key| match expected.facts.get(key) {
            Some(serde_json::Value::Null) | None => None,
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(other) => Some(other.to_string()),
        })
        .collect()
}

/// How a value is written into its cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writing {
    /// A plain run.
    Plain,
    /// As a tracked insertion, after a tracked deletion of another number (what the document
    /// shows after accepting the changes is the value).
    Revised,
}

/// The template's document with its title set and its value cells filled with `values`.
pub fn filled_document(title: &str, values: &[Option<String>], writing: Writing) -> String {
    let document = template_document().replace("政府信息公开工作年度报告格式模板", title);
    let mut out = String::with_capacity(document.len() + values.len() * 200);
    let mut rest = document.as_str();
    let mut index = 0;
    while let Some(start) = rest.find("<w:tc>") {
        let end = rest[start..].find("</w:tc>").expect("closed cell") + start + "</w:tc>".len();
        out.push_str(&rest[..start]);
        let cell = &rest[start..end];
        if is_value_cell(cell) {
            let value = values
                .get(index)
                .unwrap_or_else(|| panic!("more value cells than values ({})", values.len()));
            index += 1;
            match value {
                Some(value) => {
                    let at = cell.rfind("</w:p>").expect("a paragraph in every cell");
                    out.push_str(&cell[..at]);
                    out.push_str(&run(value, writing));
                    out.push_str(&cell[at..]);
                }
                None => out.push_str(cell),
            }
        } else {
            out.push_str(cell);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    assert_eq!(index, values.len(), "value cells of the template");
    out
}

fn run(value: &str, writing: Writing) -> String {
    match writing {
        Writing::Plain => format!("<w:r><w:t>{value}</w:t></w:r>"),
        Writing::Revised => format!(
            "<w:del w:id=\"901\" w:author=\"科员\" w:date=\"2026-01-05T09:00:00Z\"><w:r><w:delText>9{value}</w:delText></w:r></w:del>\
             <w:ins w:id=\"902\" w:author=\"科员\" w:date=\"2026-01-05T09:00:00Z\"><w:r><w:rPr><w:rPrChange w:id=\"903\" w:author=\"科员\"><w:rPr><w:b/></w:rPr></w:rPrChange></w:rPr><w:t>{value}</w:t></w:r></w:ins>"
        ),
    }
}

/// A blank cell outside any vertical merge.
fn is_value_cell(cell: &str) -> bool {
    !cell.contains("<w:vMerge") && text_of(cell).trim().is_empty()
}

/// The text of an XML fragment's `w:t` elements.
pub fn text_of(xml: &str) -> String {
    let mut text = String::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<w:t>").or_else(|| rest.find("<w:t ")) {
        let open_end = rest[start..].find('>').expect("tag end") + start + 1;
        let close = rest[open_end..].find("</w:t>").expect("closed w:t") + open_end;
        text.push_str(&rest[open_end..close]);
        rest = &rest[close..];
    }
    text
}

/// Adds tracked-changes residue that must not show: a deleted copy of the 予以公开 row with other
/// numbers, a deleted word in the section one heading, and a moved-away paragraph.
pub fn with_deleted_residue(document: &str) -> String {
    let rows = rows_of_table(document, "本年新收");
    let granted = rows
        .iter()
        .find(|r| text_of(r).contains("予以公开"))
        .expect("予以公开 row")
        .to_owned();
    let deleted_row = with_row_property(
        &granted.replace("<w:t>", "<w:t>7"),
        "<w:del w:id=\"911\" w:author=\"科员\" w:date=\"2026-01-05T09:00:00Z\"/>",
    );
    let with_row = document.replacen(&granted, &format!("{deleted_row}{granted}"), 1);
    let heading = "<w:t>一、总体情况</w:t></w:r>";
    assert!(with_row.contains(heading), "section one heading as one run");
    with_row
        .replacen(
            heading,
            "<w:t>一、总体情况</w:t></w:r><w:del w:id=\"912\" w:author=\"科员\"><w:r><w:delText>（旧稿）</w:delText></w:r></w:del>",
            1,
        )
        .replacen(
            "<w:body>",
            "<w:body><w:p><w:moveFrom w:id=\"913\" w:author=\"科员\"><w:r><w:t>二、主动公开政府信息情况（移走的旧段落）</w:t></w:r></w:moveFrom></w:p>",
            1,
        )
}

/// Table 3 split into two tables at `after_label`'s row, a page break between them, its three
/// header rows repeated on top of the second part (marked as repeating headers), and the merges
/// running into the second part restarted there, as Word leaves them when a table is split.
pub fn with_table3_split(document: &str, after_label: &str) -> String {
    let (table_start, table_end) = table_bounds(document, "本年新收");
    let table = &document[table_start..table_end];
    let first_row = table
        .find("<w:tr ")
        .or_else(|| table.find("<w:tr>"))
        .expect("a row");
    let prefix = &table[..first_row];
    let rows = rows_of_table(document, "本年新收");
    let split = rows
        .iter()
        .position(|r| text_of(r).contains(after_label))
        .expect("split row")
        + 1;
    let header: Vec<String> = rows[..3]
        .iter()
        .map(|r| with_row_property(r, "<w:tblHeader/>"))
        .collect();
    let continued = rows[split]
        .replace("<w:vMerge/>", "<w:vMerge w:val=\"restart\"/>")
        .replace("<w:vMerge w:val=\"continue\"/>", "<w:vMerge w:val=\"restart\"/>")
        .replacen("<w:t>", "<w:lastRenderedPageBreak/><w:t>", 1);
    let mut second = String::from(prefix);
    second.extend(header);
    second.push_str(&continued);
    second.extend(rows[split + 1..].iter().cloned());
    second.push_str("</w:tbl>");
    let mut first = String::from(prefix);
    first.extend(rows[..split].iter().cloned());
    first.push_str("</w:tbl>");
    format!(
        "{}{first}<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>{second}{}",
        &document[..table_start],
        &document[table_end..]
    )
}

/// A row with one more row property.
fn with_row_property(row: &str, property: &str) -> String {
    if row.contains("<w:trPr>") {
        return row.replacen("<w:trPr>", &format!("<w:trPr>{property}"), 1);
    }
    let at = row.find('>').expect("tr tag") + 1;
    format!("{}<w:trPr>{property}</w:trPr>{}", &row[..at], &row[at..])
}

/// Start and end of the table holding `word`.
fn table_bounds(document: &str, word: &str) -> (usize, usize) {
    let at = document.find(word).expect("word in a table");
    let start = document[..at].rfind("<w:tbl>").expect("table start");
    let end = document[at..].find("</w:tbl>").expect("table end") + at + "</w:tbl>".len();
    (start, end)
}

/// The `w:tr` elements of the table holding `word`.
fn rows_of_table(document: &str, word: &str) -> Vec<String> {
    let (start, end) = table_bounds(document, word);
    let mut rest = &document[start..end];
    let mut rows = Vec::new();
    while let Some(at) = rest.find("<w:tr ").or_else(|| rest.find("<w:tr>")) {
        let close = rest[at..].find("</w:tr>").expect("closed row") + at + "</w:tr>".len();
        rows.push(rest[at..close].to_owned());
        rest = &rest[close..];
    }
    rows
}

/// The six section headings of the template, numeral first.
pub const HEADINGS: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// `package_bytes` with `document` as its body, the section headings' numerals taken out of
/// their text and produced by automatic numbering instead (`chineseCounting`, `%1、`): headings
/// 一–三 carry the numbering themselves, 四–六 inherit it from a heading style based on the
/// template's body style — the two ways Word numbers headings.
pub fn with_numbered_headings(package_bytes: &[u8], document: &str) -> Vec<u8> {
    let mut document = document.to_owned();
    for (i, heading) in HEADINGS.iter().enumerate() {
        let words = heading.split_once('、').expect("numbered heading").1;
        let text_at = document
            .find(&format!("<w:t>{heading}</w:t>"))
            .expect("heading in the template");
        let paragraph = document[..text_at].rfind("<w:p ").expect("heading paragraph");
        let properties = document[paragraph..]
            .find("<w:pPr>")
            .expect("paragraph properties")
            + paragraph;
        let numbered = if i < 3 {
            document[..properties].to_owned()
                + "<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>"
                + &document[properties + "<w:pPr>".len()..]
        } else {
            let style = "<w:pStyle w:val=\"2\"/>";
            let style_at = document[properties..].find(style).expect("body style") + properties;
            document[..style_at].to_owned()
                + "<w:pStyle w:val=\"NianbaoHeading\"/>"
                + &document[style_at + style.len()..]
        };
        document = numbered.replacen(
            &format!("<w:t>{heading}</w:t>"),
            &format!("<w:t>{words}</w:t>"),
            1,
        );
    }
    let numbering = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
        <w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
        <w:abstractNum w:abstractNumId=\"7\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>\
        <w:lvlText w:val=\"%1、\"/></w:lvl><w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>\
        <w:lvlText w:val=\"（%2）\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"7\"/></w:num></w:numbering>";
    let style = "<w:style w:type=\"paragraph\" w:styleId=\"NianbaoHeading\"><w:name w:val=\"heading 1\"/>\
        <w:basedOn w:val=\"2\"/><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style></w:styles>";
    let entries: Vec<(String, Vec<u8>)> = entries(package_bytes)
        .into_iter()
        .map(|(name, bytes)| {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let changed = match name.as_str() {
                "word/document.xml" => document.clone(),
                "word/styles.xml" => text.replace("</w:styles>", style),
                "word/_rels/document.xml.rels" => text.replace(
                    "</Relationships>",
                    "<Relationship Id=\"rId99\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/></Relationships>",
                ),
                "[Content_Types].xml" => text.replace(
                    "</Types>",
                    "<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/></Types>",
                ),
                _ => return (name, bytes),
            };
            (name, changed.into_bytes())
        })
        .chain(std::iter::once(("word/numbering.xml".to_owned(), numbering.as_bytes().to_vec())))
        .collect();
    package(&entries)
}
