//! Every error's stable code and every ledger line's problem (docs/formats.md §3, §4, §5): the
//! names pages map to text in the member's language, each listed once with `ALL`.

/// A fieldless enum with its stable names and the list of every variant, from one list, so
/// that `ALL` cannot leave a name out.
macro_rules! named_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$doc:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$doc])* $variant,)* }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The stable name pages and files use.
            pub fn name(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }
        }
    };
}

named_enum! {
    /// The stable code of every error (docs/formats.md §4): what pages map to text.
    pub enum ErrorCode {
        InvalidDecimal = "invalid_decimal",
        AmountMustBePositive = "amount_must_be_positive",
        AmountTooLarge = "amount_too_large",
        AmountTooSmall = "amount_too_small",
        PayoutTooSmall = "payout_too_small",
        NegativeValue = "negative_value",
        TooManyDecimals = "too_many_decimals",
        PointsMustBePositive = "points_must_be_positive",
        InsufficientPoints = "insufficient_points",
        UnknownMember = "unknown_member",
        InvalidMemberId = "invalid_member_id",
        ReceivedAboveCap = "received_above_cap",
        InvalidConfig = "invalid_config",
        InvalidSnapshot = "invalid_snapshot",
        InvalidScenario = "invalid_scenario",
        InvalidLedger = "invalid_ledger",
        LimitExceeded = "limit_exceeded",
        ObjectFreed = "object_freed",
        ObjectFailed = "object_failed",
        ForeignObject = "foreign_object",
        EngineBusy = "engine_busy",
        /// A note or checkpoint does not follow C2SP signed-note / tlog-checkpoint syntax.
        LogMalformedNote = "log_malformed_note",
        /// A verifier key (`name+id+base64`) or a private key cannot be read, or its id is wrong.
        LogBadKey = "log_bad_key",
        /// The note carries no signature line from the expected key.
        LogWrongKey = "log_wrong_key",
        /// A signature line from the expected key does not verify.
        LogBadSignature = "log_bad_signature",
        /// The checkpoint (or an entry) names another log's origin.
        LogWrongOrigin = "log_wrong_origin",
        /// The checkpoint is smaller than one this client already saw: the log went back.
        LogRollback = "log_rollback",
        /// The checkpoint has the size of one already seen but another root: two histories.
        LogFork = "log_fork",
        /// A larger checkpoint does not extend the one already seen (its consistency proof fails).
        LogInconsistent = "log_inconsistent",
        /// Tiles or entries do not hash to the signed root (an inclusion proof fails).
        LogBadProof = "log_bad_proof",
        /// A tile or entry bundle the check needs was not given (or not found).
        LogMissingTile = "log_missing_tile",
        /// A tile or bundle has the wrong length or framing, or a path C2SP tlog-tiles does not allow.
        LogBadTile = "log_bad_tile",
        /// An entry does not follow docs/formats.md §6.
        LogBadEntry = "log_bad_entry",
        /// Rows are not in increasing `seq` order.
        LogOutOfOrder = "log_out_of_order",
        /// An entry's figures are not what the rules give: the replay disagrees.
        LogReplayMismatch = "log_replay_mismatch",
        /// Publishing: a ledger row that is already in the log was changed.
        LogPublishedRowChanged = "log_published_row_changed",
        /// Publishing: a row that is already in the log is missing from the ledger.
        LogPublishedRowMissing = "log_published_row_missing",
    }
}

named_enum! {
    /// What was wrong with a ledger or history line, beside the engine's own codes
    /// (docs/formats.md §3, §5).
    pub enum LedgerProblem {
        LineTooLong = "line_too_long",
        NotUtf8 = "not_utf8",
        NotText = "not_text",
        BadHeader = "bad_header",
        MissingFields = "missing_fields",
        TooManyFields = "too_many_fields",
        UnterminatedQuote = "unterminated_quote",
        NotAWholeNumber = "not_a_whole_number",
        SeqNotIncreasing = "seq_not_increasing",
        UnknownType = "unknown_type",
        NotARow = "not_a_row",
        MissingPrice = "missing_price",
        TooManyLines = "too_many_lines",
        Unreadable = "unreadable",
        /// A published `priceAfter` the rules do not give (the command line's audit reports it so).
        PriceMismatch = "price_mismatch",
    }
}
