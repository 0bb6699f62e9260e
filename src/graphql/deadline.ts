import type { ExecutionResult } from 'graphql';
import { createGraphQLError, type Plugin, type YogaInitialContext } from 'graphql-yoga';
import { runWithRequestSignal } from '../db/request-scope.js';
import { ErrorCode } from './errors.js';

/**
 * The request deadline (REQUEST_TIMEOUT_MS). Execution runs under one abort signal that fires when
 * the deadline passes or the client goes away; the database drivers (src/db.ts) read it through
 * async context, cancel the statement in flight and refuse any later one; graphql-js's executor
 * also stops resolving fields (compiled execution, src/graphql/compiled-execution.ts, does not, but
 * every statement its resolvers still send is refused at once). The client gets TIMEOUT as soon as
 * the deadline passes, whatever the resolvers are still doing.
 */
export function useRequestDeadline(timeoutMs: number): Plugin {
  const receivedAt = new WeakMap<Request, number>();
  return {
    onRequest({ request }) {
      receivedAt.set(request, performance.now());
    },
    onExecute({ args, executeFn, setExecuteFn }) {
      const request = (args.contextValue as Partial<YogaInitialContext>).request;
      const elapsed = request ? performance.now() - (receivedAt.get(request) ?? performance.now()) : 0;
      // One plain controller that the deadline and the client's going away both abort. Not
      // AbortSignal.any: Node keeps a composite signal that has abort listeners in a global set until
      // it aborts, and the executor leaves one listener on the signal it is given, so each request's
      // signal (and what it reached) stayed alive for the life of the process.
      const deadline = new AbortController();
      const signal = deadline.signal;
      const clientGone = () => deadline.abort(request?.signal.reason);
      if (request?.signal.aborted) clientGone();
      else request?.signal.addEventListener('abort', clientGone, { once: true });
      setExecuteFn((executeArgs) => {
        let answer: (() => void) | undefined;
        const timedOut = new Promise<ExecutionResult>((resolve) => {
          answer = () =>
            resolve({
              errors: [
                createGraphQLError(`The request did not finish within ${timeoutMs} ms and was cancelled.`, {
                  extensions: { code: ErrorCode.TIMEOUT, http: { status: 503, spec: true } },
                }),
              ],
            });
          if (signal.aborted) answer();
          else signal.addEventListener('abort', answer, { once: true });
        });
        const timer = setTimeout(() => deadline.abort(new Error('request deadline passed')), Math.max(0, timeoutMs - elapsed));
        const execution = runWithRequestSignal(signal, async () => executeFn({ ...executeArgs, signal } as typeof executeArgs));
        // The losing execution settles later (its statements fail as cancelled); nobody waits for it.
        execution.catch(() => {});
        return Promise.race([execution, timedOut]).finally(() => {
          clearTimeout(timer);
          request?.signal.removeEventListener('abort', clientGone);
          if (answer) signal.removeEventListener('abort', answer);
        }) as ReturnType<typeof executeFn>;
      });
    },
  };
}
