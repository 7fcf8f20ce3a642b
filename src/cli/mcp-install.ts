import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import type { Editor } from '../mcp/editor-config.js';
import { installEditorConfig } from '../mcp/editor-config.js';
import { EXIT } from './exit-codes.js';

interface InstallOptions {
  claude?: boolean;
  cursor?: boolean;
  vscode?: boolean;
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
    .action((path: string, options: InstallOptions) => setExitCode(install(path, options)));
}

function install(path: string, options: InstallOptions): number {
  const editors = EDITORS.filter(editor => options[editor]);
  if (editors.length === 0) {
    throw new UserError(
      'mcp-install-editor',
      'Name the editor: --claude, --cursor or --vscode (several may be given).',
    );
  }

  const root = resolve(path);
  for (const editor of editors) {
    const installed = installEditorConfig(root, editor);
    process.stdout.write(
      installed.changed
        ? `${installed.path}: added the "infrawise" server.\n`
        : `${installed.path}: already has the "infrawise" server; nothing changed.\n`,
    );
  }

  return EXIT.OK;
}
