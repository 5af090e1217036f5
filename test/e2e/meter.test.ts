// The credit meter in a real VS Code: code-server started with HF_ENDPOINT pointing at a mock HF API on
// 127.0.0.1 and HF_TOKEN set. Reads the status bar and its tooltip, refreshes after the mock's usage changes,
// shows the error state when credits are depleted, and the sign-in state without a token. Clicking it opens its
// menu, where "Bill to…" switches to an org's pooled usage and hands the org to the language server (HF003); the
// 80% and 100% notifications come once each.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { MockHfApi, orgUsage, overview, USAGE, WHOAMI } from "../mock-hf/mockHfApi";
import { ROOT } from "../support/paths";
import { launch, openFile, openWorkbench as workbenchPage, screenshot, until } from "./browser";
import { CodeServer } from "./codeServer";
import { captureForReadme } from "./readmeImages";
import { tempDir } from "../support/tempDir";

const api = new MockHfApi();
let browser: Browser;

const usage = (used: number) => ({
  body: {
    usage: {
      inferenceProviders: { usedNanoUsd: used * 1e9, includedNanoUsd: 2e9, numRequests: 9, periodEnd: 1798761600 },
    },
  },
});

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
  const ws = tempDir("hfrg-meter-");
  fs.cpSync(path.join(ROOT, "test", "e2e", "fixtures", "ws"), ws, { recursive: true });
  const server = await CodeServer.start({
    workspace: ws,
    env: { HF_ENDPOINT: api.url, HF_HOME: path.join(ws, ".hf-home"), ...env },
  });
  return { server, page: await workbenchPage(browser, server.url, ws) };
}

function meterItem(page: Page) {
  return page.locator(".statusbar-item", { hasText: /^HF[\s:$]/ }).first();
}

/** Rows of the open quick pick, by label. */
async function quickPickRows(page: Page): Promise<string[]> {
  return page.locator(".quick-input-widget .quick-input-list .monaco-list-row").allInnerTexts();
}

async function pickRow(page: Page, label: string): Promise<void> {
  const row = page.locator(".quick-input-widget .quick-input-list .monaco-list-row", { hasText: label }).first();
  await until(`"${label}" in the quick pick`, async () => (await row.count()) > 0);
  await row.click();
}

function toasts(page: Page, text: RegExp): Promise<number> {
  return page.locator(".notification-toast", { hasText: text }).count();
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press("F1");
  await page.waitForSelector(".quick-input-widget input", { state: "visible" });
  await page.keyboard.type(title);
  await until(
    `"${title}" in the command palette`,
    async () => (await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).count()) > 0,
  );
  await page.keyboard.press("Enter");
}

test("the meter shows usage, its tooltip, refreshes, and turns red when credits are depleted", async () => {
  const { server, page } = await openWorkbench({ HF_TOKEN: "hf_e2etoken1234567" });
  try {
    const item = meterItem(page);
    await until("the usage in the status bar", async () => (await item.innerText()).includes("HF $1.60 / $2.00"));
    assert.match((await item.getAttribute("class")) ?? "", /warning-kind/, "80% of the credits: warning background");
    await item.hover();
    await until("the tooltip", async () =>
      /Used \$1\.60 of \$2\.00 included/.test(await page.locator(".monaco-hover").first().innerText()),
    );
    await captureForReadme(page, "meter", [item, page.locator(".monaco-hover").first()]);
    await page.mouse.move(10, 10);

    api.set(USAGE, usage(0.5));
    await runCommand(page, "HF Rate Guard: Refresh Credit Meter");
    await until("the refreshed usage", async () => (await meterItem(page).innerText()).includes("HF $0.50 / $2.00"));

    api.set(USAGE, usage(2));
    await runCommand(page, "HF Rate Guard: Refresh Credit Meter");
    await until("the depleted state", async () => (await meterItem(page).innerText()).includes("HF $2.00 / $2.00"));
    await until("the error background", async () =>
      /error-kind/.test((await meterItem(page).getAttribute("class")) ?? ""),
    );
    assert.ok(api.requests.every((r) => r.authorization === "Bearer hf_e2etoken1234567"));
  } catch (err) {
    throw new Error(`${(err as Error).message} (screenshot: ${await screenshot(page, "meter")})`);
  } finally {
    await server.stop();
  }
});

