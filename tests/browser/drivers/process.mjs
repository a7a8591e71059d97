// Child processes the engine drivers start (a browser, a WebDriver server, Xvfb): each in
// its own process group, so that stopping it also stops what it started (a browser's
// content processes, MiniBrowser under WebKitWebDriver), and stopped when this test
// process exits however it exits.
import { spawn } from "node:child_process";
import { createServer } from "node:net";

const running = new Set();
process.on("exit", () => {
  for (const child of running) kill(child, "SIGKILL");
});

function kill(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Starts `command` in a new process group; its output is kept (the last 64 kB) for error messages. */
export function start(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true, stdio: options.stdio ?? ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk) => {
    output = (output + chunk).slice(-65536);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  running.add(child);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  exited.then(() => running.delete(child));
  return {
    child,
    exited,
    output: () => output,
    /** SIGTERM to the group, SIGKILL after `grace` ms. */
    async stop(grace = 3000) {
      if (child.exitCode !== null || child.signalCode !== null) {
        kill(child, "SIGKILL"); // the leader is gone; its group may not be
        return;
      }
      kill(child, "SIGTERM");
      const timer = setTimeout(() => kill(child, "SIGKILL"), grace);
      await exited;
      clearTimeout(timer);
      kill(child, "SIGKILL");
    },
  };
}

/** Resolves with the first match of `pattern` in the process's stdout or stderr. */
export function waitForOutput(started, pattern, timeout, what) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = started.output().match(pattern);
      if (!match) return false;
      cleanup();
      resolve(match);
      return true;
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${what} did not start within ${timeout} ms:\n${started.output()}`));
    }, timeout);
    const onExit = () => {
      if (!check()) {
        cleanup();
        reject(new Error(`${what} exited:\n${started.output()}`));
      }
    };
    const cleanup = () => {
      clearTimeout(timer);
      started.child.stdout?.off("data", check);
      started.child.stderr?.off("data", check);
      started.child.off("exit", onExit);
    };
    started.child.stdout?.on("data", check);
    started.child.stderr?.on("data", check);
    started.child.once("exit", onExit);
    check();
  });
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A virtual X display (Xvfb) for an engine that needs one, on the first free display number
 * (Xvfb's -displayfd). Stopped with the test process at the latest.
 */
export async function startXvfb({ width = 2000, height = 1600 } = {}) {
  const xvfb = start("Xvfb", ["-displayfd", "3", "-screen", "0", `${width}x${height}x24`, "-nolisten", "tcp", "-noreset"], {
    stdio: ["ignore", "pipe", "pipe", "pipe"],
  });
  let announced = "";
  const display = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Xvfb did not start:\n${xvfb.output()}`)), 10_000);
    xvfb.child.stdio[3].on("data", (chunk) => {
      announced += chunk;
      if (announced.includes("\n")) {
        clearTimeout(timer);
        resolve(`:${announced.trim()}`);
      }
    });
    xvfb.child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    xvfb.child.once("exit", () => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited:\n${xvfb.output()}`));
    });
  });
  return { display, stop: () => xvfb.stop() };
}
