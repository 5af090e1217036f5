// Problems you can trust, in a real VS Code (issue 14): every file's problems at start without opening it, counted
// once after Check Workspace, nothing stale after Fix All in File; squiggles on the callee; the hover that explains.
// The expected counts come from the CLI over the same files (before and after `check --fix`). Also takes README's
// screenshots of the hover and of a quick fix (images/).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { runCli } from "../support/cli";
import { ROOT } from "../support/paths";
import { launch, openFile, openWorkbench, screenshotOnFailure, until } from "./browser";
import { CodeServer } from "./codeServer";
import { captureForReadme } from "./readmeImages";
import { tempDir } from "../support/tempDir";

const FIXTURE = path.join(ROOT, "test", "e2e", "fixtures", "problems");
let server: CodeServer;
let browser: Browser;
let page: Page;
let ws: string;

/** The status bar's problem counts as VS Code words them ("Warnings: 4, Infos: 2"), from the CLI's findings. */
function expectedLabel(dir: string): string {
  const found = JSON.parse(runCli(["check", "--format", "json", "--no-cache", "."], dir).stdout).diagnostics as {
    severity: string;
  }[];
  const count = (s: string) => found.filter((d) => d.severity === s).length;
  return [
    ["Errors", count("error")],
    ["Warnings", count("warning")],
    ["Infos", count("info")],
  ]
    .filter(([, n]) => n)
    .map(([w, n]) => `${w}: ${n}`)
    .join(", ");
}

let atStart: string;
let afterFixAll: string;

