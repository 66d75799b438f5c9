import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';

import { LinePrefixer, pipeLines, sinkHasColours } from '../src/log.prefixer.ts';
import { CapturedOutput } from './helpers.ts';

describe('LinePrefixer', () => {
  it('pads every name to the longest and colours only when asked', () => {
    const plain = new LinePrefixer(['postgres', 'identity-provider'], false);
    expect(plain.format('postgres', 'up')).toBe('postgres          │ up\n');
    const coloured = new LinePrefixer(['postgres', 'kafka'], true);
    const ESC = String.fromCharCode(27);
    const line = coloured.format('kafka', 'up');
    expect(line.startsWith(`${ESC}[`)).toBe(true);
    expect(line.replaceAll(new RegExp(`${ESC}\\[\\d+m`, 'g'), '')).toBe('kafka    │ up\n');
  });

  it('colours a terminal that accepts colours, never a pipe', () => {
    expect(sinkHasColours({ write: () => true, isTTY: true, hasColors: () => true })).toBe(true);
    expect(sinkHasColours({ write: () => true, isTTY: true, hasColors: () => false })).toBe(false);
    expect(sinkHasColours({ write: () => true })).toBe(false);
  });
});

describe('pipeLines', () => {
  it('writes whole lines only, handles CRLF, and flushes a last line without a newline', async () => {
    const stream = new PassThrough();
    const sink = new CapturedOutput();
    const seen: string[] = [];
    const done = pipeLines(stream, 'app', new LinePrefixer(['app'], false), sink, (line) => seen.push(line));
    stream.write('hel');
    stream.write('lo\r\nwor');
    await new Promise((resolve) => setImmediate(resolve));
    expect(sink.text).toBe('app      │ hello\n');
    stream.end('ld');
    await done;
    expect(sink.lines).toEqual(['app      │ hello', 'app      │ world']);
    expect(seen).toEqual(['hello', 'world']);
  });
});
