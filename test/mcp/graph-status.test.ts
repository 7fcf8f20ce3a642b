import { describe, expect, it } from 'vitest';
import { AnalysisCache } from '../../src/analysis-cache.js';
import { analyze } from '../../src/analyze.js';
import { silentLogger } from '../../src/logger.js';
import { formatGraphStatus, graphStatusOf } from '../../src/mcp/graph-status.js';
import { graphStatusSchema } from '../../src/mcp/schemas.js';
import { configWith, writeApp } from '../helpers/app.js';

const app = {
  'template.yaml': `Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties: { TableName: orders }
`,
  'src/list.ts': `import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
export const handler = () => new DynamoDBClient({}).send(new ScanCommand({ TableName: 'orders' }));
`,
};

const builtAt = new Date('2025-01-01T10:00:00.000Z');

describe('graphStatusOf', () => {
  it('carries how an update through the cache was made, in the published shape', async () => {
    const root = writeApp(app);
    const cache = new AnalysisCache(root);
    await analyze(root, configWith(), silentLogger, { cache });

    const updated = await analyze(root, configWith(), silentLogger, {
      cache,
      changed: new Set(['src/list.ts']),
    });
    const status = graphStatusOf(updated, builtAt);

    expect(status.update).toEqual({ infrastructure: 'reused', filesRead: 1, filesParsed: 0 });
    expect(graphStatusSchema.parse(status)).toEqual(status);
    expect(formatGraphStatus(status)).toContain(
      'graph built 2025-01-01T10:00:00.000Z from ' +
        root +
        ' (0 code files parsed, infrastructure reused)',
    );
  });

  it('reports every scanned file as read and parsed for an analysis made without a cache', async () => {
    const analysis = await analyze(writeApp(app), configWith(), silentLogger);

    const status = graphStatusOf(analysis, builtAt);

    expect(status.update).toEqual({ infrastructure: 'read', filesRead: 1, filesParsed: 1 });
    expect(formatGraphStatus(status)).toContain('(1 code file parsed, infrastructure read)');
  });

  it('says a run without an infrawise.yaml used the default config', async () => {
    const analysis = await analyze(writeApp(app), configWith(), silentLogger);

    const line = formatGraphStatus(graphStatusOf(analysis, builtAt));

    expect(line).toMatch(/, config defaults \(no infrawise\.yaml\)$/);
    expect(line).not.toContain('config not configured');
  });
});
