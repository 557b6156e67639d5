//! Turning input bytes into text: UTF-8 (with or without BOM), UTF-16 with BOM, and the Chinese
//! legacy encodings (GBK / GB18030) detected with chardetng.

use crate::error::ParseError;
use std::borrow::Cow;

/// Text decoded from an input, and how.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text, without a byte-order mark (borrowed when the input was UTF-8 already).
    pub text: Cow<'a, str>,
    /// The encoding's name as encoding_rs spells it (`UTF-8`, `GBK`, `gb18030`, `UTF-16LE`).
    pub encoding: &'static str,
    /// Whether the input started with a byte-order mark.
    pub bom: bool,
}

/// Decodes `bytes` as text.
///
/// Order: a byte-order mark decides; otherwise valid UTF-8 is UTF-8; otherwise chardetng guesses
/// (for Chinese text this is GBK or GB18030, Big5 for traditional) and the bytes must decode
/// without a single malformed sequence. Input with NUL bytes or other binary control characters is
/// not text.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, ParseError> {
    let (text, encoding, bom) = if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let text = strictly(encoding, &bytes[bom_len..], "字节序标记之后有无法解码的字节")?;
        (text, encoding.name(), true)
    } else if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        (Cow::Borrowed(text), "UTF-8", false)
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        let encoding = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
        let text = strictly(encoding, bytes, "不是 UTF-8，按推测的编码也有无法解码的字节")?;
        (text, encoding.name(), false)
    };
    refuse_binary(&text)?;
    Ok(Decoded { text, encoding, bom })
}

/// Decodes `bytes` as `encoding` (declared by the document itself), failing on the first
/// malformed sequence.
pub fn decode_as<'a>(
    bytes: &'a [u8],
    encoding: &'static encoding_rs::Encoding,
) -> Result<Decoded<'a>, ParseError> {
    let text = strictly(encoding, bytes, "按文件声明的编码有无法解码的字节")?;
    refuse_binary(&text)?;
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        bom: false,
    })
}

/// Refuses text holding binary control characters.
fn refuse_binary(text: &str) -> Result<(), ParseError> {
    // ASCII control bytes never occur inside a multi-byte UTF-8 sequence, so bytes suffice.
    let binary = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f;
    // A branch-free pass first (vectorised), the position only when there is something to report.
    let any_binary = text.bytes().fold(false, |found, b| found | binary(b));
    if let Some(offset) = any_binary.then(|| text.bytes().position(binary)).flatten() {
        return Err(ParseError::NotText {
            detail: format!("第 {offset} 字节处有二进制控制字符"),
        });
    }
    Ok(())
}

/// Decodes `bytes` as `encoding`, failing on the first malformed sequence.
fn strictly<'a>(
    encoding: &'static encoding_rs::Encoding,
    bytes: &'a [u8],
    problem: &str,
) -> Result<Cow<'a, str>, ParseError> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or_else(|| ParseError::NotText {
            detail: format!("{}：{problem}", encoding.name()),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "二、主动公开政府信息情况\n行政许可\t0\n";

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(SAMPLE.as_bytes()).unwrap();
        assert_eq!(
            (plain.text.as_ref(), plain.encoding, plain.bom),
            (SAMPLE, "UTF-8", false)
        );
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(SAMPLE.as_bytes());
        let decoded = decode(&with_bom).unwrap();
        assert_eq!((decoded.text.as_ref(), decoded.bom), (SAMPLE, true));
    }

    #[test]
    fn gbk_is_detected() {
        let text = SAMPLE.repeat(4);
        let (bytes, _, _) = encoding_rs::GBK.encode(&text);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, SAMPLE.repeat(4));
        assert!(
            decoded.encoding == "GBK" || decoded.encoding == "gb18030",
            "{}",
            decoded.encoding
        );
    }

    #[test]
    fn malformed_legacy_bytes_are_not_text() {
        // A UTF-16LE byte-order mark followed by an unpaired surrogate.
        let err = decode(b"\xff\xfe\x00\xd8").unwrap_err();
        assert!(matches!(err, ParseError::NotText { .. }), "{err}");
    }

    #[test]
    fn binary_is_not_text() {
        let err = decode(b"PK\x03\x04\x00\x00binary").unwrap_err();
        assert!(matches!(err, ParseError::NotText { .. }));
    }
}
