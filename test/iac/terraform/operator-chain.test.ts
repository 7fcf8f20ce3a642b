import { describe, expect, it } from 'vitest';
import { longestOperatorChainOf } from '../../../src/iac/terraform/operator-chain.js';

describe('longestOperatorChainOf', () => {
  it('counts the operators chained at one level of brackets', () => {
    expect(longestOperatorChainOf('a + b - c * d', false)).toBe(3);
    expect(longestOperatorChainOf('x ? 1 : y ? 2 : 3', false)).toBe(2);
    expect(longestOperatorChainOf('a == b && c != d || !e', false)).toBe(5);
    expect(longestOperatorChainOf('a + (b) + (c + d) + e', false)).toBe(3);
  });

  it('counts each `-` and `!` of a run, spaced or not', () => {
    expect(longestOperatorChainOf(`${'- '.repeat(40)}1`, false)).toBe(40);
    expect(longestOperatorChainOf(`${'-'.repeat(40)}1`, false)).toBe(40);
    expect(longestOperatorChainOf('!!!x', false)).toBe(3);
  });

  it('starts again at each item of a list, map or object', () => {
    expect(longestOperatorChainOf('[a + b, c + d, e + f]', false)).toBe(1);
    expect(longestOperatorChainOf('{\n  a = x - 1\n  b = y - 1\n}', false)).toBe(1);
    expect(longestOperatorChainOf('{ for k, v in var.m : k => v if v != null }', false)).toBe(2);
  });

  it('skips strings, comments and the literal text of a template', () => {
    const policy = `\${jsonencode({
      # ------------------------------------------------
      Resource = "arn:aws:dynamodb:eu-west-1:*:table/orders-*-*" // - - - - - - - - - -
      /* ---------------------------------------------- */
    })}`;

    expect(longestOperatorChainOf(policy, true)).toBe(0);
    expect(longestOperatorChainOf(`${'-'.repeat(60)} \${var.a - 1} ${'-'.repeat(60)}`, true)).toBe(
      1,
    );
    expect(longestOperatorChainOf('"a - b - c" + d', false)).toBe(1);
  });

  it('counts inside an interpolation within a quoted string', () => {
    expect(longestOperatorChainOf('"${a + b + c}" + d', false)).toBe(2);
  });
});
