// Completes the package.json wasm-pack generates in www/pkg, so `npm pack` there
// gives a proper npm package: an exports map, engines, the README, and the
// <points-calculator> element as `points-pool/element`.
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { moduleGraph, resolveReference, relativeSpecifier, rewriteReferences } from "./references.mjs";

const path = process.argv[2];
const pkg = dirname(path);
const www = join(pkg, "..");

// The element beside the engine, in the folders it has in www/ (the entry points-calculator.js
// at the top, element/, shared/, workers/), its references rewritten where the engine moved
// (`../pkg-member/points_pool_member.js` → `../points_pool_member.js`, and the wasm's URL
// likewise). The element loads the member's engine (www/pkg-member, built without the operator
// feature), which the package carries at its top beside the full one, its main export. The
// engine's and the worker's URLs are written in the entry, at the top, so that a bundler that
// leaves `new URL("./…", import.meta.url)` alone (esbuild) only needs the worker built to
// `workers/projection.js` beside the bundle and the wasm copied there (README, "From npm").
// The files are the element's module graph outside the engines, and its types.
const PKG_DIR = `${pkg.split(/[\\/]/).pop()}/`;
// The member's engine in the worker (pkg-member-worker/) and with the log's check (pkg-member-log/,
// for an element with log-src) go to the top too: their files are named points_pool_member_worker*
// and points_pool_member_log*, so nothing collides.
const MEMBER_DIRS = ["pkg-member/", "pkg-member-worker/", "pkg-member-log/"];
const engineDir = (file) => MEMBER_DIRS.find((dir) => file.startsWith(dir));
const graph = await moduleGraph("points-calculator.js", (file) => readFile(join(www, file), "utf8"));
const ELEMENT = [...[...graph.keys()].filter((file) => !file.startsWith(PKG_DIR) && !engineDir(file)), "points-calculator.d.ts"];
const MEMBER = [...graph.keys(), "pkg-member/points_pool_member.d.ts", "pkg-member-log/points_pool_member_log.d.ts"].filter(engineDir);
const placed = (target) => {
  if (target.startsWith(PKG_DIR)) return target.slice(PKG_DIR.length);
  if (engineDir(target)) return target.slice(engineDir(target).length);
  if (ELEMENT.includes(target)) return target;
  throw new Error(`www/${target} is named by the element but is neither in the package nor copied into it`);
};
for (const file of ELEMENT) {
  const text = await readFile(join(www, file), "utf8");
  const moved = rewriteReferences(text, (specifier) => relativeSpecifier(file, placed(resolveReference(file, specifier))));
  await mkdir(dirname(join(pkg, file)), { recursive: true });
  await writeFile(join(pkg, file), moved);
}
for (const file of new Set(MEMBER)) await copyFile(join(www, file), join(pkg, placed(file)));

const meta = JSON.parse(await readFile(path, "utf8"));
meta.exports = {
  ".": { types: "./points_pool.d.ts", default: "./points_pool.js" },
  "./points_pool_bg.wasm": "./points_pool_bg.wasm",
  "./element": { types: "./points-calculator.d.ts", default: "./points-calculator.js" },
  "./projection-worker": "./workers/projection.js",
};
meta.files = [...new Set([...(meta.files ?? []), "points_pool_bg.wasm.d.ts", "README.md", ...ELEMENT, ...MEMBER.map(placed)])];
// Importing the element defines it, and the worker listens: neither may be shaken out.
meta.sideEffects = [...new Set([...(meta.sideEffects ?? []), "./points-calculator.js", "./workers/projection.js"])];
meta.engines = { node: ">=18" };
meta.homepage = meta.repository?.url;
await writeFile(path, `${JSON.stringify(meta, null, 2)}\n`);
await copyFile(join(www, "../README.md"), join(pkg, "README.md"));

// wasm-bindgen cannot mark an exported parameter optional while naming its type.
const types = join(pkg, "points_pool.d.ts");
const declarations = await readFile(types, "utf8");
await writeFile(types, declarations.replace("constructor(config: Config);", "constructor(config?: Config);"));
