/** The options object every asynchronous wx API takes. */
export interface CallbackOptions {
  success?: (result: unknown) => void;
  fail?: (error: unknown) => void;
  complete?: (result: unknown) => void;
  [key: string]: unknown;
}

/** An API failure carrying WeChat's `errMsg`. */
export class ApiFailure extends Error {
  constructor(readonly errMsg: string, readonly extra: Record<string, unknown> = {}) {
    super(errMsg);
  }
}

/**
 * Gives an asynchronous implementation both WeChat calling styles: with success/fail/complete
 * callbacks it returns nothing (or a task), without them it returns a Promise that rejects
 * with `{ errMsg }`.
 */
export function dualStyle(name: string, implementation: (options: CallbackOptions) => Promise<unknown>, report: (error: unknown, where: string) => void): (options?: CallbackOptions) => Promise<unknown> | ApiTask {
  return (options = {}) => {
    let aborted = false;
    const run = async (): Promise<Record<string, unknown>> => {
      try {
        const result = await implementation(options ?? {});
        return { ...(result && typeof result === 'object' ? (result as Record<string, unknown>) : {}), errMsg: `${name}:ok` };
      } catch (error) {
        if (error instanceof ApiFailure) throw { ...error.extra, errMsg: error.errMsg };
        throw { errMsg: `${name}:fail ${error instanceof Error ? error.message : String(error)}` };
      }
    };
    const callbackStyle = typeof options?.success === 'function' || typeof options?.fail === 'function' || typeof options?.complete === 'function';
    if (!callbackStyle) return run();
    const task: ApiTask = {
      abort: () => {
        aborted = true;
      },
      onHeadersReceived: () => {},
      offHeadersReceived: () => {},
    };
    run()
      .then((result) => {
        if (aborted) throw { errMsg: `${name}:fail abort` };
        return result;
      })
      .then(
      (result) => {
        safeCall(options.success, result, `${name} success`, report);
        safeCall(options.complete, result, `${name} complete`, report);
      },
      (failure: unknown) => {
        safeCall(options.fail, failure, `${name} fail`, report);
        safeCall(options.complete, failure, `${name} complete`, report);
      },
    );
    return task;
  };
}

/**
 * What callback-style calls return, like WeChat's RequestTask: abort() makes the call fail
 * with "<name>:fail abort" (the host may still finish the work; its result is dropped).
 */
export interface ApiTask {
  abort(): void;
  onHeadersReceived(): void;
  offHeadersReceived(): void;
}

function safeCall(callback: ((value: unknown) => void) | undefined, value: unknown, where: string, report: (error: unknown, where: string) => void): void {
  if (typeof callback !== 'function') return;
  try {
    callback(value);
  } catch (error) {
    report(error, where);
  }
}
