// workspace/didChangeConfiguration: settings are pulled again per resource, and every diagnostic refreshed.
import type { ReadyServer } from "../readyServer";

export function didChangeConfiguration(server: ReadyServer): void {
  server.settings.clear();
  server.engine.refreshAll();
  server.problems.settingsChanged();
}
