#!/usr/bin/env node
// Writes a SAM application with N Lambdas to a folder: per Lambda a handler and a repository
// module over one of a few tables, plus plain helper files the pre-filter skips, so the file
// count reaches a few thousand with realistic proportions.
//
//   node bench/generate-repo.mjs <dir> [lambdas=500] [helpersPerLambda=4]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { dirname, join } from 'node:path';

const TABLES = 10;

export function generateRepo(root, lambdas = 500, helpersPerLambda = 4) {
  rmSync(root, { recursive: true, force: true });
  const write = (path, text) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  write('template.yaml', template(lambdas));
  write('src/lib/db.ts', DB);
  for (let index = 0; index < lambdas; index++) {
    write(`src/handlers/fn${index}.ts`, handler(index, helpersPerLambda));
    write(`src/repositories/repo${index}.ts`, repository(index));
    for (let helper = 0; helper < helpersPerLambda; helper++) {
      write(`src/util/fn${index}/helper${helper}.ts`, helperFile(index, helper));
    }
  }

  return { files: 2 + lambdas * (2 + helpersPerLambda) };
}

const DB = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
`;

function template(lambdas) {
  const tables = Array.from(
    { length: TABLES },
    (_, index) => `  Table${index}:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: table-${index}
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - { AttributeName: pk, AttributeType: S }
        - { AttributeName: status, AttributeType: S }
      KeySchema:
        - { AttributeName: pk, KeyType: HASH }
      GlobalSecondaryIndexes:
        - IndexName: byStatus
          KeySchema:
            - { AttributeName: status, KeyType: HASH }
          Projection: { ProjectionType: ALL }
`,
  );
  const functions = Array.from(
    { length: lambdas },
    (_, index) => `  Fn${index}:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/handlers/fn${index}.handler
      Environment:
        Variables:
          TABLE_NAME: !Ref Table${index % TABLES}
      Policies:
        - DynamoDBCrudPolicy: { TableName: !Ref Table${index % TABLES} }
      Events:
        Api:
          Type: HttpApi
          Properties: { Method: GET, Path: '/items${index}/{id}' }
`,
  );

  return `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: .
Resources:
${tables.join('')}${functions.join('')}`;
}

function handler(index, helpers) {
  const imports = Array.from(
    { length: helpers },
    (_, helper) => `import { format${helper} } from '../util/fn${index}/helper${helper}';`,
  );

  return `import { getItem, listByStatus } from '../repositories/repo${index}';
${imports.join('\n')}

export const handler = async (event: { pathParameters?: { id?: string } }) => {
  const item = await getItem(event.pathParameters?.id ?? '');
  const open = await listByStatus('open');
  return { statusCode: 200, body: format0(JSON.stringify({ item, open })) };
};
`;
}

function repository(index) {
  return `import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../lib/db';

const TABLE = process.env.TABLE_NAME;

export async function getItem(pk: string) {
  return ddb.send(new GetCommand({ TableName: TABLE, Key: { pk } }));
}

export async function listByStatus(status: string) {
  return ddb.send(
    new QueryCommand({
      TableName: TABLE,
      IndexName: 'byStatus',
      KeyConditionExpression: '#status = :status',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': status },
    }),
  );
}
// repository ${index}
`;
}

function helperFile(index, helper) {
  return `export function format${helper}(text: string): string {
  return \`[${index}/${helper}] \${text.trim()}\`;
}
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root, lambdas, helpers] = process.argv.slice(2);
  if (!root) {
    process.stderr.write(
      'Usage: node bench/generate-repo.mjs <dir> [lambdas] [helpersPerLambda]\n',
    );
    process.exit(2);
  }
  const { files } = generateRepo(root, Number(lambdas ?? 500), Number(helpers ?? 4));
  process.stderr.write(`generate-repo: ${files} files in ${root}\n`);
}
