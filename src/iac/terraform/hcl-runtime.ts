import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { messageOf } from '../../errors.js';

/** What hcl2json's Go program made of one call: its result, its error, or that it broke. */
export type HclAnswer =
  | { kind: 'result'; text: string }
  | { kind: 'error'; message: string }
  | { kind: 'crash'; message: string };

export type HclFunction = 'parse' | 'getExpressionAst';

type GoCallback = (error: unknown, result: unknown) => void;
type GoFunction = (...args: [...string[], GoCallback]) => unknown;

// The parts of wasm_exec.js's Go class that are used here; the class itself comes from the
// package, so the program runs exactly as the package runs it.
interface GoProgram {
  exited: boolean;
  importObject: { go: Record<string, (stackPointer: number) => void> };
  exit: (code: number) => void;
  run(instance: WebAssembly.Instance): Promise<void>;
  _scheduledTimeouts?: Map<number, NodeJS.Timeout>;
}

interface Program {
  go: GoProgram;
  functions: Partial<Record<HclFunction, GoFunction>>;
  output: string;
  calls: number;
}

// The name under which the Go program looks up the object it registers its functions on.
const BRIDGE = '__parse_terraform_config_wasm__';
const KEPT_OUTPUT = 400;

const require = createRequire(import.meta.url);
const decoder = new TextDecoder();

let compiled: WebAssembly.Module | undefined;
let current: Program | undefined;

/**
 * Calls a function of hcl2json's WebAssembly program. The package keeps one program for the
 * whole process and a crash inside it breaks every later call, so the program is started here
 * instead: a call that crashes retires it, and the next call starts a fresh one. This follows
 * the package's own loader (its files, the bridge object, the callback convention) as of 0.21.
 */
export function callHcl(name: HclFunction, ...args: string[]): HclAnswer {
  const program = (current ??= startProgram());
  const answer = answerOf(program, name, args);
  if (answer.kind !== 'crash') {
    return answer;
  }

  retire(program);
  // A program that answered earlier calls may have broken on one of them and only now shown
  // it, so the call is tried once more on a fresh program before the input is blamed.
  if (program.calls === 1) {
    return answer;
  }

  const fresh = (current = startProgram());
  const retried = answerOf(fresh, name, args);
  if (retried.kind === 'crash') {
    retire(fresh);
  }

  return retried;
}

function answerOf(program: Program, name: HclFunction, args: string[]): HclAnswer {
  program.calls++;
  const call = program.functions[name];
  if (!call || program.go.exited) {
    return { kind: 'crash', message: crashMessageOf(program, 'the parser had exited') };
  }

  let answer: HclAnswer | undefined;
  try {
    call(...args, (error, result) => {
      answer =
        typeof error === 'string'
          ? { kind: 'error', message: error }
          : { kind: 'result', text: String(result) };
    });
  } catch (error) {
    return { kind: 'crash', message: crashMessageOf(program, messageOf(error)) };
  }

  // The Go side calls back before it returns, so a call that returns unanswered found the
  // program exited or stuck.
  return answer ?? { kind: 'crash', message: crashMessageOf(program, 'the parser stopped') };
}

function crashMessageOf(program: Program, fallback: string): string {
  const firstLine = program.output.split('\n').find(line => line.trim() !== '');

  return firstLine?.trim() ?? fallback;
}

function startProgram(): Program {
  const go = new (goClass())();
  const program: Program = { go, functions: {}, output: '', calls: 0 };
  // Exit codes and crash traces are kept for the failure message instead of being written
  // to the process's own stdout and stderr.
  go.exit = () => {};
  go.importObject.go['runtime.wasmWrite'] = stackPointer => {
    if (program.output.length < KEPT_OUTPUT) {
      program.output += writtenText(
        instance.exports['mem'] as WebAssembly.Memory,
        stackPointer >>> 0,
      );
    }
  };

  const instance = new WebAssembly.Instance(compiledModule(), go.importObject);
  (globalThis as Record<string, unknown>)[BRIDGE] = program.functions;
  // Go's main registers its functions before it first waits, so they exist once run returns;
  // the promise settles only when the program exits, which `exited` already tells.
  go.run(instance).catch(() => {});

  return program;
}

// Go passes wasmWrite its file descriptor, pointer and length as 64-bit words on its stack,
// after one word of its own.
function writtenText(memory: WebAssembly.Memory, stackPointer: number): string {
  const view = new DataView(memory.buffer);
  const pointer =
    view.getUint32(stackPointer + 16, true) + view.getInt32(stackPointer + 20, true) * 2 ** 32;
  const length = view.getInt32(stackPointer + 24, true);

  return decoder.decode(new Uint8Array(memory.buffer, pointer, length));
}

function retire(program: Program): void {
  if (current === program) {
    current = undefined;
  }

  const global = globalThis as Record<string, unknown>;
  if (global[BRIDGE] === program.functions) {
    delete global[BRIDGE];
  }

  // A broken program may hold timers that would resume it later and throw outside any call.
  for (const timer of program.go._scheduledTimeouts?.values() ?? []) {
    clearTimeout(timer);
  }
}

function goClass(): new () => GoProgram {
  require(join(packageDir(), 'wasm', 'bridge_wasm_exec.js'));

  return (globalThis as unknown as { Go: new () => GoProgram }).Go;
}

// Compiled once, and only when a Terraform file is found; each program is a new instance of it.
function compiledModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(gunzipSync(readFileSync(join(packageDir(), 'main.wasm.gz'))));

  return compiled;
}

function packageDir(): string {
  return dirname(require.resolve('@cdktf/hcl2json/package.json'));
}
