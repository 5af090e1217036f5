// Headless Debian Chromium driven by playwright-core, with the flags this closed network needs.
import { chromium, type Browser, type Page } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../support/paths";

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Polls a condition in the page; never a fixed sleep. */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(ROOT, "test-artifacts", "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file }).catch(() => undefined);
  return file;
}

/** A page on code-server's workbench for `workspace`, once the workbench is up. */
export async function openWorkbench(browser: Browser, serverUrl: string, workspace: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${serverUrl}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector(".monaco-workbench", { timeout: 60_000 });
  return page;
}

/** A step runner for one suite's page: a failing step saves a screenshot and names it in its error. */
export function screenshotOnFailure(page: () => Page): (name: string, body: () => Promise<void>) => Promise<void> {
  return async (name, body) => {
    try {
      await body();
    } catch (err) {
      const shot = await screenshot(page(), name);
      throw new Error(`${(err as Error).message} (screenshot: ${shot})`);
    }
  };
}

/** Opens a workspace file from the Explorer (double-click: a pinned editor), waiting for its editor. */
export async function openFile(page: Page, name: string): Promise<void> {
  const row = page.locator(".explorer-folders-view .monaco-list-row", { hasText: name }).first();
  await until(`${name} in the Explorer`, async () => (await row.count()) > 0);
  const editor = page.locator(`.monaco-editor[data-uri$="/${name}"]`);
  await until(`${name} to open`, async () => {
    if ((await editor.count()) > 0) return true;
    await row.dblclick();
    await page.waitForTimeout(500);
    return (await editor.count()) > 0;
  });
}
