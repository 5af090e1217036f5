// The credit meter in a real VS Code: code-server started with HF_ENDPOINT pointing at a mock HF API on
// 127.0.0.1 and HF_TOKEN set. Reads the status bar and its tooltip, refreshes after the mock's usage changes,
// shows the error state when credits are depleted, and the sign-in state without a token.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { MockHfApi, USAGE, WHOAMI } from "../mock-hf/mockHfApi";
import { ROOT } from "../support/paths";
import { launch, screenshot, until } from "./browser";
import { CodeServer } from "./codeServer";

const api = new MockHfApi();
let browser: Browser;

const usage = (used: number) => ({ body: { usage: { inferenceProviders: { usedNanoUsd: used * 1e9, includedNanoUsd: 2e9, numRequests: 9, periodEnd: 1798761600 } } } });

before(async () => {
  await api.start();
  api.set(WHOAMI, { body: { name: "ana", isPro: true, orgs: [] } });
  api.set(USAGE, usage(1.6));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await api.stop();
});

async function openWorkbench(env: Record<string, string>): Promise<{ server: CodeServer; page: Page }> {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), "hfrg-meter-"));
  fs.cpSync(path.join(ROOT, "test", "e2e", "fixtures", "ws"), ws, { recursive: true });
  const server = await CodeServer.start({ workspace: ws, env: { HF_ENDPOINT: api.url, HF_HOME: path.join(ws, ".hf-home"), ...env } });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${server.url}/?folder=${encodeURIComponent(ws)}`);
  await page.waitForSelector(".monaco-workbench", { timeout: 60_000 });
  return { server, page };
}

function meterItem(page: Page) {
  return page.locator(".statusbar-item", { hasText: /^HF[\s:$]/ }).first();
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press("F1");
  await page.waitForSelector(".quick-input-widget input", { state: "visible" });
  await page.keyboard.type(title);
  await until(`"${title}" in the command palette`, async () => (await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).count()) > 0);
  await page.keyboard.press("Enter");
}

test("the meter shows usage, its tooltip, refreshes, and turns red when credits are depleted", async () => {
  const { server, page } = await openWorkbench({ HF_TOKEN: "hf_e2etoken1234567" });
  try {
    const item = meterItem(page);
    await until("the usage in the status bar", async () => (await item.innerText()).includes("HF $1.60 / $2.00"));
    assert.match((await item.getAttribute("class")) ?? "", /warning-kind/, "80% of the credits: warning background");
    await item.hover();
    await until("the tooltip", async () => /Used \$1\.60 of \$2\.00 included/.test(await page.locator(".monaco-hover").first().innerText()));
    await page.mouse.move(10, 10);

    api.set(USAGE, usage(0.5));
    await runCommand(page, "HF Rate Guard: Refresh Credit Meter");
    await until("the refreshed usage", async () => (await meterItem(page).innerText()).includes("HF $0.50 / $2.00"));

    api.set(USAGE, usage(2));
    await runCommand(page, "HF Rate Guard: Refresh Credit Meter");
    await until("the depleted state", async () => (await meterItem(page).innerText()).includes("HF $2.00 / $2.00"));
    await until("the error background", async () => /error-kind/.test((await meterItem(page).getAttribute("class")) ?? ""));
    assert.ok(api.requests.every((r) => r.authorization === "Bearer hf_e2etoken1234567"));
  } catch (err) {
    throw new Error(`${(err as Error).message} (screenshot: ${await screenshot(page, "meter")})`);
  } finally {
    await server.stop();
  }
});

test("without a token the meter asks to sign in", async () => {
  const env = { HF_TOKEN: "", HUGGING_FACE_HUB_TOKEN: "" };
  const { server, page } = await openWorkbench(env);
  try {
    await until("the sign-in state", async () => (await page.locator(".statusbar-item", { hasText: "HF: sign in" }).count()) > 0);
  } catch (err) {
    throw new Error(`${(err as Error).message} (screenshot: ${await screenshot(page, "meter-signed-out")})`);
  } finally {
    await server.stop();
  }
});
