// Imported first by every module worker (www/workers/) that the engine suite's server
// serves with `probe` (server.mjs), for an engine whose WebDriver reports no console
// messages: each console.error, uncaught error, unhandled rejection and CSP violation in
// the worker is posted back to the server (same origin, allowed by the CSP).
const report = (text) =>
  fetch("/__engine-problem", { method: "POST", body: `${self.location.pathname}: ${text}` }).catch(() => {});
const describe = (value) => (value instanceof Error ? `${value.name}: ${value.message}` : String(value));
const consoleError = console.error;
console.error = function (...args) {
  report(`console.error: ${args.map(describe).join(" ")}`);
  return consoleError.apply(this, args);
};
self.addEventListener("error", (event) => report(`uncaught: ${event.message}`));
self.addEventListener("unhandledrejection", (event) => report(`unhandled rejection: ${describe(event.reason)}`));
self.addEventListener("securitypolicyviolation", (event) => report(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
