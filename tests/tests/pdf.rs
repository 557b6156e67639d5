//! PDF inputs end to end. Reports printed to PDF — by nianbao's own archive exporter, and by
//! LibreOffice Writer from the corpus's web pages (ruled, turned a quarter, Table 3 broken across
//! pages, drawn without rules) — read back with every cell as the hand-checked expectation has
//! it, each value located on its page. PDFs that cannot be read — encrypted, truncated, scanned,
//! text without Unicode — are refused with a Chinese message saying why.

use nianbao_export::ExportContext;
use nianbao_model::template::{self, TableId};
use nianbao_model::{CellValue, Document, InputKind};
use nianbao_parse::{parse, ParseError};
use nianbao_tests::pdf::{print_with_libreoffice, scanned, text_without_unicode};
use nianbao_tests::{checked_document, corpus_dir, differences, load_expected, reports, tool_available};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The corpus's web-page cases, whose hand-checked facts the printed PDFs must give back. (The
/// other one, shgov-office-2019, has a Table 3 wider than an A4 page once set in a CJK font:
/// LibreOffice prints it cut at both edges, and its LibreOffice print is a corpus case of its
/// own.)
const HTML_CASES: &[&str] = &["pingtan-2025-html"];

/// Empty paragraphs put before Table 3's heading to move it down the page; at least one of these
/// breaks Table 3 across two pages.
const PADDINGS: &[usize] = &[6, 12, 18, 24];

/// Reads a PDF through the pipeline's parser, as `nianbao convert` does.
fn read(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path.file_name().expect("a file name").to_string_lossy();
    let document = parse(&bytes, &name).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(document.source.kind, InputKind::Pdf, "{name}");
    document
}

/// Every cell of Tables 2–4 by fact key, in template order; a cell the report lacks is blank.
fn keyed_cells(document: &Document) -> Vec<(String, CellValue)> {
    let report = &document.report;
    let version = report.metadata.template.version.expect("a template version");
    let mut out = Vec::new();
    for id in [TableId::T2, TableId::T3, TableId::T4] {
        for row in template::spec(id, version).rows {
            let cells = report.table(id).and_then(|t| t.row(row.key)).map(|r| &r.cells);
            for (index, column) in row.columns.iter().enumerate() {
                let value = cells
                    .and_then(|c| c.get(index))
                    .map_or(CellValue::Blank, |c| c.value.clone());
                out.push((template::fact_key(id, row.key, column.key), value));
            }
        }
    }
    out
}

/// Asserts that a PDF printed from `case` gives back every hand-checked fact.
fn assert_matches_case(pdf: &Path, case: &str) -> Document {
    let document = read(pdf);
    let expected = load_expected(&corpus_dir().join("real").join(case).join("expected.json"));
    let diffs = differences(&document, &expected);
    assert!(
        diffs.is_empty(),
        "{} ({case}): {} differences:\n{}",
        pdf.display(),
        diffs.len(),
        diffs.join("\n")
    );
    document
}

/// The pages Table 3's values were read from.
fn table3_pages(document: &Document) -> BTreeSet<u32> {
    let table = document.report.table(TableId::T3).expect("Table 3 is read");
    table
        .rows
        .iter()
        .flat_map(|row| &row.cells)
        .filter_map(|cell| cell.span.as_ref()?.place.as_ref())
        .map(|place| place.page)
        .collect()
}

/// The PDFs LibreOffice printed from the web-page cases, made once for all tests: per case the
/// page as it is, and without its table borders; for the first case, Table 3 moved down by each
/// of [`PADDINGS`].
struct Printed {
    _dir: tempfile::TempDir,
    plain: Vec<(String, PathBuf)>,
    borderless: Vec<(String, PathBuf)>,
    moved: Vec<(usize, PathBuf)>,
}

