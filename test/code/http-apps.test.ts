import { describe, expect, it } from 'vitest';
import type { CodeScan } from '../../src/code/facts.js';
import { analyzeApp } from '../helpers/app.js';
import { scanApp, summary } from './write-app.js';

const db = `const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient } = require('@aws-sdk/lib-dynamodb');
module.exports.documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
`;

const app = `const express = require('express');
const { GetCommand } = require('@aws-sdk/lib-dynamodb');
const { documents } = require('./db');
const shipments = require('./routes/shipments');

const app = express();
app.use(express.json());

app.get('/customers/:id', async (req, res) => {
  const { Item } = await documents.send(
    new GetCommand({ TableName: process.env.CUSTOMERS_TABLE, Key: { id: req.params.id } }),
  );
  res.json(Item);
});

app.use('/shipments', shipments);

module.exports = app;
`;

const shipments = `const { Router } = require('express');
const { QueryCommand } = require('@aws-sdk/lib-dynamodb');
const { documents } = require('../db');

const router = Router();

router.get('/:customerId', async (req, res) => {
  const result = await documents.send(
    new QueryCommand({
      TableName: 'shipments',
      KeyConditionExpression: 'customerId = :c',
      ExpressionAttributeValues: { ':c': req.params.customerId },
    }),
  );
  res.json(result.Items);
});

module.exports = router;
`;

const expressApp = {
  'src/db.js': db,
  'src/app.js': app,
  'src/routes/shipments.js': shipments,
  'src/handler.js': `const serverless = require('serverless-http');
const app = require('./app');

module.exports.handler = serverless(app);
`,
};

function callsOf(scan: CodeScan, id: string): string[] | undefined {
  return scan.functions.find(fn => fn.id === id)?.calls;
}

