import { describe, expect, it } from 'vitest';
import { alternativesOf, splitVariables } from '../../../src/iac/serverless/variable-syntax.js';

describe('splitVariables', () => {
  it('splits text and variables, keeping nested variables inside the body', () => {
    expect(splitVariables('orders-${self:custom.${opt:stage}.table}-v2')).toEqual([
      { kind: 'text', text: 'orders-' },
      { kind: 'variable', body: 'self:custom.${opt:stage}.table' },
      { kind: 'text', text: '-v2' },
    ]);
  });

  it('leaves CloudFormation and IAM placeholders as text', () => {
    const text = 'arn:${AWS::Partition}:s3:::${Bucket}/${cognito-identity.amazonaws.com:sub}';

    expect(splitVariables(text)).toEqual([{ kind: 'text', text }]);
  });
});

describe('alternativesOf', () => {
  it('reads sources, quoted defaults, bare sources and nested variables', () => {
    expect(alternativesOf("opt:stage, self:provider.stage, ${env:STAGE}, 'dev'")).toEqual([
      { kind: 'source', source: 'opt', address: 'stage' },
      { kind: 'source', source: 'self', address: 'provider.stage' },
      { kind: 'nested', body: 'env:STAGE' },
      { kind: 'literal', value: 'dev' },
    ]);
  });

  it('reads a file source with its path and address', () => {
    expect(alternativesOf('file(./config.${sls:stage}.yml):tables.orders')).toEqual([
      {
        kind: 'source',
        source: 'file',
        parameter: './config.${sls:stage}.yml',
        address: 'tables.orders',
      },
    ]);
  });
});
