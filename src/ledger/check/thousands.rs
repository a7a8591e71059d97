//! Numbers written with thousands separators in a comma-separated line (`¥1,299.00` unquoted
//! arrives as two fields): which pieces are one number, joined back for the friendly reader.

use crate::error::LedgerProblem;
use crate::ledger::rows::RowError;

/// `text` without a currency sign it starts with, and whether it had one.
fn strip_currency(text: &str) -> (bool, &str) {
    ["¥", "￥", "RMB", "CNY"]
        .iter()
        .find(|sign| text.get(..sign.len()).is_some_and(|head| head.eq_ignore_ascii_case(sign)))
        .map_or((false, text), |sign| (true, &text[sign.len()..]))
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit())
}

/// The first piece of a number split at its thousands separators (`¥1`, `-12`): whether a
/// currency sign stands before it.
fn head_piece(text: &str) -> Option<bool> {
    let text = text.trim();
    let (currency, digits) = strip_currency(text.strip_prefix('-').unwrap_or(text));
    ((1..=3).contains(&digits.len()) && all_digits(digits)).then_some(currency)
}

/// A later piece (`299`, `299.00`, `299元`): whether it ends the number (decimals or 元 after it).
fn group_piece(text: &str) -> Option<bool> {
    let text = text.trim();
    let number = text.trim_end_matches(['元', '块']);
    let (group, decimals) = number.split_once('.').map_or((number, None), |(g, d)| (g, Some(d)));
    let ends = decimals.is_some() || number.len() != text.len();
    (group.len() == 3 && all_digits(group) && decimals.is_none_or(all_digits)).then_some(ends)
}

/// A field that is only a number (`52.73`, `584`): a note like that could be a figure moved over.
fn plain_number(text: &str) -> bool {
    let text = text.trim();
    let (whole, decimals) = text.split_once('.').unwrap_or((text, "0"));
    all_digits(whole) && all_digits(decimals)
}

/// At a comma delimiter an unquoted `¥1,299.00` arrives as `¥1` and `299.00`: joins back the
/// pieces of numbers written with thousands separators, for the friendly reader to read whole.
/// A run that can only be a number (a currency sign before it) is always joined; a bare one
/// (`1`, `299.00`: a price of 1 beside a result of 299.00 reads the same) only when the line has
/// more fields than `columns` and it is the one such run; a line that reads both ways (a full line
/// whose last field is a number) and any other is refused saying why.
pub(super) fn join_thousands(
    fields: Vec<String>,
    columns: usize,
    last_is_note: bool,
) -> std::result::Result<Vec<String>, RowError> {
    // Runs of pieces: (first, past the last, sure to be a number).
    let mut runs = Vec::new();
    let mut at = 0;
    while at < fields.len() {
        let Some(currency) = head_piece(&fields[at]) else {
            at += 1;
            continue;
        };
        let (mut end, sure) = (at + 1, currency);
        while let Some(ends) = fields.get(end).and_then(|field| group_piece(field)) {
            end += 1;
            if ends {
                break;
            }
        }
        if end > at + 1 {
            runs.push((at, end, sure));
        }
        at = end;
    }
    let shrink = |run: &(usize, usize, bool)| run.1 - run.0 - 1;
    let sure: Vec<_> = runs.iter().filter(|run| run.2).copied().collect();
    let bare: Vec<_> = runs.iter().filter(|run| !run.2).copied().collect();
    let after_sure = fields.len() - sure.iter().map(shrink).sum::<usize>();
    let mut joined_runs = sure;
    let numeric_note = last_is_note && fields.last().is_some_and(|last| plain_number(last));
    if after_sure == columns && !bare.is_empty() && numeric_note {
        // `消费,1,299.00,5.17,52.73` is a price of 299.00 with a note 52.73, or ¥1,299.00 with
        // no note: both read whole, so neither is guessed.
        let reason = "a number with thousands separators must be quoted (\"1,299.00\") or written without them: this line reads two ways";
        return Err(RowError::new(None, LedgerProblem::TooManyFields, reason));
    }
    if after_sure > columns {
        match bare.as_slice() {
            [one] if after_sure - shrink(one) <= columns => joined_runs.push(*one),
            [] => {}
            _ => {
                let reason = "a number with thousands separators must be quoted (\"1,299.00\") or written without them";
                return Err(RowError::new(None, LedgerProblem::TooManyFields, reason));
            }
        }
    }
    if joined_runs.is_empty() {
        return Ok(fields);
    }
    joined_runs.sort_unstable();
    let mut out = Vec::with_capacity(fields.len());
    let mut runs = joined_runs.into_iter().peekable();
    let mut pieces = fields.into_iter().enumerate().peekable();
    while let Some((index, field)) = pieces.next() {
        match runs.peek() {
            Some(&(first, end, _)) if first == index => {
                runs.next();
                let mut number = field;
                while let Some((_, next)) = pieces.next_if(|(at, _)| *at < end) {
                    number.push(',');
                    number.push_str(&next);
                }
                out.push(number);
            }
            _ => out.push(field),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(fields: &[&str]) -> Vec<String> {
        fields.iter().map(|field| (*field).to_owned()).collect()
    }

    #[test]
    fn thousands_are_joined_where_only_a_number_fits() {
        let join =
            |fields: &[&str], columns| join_thousands(strings(fields), columns, true).map_err(|e| e.problem);
        assert_eq!(
            join(&["消费", "¥1", "299.00", "1.5", "584"], 5),
            Ok(strings(&["消费", "¥1,299.00", "1.5", "584"]))
        );
        assert_eq!(
            join(&["消费", "¥12", "345", "678元", "1", "2"], 5),
            Ok(strings(&["消费", "¥12,345,678元", "1", "2"]))
        );
        // A price of 1 beside a result of 299.00 reads the same as 1,299.00 when the last field
        // (the note) is a number too: neither reading is guessed.
        let two_ways = Err(crate::error::Problem::Ledger(LedgerProblem::TooManyFields));
        assert_eq!(join(&["消费", "1", "299.00", "1.5", "584"], 5), two_ways);
        assert_eq!(join(&["消费", "1", "299.00", "5.17", "52.73"], 5), two_ways);
        assert_eq!(join(&["消费", "100", "1", "200", "21"], 5), two_ways);
        // With a note that is no number, or no note, one reading only: the fields as written.
        assert_eq!(
            join(&["消费", "1", "299.00", "1.5", "订单 584"], 5),
            Ok(strings(&["消费", "1", "299.00", "1.5", "订单 584"]))
        );
        assert_eq!(join(&["消费", "100", "1", "200"], 5), Ok(strings(&["消费", "100", "1", "200"])));
        // A header whose last column is no note (a seq): the line reads one way.
        assert_eq!(
            join_thousands(strings(&["消费", "1", "299.00", "1.5", "584"]), 5, false).map_err(|e| e.problem),
            Ok(strings(&["消费", "1", "299.00", "1.5", "584"]))
        );
        // Bare: joined only when the line has too many fields, and only one run can be the number.
        assert_eq!(
            join(&["消费", "1", "299", "1.5", "584", "x"], 5),
            Ok(strings(&["消费", "1,299", "1.5", "584", "x"]))
        );
        assert!(join(&["消费", "1", "299", "2", "584", "x", "y"], 5).is_err());
    }
}
