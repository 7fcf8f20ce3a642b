import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { ParseError } from 'jsonc-parser';
import { applyEdits, modify, parse, printParseErrorCode } from 'jsonc-parser';
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

// Editors read these files as JSON with comments and trailing commas (VS Code writes them so).
const JSONC = { allowTrailingComma: true, disallowComments: false };

const FORMATTING = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

const RERUN = 'then run "infrawise mcp install" again';

/**
 * What happened to the file: the entry was `added`, was already there as written (`unchanged`),
 * differed and was `kept` as the user had it, or differed and was `replaced` on request.
 */
export type InstallOutcome = 'added' | 'unchanged' | 'kept' | 'replaced';

export interface Installed {
  path: string;
  outcome: InstallOutcome;
}

export interface InstallOptions {
  /** Replace an "infrawise" entry that differs from the one infrawise writes. */
  force?: boolean;
}

/**
 * Adds the infrawise server to the editor's MCP config under `root`, keeping every other server
 * and key, and the comments and layout of the file. The file is replaced atomically: written
 * beside it, then renamed over it. Every problem is a `UserError` naming the file.
 */
export function installEditorConfig(
  root: string,
  editor: Editor,
  options: InstallOptions = {},
): Installed {
  const file = EDITOR_FILES[editor];
  const path = join(root, file.path);
  const text = readText(path, file.path);
  const existing = serversIn(text, file);
  const current = existing?.[SERVER_NAME];
  if (current !== undefined && isDeepStrictEqual(current, file.entry)) {
    return { path: file.path, outcome: 'unchanged' };
  }
  if (current !== undefined && !options.force) {
    return { path: file.path, outcome: 'kept' };
  }

  writeAtomically(path, file.path, withEntry(text, file));

  return { path: file.path, outcome: current === undefined ? 'added' : 'replaced' };
}

/** The file's text, or undefined when there is no file yet. */
function readText(path: string, shown: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') {
      return undefined;
    }
    throw fileError(shown, error, 'read');
  }
}

function serversIn(
  text: string | undefined,
  file: EditorFile,
): Record<string, unknown> | undefined {
  if (text === undefined || text.trim() === '') {
    return undefined;
  }

  const errors: ParseError[] = [];
  const config: unknown = parse(text, errors, JSONC);
  const [first] = errors;
  if (first) {
    const { line, column } = lineAndColumn(text, first.offset);
    throw new UserError(
      'editor-config-invalid',
      `${file.path}:${line}:${column} is not valid JSON (${printParseErrorCode(first.error)}). Fix it by hand, ${RERUN}.`,
    );
  }
  if (!isRecord(config)) {
    throw new UserError(
      'editor-config-invalid',
      `${file.path} does not hold a JSON object. Fix it by hand, ${RERUN}.`,
    );
  }

  return serversOf(config, file);
}

function serversOf(config: Record<string, unknown>, file: EditorFile): Record<string, unknown> {
  const servers = config[file.key] ?? {};
  if (!isRecord(servers)) {
    throw new UserError(
      'editor-config-invalid',
      `${file.path}: "${file.key}" is not an object. Fix it by hand, ${RERUN}.`,
    );
  }

  return servers;
}

// Editing the text in place, rather than printing the parsed object, keeps comments and layout.
function withEntry(text: string | undefined, file: EditorFile): string {
  if (text === undefined || text.trim() === '') {
    return `${JSON.stringify({ [file.key]: { [SERVER_NAME]: file.entry } }, null, 2)}\n`;
  }

  const edits = modify(text, [file.key, SERVER_NAME], file.entry, FORMATTING);

  return applyEdits(text, edits);
}

function writeAtomically(path: string, shown: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw fileError(shown, error, 'write');
  }
}

function fileError(shown: string, error: unknown, doing: 'read' | 'write'): UserError {
  switch (codeOf(error)) {
    case 'EISDIR':
      return new UserError(
        'editor-config-unwritable',
        `${shown} is a folder, not a file. Move or remove the folder, ${RERUN}.`,
      );
    case 'ENOTDIR':
    case 'EEXIST':
      return new UserError(
        'editor-config-unwritable',
        `${shown}: "${dirname(shown)}" is a file, not a folder. Move or remove that file, ${RERUN}.`,
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new UserError(
        'editor-config-unwritable',
        `${shown}: no permission to ${doing} it. Check its permissions and those of its folder, ${RERUN}.`,
      );
    default:
      return new UserError(
        'editor-config-unwritable',
        `${shown}: cannot ${doing} it (${messageOf(error)}). Fix the cause, ${RERUN}.`,
      );
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');

  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

function codeOf(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
