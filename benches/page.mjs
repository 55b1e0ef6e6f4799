// The page benchmark: how long the page takes, in headless Chromium, from a change in the
// editor's text to the updated diagram, on a large input. Run it through benches/page.sh,
// which builds dist/ and generates the input:
//
//   node benches/page.mjs --dist dist --input cluster.yaml [--runs 20] [--view Policies]
//
// (--view clicks that tab first; the Matrix view has no diagram to watch.)
//
// It serves dist/ on 127.0.0.1 (a free port) with a small static server, opens the page in
// Debian's Chromium (/usr/bin/chromium) through Playwright, pastes the input into the editor
// (`[data-testid=editor]`) and waits for the diagram (`[data-testid=diagram]`) to show it.
// Then, --runs times, it renames one bare Pod in the text (selects the name and types the new
// one with the browser's insertText editing command, as a keystroke or a paste does, which
// fires the page's `input` handler), and measures in the page with performance.now():
//   - dom:   until a MutationObserver sees the new name in the diagram (a `data-id` or text);
//   - frame: until the next animation frame after that, i.e. until it can be painted.
// It prints min / median / max of both, and the wasm's size raw and gzipped.
//
// With --expect WORD (a cluster dump: benches/page.sh --dumps), it pastes the input, times the
// paste until the diagram shows WORD (paste -> first diagram), then types --keystrokes
// characters into a comment at the end of the text, one every --interval ms as a person types,
// each with the browser's insertText command, and times each from the moment it was due to the
// next animation frame after it (keystroke -> next frame: a page busy with the text paints late,
// and a keystroke that comes while it is busy waits, which counts too). It prints the worst.

import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

// Playwright lives in e2e/node_modules (scripts/setup-web.sh installs it).
const require = createRequire(new URL("../e2e/package.json", import.meta.url));
const { chromium } = require("@playwright/test");

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
];

function parseArgs(argv) {
  const opts = {
    dist: "dist",
    input: null,
    runs: 20,
    view: null,
    timeout: 30000,
    expect: null,
    keystrokes: 9,
    interval: 150,
    profile: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, "");
    const value = argv[++i];
    if (!(key in opts) || value === undefined) {
      throw new Error(
        `usage: page.mjs --input FILE [--dist DIR] [--runs N] [--view NAME] [--timeout MS] [--expect WORD [--keystrokes N] [--interval MS] [--profile OUT.cpuprofile]] (at ${argv[i - 1]})`,
      );
    }
    opts[key] = ["runs", "timeout", "keystrokes", "interval"].includes(key) ? Number(value) : value;
  }
  if (!opts.input) throw new Error("page.mjs: --input FILE is required");
  if (!(opts.runs >= 1)) throw new Error("page.mjs: --runs must be at least 1");
  return opts;
}

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".yaml": "text/plain; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/** Serves `root` on 127.0.0.1 at a free port; resolves to the server. */
function serve(root) {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let file = path.resolve(base, "." + decodeURIComponent(url.pathname));
    // Nothing outside dist/ is served, whatever the request says.
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, {
        "content-type": MIME[path.extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1] };
}

const ms = (x) => `${x.toFixed(1)} ms`;

function wasmSize(dist) {
  // The page's wasm; the console's (reachmap-console_bg.wasm) loads only when it is used, the
  // analysis worker's (reachmap-worker_bg.wasm) runs in its own thread.
  const wasms = fs
    .readdirSync(dist)
    .filter((f) => f.endsWith(".wasm") && !f.startsWith("reachmap-console") && !f.startsWith("reachmap-worker"));
  if (wasms.length !== 1) return `expected one page .wasm in ${dist}, found ${wasms.length}`;
  const file = path.join(dist, wasms[0]);
  const raw = fs.statSync(file).size;
  // The same measure as scripts/build-web.sh (gzip -9); node's zlib if gzip is missing.
  let gz;
  try {
    gz = execFileSync("gzip", ["-9", "-c", file], { maxBuffer: 1 << 30 }).length;
  } catch {
    gz = zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
  }
  return `${file}: ${raw} bytes raw, ${gz} bytes gzipped (${(gz / 1024).toFixed(1)} KiB)`;
}

/**
 * In the page: replaces `[from, to)` of the editor's text with `text` as typing does, through
 * the browser's editing command (`insertText`: one undoable edit, its own `input` event, and
 * the incremental re-layout a keystroke gets), or, when `from` is undefined, pastes `text` over
 * everything. Resolves to the times (ms) until the diagram shows `expect` and until the frame
 * after that.
 */
