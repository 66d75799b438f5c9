import { escalateAlertsHandler, type EscalateAlertsDeps, type EscalationRunResult } from '../../application/escalate-alerts/escalate-alerts.handler.ts';

/** Options of the scheduler. */
export interface EscalationSchedulerOptions {
  /** The job's dependencies. */
  readonly deps: EscalateAlertsDeps;
  /** Time between runs, ms. */
  readonly intervalMs: number;
  /** Reports each run that escalated something, and failures. */
  readonly log: { info(fields: object, message: string): void; error(fields: object, message: string): void };
  /** Told the result of every run (metrics). */
  readonly onRun?: (result: EscalationRunResult) => void;
  /** Reloads the escalation policies before each run, so versions recorded by other instances apply here too. */
  readonly refreshPolicies?: () => Promise<void>;
}

/**
 * Runs the escalation job on a timer. Every instance of the service runs one: the job claims messages with
 * FOR UPDATE SKIP LOCKED and stores each step under a unique key, so instances share the work and a step is carried
 * out (and published) once. A failed run is logged and retried on the next tick.
 */
export class EscalationScheduler {
  private readonly options: EscalationSchedulerOptions;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(options: EscalationSchedulerOptions) {
    this.options = options;
  }

  /** Starts the timer (the first run happens at once). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Runs the job once now (the timer calls it; tests call it with a controlled clock). */
  async runOnce(): Promise<EscalationRunResult> {
    // A failed reload is no reason to skip escalations: the policies held so far are still the stored ones.
    await this.options.refreshPolicies?.().catch((error: unknown) => this.options.log.error({ err: error }, 'reloading escalation policies failed; using those held'));
    const result = await escalateAlertsHandler(this.options.deps);
    this.options.onRun?.(result);
    return result;
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = undefined;
        this.schedule(this.options.intervalMs);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      const result = await this.runOnce();
      if (result.escalations > 0) this.options.log.info({ ...result }, 'alerts escalated');
    } catch (error) {
      this.options.log.error({ err: error }, 'escalation run failed; retrying on the next tick');
    }
  }
}
