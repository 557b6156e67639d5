//! Normalisation for matching only: the text a report keeps is always the original.
//!
//! Used by the readers (to find headings and row labels) and by the rules (to find words in
//! section text), so that both see `開(kāi)` as `开` and `（一）` as `(一)`.
//!
//! [`Compact`] is a normalised, whitespace-free view of a range of the source with a map from
//! every byte of the view back to the source, so that a label found in the view can be pointed at
//! in the source. The pipeline (spec §8.1):
//!
//! 1. conversion residue such as `[bookmark: _GoBack]` and `[image: …]` is skipped;
//! 2. pinyin ruby after a character (`開(kāi)`) is skipped;
//! 3. NFKC (full-width brackets, digits and `．` become ASCII);
//! 4. traditional → simplified with the OpenCC character table carried by zhconv;
//! 5. whitespace and quotation marks are dropped, `，`/`,` become `、`, `其它` becomes `其他`.

use unicode_normalization::UnicodeNormalization;

/// A normalised view of part of the source.
#[derive(Debug, Default)]
pub struct Compact {
    text: String,
    /// For every byte of `text`, the source byte offset of the character it came from.
    origin: Vec<u32>,
}

impl Compact {
    /// Normalises `source[range]`.
    pub fn of(source: &str, range: std::ops::Range<usize>) -> Compact {
        Compact::of_ranges(source, std::iter::once(range))
    }

    /// Normalises the ranges of `source` one after another (ascending, not overlapping) into one
    /// view.
    pub fn of_ranges(source: &str, ranges: impl IntoIterator<Item = std::ops::Range<usize>>) -> Compact {
        let mut compact = Compact::default();
        let simplified = simplified_table();
        for range in ranges {
            compact.text.reserve(range.len());
            compact.origin.reserve(range.len());
            for (line_offset, line) in split_lines_inclusive(&source[range.clone()]) {
                let base = range.start + line_offset;
                for (offset, c) in visible_chars(line) {
                    let origin = (base + offset) as u32;
                    match nfkc_fast(c) {
                        Some(c) => compact.push(simplified.of(c), origin),
                        None => {
                            for n in std::iter::once(c).nfkc() {
                                compact.push(simplified.of(n), origin);
                            }
                        }
                    }
                }
            }
        }
        compact
    }

    /// The first byte of the normalised text that comes from `source_offset` or later.
    pub fn position_of(&self, source_offset: usize) -> usize {
        self.origin.partition_point(|&o| (o as usize) < source_offset)
    }

    /// Normalises a standalone string (a label, or a section's text for word search), without
    /// keeping the map back to the source.
    pub fn label(text: &str) -> String {
        let table = simplified_table();
        let mut out = String::with_capacity(text.len());
        // Runs of characters that normalisation leaves alone are copied whole.
        let mut run_start = 0;
        let mut skip_until = 0;
        let mut previous_visible: Option<char> = None;
        for (i, c) in text.char_indices() {
            if i < skip_until {
                continue;
            }
            let unchanged =
                (c.is_ascii_alphanumeric() || (is_cjk(c) && c != '它' && !table.listed(c))) && c != '(';
            if unchanged {
                previous_visible = Some(c);
                continue;
            }
            out.push_str(&text[run_start.max(skip_until)..i]);
            run_start = i + c.len_utf8();
            let skipped = match c {
                '[' => residue_len(&text[i..]),
                '(' | '（' if previous_visible.is_some_and(is_cjk) => ruby_len(&text[i..]),
                _ => None,
            };
            if let Some(len) = skipped {
                skip_until = i + len;
                run_start = skip_until;
                continue;
            }
            previous_visible = Some(c);
            match nfkc_fast(c) {
                Some(n) => push_matching(&mut out, table.of(n)),
                None => std::iter::once(c)
                    .nfkc()
                    .for_each(|n| push_matching(&mut out, table.of(n))),
            }
        }
        out.push_str(&text[run_start.max(skip_until).min(text.len())..]);
        out
    }

