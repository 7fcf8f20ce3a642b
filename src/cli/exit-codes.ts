/** Exit codes as DESIGN.md sets them. */
export const EXIT = {
  /** Nothing at or above the threshold. */
  OK: 0,
  /** Findings at or above the threshold. */
  FINDINGS: 1,
  /** The run could not be trusted: bad config or arguments, unreadable input, an internal error. */
  UNTRUSTED: 2,
} as const;
