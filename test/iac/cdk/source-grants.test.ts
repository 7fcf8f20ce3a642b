import { describe, expect, it } from 'vitest';
import { arePoliciesKnown } from '../../../src/graph/permissions.js';
import type { LambdaResource } from '../../../src/iac/resources.js';
import { scanCdk } from '../../../src/iac/cdk/scan-cdk.js';
import { captureLogger, writeFiles } from '../scan-files.js';

const stack = (grants: string) => `import { Stack } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue } from 'aws-cdk-lib/aws-sqs';

export class UsersStack extends Stack {
  constructor(scope, id) {
    super(scope, id);
    const users = new Table(this, 'Users', {
      partitionKey: { name: 'userId', type: AttributeType.STRING },
    });
    const jobs = new Queue(this, 'Jobs');
    const addUser = new NodejsFunction(this, 'AddUser', {
      entry: 'src/add-user.ts',
      environment: { USERS_TABLE: users.tableName, JOBS_URL: jobs.queueUrl },
    });
${grants}
  }
}
`;

async function addUserWith(grants: string): Promise<LambdaResource> {
  const root = await writeFiles({
    'cdk.json': '{ "app": "npx ts-node bin/app.ts" }',
    'bin/app.ts': `import { App } from 'aws-cdk-lib';\nimport { UsersStack } from '../lib/users-stack';\nnew UsersStack(new App(), 'Users');\n`,
    'lib/users-stack.ts': stack(grants),
  });
  const scan = await scanCdk(root, { logger: captureLogger() });

  return scan.resources.find(resource => resource.logicalId === 'AddUser') as LambdaResource;
}

describe('grants read from CDK source', () => {
  it('knows the permissions when every grant is a table grant it reads', async () => {
    const lambda = await addUserWith('    users.grantWriteData(addUser);');

    expect(lambda.policies.map(policy => policy.actions.includes('dynamodb:PutItem'))).toEqual([
      true,
    ]);
    expect(arePoliciesKnown(lambda)).toBe(true);
  });

  it('counts the permissions as unknown after addToRolePolicy, at that call', async () => {
    const lambda = await addUserWith(`    addUser.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [users.tableArn] }),
    );`);

    expect(arePoliciesKnown(lambda)).toBe(false);
    expect(lambda.policies.at(-1)).toMatchObject({
      actions: [],
      fromTemplate: 'CDK source: addToRolePolicy()',
      location: { file: 'lib/users-stack.ts', line: 18 },
    });
  });

  it('counts the permissions as unknown after a grant to the role or on a queue', async () => {
    const toRole = await addUserWith('    users.grantReadData(addUser.role!);');
    const onQueue = await addUserWith('    jobs.grantSendMessages(addUser);');

    expect(arePoliciesKnown(toRole)).toBe(false);
    expect(arePoliciesKnown(onQueue)).toBe(false);
    expect(onQueue.policies.at(-1)?.fromTemplate).toBe(
      'CDK source: a grant on a resource not read from source',
    );
  });

  it('counts the permissions as unknown with a role given as a prop', async () => {
    const root = await writeFiles({
      'cdk.json': '{ "app": "npx ts-node bin/app.ts" }',
      'bin/app.ts': `import { App } from 'aws-cdk-lib';\nimport { UsersStack } from '../lib/users-stack';\nnew UsersStack(new App(), 'Users');\n`,
      'lib/users-stack.ts': stack('').replace(
        "entry: 'src/add-user.ts',",
        "entry: 'src/add-user.ts', role: iam.Role.fromRoleArn(this, 'R', 'arn:aws:iam::1:role/x'),",
      ),
    });
    const scan = await scanCdk(root, { logger: captureLogger() });
    const lambda = scan.resources.find(
      resource => resource.logicalId === 'AddUser',
    ) as LambdaResource;

    expect(arePoliciesKnown(lambda)).toBe(false);
  });
});
