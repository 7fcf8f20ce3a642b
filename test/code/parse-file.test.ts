import { describe, expect, it } from 'vitest';
import { parseFile } from '../../src/code/parse-file.js';

describe('parseFile', () => {
  it('reads JSX in a plain .js file, as React projects write it', () => {
    const parsed = parseFile(
      'www/src/index.js',
      'export const App = () => <div className="app">{title}</div>;\n',
    );

    expect(parsed.ok).toBe(true);
  });

  it('reports a syntax error with its line', () => {
    const parsed = parseFile('src/a.ts', 'const a = 1;\nconst = 2;\n');

    expect(parsed).toMatchObject({ ok: false, line: 2 });
  });
});
