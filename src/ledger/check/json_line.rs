//! A member's history line as JSON Lines (docs/formats.md §5): an object whose keys are the
//! columns, in English or as a Chinese header names them, each value a string or a JSON number.
//! A number is read as the decimal it spells, never through a float.

use crate::error::LedgerProblem;
use crate::ledger::rows::RowError;

/// The columns a JSON line may hold (any other key is refused).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct JsonLine {
    #[serde(rename = "type", alias = "kind", alias = "类型", alias = "类别", alias = "交易类型")]
    pub kind: Option<String>,
    #[serde(alias = "amount", alias = "points", alias = "金额", alias = "积分", alias = "数量")]
    pub value: Option<String>,
    #[serde(alias = "价格", alias = "积分价格", alias = "单价", alias = "公布价格")]
    pub price: Option<String>,
    #[serde(
        alias = "结果",
        alias = "到账",
        alias = "所得",
        alias = "获得积分",
        alias = "到账积分",
        alias = "到账金额"
    )]
    pub result: Option<String>,
    #[serde(
        alias = "date",
        alias = "time",
        alias = "order",
        alias = "备注",
        alias = "日期",
        alias = "时间",
        alias = "订单号"
    )]
    pub note: Option<String>,
    #[serde(alias = "序号")]
    pub seq: Option<String>,
}

/// `line` read as a JSON line, or why not (`not_a_row`).
pub(super) fn read_json_line(line: &str) -> std::result::Result<JsonLine, RowError> {
    serde_json::from_str(&quote_numbers(line)).map_err(|error| {
        let reason = crate::error::shorten_quotes(&format!("not a history line: {error}"));
        RowError::new(None, LedgerProblem::NotARow, reason)
    })
}

/// `line` with every bare JSON number in quotes (`100` → `"100"`), so that a number is read as
/// the decimal it spells and never through a float; `1e5` is then refused as a decimal would be.
fn quote_numbers(line: &str) -> String {
    let bytes = line.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() + 16);
    let (mut in_string, mut escaped, mut at) = (false, false, 0);
    while at < bytes.len() {
        let byte = bytes[at];
        if in_string {
            (escaped, in_string) = (!escaped && byte == b'\\', escaped || byte != b'"');
        } else if byte == b'"' {
            in_string = true;
        } else if byte == b'-' || byte.is_ascii_digit() {
            let end = bytes[at..]
                .iter()
                .position(|b| !(b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E')))
                .map_or(bytes.len(), |length| at + length);
            out.push(b'"');
            out.extend_from_slice(&bytes[at..end]);
            out.push(b'"');
            at = end;
            continue;
        }
        out.push(byte);
        at += 1;
    }
    // Quotes went in beside ASCII bytes only: the text is as valid UTF-8 as the line was.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_json_are_quoted_not_floated() {
        assert_eq!(
            quote_numbers(r#"{"value":100,"price":1.4285714285714285714285714286}"#),
            r#"{"value":"100","price":"1.4285714285714285714285714286"}"#
        );
        assert_eq!(
            quote_numbers(r#"{"note":"订单 12, \"7\"","v":-1e5}"#),
            r#"{"note":"订单 12, \"7\"","v":"-1e5"}"#
        );
    }
}
