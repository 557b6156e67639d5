//! Values as printed in a table: numbers, numbers with their unit, placeholders; the fields of a
//! row whose cells are still separated (tabs, lines, `|`, grid cells); and the runs of value
//! characters of a row whose cell boundaries were lost.

use super::segment::Token;
use nianbao_model::{CellValue, Number};
use nianbao_normalize::visible_chars;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// One field of a row: a cell of a grid, or a stretch of text between separators.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    /// Where it is in the text the report's spans point into.
    pub(crate) range: Range<usize>,
    /// What it holds.
    pub(crate) value: FieldValue,
}

/// What a field holds.
#[derive(Debug, Clone)]
pub(crate) enum FieldValue {
    /// Nothing: an empty cell.
    Empty,
    /// A value.
    Value(CellValue),
    /// Words, not a value (its text is the field's range of the source).
    Text,
}

impl Field {
    /// The field of one grid cell at `range` of `source`.
    pub(crate) fn of_cell(source: &str, range: Range<usize>) -> Field {
        let text = source[range.clone()].trim();
        let value = if text.is_empty() {
            FieldValue::Empty
        } else {
            parse_value(text).map_or(FieldValue::Text, FieldValue::Value)
        };
        Field { range, value }
    }

    /// Whether the field holds a value.
    pub(crate) fn is_value(&self) -> bool {
        matches!(self.value, FieldValue::Value(_))
    }
}

/// Splits a source range into fields: lines, then tabs or `|` within a line. Empty fields at the
/// edges of a line are layout (merged cells, indentation) and dropped; a line holding only a tab
/// or `|` is one empty cell; an empty line separates rows and is no field.
pub(crate) fn delimited_fields(source: &str, range: Range<usize>) -> Vec<Field> {
    let mut fields = Vec::new();
    let mut offset = range.start;
    for line in source[range.clone()].split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let separator = if content.contains('|') { '|' } else { '\t' };
        if content.trim().is_empty() {
            if content.contains(separator) {
                fields.push(Field {
                    range: line_start..line_start,
                    value: FieldValue::Empty,
                });
            }
            continue;
        }
        // The line's fields with their offsets, without the empty ones at its edges.
        let leading = content.len()
            - content
                .trim_start_matches(|c: char| c == separator || c.is_whitespace())
                .len();
        let inner = content.trim_matches(|c: char| c == separator || c.is_whitespace());
        let mut part_start = line_start + leading;
        let parts = inner.split(separator).map(|part| {
            let start = part_start;
            part_start += part.len() + separator.len_utf8();
            (start, part)
        });
        for (start, part) in parts {
            let trimmed = part.trim();
            let start = start + (part.len() - part.trim_start().len());
            let end = start + trimmed.len();
            if trimmed.is_empty() {
                fields.push(Field {
                    range: start..start,
                    value: FieldValue::Empty,
                });
                continue;
            }
            match parse_value(trimmed) {
                Some(value) => fields.push(Field {
                    range: start..end,
                    value: FieldValue::Value(value),
                }),
                None => {
                    // Several numbers separated by spaces within one field.
                    let words: Vec<&str> = trimmed.split_whitespace().collect();
                    let values: Option<Vec<CellValue>> = words.iter().map(|w| parse_value(w)).collect();
                    match values {
                        Some(values) if words.len() > 1 => {
                            let mut at = start;
                            for (word, value) in words.iter().zip(values) {
                                let word_start = at + source[at..].find(word).unwrap_or(0);
                                at = word_start + word.len();
                                fields.push(Field {
                                    range: word_start..at,
                                    value: FieldValue::Value(value),
                                });
                            }
                        }
                        _ => fields.push(Field {
                            range: start..end,
                            value: FieldValue::Text,
                        }),
                    }
                }
            }
        }
    }
    fields
}

/// The slots of one line's stretch `range` separated by `separator`, every one kept: an empty
/// slot is an empty cell (`a\t\tb` has three, `a\t` two).
pub(crate) fn line_slots(source: &str, range: Range<usize>, separator: char) -> Vec<Field> {
    let mut at = range.start;
    source[range]
        .split(separator)
        .map(|part| {
            let start = at + (part.len() - part.trim_start().len());
            at += part.len() + separator.len_utf8();
            let trimmed = part.trim();
            let range = start..start + trimmed.len();
            let value = if trimmed.is_empty() {
                FieldValue::Empty
            } else {
                parse_value(trimmed).map_or(FieldValue::Text, FieldValue::Value)
            };
            Field { range, value }
        })
        .collect()
}

/// Placeholders printed instead of a value (spec §5.5).
const PLACEHOLDERS: &[&str] = &["/", "-", "—", "——", "--", "–", "―", "无"];

/// Parses one printed cell: a number, a number with its unit, or a placeholder. `None` for text.
pub(crate) fn parse_value(printed: &str) -> Option<CellValue> {
    let trimmed = printed.trim();
    let normal: std::borrow::Cow<str> = if trimmed.is_ascii() {
        trimmed.into()
    } else if trimmed != "无" && trimmed.contains(|c| nianbao_normalize::is_cjk(c) && c != '元' && c != '万')
    {
        // Labels and other words: no value holds an ideograph but its unit.
        return None;
    } else {
        trimmed.nfkc().collect::<String>().into()
    };
    let normal = normal.as_ref();
    if normal == "?" {
        // What nianbao's archive copies print for a cell it could not determine.
        return Some(CellValue::Unresolved {
            reason: format!("原件此处印着“{}”，数值未确定", printed.trim()),
        });
    }
    if PLACEHOLDERS.contains(&normal) {
        return Some(CellValue::Placeholder {
            text: printed.trim().to_owned(),
        });
    }
    if let Some(number) = Number::parse(normal) {
        return Some(CellValue::Number { number });
    }
    for unit in ["万元", "元"] {
        if let Some(number) = normal
            .strip_suffix(unit)
            .and_then(|n| Number::parse(n.trim_end()))
        {
            return Some(CellValue::Quantity {
                number,
                unit: unit.to_owned(),
            });
        }
    }
    None
}

