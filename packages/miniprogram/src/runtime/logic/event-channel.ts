type Listener = (...args: unknown[]) => void;

/**
 * The channel between a page and the page it opened with navigateTo: the opener passes
 * `events` listeners and gets the channel in `success`; the opened page reaches it through
 * `this.getOpenerEventChannel()`. Both live in the same Worker, so this is a plain emitter.
 */
export class EventChannel {
  private readonly listeners = new Map<string, Array<{ listener: Listener; once: boolean }>>();

  constructor(events: Record<string, unknown> = {}) {
    for (const [name, listener] of Object.entries(events)) if (typeof listener === 'function') this.on(name, listener as Listener);
  }

  on(name: string, listener: Listener): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), { listener, once: false }]);
  }

  once(name: string, listener: Listener): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), { listener, once: true }]);
  }

  off(name: string, listener?: Listener): void {
    this.listeners.set(name, listener ? (this.listeners.get(name) ?? []).filter((entry) => entry.listener !== listener) : []);
  }

  emit(name: string, ...args: unknown[]): void {
    const entries = this.listeners.get(name) ?? [];
    this.listeners.set(name, entries.filter((entry) => !entry.once));
    for (const entry of entries) entry.listener(...args);
  }
}
