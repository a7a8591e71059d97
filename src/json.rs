//! A small strict JSON reader for configs, snapshots, scenarios and ledger rows.
//! Numbers are kept as their text, so nothing is read through a float and no float
//! code is linked into the wasm; objects keep their order and refuse duplicate keys;
//! nesting is limited so hostile input cannot exhaust the stack.

use std::fmt::Write;

/// A parsed JSON value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The number as written (valid JSON number syntax).
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Object),
}

/// A JSON object: its members in the order written, keys unique.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Object(Vec<(String, Json)>);

impl Object {
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Json)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The object with `key` set to `value` (replacing it, or added at the end).
    pub fn with(mut self, key: &str, value: Json) -> Object {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, slot)) => *slot = value,
            None => self.0.push((key.to_owned(), value)),
        }
        self
    }

    /// The first key not among `allowed`.
    pub fn unknown_key(&self, allowed: &[&str]) -> Option<&str> {
        self.keys().find(|key| !allowed.contains(key))
    }
}

/// Deepest nesting accepted.
const MAX_DEPTH: usize = 32;

impl Json {
    /// Parses JSON text; the error says what was wrong and at which character.
    pub fn parse(text: &str) -> Result<Json, String> {
        let mut reader = Reader { bytes: text.as_bytes(), at: 0 };
        let value = reader.value(0)?;
        reader.skip_space();
        if reader.at != reader.bytes.len() {
            return Err(reader.error("unexpected text after the value"));
        }
        Ok(value)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(value) => Some(*value),
            _ => None,
        }
    }

    /// A whole number from 0 to 2^64 − 1 written without a fraction or exponent.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(text) if text.bytes().all(|b| b.is_ascii_digit()) => text.parse().ok(),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Json::Object(object) => Some(object),
            _ => None,
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn error(&self, what: &str) -> String {
        let mut message = String::new();
        let _ = write!(message, "{what} at character {}", self.at + 1);
        message
    }

    fn skip_space(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn literal(&mut self, word: &str, value: Json) -> Result<Json, String> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("unexpected character"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, String> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.skip_space();
        match self.bytes.get(self.at) {
            None => Err(self.error("unexpected end")),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("unexpected character")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, String> {
        self.at += 1;
        let mut members: Vec<(String, Json)> = Vec::new();
        self.skip_space();
        if self.eat(b'}') {
            return Ok(Json::Object(Object(members)));
        }
        loop {
            self.skip_space();
            if self.bytes.get(self.at) != Some(&b'"') {
                return Err(self.error("expected a key"));
            }
            let key = self.string()?;
            if members.iter().any(|(k, _)| *k == key) {
                return Err(self.error("duplicate key"));
            }
            self.skip_space();
            if !self.eat(b':') {
                return Err(self.error("expected ':'"));
            }
            let value = self.value(depth + 1)?;
            members.push((key, value));
            self.skip_space();
            if self.eat(b'}') {
                return Ok(Json::Object(Object(members)));
            }
            if !self.eat(b',') {
                return Err(self.error("expected ',' or '}'"));
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, String> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.eat(b']') {
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_space();
            if self.eat(b']') {
                return Ok(Json::Array(items));
            }
            if !self.eat(b',') {
                return Err(self.error("expected ',' or ']'"));
            }
        }
    }

    fn number(&mut self) -> Result<Json, String> {
        let start = self.at;
        self.eat(b'-');
        let digits = |reader: &mut Self| {
            let from = reader.at;
            while reader.bytes.get(reader.at).is_some_and(u8::is_ascii_digit) {
                reader.at += 1;
            }
            reader.at - from
        };
        let integer_start = self.at;
        let integer_digits = digits(self);
        if integer_digits == 0 || (integer_digits > 1 && self.bytes[integer_start] == b'0') {
            return Err(self.error("bad number"));
        }
        if self.eat(b'.') && digits(self) == 0 {
            return Err(self.error("bad number"));
        }
        if self.eat(b'e') || self.eat(b'E') {
            let _ = self.eat(b'+') || self.eat(b'-');
            if digits(self) == 0 {
                return Err(self.error("bad number"));
            }
        }
        let text = std::str::from_utf8(&self.bytes[start..self.at]).map_err(|_| self.error("bad number"))?;
        Ok(Json::Number(text.to_owned()))
    }

    fn string(&mut self) -> Result<String, String> {
        self.at += 1;
        let mut text = Vec::new();
        loop {
            let Some(&byte) = self.bytes.get(self.at) else { return Err(self.error("unterminated string")) };
            self.at += 1;
            match byte {
                b'"' => return String::from_utf8(text).map_err(|_| self.error("invalid UTF-8")),
                b'\\' => self.escape(&mut text)?,
                0..=0x1f => return Err(self.error("control character in string")),
                _ => text.push(byte),
            }
        }
    }

    fn escape(&mut self, text: &mut Vec<u8>) -> Result<(), String> {
        let Some(&byte) = self.bytes.get(self.at) else { return Err(self.error("unterminated string")) };
        self.at += 1;
        let simple = match byte {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => return self.unicode_escape(text),
            _ => return Err(self.error("bad escape")),
        };
        text.push(simple);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self.bytes.get(self.at..self.at + 4).ok_or_else(|| self.error("bad \\u escape"))?;
        let text = std::str::from_utf8(digits).map_err(|_| self.error("bad \\u escape"))?;
        let code = u32::from_str_radix(text, 16).map_err(|_| self.error("bad \\u escape"))?;
        self.at += 4;
        Ok(code)
    }

    fn unicode_escape(&mut self, text: &mut Vec<u8>) -> Result<(), String> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if !(self.eat(b'\\') && self.eat(b'u')) {
                return Err(self.error("lone surrogate"));
            }
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.error("lone surrogate"));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        let c = char::from_u32(code).ok_or_else(|| self.error("lone surrogate"))?;
        let mut buffer = [0; 4];
        text.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_json_allows() {
        let value =
            Json::parse(r#" {"a": [1, -2.5e3, true, null], "b": "x\"\u00e9\ud83d\ude00\n"} "#).unwrap();
        let object = value.as_object().unwrap();
        assert_eq!(object.keys().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(object.get("b").unwrap().as_str(), Some("x\"é😀\n"));
        let Json::Array(items) = object.get("a").unwrap() else { panic!() };
        assert_eq!(items[0].as_u64(), Some(1));
        assert_eq!(items[1], Json::Number("-2.5e3".into()));
        assert_eq!(items[1].as_u64(), None);
    }

    #[test]
    fn refuses_what_json_does_not_allow() {
        let bad = [
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            "-",
            "+1",
            ".5",
            "1e",
            "NaN",
            "'a'",
            "\"\t\"",
            "\"\\x\"",
            "\"\\ud800\"",
            "{\"a\":1,\"a\":2}",
            "{a:1}",
            "[1] 2",
            "tru",
            "\"abc",
        ];
        for text in bad {
            assert!(Json::parse(text).is_err(), "{text:?} should be refused");
        }
        let deep = "[".repeat(10_000);
        assert!(Json::parse(&deep).unwrap_err().contains("nested too deeply"));
    }
}

/// Writes a value as JSON text. Every decimal is written as a normalized string.
pub trait ToJson {
    /// The members of this value's object, without the braces.
    fn write_fields(&self, object: &mut ObjectWriter<'_>);

    /// The value as compact JSON text.
    fn to_json(&self) -> String {
        let mut out = String::new();
        let mut object = ObjectWriter::open(&mut out);
        self.write_fields(&mut object);
        object.close();
        out
    }
}

/// Writes one JSON object, member by member, in the order called.
pub struct ObjectWriter<'a> {
    out: &'a mut String,
    empty: bool,
}

impl<'a> ObjectWriter<'a> {
    pub fn open(out: &'a mut String) -> ObjectWriter<'a> {
        out.push('{');
        ObjectWriter { out, empty: true }
    }

    pub fn close(self) {
        self.out.push('}');
    }

    fn key(&mut self, key: &str) -> &mut String {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        write_string(self.out, key);
        self.out.push(':');
        self.out
    }

    pub fn string(&mut self, key: &str, value: &str) -> &mut Self {
        let out = self.key(key);
        write_string(out, value);
        self
    }

    pub fn decimal(&mut self, key: &str, value: rust_decimal::Decimal) -> &mut Self {
        self.string(key, &crate::decimal::to_plain_string(value))
    }

    pub fn optional_decimal(&mut self, key: &str, value: Option<rust_decimal::Decimal>) -> &mut Self {
        match value {
            Some(value) => self.decimal(key, value),
            None => self.null(key),
        }
    }

    pub fn number(&mut self, key: &str, value: u64) -> &mut Self {
        let out = self.key(key);
        let _ = write!(out, "{value}");
        self
    }

    pub fn bool(&mut self, key: &str, value: bool) -> &mut Self {
        self.key(key).push_str(if value { "true" } else { "false" });
        self
    }

    pub fn null(&mut self, key: &str) -> &mut Self {
        self.key(key).push_str("null");
        self
    }

    /// A nested object written by `fields`.
    pub fn object(&mut self, key: &str, fields: impl FnOnce(&mut ObjectWriter<'_>)) -> &mut Self {
        let out = self.key(key);
        let mut nested = ObjectWriter::open(out);
        fields(&mut nested);
        nested.close();
        self
    }

    /// An array of objects.
    pub fn array<T: ToJson>(&mut self, key: &str, items: &[T]) -> &mut Self {
        let out = self.key(key);
        out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let mut object = ObjectWriter::open(out);
            item.write_fields(&mut object);
            object.close();
        }
        out.push(']');
        self
    }

    pub fn value(&mut self, key: &str, value: &impl ToJson) -> &mut Self {
        self.object(key, |object| value.write_fields(object))
    }
}

fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod writer_tests {
    use super::*;

    struct Sample;

    impl ToJson for Sample {
        fn write_fields(&self, object: &mut ObjectWriter<'_>) {
            object
                .string("id", "a\"b\\c\n\u{1}")
                .decimal("price", rust_decimal::Decimal::new(1500, 3))
                .optional_decimal("cap", None)
                .number("orders", 42)
                .bool("exited", false)
                .object("nested", |o| {
                    o.null("x");
                });
        }
    }

    #[test]
    fn writes_compact_json_that_reads_back() {
        let text = Sample.to_json();
        assert_eq!(
            text,
            r#"{"id":"a\"b\\c\n\u0001","price":"1.5","cap":null,"orders":42,"exited":false,"nested":{"x":null}}"#
        );
        let back = Json::parse(&text).unwrap();
        assert_eq!(back.as_object().unwrap().get("id").unwrap().as_str(), Some("a\"b\\c\n\u{1}"));
    }
}