fn printed() -> Option<&'static Printed> {
    static PRINTED: OnceLock<Option<Printed>> = OnceLock::new();
    PRINTED
        .get_or_init(|| {
            if !tool_available("soffice", "libreoffice-writer-nogui") {
                return None;
            }
            let dir = tempfile::tempdir().expect("temp dir");
            let mut inputs = Vec::new();
            let write = |name: String, html: &str| {
                let path = dir.path().join(format!("{name}.html"));
                std::fs::write(&path, html).expect("write");
                path
            };
            for case in HTML_CASES {
                let html = std::fs::read_to_string(corpus_dir().join("real").join(case).join("source.html"))
                    .expect("the case's web page");
                inputs.push(write((*case).to_owned(), &html));
                inputs.push(write(format!("{case}-borderless"), &without_borders(&html)));
            }
            let first =
                std::fs::read_to_string(corpus_dir().join("real").join(HTML_CASES[0]).join("source.html"))
                    .expect("the case's web page");
            for padding in PADDINGS {
                inputs.push(write(
                    format!("moved-{padding}"),
                    &table3_moved_down(&first, *padding),
                ));
            }
            let pdfs = print_with_libreoffice(&inputs, dir.path());
            let mut pdfs = pdfs.into_iter();
            let mut plain = Vec::new();
            let mut borderless = Vec::new();
            for case in HTML_CASES {
                plain.push(((*case).to_owned(), pdfs.next().expect("printed")));
                borderless.push(((*case).to_owned(), pdfs.next().expect("printed")));
            }
            let moved = PADDINGS.iter().copied().zip(pdfs).collect();
            Some(Printed {
                _dir: dir,
                plain,
                borderless,
                moved,
            })
        })
        .as_ref()
}

/// The web page with every table border taken away: the `border` attribute and the CSS border
/// properties.
fn without_borders(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    // CSS `border…: …;` declarations inside style attributes.
    while let Some(at) = rest.find("border") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let name_end = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(tail.len());
        let after_name = tail[name_end..].trim_start();
        if let Some(value) = after_name.strip_prefix(':') {
            let end = value.find([';', '"', '\'']).unwrap_or(value.len());
            let skip = value[end..].strip_prefix(';').map_or(end, |_| end + 1);
            rest = &value[skip..];
        } else if let Some(value) = after_name.strip_prefix('=') {
            // `border="1"` → `border="0"`.
            let value = value.trim_start();
            let quoted = value.starts_with('"') || value.starts_with('\'');
            let end = if quoted {
                1 + value[1..].find(['"', '\'']).map_or(value.len() - 1, |e| e + 1)
            } else {
                value
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(value.len())
            };
            out.push_str("border=\"0\"");
            rest = &value[end..];
        } else {
            out.push_str(&tail[..name_end]);
            rest = &tail[name_end..];
        }
    }
    out.push_str(rest);
    out
}

/// The web page with `count` empty paragraphs before Table 3's heading.
fn table3_moved_down(html: &str, count: usize) -> String {
    let heading = html
        .find("三、收到和处理政府信息公开申请情况")
        .expect("Table 3's heading");
    let paragraph = html[..heading].rfind("<p").expect("the heading's paragraph");
    format!(
        "{}{}{}",
        &html[..paragraph],
        "<p>&nbsp;</p>".repeat(count),
        &html[paragraph..]
    )
}

#[test]
fn every_report_printed_by_the_archive_exporter_reads_back_cell_for_cell() {
    let dir = tempfile::tempdir().expect("temp dir");
    for input in reports() {
        let name = input.display().to_string();
        let original = checked_document(&input);
        let bytes = nianbao_export_pdf::render(&original, &ExportContext::default()).expect("renders");
        let path = dir.path().join("archive.pdf");
        std::fs::write(&path, bytes).expect("write");
        let printed = read(&path);
        assert_eq!(
            printed.report.metadata.template.version, original.report.metadata.template.version,
            "{name}"
        );
        let before = keyed_cells(&original);
        let after = keyed_cells(&printed);
        assert_eq!(before.len(), after.len(), "{name}");
        for ((key, was), (again_key, now)) in before.iter().zip(&after) {
            assert_eq!(key, again_key, "{name}");
            // The archive prints an undetermined cell as ？, which reads back as undetermined.
            let same = match (was, now) {
                (CellValue::Unresolved { .. }, CellValue::Unresolved { .. }) => true,
                _ => was.printed() == now.printed(),
            };
            assert!(same, "{name}: {key} was {was:?}, reads back as {now:?}");
        }
    }
}

