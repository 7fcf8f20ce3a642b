import { describe, expect, it } from 'vitest';
import { recursiveTrigger } from '../../../src/rules/lambda/recursive-trigger.js';
import { runRule } from '../../helpers/app.js';

const template = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  ArticlesTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: articleId, AttributeType: S }]
      KeySchema: [{ AttributeName: articleId, KeyType: HASH }]
      StreamSpecification: { StreamViewType: NEW_AND_OLD_IMAGES }
  StatsTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: day, AttributeType: S }]
      KeySchema: [{ AttributeName: day, KeyType: HASH }]
  EnrichFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: src/enrich.handler
      Environment:
        Variables:
          ARTICLES_TABLE: !Ref ArticlesTable
          STATS_TABLE: !Ref StatsTable
      Policies:
        - DynamoDBCrudPolicy: { TableName: !Ref ArticlesTable }
        - DynamoDBCrudPolicy: { TableName: !Ref StatsTable }
      Events:
        ArticleChanges:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt ArticlesTable.StreamArn
            StartingPosition: LATEST
`;

const db = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const setWordCount = (articleId: string, words: number, condition?: string) =>
  ddb.send(
    new UpdateCommand({
      TableName: process.env.ARTICLES_TABLE,
      Key: { articleId },
      UpdateExpression: 'SET wordCount = :n',
      ExpressionAttributeValues: { ':n': words },
      ...(condition ? {} : {}),
    }),
  );
export const setWordCountOnce = (articleId: string, words: number) =>
  ddb.send(
    new UpdateCommand({
      TableName: process.env.ARTICLES_TABLE,
      Key: { articleId },
      UpdateExpression: 'SET wordCount = :n',
      ConditionExpression: 'attribute_not_exists(wordCount)',
      ExpressionAttributeValues: { ':n': words },
    }),
  );
export const countDay = (day: string) =>
  ddb.send(
    new UpdateCommand({
      TableName: process.env.STATS_TABLE,
      Key: { day },
      UpdateExpression: 'ADD articles :one',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
`;

const handler = (body: string) => `
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { countDay, setWordCount, setWordCountOnce } from './lib/db';
export const handler = async (event: DynamoDBStreamEvent) => {
  for (const record of event.Records) {
    const id = record.dynamodb?.Keys?.articleId?.S;
    if (!id) continue;
${body}
  }
};
`;

describe('lambda/recursive-trigger', () => {
  it('reports a stream consumer that writes back to its table without a condition', async () => {
    const findings = await runRule(recursiveTrigger, {
      'template.yaml': template,
      'src/lib/db.ts': db,
      'src/enrich.ts': handler('    await setWordCount(id, 3);'),
    });

    expect(findings).toHaveLength(1);
    expect(findings[0]?.location).toMatchObject({ file: 'src/lib/db.ts', line: 7 });
    expect(findings[0]?.message).toContain(
      'Lambda "EnrichFunction" is triggered by the stream of table "ArticlesTable" and its code path writes back to that table (update) with no condition',
    );
    expect(findings[0]?.related[0]).toMatchObject({ file: 'template.yaml', line: 30 });
    expect(findings[0]?.related[2]).toMatchObject({ file: 'src/enrich.ts', line: 4 });
  });

  it('stays silent when the consumer writes to a table without a stream', async () => {
    const findings = await runRule(recursiveTrigger, {
      'template.yaml': template,
      'src/lib/db.ts': db,
      'src/enrich.ts': handler("    await countDay('2024-01-01');"),
    });

    expect(findings).toEqual([]);
  });

  it('takes a ConditionExpression on the write as the guard', async () => {
    const findings = await runRule(recursiveTrigger, {
      'template.yaml': template,
      'src/lib/db.ts': db,
      'src/enrich.ts': handler('    await setWordCountOnce(id, 3);'),
    });

    expect(findings).toEqual([]);
  });

  it('still reports a write behind an eventName check in the handler', async () => {
    const findings = await runRule(recursiveTrigger, {
      'template.yaml': template,
      'src/lib/db.ts': db,
      'src/enrich.ts': handler(
        "    if (record.eventName !== 'INSERT') continue;\n    await setWordCount(id, 3);",
      ),
    });

    expect(findings).toHaveLength(1);
  });

  it('reports, at medium, a function that sends to the queue that triggers it', async () => {
    const findings = await runRule(recursiveTrigger, {
      'template.yaml': queueTemplate,
      'src/drainer.ts': drainer('process.env.DRAIN_QUEUE_URL'),
    });

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'medium',
      location: { file: 'src/drainer.ts', line: 7 },
    });
    expect(findings[0]?.message).toContain(
      'Lambda "Drainer" is triggered by queue "DrainQueue" and its code path sends back to that queue (SendMessageCommand)',
    );
    expect(findings[0]?.message).toContain('about 16 rounds');
    expect(findings[0]?.related[0]).toMatchObject({ file: 'template.yaml', line: 13 });
  });

  it('stays silent when the function sends to another queue', async () => {
    const findings = await runRule(recursiveTrigger, {
      'template.yaml': queueTemplate,
      'src/drainer.ts': drainer('process.env.RETRY_QUEUE_URL'),
    });

    expect(findings).toEqual([]);
  });

  it('still reports a send behind an attempt count check', async () => {
    const findings = await runRule(recursiveTrigger, {
      'template.yaml': queueTemplate,
      'src/drainer.ts': drainer('process.env.DRAIN_QUEUE_URL', 'if (Number(record.body) < 5) '),
    });

    expect(findings).toHaveLength(1);
  });

  it('reports a function that publishes to the topic that triggers it', async () => {
    const findings = await runRule(recursiveTrigger, {
      'template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  Events:
    Type: AWS::SNS::Topic
  Relay:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/relay.handler
      Environment: { Variables: { TOPIC_ARN: !Ref Events } }
      Events:
        Fanout: { Type: SNS, Properties: { Topic: !Ref Events } }
`,
      'src/relay.ts': `import { SNS } from '@aws-sdk/client-sns';
const sns = new SNS({});
export const handler = async () => {
  await sns.publish({ TopicArn: process.env.TOPIC_ARN, Message: 'again' });
};
`,
    });

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'medium', location: { line: 4 } });
    expect(findings[0]?.message).toContain('triggered by topic "Events"');
  });
});

const queueTemplate = `Transform: AWS::Serverless-2016-10-31
Resources:
  DrainQueue:
    Type: AWS::SQS::Queue
  RetryQueue:
    Type: AWS::SQS::Queue
  Drainer:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/drainer.handler
      Environment: { Variables: { DRAIN_QUEUE_URL: !Ref DrainQueue, RETRY_QUEUE_URL: !Ref RetryQueue } }
      Events:
        Drain: { Type: SQS, Properties: { Queue: !GetAtt DrainQueue.Arn } }
`;

const drainer = (queueUrl: string, guard = '') => `
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
const sqs = new SQSClient({});
export const handler = async (event: SQSEvent) => {
  for (const record of event.Records) {
    ${guard}await sqs.send(new SendMessageCommand({ QueueUrl: ${queueUrl}, MessageBody: record.body }));
  }
};
`;
