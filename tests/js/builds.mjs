// The engines `make build` writes with every member's export, as the door tests load them in
// Node: the full one (www/pkg) and the member's worker engine (www/pkg-member-worker, no operator
// feature). The member's first-result engine (www/pkg-member, without projections) and the
// log's (www/pkg-member-log) are the same door less some exports: member-builds.test.mjs.
import { readFileSync } from "node:fs";

export const FULL = { name: "full", folder: "../../www/pkg/", stem: "points_pool" };
export const MEMBER = { name: "member", folder: "../../www/pkg-member/", stem: "points_pool_member" };
export const MEMBER_WORKER = { name: "member-worker", folder: "../../www/pkg-member-worker/", stem: "points_pool_member_worker" };
export const MEMBER_LOG = { name: "member-log", folder: "../../www/pkg-member-log/", stem: "points_pool_member_log" };

/** The builds with every member's export, which the door tests run against. */
export const BUILDS = [FULL, MEMBER_WORKER];
/** Every engine `make build` writes. */
export const ALL_BUILDS = [FULL, MEMBER, MEMBER_WORKER, MEMBER_LOG];

/** The build's module, initialized from its wasm bytes. */
export async function load({ folder, stem }) {
  const base = new URL(folder, import.meta.url);
  const engine = await import(new URL(`${stem}.js`, base));
  engine.initSync({ module: readFileSync(new URL(`${stem}_bg.wasm`, base)) });
  return engine;
}
