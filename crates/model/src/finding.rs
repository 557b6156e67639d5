//! Findings: what the rules say about a report.

use crate::document::Severity;
use crate::span::Span;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One thing a rule found: an arithmetic error, a missing section, a cell it could not assess.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    /// The rule's code (`T3-002`).
    pub rule: String,
    /// The rule's kebab-case name, naming the defect (`outcome-total-mismatch`).
    pub name: String,
    /// How serious it is.
    pub severity: Severity,
    /// Whether the rule failed, or could not decide because cells are blank.
    pub status: Status,
    /// What is wrong, in Chinese, with the numbers (`自然人列：…相差 6`).
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// The fact keys of the cells involved; the first is the one to look at.
    pub cells: Vec<String>,
    /// Where in the source; the first is the primary place.
    pub spans: Vec<Span>,
}

/// The outcome a finding records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The check failed on the values as printed.
    Failed,
    /// The check fails only because blank or placeholder cells are counted as 0: the report is
    /// incomplete rather than wrong (spec §5.5).
    Incomplete,
    /// Worth knowing; nothing failed.
    Note,
}
