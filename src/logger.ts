import pino from 'pino';
import { config } from './config.js';
import { currentRequestId } from './request-context.js';

/**
 * The process logger (JSON lines; pipe through `pino-pretty` to read them locally). Every line
 * written while a request is handled carries its `requestId` (see src/request-context.ts).
 */
export const logger = pino({
  level: config.LOG_LEVEL,
  base: { service: 'conflict-graph' },
  mixin() {
    const requestId = currentRequestId();
    return requestId ? { requestId } : {};
  },
});
