// Interleaves every component's output line by line, each line prefixed with the padded component name.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { styleText } from 'node:util';

/** Where prefixed lines go: normally process.stdout / process.stderr. */
export interface LineSink {
  write(chunk: string): unknown;
  isTTY?: boolean;
  hasColors?: () => boolean;
}

type Colour = 'cyan' | 'magenta' | 'yellow' | 'green' | 'blue' | 'red' | 'cyanBright' | 'magentaBright' | 'greenBright';
const PALETTE: readonly Colour[] = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'cyanBright', 'magentaBright', 'greenBright'];

/** True when the sink is a terminal that accepts colours (hasColors honours NO_COLOR and FORCE_COLOR). */
export function sinkHasColours(sink: LineSink): boolean {
  return sink.isTTY === true && typeof sink.hasColors === 'function' && sink.hasColors();
}

/** Builds prefixes of equal width so that the output lines up; colours only when `colours` is set. */
export class LinePrefixer {
  private readonly width: number;
  private readonly colours = new Map<string, Colour>();
  private readonly useColour: boolean;

  constructor(names: readonly string[], useColour: boolean) {
    this.width = Math.max(8, ...names.map((n) => n.length));
    this.useColour = useColour;
    names.forEach((name, index) => this.colours.set(name, PALETTE[index % PALETTE.length] ?? 'cyan'));
  }

  /** The prefix for one component, e.g. `postgres │ `. */
  prefix(name: string): string {
    const padded = `${name.padEnd(this.width)} │ `;
    if (!this.useColour) return padded;
    return styleText(this.colours.get(name) ?? 'red', padded, { validateStream: false });
  }

  /** Formats one line for one component. */
  format(name: string, line: string): string {
    return `${this.prefix(name)}${line}\n`;
  }
}

/**
 * Copies a child's stream to the sink one whole line at a time. readline keeps a partial line until its newline (or the
 * end of the stream) arrives, so lines of different children never mix; `onLine` sees each line without its prefix.
 */
export function pipeLines(
  stream: Readable,
  name: string,
  prefixer: LinePrefixer,
  sink: LineSink,
  onLine: (line: string) => void,
): Promise<void> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  lines.on('line', (line) => {
    sink.write(prefixer.format(name, line));
    onLine(line);
  });
  return new Promise((resolve) => lines.once('close', () => resolve()));
}
