import { describe, expect, it } from 'vitest';
import type { Operation } from '../../src/code/facts.js';
import { scanApp, summary } from './write-app.js';

const v3Document = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
`;

describe('recogniseDynamoDb', () => {
  it('recognises lib-dynamodb commands sent through a document client', async () => {
    const { scan } = await scanApp({
      'src/get.ts': `${v3Document}
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async (id: string) =>
  ddb.send(new GetCommand({ TableName: 'Orders', Key: { id } }));
`,
    });

    expect(scan.operations).toHaveLength(1);
    expect(scan.operations[0]).toMatchObject({
      id: 'src/get.ts:6:12',
      action: 'get',
      access: 'read',
      sdkName: 'GetCommand',
      target: { kind: 'literal', value: 'Orders' },
      location: { file: 'src/get.ts', line: 6, column: 12 },
      codeFunction: 'src/get.ts#handler',
      viaPaginator: false,
    });
  });

  it('recognises low-level client-dynamodb commands, including under an alias', async () => {
    const { scan } = await scanApp({
      'src/low.ts': `import { DynamoDBClient, QueryCommand as Q, PutItemCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
export async function list() {
  return client.send(new Q({ TableName: 'Ads', IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :v' }));
}
export async function save() {
  await client.send(new PutItemCommand({ TableName: 'Ads', Item: {} }));
}
`,
    });

    expect(scan.operations.map(summary)).toEqual([
      {
        action: 'query',
        target: { kind: 'literal', value: 'Ads' },
        line: 4,
        codeFunction: 'src/low.ts#list',
      },
      {
        action: 'put',
        target: { kind: 'literal', value: 'Ads' },
        line: 7,
        codeFunction: 'src/low.ts#save',
      },
    ]);
    expect(scan.operations[0]).toMatchObject({
      indexName: { kind: 'literal', value: 'gsi1' },
      keyAttributes: ['gsi1pk'],
    });
  });

  it('reports a command built in one function and sent in another at the new expression', async () => {
    const { scan } = await scanApp({
      'src/deferred.ts': `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as lib from '@aws-sdk/lib-dynamodb';
const ddb = lib.DynamoDBDocumentClient.from(new DynamoDBClient({}));
function buildLookup(id: string) {
  return new lib.GetCommand({ TableName: process.env.ADS_TABLE, Key: { id } });
}
export const handler = async (e: { id: string }) => {
  const cmd = buildLookup(e.id);
  return ddb.send(cmd);
};
`,
    });

    expect(scan.operations.map(summary)).toEqual([
      {
        action: 'get',
        target: { kind: 'env', name: 'ADS_TABLE' },
        line: 5,
        codeFunction: 'src/deferred.ts#buildLookup',
      },
    ]);
    expect(scan.functions.find(fn => fn.name === 'handler')?.calls).toEqual([
      'src/deferred.ts#buildLookup',
    ]);
  });

  it('recognises aggregated v3 clients: DynamoDB methods and DynamoDBDocument.from', async () => {
    const { scan } = await scanApp({
      'src/aggregated.ts': `import { DynamoDB } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';
const raw = new DynamoDB({});
const doc = DynamoDBDocument.from(raw);
export const create = async () => raw.putItem({ TableName: 'Ads', Item: {} });
export const remove = async () => doc.delete({ TableName: 'Ads', Key: { id: '1' } });
export const find = async () => raw.query({ TableName: 'Ads', KeyConditionExpression: 'id = :i' });
`,
    });

    expect(
      scan.operations.map(operation => [
        operation.action,
        operation.sdkName,
        operation.location.line,
      ]),
    ).toEqual([
      ['put', 'putItem', 5],
      ['delete', 'delete', 6],
      ['query', 'query', 7],
    ]);
  });

  it('recognises paginators and marks them', async () => {
    const { scan } = await scanApp({
      'src/pages.ts': `${v3Document}import { paginateScan } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async () => {
  for await (const page of paginateScan({ client: doc }, { TableName: 'Tasks', FilterExpression: 'done = :d' })) {
    console.log(page.Items);
  }
};
`,
    });

    expect(scan.operations[0]).toMatchObject({
      action: 'scan',
      access: 'scan',
      sdkName: 'paginateScan',
      viaPaginator: true,
      hasFilter: true,
      inLoop: false,
      location: { line: 6, column: 28 },
    });
  });

  it('recognises SDK v2 DocumentClient calls with and without .promise() and with callbacks', async () => {
    const { scan } = await scanApp({
      'src/v2.js': `const AWS = require('aws-sdk');
const db = new AWS.DynamoDB.DocumentClient();
exports.put = async (item) => db.put({ TableName: 'Items', Item: item }).promise();
exports.get = (event, context, callback) => {
  db.get({ TableName: 'Items', Key: { id: event.id } }, (err, data) => callback(err, data));
};
`,
      'src/v2-import.ts': `import AWS from 'aws-sdk';
const low = new AWS.DynamoDB();
export const handler = async () => low.getItem({ TableName: 'Items', Key: {} }).promise();
`,
    });

    expect(scan.operations.map(summary)).toEqual([
      {
        action: 'get',
        target: { kind: 'literal', value: 'Items' },
        line: 3,
        codeFunction: 'src/v2-import.ts#handler',
      },
      {
        action: 'put',
        target: { kind: 'literal', value: 'Items' },
        line: 3,
        codeFunction: 'src/v2.js#put',
      },
      {
        action: 'get',
        target: { kind: 'literal', value: 'Items' },
        line: 5,
        codeFunction: 'src/v2.js#get',
      },
    ]);
  });

  it('recognises the v2 clients/dynamodb import and X-Ray wrapped SDKs', async () => {
    const { scan } = await scanApp({
      'src/clients.js': `const dynamodb = require('aws-sdk/clients/dynamodb');
const docClient = new dynamodb.DocumentClient();
exports.handler = async () => docClient.scan({ TableName: 'Items' }).promise();
`,
      'src/xray.ts': `import * as AWS from 'aws-sdk';
import * as AWSXRay from 'aws-xray-sdk';
const XAWS = AWSXRay.captureAWS(AWS);
const doc = new XAWS.DynamoDB.DocumentClient();
export const handler = async () => doc.query({ TableName: 'Ads', KeyConditionExpression: 'pk = :p' }).promise();
`,
      'src/xray-require.js': `const AWSXRay = require('aws-xray-sdk-core');
const AWS = AWSXRay.captureAWS(require('aws-sdk'));
const doc = new AWS.DynamoDB.DocumentClient();
module.exports.handler = async () => doc.update({ TableName: 'Ads', Key: {} }).promise();
`,
    });

    expect(
      scan.operations.map(operation => [
        operation.location.file,
        operation.action,
        operation.location.line,
      ]),
    ).toEqual([
      ['src/clients.js', 'scan', 3],
      ['src/xray-require.js', 'update', 4],
      ['src/xray.ts', 'query', 5],
    ]);
  });

  it('recognises a class whose constructor makes the client', async () => {
    const { scan } = await scanApp({
      'src/access.ts': `import * as AWS from 'aws-sdk';
function createClient() {
  return new AWS.DynamoDB.DocumentClient();
}
export class TodoAccess {
  constructor(private readonly docClient = createClient(), private readonly table = 'Todos') {}
  async list() {
    return this.docClient.query({ TableName: this.table, KeyConditionExpression: 'userId = :u' }).promise();
  }
}
`,
    });

    expect(scan.operations.map(summary)).toEqual([
      {
        action: 'query',
        target: { kind: 'literal', value: 'Todos' },
        line: 8,
        codeFunction: 'src/access.ts#TodoAccess.list',
      },
    ]);
  });

  it('stays silent on Array.find, Map.get, a GraphQL client and dynamodb-toolbox commands', async () => {
    const { scan } = await scanApp({
      'src/not-sdk.ts': `import { GetItemCommand } from 'dynamodb-toolbox';
import { GraphQLClient } from 'graphql-request';
const items = [{ id: 1 }];
const cache = new Map<string, string>();
const graphql = new GraphQLClient('https://example.invalid');
export const handler = async () => {
  const found = items.find(item => item.id === 1);
  const cached = cache.get('TableName');
  const data = await graphql.query({ TableName: 'NotATable' });
  const toolbox = new GetItemCommand({ TableName: 'Entity' });
  return { found, cached, data, toolbox, env: process.env.STAGE };
};
`,
    });

    expect(scan.filesScanned).toBe(1);
    expect(scan.operations).toEqual([]);
  });

  it('maps batch, transaction and PartiQL inputs to one operation per table', async () => {
    const { scan } = await scanApp({
      'src/many.ts': `${v3Document}import { BatchWriteCommand, TransactWriteCommand, ExecuteStatementCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async () => {
  await ddb.send(new BatchWriteCommand({ RequestItems: { Orders: [], Lines: [] } }));
  await ddb.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 'Orders', Item: {} } }, { ConditionCheck: { TableName: 'Orders', Key: {} } }] }));
  await ddb.send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM "Audit" WHERE pk = ?' }));
};
`,
    });

    expect(
      scan.operations.map(operation => [operation.id, operation.action, operation.target]),
    ).toEqual([
      ['src/many.ts:6:18', 'batch-write', { kind: 'literal', value: 'Orders' }],
      ['src/many.ts:6:18#2', 'batch-write', { kind: 'literal', value: 'Lines' }],
      ['src/many.ts:7:18', 'transact-write', { kind: 'literal', value: 'Orders' }],
      ['src/many.ts:8:18', 'execute-statement', { kind: 'literal', value: 'Audit' }],
    ]);
    expect(scan.operations.map(operation => operation.access)).toEqual([
      'write',
      'write',
      'write',
      'read',
    ]);
  });

  it('maps ExpressionAttributeNames placeholders in the key condition', async () => {
    const { scan } = await scanApp({
      'src/names.ts': `${v3Document}
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async () =>
  ddb.send(
    new QueryCommand({
      TableName: 'Sessions',
      KeyConditionExpression: '#a = :a AND #s > :s',
      ExpressionAttributeNames: { '#a': 'accountId', '#s': 'startedAt' },
    }),
  );
