// The worker side of www/shared/worker-client.js: `serve(tasks)` answers `{ id, task, args }`
// with `{ id, progress }` as the task reports it, then `{ id, result }`, or `{ id, error }`
// carrying the engine's `code`, `field`, `line`, `problem` and `reason` (never only its English).

/** Answers the page's jobs with `tasks[task](args, progress)` once `ready` (the engine) resolves. */
export function serve(tasks, ready) {
  self.onmessage = async ({ data: { id, task, args } }) => {
    try {
      await ready;
      const result = await tasks[task](args, (progress) => self.postMessage({ id, progress }));
      self.postMessage({ id, result });
    } catch (error) {
      self.postMessage({ id, error: plainError(error) });
    }
  };
}

/** An engine error as plain data that crosses to the page: its code and where, never only its English. */
export function plainError(error) {
  const { name, code, message, field, line, problem, reason, values, entry } = error ?? {};
  return { name, code: code ?? "unknown", message: String(message ?? error), field, line, problem, reason, values, entry };
}
