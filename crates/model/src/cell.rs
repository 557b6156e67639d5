//! Table cells: what was printed, never collapsed.

use crate::span::Span;
use compact_str::CompactString;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A number exactly as printed: an optional sign, digits, and an optional decimal part
/// (`0`, `+2`, `-18`, `24252.311082`).
///
/// The printed form is kept so that nothing is lost in a round trip; [`Number::integer`] and
/// [`Number::as_f64`] give its value. Short forms (nearly all) are stored inline, without a heap
/// allocation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Number(CompactString);

/// The grammar of [`Number::parse`], for the JSON Schema.
pub const NUMBER_PATTERN: &str = r"^[+-]?[0-9]+(\.[0-9]+)?$";

impl JsonSchema for Number {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Number".into()
    }

    fn json_schema(_generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A number as printed: an optional sign, digits, an optional decimal part.",
            "type": "string",
            "pattern": NUMBER_PATTERN,
        })
    }
}

impl Number {
    /// Parses a printed number: `[+-]?digits(.digits)?`, ASCII only. Returns `None` for anything
    /// else (thousands separators, units and spaces are the reader's business).
    pub fn parse(printed: &str) -> Option<Number> {
        let unsigned = printed.strip_prefix(['+', '-']).unwrap_or(printed);
        let (int, frac) = match unsigned.split_once('.') {
            Some((int, frac)) => (int, Some(frac)),
            None => (unsigned, None),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if digits(int) && frac.is_none_or(digits) {
            Some(Number(CompactString::from(printed)))
        } else {
            None
        }
    }

    /// The text as printed.
    pub fn printed(&self) -> &str {
        &self.0
    }

    /// The value when the number is an integer that fits in `i64`.
    pub fn integer(&self) -> Option<i64> {
        if self.0.contains('.') {
            return None;
        }
        self.0.strip_prefix('+').unwrap_or(&self.0).parse().ok()
    }

    /// The value as a floating-point number (exact for every integer below 2⁵³).
    pub fn as_f64(&self) -> f64 {
        // Validated in `parse`, so this cannot fail; 0.0 keeps the signature total.
        self.0.parse().unwrap_or(0.0)
    }

    /// Whether the printed form carries an explicit sign or is negative.
    pub fn is_signed(&self) -> bool {
        self.0.starts_with(['+', '-'])
    }

    /// Number of digits after the decimal point.
    pub fn decimals(&self) -> usize {
        self.0.split_once('.').map_or(0, |(_, frac)| frac.len())
    }
}

impl TryFrom<String> for Number {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Number::parse(&value).ok_or_else(|| format!("not a number: {value:?}"))
    }
}

impl From<Number> for String {
    fn from(value: Number) -> Self {
        value.0.into_string()
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a table cell holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CellValue {
    /// A number, e.g. `12`, `-18` (2019 `本年增/减`) or `24252.311082` (an amount).
    Number {
        /// The number as printed.
        number: Number,
    },
    /// A number printed with its unit in the cell, e.g. `251000元`.
    Quantity {
        /// The number part.
        number: Number,
        /// The unit as printed (`元`, `万元`).
        unit: String,
    },
    /// The cell exists in the source and is empty.
    Blank,
    /// A placeholder instead of a value: `/`, `—`, `－`, `-`, `无`.
    Placeholder {
        /// The placeholder as printed.
        text: String,
    },
    /// Any other text found where a value belongs.
    Text {
        /// The text as printed.
        text: String,
    },
    /// The reader could not determine the value (the row was not found, or digits that ran
    /// together can be split in more than one valid way). A diagnostic says why.
    Unresolved {
        /// Why the value is unknown.
        reason: String,
    },
}

impl CellValue {
    /// The value as printed: the number, the number with its unit, the placeholder or the text;
    /// empty for a blank or unresolved cell.
    pub fn printed(&self) -> String {
        match self {
            CellValue::Number { number } => number.to_string(),
            CellValue::Quantity { number, unit } => format!("{number}{unit}"),
            CellValue::Placeholder { text } | CellValue::Text { text } => text.clone(),
            CellValue::Blank | CellValue::Unresolved { .. } => String::new(),
        }
    }

    /// The integer value of a [`CellValue::Number`] holding an integer.
    pub fn integer(&self) -> Option<i64> {
        match self {
            CellValue::Number { number } => number.integer(),
            _ => None,
        }
    }
}

/// One cell of a table: its value and where it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Cell {
    /// The value as printed.
    pub value: CellValue,
    /// Where the value was read; `None` for blank or unresolved cells that have no text.
    pub span: Option<Span>,
}

impl Cell {
    /// A cell whose value could not be determined.
    pub fn unresolved(reason: impl Into<String>) -> Cell {
        Cell {
            value: CellValue::Unresolved {
                reason: reason.into(),
            },
            span: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_printed_numbers() {
        assert_eq!(Number::parse("0").unwrap().integer(), Some(0));
        assert_eq!(Number::parse("+2").unwrap().integer(), Some(2));
        assert_eq!(Number::parse("-18").unwrap().integer(), Some(-18));
        let fee = Number::parse("24252.311082").unwrap();
        assert_eq!(fee.integer(), None);
        assert_eq!(fee.decimals(), 6);
        assert_eq!(fee.as_f64(), 24252.311082);
        for bad in ["", "-", "1.", ".5", "1,000", "12元", " 1", "1e3"] {
            assert!(Number::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn number_round_trips_through_serde() {
        let n = Number::parse("-15").unwrap();
        let json = serde_json::to_string(&n).unwrap();
        assert_eq!(json, "\"-15\"");
        assert_eq!(serde_json::from_str::<Number>(&json).unwrap(), n);
        assert!(serde_json::from_str::<Number>("\"x\"").is_err());
    }
}
