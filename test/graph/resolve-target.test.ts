import { describe, expect, it } from 'vitest';
import type { LambdaResource, QueueResource, TableResource } from '../../src/iac/resources.js';
import { resolveMessageTarget, resolveTarget, textOf } from '../../src/graph/resolve-target.js';
import type { MessagingDirectory, TableDirectory } from '../../src/graph/resolve-target.js';

const location = { file: 'template.yaml', line: 3, column: 3 };

const orders: TableResource = {
  kind: 'table',
  id: 'template.yaml#Orders',
  logicalId: 'Orders',
  template: 'template.yaml',
  location,
  name: 'orders-prod',
  nameIsLogicalId: false,
  indexes: [],
  pointInTimeRecovery: false,
  deletionProtection: false,
};

const directory: TableDirectory = {
  byId: new Map([[orders.id, orders]]),
  byName: new Map([[orders.name, orders]]),
  parameterDefaults: new Map([['template.yaml#Stage', 'dev']]),
  computedNames: [],
};

function lambdaWith(environment: LambdaResource['environment']): LambdaResource {
  return {
    kind: 'lambda',
    id: 'template.yaml#Fn',
    logicalId: 'Fn',
    template: 'template.yaml',
    location,
    environment,
    events: [],
    policies: [],
  };
}

describe('resolveTarget', () => {
  it('joins process.env to the table resource the Lambda sets it from', () => {
    const lambda = lambdaWith({ ORDERS: { kind: 'resource', logicalId: 'Orders' } });

    expect(resolveTarget({ kind: 'env', name: 'ORDERS' }, lambda, directory).target).toEqual({
      kind: 'table',
      table: orders,
      name: 'orders-prod',
    });
  });

  it('matches a literal to a table by its physical name', () => {
    expect(
      resolveTarget({ kind: 'literal', value: 'orders-prod' }, undefined, directory).target,
    ).toMatchObject({ kind: 'table', name: 'orders-prod' });
  });

  it('joins a template of a parameter default and a literal', () => {
    const lambda = lambdaWith({
      AUDIT: {
        kind: 'join',
        parts: [
          { kind: 'parameter', name: 'Stage' },
          { kind: 'literal', value: '-audit' },
        ],
      },
    });

    expect(resolveTarget({ kind: 'env', name: 'AUDIT' }, lambda, directory).target).toEqual({
      kind: 'name',
      name: 'dev-audit',
      declared: false,
      viaFallback: false,
    });
  });

  it('lets the environment win over a literal fallback, and uses the fallback without a Lambda', () => {
    const value = {
      kind: 'fallback' as const,
      options: [
        { kind: 'env' as const, name: 'ORDERS' },
        { kind: 'literal' as const, value: 'orders-local' },
      ],
    };
    const lambda = lambdaWith({ ORDERS: { kind: 'resource', logicalId: 'Orders' } });

    expect(resolveTarget(value, lambda, directory).target).toMatchObject({
      kind: 'table',
      name: 'orders-prod',
    });
    expect(resolveTarget(value, undefined, directory).target).toEqual({
      kind: 'name',
      name: 'orders-local',
      declared: false,
      viaFallback: true,
    });
  });

  it('keeps an environment variable the Lambda does not set unresolved, with its source text', () => {
    expect(resolveTarget({ kind: 'env', name: 'NOPE' }, lambdaWith({}), directory).target).toEqual({
      kind: 'unresolved',
      text: 'process.env.NOPE',
    });
  });

  it('does not take a table ARN for its name', () => {
    const lambda = lambdaWith({
      ORDERS_ARN: { kind: 'resource', logicalId: 'Orders', attribute: 'Arn' },
    });

    expect(resolveTarget({ kind: 'env', name: 'ORDERS_ARN' }, lambda, directory).target.kind).toBe(
      'unresolved',
    );
  });

  it('prints values the way code writes them', () => {
    expect(
      textOf({
        kind: 'template',
        parts: [
          { kind: 'env', name: 'STAGE' },
          { kind: 'literal', value: '-orders' },
        ],
      }),
    ).toBe('`${process.env.STAGE}-orders`');
  });
});

const drain: QueueResource = {
  kind: 'queue',
  id: 'main.tf#aws_sqs_queue.drain',
  logicalId: 'aws_sqs_queue.drain',
  template: 'main.tf',
  location,
  name: 'drain-requests',
  nameIsLogicalId: false,
};

const messaging: MessagingDirectory = {
  queuesById: new Map([[drain.id, drain]]),
  queuesByName: new Map([[drain.name, drain]]),
  topicsById: new Map(),
  topicsByName: new Map(),
  parameterDefaults: new Map(),
};

function terraformLambda(environment: LambdaResource['environment']): LambdaResource {
  return { ...lambdaWith(environment), template: 'main.tf' };
}

describe('resolveMessageTarget', () => {
  it('joins a queue URL from the environment to the queue a reference names', () => {
    const lambda = terraformLambda({
      DRAIN_QUEUE_URL: { kind: 'resource', logicalId: 'aws_sqs_queue.drain' },
    });
    const value = { kind: 'env' as const, name: 'DRAIN_QUEUE_URL' };

    const { target, hops } = resolveMessageTarget(value, 'sqs', lambda, messaging);

    expect(target).toEqual({ kind: 'queue', queue: drain, name: 'drain-requests' });
    expect(hops[0]?.description).toBe('DRAIN_QUEUE_URL is set on Lambda "Fn" to "drain-requests"');
  });

  it('keeps a queue ARN given as the URL unresolved', () => {
    const lambda = terraformLambda({
      DRAIN_QUEUE_URL: { kind: 'resource', logicalId: 'aws_sqs_queue.drain', attribute: 'Arn' },
    });
    const value = { kind: 'env' as const, name: 'DRAIN_QUEUE_URL' };

    expect(resolveMessageTarget(value, 'sqs', lambda, messaging).target).toEqual({
      kind: 'unresolved',
      text: 'process.env.DRAIN_QUEUE_URL',
    });
  });

  it('finds a queue by the last part of a literal URL', () => {
    const value = {
      kind: 'literal' as const,
      value: 'https://sqs.eu-west-1.amazonaws.com/123456789012/drain-requests',
    };

    expect(resolveMessageTarget(value, 'sqs', undefined, messaging).target.kind).toBe('queue');
  });
});