    /// The normalised text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The source byte offset of the character at `byte` of the normalised text; `byte` equal to
    /// the text's length maps to `None`.
    pub fn origin(&self, byte: usize) -> Option<usize> {
        self.origin.get(byte).map(|&o| o as usize)
    }

    /// Whether the normalised text contains `needle`.
    pub fn contains(&self, needle: &str) -> bool {
        self.text.contains(needle)
    }

    /// Source byte range covered by the normalised bytes `start..end` (`end > start`), including
    /// pinyin ruby that annotates its last character.
    pub fn source_range(&self, source: &str, start: usize, end: usize) -> std::ops::Range<usize> {
        let first = self.origin[start] as usize;
        let last = self.origin[end - 1] as usize;
        let last_char = source[last..].chars().next();
        let mut end = last + last_char.map_or(0, char::len_utf8);
        if last_char.is_some_and(is_cjk) {
            while let Some(len) = ruby_len(&source[end..]) {
                end += len;
            }
        }
        first..end
    }

    /// Finds `needle` (already normalised) at or after byte `from`.
    pub fn find(&self, needle: &str, from: usize) -> Option<usize> {
        self.find_within(needle, from, self.text.len())
    }

    /// Finds `needle` (already normalised) within bytes `from..until`.
    pub fn find_within(&self, needle: &str, from: usize, until: usize) -> Option<usize> {
        self.text.get(from..until)?.find(needle).map(|i| i + from)
    }

    #[inline]
    fn push(&mut self, c: char, origin: u32) {
        let before = self.text.len();
        push_matching(&mut self.text, c);
        let added = self.text.len() - before;
        self.origin.extend_from_slice(&[origin; 4][..added]);
    }
}

/// Appends `c` to `text` as matching sees it: whitespace and quotation marks dropped, `，`/`,` as
/// `、`, `其它` as `其他`.
#[inline]
fn push_matching(text: &mut String, c: char) {
    let c = match c {
        // Above U+3000 (which NFKC has already made a space) nothing is whitespace.
        c if c < '\u{3001}' && c.is_whitespace() => return,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』' => return,
        ',' | '，' => '、',
        '它' if text.ends_with('其') => '他',
        c => c,
    };
    text.push(c);
}

/// Traditional → simplified, character by character, from the OpenCC character table that
/// zhconv carries (3,203 one-to-one entries). Matching compares fixed template labels, for which
/// the character table gives the same result as phrase conversion, at a fraction of the cost of
/// running the phrase automaton over every line.
struct SimplifiedTable {
    /// One bit per Basic Multilingual Plane code point that has an entry.
    bmp: Vec<u64>,
    /// The entries.
    map: std::collections::HashMap<char, char>,
}

impl SimplifiedTable {
    /// Whether `c` may have a simplified form other than itself.
    #[inline]
    fn listed(&self, c: char) -> bool {
        let code = c as usize;
        match self.bmp.get(code / 64) {
            Some(word) => word & (1 << (code % 64)) != 0,
            None => true,
        }
    }

    /// The simplified form of `c` (itself when it has none).
    #[inline]
    fn of(&self, c: char) -> char {
        if self.listed(c) {
            self.map.get(&c).copied().unwrap_or(c)
        } else {
            c
        }
    }
}

fn simplified_table() -> &'static SimplifiedTable {
    static CELL: std::sync::OnceLock<SimplifiedTable> = std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        let mut bmp = vec![0u64; 1024];
        let mut map = std::collections::HashMap::new();
        for (from, to) in zhconv::tables::expand_table(zhconv::tables::ZH_HANS_TABLE) {
            let mut from_chars = from.chars();
            let mut to_chars = to.chars();
            if let (Some(f), None, Some(t), None) = (
                from_chars.next(),
                from_chars.next(),
                to_chars.next(),
                to_chars.next(),
            ) {
                if f != t {
                    map.insert(f, t);
                    if let Some(word) = bmp.get_mut(f as usize / 64) {
                        *word |= 1 << (f as usize % 64);
                    }
                }
            }
        }
        SimplifiedTable { bmp, map }
    })
}

