// Completes the package.json wasm-pack generates in www/pkg, so `npm pack` there
// gives a proper npm package: an exports map, engines, and the README.
import { readFile, writeFile, copyFile } from "node:fs/promises";
import { dirname, join } from "node:path";

const path = process.argv[2];
const meta = JSON.parse(await readFile(path, "utf8"));
meta.exports = { ".": { types: "./points_pool.d.ts", default: "./points_pool.js" }, "./points_pool_bg.wasm": "./points_pool_bg.wasm" };
meta.files = [...new Set([...(meta.files ?? []), "points_pool_bg.wasm.d.ts", "README.md"])];
meta.engines = { node: ">=18" };
meta.homepage = meta.repository?.url;
await writeFile(path, `${JSON.stringify(meta, null, 2)}\n`);
await copyFile(join(dirname(path), "../../README.md"), join(dirname(path), "README.md"));

// wasm-bindgen cannot mark an exported parameter optional while naming its type.
const types = join(dirname(path), "points_pool.d.ts");
const declarations = await readFile(types, "utf8");
await writeFile(types, declarations.replace("constructor(config: Config);", "constructor(config?: Config);"));
