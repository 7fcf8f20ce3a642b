import { describe, expect, it } from 'vitest';
import { parseCdkSource } from '../../../src/iac/cdk/parse-cdk-source.js';
import { propOf } from '../../../src/iac/cdk/construct-props.js';
import { staticPathOf } from '../../../src/iac/cdk/static-values.js';

function entryOf(expression: string): string | undefined {
  const text = `import * as path from 'path';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
const base = path.join(__dirname, '..');
new NodejsFunction(this, 'Fn', { entry: ${expression} });
`;
  const read = parseCdkSource('app/infra/stack.ts', text, {
    absoluteFile: '/repo/app/infra/stack.ts',
    appRoot: '/repo/app',
  });
  if (!read.ok) {
    throw new Error(read.error);
  }

  const construct = read.source.constructs[0];
  return staticPathOf(propOf(construct?.props, 'entry'), read.source.scope, '/repo');
}

describe('staticPathOf', () => {
  it('resolves path.join(__dirname, ...) against the defining file', () => {
    expect(entryOf("path.join(__dirname, '../src/x.ts')")).toBe('app/src/x.ts');
  });

  it('resolves a template literal with __dirname', () => {
    expect(entryOf('`${__dirname}/handlers/y.ts`')).toBe('app/infra/handlers/y.ts');
  });

  it('resolves a plain relative string and path.resolve against the app root', () => {
    expect(entryOf("'src/z.ts'")).toBe('app/src/z.ts');
    expect(entryOf("path.resolve('lambda', 'w.ts')")).toBe('app/lambda/w.ts');
  });

  it('follows a constant of the file', () => {
    expect(entryOf("path.join(base, 'src', 'v.ts')")).toBe('app/src/v.ts');
  });

  it('leaves a value computed at run time unresolved', () => {
    expect(entryOf('process.env.ENTRY')).toBeUndefined();
  });
});
