import { describe, expect, it } from 'vitest';
import { linkEntryPoints } from '../../src/graph/entry-points.js';
import type { LambdaResource } from '../../src/iac/resources.js';

function lambdaWith(fields: Partial<LambdaResource>): LambdaResource {
  return {
    kind: 'lambda',
    id: 'cdk.out/AppStack.template.json#Fn',
    logicalId: 'Fn',
    template: 'cdk.out/AppStack.template.json',
    location: { file: 'cdk.out/AppStack.template.json', line: 3, column: 3 },
    environment: {},
    events: [],
    policies: [],
    ...fields,
  };
}

describe('linkEntryPoints', () => {
  it('says a Lambda runs the code of the library that provides it', () => {
    const lambda = lambdaWith({ providedBy: 'aws-cdk-lib' });

    const { lambdaLinks } = linkEntryPoints([lambda], [], new Map());

    expect(lambdaLinks[0]?.reason).toBe(
      'its code comes with aws-cdk-lib, not from this repository',
    );
  });

  it('names no tried files when the handler has no candidate file', () => {
    const handler = { files: [], exportName: 'handler', text: 'index.handler' };

    const { lambdaLinks } = linkEntryPoints([lambdaWith({ handler })], [], new Map());

    expect(lambdaLinks[0]?.reason).toBe('no source file found for handler "index.handler"');
  });
});
