import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UserError, isUserError } from '../errors.js';
import type { Editor, Installed } from '../mcp/editor-config.js';
import { installEditorConfig } from '../mcp/editor-config.js';
import { EXIT } from './exit-codes.js';

interface InstallOptions {
  claude?: boolean;
  cursor?: boolean;
  vscode?: boolean;
  force?: boolean;
}

const EDITORS: Editor[] = ['claude', 'cursor', 'vscode'];

/** `infrawise mcp install`: adds the server to an editor's MCP config in the repository. */
export function registerMcpInstallCommand(
  program: Command,
  setExitCode: (code: number) => void,
): void {
  program
    .command('mcp')
    .description('set up editors to use the infrawise MCP server')
    .command('install')
    .description(
      'add infrawise to the MCP config of Claude Code, Cursor or VS Code, keeping other servers',
    )
    .argument('[path]', 'repository whose editor config to write', '.')
    .option('--claude', 'write .mcp.json (Claude Code)')
    .option('--cursor', 'write .cursor/mcp.json (Cursor)')
    .option('--vscode', 'write .vscode/mcp.json (VS Code)')
    .option('--force', 'replace an "infrawise" server that differs from the one infrawise writes')
    .action((path: string, options: InstallOptions) => setExitCode(install(path, options)));
}

// Each editor's file is its own step: one that cannot be written does not stop the others.
function install(path: string, options: InstallOptions): number {
  const editors = EDITORS.filter(editor => options[editor]);
  if (editors.length === 0) {
    throw new UserError(
      'mcp-install-editor',
      'Name the editor: --claude, --cursor or --vscode (several may be given).',
    );
  }

  const root = checkedRoot(path);
  let failed = false;
  for (const editor of editors) {
    try {
      const installed = installEditorConfig(root, editor, { force: options.force });
      process.stdout.write(`${describe(installed)}\n`);
    } catch (error) {
      if (!isUserError(error)) {
        throw error;
      }
      process.stderr.write(`${error.message}\n`);
      failed = true;
    }
  }

  return failed ? EXIT.UNTRUSTED : EXIT.OK;
}

function checkedRoot(path: string): string {
  const root = resolve(path);
  if (!existsSync(root)) {
    throw new UserError(
      'root-missing',
      `"${path}" does not exist. Give the path of the repository whose editor config to write.`,
    );
  }
  if (!statSync(root).isDirectory()) {
    throw new UserError(
      'root-missing',
      `"${path}" is a file, not a directory. Give the path of the repository whose editor config to write.`,
    );
  }

  return root;
}

function describe(installed: Installed): string {
  switch (installed.outcome) {
    case 'added':
      return `${installed.path}: added the "infrawise" server.`;
    case 'replaced':
      return `${installed.path}: replaced the "infrawise" server (--force).`;
    case 'unchanged':
      return `${installed.path}: already has the "infrawise" server; nothing changed.`;
    case 'kept':
      return `${installed.path}: kept the existing "infrawise" server, which differs from the one infrawise writes; remove it first, or run again with --force, to have it rewritten.`;
  }
}
