//! Every corpus report prints as an archive PDF that its real clients accept: `qpdf --check`
//! passes; `pdffonts` shows only embedded, subset, Identity-H fonts with ToUnicode maps;
//! `pdftotext` gives back the title, the six headings and every table value in table order;
//! `pdftoppm` renders the first pages without complaint; the bytes and the page count are the same
//! on every run.

use nianbao_export::{ExportContext, FontFile, Timestamp};
use nianbao_model::template::{self, TableId};
use nianbao_model::{CellValue, Document, SectionKind};
use nianbao_tests::{checked_document, corpus_dir, repo_dir, reports};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

fn context() -> ExportContext {
    ExportContext {
        created: Timestamp::parse("2026-01-31T08:00:00+08:00").expect("a valid time"),
        with_findings: true,
        ..ExportContext::default()
    }
}

/// Runs a poppler/qpdf tool; they are part of the test environment (`.ci/run` installs them).
fn run(tool: &str, args: &[&str], file: &Path) -> (bool, String) {
    let mut command = Command::new(tool);
    command.args(args).arg(file);
    match tool {
        "pdftotext" => {
            command.arg("-");
        }
        // Pages go to files under the PDF's directory, named after it.
        "pdftoppm" => {
            command.arg(file.with_extension(""));
        }
        _ => {}
    }
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{tool} is needed for this test (Debian qpdf, poppler-utils): {e}"));
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The printed values of `table`, in template order (row by row, column by column).
fn values_in_table_order(document: &Document, id: TableId) -> Vec<String> {
    let Some(version) = document.report.metadata.template.version else {
        return Vec::new();
    };
    let Some(table) = document.report.table(id) else {
        return Vec::new();
    };
    let spec = template::spec(id, version);
    let mut values = Vec::new();
    for (row_spec, row) in spec.rows.iter().zip(&table.rows) {
        assert_eq!(row_spec.key, row.key);
        for cell in &row.cells {
            match &cell.value {
                CellValue::Blank => {}
                CellValue::Unresolved { .. } => values.push("？".to_owned()),
                value => values.push(compact(&value.printed())),
            }
        }
    }
    values
}

/// Whether `needles` occur in `tokens` in this order.
fn is_subsequence(needles: &[String], tokens: &[&str]) -> Result<(), String> {
    let mut rest = tokens.iter();
    for (index, needle) in needles.iter().enumerate() {
        if !rest.any(|token| token == needle) {
            return Err(format!("value #{index} {needle:?} not found in order"));
        }
    }
    Ok(())
}

#[test]
fn every_corpus_report_prints_as_a_clean_searchable_archive_pdf() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut failures = Vec::new();
    for input in reports() {
        let name = input
            .strip_prefix(repo_dir())
            .unwrap_or(&input)
            .display()
            .to_string();
        let document = checked_document(&input);
        let bytes = nianbao_export_pdf::render(&document, &context()).expect("renders");
        let again = nianbao_export_pdf::render(&document, &context()).expect("renders");
        assert!(bytes == again, "{name}: two renders differ");
        let file = dir.path().join("report.pdf");
        std::fs::write(&file, &bytes).expect("write");
        let mut fail = |what: String| failures.push(format!("{name}: {what}"));

        let (ok, text) = run("qpdf", &["--check"], &file);
        if !ok || !text.contains("No syntax or stream encoding errors found") {
            fail(format!("qpdf --check:\n{text}"));
        }

        let (ok, text) = run("pdftoppm", &["-r", "20", "-png", "-f", "1", "-l", "2"], &file);
        if !ok || text.contains("Error") || text.contains("Warning") {
            fail(format!(
                "pdftoppm does not render the first pages cleanly:\n{text}"
            ));
        }

        let (ok, fonts) = run("pdffonts", &[], &file);
        let rows: Vec<&str> = fonts.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
        if !ok || rows.is_empty() {
            fail(format!("pdffonts:\n{fonts}"));
        }
        for row in rows {
            let fields: Vec<&str> = row.split_whitespace().collect();
            let subset_name = fields[0].len() > 7 && fields[0].as_bytes()[6] == b'+';
            let flags = &fields[fields.len() - 5..fields.len() - 2];
            if !(subset_name
                && row.contains("CID TrueType")
                && row.contains("Identity-H")
                && flags == ["yes"; 3])
            {
                fail(format!("font not embedded+subset+Identity-H+ToUnicode: {row}"));
            }
        }

        let (_, info) = run("pdfinfo", &[], &file);
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("pdfinfo gives the page count");
        let (ok, text) = run("pdftotext", &["-raw", "-enc", "UTF-8"], &file);
        if !ok {
            fail(format!("pdftotext failed: {text}"));
            continue;
        }
        let numbered = (1..=pages).all(|n| text.contains(&format!("— {n} —")));
        if !numbered || text.contains(&format!("— {} —", pages + 1)) {
            fail(format!("page numbers are not — 1 — … — {pages} —"));
        }
        let flat = compact(&text);
        if let Some(title) = &document.report.metadata.title {
            if !flat.contains(&compact(&title.value)) {
                fail(format!("title {:?} not in the text", title.value));
            }
        }
        for kind in SectionKind::ALL {
            let heading = document
                .report
                .section(kind)
                .map_or(kind.canonical_heading().to_owned(), |s| s.heading.value.clone());
            if !flat.contains(&compact(&heading)) {
                fail(format!("heading {heading:?} not in the text"));
            }
        }
        let page_number = |token: &&str| !(token.starts_with('—') && token.ends_with('—'));
        let cleaned = text
            .lines()
            .filter(|line| !(line.starts_with("— ") && line.ends_with(" —")))
            .collect::<Vec<_>>()
            .join("\n");
        let tokens: Vec<&str> = cleaned.split_whitespace().filter(page_number).collect();
        for id in [TableId::T2, TableId::T3, TableId::T4] {
            let values = values_in_table_order(&document, id);
            if let Err(e) = is_subsequence(&values, &tokens) {
                fail(format!("{id:?}: {e}"));
            }
        }
        for key in ["t2.", "t3.", "t4."] {
            if text.contains(key) {
                fail(format!("a fact key where a person reads: {key}…"));
            }
        }
        let size_per_page = bytes.len() / pages;
        if size_per_page > 80_000 {
            fail(format!("{size_per_page} bytes per page: the font is not subset"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_table_value_is_printed_exactly_as_the_source_has_it() {
    // pingtan 2021 (hand-checked expected.json): 本年新收 70 in total, 64 natural persons.
    let input = corpus_dir().join("real/pingtan-2021-txt/source.txt");
    let bytes = nianbao_export_pdf::render(&checked_document(&input), &context()).expect("renders");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("report.pdf");
    std::fs::write(&file, bytes).expect("write");
    let (_, text) = run("pdftotext", &["-raw", "-enc", "UTF-8"], &file);
    assert!(
        text.contains("一、本年新收政府信息公开申请数量 64 0 0 2 0 4 70"),
        "{text}"
    );
}

#[test]
fn characters_no_font_has_are_an_error_that_lists_them() {
    let mut document = checked_document(&repo_dir().join("samples/000_2ed7b50f6a4f35f4.txt"));
    document.report.sections[0].text.push_str("𠀀𠀁");
    let error = nianbao_export_pdf::render(&document, &context()).expect_err("refused");
    let message = error.to_string();
    assert!(
        message.contains("U+20000") && message.contains("U+20001"),
        "{message}"
    );
}

/// A font handed in by the caller, read from `path`.
fn font_file(path: &Path, index: u32) -> FontFile {
    FontFile {
        name: path
            .file_stem()
            .expect("a file name")
            .to_string_lossy()
            .into_owned(),
        data: Arc::from(std::fs::read(path).expect("the font file")),
        index,
    }
}

#[test]
fn a_font_that_cannot_be_used_is_a_clear_error() {
    let document = checked_document(&repo_dir().join("samples/000_2ed7b50f6a4f35f4.txt"));
    let not_a_font = FontFile {
        name: "garbage".into(),
        data: Arc::from(&b"not a font at all"[..]),
        index: 0,
    };
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/LatinOnly.ttf");
    for (font, named) in [(not_a_font, "garbage"), (font_file(&fixture, 1), "LatinOnly")] {
        let context = ExportContext {
            fonts: vec![font],
            ..context()
        };
        let message = nianbao_export_pdf::render(&document, &context)
            .expect_err("refused")
            .to_string();
        assert!(message.contains(named) && message.contains("字体"), "{message}");
    }
}

#[test]
fn the_creation_date_comes_from_the_context_with_its_offset() {
    let document = checked_document(&repo_dir().join("samples/000_2ed7b50f6a4f35f4.txt"));
    let pinned = nianbao_export_pdf::render(&document, &context()).expect("renders");
    let text = String::from_utf8_lossy(&pinned);
    assert!(
        text.contains("D:20260131080000+08'00'"),
        "creation date not as given"
    );
    let default = ExportContext {
        created: Timestamp::DEFAULT,
        ..context()
    };
    let unpinned = nianbao_export_pdf::render(&document, &default).expect("renders");
    assert!(String::from_utf8_lossy(&unpinned).contains("D:19800101000000Z"));
}

#[test]
fn a_user_font_comes_first_and_the_builtin_font_draws_what_it_lacks() {
    // LatinOnly.ttf has ASCII only (see fixtures/README.md): digits and Latin letters come from
    // it, every Chinese character of the body from the built-in font, and all are embedded as
    // subsets.
    let document = checked_document(&corpus_dir().join("real/pingtan-2021-txt/source.txt"));
    let font = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/LatinOnly.ttf");
    let context = ExportContext {
        fonts: vec![font_file(&font, 0)],
        ..context()
    };
    let bytes = nianbao_export_pdf::render(&document, &context).expect("renders");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("report.pdf");
    std::fs::write(&file, bytes).expect("write");
    let (_, fonts) = run("pdffonts", &[], &file);
    let names: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    // The user's font, the built-in body face, and the 黑体 of the section headings.
    assert_eq!(names.len(), 3, "{fonts}");
    assert!(names.iter().any(|n| n.ends_with("+LatinOnly-0")), "{fonts}");
    assert!(
        names.iter().any(|n| n.ends_with("+NotoSansCJKscHeadings-0")),
        "{fonts}"
    );
    assert!(
        names.iter().any(|n| n.ends_with("+NotoSerifCJKsc-Subset")),
        "{fonts}"
    );
    let (_, text) = run("pdftotext", &["-raw", "-enc", "UTF-8"], &file);
    assert!(
        text.contains("一、本年新收政府信息公开申请数量 64 0 0 2 0 4 70"),
        "{text}"
    );
}

#[test]
fn the_outline_has_the_six_sections_and_the_appendix_and_the_metadata_names_the_agency() {
    let document = checked_document(&repo_dir().join("samples/000_2ed7b50f6a4f35f4.txt"));
    let bytes = nianbao_export_pdf::render(&document, &context()).expect("renders");
    let pdf = lopdf::Document::load_mem(&bytes).expect("lopdf reads it");
    let text = |object: &lopdf::Object| lopdf::decode_text_string(object).expect("a text string");
    let outlines = pdf
        .catalog()
        .and_then(|c| c.get(b"Outlines"))
        .and_then(|o| o.as_reference());
    let mut entry = pdf
        .get_dictionary(outlines.expect("an outline"))
        .and_then(|o| o.get(b"First"))
        .and_then(|f| f.as_reference())
        .ok();
    let mut titles = Vec::new();
    while let Some(id) = entry {
        let item = pdf.get_dictionary(id).expect("outline item");
        titles.push(text(item.get(b"Title").expect("title")));
        entry = item.get(b"Next").and_then(|n| n.as_reference()).ok();
    }
    let mut expected: Vec<String> = SectionKind::ALL
        .iter()
        .map(|kind| {
            document
                .report
                .section(*kind)
                .expect("section")
                .heading
                .value
                .trim()
                .to_owned()
        })
        .collect();
    expected.push("附：核对结果".to_owned());
    assert_eq!(titles, expected);

    let info = pdf
        .trailer
        .get(b"Info")
        .and_then(|i| i.as_reference())
        .and_then(|id| pdf.get_dictionary(id))
        .expect("document information");
    assert_eq!(text(info.get(b"Author").expect("author")), "天池镇人民政府");
    assert_eq!(
        text(info.get(b"Title").expect("title")),
        "天池镇人民政府2022年政府信息公开工作年度报告"
    );
    assert!(text(info.get(b"Keywords").expect("keywords")).contains("2022年"));
}

#[test]
fn ordinary_characters_of_reports_print_and_spaces_are_blanks() {
    let mut document = checked_document(&repo_dir().join("samples/000_2ed7b50f6a4f35f4.txt"));
    // No-break, ideographic, en and em spaces, a zero-width space and joiner, a byte order mark,
    // a bullet, square metres, name characters outside GB 2312, and common report symbols.
    let line = "联系人：朱镕\u{00A0}王喆\u{3000}李堃\u{2002}张珺\u{2003}赵\u{200B}钱\u{200D}孙\u{FEFF}李 • 面积 120㎡ ①② Ⅲ ℃ ≤ ※ ★ ✓";
    document.report.sections[0].text.push('\n');
    document.report.sections[0].text.push_str(line);
    let bytes = nianbao_export_pdf::render(&document, &context()).expect("every character prints");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("report.pdf");
    std::fs::write(&file, bytes).expect("write");
    let (ok, text) = run("qpdf", &["--check"], &file);
    assert!(ok, "{text}");
    let (_, text) = run("pdftotext", &["-raw", "-enc", "UTF-8"], &file);
    let flat = compact(&text);
    for shown in [
        "朱镕",
        "王喆",
        "李堃",
        "张珺",
        "赵钱孙李",
        "•",
        "120㎡",
        "①②",
        "Ⅲ",
        "℃",
        "≤",
        "※",
        "★",
        "✓",
    ] {
        assert!(flat.contains(shown), "{shown} not in the text:\n{text}");
    }
    // Spaces are room between characters, never glyphs of their own; invisible ones take none.
    for invisible in ['\u{00A0}', '\u{200B}', '\u{200D}', '\u{FEFF}'] {
        assert!(!text.contains(invisible), "U+{:04X} drawn", invisible as u32);
    }
}

#[test]
fn headings_are_set_in_heiti_and_kaiti_as_gb_t_9704_sets_them() {
    // Seed 003 has headings of both levels: `一、总体情况` and `(一)加强政府信息管理`.
    let document = checked_document(&repo_dir().join("samples/003_ab0ddd5dad9ab753.txt"));
    let bytes = nianbao_export_pdf::render(&document, &context()).expect("renders");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("report.pdf");
    std::fs::write(&file, bytes).expect("write");
    let (ok, fonts) = run("pdffonts", &[], &file);
    assert!(ok, "{fonts}");
    for face in ["NotoSerifCJKsc-Subset", "NotoSansCJKscHeadings", "KaiHeadings"] {
        assert!(fonts.contains(face), "{face} not embedded:\n{fonts}");
    }
    // A report without second-level headings standing alone embeds no 楷体.
    let plain = checked_document(&corpus_dir().join("real/pingtan-2021-txt/source.txt"));
    let bytes = nianbao_export_pdf::render(&plain, &context()).expect("renders");
    std::fs::write(&file, bytes).expect("write");
    let (_, fonts) = run("pdffonts", &[], &file);
    assert!(
        fonts.contains("NotoSansCJKscHeadings") && !fonts.contains("KaiHeadings"),
        "{fonts}"
    );
}

#[test]
fn a_section_heading_is_never_left_alone_above_its_table() {
    // Section 三 of this report goes straight into Table 3. Lengthening section 一 line by line
    // moves the heading down the page through every position, the foot of the page included.
    let original = checked_document(&corpus_dir().join("real/pingtan-2021-txt/source.txt"));
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("report.pdf");
    let heading = "三、收到和处理政府信息公开申请情况";
    for lines in 0..40 {
        let mut document = original.clone();
        for n in 0..lines {
            document.report.sections[0]
                .text
                .push_str(&format!("\n补充说明第{n}段。"));
        }
        let bytes = nianbao_export_pdf::render(&document, &context()).expect("renders");
        std::fs::write(&file, bytes).expect("write");
        let (_, text) = run("pdftotext", &["-raw", "-enc", "UTF-8"], &file);
        let pages: Vec<String> = text.split('\u{c}').map(compact).collect();
        let page = pages
            .iter()
            .position(|p| p.contains(heading))
            .expect("the heading is printed");
        assert!(
            pages[page].contains("申请人情况"),
            "{lines} lines: the heading stands alone at the foot of page {}",
            page + 1
        );
    }
}
