// The two engines `make build` writes, as the door tests load them in Node: the full one
// (www/pkg) and the member's (www/pkg-member, no operator feature).
import { readFileSync } from "node:fs";

export const BUILDS = [
  { name: "full", folder: "../../www/pkg/", stem: "points_pool" },
  { name: "member", folder: "../../www/pkg-member/", stem: "points_pool_member" },
];

/** The build's module, initialized from its wasm bytes. */
export async function load({ folder, stem }) {
  const base = new URL(folder, import.meta.url);
  const engine = await import(new URL(`${stem}.js`, base));
  engine.initSync({ module: readFileSync(new URL(`${stem}_bg.wasm`, base)) });
  return engine;
}
