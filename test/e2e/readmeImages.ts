// README's screenshots are taken by the real-VS-Code tests, so they always show the product as it is. Each is
// clipped to the part of the window that matters and written to images/ (README links them) when it differs from
// the one there by more than a blinking cursor or a clock (2% of its pixels), so a test run leaves git clean
// unless the UI changed.
import fs from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { ROOT } from "../support/paths";
import { pixelDifference } from "./pngPixels";

const UNCHANGED_BELOW = 0.02;

/** Saves the smallest rectangle holding every given element (plus a margin) as images/<name>.png. */
export async function captureForReadme(page: Page, name: string, parts: Locator[], margin = 16): Promise<string> {
  const boxes = (await Promise.all(parts.map((p) => p.first().boundingBox()))).filter((b) => b !== null);
  if (boxes.length === 0) throw new Error(`nothing visible to capture for ${name}`);
  const viewport = page.viewportSize() ?? { width: 1400, height: 900 };
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - margin);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - margin);
  const right = Math.min(viewport.width, Math.max(...boxes.map((b) => b.x + b.width)) + margin);
  const bottom = Math.min(viewport.height, Math.max(...boxes.map((b) => b.y + b.height)) + margin);
  const file = path.join(ROOT, "images", `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const shot = await page.screenshot({ clip: { x, y, width: right - x, height: bottom - y } });
  if (!fs.existsSync(file) || pixelDifference(fs.readFileSync(file), shot) >= UNCHANGED_BELOW)
    fs.writeFileSync(file, shot);
  return file;
}
