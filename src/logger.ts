import pino from 'pino';
import { config } from './config.js';

/** The process logger (JSON lines; pipe through `pino-pretty` to read them locally). */
export const logger = pino({ level: config.LOG_LEVEL, base: { service: 'conflict-graph' } });
