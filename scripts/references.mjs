// The URLs a module of ours names, as string literals: static imports and re-exports,
// `import("…")` of a literal, and `new URL("…", import.meta.url)` (the projection worker,
// the wasm). scripts/dist.mjs and scripts/package-meta.mjs move the element's files and
// rewrite exactly these literals, nothing else, so a reference written any other way is
// not followed: keep the element's siblings named in one of these forms.

const PATTERNS = [
  [/^[ \t]*(?:import|export)\b[^;'"`]*?\bfrom[ \t]*(["'])([^"'\n]+)\1/gm, "import"],
  [/^[ \t]*import[ \t]*(["'])([^"'\n]+)\1/gm, "import"],
  [/\bimport\(\s*(["'])([^"'\n]+)\1\s*\)/g, "import"],
  // Fetched, not imported: the wasm, a worker's script.
  [/\bnew URL\(\s*(["'])([^"'\n]+)\1\s*,\s*import\.meta\.url\s*\)/g, "url"],
];

/**
 * Every reference in `text`, in order: `{ specifier, start, end, kind }` (the literal's contents,
 * without its quotes; `kind` "import" for a module imported, "url" for a file fetched).
 */
export function findReferences(text) {
  const found = [];
  for (const [pattern, kind] of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const [whole, quote, specifier] = match;
      const start = match.index + whole.lastIndexOf(`${quote}${specifier}${quote}`) + 1;
      found.push({ specifier, start, end: start + specifier.length, kind });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** `text` with each reference's literal replaced by `replace(specifier, kind)`; quotes and everything else kept byte for byte. */
export function rewriteReferences(text, replace) {
  let out = "";
  let at = 0;
  for (const { specifier, start, end, kind } of findReferences(text)) {
    out += text.slice(at, start) + replace(specifier, kind);
    at = end;
  }
  return out + text.slice(at);
}

/** The path (relative to a common root, `/`-separated) that `specifier` names from the file at `from`. */
export function resolveReference(from, specifier) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(specifier) || specifier.startsWith("/")) {
    throw new Error(`${from}: ${specifier} is not a relative URL; only siblings of the element can be moved`);
  }
  const base = new URL(from, "file:///root/");
  const target = new URL(specifier, base);
  if (!target.pathname.startsWith("/root/")) throw new Error(`${from}: ${specifier} leaves the element's folder`);
  return target.pathname.slice("/root/".length);
}

/** A relative specifier from the file at `from` to the file at `to` (both root-relative), always starting with `./` or `../`. */
export function relativeSpecifier(from, to) {
  const fromParts = from.split("/").slice(0, -1);
  const toParts = to.split("/");
  let common = 0;
  while (common < fromParts.length && common < toParts.length - 1 && fromParts[common] === toParts[common]) common += 1;
  const up = fromParts.length - common;
  const rest = toParts.slice(common).join("/");
  return up === 0 ? `./${rest}` : `${"../".repeat(up)}${rest}`;
}

/**
 * The files `entry` loads, itself included, found by following references from it:
 * a Map from each path (relative to the root `read` reads from) to the paths it names.
 * Only .js files are read; anything else (the .wasm) names nothing.
 */
export async function moduleGraph(entry, read) {
  const graph = new Map();
  const pending = [entry];
  while (pending.length) {
    const path = pending.pop();
    if (graph.has(path)) continue;
    const targets = path.endsWith(".js") ? findReferences(await read(path)).map(({ specifier }) => resolveReference(path, specifier)) : [];
    graph.set(path, [...new Set(targets)]);
    pending.push(...targets);
  }
  return graph;
}
