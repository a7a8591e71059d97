// `make size`: the wasm's raw and gzipped size against the 50 KB gzip budget, and
// its largest functions (twiggy when installed, else the wasm's own name section).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { execFileSync } from "node:child_process";

const path = process.argv[2];
const bytes = readFileSync(path);
const gzipped = gzipSync(bytes, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`${path}: ${kb(bytes.length)} raw, ${kb(gzipped)} gzipped (budget: 50 KB gzipped)`);
// The shipped wasm has no names; the linker's output (before wasm-bindgen and wasm-opt)
// still does, so its largest functions stand in for the shipped ones.
const named = new URL("../target/wasm32-unknown-unknown/release/points_pool.wasm", import.meta.url).pathname;
try {
  const top = execFileSync("twiggy", ["top", "-n", "30", named], { encoding: "utf8" });
  console.log(`largest parts before wasm-opt (${named}):`);
  console.log(top);
} catch {
  console.log("(cargo install twiggy for the largest parts)");
}
