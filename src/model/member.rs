//! Members: their accounts, their ids, and how a position is seen at today's price.

use rust_decimal::Decimal;

use crate::error::{PoolError, Result};
use crate::limits::MAX_MEMBER_ID_CHARS;

/// One member's account.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Member {
    pub points: Decimal,
    /// Sum of purchase amounts, CNY.
    pub spent: Decimal,
    /// Sum of cash payouts and goods value, CNY.
    pub received: Decimal,
    /// Set by the exit cap, cleared by the next purchase.
    pub exited: bool,
}

/// A member's position, valued at the current price.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberView {
    pub points: Decimal,
    pub spent: Decimal,
    pub received: Decimal,
    /// `points × price`.
    pub value: Decimal,
    /// What cashing out every point now would pay, after the cut and the cap.
    pub cash_out_value: Decimal,
    /// What the member may still receive before the cap; `None` without a cap or when
    /// spending is unknown.
    pub cap_left: Option<Decimal>,
    pub exited: bool,
    /// Of cashing out every point now: what the payout rate keeps in the pool.
    pub cut_now: Decimal,
    /// Of cashing out every point now: what the cap takes (zero below the cap).
    pub forfeited_now: Decimal,
    /// Where the member stands against what they spent, counting what they received.
    pub break_even: BreakEven,
    /// Where the member stands against the exit cap.
    pub cap: CapStatus,
}

/// Break-even: received plus a cash-out of every point against spending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BreakEven {
    /// Spending was not given.
    Unknown,
    /// What was received already covers what was spent.
    Received,
    /// Cashing out every point now covers the rest.
    CashOutNow,
    /// The price must rise this many times (more than 1) for a cash-out to cover the rest.
    Rise(Decimal),
    /// No rise of the price can: no points are held (or the cap is below the rest).
    Never,
}

/// The exit cap as it stands for this member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapStatus {
    /// The pool has no cap.
    NoCap,
    /// The pool has a cap, but spending was not given.
    Unknown,
    /// Cashing out every point now reaches the cap (or nothing is left of it): the member
    /// would exit, forfeiting what lies above it.
    AtCap,
    /// The price must rise this many times (more than 1) for a cash-out to reach the cap.
    Rise(Decimal),
    /// No points are held, so no rise reaches the cap.
    Never,
}

impl BreakEven {
    pub fn multiple(self) -> Option<Decimal> {
        match self {
            BreakEven::Rise(multiple) => Some(multiple),
            _ => None,
        }
    }
}

impl CapStatus {
    pub fn multiple(self) -> Option<Decimal> {
        match self {
            CapStatus::Rise(multiple) => Some(multiple),
            _ => None,
        }
    }
}

/// Member ids: 1 to 64 characters, none of them a control character, nor one that is invisible
/// or turns the direction of the text (`hidden`): an id must read as what it is, so that two ids
/// that look the same are the same.
pub fn validate_member_id(member_id: &str) -> Result<()> {
    // By bytes, as it runs for every ledger row: a character starts at every byte that is
    // not a UTF-8 continuation byte, and the control characters (`char::is_control`,
    // U+0000–U+001F and U+007F–U+009F) are the bytes below 0x20, 0x7F, and 0xC2 followed
    // by 0x80–0x9F.
    let bytes = member_id.as_bytes();
    let (mut count, mut index, mut ascii) = (0, 0, true);
    while index < bytes.len() {
        let byte = bytes[index];
        count += usize::from(byte & 0xC0 != 0x80);
        ascii &= byte < 0x80;
        let c1 = byte == 0xC2 && matches!(bytes.get(index + 1), Some(0x80..=0x9F));
        if count > MAX_MEMBER_ID_CHARS || byte < 0x20 || byte == 0x7F || c1 {
            return Err(PoolError::InvalidMemberId);
        }
        index += 1;
    }
    if count == 0 || (!ascii && member_id.chars().any(hidden)) {
        return Err(PoolError::InvalidMemberId);
    }
    Ok(())
}

/// Unicode's bidirectional controls and invisible format characters (general category Cf:
/// zero-width spaces and joiners, the soft hyphen, the word joiner and invisible operators, the
/// byte-order mark, tags): an id holding one can pass for another id, or show its characters in
/// another order. (Variation selectors, which emoji use, are not among them.)
pub fn hidden(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}'
        | '\u{E0001}' | '\u{E0020}'..='\u{E007F}')
}
