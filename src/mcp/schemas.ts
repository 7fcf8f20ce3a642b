import { z } from 'zod';
import { SOURCE_KINDS } from './graph-status.js';

export const locationSchema = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number(),
});

export const findingSchema = z.object({
  ruleId: z.string(),
  severity: z.enum(['high', 'medium', 'low']),
  message: z.string(),
  location: locationSchema,
  related: z.array(locationSchema.extend({ label: z.string() })),
  recommendation: z.string(),
  fingerprint: z.string(),
});

export const graphStatusSchema = z
  .object({
    root: z.string(),
    builtAt: z.string().describe('when the graph these answers come from was built (ISO 8601)'),
    durationMs: z.number(),
    update: z
      .object({
        infrastructure: z.enum(['read', 'reused']),
        filesRead: z.number(),
        filesParsed: z.number(),
      })
      .describe(
        'how this build was made: code files read from disk and parsed again, and whether the infrastructure was read again or reused because no infrastructure file changed',
      ),
    sources: z.array(
      z.object({
        kind: z.enum(SOURCE_KINDS),
        status: z.enum(['ok', 'failed', 'not configured']),
        filesRead: z.number(),
        failed: z.array(
          z.object({ path: z.string(), error: z.string(), line: z.number().optional() }),
        ),
      }),
    ),
  })
  .describe('the graph every answer comes from, and the status of each source it read');

export const keyAttributeSchema = z.object({ name: z.string(), type: z.string().optional() });

/** `limit` and `cursor` as every paginated tool takes them. */
export const pageInput = {
  limit: z.number().int().min(1).max(500).default(50).describe('items per page'),
  cursor: z.string().optional().describe('nextCursor of the previous page'),
};
