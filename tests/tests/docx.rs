//! DOCX inputs end to end: the national 2021 template as saved by WPS, filled with a real case's
//! hand-checked facts, read back exactly — plain, with tracked-changes residue, with Table 3
//! split across a page break, and re-saved by LibreOffice. Broken and hostile packages are
//! refused with a clear error.

use nianbao_parse::{parse, ParseError};
use nianbao_tests::docx::{self, Writing};
use nianbao_tests::{corpus_dir, differences, load_expected, Expected};
use std::path::Path;

/// The case whose facts fill the template: a 2021-format report with non-zero cells in every
/// table and blank-free rows.
const CASE: &str = "pingtan-2025-html";

fn expected() -> Expected {
    load_expected(&corpus_dir().join("real").join(CASE).join("expected.json"))
}

fn title(expected: &Expected) -> String {
    format!("{}{}年度政府信息公开工作年度报告", expected.agency, expected.year)
}

fn filled(writing: Writing) -> String {
    let expected = expected();
    docx::filled_document(&title(&expected), &docx::values_2021(&expected), writing)
}

fn assert_matches(bytes: &[u8], name: &str) {
    let document = parse(bytes, name).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(document.source.kind, nianbao_model::InputKind::Docx);
    let diffs = differences(&document, &expected());
    assert!(
        diffs.is_empty(),
        "{name}: {} differences:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
    let not_found: Vec<_> = document
        .diagnostics
        .iter()
        .filter(|d| d.code.ends_with("not-found"))
        .collect();
    assert!(not_found.is_empty(), "{name}: {not_found:?}");
}

#[test]
fn the_blank_template_reads_as_a_2021_report_with_every_cell_blank() {
    let document = parse(&docx::template_bytes(), "年报格式模板-2021.docx").unwrap();
    assert_eq!(
        document.report.metadata.template.version,
        Some(nianbao_model::TemplateVersion::V2021)
    );
    let facts = nianbao_model::facts(&document.report);
    assert_eq!(facts.len(), 200);
    assert!(facts.iter().all(|(_, v)| v.is_null()), "{facts:?}");
    assert_eq!(document.report.sections.len(), 6);
    assert!(!document.diagnostics.iter().any(|d| d.code.ends_with("not-found")));
}

#[test]
fn the_filled_template_gives_every_fact() {
    let bytes = docx::with_document(&docx::template_bytes(), &filled(Writing::Plain));
    assert_matches(&bytes, "filled.docx");
}

#[test]
fn tracked_changes_show_as_accepted() {
    let document = docx::with_deleted_residue(&filled(Writing::Revised));
    let bytes = docx::with_document(&docx::template_bytes(), &document);
    assert_matches(&bytes, "revised.docx");
    let parsed = parse(&bytes, "revised.docx").unwrap();
    let overview = &parsed.report.sections[0];
    assert_eq!(overview.heading.value, "一、总体情况");
    let all_text: String = parsed.report.sections.iter().map(|s| s.text.as_str()).collect();
    assert!(
        !all_text.contains("旧稿") && !all_text.contains("移走"),
        "{all_text}"
    );
}

#[test]
fn a_table_split_across_pages_reads_as_one() {
    let document = docx::with_table3_split(&filled(Writing::Plain), "4.保护第三方合法权益");
    assert_eq!(document.matches("<w:tblHeader/>").count(), 3);
    let bytes = docx::with_document(&docx::template_bytes(), &document);
    assert_matches(&bytes, "split.docx");
}

/// Saves `input` as a Word file with LibreOffice Writer (installed by `.ci/run`) into `out_dir`.
fn soffice_convert(input: &Path, filter: &str, out_dir: &Path) -> std::path::PathBuf {
    nianbao_tests::soffice(&[input.to_path_buf()], filter, out_dir).remove(0)
}

#[test]
fn a_file_saved_by_libreoffice_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let filled_path = dir.path().join("filled.docx");
    std::fs::write(
        &filled_path,
        docx::with_document(&docx::template_bytes(), &filled(Writing::Plain)),
    )
    .unwrap();
    let out = dir.path().join("saved");
    std::fs::create_dir(&out).unwrap();
    let saved = soffice_convert(&filled_path, "docx:MS Word 2007 XML", &out);
    let bytes = std::fs::read(&saved).unwrap();
    assert_ne!(bytes, std::fs::read(&filled_path).unwrap());
    assert_matches(&bytes, "saved-by-libreoffice.docx");
}

