import { describe, expect, it } from 'vitest';
import { analyzeApp } from '../helpers/app.js';

const template = `
Transform: AWS::Serverless-2016-10-31
Parameters:
  LegacyTableName: { Type: String, Default: legacy-items }
Globals:
  Function:
    Environment: { Variables: { TABLE_NAME: !Ref Items } }
Resources:
  Items:
    Type: AWS::Serverless::SimpleTable
  Archive:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
  PutItem:
    Type: AWS::Serverless::Function
    Properties: { Handler: src/put.handler }
  ArchiveItem:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/put.handler
      Environment: { Variables: { TABLE_NAME: !Ref Archive } }
  LegacyReader:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/put.handler
      Environment: { Variables: { TABLE_NAME: !Ref LegacyTableName } }
  Drain:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/drain.handler
      Events: { Work: { Type: SQS, Properties: { Queue: !GetAtt Work.Arn } } }
  Work:
    Type: AWS::SQS::Queue
  Missing:
    Type: AWS::Serverless::Function
    Properties: { Handler: src/nowhere.handler }
`;

const put = `
const DynamoDB = require('aws-sdk/clients/dynamodb');
const docClient = new DynamoDB.DocumentClient();
exports.handler = async event => {
  await docClient.put({ TableName: process.env.TABLE_NAME, Item: event }).promise();
};
`;

// Touches no SDK and no environment: only the template says it is a handler.
const drain = `export const handler = async () => ({ batchItemFailures: [] });\n`;

describe('buildGraph', () => {
  it('resolves one operation per code path in the environment of each Lambda', async () => {
    const { graph } = await analyzeApp({
      'template.yaml': template,
      'src/put.js': put,
      'src/drain.ts': drain,
    });
    const targets = graph.accesses.map(access => [
      access.entryPoint?.label,
      access.target.kind === 'unresolved' ? access.target.text : access.target.name,
    ]);

    expect(targets).toEqual([
      ['PutItem', 'Items'],
      ['ArchiveItem', 'Archive'],
      ['LegacyReader', 'legacy-items'],
    ]);
    expect(graph.accesses[2]?.target).toMatchObject({ kind: 'name', declared: true });
    expect(graph.accesses[0]?.hops[0]?.description).toBe(
      'TABLE_NAME is set on Lambda "PutItem" to "Items"',
    );
  });

  it('links a Lambda whose handler touches no SDK, and says why another could not be linked', async () => {
    const { graph } = await analyzeApp({
      'template.yaml': template,
      'src/put.js': put,
      'src/drain.ts': drain,
    });
    const links = new Map(graph.lambdaLinks.map(link => [link.lambda.logicalId, link]));

    expect(links.get('Drain')?.entryPoint?.codeFunction.id).toBe('src/drain.ts#handler');
    expect(links.get('Drain')?.reason).toBe(
      'handler "src/drain.handler" names export "handler" of src/drain.ts',
    );
    expect(links.get('Missing')?.entryPoint).toBeUndefined();
    expect(links.get('Missing')?.reason).toMatch(
      /^no source file found for handler "src\/nowhere.handler" \(tried src\/nowhere.ts, /,
    );
  });

  it('keeps an operation that no entry point reaches, resolved without any environment', async () => {
    const { graph } = await analyzeApp({
      'template.yaml': template,
      'scripts/seed.ts': `
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
async function seed() { await client.send(new PutItemCommand({ TableName: process.env.SEED_TABLE, Item: {} })); }
`,
    });

    expect(graph.accesses).toHaveLength(1);
    expect(graph.accesses[0]?.entryPoint).toBeUndefined();
    expect(graph.accesses[0]?.target).toEqual({
      kind: 'unresolved',
      text: 'process.env.SEED_TABLE',
    });
  });

  it('treats exported handler-shaped functions as entry points when no template deploys them', async () => {
    const { graph } = await analyzeApp({
      'src/api.ts': `
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
export const handler = () => client.send(new GetItemCommand({ TableName: 'orders', Key: {} }));
export const helper = () => 1;
`,
    });

    expect(graph.entryPoints.map(entryPoint => entryPoint.label)).toEqual(['src/api.ts#handler']);
    expect(graph.accesses[0]?.target).toMatchObject({
      kind: 'name',
      name: 'orders',
      declared: false,
    });
  });
});
