// The decimal arithmetic of one exact-mode purchase alone (bench/primitives/src/lib.rs),
// natively and in wasm, best of 5 each: how close the engine's wasm can come to its
// native speed while every result is rust_decimal's. Used by bench/budgets.mjs; run
// alone with `node bench/primitives.mjs`.
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const PURCHASES = 200_000;
const crate = fileURLToPath(new URL("primitives/", import.meta.url));
const target = fileURLToPath(new URL("../target/primitives/", import.meta.url));

function cargo(...args) {
  execFileSync("cargo", ["build", "--quiet", "--release", ...args], {
    cwd: crate,
    env: { ...process.env, CARGO_TARGET_DIR: target },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

export async function measurePrimitives(purchases = PURCHASES) {
  cargo();
  cargo("--lib", "--target", "wasm32-unknown-unknown");
  const native = Number(execFileSync(`${target}release/primitives`, [String(purchases)], { encoding: "utf8" }));
  const { instance } = await WebAssembly.instantiate(readFileSync(`${target}wasm32-unknown-unknown/release/points_pool_primitives.wasm`));
  let fastest = Infinity;
  for (let run = 0; run < 5; run += 1) {
    const start = performance.now();
    instance.exports.purchases(purchases);
    fastest = Math.min(fastest, performance.now() - start);
  }
  const nanos = (seconds) => (seconds * 1e9) / purchases;
  return { purchases, nativeNs: nanos(native), wasmNs: nanos(fastest / 1000) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { purchases, nativeNs, wasmNs } = await measurePrimitives();
  console.log(`decimal arithmetic of ${purchases.toLocaleString("en")} purchases (no parsing, no look-ups):`);
  console.log(`  native ${nativeNs.toFixed(0)} ns, WebAssembly ${wasmNs.toFixed(0)} ns a purchase (${(wasmNs / nativeNs).toFixed(2)}× native's time)`);
}
