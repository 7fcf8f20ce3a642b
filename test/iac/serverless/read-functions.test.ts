import { describe, expect, it } from 'vitest';
import { scanFiles } from '../scan-files.js';

const service = `service: orders
provider:
  name: aws
  runtime: nodejs20.x
  timeout: 10
  environment:
    ORDERS_TABLE: \${self:custom.ordersTable}
    STAGE: \${sls:stage}
custom:
  ordersTable: orders-\${sls:stage}
functions:
  createOrder:
    handler: src/handlers/create.main
    name: orders-create
    timeout: 30
    memorySize: 512
    environment:
      STAGE: test
      CUSTOMERS_TABLE: !Ref CustomersTable
  imageJob:
    image: 123.dkr.ecr.eu-west-1.amazonaws.com/job:latest
resources:
  Resources:
    CustomersTable:
      Type: AWS::DynamoDB::Table
      Properties:
        TableName: customers
`;

describe('readServerlessFunctions', () => {
  it('reads a function at its key with handler files, settings and merged environment', async () => {
    const { lambda } = await scanFiles({ 'services/orders/serverless.yml': service });
    const createOrder = lambda('createOrder');

    expect(createOrder).toMatchObject({
      id: 'services/orders/serverless.yml#createOrder',
      template: 'services/orders/serverless.yml',
      functionName: 'orders-create',
      runtime: 'nodejs20.x',
      timeout: 30,
      memorySize: 512,
      location: { file: 'services/orders/serverless.yml', line: 12, column: 3 },
      environment: {
        ORDERS_TABLE: { kind: 'literal', value: 'orders-dev' },
        STAGE: { kind: 'literal', value: 'test' },
        CUSTOMERS_TABLE: { kind: 'resource', logicalId: 'CustomersTable' },
      },
      environmentLocations: {
        ORDERS_TABLE: { line: 7 },
        STAGE: { line: 18 },
      },
    });
    expect(createOrder.handler).toMatchObject({
      exportName: 'main',
      text: 'src/handlers/create.main',
    });
    expect(createOrder.handler?.files.slice(0, 3)).toEqual([
      'services/orders/src/handlers/create.ts',
      'services/orders/src/handlers/create.mts',
      'services/orders/src/handlers/create.cts',
    ]);
    expect(createOrder.handler?.files).toContain('services/orders/src/handlers/create.mjs');
  });

  it('takes provider settings and Serverless defaults, and no handler for an image', async () => {
    const { lambda } = await scanFiles({ 'serverless.yml': service });

    expect(lambda('imageJob')).toMatchObject({
      runtime: 'nodejs20.x',
      timeout: 10,
      memorySize: 1024,
    });
    expect(lambda('imageJob').handler).toBeUndefined();
    expect(lambda('imageJob').functionName).toBeUndefined();
  });

  it('reads the table of the resources block under the service file as its template', async () => {
    const { table } = await scanFiles({ 'serverless.yml': service });

    expect(table('CustomersTable')).toMatchObject({
      id: 'serverless.yml#CustomersTable',
      template: 'serverless.yml',
      name: 'customers',
      location: { file: 'serverless.yml', line: 24 },
    });
  });
});
