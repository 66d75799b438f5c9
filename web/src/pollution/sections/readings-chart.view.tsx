// The readings of one parameter at a section over time, against the GB 3838-2002 class limits (dashed lines, the
// section's target class in red) — hand-written SVG rather than a chart library: the chart is one line series with
// horizontal reference lines, which is a few dozen lines here, while the small libraries that draw it well either
// render to canvas (nothing for a screen reader, and no CSS from our palette) or bring 40–100 KB of gzipped code and
// their own inline styles, which the app's Content-Security-Policy (style-src 'self') would refuse. The same data is
// always in a table next to it; the chart itself is one image with a title and a description.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, WORK_TIME_ZONE } from '../shared/pollution.format.ts';
import type { Thresholds } from './gb3838.data.ts';

/** A reading as the chart needs it. */
export interface ChartReading {
  sampledAt: string;
  valueMgL: string;
  exceedsTarget: boolean;
}

const WIDTH = 760;
const HEIGHT = 320;
const MARGIN = { top: 16, right: 120, bottom: 40, left: 64 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

/** Ticks at 1, 2 or 5 × 10^n covering [0, max]. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power) as number;
  const steps = Math.min(50, Math.ceil(max / step - 1e-9));
  return Array.from({ length: steps + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** The chart. `from`/`to` bound the time axis (ISO instants). */
export function ReadingsChart({
  readings,
  thresholds,
  parameterLabel,
  targetLabel,
  from,
  to,
}: {
  readings: readonly ChartReading[];
  thresholds: Thresholds;
  parameterLabel: string;
  targetLabel: string;
  from: string;
  to: string;
}) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const descId = useId();
  const classLabel = (classes: string[]) => classes.map((c) => t(`cases.waterClass.${c as 'I'}`)).join('/');

  const points = readings.map((r) => ({ time: Date.parse(r.sampledAt), value: Number(r.valueMgL), reading: r })).filter((p) => Number.isFinite(p.time) && Number.isFinite(p.value));
  const start = Math.min(Date.parse(from), ...points.map((p) => p.time));
  const end = Math.max(Date.parse(to), ...points.map((p) => p.time), start + 3_600_000);
  const maxValue = Math.max(0, ...points.map((p) => p.value));
  // The axis reaches the target's limit (or the specific limit) even when every reading is far below it, so the
  // distance to the limit is visible; classes above the data and the target are left out.
  const reference = thresholds.kind === 'specific' ? Number(thresholds.limit) : thresholds.kind === 'classes' ? Number(thresholds.lines.find((l) => l.target)?.limit ?? 0) : 0;
  const ticks = niceTicks(Math.max(maxValue, reference) * 1.1 || 1);
  const yMax = ticks.at(-1) ?? 1;
  const x = (time: number) => MARGIN.left + ((time - start) / (end - start)) * PLOT_W;
  const y = (value: number) => MARGIN.top + PLOT_H - (Math.min(value, yMax) / yMax) * PLOT_H;
  const lines =
    thresholds.kind === 'classes'
      ? thresholds.lines.filter((line) => Number(line.limit) <= yMax)
      : thresholds.kind === 'specific'
        ? [{ classes: [] as string[], limit: thresholds.limit, target: true }]
        : [];
  const timeTicks = Array.from({ length: 5 }, (_, i) => start + ((end - start) * i) / 4);
  const dayFormat = new Intl.DateTimeFormat(i18n.language, { month: '2-digit', day: '2-digit', timeZone: WORK_TIME_ZONE });
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.time).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const highest = points.reduce<(typeof points)[number] | undefined>((best, p) => (!best || p.value > best.value ? p : best), undefined);
  const latest = points.at(-1);
  const description =
    thresholds.kind === 'specific'
      ? t('sections.chart.specificDescription', { limit: thresholds.limit })
      : t('sections.chart.description', { target: targetLabel });

  return (
    <figure className="chart-figure">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descId}`} data-testid="readings-chart">
        <title id={titleId}>{t('sections.chart.title', { parameter: parameterLabel })}</title>
        <desc id={descId}>{description}</desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line className="chart-grid" x1={MARGIN.left} x2={MARGIN.left + PLOT_W} y1={y(tick)} y2={y(tick)} />
            <text className="chart-tick" x={MARGIN.left - 6} y={y(tick) + 4} textAnchor="end">
              {tick}
            </text>
          </g>
        ))}
        {timeTicks.map((time) => (
          <text key={time} className="chart-tick" x={x(time)} y={MARGIN.top + PLOT_H + 18} textAnchor="middle">
            {dayFormat.format(new Date(time))}
          </text>
        ))}
        <line className="chart-axis" x1={MARGIN.left} x2={MARGIN.left} y1={MARGIN.top} y2={MARGIN.top + PLOT_H} />
        <line className="chart-axis" x1={MARGIN.left} x2={MARGIN.left + PLOT_W} y1={MARGIN.top + PLOT_H} y2={MARGIN.top + PLOT_H} />
        <text className="chart-tick" x={12} y={MARGIN.top + PLOT_H / 2} textAnchor="middle" transform={`rotate(-90 12 ${MARGIN.top + PLOT_H / 2})`}>
          mg/L
        </text>
        {lines.map((line) => (
          <g key={line.limit} data-threshold={line.limit} data-target={line.target ? 'true' : undefined}>
            <line className={line.target ? 'chart-threshold chart-threshold-target' : 'chart-threshold'} x1={MARGIN.left} x2={MARGIN.left + PLOT_W} y1={y(Number(line.limit))} y2={y(Number(line.limit))} />
            <text className={line.target ? 'chart-threshold-label chart-threshold-label-target' : 'chart-threshold-label'} x={MARGIN.left + PLOT_W + 6} y={y(Number(line.limit)) + 4}>
              {t('sections.chart.limit', {
                label: line.classes.length > 0 ? classLabel(line.classes) + (line.target ? ` ${t('sections.chart.target')}` : '') : t('sections.chart.specificLimit'),
                value: line.limit,
              })}
            </text>
          </g>
        ))}
        <path className="chart-line" d={path} />
        {points.map((p) =>
          // Many readings make a dense line: only those over the target get a dot then.
          p.reading.exceedsTarget || points.length <= 120 ? (
            <circle key={p.reading.sampledAt} className={p.reading.exceedsTarget ? 'chart-point chart-point-exceeds' : 'chart-point'} cx={x(p.time)} cy={y(p.value)} r={p.reading.exceedsTarget ? 3.5 : 2.5} />
          ) : null,
        )}
      </svg>
      <ul className="chart-legend" aria-hidden="true">
        <li>
          <span className="legend-swatch" />
          {t('sections.chart.legendReadings')}
        </li>
        {thresholds.kind !== 'none' ? (
          <li>
            <span className="legend-swatch legend-swatch-target" />
            {thresholds.kind === 'specific' ? t('sections.chart.specificLimit') : t('sections.chart.legendTarget')}
          </li>
        ) : null}
        {thresholds.kind === 'classes' ? (
          <li>
            <span className="legend-swatch legend-swatch-class" />
            {t('sections.chart.legendClasses')}
          </li>
        ) : null}
        <li>
          <span className="legend-dot" />
          {t('sections.chart.legendExceeds')}
        </li>
      </ul>
      <figcaption>
        {latest ? t('sections.chart.latest', { value: latest.reading.valueMgL, time: formatDateTime(latest.reading.sampledAt, i18n.language) }) : null}
        {highest ? ` · ${t('sections.chart.max', { value: highest.reading.valueMgL, time: formatDateTime(highest.reading.sampledAt, i18n.language) })}` : null}
        {thresholds.kind === 'none' ? ` · ${t('sections.chart.noClass')}` : null}
      </figcaption>
    </figure>
  );
}