before(async () => {
  ws = tempDir("hfrg-problems-");
  fs.cpSync(FIXTURE, ws, { recursive: true });
  atStart = expectedLabel(ws);
  const fixed = tempDir("hfrg-problems-fixed-");
  fs.cpSync(FIXTURE, fixed, { recursive: true });
  runCli(["check", "--fix", "--no-cache", "app.py"], fixed);
  afterFixAll = expectedLabel(fixed);
  assert.notEqual(afterFixAll, atStart, "the fixture has fixable findings in app.py");
  server = await CodeServer.start({
    workspace: ws,
    settings: {
      "workbench.colorTheme": "Default Dark Modern",
      "editor.minimap.enabled": false,
      "workbench.secondarySideBar.defaultVisibility": "hidden",
      "git.openRepositoryInParentFolders": "never",
    },
  });
  browser = await launch();
  page = await openWorkbench(browser, server.url, ws);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const guarded = screenshotOnFailure(() => page);

const problemsItem = () => page.locator("[id='status.problems']");
const statusCounts = async () => (await problemsItem().getAttribute("aria-label")) ?? "";

async function runCommand(title: string): Promise<void> {
  await page.keyboard.press("F1");
  await page.waitForSelector(".quick-input-widget input", { state: "visible" });
  await page.keyboard.type(title);
  await until(
    `"${title}" in the command palette`,
    async () => (await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).count()) > 0,
  );
  await page.keyboard.press("Enter");
}

test("at start, Problems lists every file's findings without opening any", () =>
  guarded("problems-at-start", async () => {
    await until(`the status bar to count ${atStart}`, async () => (await statusCounts()) === atStart);
    await page.keyboard.press("Control+Shift+M");
    const panel = page.locator(".markers-panel");
    await until(
      "files never opened in Problems",
      async () => /caption\.py/.test(await panel.innerText()) && /app\.py/.test(await panel.innerText()),
    );
    assert.equal(await page.locator(".monaco-editor[data-uri]").count(), 0, "no editor was opened");
  }));

test("a finding on a multi-line call underlines the callee only, and its hover explains the call", () =>
  guarded("callee-and-hover", async () => {
    await openFile(page, "app.py");
    const line = page.locator(".monaco-editor .view-line", { hasText: "return client.text_classification(" }).first();
    const squiggle = page.locator(".monaco-editor .squiggly-warning");
    let lineBox = { x: 0, y: 0, width: 0, height: 0 };
    const onLine = async () => {
      lineBox = (await line.boundingBox()) ?? lineBox;
      for (const s of await squiggle.all()) {
        const b = await s.boundingBox();
        if (b && Math.abs(b.y - lineBox.y) < 2) return { box: b };
      }
      return undefined;
    };
    const { box } = await until("a squiggle on the call's line", onLine);
    // Monaco draws one decoration per line: a squiggle that covered the arguments would be on the next lines too.
    for (const s of await squiggle.all()) {
      const b = (await s.boundingBox())!;
      assert.ok(b.y < lineBox.y + 2 || b.y > lineBox.y + 4 * lineBox.height, "no squiggle on the argument lines");
    }
    const text = (await line.innerText()).replace(/\u00a0/g, " ");
    const charWidth = (await line.locator("span").first().boundingBox())!.width / text.length;
    const column = (box.x - lineBox.x) / charWidth;
    const length = box.width / charWidth;
    assert.ok(Math.abs(column - text.indexOf("client")) < 0.5, `starts at the callee (column ${column.toFixed(1)})`);
    assert.ok(
      Math.abs(length - "client.text_classification".length) < 0.5,
      `as long as the callee (${length.toFixed(1)} characters)`,
    );

    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator(".monaco-hover").filter({ hasText: "Surface:" }).first();
    await until(
      "the explanation in the hover",
      async () => (await hover.count()) > 0 && /Billing:/.test(await hover.innerText()),
    );
    const shown = await hover.innerText();
    assert.match(shown, /Inference Providers .*provider: together/);
    assert.match(shown, /Billed from HF credits to your personal account/);
    assert.match(shown, /429: Not protected/);
    assert.match(shown, /HF001/);
    assert.equal(shown.split("has no 429 handling").length - 1, 1, "the finding's message shown once");
    await captureForReadme(page, "hover", [line, hover]);
    await page.mouse.move(5, 450);
  }));

test("Check Workspace counts each problem once, and Fix All in File leaves nothing stale", () =>
  guarded("check-workspace-fix-all", async () => {
    await openFile(page, "app.py");
    await runCommand("HF Rate Guard: Check Workspace");
    const done = page.locator(".notification-toast", { hasText: /HF Rate Guard: \d+ problems? in \d+ files? checked/ });
    await until("Check Workspace to report", async () => (await done.count()) > 0);
    const total = atStart.split(", ").reduce((n, part) => n + Number(part.split(": ")[1]), 0);
    assert.match(await done.first().innerText(), new RegExp(`${total} problems in 3 files checked`));
    assert.equal(await statusCounts(), atStart, "Problems after Check Workspace: nothing doubled");
    await runCommand("HF Rate Guard: Fix All in File");
    await until(`the status bar to count ${afterFixAll}`, async () => (await statusCounts()) === afterFixAll);
    const panel = page.locator(".markers-panel");
    await until(
      "the fixed findings gone from Problems",
      async () => !/retries 429 without waiting on Retry-After/.test(await panel.innerText()),
    );
    assert.match(await panel.innerText(), /caption\.py/, "the other files' problems stay");
  }));

test("README screenshots: the quick fix menu and its result", () =>
  guarded("readme-quick-fix", async () => {
    await openFile(page, "caption.py");
    const line = page.locator(".monaco-editor .view-line", { hasText: "client.image_to_text(image)" }).first();
    await until("caption.py's call", async () => (await line.count()) > 0);
    const row = page.locator(".action-widget .monaco-list-row", { hasText: "HF001: Retry with backoff" });
    await until("the Quick Fix menu", async () => {
      if ((await row.count()) > 0) return true;
      await page.keyboard.press("Escape");
      await line.click();
      await page.keyboard.press("Control+.");
      for (let i = 0; i < 20 && (await row.count()) === 0; i++) await page.waitForTimeout(200);
      return (await row.count()) > 0;
    });
    await captureForReadme(page, "quick-fix-menu", [line, page.locator(".action-widget")]);
    await row.first().click();
    // The fix inserts the helper above: bring the edited call (where the cursor is) into view.
    await until("the helper inserted", async () =>
      (await page.locator(".monaco-editor .view-lines").first().innerText())
        .replace(/\u00a0/g, " ")
        .includes("HF Rate Guard: retry"),
    );
    await page.keyboard.press("End");
    const fixed = page
      .locator(".monaco-editor .view-line", { hasText: "_hf_retry(lambda: client.image_to_text(image))" })
      .first();
    await until("the fixed call in view", async () => (await fixed.count()) > 0);
    await captureForReadme(
      page,
      "quick-fix-result",
      [fixed, page.locator(".monaco-editor .view-line", { hasText: "def caption" }).first()],
      24,
    );
  }));
