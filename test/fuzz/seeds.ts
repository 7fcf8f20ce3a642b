import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** File path (relative to an app's root, with `/`) → contents. */
export type AppFiles = Map<string, Uint8Array>;

const repository = fileURLToPath(new URL('../..', import.meta.url));

/** Every file under a folder of the repository, read at test time so seeds follow the fixtures. */
export function readFolder(folder: string, prefix = ''): AppFiles {
  const absolute = join(repository, folder);
  const files: AppFiles = new Map();
  for (const path of listFiles(absolute)) {
    const name = relative(absolute, path).split(sep).join('/');
    files.set(prefix + name, readFileSync(path));
  }

  return files;
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap(entry => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'node_modules' ? [] : listFiles(path);
    }

    return entry.isFile() ? [path] : [];
  });
}

/** An application whose one file `mutated` a fuzz case replaces; the rest are kept as they are. */
export interface SeedApp {
  name: string;
  files: AppFiles;
  /** The files a case may mutate, each a valid input of the reader under test. */
  targets: string[];
}

const ordersSource = () => readFolder('examples/orders-app/src', 'src/');

export function cloudFormationApp(): SeedApp {
  const files = new Map([...readFolder('examples/orders-app'), ...controlApp()]);

  return { name: 'cloudformation', files, targets: ['template.yaml'] };
}

export function serverlessApp(): SeedApp {
  const files = new Map([
    ...readFolder('test/fixtures/serverless-app'),
    ...ordersSource(),
    ...controlApp(),
  ]);

  return { name: 'serverless', files, targets: ['serverless.yml'] };
}

export function terraformApp(): SeedApp {
  const files = new Map([...readFolder('test/fixtures/terraform-app'), ...controlApp()]);
  const targets = ['main.tf', 'variables.tf', 'terraform.tfvars', 'modules/tables/main.tf'];

  return { name: 'terraform', files, targets };
}

export function cdkApp(): SeedApp {
  const files = new Map([...readFolder('test/fixtures/cdk-app'), ...controlApp()]);
  const targets = ['cdk.out/manifest.json', 'cdk.out/OrdersStack.template.json'];

  return { name: 'cdk', files, targets: [...targets, 'infra/orders-stack.ts'] };
}

export function codeApp(): SeedApp {
  const files = new Map([...readFolder('examples/orders-app'), ...controlApp()]);
  const targets = [...files.keys()].filter(path => /^src\/.*\.ts$/.test(path)).sort();

  return { name: 'code', files, targets };
}

export const CONTROL_TABLE = 'fuzz-control';
export const CONTROL_HANDLER = 'control/handler.ts';

// A second, valid template and handler in a folder of their own: whatever happens to the
// mutated file, this table and the operation on it stay in the graph.
function controlApp(): AppFiles {
  const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  ControlTable:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: ${CONTROL_TABLE}
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH
  ControlFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: .
      Handler: handler.handler
      Environment:
        Variables:
          CONTROL_TABLE: !Ref ControlTable
`;
  const handler = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(event: { id: string }) {
  return ddb.send(new GetCommand({ TableName: process.env.CONTROL_TABLE, Key: { id: event.id } }));
}
`;
  const encode = (text: string) => new TextEncoder().encode(text);

  return new Map([
    ['control/template.yaml', encode(template)],
    [CONTROL_HANDLER, encode(handler)],
  ]);
}