/// The runs of value characters in a glued row: digits with signs, decimal points and a unit;
/// text in brackets is skipped, and the run ends at the first text after a value.
pub(crate) fn glued_tokens(source: &str, range: Range<usize>) -> Glued {
    let chars: Vec<(usize, char)> = visible_chars(&source[range.clone()])
        .map(|(offset, c)| (range.start + offset, ascii_form(c)))
        .collect();
    let mut tokens: Vec<Token> = Vec::new();
    let mut current = Token {
        chars: Vec::new(),
        offsets: Vec::new(),
    };
    let mut depth = 0usize;
    let mut dangling_sign = false;
    let mut digits_after_text = false;
    for (i, &(offset, c)) in chars.iter().enumerate() {
        let next = chars.get(i + 1).map(|&(_, c)| c);
        let next_is_digit = next.is_some_and(|c| c.is_ascii_digit());
        let last = current.chars.last().copied();
        let last_is_digit = last.is_some_and(|c| c.is_ascii_digit());
        match c {
            '(' | '（' => {
                depth += 1;
                continue;
            }
            ')' | '）' => {
                depth = depth.saturating_sub(1);
                continue;
            }
            _ if depth > 0 => continue,
            _ => {}
        }
        let joins = c.is_ascii_digit()
            || (matches!(c, '+' | '-') && next_is_digit)
            || (c == '.' && last_is_digit && next_is_digit)
            || (c == '元' && (last_is_digit || last == Some('万')))
            || (c == '万' && last_is_digit && next == Some('元'));
        if joins {
            current.chars.push(c);
            current.offsets.push(offset);
            continue;
        }
        // A sign after a number with no number after it: something was lost.
        dangling_sign |= matches!(c, '+' | '-') && last_is_digit;
        if !current.chars.is_empty() {
            tokens.push(std::mem::replace(
                &mut current,
                Token {
                    chars: Vec::new(),
                    offsets: Vec::new(),
                },
            ));
        }
        if !c.is_whitespace() && !tokens.is_empty() {
            // Text ends the row's values; a number after it in the row's range means a value
            // stands apart from the others, and the run cannot be trusted to hold them all.
            digits_after_text = chars[i..].iter().any(|(_, c)| c.is_ascii_digit());
            break;
        }
    }
    if !current.chars.is_empty() {
        tokens.push(current);
    }
    Glued {
        tokens,
        dangling_sign,
        digits_after_text,
    }
}

/// The value characters of a glued row.
#[derive(Debug)]
pub(crate) struct Glued {
    /// The runs, in order.
    pub(crate) tokens: Vec<Token>,
    /// Whether a sign follows a number with no number after it (`35-`): a value was lost.
    pub(crate) dangling_sign: bool,
    /// Whether digits follow text after the runs (`35|1-15`): values stand apart.
    pub(crate) digits_after_text: bool,
}

/// Full-width digits and signs as ASCII.
fn ascii_form(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '－' => '-',
        '＋' => '+',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_placeholders_and_units() {
        let number = |s: &str| {
            Some(CellValue::Number {
                number: Number::parse(s).unwrap(),
            })
        };
        assert_eq!(parse_value(" 0 "), number("0"));
        assert_eq!(parse_value("１２"), number("12"));
        assert_eq!(parse_value("+2"), number("+2"));
        assert_eq!(
            parse_value("／"),
            Some(CellValue::Placeholder { text: "／".into() })
        );
        assert_eq!(
            parse_value("—"),
            Some(CellValue::Placeholder { text: "—".into() })
        );
        assert_eq!(
            parse_value("251000元"),
            Some(CellValue::Quantity {
                number: Number::parse("251000").unwrap(),
                unit: "元".into()
            })
        );
        assert_eq!(parse_value("信息内容"), None);
        assert_eq!(parse_value("1,000"), None);
        // An archive copy's mark for a cell that was not determined stays undetermined.
        assert!(matches!(parse_value("？"), Some(CellValue::Unresolved { .. })));
        assert!(matches!(parse_value("?"), Some(CellValue::Unresolved { .. })));
    }

    #[test]
    fn delimited_fields_keep_interior_blanks() {
        let source = "\t\t0\t\t3\t\n\n\t提供\t";
        let fields = delimited_fields(source, 0..source.len());
        let kinds: Vec<&str> = fields
            .iter()
            .map(|f| match f.value {
                FieldValue::Empty => "empty",
                FieldValue::Value(_) => "value",
                FieldValue::Text => "text",
            })
            .collect();
        assert_eq!(kinds, ["value", "empty", "value", "text"]);
    }

    #[test]
    fn glued_tokens_stop_at_text_and_skip_brackets() {
        let source = "（单位：4）230 000023二、上年结转5";
        let tokens = glued_tokens(source, 0..source.len()).tokens;
        let texts: Vec<String> = tokens.iter().map(|t| t.chars.iter().collect()).collect();
        assert_eq!(texts, ["230", "000023"]);
        let source = "政府集中采购13575394432.52元三、";
        let tokens = glued_tokens(source, "政府集中采购".len()..source.len()).tokens;
        assert_eq!(tokens[0].chars.iter().collect::<String>(), "13575394432.52元");
        let source = "行政事业性收费35-第二十条";
        let glued = glued_tokens(source, "行政事业性收费".len()..source.len());
        assert!(glued.dangling_sign);
        assert!(!glued_tokens("35-15第", 0.."35-15第".len()).dangling_sign);
    }
}
