// Loaded first in every page by the engine suite's server (server.mjs, `probe`), for an
// engine whose WebDriver reports no console messages: records what a person would see
// as an error in the console, for the suite to read back (drivers/webkit.mjs).
"use strict";
(() => {
  const problems = [];
  Object.defineProperty(window, "__engineProblems", { value: problems });
  const describe = (value) => (value instanceof Error ? `${value.name}: ${value.message}` : String(value));
  const consoleError = console.error;
  console.error = function (...args) {
    problems.push(`console.error: ${args.map(describe).join(" ")}`);
    return consoleError.apply(this, args);
  };
  // Capturing: a script, stylesheet or image that fails to load fires a non-bubbling error on its element.
  addEventListener("error", (event) => {
    const source = event.target?.src ?? event.target?.href;
    problems.push(event instanceof ErrorEvent ? `uncaught: ${event.message}` : `failed to load: ${source}`);
  }, true);
  addEventListener("unhandledrejection", (event) => problems.push(`unhandled rejection: ${describe(event.reason)}`));
  document.addEventListener("securitypolicyviolation", (event) =>
    problems.push(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
})();
