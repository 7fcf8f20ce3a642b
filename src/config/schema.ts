import { z } from 'zod';

const severity = z.enum(['high', 'medium', 'low']);

const positiveCount = z.number().int().positive();

export const configSchema = z.strictObject({
  exclude: z.array(z.string()).optional(),
  analysis: z
    .strictObject({
      hotPartitionThreshold: positiveCount.optional(),
      hotPartitionThresholds: z.record(z.string(), positiveCount).optional(),
      readerTimeoutSeconds: positiveCount.optional(),
    })
    .optional(),
  rules: z
    .record(z.string(), z.union([z.literal('off'), severity, z.record(z.string(), z.unknown())]))
    .optional(),
});

export type ConfigFile = z.infer<typeof configSchema>;

/** What every key means, for messages that point a user at the right spelling. */
export const KNOWN_KEYS: Record<string, string[]> = {
  '': ['exclude', 'analysis', 'rules'],
  analysis: ['hotPartitionThreshold', 'hotPartitionThresholds', 'readerTimeoutSeconds'],
};

/** How a user writes each setting, shown when one has the wrong type. */
export const EXAMPLES: Record<string, string> = {
  exclude: 'exclude: ["dist/**", "scripts/**"]',
  'analysis.hotPartitionThreshold': 'hotPartitionThreshold: 5',
  'analysis.hotPartitionThresholds': 'hotPartitionThresholds: { orders: 3 }',
  'analysis.readerTimeoutSeconds': 'readerTimeoutSeconds: 300',
  rules: 'rules: { "dynamodb/full-scan": medium, "dynamodb/hot-partition": { threshold: 8 } }',
};