function timeEdit({ text, from, to, expect, timeout }) {
  const editor = document.querySelector("[data-testid=editor]");
  const shows = () => {
    const diagram = document.querySelector("[data-testid=diagram]");
    if (!diagram) return false;
    for (const el of diagram.querySelectorAll("[data-id]")) {
      if (el.getAttribute("data-id").includes(expect)) return true;
    }
    return diagram.textContent.includes(expect);
  };
  return new Promise((resolve, reject) => {
    let done = false;
    const start = performance.now();
    const finish = () => {
      if (done || !shows()) return;
      done = true;
      observer.disconnect();
      const dom = performance.now() - start;
      requestAnimationFrame(() => resolve({ dom, frame: performance.now() - start }));
    };
    const observer = new MutationObserver(finish);
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
    editor.focus();
    if (from === undefined) {
      // The paste. Chromium's insertText takes minutes on 10,000 lines (as does Playwright's
      // fill, built on it), while a real paste is quick: set the value and fire the event a
      // paste fires.
      editor.value = text;
      editor.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
    } else {
      editor.setSelectionRange(from, to);
      if (!document.execCommand("insertText", false, text)) {
        // Without the editing command (deprecated, not gone): the same change by hand.
        editor.setRangeText(text, from, to, "end");
        editor.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText" }));
      }
    }
    setTimeout(() => {
      if (done) return;
      done = true;
      observer.disconnect();
      reject(new Error(`the diagram did not show ${JSON.stringify(expect)} within ${timeout} ms`));
    }, timeout);
  });
}

/**
 * In the page: types `count` characters at the end of the editor's text, one every `interval`
 * ms, and resolves to each one's time (ms) from when it was due to the next animation frame.
 */
function timeKeystrokes({ count, interval }) {
  const editor = document.querySelector("[data-testid=editor]");
  return new Promise((resolve) => {
    const times = [];
    // The caret is put at the end once, as a person clicks there before typing (the end of
    // the textarea is the text's: Ctrl+End went there).
    editor.focus();
    editor.setSelectionRange(editor.value.length, editor.value.length);
    const type = (i) => {
      const due = start + i * interval;
      if (!document.execCommand("insertText", false, "k")) {
        const end = editor.selectionEnd;
        editor.setRangeText("k", end, end, "end");
        editor.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText" }));
      }
      requestAnimationFrame(() => {
        times.push(performance.now() - due);
        if (i + 1 === count) resolve(times);
        else setTimeout(() => type(i + 1), Math.max(0, start + (i + 1) * interval - performance.now()));
      });
    };
    const start = performance.now() + interval;
    setTimeout(() => type(0), interval);
  });
}

/** The `count` functions with the most self time in a CPU profile, as lines to print. */
function topSelfTime(profile, count) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const gaps = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const name = `${f.functionName || "(anonymous)"} ${f.url ? f.url.split("/").pop() : ""}`.trim();
    self.set(name, (self.get(name) ?? 0) + (gaps[i + 1] ?? 0) / 1000);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, t]) => `  ${t.toFixed(1).padStart(8)} ms  ${name}`);
}

