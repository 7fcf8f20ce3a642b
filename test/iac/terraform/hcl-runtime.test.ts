import { describe, expect, it } from 'vitest';
import { callHcl } from '../../../src/iac/terraform/hcl-runtime.js';

// Three thousand nested parentheses overflow the parser's stack inside WebAssembly.
const crashing = `a = ${'('.repeat(3000)}1${')'.repeat(3000)}\n`;

describe('callHcl', () => {
  it("answers a file's JSON, and the parser's message for a syntax error", () => {
    const parsed = callHcl('parse', 'main.tf', 'locals {\n  a = 1\n}\n');
    const broken = callHcl('parse', 'main.tf', 'a = (\n');

    expect(parsed).toEqual({ kind: 'result', text: '{"locals":[{"a":1}]}' });
    expect(broken).toEqual({
      kind: 'error',
      message:
        'parse config: [main.tf:2,1-1: Missing expression; Expected the start of an expression, but found the end of the file.]',
    });
  });

  it('reports a call that crashes the parser and answers the next call on a fresh one', () => {
    const crashed = callHcl('parse', 'deep.tf', crashing);
    const next = callHcl('parse', 'next.tf', 'b = "two"\n');
    const expression = callHcl('getExpressionAst', 'expression.tf', 'var.name');

    expect(crashed).toEqual({ kind: 'crash', message: 'Maximum call stack size exceeded' });
    expect(next).toEqual({ kind: 'result', text: '{"b":"two"}' });
    expect(expression.kind).toBe('result');
  });
});
