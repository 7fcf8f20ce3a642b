import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { isUserError, messageOf } from '../errors.js';
import { formatGraphStatus } from './graph-status.js';
import { graphStatusSchema } from './schemas.js';
import type { Tool, ToolContext } from './tool.js';
import { analyzeFunction } from './tools/analyze-function.js';
import { checkChange } from './tools/check-change.js';
import { explainRule } from './tools/explain-rule.js';
import { getGraphSummary } from './tools/get-graph-summary.js';
import { getInfraOverview } from './tools/get-infra-overview.js';
import { getTable } from './tools/get-table.js';
import { listFindings } from './tools/list-findings.js';
import { suggestGsi } from './tools/suggest-gsi.js';

/** An MCP server answering every tool from the store's newest graph. */
export function createServer(context: ToolContext, version: string): McpServer {
  const server = new McpServer({ name: 'infrawise', version });
  register(server, context, getInfraOverview);
  register(server, context, getGraphSummary);
  register(server, context, analyzeFunction);
  register(server, context, getTable);
  register(server, context, suggestGsi);
  register(server, context, listFindings);
  register(server, context, checkChange);
  register(server, context, explainRule);

  return server;
}

function register<Input extends z.ZodRawShape, Output extends z.ZodRawShape>(
  server: McpServer,
  context: ToolContext,
  tool: Tool<Input, Output>,
): void {
  const config = {
    title: tool.title,
    description: tool.description,
    inputSchema: tool.inputSchema as z.ZodRawShape,
    outputSchema: { ...tool.outputSchema, graph: graphStatusSchema },
    annotations: { readOnlyHint: true, openWorldHint: false },
  };

  // The SDK parses the arguments with `inputSchema` before the callback runs; its callback type
  // cannot follow a generic shape, hence the widened schema and the cast back.
  server.registerTool(tool.name, config, async (input: unknown) =>
    answer(tool, input as z.infer<z.ZodObject<Input>>, context),
  );
}

// A tool that throws answers with an error result carrying the message; the server goes on.
async function answer<Input extends z.ZodRawShape, Output extends z.ZodRawShape>(
  tool: Tool<Input, Output>,
  input: z.infer<z.ZodObject<Input>>,
  context: ToolContext,
): Promise<CallToolResult> {
  const snapshot = await context.store.current();
  const status = formatGraphStatus(snapshot.status);
  try {
    const { structured, text } = await tool.run(input, snapshot, context);
    return {
      structuredContent: { ...structured, graph: snapshot.status },
      content: [{ type: 'text', text: `${text}\n\n${status}` }],
    };
  } catch (error) {
    if (!isUserError(error)) {
      context.logger.error(`mcp: ${tool.name} failed: ${messageOf(error)}`);
    }
    const message = isUserError(error)
      ? error.message
      : `${tool.name} failed: ${messageOf(error)}. This is a bug in infrawise; the server goes on.`;
    return { isError: true, content: [{ type: 'text', text: `${message}\n\n${status}` }] };
  }
}