/// Splits text into lines, each with its byte offset, keeping the terminators.
fn split_lines_inclusive(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |offset, line| {
        let start = *offset;
        *offset += line.len();
        Some((start, line))
    })
}

/// NFKC of the characters that make up nearly all of a report, without the general algorithm:
/// ASCII, CJK ideographs and CJK punctuation are unchanged; full-width ASCII forms and the
/// ideographic space map to ASCII. `None` for anything else.
fn nfkc_fast(c: char) -> Option<char> {
    match c {
        c if c.is_ascii() => Some(c),
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{3001}'..='\u{303F}' => Some(c),
        '\u{3000}' => Some(' '),
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        _ => None,
    }
}

/// The characters of `line` with their byte offsets, minus conversion residue and pinyin ruby.
pub fn visible_chars(line: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut skip_until = 0;
    let mut previous_visible: Option<char> = None;
    line.char_indices().filter(move |&(offset, c)| {
        if offset < skip_until {
            return false;
        }
        if c == '[' {
            if let Some(len) = residue_len(&line[offset..]) {
                skip_until = offset + len;
                return false;
            }
        }
        if (c == '(' || c == '（') && previous_visible.is_some_and(is_cjk) {
            if let Some(len) = ruby_len(&line[offset..]) {
                skip_until = offset + len;
                return false;
            }
        }
        previous_visible = Some(c);
        true
    })
}

/// Length of a `[bookmark: …]` / `[image: …]` marker at the start of `text`.
pub fn residue_len(text: &str) -> Option<usize> {
    let rest = text
        .strip_prefix("[bookmark:")
        .or_else(|| text.strip_prefix("[image:"))?;
    let close = rest.find(']')?;
    Some(text.len() - rest.len() + close + 1)
}

/// Length of a pinyin annotation `(kāi)` at the start of `text`: one to six lowercase Latin
/// letters (tone marks allowed) with at least one vowel, in ASCII or full-width brackets.
fn ruby_len(text: &str) -> Option<usize> {
    let mut vowel = false;
    for (letters, (offset, c)) in text.char_indices().skip(1).enumerate() {
        if c == ')' || c == '）' {
            return (letters > 0 && vowel).then_some(offset + c.len_utf8());
        }
        let (is_letter, is_vowel) = pinyin_letter(c);
        if !is_letter || letters == 6 {
            return None;
        }
        vowel |= is_vowel;
    }
    None
}

fn pinyin_letter(c: char) -> (bool, bool) {
    const VOWELS: &str = "aeiouvüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";
    if VOWELS.contains(c) {
        (true, true)
    } else {
        (
            c.is_ascii_lowercase() || matches!(c, 'ń' | 'ň' | 'ǹ' | 'ḿ'),
            false,
        )
    }
}

/// The number of CJK ideographs in `text` (as [`is_cjk`] defines them), counted from the UTF-8
/// bytes without decoding: every ideograph is a three-byte sequence in U+3400–U+9FFF or
/// U+F900–U+FAFF, or a four-byte one in U+20000–U+2FFFF.
pub fn count_cjk(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    for (i, &lead) in bytes.iter().enumerate() {
        let second = bytes.get(i + 1).copied().unwrap_or(0);
        count += usize::from(match lead {
            // U+3400–U+3FFF
            0xE3 => second >= 0x90,
            // U+4000–U+4FFF but the hexagrams at U+4DC0–U+4DFF
            0xE4 => second != 0xB7,
            // U+5000–U+9FFF
            0xE5..=0xE9 => true,
            // U+F900–U+FAFF
            0xEF => (0xA4..=0xAB).contains(&second),
            // U+20000–U+2FFFF
            0xF0 => (0xA0..=0xAF).contains(&second),
            _ => false,
        });
    }
    count
}