`,
    });

    expect(scan.operations[0]?.keyAttributes).toEqual(['accountId', 'startedAt']);
  });

  it('marks operations inside for...of loops and map callbacks, not after them', async () => {
    const { scan } = await scanApp({
      'src/loops.ts': `${v3Document}
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async (ids: string[]) => {
  for (const id of ids) {
    await ddb.send(new GetCommand({ TableName: 'P', Key: { id } }));
  }
  await Promise.all(ids.map(id => ddb.send(new GetCommand({ TableName: 'P', Key: { id } }))));
  await ddb.send(new QueryCommand({ TableName: 'P', KeyConditionExpression: 'id = :i' }));
};
`,
    });

    expect(scan.operations.map(operation => [operation.location.line, operation.inLoop])).toEqual([
      [7, true],
      [9, true],
      [10, false],
    ]);
  });
});

describe('recogniseDynamoDb on SQS and SNS', () => {
  it('recognises SendMessageCommand and SendMessageBatchCommand from client-sqs', async () => {
    const { scan } = await scanApp({
      'src/send.ts': `import { SQSClient, SendMessageCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
const sqs = new SQSClient({});
export const handler = async () => {
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: 'x' }));
  await sqs.send(new SendMessageBatchCommand({ QueueUrl: process.env.QUEUE_URL, Entries: [] }));
};
`,
    });

    expect(
      scan.operations.map(({ service, action, access, sdkName, target, location }) => ({
        service,
        action,
        access,
        sdkName,
        target,
        line: location.line,
      })),
    ).toEqual([
      {
        service: 'sqs',
        action: 'send',
        access: 'write',
        sdkName: 'SendMessageCommand',
        target: { kind: 'env', name: 'QUEUE_URL' },
        line: 4,
      },
      {
        service: 'sqs',
        action: 'send-batch',
        access: 'write',
        sdkName: 'SendMessageBatchCommand',
        target: { kind: 'env', name: 'QUEUE_URL' },
        line: 5,
      },
    ]);
  });

  it('recognises PublishCommand and the aggregated SNS and SQS clients', async () => {
    const { scan } = await scanApp({
      'src/publish.ts': `import { SNS, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SQS } from '@aws-sdk/client-sqs';
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:orders';
const sns = new SNS({});
export async function notify() {
  await new SNSClient({}).send(new PublishCommand({ TopicArn: TOPIC, Message: 'a' }));
  await sns.publishBatch({ TopicArn: TOPIC, PublishBatchRequestEntries: [] });
  await new SQS({}).sendMessage({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/jobs', MessageBody: 'b' });
}
`,
    });

    expect(scan.operations.map(operation => [operation.service, operation.action])).toEqual([
      ['sns', 'publish'],
      ['sns', 'publish-batch'],
      ['sqs', 'send'],
    ]);
    expect(scan.operations[0]?.target).toEqual({
      kind: 'literal',
      value: 'arn:aws:sns:eu-west-1:123456789012:orders',
    });
  });

  it('recognises SDK v2 SQS and SNS clients, with and without .promise()', async () => {
    const { scan } = await scanApp({
      'src/v2.js': `const AWS = require('aws-sdk');
const SNS = require('aws-sdk/clients/sns');
const sqs = new AWS.SQS();
exports.handler = async () => {
  await sqs.sendMessage({ QueueUrl: process.env.JOBS_URL, MessageBody: 'x' }).promise();
  new SNS().publish({ TopicArn: process.env.TOPIC_ARN, Message: 'y' }, () => {});
};
`,
    });

    expect(summaries(scan.operations)).toEqual([
      ['sqs', 'send', 'JOBS_URL', 5],
      ['sns', 'publish', 'TOPIC_ARN', 6],
    ]);
  });

  it('recognises a send on a client imported from another module', async () => {
    const { scan } = await scanApp({
      'src/lib/queue.ts': `import { SQS } from '@aws-sdk/client-sqs';
export const queue = new SQS({});
`,
      'src/handler.ts': `import { queue } from './lib/queue';
export const handler = async () => {
  await queue.sendMessage({ QueueUrl: process.env.JOBS_URL, MessageBody: 'x' });
};
`,
    });

    expect(summaries(scan.operations)).toEqual([['sqs', 'send', 'JOBS_URL', 3]]);
  });

  it('ignores send and publish on objects that are not SQS or SNS clients, whatever their names', async () => {
    const { scan } = await scanApp({
      'src/bus.ts': `import { EventEmitter } from 'node:events';
const sqs = { sendMessage: (input: unknown) => input };
const sns = new EventEmitter() as unknown as { publish(input: unknown): void };
export const handler = async () => {
  sqs.sendMessage({ QueueUrl: process.env.QUEUE_URL, MessageBody: 'x' });
  sns.publish({ TopicArn: process.env.TOPIC_ARN, Message: 'y' });
  const env = process.env;
  return env;
};
`,
    });

    expect(scan.operations).toEqual([]);
  });
});

function summaries(operations: Operation[]) {
  return operations.map(operation => [
    operation.service,
    operation.action,
    operation.target.kind === 'env' ? operation.target.name : operation.target.kind,
    operation.location.line,
  ]);
}
