/** A place a person can open: file relative to the scanned root, 1-based line and column. */
export interface Location {
  file: string;
  line: number;
  column: number;
}

export function formatLocation(location: Location): string {
  return `${location.file}:${location.line}:${location.column}`;
}

export function compareLocations(a: Location, b: Location): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}

/** A location that carries evidence for a finding: another code path, an environment variable. */
export interface RelatedLocation extends Location {
  label: string;
}