test("without a token the meter says Set token, the words of its menu item", async () => {
  const env = { HF_TOKEN: "", HUGGING_FACE_HUB_TOKEN: "" };
  const { server, page } = await openWorkbench(env);
  try {
    await until(
      "the set-token state",
      async () => (await page.locator(".statusbar-item", { hasText: "HF: set token" }).count()) > 0,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message} (screenshot: ${await screenshot(page, "meter-signed-out")})`);
  } finally {
    await server.stop();
  }
});

test("clicking the meter opens its menu; Bill to… shows the org's pooled usage and gives HF003 the org", async () => {
  api.set(WHOAMI, { body: { name: "ana", isPro: true, orgs: [{ name: "acme", plan: "team" }] } });
  api.set(overview("acme"), { body: { plan: "team", numUsers: 4 } });
  api.set(orgUsage("acme"), {
    body: {
      usage: {
        inferenceProviders: { usedNanoUsd: 3e9, includedNanoUsd: 8e9, numRequests: 120, periodEnd: 1798761600 },
      },
    },
  });
  api.set(USAGE, usage(0.4));
  const { server, page } = await openWorkbench({ HF_TOKEN: "hf_e2etoken1234567" });
  try {
    await until("the personal usage", async () => (await meterItem(page).innerText()).includes("HF $0.40 / $2.00"));
    await meterItem(page).click();
    await until("the meter's menu", async () => (await quickPickRows(page)).length >= 5);
    const rows = (await quickPickRows(page)).join("\n");
    for (const entry of ["Refresh", "Open billing page", "Bill to…", "Set token", "Hide meter"])
      assert.ok(rows.includes(entry), `menu lists ${entry}: ${rows}`);
    assert.ok(!rows.includes("Sign out"), "no Sign out: the token comes from HF_TOKEN, nothing was saved to forget");

    await pickRow(page, "Bill to…");
    await until("the org choices", async () => (await quickPickRows(page)).some((r) => r.includes("acme")));
    assert.ok((await quickPickRows(page)).some((r) => r.includes("Personal account")));
    await pickRow(page, "acme");
    await until("the org's pooled usage", async () => (await meterItem(page).innerText()).includes("HF $3.00 / $8.00"));
    assert.ok(api.requests.some((r) => r.path.startsWith(orgUsage("acme"))));

    // The same org reaches the language server: the router call in app.py now lacks bill-to in an org context.
    await openFile(page, "app.py");
    await page.keyboard.press("Control+Shift+M");
    await until("an HF003 row naming acme", async () =>
      /HF003[\s\S]*acme|acme[\s\S]*HF003/.test(await page.locator(".markers-panel").innerText()),
    );
  } catch (err) {
    throw new Error(`${(err as Error).message} (screenshot: ${await screenshot(page, "meter-menu")})`);
  } finally {
    await server.stop();
    api.set(WHOAMI, { body: { name: "ana", isPro: true, orgs: [] } });
  }
});

test("crossing 80% and then 100% notifies once each, never again in the same period", async () => {
  api.set(USAGE, usage(1.7));
  const { server, page } = await openWorkbench({ HF_TOKEN: "hf_e2etoken1234567" });
  try {
    const at80 = /85% of this month's Hugging Face credits are used/;
    await until("the 80% notification", async () => (await toasts(page, at80)) === 1);

    api.set(USAGE, usage(1.72));
    await runCommand(page, "HF Rate Guard: Refresh Credit Meter");
    await until("the refreshed usage", async () => (await meterItem(page).innerText()).includes("HF $1.72 / $2.00"));
    assert.equal(await toasts(page, /of this month's Hugging Face credits are used/), 1, "80% is not announced again");

    api.set(USAGE, usage(2));
    await runCommand(page, "HF Rate Guard: Refresh Credit Meter");
    const at100 = /credits are used up/;
    await until("the 100% notification", async () => (await toasts(page, at100)) === 1);
    api.set(USAGE, usage(2.01));
    await runCommand(page, "HF Rate Guard: Refresh Credit Meter");
    await until("the refreshed usage", async () => (await meterItem(page).innerText()).includes("HF $2.01 / $2.00"));
    assert.equal(await toasts(page, at100), 1, "100% is not announced again");
  } catch (err) {
    throw new Error(`${(err as Error).message} (screenshot: ${await screenshot(page, "meter-notifications")})`);
  } finally {
    await server.stop();
  }
});
