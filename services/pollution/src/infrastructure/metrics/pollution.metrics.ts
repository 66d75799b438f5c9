import { Counter, type Registry } from 'prom-client';
import type { PollutionUseCases } from '../../application/pollution.use-cases.ts';
import type { EscalationRunResult } from '../../application/escalate-alerts/escalate-alerts.handler.ts';

/** The service's own Prometheus metrics, beside the kit's request, relay and readiness metrics. */
export interface PollutionMetrics {
  /** Counts what an escalation run carried out. */
  escalationRun(result: EscalationRunResult): void;
  /** The use cases, counting accepted and rejected reading uploads. */
  instrument(useCases: PollutionUseCases): PollutionUseCases;
}

/** Registers `pollution_readings_ingested_total`, `pollution_reading_uploads_total{result}` and `pollution_alert_escalations_total`. */
export function createPollutionMetrics(registry: Registry): PollutionMetrics {
  const readings = new Counter({ name: 'pollution_readings_ingested_total', help: 'Readings stored', registers: [registry] });
  const uploads = new Counter({ name: 'pollution_reading_uploads_total', help: 'Reading uploads by result (accepted, rejected)', labelNames: ['result'] as const, registers: [registry] });
  const escalations = new Counter({ name: 'pollution_alert_escalations_total', help: 'Escalations carried out (duty roster and joint mechanism steps)', registers: [registry] });
  const counted = <A extends unknown[], R extends { accepted: number }>(ingest: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    try {
      const outcome = await ingest(...args);
      readings.inc(outcome.accepted);
      uploads.inc({ result: 'accepted' });
      return outcome;
    } catch (error) {
      uploads.inc({ result: 'rejected' });
      throw error;
    }
  };
  return {
    escalationRun: (result) => escalations.inc(result.escalations),
    instrument: (useCases) => ({ ...useCases, submitReadings: counted(useCases.submitReadings), submitReadingsCsv: counted(useCases.submitReadingsCsv) }),
  };
}
