#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { isUserError, messageOf } from '../errors.js';
import { formatGraphJson, formatGraphText } from '../report/graph-report.js';
import { formatJsonReport } from '../report/json-report.js';
import { formatSarifReport } from '../report/sarif-report.js';
import { formatTextReport } from '../report/text-report.js';
import { RULES } from '../rules/registry.js';
import type { Analysis } from '../analyze.js';
import type { Severity } from '../rules/finding.js';
import { SEVERITIES, isAtLeast } from '../rules/finding.js';
import { EXIT } from './exit-codes.js';
import { registerMcpInstallCommand } from './mcp-install.js';
import { registerRuleCommands } from './rules-commands.js';
import type { CommonOptions } from './run-analysis.js';
import { runAnalysis, useColor } from './run-analysis.js';
import { registerServeCommand } from './serve.js';

const VERSION = '0.1.0';

function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

const REPORT_FORMATS = ['text', 'json', 'sarif'];

function withCommonOptions(command: Command, formats = REPORT_FORMATS): Command {
  return command
    .argument('[path]', 'repository to scan', '.')
    .addOption(new Option('--format <format>', 'output format').choices(formats).default('text'))
    .option('--config <file>', 'config file (default: infrawise.yaml in the scanned root)')
    .option('--verbose', 'log each stage with counts and timings, and stack traces')
    .addOption(new Option('--quiet', 'log errors only').conflicts('verbose'))
    .option('--no-color', 'never colour the output');
}

function formatReport(analysis: Analysis, options: CommonOptions): string {
  switch (options.format) {
    case 'json':
      return formatJsonReport(analysis);
    case 'sarif':
      return formatSarifReport(analysis, RULES, VERSION);
    case 'text':
      return formatTextReport(analysis, { color: useColor(options) });
  }
}

async function analyzeCommand(path: string, options: CommonOptions): Promise<number> {
  const { analysis } = await runAnalysis(path, options);
  process.stdout.write(formatReport(analysis, options));

  return EXIT.OK;
}

async function checkCommand(
  path: string,
  options: CommonOptions & { failOn: Severity },
): Promise<number> {
  const { analysis, logger } = await runAnalysis(path, options);
  process.stdout.write(formatReport(analysis, options));

  const failing = analysis.findings.filter(finding => isAtLeast(finding.severity, options.failOn));
  if (failing.length > 0) {
    logger.info(
      `check: ${failing.length} finding${failing.length === 1 ? '' : 's'} at or above "${options.failOn}"; exit code 1.`,
    );
    return EXIT.FINDINGS;
  }

  return EXIT.OK;
}

async function graphCommand(path: string, options: CommonOptions): Promise<number> {
  const { analysis } = await runAnalysis(path, options);
  process.stdout.write(
    options.format === 'json' ? formatGraphJson(analysis) : formatGraphText(analysis),
  );

  return EXIT.OK;
}

function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('infrawise')
    .description('Finds faults that live between serverless code and its AWS infrastructure.')
    .version(VERSION)
    .showHelpAfterError('(run "infrawise --help" for usage)')
    .exitOverride();

  withCommonOptions(program.command('analyze').description('report every finding')).action(
    async (path: string, options: CommonOptions) =>
      setExitCode(await analyzeCommand(path, options)),
  );
  withCommonOptions(
    program
      .command('check')
      .description('report findings and exit 1 when any is at or above --fail-on'),
  )
    .option('--fail-on <severity>', 'lowest severity that fails: high, medium or low', 'high')
    .action(async (path: string, options: CommonOptions & { failOn: string }, command: Command) => {
      // Checked here rather than by an argument parser, whose message commander would wrap in
      // its own.
      const { failOn } = options;
      if (!isSeverity(failOn)) {
        command.error(`--fail-on "${failOn}" is not a severity. Use "high", "medium" or "low".`, {
          code: 'infrawise.invalidSeverity',
        });
      }
      setExitCode(await checkCommand(path, { ...options, failOn }));
    });
  withCommonOptions(
    program
      .command('graph')
      .description('print the graph of resources, code functions and operations'),
    ['text', 'json'],
  ).action(async (path: string, options: CommonOptions) =>
    setExitCode(await graphCommand(path, options)),
  );

  registerRuleCommands(program);
  registerServeCommand(program, setExitCode, VERSION);
  registerMcpInstallCommand(program, setExitCode);
  pointErrorsAtOwnHelp(program);

  return program;
}

// A mistake in `check`'s options is explained by `infrawise check --help`, not the program's.
function pointErrorsAtOwnHelp(command: Command, names: string[] = []): void {
  for (const subcommand of command.commands) {
    const path = [...names, subcommand.name()];
    subcommand.showHelpAfterError(`(run "infrawise ${path.join(' ')} --help" for usage)`);
    pointErrorsAtOwnHelp(subcommand, path);
  }
}

async function main(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.OK;
  const program = buildProgram(code => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    return exitCodeForError(error, argv.includes('--verbose'));
  }
}

function exitCodeForError(error: unknown, verbose: boolean): number {
  if (error instanceof CommanderError) {
    const isInformational = [
      'commander.helpDisplayed',
      'commander.version',
      'commander.help',
    ].includes(error.code);
    return isInformational ? EXIT.OK : EXIT.UNTRUSTED;
  }
  if (isUserError(error)) {
    process.stderr.write(`${error.message}\n`);
    return EXIT.UNTRUSTED;
  }

  const stack = verbose && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  process.stderr.write(
    `infrawise failed: ${messageOf(error)}. This is a bug; run again with --verbose for the stack trace.${stack}\n`,
  );

  return EXIT.UNTRUSTED;
}

process.exitCode = await main(process.argv);
