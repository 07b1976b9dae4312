import type { DataChange, LogicToView, OwnerChanges, ViewToLogic } from '../shared/runtime-messages';

/** Minimal port shape shared by MessagePort and test doubles of it. */
export interface PortLike {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

/**
 * The logic side of one page's view: queues setData changes per owner, sends them as one
 * update per tick, and runs callbacks when the view reports that update rendered.
 */
export class ViewChannel {
  private port: PortLike | undefined;
  private readonly pending = new Map<number, DataChange[]>();
  private readonly waiting: Array<() => void> = [];
  private readonly callbacks = new Map<number, Array<() => void>>();
  private readonly beforeAttach: LogicToView[] = [];
  private scheduled = false;
  private seq = 0;

  constructor(private readonly onMessage: (message: ViewToLogic) => void) {}

  get attached(): boolean {
    return this.port !== undefined;
  }

  /** Connects the view; `first` (the page's initial data) goes ahead of anything queued. */
  attach(port: PortLike, first?: LogicToView): void {
    this.port = port;
    port.onmessage = (event) => this.receive(event.data as ViewToLogic);
    if (first) port.postMessage(first);
    for (const message of this.beforeAttach.splice(0)) port.postMessage(message);
  }

  /** Sends a message now, or as soon as the view is attached. */
  send(message: LogicToView): void {
    if (this.port) this.port.postMessage(message);
    else this.beforeAttach.push(message);
  }

  nextSeq(): number {
    return ++this.seq;
  }

  /** Registers a callback for the render that `seq` produces. */
  afterRender(seq: number, callback: () => void): void {
    const list = this.callbacks.get(seq) ?? [];
    list.push(callback);
    this.callbacks.set(seq, list);
  }

  /** Queues changes for an owner; the batch goes out once the current task finishes. */
  queue(owner: number, changes: DataChange[], callback?: () => void): void {
    const list = this.pending.get(owner) ?? [];
    list.push(...changes);
    this.pending.set(owner, list);
    if (callback) this.waiting.push(callback);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  private flush(): void {
    this.scheduled = false;
    const batches: OwnerChanges[] = [...this.pending.entries()].map(([owner, changes]) => ({ owner, changes }));
    this.pending.clear();
    const seq = this.nextSeq();
    for (const callback of this.waiting.splice(0)) this.afterRender(seq, callback);
    this.send({ type: 'update', batches, seq });
  }

  private receive(message: ViewToLogic): void {
    if (message.type === 'rendered') {
      const list = this.callbacks.get(message.seq);
      this.callbacks.delete(message.seq);
      for (const callback of list ?? []) callback();
      return;
    }
    this.onMessage(message);
  }
}