/** A dump: paste -> first diagram, then keystroke -> next frame. */
async function dumpBench(page, opts, text) {
  const paste = await page.evaluate(timeEdit, { text, expect: opts.expect, timeout: opts.timeout });
  // A comment line to type into: every keystroke changes the text, none its meaning. Typed as
  // a person does (Ctrl+End, then the editing command), since the editor may hold only a window
  // of a large text in its textarea.
  await page.locator("[data-testid=editor]").focus();
  await page.keyboard.press("Control+End");
  await page.evaluate(() => {
    const editor = document.querySelector("[data-testid=editor]");
    const line = (editor.value.endsWith("\n") ? "" : "\n") + "# typing: ";
    if (!document.execCommand("insertText", false, line)) throw new Error("no insertText");
  });
  // Let the page settle (the new text's analysis) before typing.
  await page.waitForTimeout(Math.min(opts.timeout, 2 * paste.frame + 500));
  const cdp = opts.profile ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
  }
  const keys = await page.evaluate(timeKeystrokes, { count: opts.keystrokes, interval: opts.interval });
  // Then until the diagram is of the typed text: the progress line empties once the worker's
  // answer for the newest text is drawn.
  const caughtUp = await page.evaluate(
    (timeout) =>
      new Promise((resolve, reject) => {
        const start = performance.now();
        const line = document.querySelector("[data-testid=progress]");
        const done = () => {
          if ((line?.textContent ?? "") !== "") return false;
          observer.disconnect();
          resolve(performance.now() - start);
          return true;
        };
        const observer = new MutationObserver(done);
        if (!line || done()) return;
        observer.observe(line, { childList: true, subtree: true, characterData: true });
        setTimeout(() => reject(new Error(`the diagram did not catch up within ${timeout} ms`)), timeout);
      }),
    opts.timeout,
  );
  if (cdp) {
    const { profile } = await cdp.send("Profiler.stop");
    fs.writeFileSync(opts.profile, JSON.stringify(profile));
    console.log(`the page thread's CPU profile of the keystrokes: ${opts.profile}`);
    for (const line of topSelfTime(profile, 15)) console.log(line);
  }
  return { paste, keys, caughtUp };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const text = fs.readFileSync(opts.input, "utf8");
  if (opts.expect) return mainDump(opts, text);
  // The bare Pod to rename: the first `kind: Pod` document's metadata.name.
  const pod = /^kind: Pod\nmetadata:\n  name: (\S+)$/m.exec(text);
  if (!pod) throw new Error(`${opts.input}: no bare Pod (kind: Pod, then metadata.name) to rename`);
  const nameLine = pod[0];
  const podCount = (text.match(/^kind: (Pod|Deployment)$/gm) ?? []).length;

  const server = await serve(opts.dist);
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url);
    const editor = page.locator("[data-testid=editor]");
    await editor.waitFor({ timeout: opts.timeout });
    await page.locator("[data-testid=diagram]").waitFor({ timeout: opts.timeout });
    if (opts.view) {
      await page.getByRole("tab", { name: opts.view, exact: true }).click();
    }

    // The paste: the whole text at once, as a person pasting it.
    const paste = await page.evaluate(timeEdit, { text, expect: pod[1], timeout: opts.timeout });

    // The page may normalise the text (line endings), so the name is found in its value.
    const value = await editor.inputValue();
    const at = value.indexOf(nameLine);
    if (at < 0) throw new Error("the editor does not hold the pasted text");
    let from = at + nameLine.length - pod[1].length;
    let to = at + nameLine.length;
    const dom = [];
    const frame = [];
    for (let i = 1; i <= opts.runs; i++) {
      // Short and unique, so the diagram neither truncates it nor finds it inside another name.
      const name = `bench${String(i).padStart(3, "0")}`;
      const t = await page.evaluate(timeEdit, { text: name, from, to, expect: name, timeout: opts.timeout });
      to = from + name.length;
      dom.push(t.dom);
      frame.push(t.frame);
    }
    if (errors.length) console.log(`page errors: ${errors.join(" | ")}`);

    const d = stats(dom);
    const f = stats(frame);
    console.log(
      `page bench: ${opts.input}: ${text.length} bytes, ${podCount} pod groups; ` +
        `view ${opts.view ?? "(default)"}; ${opts.runs} edits; Chromium ${browser.version()}`,
    );
    console.log(`paste -> diagram: dom ${ms(paste.dom)}, frame ${ms(paste.frame)}`);
    console.log(`edit -> diagram (dom):   min ${ms(d.min)}  median ${ms(d.median)}  max ${ms(d.max)}`);
    console.log(`edit -> diagram (frame): min ${ms(f.min)}  median ${ms(f.median)}  max ${ms(f.max)}`);
    console.log(`wasm: ${wasmSize(opts.dist)}`);
  } finally {
    await browser.close();
    server.close();
  }
}

async function mainDump(opts, text) {
  const server = await serve(opts.dist);
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url);
    await page.locator("[data-testid=editor]").waitFor({ timeout: opts.timeout });
    await page.locator("[data-testid=diagram]").waitFor({ timeout: opts.timeout });
    if (opts.view) await page.getByRole("tab", { name: opts.view, exact: true }).click();
    const { paste, keys, caughtUp } = await dumpBench(page, opts, text);
    if (errors.length) console.log(`page errors: ${errors.join(" | ")}`);
    const k = stats(keys);
    console.log(
      `page dump bench: ${opts.input}: ${(text.length / 1e6).toFixed(1)} MB; dist ${opts.dist}; ` +
        `paste -> first diagram ${ms(paste.frame)}; keystroke -> next frame: worst of ${keys.length} ${ms(k.max)} ` +
        `(median ${ms(k.median)}); last keystroke -> diagram caught up ${ms(caughtUp)}; wasm: ${wasmSize(opts.dist)}`,
    );
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => {
  // Playwright's messages can quote a whole argument (the 180 KB text): keep the head.
  const message = String(e?.message ?? e);
  console.error(`page bench failed: ${message.length > 800 ? message.slice(0, 800) + " …" : message}`);
  process.exit(1);
});
