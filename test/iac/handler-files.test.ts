import { describe, expect, it } from 'vitest';
import { handlerRefOf } from '../../src/iac/handler-files.js';

const base = { templateDir: '', entryPoints: [], isInline: false };

describe('handlerRefOf', () => {
  it('splits the export at the last dot and lists script extensions, TypeScript first', () => {
    const ref = handlerRefOf({
      ...base,
      codeUri: 'services/orders/',
      handler: 'handlers/create-order.handler',
    });

    expect(ref?.exportName).toBe('handler');
    expect(ref?.text).toBe('handlers/create-order.handler');
    expect(ref?.files).toEqual([
      'services/orders/handlers/create-order.ts',
      'services/orders/handlers/create-order.mts',
      'services/orders/handlers/create-order.cts',
      'services/orders/handlers/create-order.js',
      'services/orders/handlers/create-order.mjs',
      'services/orders/handlers/create-order.cjs',
      'services/orders/handlers/create-order.tsx',
      'services/orders/handlers/create-order.jsx',
    ]);
  });

  it('resolves files from the template folder', () => {
    const ref = handlerRefOf({
      ...base,
      templateDir: 'infra',
      codeUri: '../app',
      handler: 'index.main',
    });

    expect(ref?.files[0]).toBe('app/index.ts');
    expect(ref?.exportName).toBe('main');
  });

  it('maps a build output folder back to the sources first', () => {
    const ref = handlerRefOf({ ...base, codeUri: 'dist/', handler: 'handlers/x.handler' });

    expect(ref?.files.filter(file => file.endsWith('.ts'))).toEqual([
      'src/handlers/x.ts',
      'handlers/x.ts',
      'dist/handlers/x.ts',
    ]);
    expect(ref?.files).toContain('dist/handlers/x.js');
  });

  it('maps a SAM build folder back to the sources', () => {
    const ref = handlerRefOf({ ...base, codeUri: '.aws-sam/build/Orders', handler: 'app.handler' });

    expect(ref?.files.slice(0, 1)).toEqual(['src/app.ts']);
    expect(ref?.files).toContain('app.ts');
  });

  it('puts the esbuild entry point first', () => {
    const ref = handlerRefOf({
      ...base,
      codeUri: 'hello-world/',
      handler: 'app.lambdaHandler',
      entryPoints: ['app.ts'],
    });

    expect(ref?.files[0]).toBe('hello-world/app.ts');
    expect(ref?.exportName).toBe('lambdaHandler');
  });

  it('picks the esbuild entry point that matches the handler among several', () => {
    const ref = handlerRefOf({
      ...base,
      codeUri: 'src',
      handler: 'orders.handler',
      entryPoints: ['lib/users.ts', 'lib/orders.ts'],
    });

    expect(ref?.files[0]).toBe('src/lib/orders.ts');
  });

  it('has no files for inline code', () => {
    expect(handlerRefOf({ ...base, handler: 'index.handler', isInline: true })).toEqual({
      files: [],
      exportName: 'handler',
      text: 'index.handler',
    });
  });

  it('has no reference for a handler without an export', () => {
    expect(handlerRefOf({ ...base, handler: 'index' })).toBeUndefined();
  });

  it('looks for Python files for a Python runtime', () => {
    const ref = handlerRefOf({
      ...base,
      codeUri: 'src',
      handler: 'app.lambda_handler',
      runtime: 'python3.12',
    });

    expect(ref?.files).toEqual(['src/app.py']);
  });
});
