//! The flat `facts` view of a report: one stable key per table cell (`fact-keys.md`).

use crate::cell::CellValue;
use crate::report::Report;
use crate::template::{self, TableId};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The value of one fact: a number, `null` for a blank or unknown cell, or the literal text of a
/// placeholder or of a number printed with its unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum FactValue {
    /// An integer.
    Integer(i64),
    /// A decimal amount.
    Decimal(f64),
    /// Text as printed (`"/"`, `"251000元"`).
    Text(String),
    /// Blank, or not determined by the reader.
    Null,
}

impl FactValue {
    /// The fact value of a cell.
    pub fn of(value: &CellValue) -> FactValue {
        match value {
            CellValue::Number { number } => match number.integer() {
                Some(int) => FactValue::Integer(int),
                None => FactValue::Decimal(number.as_f64()),
            },
            CellValue::Quantity { number, unit } => FactValue::Text(format!("{number}{unit}")),
            CellValue::Placeholder { text } | CellValue::Text { text } => FactValue::Text(text.clone()),
            CellValue::Blank | CellValue::Unresolved { .. } => FactValue::Null,
        }
    }

    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, FactValue::Null)
    }
}

/// Fact keys and values in template order.
pub type Facts = Vec<(String, FactValue)>;

/// Every cell of Tables 2, 3 and 4 of `report`, keyed as in `fact-keys.md`, in template order.
///
/// Keys come from the template version of the report; a report whose version is unknown has no
/// facts. A table missing from the report gives `null` for each of its keys.
pub fn facts(report: &Report) -> Facts {
    let Some(version) = report.metadata.template.version else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for id in [TableId::T2, TableId::T3, TableId::T4] {
        let spec = template::spec(id, version);
        let table = report.table(id);
        for row in spec.rows {
            let cells = table.and_then(|t| t.row(row.key)).map(|r| &r.cells);
            for (index, column) in row.columns.iter().enumerate() {
                let value = cells
                    .and_then(|cells| cells.get(index))
                    .map_or(FactValue::Null, |cell| FactValue::of(&cell.value));
                out.push((template::fact_key(id, row.key, column.key), value));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cell::Number;

    #[test]
    fn cell_values_map_to_fact_values() {
        let number = |s: &str| CellValue::Number {
            number: Number::parse(s).unwrap(),
        };
        assert_eq!(FactValue::of(&number("12")), FactValue::Integer(12));
        assert_eq!(FactValue::of(&number("-15")), FactValue::Integer(-15));
        assert_eq!(
            FactValue::of(&number("4166.241619")),
            FactValue::Decimal(4166.241619)
        );
        let amount = CellValue::Quantity {
            number: Number::parse("251000").unwrap(),
            unit: "元".into(),
        };
        assert_eq!(FactValue::of(&amount), FactValue::Text("251000元".into()));
        assert!(FactValue::of(&CellValue::Blank).is_null());
        let slash = CellValue::Placeholder { text: "/".into() };
        assert_eq!(FactValue::of(&slash), FactValue::Text("/".into()));
    }
}