#[test]
fn web_pages_printed_by_libreoffice_read_with_every_cell_on_its_page() {
    let Some(printed) = printed() else { return };
    for (case, pdf) in &printed.plain {
        let document = assert_matches_case(pdf, case);
        assert!(
            !document.diagnostics.iter().any(|d| d.code == "pdf-aligned-table"),
            "{case}: ruled tables are read by their rules"
        );
        // Every value read keeps its page and box.
        for id in [TableId::T2, TableId::T3, TableId::T4] {
            let table = document.report.table(id).expect("the table is read");
            for cell in table.rows.iter().flat_map(|row| &row.cells) {
                if let (Some(span), CellValue::Number { .. }) = (&cell.span, &cell.value) {
                    let place = span
                        .place
                        .as_ref()
                        .unwrap_or_else(|| panic!("{case}: {cell:?} has no page"));
                    let [left, top, right, bottom] = place.bbox;
                    assert!(
                        place.page >= 1 && left < right && top < bottom,
                        "{case}: {place:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_page_turned_a_quarter_reads_the_same() {
    let Some(printed) = printed() else { return };
    if !tool_available("qpdf", "qpdf") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    for (case, pdf) in &printed.plain {
        let turned = dir.path().join(format!("{case}-turned.pdf"));
        let status = Command::new("qpdf")
            .arg("--rotate=+90")
            .arg(pdf)
            .arg(&turned)
            .status()
            .expect("qpdf runs");
        assert!(status.success());
        assert_matches_case(&turned, case);
    }
}

#[test]
fn table_3_broken_across_pages_is_joined() {
    let Some(printed) = printed() else { return };
    let mut broken = 0;
    for (padding, pdf) in &printed.moved {
        let document = assert_matches_case(pdf, HTML_CASES[0]);
        let pages = table3_pages(&document);
        assert!(!pages.is_empty(), "padding {padding}: Table 3 has no place");
        let consecutive = pages.iter().zip(pages.iter().skip(1)).all(|(a, b)| b - a == 1);
        assert!(consecutive, "padding {padding}: {pages:?}");
        if pages.len() >= 2 {
            broken += 1;
        }
    }
    assert!(broken >= 1, "no padding broke Table 3 across pages");
}

#[test]
fn tables_drawn_without_rules_are_read_by_alignment_and_never_guessed() {
    let Some(printed) = printed() else { return };
    for (case, pdf) in &printed.borderless {
        let document = read(pdf);
        assert!(
            document.diagnostics.iter().any(|d| d.code == "pdf-aligned-table"),
            "{case}: the reader says the tables were read by alignment"
        );
        let expected = load_expected(&corpus_dir().join("real").join(case).join("expected.json"));
        let parsed = keyed_cells(&document);
        let mut read = 0;
        for (key, value) in &parsed {
            let want = &expected.facts[key];
            match value {
                // A cell the alignment does not make certain is undetermined, with a diagnostic.
                CellValue::Unresolved { .. } => assert!(
                    document.diagnostics.iter().any(|d| d.facts.contains(key)),
                    "{case}: {key} undetermined without a diagnostic"
                ),
                value => {
                    let got = serde_json::to_value(nianbao_model::FactValue::of(value)).expect("serializes");
                    assert!(
                        nianbao_tests::same_value(Some(&got), want),
                        "{case} without rules: {key} read as {got}, the page has {want}"
                    );
                    read += 1;
                }
            }
        }
        // Tables 2 and 3 line up well enough to be read whole; Table 4's fifteen narrow columns
        // may run their header words together.
        let t4 = parsed.iter().filter(|(key, _)| key.starts_with("t4.")).count();
        assert!(
            read >= parsed.len() - t4,
            "{case}: only {read} of {} cells read",
            parsed.len()
        );
    }
}

#[test]
fn unreadable_pdfs_are_refused_with_the_reason() {
    let sample = corpus_dir().join("real/huaian-2024-pdf/source.pdf");
    let bytes = std::fs::read(&sample).expect("the corpus PDF");
    let mut cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated.pdf", bytes[..bytes.len() / 3].to_vec(), "损坏或不完整"),
        ("no-unicode.pdf", text_without_unicode(), "ToUnicode"),
        // Named .txt, sniffed as PDF by its first bytes.
        ("report.txt", bytes[..bytes.len() / 3].to_vec(), "损坏或不完整"),
    ];
    if tool_available("pdftoppm", "poppler-utils") {
        let page = scanned(&sample).expect("pdftoppm renders the first page");
        cases.push(("scanned.pdf", page, "扫描件"));
    }
    if tool_available("qpdf", "qpdf") {
        let dir = tempfile::tempdir().expect("temp dir");
        let locked = dir.path().join("locked.pdf");
        let status = Command::new("qpdf")
            .args(["--encrypt", "user-password", "owner-password", "256", "--"])
            .arg(&sample)
            .arg(&locked)
            .status()
            .expect("qpdf runs");
        assert!(status.success());
        cases.push(("locked.pdf", std::fs::read(&locked).expect("read"), "已加密"));
    }
    for (name, bytes, reason) in cases {
        match parse(&bytes, name) {
            Err(ParseError::Pdf(error)) => {
                let message = error.to_string();
                assert!(message.contains(reason), "{name}: {message}");
            }
            other => panic!(
                "{name}: expected a PDF error, got {:?}",
                other.map(|d| d.source.kind)
            ),
        }
    }
}