describe('HTTP apps wrapped for Lambda', () => {
  it('makes serverless(app) an exported code function that reaches the route callbacks', async () => {
    const { scan } = await scanApp(expressApp);

    const handler = scan.exports.find(fact => fact.file === 'src/handler.js');
    expect(handler).toMatchObject({ name: 'handler', codeFunction: 'src/handler.js#handler' });
    expect(callsOf(scan, 'src/handler.js#handler')).toEqual(['src/app.js#app']);
    expect(callsOf(scan, 'src/app.js#app')).toEqual([
      'src/app.js#app.get /customers/:id',
      'src/routes/shipments.js#router',
    ]);
    expect(callsOf(scan, 'src/routes/shipments.js#router')).toEqual([
      'src/routes/shipments.js#router.get /:customerId',
    ]);
    expect(scan.operations.map(summary)).toEqual([
      {
        action: 'get',
        target: { kind: 'env', name: 'CUSTOMERS_TABLE' },
        line: 11,
        codeFunction: 'src/app.js#app.get /customers/:id',
      },
      {
        action: 'query',
        target: { kind: 'literal', value: 'shipments' },
        line: 9,
        codeFunction: 'src/routes/shipments.js#router.get /:customerId',
      },
    ]);
  });

  it('follows an ESM export, a route handler named by an import and a route() chain', async () => {
    const { scan } = await scanApp({
      'src/db.ts': `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
`,
      'src/orders.ts': `import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documents } from './db';
export async function getOrder(req, res) {
  res.json(await documents.send(new GetCommand({ TableName: 'orders', Key: { id: req.params.id } })));
}
export const putOrder = (req, res) => documents.send(new PutCommand({ TableName: 'orders', Item: req.body }));
`,
      'src/api.ts': `import express from 'express';
import serverless from 'serverless-http';
import { getOrder, putOrder } from './orders';

const app = express();
app.route('/orders/:id').get(getOrder).put(putOrder);

export const handler = serverless(app, { basePath: '/api' });
`,
    });

    expect(callsOf(scan, 'src/api.ts#handler')).toEqual(['src/api.ts#app']);
    expect(callsOf(scan, 'src/api.ts#app')).toEqual([
      'src/orders.ts#getOrder',
      'src/orders.ts#putOrder',
    ]);
  });

  it('recognises serverlessExpress({ app }) on a Koa app with a mounted router', async () => {
    const { scan } = await scanApp({
      'src/lambda.js': `const serverlessExpress = require('@vendia/serverless-express');
const Koa = require('koa');
const Router = require('@koa/router');
const { DynamoDB } = require('aws-sdk');

const db = new DynamoDB.DocumentClient();
const app = new Koa();
const router = new Router();

router.del('/sessions/:id', async ctx => {
  await db.delete({ TableName: 'sessions', Key: { id: ctx.params.id } }).promise();
});
app.use(router.routes());

exports.handler = serverlessExpress({ app });
`,
    });

    expect(callsOf(scan, 'src/lambda.js#handler')).toEqual(['src/lambda.js#app']);
    expect(callsOf(scan, 'src/lambda.js#app')).toEqual(['src/lambda.js#router']);
    expect(scan.operations[0]?.codeFunction).toBe('src/lambda.js#router.del /sessions/:id');
  });

  it('reaches routes registered in an app factory and through a createServer proxy', async () => {
    const { scan } = await scanApp({
      'src/app.js': `const express = require('express');
const { DynamoDB } = require('aws-sdk');
const db = new DynamoDB.DocumentClient();
function createApp() {
  const app = express();
  app.get('/notes', async (req, res) => res.json(await db.scan({ TableName: 'notes' }).promise()));
  return app;
}
module.exports = { createApp };
`,
      'src/factory.js': `const serverless = require('serverless-http');
const { createApp } = require('./app');
module.exports.handler = serverless(createApp());
`,
      'src/proxy.js': `const awsServerlessExpress = require('aws-serverless-express');
const { createApp } = require('./app');
const server = awsServerlessExpress.createServer(createApp());
exports.handler = (event, context) => awsServerlessExpress.proxy(server, event, context);
`,
    });

    expect(callsOf(scan, 'src/factory.js#handler')).toEqual(['src/app.js#createApp']);
    expect(callsOf(scan, 'src/proxy.js#handler')).toEqual(['src/proxy.js#server']);
    expect(callsOf(scan, 'src/proxy.js#server')).toEqual(['src/app.js#createApp']);
    expect(scan.operations[0]?.codeFunction).toBe('src/app.js#createApp');
  });

  it('leaves an export of any other wrapper without a code function', async () => {
    const { scan } = await scanApp({
      'src/api.js': `const express = require('express');
const wrap = require('some-http-adapter');
const { DynamoDB } = require('aws-sdk');

const db = new DynamoDB.DocumentClient();
const app = express();
app.get('/items', () => db.scan({ TableName: 'items' }).promise());

module.exports.handler = wrap(app);
`,
    });

    const handler = scan.exports.find(fact => fact.name === 'handler');
    expect(handler?.codeFunction).toBeUndefined();
    expect(scan.operations[0]?.codeFunction).toBe('src/api.js#app.get /items');
  });

  it('treats get() on something not imported from an HTTP framework as no route', async () => {
    const { scan } = await scanApp({
      'src/cache.js': `const serverless = require('serverless-http');
const { DynamoDB } = require('aws-sdk');
const { makeApp } = require('./make-app');

const db = new DynamoDB.DocumentClient();
const app = makeApp();
app.get('/items', () => db.scan({ TableName: 'items' }).promise());

module.exports.handler = serverless(app);
`,
    });

    expect(callsOf(scan, 'src/cache.js#handler')).toEqual([]);
    expect(scan.operations[0]?.codeFunction).toBe('src/cache.js#<module>');
  });
});

describe('HTTP apps wrapped for Lambda, with a template', () => {
  it('links the Lambda to serverless(app) and resolves the route operation to its table', async () => {
    const analysis = await analyzeApp({
      ...expressApp,
      'template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  Customers:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: customers
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/handler.handler
      Runtime: nodejs20.x
      Environment:
        Variables:
          CUSTOMERS_TABLE: !Ref Customers
      Events:
        Any: { Type: HttpApi }
`,
    });

    const [link] = analysis.graph.lambdaLinks;
    expect(link?.entryPoint?.codeFunction.id).toBe('src/handler.js#handler');
    expect(analysis.summary.lambdasLinked).toBe(1);

    const get = analysis.graph.operations.find(operation => operation.action === 'get')!;
    const [access] = analysis.graph.accessesOf(get);
    expect(access?.entryPoint?.label).toBe('Api');
    expect(access?.target).toMatchObject({ kind: 'table', name: 'customers' });
  });
});
