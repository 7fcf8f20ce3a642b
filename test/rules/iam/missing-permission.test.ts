import { describe, expect, it } from 'vitest';
import { missingPermission } from '../../../src/rules/iam/missing-permission.js';
import { runRule } from '../../helpers/app.js';

const template = (policies: string) => `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  TasksTable:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: tasks
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - { AttributeName: taskId, AttributeType: S }
        - { AttributeName: ownerId, AttributeType: S }
      KeySchema: [{ AttributeName: taskId, KeyType: HASH }]
      GlobalSecondaryIndexes:
        - IndexName: ByOwner
          KeySchema: [{ AttributeName: ownerId, KeyType: HASH }]
          Projection: { ProjectionType: ALL }
  TasksReportFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/tasks-report.handler
      Environment: { Variables: { TASKS_TABLE: !Ref TasksTable } }
${policies}
`;

const db = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const TABLE = process.env.TASKS_TABLE!;
`;

const report = `
import { PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { doc, TABLE } from './lib/db';
export const handler = async (event: { ownerId: string }) => {
  const owned = await doc.send(
    new QueryCommand({
      TableName: TABLE,
      IndexName: 'ByOwner',
      KeyConditionExpression: 'ownerId = :o',
      ExpressionAttributeValues: { ':o': event.ownerId },
    }),
  );
  await doc.send(new PutCommand({ TableName: TABLE, Item: { taskId: 'report', count: owned.Count } }));
};
export const archive = (taskId: string) =>
  doc.send(new TransactWriteCommand({ TransactItems: [{ Delete: { TableName: TABLE, Key: { taskId } } }] }));
`;

const app = (policies: string) => ({
  'template.yaml': template(policies),
  'src/lib/db.ts': db,
  'src/tasks-report.ts': report,
});

const inline = (
  resource: string,
  actions = '[dynamodb:Query, dynamodb:PutItem]',
) => `      Policies:
        - Statement:
            - Effect: Allow
              Action: ${actions}
              Resource: ${resource}`;

describe('iam/missing-permission', () => {
  it('reports a write under DynamoDBReadPolicy, naming the missing action', async () => {
    const findings = await runRule(
      missingPermission,
      app('      Policies:\n        - DynamoDBReadPolicy: { TableName: !Ref TasksTable }'),
    );

    expect(findings).toHaveLength(1);
    expect(findings[0]?.location).toMatchObject({ file: 'src/tasks-report.ts', line: 13 });
    expect(findings[0]?.message).toContain(
      'Put on table "tasks" runs as Lambda "TasksReportFunction", whose policies do not allow dynamodb:PutItem on table/tasks',
    );
    expect(findings[0]?.related).toContainEqual(
      expect.objectContaining({ file: 'template.yaml', line: 23 }),
    );
  });

  it('stays silent under DynamoDBCrudPolicy, which covers the index and the transaction', async () => {
    const findings = await runRule(
      missingPermission,
      app('      Policies:\n        - DynamoDBCrudPolicy: { TableName: !Ref TasksTable }'),
    );

    expect(findings).toEqual([]);
  });

  it('reports a query on an index when the statement names only the table ARN', async () => {
    const findings = await runRule(missingPermission, app(inline('!GetAtt TasksTable.Arn')));

    expect(findings).toHaveLength(1);
    expect(findings[0]?.location).toMatchObject({ file: 'src/tasks-report.ts', line: 6 });
    expect(findings[0]?.message).toContain('Query on index "ByOwner" of table "tasks"');
    expect(findings[0]?.message).toContain('table/tasks/index/ByOwner');
  });

  it('matches index wildcards and !Sub ARNs that name the table', async () => {
    const resources = `
                - !Sub arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/\${TasksTable}
                - !Sub "\${TasksTable.Arn}/index/*"`;
    const findings = await runRule(missingPermission, app(inline(resources)));

    expect(findings).toEqual([]);
  });

  it('matches a literal ARN with a trailing wildcard', async () => {
    const findings = await runRule(
      missingPermission,
      app(inline('arn:aws:dynamodb:us-east-1:111111111111:table/tasks*')),
    );

    expect(findings).toEqual([]);
  });

  it('stays silent for a transaction when one of its item actions is allowed', async () => {
    const files = {
      ...app(inline("'*'", '[dynamodb:Query, dynamodb:PutItem]')),
      'src/archive.ts': `export { archive as handler } from './tasks-report';\n`,
    };
    files['template.yaml'] = files['template.yaml'].replace(
      'Handler: src/tasks-report.handler',
      'Handler: src/archive.handler',
    );
    const findings = await runRule(missingPermission, files);

    expect(findings).toHaveLength(0);
  });

  it('stays silent for a role from outside the template', async () => {
    const findings = await runRule(
      missingPermission,
      app('      Role: arn:aws:iam::111111111111:role/tasks-report'),
    );

    expect(findings).toEqual([]);
  });

  it('stays silent with a policy template it does not know', async () => {
    const findings = await runRule(
      missingPermission,
      app('      Policies:\n        - SomeFuturePolicy: { TableName: !Ref TasksTable }'),
    );

    expect(findings).toEqual([]);
  });

  it('reports a transaction only when none of its item actions is allowed', async () => {
    const files = app(
      '      Policies:\n        - DynamoDBReadPolicy: { TableName: !Ref TasksTable }',
    );
    files['template.yaml'] = files['template.yaml'].replace(
      'Handler: src/tasks-report.handler',
      'Handler: src/tasks-report.archive',
    );
    const findings = await runRule(missingPermission, files);

    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain(
      'dynamodb:PutItem or dynamodb:UpdateItem or dynamodb:DeleteItem or dynamodb:ConditionCheckItem',
    );
  });

  it('does not check a condition on the statement', async () => {
    const conditioned = `${inline("'*'", '[dynamodb:Query, dynamodb:PutItem]')}
              Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [nobody] } }`;
    const findings = await runRule(missingPermission, app(conditioned));

    expect(findings).toEqual([]);
  });

  it('does not check PartiQL statements', async () => {
    const files = app(
      '      Policies:\n        - DynamoDBReadPolicy: { TableName: !Ref TasksTable }',
    );
    files['src/tasks-report.ts'] = `
