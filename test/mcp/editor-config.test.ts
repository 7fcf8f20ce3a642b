import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installEditorConfig } from '../../src/mcp/editor-config.js';
import { writeApp } from '../helpers/app.js';

const readJson = (root: string, path: string): unknown =>
  JSON.parse(readFileSync(join(root, path), 'utf8'));

describe('installEditorConfig', () => {
  it('writes .mcp.json for Claude Code with mcpServers', () => {
    const root = writeApp({});

    const installed = installEditorConfig(root, 'claude');

    expect(installed).toEqual({ path: '.mcp.json', changed: true });
    expect(readJson(root, '.mcp.json')).toEqual({
      mcpServers: { infrawise: { command: 'npx', args: ['infrawise', 'serve', '--stdio'] } },
    });
  });

  it('writes .vscode/mcp.json with servers and type stdio', () => {
    const root = writeApp({});

    installEditorConfig(root, 'vscode');

    expect(readJson(root, '.vscode/mcp.json')).toEqual({
      servers: {
        infrawise: { type: 'stdio', command: 'npx', args: ['infrawise', 'serve', '--stdio'] },
      },
    });
  });

  it('keeps the servers and keys already in the file', () => {
    const existing = { mcpServers: { github: { command: 'gh-mcp' } }, other: true };
    const root = writeApp({ '.cursor/mcp.json': JSON.stringify(existing) });

    installEditorConfig(root, 'cursor');

    expect(readJson(root, '.cursor/mcp.json')).toEqual({
      mcpServers: {
        github: { command: 'gh-mcp' },
        infrawise: { command: 'npx', args: ['infrawise', 'serve', '--stdio'] },
      },
      other: true,
    });
  });

  it('changes nothing when run twice and leaves no temporary file', () => {
    const root = writeApp({});
    installEditorConfig(root, 'claude');
    const first = readFileSync(join(root, '.mcp.json'), 'utf8');

    const second = installEditorConfig(root, 'claude');

    expect(second.changed).toBe(false);
    expect(readFileSync(join(root, '.mcp.json'), 'utf8')).toBe(first);
    expect(readdirSync(root)).toEqual(['.mcp.json']);
  });

  it('refuses a file that is not JSON, naming it, and leaves it as it was', () => {
    const root = writeApp({ '.mcp.json': '{ "mcpServers": ' });

    expect(() => installEditorConfig(root, 'claude')).toThrow(/\.mcp\.json is not valid JSON/);
    expect(readFileSync(join(root, '.mcp.json'), 'utf8')).toBe('{ "mcpServers": ');
  });
});
