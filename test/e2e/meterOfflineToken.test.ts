// Setting a token while Hugging Face cannot be reached, in a real VS Code (issue 14): code-server's HF_ENDPOINT
// points at a port where the mock HF API is not listening yet. The token is kept (no "did not accept"), and once
// the mock listens on that port, a refresh signs in with the kept token.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { MockHfApi, USAGE, WHOAMI } from "../mock-hf/mockHfApi";
import { ROOT } from "../support/paths";
import { launch, screenshot, until } from "./browser";
import { CodeServer } from "./codeServer";
import { tempDir } from "../support/tempDir";

const TOKEN = "hf_offlinee2etoken1234";
let browser: Browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test("a token set while HF is unreachable is kept, not called a rejection, and used once HF answers", async () => {
  // A free loopback port: taken by a mock that is stopped again, so connections to it are refused (offline).
  const api = new MockHfApi();
  await api.start();
  const url = api.url;
  const port = Number(new URL(url).port);
  await api.stop();

  const ws = tempDir("hfrg-meter-offline-");
  fs.cpSync(path.join(ROOT, "test", "e2e", "fixtures", "ws"), ws, { recursive: true });
  const server = await CodeServer.start({
    workspace: ws,
    env: { HF_ENDPOINT: url, HF_HOME: path.join(ws, ".hf-home"), HF_TOKEN: "", HUGGING_FACE_HUB_TOKEN: "" },
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const meter = () => page.locator(".statusbar-item", { hasText: /\bHF[\s:]/ }).first();
  try {
    await page.goto(`${server.url}/?folder=${encodeURIComponent(ws)}`);
    await page.waitForSelector(".monaco-workbench", { timeout: 60_000 });
    await until("the set-token state", async () => (await meter().innerText()).includes("HF: set token"));

    await page.keyboard.press("F1");
    await page.waitForSelector(".quick-input-widget input", { state: "visible" });
    await page.keyboard.type("HF Rate Guard: Set Hugging Face Token");
    await until(
      "the command in the palette",
      async () =>
        (await page.locator(".quick-input-list .monaco-list-row", { hasText: "Set Hugging Face Token" }).count()) > 0,
    );
    await page.keyboard.press("Enter");
    await until(
      "the token input box",
      async () => (await page.locator(".quick-input-widget input[type=password]").count()) > 0,
    );
    await page.keyboard.type(TOKEN);
    await page.keyboard.press("Enter");

    const saved = page.locator(".notification-toast", { hasText: /token saved/ });
    await until("the token-saved notification", async () => (await saved.count()) > 0);
    assert.match(await saved.first().innerText(), /could not be reached/);
    assert.equal(
      await page.locator(".notification-toast", { hasText: /did not accept/ }).count(),
      0,
      "not called a rejection",
    );
    assert.ok(!(await page.locator(".notifications-toasts").innerText()).includes(TOKEN), "the token is never shown");

    // HF comes back on the same port: a refresh uses the kept token.
    const back = new MockHfApi();
    back.set(WHOAMI, { body: { name: "ana", isPro: true, orgs: [] } });
    back.set(USAGE, {
      body: {
        usage: {
          inferenceProviders: { usedNanoUsd: 3e8, includedNanoUsd: 2e9, numRequests: 2, periodEnd: 1798761600 },
        },
      },
    });
    await back.start(port);
    try {
      await page.keyboard.press("F1");
      await page.waitForSelector(".quick-input-widget input", { state: "visible" });
      await page.keyboard.type("HF Rate Guard: Refresh Credit Meter");
      await until(
        "the refresh command",
        async () =>
          (await page.locator(".quick-input-list .monaco-list-row", { hasText: "Refresh Credit Meter" }).count()) > 0,
      );
      await page.keyboard.press("Enter");
      await until("the usage read with the kept token", async () =>
        (await meter().innerText()).includes("HF $0.30 / $2.00"),
      );
      assert.ok(back.requests.length > 0 && back.requests.every((r) => r.authorization === `Bearer ${TOKEN}`));
    } finally {
      await back.stop();
    }
  } catch (err) {
    throw new Error(`${(err as Error).message} (screenshot: ${await screenshot(page, "meter-offline-token")})`);
  } finally {
    await server.stop();
  }
});
