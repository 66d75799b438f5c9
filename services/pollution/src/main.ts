// Starts the pollution service: configuration from the environment, then the composition root.
import { loadPollutionConfig } from './config.ts';
import { startPollutionService } from './pollution.service.ts';

const config = loadPollutionConfig();
try {
  await startPollutionService(config);
} catch (error) {
  console.error('pollution service failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
}
