//! PDF fixtures the PDF tests build: files no office program makes on purpose — text in a font
//! that does not say which characters it draws, a page that is only a picture of a rendered
//! report page — written by hand with correct cross-reference offsets, and reports printed by
//! LibreOffice Writer.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A PDF of `objects` (numbered from 1, the first the catalog) with a correct cross-reference
/// table.
fn assemble(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", index + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A stream object holding `content`, with `dictionary` entries before its length.
fn stream(dictionary: &str, content: &[u8]) -> Vec<u8> {
    let mut object = format!("<< {dictionary} /Length {} >>\nstream\n", content.len()).into_bytes();
    object.extend_from_slice(content);
    object.extend_from_slice(b"\nendstream");
    object
}

/// One A4 page whose resources and content are given; objects 1–4 are catalog, pages, page and
/// content, further objects follow.
fn one_page(resources: &str, content: &[u8], more: Vec<Vec<u8>>) -> Vec<u8> {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources {resources} /Contents 4 0 R >>"
        )
        .into_bytes(),
        stream("", content),
    ];
    objects.extend(more);
    assemble(&objects)
}

/// A page of forty CJK glyphs in a Type 0 font with Identity-H encoding, neither embedded nor
/// given a ToUnicode map: the glyph codes do not say which characters they are.
pub fn text_without_unicode() -> Vec<u8> {
    let codes: String = (0..40).map(|i| format!("{:04X}", 0x4E00 + i)).collect();
    let content = format!("BT /F1 12 Tf 72 700 Td <{codes}> Tj ET");
    one_page(
        "<< /Font << /F1 5 0 R >> >>",
        content.as_bytes(),
        vec![
            b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] >>".to_vec(),
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 >>".to_vec(),
            b"<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 683 /StemV 80 >>".to_vec(),
        ],
    )
}

/// A page that is one 8-bit grey picture of `width` × `height` pixels filling it, as a scanner
/// makes: no text at all.
pub fn image_only(width: usize, height: usize, pixels: &[u8]) -> Vec<u8> {
    one_page(
        "<< /XObject << /Im1 5 0 R >> >>",
        b"q 595 0 0 842 0 0 cm /Im1 Do Q",
        vec![stream(
            &format!("/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray /BitsPerComponent 8"),
            pixels,
        )],
    )
}

/// The first page of `pdf` rendered by poppler's `pdftoppm` in grey at 50 dpi and wrapped into
/// a PDF of its own, as a scanned report is; `None` when `pdftoppm` fails.
pub fn scanned(pdf: &Path) -> Option<Vec<u8>> {
    let output = Command::new("pdftoppm")
        .args(["-gray", "-r", "50", "-f", "1", "-l", "1"])
        .arg(pdf)
        .output()
        .ok()?;
    // A binary PGM: `P5`, width, height, maximum value, one white-space byte, then the pixels.
    let pgm = output.stdout;
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while pgm.get(at)?.is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !pgm.get(at)?.is_ascii_whitespace() {
            at += 1;
        }
        fields.push(std::str::from_utf8(&pgm[start..at]).ok()?.to_owned());
    }
    let (width, height): (usize, usize) = (fields[1].parse().ok()?, fields[2].parse().ok()?);
    let pixels = pgm.get(at + 1..at + 1 + width * height)?;
    (fields[0] == "P5" && fields[3] == "255").then(|| image_only(width, height, pixels))
}

/// Prints the HTML files `inputs` to PDF with LibreOffice Writer, all in one run, into `out_dir`;
/// returns the PDFs in the order of `inputs`.
pub fn print_with_libreoffice(inputs: &[PathBuf], out_dir: &Path) -> Vec<PathBuf> {
    let pdfs = crate::soffice(inputs, "pdf:writer_web_pdf_Export", out_dir);
    for pdf in &pdfs {
        assert!(pdf.exists(), "LibreOffice printed no {}", pdf.display());
    }
    pdfs
}