#[test]
fn broken_and_hostile_packages_are_refused_clearly() {
    let good = docx::with_document(&docx::template_bytes(), &filled(Writing::Plain));
    let message = |bytes: &[u8], name: &str| parse(bytes, name).map(|_| ()).unwrap_err().to_string();

    let truncated = message(&good[..good.len() / 2], "cut.docx");
    assert!(truncated.contains("zip"), "{truncated}");

    let no_document = docx::package(&[("readme.txt".to_owned(), b"hello".to_vec())]);
    let missing = message(&no_document, "other.docx");
    assert!(missing.contains("word/document.xml"), "{missing}");

    let bomb = docx::package(&[("word/document.xml".to_owned(), vec![b' '; 65 << 20])]);
    assert!(bomb.len() < 1 << 20, "the bomb compresses well: {}", bomb.len());
    let refused = message(&bomb, "bomb.docx");
    assert!(refused.contains("压缩炸弹"), "{refused}");

    let escape = docx::package(&[("../../etc/evil.xml".to_owned(), b"<x/>".to_vec())]);
    let refused = message(&escape, "escape.docx");
    assert!(refused.contains("不安全的路径"), "{refused}");

    let entity = "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaa\">]><w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>";
    let refused = message(
        &docx::with_document(&docx::template_bytes(), entity),
        "entity.docx",
    );
    assert!(refused.contains("DOCTYPE"), "{refused}");

    let legacy = [nianbao_tests::OLE_MAGIC, &[0u8; 512]].concat();
    for name in ["report.doc", "report.wps", "report.docx"] {
        let error = parse(&legacy, name).unwrap_err();
        assert!(matches!(error, ParseError::LegacyWord { .. }), "{name}: {error}");
        assert!(error.to_string().contains("另存为"), "{error}");
    }
}

#[test]
fn every_html_case_saved_as_docx_by_libreoffice_gives_its_facts() {
    let dir = tempfile::tempdir().unwrap();
    let mut checked = 0;
    let mut cases: Vec<_> = std::fs::read_dir(corpus_dir().join("real"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|case| case.join("source.html").exists())
        .collect();
    cases.sort();
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let html = dir.path().join(format!("{name}.html"));
        std::fs::copy(case.join("source.html"), &html).unwrap();
        let saved = soffice_convert(&html, "docx:MS Word 2007 XML", dir.path());
        let document = parse(&std::fs::read(&saved).unwrap(), &format!("{name}.docx")).unwrap();
        let diffs = differences(&document, &load_expected(&case.join("expected.json")));
        assert!(
            diffs.is_empty(),
            "{name} via LibreOffice DOCX:\n{}",
            diffs.join("\n")
        );
        checked += 1;
    }
    assert!(checked >= 2, "expected the two HTML cases, checked {checked}");
}

#[test]
fn automatically_numbered_headings_read_with_their_numerals() {
    let bytes = docx::with_numbered_headings(&docx::template_bytes(), &filled(Writing::Plain));
    let plain = docx::entries(&bytes)
        .into_iter()
        .find(|(name, _)| name == "word/document.xml")
        .map(|(_, xml)| String::from_utf8(xml).unwrap())
        .unwrap();
    assert!(!plain.contains("一、总体情况"), "the numeral is no longer text");
    assert_matches(&bytes, "numbered.docx");
    let document = parse(&bytes, "numbered.docx").unwrap();
    let headings: Vec<&str> = document
        .report
        .sections
        .iter()
        .map(|s| s.heading.value.as_str())
        .collect();
    assert_eq!(headings, docx::HEADINGS);
}