import { ExecuteStatementCommand } from '@aws-sdk/lib-dynamodb';
import { doc } from './lib/db';
export const handler = () =>
  doc.send(new ExecuteStatementCommand({ Statement: 'DELETE FROM tasks WHERE taskId = ?' }));
`;
    const findings = await runRule(missingPermission, files);

    expect(findings).toEqual([]);
  });

  it('takes SAM connectors as grants', async () => {
    const files = app(`    Connectors:
      WritesTasks:
        Properties:
          Destination: { Id: TasksTable }
          Permissions: [Read, Write]`);
    const findings = await runRule(missingPermission, files);

    expect(findings).toEqual([]);
  });
});

const messagingTemplate = (policies: string) => `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  JobsQueue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: order-jobs
  EventsTopic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: order-events
  DispatchFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/dispatch.handler
      Environment:
        Variables:
          JOBS_QUEUE_URL: !Ref JobsQueue
          EVENTS_TOPIC_ARN: !Ref EventsTopic
${policies}
`;

const dispatch = `
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
const sqs = new SQSClient({});
const sns = new SNSClient({});
export const handler = async (event: { orderId: string }) => {
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.JOBS_QUEUE_URL, MessageBody: event.orderId }));
  await sns.send(new PublishCommand({ TopicArn: process.env.EVENTS_TOPIC_ARN, Message: event.orderId }));
};
`;

const messagingApp = (policies: string) => ({
  'template.yaml': messagingTemplate(policies),
  'src/dispatch.ts': dispatch,
});

describe('iam/missing-permission on sends and publishes', () => {
  it('reports a send and a publish that no policy allows, at the call and naming the resource', async () => {
    const findings = await runRule(
      missingPermission,
      messagingApp('      Policies:\n        - AWSLambdaBasicExecutionRole'),
    );

    expect(findings.map(finding => [finding.location.line, finding.message])).toEqual([
      [
        7,
        'SendMessage to queue "order-jobs" runs as Lambda "DispatchFunction", whose policies do not allow sqs:SendMessage on arn:aws:sqs:REGION:ACCOUNT:order-jobs; the call fails with AccessDeniedException.',
      ],
      [
        8,
        'Publish to topic "order-events" runs as Lambda "DispatchFunction", whose policies do not allow sns:Publish on arn:aws:sns:REGION:ACCOUNT:order-events; the call fails with AccessDeniedException.',
      ],
    ]);
    expect(findings[0]?.related).toContainEqual(
      expect.objectContaining({ file: 'template.yaml', line: 4, label: 'queue JobsQueue' }),
    );
  });

  it('stays silent under SQSSendMessagePolicy and SNSPublishMessagePolicy', async () => {
    const policies = `      Policies:
        - SQSSendMessagePolicy: { QueueName: !GetAtt JobsQueue.QueueName }
        - SNSPublishMessagePolicy: { TopicName: !GetAtt EventsTopic.TopicName }`;
    const findings = await runRule(missingPermission, messagingApp(policies));

    expect(findings).toEqual([]);
  });

  it('matches inline statements on the queue ARN and the topic reference', async () => {
    const policies = `      Policies:
        - Statement:
            - Effect: Allow
              Action: sqs:SendMessage
              Resource: !GetAtt JobsQueue.Arn
            - Effect: Allow
              Action: sns:Publish
              Resource: !Ref EventsTopic`;
    const findings = await runRule(missingPermission, messagingApp(policies));

    expect(findings).toEqual([]);
  });

  it('reports a send when the statement names another queue', async () => {
    const policies = `      Policies:
        - Statement:
            - Effect: Allow
              Action: [sqs:SendMessage, sns:Publish]
              Resource:
                - arn:aws:sqs:us-east-1:111111111111:other-jobs
                - !Ref EventsTopic`;
    const findings = await runRule(missingPermission, messagingApp(policies));

    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('SendMessage to queue "order-jobs"');
    expect(findings[0]?.recommendation).toContain('SQSSendMessagePolicy');
  });
});
