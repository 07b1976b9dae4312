import type { UserFunction } from './component-definition';

/** Where errors thrown by the mini program's own code are reported (console and App.onError). */
export type ErrorReporter = (error: unknown, where: string) => void;

let reporter: ErrorReporter = (error) => console.error(error);

/** Installs the reporter used by every call into the mini program's code. */
export function setErrorReporter(next: ErrorReporter): void {
  reporter = next;
}

/**
 * Calls the mini program's function and reports instead of throwing, so one faulty handler
 * cannot stop the runtime; WeChat behaves the same and routes the error to App.onError.
 */
export function invoke(handler: unknown, self: unknown, args: unknown[], where: string): unknown {
  if (typeof handler !== 'function') return undefined;
  try {
    return (handler as UserFunction).apply(self, args);
  } catch (error) {
    reporter(error, where);
    return undefined;
  }
}

/** Calls every handler of a merged lifetime in order. */
export function invokeAll(handlers: UserFunction[] | undefined, self: unknown, args: unknown[], where: string): void {
  for (const handler of handlers ?? []) invoke(handler, self, args, where);
}