/// Whether `c` is a CJK ideograph.
pub fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || ('\u{3400}'..='\u{4DBF}').contains(&c)
        || ('\u{F900}'..='\u{FAFF}').contains(&c)
        || ('\u{20000}'..='\u{2FFFF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_pinyin_ruby_and_converts_to_simplified() {
        assert_eq!(
            Compact::label("二、主動(dòng)公開(kāi)政府信息情況"),
            "二、主动公开政府信息情况"
        );
        assert_eq!(Compact::label("文(wen)章(zhang)公(gong)(gong)"), "文章公");
        // Not ruby: Chinese inside brackets, letters without a vowel, Latin before the bracket.
        assert_eq!(Compact::label("(一)予以公开"), "(一)予以公开");
        assert_eq!(Compact::label("网站(www)"), "网站(www)");
        assert_eq!(Compact::label("abc(de)"), "abc(de)");
    }

    #[test]
    fn unifies_width_space_quotes_and_punctuation() {
        assert_eq!(
            Compact::label("（二） 部分公开（区分处理的，只计这一情形）"),
            "(二)部分公开(区分处理的、只计这一情形)"
        );
        assert_eq!(Compact::label("3．危及“三安全一稳定”"), "3.危及三安全一稳定");
        assert_eq!(Compact::label("其它需要报告的事项"), "其他需要报告的事项");
        assert_eq!(Compact::label("结果 纠正\n"), "结果纠正");
    }

    #[test]
    fn character_table_agrees_with_phrase_conversion_on_labels() {
        for label in [
            "總體情況",
            "規範性文件",
            "本機關不掌握相關政府信息",
            "復議",
            "處理決定數量",
            "屬於國家秘密",
        ] {
            let by_char: String = label.chars().map(|c| simplified_table().of(c)).collect();
            assert_eq!(by_char, zhconv::zhconv(label, zhconv::Variant::ZhHans), "{label}");
        }
    }

    #[test]
    fn fast_nfkc_agrees_with_nfkc() {
        for c in [
            'a', '（', '，', '：', '０', '．', '　', '、', '。', '《', '政', '〔',
        ] {
            let expected: String = std::iter::once(c).nfkc().collect();
            assert_eq!(nfkc_fast(c).map(String::from), Some(expected), "{c}");
        }
        assert_eq!(nfkc_fast('㈠'), None);
        assert_eq!(Compact::label("㈠"), "(一)");
    }

    #[test]
    fn skips_conversion_residue() {
        assert_eq!(Compact::label("[bookmark: _GoBack]六、其他"), "六、其他");
        assert_eq!(Compact::label("[image: 1643334631(1)]平台"), "平台");
    }

    #[test]
    fn byte_count_of_ideographs_agrees_with_is_cjk() {
        let samples = [
            "天池镇 2022 年，（一）主动公开。",
            "㐀䶿䷀䷿一鿿豈﫿𠀀𯿿 ABC",
            "開(kāi)展「工作」",
        ];
        for text in samples {
            assert_eq!(
                count_cjk(text),
                text.chars().filter(|&c| is_cjk(c)).count(),
                "{text}"
            );
        }
        let all: String = ('\u{3300}'..='\u{FFFF}')
            .chain('\u{1F000}'..='\u{30000}')
            .collect();
        assert_eq!(count_cjk(&all), all.chars().filter(|&c| is_cjk(c)).count());
    }

    #[test]
    fn label_agrees_with_the_mapped_view() {
        for text in [
            "二、主動(dòng)公開(kāi)\t政府信息情況",
            "（一） 予以公开，其它“三安全”\n[image: x]尾",
            "㈠ 0１",
            "公(gong)(gong)开[bookmark: _GoBack]其它 abc(de) 網站(www)",
            "[image: unterminated",
            "結(jié)",
        ] {
            assert_eq!(
                Compact::label(text),
                Compact::of(text, 0..text.len()).text,
                "{text}"
            );
        }
    }

    #[test]
    fn maps_back_to_the_source() {
        let source = "甲\t開(kāi)　項(xiàng)\n";
        let compact = Compact::of(source, 0..source.len());
        assert_eq!(compact.text(), "甲开项");
        let start = compact.find("开项", 0).unwrap();
        let range = compact.source_range(source, start, start + "开项".len());
        assert_eq!(&source[range], "開(kāi)　項(xiàng)");
    }
}
