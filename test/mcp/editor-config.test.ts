import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { installEditorConfig } from '../../src/mcp/editor-config.js';
import { writeApp } from '../helpers/app.js';

const readJson = (root: string, path: string): unknown =>
  JSON.parse(readFileSync(join(root, path), 'utf8'));

describe('installEditorConfig', () => {
  it('writes .mcp.json for Claude Code with mcpServers', () => {
    const root = writeApp({});

    const installed = installEditorConfig(root, 'claude');

    expect(installed).toEqual({ path: '.mcp.json', outcome: 'added' });
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

    expect(second.outcome).toBe('unchanged');
    expect(readFileSync(join(root, '.mcp.json'), 'utf8')).toBe(first);
    expect(readdirSync(root)).toEqual(['.mcp.json']);
  });

  it('refuses a file that is not JSON, naming it, and leaves it as it was', () => {
    const root = writeApp({ '.mcp.json': '{ "mcpServers": ' });

    expect(() => installEditorConfig(root, 'claude')).toThrow(
      '.mcp.json:1:17 is not valid JSON (ValueExpected). Fix it by hand, then run "infrawise mcp install" again.',
    );
    expect(readFileSync(join(root, '.mcp.json'), 'utf8')).toBe('{ "mcpServers": ');
  });

  it('keeps an "infrawise" server that differs and replaces it only with force', () => {
    const mine = { mcpServers: { infrawise: { command: 'node', args: ['local/cli.js'] } } };
    const root = writeApp({ '.mcp.json': JSON.stringify(mine) });

    const kept = installEditorConfig(root, 'claude');
    const keptText = readFileSync(join(root, '.mcp.json'), 'utf8');
    const replaced = installEditorConfig(root, 'claude', { force: true });

    expect(kept).toEqual({ path: '.mcp.json', outcome: 'kept' });
    expect(keptText).toBe(JSON.stringify(mine));
    expect(replaced).toEqual({ path: '.mcp.json', outcome: 'replaced' });
    expect(readJson(root, '.mcp.json')).toEqual({
      mcpServers: { infrawise: { command: 'npx', args: ['infrawise', 'serve', '--stdio'] } },
    });
  });

  it('reads comments and trailing commas and keeps the comments when adding the server', () => {
    const text = [
      '{',
      '  // servers for this repository',
      '  "servers": {',
      '    "github": { "command": "gh-mcp" }, // the GitHub one',
      '  },',
      '}',
      '',
    ].join('\n');
    const root = writeApp({ '.vscode/mcp.json': text });

    const installed = installEditorConfig(root, 'vscode');

    const written = readFileSync(join(root, '.vscode/mcp.json'), 'utf8');
    expect(installed.outcome).toBe('added');
    expect(written).toContain('// servers for this repository');
    expect(written).toContain('// the GitHub one');
    expect(parse(written, [], { allowTrailingComma: true })).toEqual({
      servers: {
        github: { command: 'gh-mcp' },
        infrawise: { type: 'stdio', command: 'npx', args: ['infrawise', 'serve', '--stdio'] },
      },
    });
  });

  it('gives the line and column of a syntax error in a file with comments', () => {
    const root = writeApp({
      '.vscode/mcp.json': '{\n  // mine\n  "servers": {\n    "x" 1\n  }\n}\n',
    });

    expect(() => installEditorConfig(root, 'vscode')).toThrow(
      '.vscode/mcp.json:4:9 is not valid JSON (ColonExpected). Fix it by hand, then run "infrawise mcp install" again.',
    );
  });

  it('refuses a config path that is a folder and leaves no temporary file', () => {
    const root = writeApp({});
    mkdirSync(join(root, '.mcp.json'));

    expect(() => installEditorConfig(root, 'claude')).toThrow(
      '.mcp.json is a folder, not a file. Move or remove the folder, then run "infrawise mcp install" again.',
    );
    expect(readdirSync(root)).toEqual(['.mcp.json']);
  });

  it('refuses an editor folder that is a file and leaves no temporary file', () => {
    const root = writeApp({});
    writeFileSync(join(root, '.cursor'), 'not a folder');

    expect(() => installEditorConfig(root, 'cursor')).toThrow(
      '.cursor/mcp.json: ".cursor" is a file, not a folder. Move or remove that file, then run "infrawise mcp install" again.',
    );
    expect(readdirSync(root)).toEqual(['.cursor']);
  });
});
