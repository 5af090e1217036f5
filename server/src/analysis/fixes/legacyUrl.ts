// HF007: api-inference.huggingface.co/models/{id} -> router.huggingface.co/hf-inference/models/{id}.
import type { Fix } from "../diagnostic";
import { makeFix, type FixContext } from "./context";

const LEGACY = /api-inference\.huggingface\.co\/models\//g;

export function legacyUrlFix(ctx: FixContext): Fix[] {
  const edits = [...ctx.text.matchAll(LEGACY)].map((m) => ({
    start: m.index!,
    end: m.index! + m[0].length,
    newText: "router.huggingface.co/hf-inference/models/",
  }));
  return edits.length ? [makeFix(ctx, "HF007: Use the Inference Providers router URL", "quickfix", true, edits)] : [];
}
