import { isLoggingLevel, LOGGING_LEVELS, loggingLevelAtLeast } from '@mcpwire/core';
import { describe, expect, it } from 'vitest';

describe('logging levels', () => {
  it('lists the eight RFC 5424 severities, lowest first', () => {
    expect(LOGGING_LEVELS.join(' < ')).toBe(
      'debug < info < notice < warning < error < critical < alert < emergency',
    );
  });

  it('recognises only those names (not inherited object keys)', () => {
    expect(LOGGING_LEVELS.every(isLoggingLevel)).toBe(true);
    for (const value of ['toString', '__proto__', 'constructor', 'Warning', '', 3, undefined])
      expect(isLoggingLevel(value), String(value)).toBe(false);
  });

  it('lets through messages as severe as the threshold or more', () => {
    expect(loggingLevelAtLeast('warning', 'warning')).toBe(true);
    expect(loggingLevelAtLeast('emergency', 'debug')).toBe(true);
    expect(loggingLevelAtLeast('info', 'notice')).toBe(false);
  });
});
