import { DEFAULT_MAX_LINE_BYTES, type FramingError, LineDecoder, LocalError } from '@mcpwire/core';
import { describe, expect, it, vi } from 'vitest';

const encoder = new TextEncoder();
const setBytes = Uint8Array.prototype.set;
const decodeBytes = TextDecoder.prototype.decode;

function collect(maxLineBytes?: number) {
  const lines: string[] = [];
  const errors: FramingError[] = [];
  const decoder = new LineDecoder({
    onLine: (line) => lines.push(line),
    onError: (error) => errors.push(error),
    ...(maxLineBytes === undefined ? {} : { maxLineBytes }),
  });
  return { decoder, lines, errors };
}

describe('LineDecoder', () => {
  it('emits many lines from one chunk', () => {
    const { decoder, lines } = collect();
    decoder.push(encoder.encode('{"a":1}\n{"b":2}\n{"c":3}\n'));
    expect(lines).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('joins one line spread over many chunks, byte by byte', () => {
    const { decoder, lines } = collect();
    const bytes = encoder.encode('{"text":"hello world"}\n');
    for (let i = 0; i < bytes.length; i++) decoder.push(bytes.subarray(i, i + 1));
    expect(lines).toEqual(['{"text":"hello world"}']);
  });

  it('accepts CRLF, including a CR and LF in different chunks', () => {
    const { decoder, lines } = collect();
    decoder.push('one\r\ntwo\r');
    decoder.push('\nthree\n');
    expect(lines).toEqual(['one', 'two', 'three']);
  });

  it('skips empty and whitespace-only lines', () => {
    const { decoder, lines } = collect();
    decoder.push('\n\r\n  \n\t\r\na\n\n\nb\n');
    expect(lines).toEqual(['a', 'b']);
  });

  it('keeps leading whitespace of real lines', () => {
    const { decoder, lines } = collect();
    decoder.push('  {"x":1}\n');
    expect(lines).toEqual(['  {"x":1}']);
  });

  it('decodes emoji and CJK split at every byte position', () => {
    const text = '{"t":"犬🐕é日本語🐶"}';
    const bytes = encoder.encode(`${text}\n${text}\n`);
    for (let cut = 1; cut < bytes.length; cut++) {
      const { decoder, lines, errors } = collect();
      decoder.push(bytes.subarray(0, cut));
      decoder.push(bytes.subarray(cut));
      expect(lines, `cut at ${cut}`).toEqual([text, text]);
      expect(errors).toEqual([]);
    }
  });

  it('delivers a final line without newline on end()', () => {
    const { decoder, lines } = collect();
    decoder.push('a\nlast');
    expect(lines).toEqual(['a']);
    decoder.end();
    expect(lines).toEqual(['a', 'last']);
    decoder.end();
    expect(lines).toEqual(['a', 'last']);
  });

  it('drops an oversize line as soon as it crosses the limit and recovers at the next newline', () => {
    const { decoder, lines, errors } = collect(16);
    decoder.push('ok1\n0123456789');
    decoder.push('0123456789');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.reason).toBe('line-too-long');
    expect(errors[0]!.message).toContain('expected at most 16 bytes');
    expect(decoder.bufferedBytes).toBe(0);
    decoder.push('more garbage still part of the same line');
    decoder.push('...\nok2\n');
    expect(lines).toEqual(['ok1', 'ok2']);
    expect(errors).toHaveLength(1);
  });

  it('drops an oversize line that arrives complete in one chunk', () => {
    const { decoder, lines, errors } = collect(8);
    decoder.push('123456789\n12345678\n12345678\r\n');
    expect(lines).toEqual(['12345678', '12345678']);
    expect(errors.map((e) => e.reason)).toEqual(['line-too-long']);
  });

  it('does not report an oversize trailing line twice on end()', () => {
    const { decoder, lines, errors } = collect(4);
    decoder.push('123456');
    decoder.end();
    expect(errors).toHaveLength(1);
    decoder.push('ab\n');
    expect(lines).toEqual(['ab']);
  });

  it('reports invalid UTF-8 lines and continues', () => {
    const { decoder, lines, errors } = collect();
    decoder.push(new Uint8Array([0x61, 0xff, 0x0a, 0x62, 0x0a]));
    expect(lines).toEqual(['b']);
    expect(errors.map((e) => e.reason)).toEqual(['invalid-utf8']);
    expect(errors[0]).toBeInstanceOf(LocalError);
  });

  it('finishes a held line, then decodes the rest of the chunk, falling back line by line on a bad line', () => {
    const { decoder, lines, errors } = collect();
    decoder.push('{"a":');
    decoder.push(
      new Uint8Array([...encoder.encode('1}\nok\n'), 0xc3, 0x28, 0x0a, ...encoder.encode('after\ntail')]),
    );
    expect(lines).toEqual(['{"a":1}', 'ok', 'after']);
    expect(errors.map((e) => e.reason)).toEqual(['invalid-utf8']);
    expect(decoder.bufferedBytes).toBe(4);
  });

  it('defaults to 4 MiB and rejects a bad limit', () => {
    expect(new LineDecoder({ onLine: () => {} }).maxLineBytes).toBe(DEFAULT_MAX_LINE_BYTES);
    expect(DEFAULT_MAX_LINE_BYTES).toBe(4 * 1024 * 1024);
    expect(() => new LineDecoder({ onLine: () => {}, maxLineBytes: 0 })).toThrow(/positive integer/);
  });

  it('is linear for one huge line in many small chunks', () => {
    // Counted, not timed: every byte the decoder copies or decodes while it gathers one 1 MiB line from
    // 1,024 chunks. Joining the pieces once costs ~1 MiB of copies; re-joining on every chunk (quadratic)
    // would copy ~512 MiB.
    const { decoder, lines } = collect(64 * 1024 * 1024);
    const chunk = encoder.encode('x'.repeat(1024));
    let copied = 0;
    let decoded = 0;
    const copy = vi.spyOn(Uint8Array.prototype, 'set').mockImplementation(function (
      this: Uint8Array,
      source: ArrayLike<number>,
      offset?: number,
    ) {
      copied += source.length;
      setBytes.call(this, source, offset);
    });
    const decode = vi.spyOn(TextDecoder.prototype, 'decode').mockImplementation(function (
      this: TextDecoder,
      input?: AllowSharedBufferSource,
      options?: TextDecodeOptions,
    ) {
      decoded += input?.byteLength ?? 0;
      return decodeBytes.call(this, input, options);
    });
    try {
      for (let i = 0; i < 1024; i++) decoder.push(chunk);
      decoder.push('\n');
    } finally {
      copy.mockRestore();
      decode.mockRestore();
    }
    expect(lines[0]!.length).toBe(1024 * 1024);
    // The spies see the work: every byte is copied or decoded at least once.
    expect(copied + decoded).toBeGreaterThanOrEqual(1024 * 1024);
    expect(copied).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(decoded).toBeLessThanOrEqual(2 * 1024 * 1024);
  });
});
