//! Automatic numbering: `numbering.xml`'s definitions, the numbering a paragraph style carries
//! (`styles.xml`, following `w:basedOn`), and the running counts that give each numbered
//! paragraph its number (`一、`, `（三）`, `1.`).

use super::{attribute, number_value, walk, Step};
use crate::error::ParseError;
use std::collections::HashMap;

/// One level of a numbering definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// `numbering.xml`: each numbering instance's levels.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    /// numId → (abstractNumId, start overrides by level).
    instances: HashMap<u32, (u32, HashMap<u32, u32>)>,
    /// abstractNumId → levels by ilvl.
    abstracts: HashMap<u32, HashMap<u32, Level>>,
}

impl Numbering {
    pub(super) fn parse(xml: &str) -> Result<Numbering, ParseError> {
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
pub(super) struct StyleNumbering {
    /// styleId → its entry.
    styles: HashMap<String, StyleEntry>,
}

impl StyleNumbering {
    pub(super) fn parse(xml: &str) -> Result<StyleNumbering, ParseError> {
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
    pub(super) fn numbering(&self, id: &str) -> Option<(u32, u32)> {
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
pub(super) struct Counters {
    counts: HashMap<u32, [u32; 9]>,
}

impl Counters {
    /// The number the next paragraph numbered `num_id` at `level` shows (`一、`, `（三）`).
    pub(super) fn next(&mut self, numbering: &Numbering, num_id: u32, level: u32) -> String {
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

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, as Word counts; from 100 on, digits.
fn chinese_counting(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n as usize].to_owned(),
        10..=19 => format!("十{}", if n > 10 { DIGITS[(n % 10) as usize] } else { "" }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[(n / 10) as usize],
            if !n.is_multiple_of(10) {
                DIGITS[(n % 10) as usize]
            } else {
                ""
            }
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
