// Why the pool could not be reached before the engine saw it (a state-src or a log that cannot
// be fetched): a code the shared words name, like the engine's own.

export class SetupError extends Error {
  constructor(code, values = {}) {
    super(code);
    this.name = "SetupError";
    this.code = code;
    this.values = values;
  }
}
