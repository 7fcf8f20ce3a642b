import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError, messageOf } from '../errors.js';

export type Editor = 'claude' | 'cursor' | 'vscode';

interface EditorFile {
  /** Relative to the repository root. */
  path: string;
  /** The key that holds the servers. */
  key: 'mcpServers' | 'servers';
  entry: Record<string, unknown>;
}

const SERVER_NAME = 'infrawise';

const COMMAND = { command: 'npx', args: ['infrawise', 'serve', '--stdio'] };

const EDITOR_FILES: Record<Editor, EditorFile> = {
  claude: { path: '.mcp.json', key: 'mcpServers', entry: COMMAND },
  cursor: { path: '.cursor/mcp.json', key: 'mcpServers', entry: COMMAND },
  vscode: { path: '.vscode/mcp.json', key: 'servers', entry: { type: 'stdio', ...COMMAND } },
};

export interface Installed {
  path: string;
  /** False when the file already held this exact entry. */
  changed: boolean;
}

/**
 * Adds the infrawise server to the editor's MCP config under `root`, keeping every other server
 * and key. The file is replaced atomically: written beside it, then renamed over it.
 */
export function installEditorConfig(root: string, editor: Editor): Installed {
  const file = EDITOR_FILES[editor];
  const path = join(root, file.path);
  const config = readConfig(path, file.path);
  const servers = config[file.key] ?? {};
  if (!isRecord(servers)) {
    throw new UserError(
      'editor-config-invalid',
      `${file.path}: "${file.key}" is not an object. Fix it by hand, then run "infrawise mcp install" again.`,
    );
  }

  if (JSON.stringify(servers[SERVER_NAME]) === JSON.stringify(file.entry)) {
    return { path: file.path, changed: false };
  }

  const updated = { ...config, [file.key]: { ...servers, [SERVER_NAME]: file.entry } };
  writeAtomically(path, `${JSON.stringify(updated, null, 2)}\n`);

  return { path: file.path, changed: true };
}

function readConfig(path: string, shown: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {};
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UserError(
      'editor-config-invalid',
      `${shown} is not valid JSON (${messageOf(error)}). Fix it by hand, then run "infrawise mcp install" again.`,
    );
  }
  if (!isRecord(parsed)) {
    throw new UserError(
      'editor-config-invalid',
      `${shown} does not hold a JSON object. Fix it by hand, then run "infrawise mcp install" again.`,
    );
  }

  return parsed;
}

function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
