// Issue 20's log budgets, measured on the built CLI and wasm (`make cli build`, then
// `node bench/tlog.mjs`; ROWS=… for another size). Reported, not asserted:
// - `points-pool publish` of 1,000,000 rows from scratch (≤ 10 s), and appending to it;
// - `points-pool verify` of that log (≤ 5 s);
// - the member's check in wasm (LogCheck) of the 1,000,000-entry log against an older checkpoint:
//   tiles fetched (≤ 6) and time from the checkpoint's arrival (≤ 150 ms), files read from disk;
// - full verification in wasm (LogAudit, verify.html's engine) of a 100,000-row log (≤ 2 s).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateLedger } from "../tests/support/ledger.mjs";

const pkg = new URL("../www/pkg/", import.meta.url);
const { initSync, LogCheck, LogAudit } = await import(new URL("points_pool.js", pkg));
initSync({ module: readFileSync(new URL("points_pool_bg.wasm", pkg)) });

const cli = new URL("../target/release/points-pool", import.meta.url).pathname;
const ROWS = Number(process.env.ROWS ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), "pp-tlog-bench-"));

function run(...args) {
  const start = performance.now();
  const out = execFileSync(cli, ["--json", ...args], { maxBuffer: 1 << 26 }).toString();
  return [performance.now() - start, JSON.parse(out)];
}

function ledgerFile(name, rows) {
  const text = generateLedger(rows).text;
  const path = join(dir, name);
  writeFileSync(path, text);
  return [path, text];
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

run("keygen", "--name", "bench.example/points", "--out", join(dir, "keys"));
const key = join(dir, "keys", "log.key");
const secret = join(dir, "keys", "tag.secret");
const vkey = readFileSync(join(dir, "keys", "log.vkey"), "utf8").trim();
const publish = (ledger, log) => run("publish", ledger, "--log", log, "--key", key, "--tag-secret", secret);

const [full, fullText] = ledgerFile("full.csv", ROWS);
const log = join(dir, "log");
const [older] = ledgerFile("older.csv", ROWS - 2_500);
const [, first] = publish(older, log);
const previous = readFileSync(join(log, "checkpoint"), "utf8");
const fromScratchLog = join(dir, "scratch");
const [scratchMs, scratch] = publish(full, fromScratchLog);
console.log(`publish of ${ROWS.toLocaleString("en")} rows from scratch: ${seconds(scratchMs)} (${scratch.size} entries, ${scratch.filesWritten} files; ${(fullText.length / 2 ** 20).toFixed(0)} MB ledger) — budget ≤ 10 s`);
const [appendMs, appended] = publish(full, log);
console.log(`publish appending 2,500 rows to a log of ${first.size.toLocaleString("en")} entries (the whole ledger re-read): ${seconds(appendMs)} (${appended.filesWritten} files)`);
const [againMs, again] = publish(full, log);
console.log(`publish again, nothing new: ${seconds(againMs)}, ${again.filesWritten} files written`);
const [verifyMs, verified] = run("verify", log, "--key", vkey);
console.log(`verify of ${verified.size.toLocaleString("en")} entries (${verified.rows.toLocaleString("en")} rows, ${verified.filesChecked} files): ${seconds(verifyMs)} — budget ≤ 5 s`);

const checkpoint = readFileSync(join(log, "checkpoint"), "utf8");
const times = [];
let tiles = 0;
for (let round = 0; round < 7; round += 1) {
  const start = performance.now();
  const check = new LogCheck(vkey);
  const plan = check.checkpoint(checkpoint, previous);
  for (const path of plan.paths) check.tile(path, readFileSync(join(log, path)));
  const result = check.result();
  times.push(performance.now() - start);
  tiles = plan.paths.length;
  if (result.extends !== first.size) throw new Error("the check did not prove the older checkpoint");
  check.free();
}
console.log(`member's check (wasm) of ${appended.size.toLocaleString("en")} entries against a checkpoint of ${first.size.toLocaleString("en")}: ${tiles} files, ${median(times).toFixed(1)} ms median of 7 (files read from disk) — budget ≤ 6 tiles, ≤ 150 ms`);

const small = join(dir, "small");
const [smallLedger] = ledgerFile("small.csv", 100_000);
publish(smallLedger, small);
const smallCheckpoint = readFileSync(join(small, "checkpoint"), "utf8");
const start = performance.now();
const audit = new LogAudit(vkey);
audit.checkpoint(smallCheckpoint);
let files = 0;
for (let path = audit.nextPath(); path !== undefined; path = audit.nextPath()) {
  audit.feed(path, readFileSync(join(small, path)));
  files += 1;
}
const report = audit.finish();
console.log(`full verification in wasm (LogAudit) of ${report.rows.toLocaleString("en")} rows, ${files} files: ${seconds(performance.now() - start)} — verify.html budget ≤ 2 s`);
rmSync(dir, { recursive: true, force: true });
