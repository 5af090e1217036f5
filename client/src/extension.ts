// STUB owned by the client work: starts the language server and the credit meter.
import type * as vscode from "vscode";

export function activate(_context: vscode.ExtensionContext): void {}

export function deactivate(): void {}
