//! Log entries (docs/formats.md §6), written once by the publisher and hashed as received:
//!
//! - a **state** entry, first in the log and last in every checkpoint: the origin, the key in
//!   force, the last row's seq and the pool as a public snapshot (docs/formats.md §2);
//! - a **row** entry, one line: `row seq type value result burned priceAfter poolAfter
//!   supplyAfter tag` (`burned` is `-` unless the row is an exit);
//! - a **key** entry: a signed note, under the key in force, naming the next key.

use rust_decimal::Decimal;

use crate::decimal::{parse_plain, to_plain_string};
use crate::error::ErrorCode;
use crate::error::Result;
use crate::ledger::rows::RowKind;
use crate::tlog::code::refuse_entry;
use crate::tlog::tag::TAG_BYTES;

const STATE_HEADER: &str = "points-pool state v1\n";
const KEY_HEADER: &str = "points-pool key v1\n";

/// The pool at a point of the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateEntry<'a> {
    pub origin: &'a str,
    /// The key in force, as a verifier key.
    pub key: &'a str,
    /// The last row's seq; `None` before the first row.
    pub last_seq: Option<u64>,
    /// A public snapshot, JSON on one line.
    pub snapshot: &'a str,
}

/// One ledger row and the pool after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowEntry<'a> {
    pub seq: u64,
    pub kind: RowKind,
    /// The amount of a purchase, the points of a cash-out or redemption.
    pub value: Decimal,
    /// The points a purchase granted, or what a cash-out paid (goods value for a redemption).
    pub result: Decimal,
    /// At an exit, the points burned (all the member held); `None` (written `-`) otherwise,
    /// when a cash-out burns exactly the points it names and a purchase burns none.
    pub burned: Option<Decimal>,
    pub price_after: Decimal,
    pub pool_after: Decimal,
    pub supply_after: Decimal,
    pub tag: &'a str,
}

/// A key rotation: the whole signed note, and what it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyEntry<'a> {
    pub origin: &'a str,
    /// The entry's own index, so it cannot be replayed elsewhere in the log.
    pub index: u64,
    pub next_key: &'a str,
    pub note: &'a str,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry<'a> {
    State(StateEntry<'a>),
    Row(RowEntry<'a>),
    Key(KeyEntry<'a>),
}

/// Reads entry `index`; anything that is not one of the three forms is `log_bad_entry`.
pub fn parse(index: u64, bytes: &[u8]) -> Result<Entry<'_>> {
    let bad = |field: &str, why: &str| refuse_entry(ErrorCode::LogBadEntry, index, field, why.to_owned());
    let text = std::str::from_utf8(bytes).map_err(|_| bad("entry", "not UTF-8"))?;
    if let Some(row) = text.strip_prefix("row ") {
        return parse_row(index, row).map(Entry::Row);
    }
    if text.starts_with(STATE_HEADER) {
        return parse_state(index, bytes).map(Entry::State);
    }
    if let Some(rest) = text.strip_prefix(KEY_HEADER) {
        let body_end = rest.find("\n\n").ok_or_else(|| bad("entry", "a key entry is a signed note"))?;
        let [origin, entry, key] = fields(&rest[..body_end + 1], ["origin", "entry", "key"])
            .ok_or_else(|| bad("entry", "a key entry has origin, entry and key lines"))?;
        let entry = whole(entry).ok_or_else(|| bad("entry", "not a whole number"))?;
        return Ok(Entry::Key(KeyEntry { origin, index: entry, next_key: key, note: text }));
    }
    Err(bad("entry", "not a state, row or key entry"))
}

/// Reads entry `index` as a state entry, the only kind the member's check reads (so the
/// member's wasm carries no row reader).
pub fn parse_state(index: u64, bytes: &[u8]) -> Result<StateEntry<'_>> {
    let bad = |field: &str, why: &str| refuse_entry(ErrorCode::LogBadEntry, index, field, why.to_owned());
    let text = std::str::from_utf8(bytes).map_err(|_| bad("entry", "not UTF-8"))?;
    let rest =
        text.strip_prefix(STATE_HEADER).ok_or_else(|| bad("entry", "a checkpoint ends on a state entry"))?;
    let [origin, key, seq, snapshot] = fields(rest, ["origin", "key", "seq", "snapshot"])
        .ok_or_else(|| bad("entry", "a state entry has origin, key, seq and snapshot lines"))?;
    let last_seq = match seq {
        "none" => None,
        digits => Some(whole(digits).ok_or_else(|| bad("seq", "not a whole number"))?),
    };
    Ok(StateEntry { origin, key, last_seq, snapshot })
}

/// `name value` lines, exactly these names in this order, each ending in a newline.
fn fields<'a, const N: usize>(text: &'a str, names: [&str; N]) -> Option<[&'a str; N]> {
    let mut values = [""; N];
    let mut lines = text.strip_suffix('\n')?.split('\n');
    for (value, name) in values.iter_mut().zip(names) {
        *value = lines.next()?.strip_prefix(name)?.strip_prefix(' ')?;
        if value.is_empty() {
            return None;
        }
    }
    lines.next().is_none().then_some(values)
}

