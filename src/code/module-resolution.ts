import { existsSync } from 'node:fs';
import path from 'node:path';
import { ResolverFactory } from 'oxc-resolver';

export const CODE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Resolves import specifiers to repository files (relative, `/`-separated), the way bundlers do. */
export class ModuleResolver {
  private readonly resolver: ResolverFactory;
  private readonly cache = new Map<string, string | undefined>();

  constructor(
    private readonly root: string,
    private readonly files: ReadonlySet<string>,
  ) {
    const tsconfig = path.join(root, 'tsconfig.json');
    this.resolver = new ResolverFactory({
      extensions: CODE_EXTENSIONS,
      extensionAlias: {
        '.js': ['.ts', '.tsx', '.js', '.jsx'],
        '.mjs': ['.mts', '.mjs'],
        '.cjs': ['.cts', '.cjs'],
      },
      conditionNames: ['import', 'require', 'node', 'default'],
      mainFiles: ['index'],
      ...(existsSync(tsconfig)
        ? { tsconfig: { configFile: tsconfig, references: 'auto' as const } }
        : {}),
    });
  }

  /** The repository file `specifier` names from `fromFile`, or undefined for packages and misses. */
  resolve(fromFile: string, specifier: string): string | undefined {
    const key = `${path.posix.dirname(fromFile)}\0${specifier}`;
    if (!this.cache.has(key)) {
      this.cache.set(key, this.resolveUncached(fromFile, specifier));
    }

    return this.cache.get(key);
  }

  private resolveUncached(fromFile: string, specifier: string): string | undefined {
    const directory = path.dirname(path.join(this.root, fromFile));
    const result = this.resolver.sync(directory, specifier);
    if (!result.path) {
      return undefined;
    }

    const relative = path.relative(this.root, result.path).split(path.sep).join('/');

    return this.files.has(relative) ? relative : undefined;
  }
}
