// The logs the browser tests serve: the publisher's own fixtures (tests/fixtures/tlog, written by
// tests/tlog_fixtures.rs with the key of seed [7; 32] named pool.example/log), and the ways a
// host or a platform could tamper with them. Checkpoints are re-signed here with node:crypto's
// Ed25519, as C2SP signed-note says, so that a test can change what is signed (the origin) and
// not only break the signature.
import { createHash, createHmac, createPrivateKey, createPublicKey, sign } from "node:crypto";
import { readFileSync } from "node:fs";

export const ORIGIN = "pool.example/log";

/** A fixture log (`base`, `grown`, `fork`, `other`): path → bytes. */
export function fixtureLog(name) {
  const text = readFileSync(new URL(`../fixtures/tlog/${name}.txt`, import.meta.url), "utf8");
  return new Map(text.trim().split("\n").map((line) => {
    const [path, bytes] = line.split("\t");
    return [path, Buffer.from(bytes, "base64")];
  }));
}

/** The Ed25519 key of a 32-byte seed filled with `byte`, named `name`: its vkey text and a signer. */
export function noteKey(byte, name = ORIGIN) {
  const der = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), Buffer.alloc(32, byte)]);
  const privateKey = createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  const publicKey = createPublicKey(privateKey).export({ format: "der", type: "spki" }).subarray(-32);
  const typed = Buffer.concat([Buffer.from([1]), publicKey]);
  const hash = createHash("sha256").update(Buffer.concat([Buffer.from(`${name}\n`), typed])).digest().subarray(0, 4);
  return {
    vkey: `${name}+${hash.toString("hex")}+${typed.toString("base64")}`,
    /** The signature line for `body` (the note's text, ending with a newline). */
    line: (body) => `— ${name} ${Buffer.concat([hash, sign(null, Buffer.from(body), privateKey)]).toString("base64")}\n`,
  };
}

/** The fixtures' key. */
export const KEY = noteKey(7);

/** A checkpoint's text split into its signed body and its signature lines. */
export function splitNote(text) {
  const at = text.indexOf("\n\n");
  return { body: text.slice(0, at + 1), signatures: text.slice(at + 2) };
}

/** `log` with its checkpoint replaced by `text`. */
export function withCheckpoint(log, text) {
  return new Map([...log, ["checkpoint", Buffer.from(text)]]);
}

/** `log` with the file at `path` changed by `change(bytes)` (null: removed). */
export function withFile(log, path, change) {
  const changed = new Map(log);
  const bytes = change(Buffer.from(log.get(path)));
  if (bytes === null) changed.delete(path);
  else changed.set(path, bytes);
  return changed;
}

/** The log's last tiles: the entry bundle and the level-0 tile on the right edge. */
export function lastFiles(log) {
  const last = (prefix) => [...log.keys()].filter((path) => path.startsWith(prefix)).pop();
  return { bundle: last("tile/entries/"), level0: last("tile/0/") };
}

/** A signature line with one bit of its signature (past the 4-byte key hash) flipped. */
function flipSignature(line) {
  const [dash, name, encoded] = line.trim().split(" ");
  const bytes = Buffer.from(encoded, "base64");
  bytes[20] ^= 1;
  return `${dash} ${name} ${bytes.toString("base64")}\n`;
}

/** Every tampered log the element must refuse, with the engine's code, beside the good one. */
export function tamperedLogs() {
  const base = fixtureLog("base");
  const { bundle, level0 } = lastFiles(base);
  const text = base.get("checkpoint").toString("utf8");
  const { body, signatures } = splitNote(text);
  const otherOrigin = body.replace(`${ORIGIN}\n`, "pool.example/other\n");
  return {
    good: base,
    // An unknown cosigner's line after the log's own: ignored (witnesses can be added later).
    cosigned: withCheckpoint(base, `${body}\n${signatures}${noteKey(9, "witness.example/w").line(body)}`),
    editedEntry: withFile(base, bundle, (bytes) => { bytes[bytes.length - 3] ^= 1; return bytes; }),
    editedTile: withFile(base, level0, (bytes) => { bytes[5] ^= 1; return bytes; }),
    truncatedTile: withFile(base, level0, (bytes) => bytes.subarray(0, bytes.length - 7)),
    missingTile: withFile(base, bundle, () => null),
    wrongOrigin: withCheckpoint(base, `${otherOrigin}\n${KEY.line(otherOrigin)}`),
    badSignature: withCheckpoint(base, `${body}\n${flipSignature(signatures)}`),
    malformed: withCheckpoint(base, `${body}${signatures}`),
  };
}

/** The fixtures' platform secret (tests/tlog_support: [42; 32]) and a member's secret, as formats.md §6 derives them. */
export function memberSecret(member) {
  return createHmac("sha256", Buffer.alloc(32, 42)).update(`points-pool member v1\n${member}`).digest();
}

/** The tag of the member's row `seq` in the fixtures' log. */
export function rowTag(secret, seq) {
  return createHmac("sha256", secret).update(`points-pool row v1\n${ORIGIN}\n${seq}`).digest().subarray(0, 16).toString("hex");
}

/** Every row entry of `log`, in order: { entry, seq, type, value, result, text, tag }. */
export function logRows(log) {
  const bundles = [...log.keys()].filter((path) => path.startsWith("tile/entries/")).sort();
  const rows = [];
  let entry = 0;
  for (const path of bundles) {
    const bytes = log.get(path);
    for (let at = 0; at < bytes.length; entry += 1) {
      const length = bytes.readUInt16BE(at);
      const text = bytes.subarray(at + 2, at + 2 + length).toString("utf8");
      at += 2 + length;
      if (!text.startsWith("row ")) continue;
      const [, seq, type, value, result, , , , , tag] = text.trimEnd().split(" ");
      rows.push({ entry, seq: Number(seq), type, value, result, text, tag });
    }
  }
  return rows;
}