fn parse_row(index: u64, text: &str) -> Result<RowEntry<'_>> {
    let bad = |field: &str, why: &str| refuse_entry(ErrorCode::LogBadEntry, index, field, why.to_owned());
    let line = text.strip_suffix('\n').ok_or_else(|| bad("entry", "a row entry ends in a newline"))?;
    let parts: Vec<&str> = line.split(' ').collect();
    let [seq, kind, value, result, burned, price, pool, supply, tag] = parts[..] else {
        return Err(bad("entry", "a row entry has 9 fields after 'row'"));
    };
    // Written once, normalized (formats.md §6): `100.0` for 100 is another entry's bytes.
    let decimal = |field: &str, text: &str| {
        let value = parse_plain(text).map_err(|_| bad(field, "not a plain decimal"))?;
        if to_plain_string(value) != text {
            return Err(bad(field, "a decimal in an entry is written normalized"));
        }
        Ok(value)
    };
    let kind = match kind {
        "purchase" => RowKind::Purchase,
        "withdraw" => RowKind::Withdraw,
        "redeem" => RowKind::Redeem,
        _ => return Err(bad("type", "not purchase, withdraw or redeem")),
    };
    let tag_ok = tag.len() == TAG_BYTES * 2 && tag.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if !tag_ok {
        return Err(bad("tag", "a tag is 32 lowercase hex digits"));
    }
    Ok(RowEntry {
        seq: whole(seq).ok_or_else(|| bad("seq", "not a whole number"))?,
        kind,
        value: decimal("value", value)?,
        result: decimal("result", result)?,
        burned: if burned == "-" { None } else { Some(decimal("burned", burned)?) },
        price_after: decimal("priceAfter", price)?,
        pool_after: decimal("poolAfter", pool)?,
        supply_after: decimal("supplyAfter", supply)?,
        tag,
    })
}

/// Digits only, no leading zero unless it is "0".
fn whole(text: &str) -> Option<u64> {
    let plain = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    plain.then(|| text.parse().ok()).flatten()
}

/// The bytes of a state entry.
pub fn state_bytes(origin: &str, key: &str, last_seq: Option<u64>, snapshot_json: &str) -> Vec<u8> {
    let seq = last_seq.map_or_else(|| "none".to_owned(), |seq| seq.to_string());
    format!("{STATE_HEADER}origin {origin}\nkey {key}\nseq {seq}\nsnapshot {snapshot_json}\n").into_bytes()
}

/// The bytes of a row entry, every decimal normalized (docs/formats.md §1).
pub fn row_bytes(row: &RowEntry<'_>) -> Vec<u8> {
    let kind = match row.kind {
        RowKind::Purchase => "purchase",
        RowKind::Withdraw => "withdraw",
        RowKind::Redeem => "redeem",
    };
    let burned = row.burned.map_or_else(|| "-".to_owned(), to_plain_string);
    let mut line = format!(
        "row {} {kind} {} {} {burned}",
        row.seq,
        to_plain_string(row.value),
        to_plain_string(row.result)
    );
    for value in [row.price_after, row.pool_after, row.supply_after] {
        line.push(' ');
        line.push_str(&to_plain_string(value));
    }
    format!("{line} {}\n", row.tag).into_bytes()
}

/// The text a key entry's signature covers.
pub fn key_text(origin: &str, index: u64, next_key: &str) -> String {
    format!("{KEY_HEADER}origin {origin}\nentry {index}\nkey {next_key}\n")
}
