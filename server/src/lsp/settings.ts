// Settings are pulled per resource through workspace/configuration (multi-root, per-folder), cached per
// document URI only until the client says they changed. Missing or malformed values fall back to defaults.
import type { Connection } from "vscode-languageserver";
import { DEFAULT_SETTINGS, type Settings } from "../../../shared/src/settings";
import { isRuleCode, type RuleCode, type RuleSetting } from "../../../shared/src/rules";
import type { ConfigOverrides } from "../analysis/config/types";

export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  constructor(
    private readonly connection: Connection,
    private readonly supported: () => boolean,
  ) {}

  clear(): void {
    this.cache.clear();
  }

  get(uri: string): Promise<Settings> {
    let entry = this.cache.get(uri);
    if (!entry) {
      entry = this.fetch(uri);
      this.cache.set(uri, entry);
    }
    return entry;
  }

  private async fetch(uri: string): Promise<Settings> {
    if (!this.supported()) return DEFAULT_SETTINGS;
    try {
      const raw = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: "hfRateGuard" });
      return normalize(raw);
    } catch {
      return DEFAULT_SETTINGS;
    }
  }
}

/** `hfRateGuard.fixes.helper` arrives nested (`{ fixes: { helper } }`). */
function helperSetting(value: unknown): Settings["fixHelper"] {
  return value === "inline" || value === "module" ? value : "auto";
}

export function normalize(raw: unknown): Settings {
  const r = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const rules: Partial<Record<RuleCode, RuleSetting>> = {};
  if (r.rules && typeof r.rules === "object") {
    for (const [code, value] of Object.entries(r.rules as Record<string, unknown>)) {
      if (isRuleCode(code) && (value === "off" || value === "info" || value === "warning" || value === "error"))
        rules[code] = value;
    }
  }
  return {
    enable: typeof r.enable === "boolean" ? r.enable : DEFAULT_SETTINGS.enable,
    rules,
    billTo: typeof r.billTo === "string" ? r.billTo.trim() : DEFAULT_SETTINGS.billTo,
    run: r.run === "onSave" ? "onSave" : "onType",
    diagnosticMode: r.diagnosticMode === "openFilesOnly" ? "openFilesOnly" : "workspace",
    fixHelper: helperSetting((r.fixes as Record<string, unknown> | undefined)?.helper),
  };
}

const overrides = new WeakMap<Settings, ConfigOverrides>();

/** One overrides object per settings object: the analyzer remembers merged configs per overrides object. */
export function overridesOf(settings: Settings): ConfigOverrides {
  let o = overrides.get(settings);
  if (!o)
    overrides.set(
      settings,
      (o = {
        billTo: settings.billTo || undefined,
        rules: settings.rules,
        fixHelper: settings.fixHelper === "auto" ? undefined : settings.fixHelper,
      }),
    );
  return o;
}
