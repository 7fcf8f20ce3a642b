import type { z } from 'zod';
import type { AnalysisCache } from '../analysis-cache.js';
import type { Config } from '../config/load-config.js';
import type { Logger } from '../logger.js';
import type { AnalysisStore, Snapshot } from './analysis-store.js';

/** What every tool may use: the newest graph, and what it takes to run the pipeline again. */
export interface ToolContext {
  store: AnalysisStore;
  loadConfig: () => Config;
  logger: Logger;
  /** What the store's runs keep; a proposed change is analysed through it too. */
  cache?: AnalysisCache;
}

export interface ToolAnswer<Output> {
  /** The structured content, without the graph block: the server adds it to every answer. */
  structured: Output;
  /** A short rendering for clients that show text. */
  text: string;
}

/** A tool: its published schemas and a handler that either answers or throws a UserError. */
export interface Tool<Input extends z.ZodRawShape, Output extends z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  inputSchema: Input;
  outputSchema: Output;
  run(
    input: z.infer<z.ZodObject<Input>>,
    snapshot: Snapshot,
    context: ToolContext,
  ): Promise<ToolAnswer<z.infer<z.ZodObject<Output>>>> | ToolAnswer<z.infer<z.ZodObject<Output>>>;
}

export function defineTool<Input extends z.ZodRawShape, Output extends z.ZodRawShape>(
  tool: Tool<Input, Output>,
): Tool<Input, Output> {
  return tool;
}
