import type { LogicToHost } from '../shared/runtime-messages';
import type { CallbackOptions } from './api-style';

type Listener = (result: Record<string, unknown>) => void;

/** The logic side of one socket: WeChat's SocketTask, fed by events the host relays. */
export class SocketTask {
  private readonly listeners: Record<string, Listener[]> = { open: [], message: [], error: [], close: [] };

  constructor(
    readonly id: number,
    private readonly options: CallbackOptions,
    private readonly send: (message: LogicToHost) => void,
    private readonly report: (error: unknown, where: string) => void,
  ) {}

  onOpen(listener: Listener): void {
    this.listeners.open?.push(listener);
  }

  onMessage(listener: Listener): void {
    this.listeners.message?.push(listener);
  }

  onError(listener: Listener): void {
    this.listeners.error?.push(listener);
  }

  onClose(listener: Listener): void {
    this.listeners.close?.push(listener);
  }

  /** SocketTask.send({ data, success, fail, complete }). */
  sendData(options: CallbackOptions): void {
    this.send({ type: 'socket.send', id: this.id, data: options.data as string | ArrayBuffer });
    this.call(options, 'success', { errMsg: 'sendSocketMessage:ok' });
  }

  close(options: CallbackOptions = {}): void {
    this.send({ type: 'socket.close', id: this.id, code: typeof options.code === 'number' ? options.code : 1000, reason: String(options.reason ?? '') });
    this.call(options, 'success', { errMsg: 'closeSocket:ok' });
  }

  /** Handles one relayed event: connect result, open, message, error, close. */
  receive(event: { event: string; [key: string]: unknown }): void {
    if (event.event === 'connecting') {
      this.call(this.options, 'success', { errMsg: 'connectSocket:ok' });
      return;
    }
    if (event.event === 'refused') {
      this.call(this.options, 'fail', { errMsg: event.errMsg });
      return;
    }
    const { event: name, ...rest } = event;
    const payload = name === 'message' ? { data: rest.data } : name === 'error' ? { errMsg: rest.errMsg } : rest;
    for (const listener of this.listeners[name] ?? []) {
      try {
        listener(payload);
      } catch (error) {
        this.report(error, `SocketTask.on${name[0]?.toUpperCase()}${name.slice(1)}`);
      }
    }
  }

  private call(options: CallbackOptions, kind: 'success' | 'fail', result: Record<string, unknown>): void {
    for (const name of [kind, 'complete'] as const) {
      const callback = options[name];
      if (typeof callback !== 'function') continue;
      try {
        callback(result);
      } catch (error) {
        this.report(error, `connectSocket ${name}`);
      }
    }
  }
}

/** The open sockets of one program: `wx.connectSocket` makes them, host events feed them. */
export class SocketTasks {
  private readonly tasks = new Map<number, SocketTask>();
  private nextId = 0;

  constructor(
    private readonly send: (message: LogicToHost) => void,
    private readonly report: (error: unknown, where: string) => void,
  ) {}

  connect(options: CallbackOptions): Record<string, unknown> {
    const task = new SocketTask(++this.nextId, options, this.send, this.report);
    this.tasks.set(task.id, task);
    this.send({ type: 'socket.open', id: task.id, url: String(options.url ?? ''), protocols: Array.isArray(options.protocols) ? options.protocols.map(String) : [] });
    return {
      send: (sendOptions: CallbackOptions) => task.sendData(sendOptions ?? {}),
      close: (closeOptions?: CallbackOptions) => task.close(closeOptions ?? {}),
      onOpen: (listener: Listener) => task.onOpen(listener),
      onMessage: (listener: Listener) => task.onMessage(listener),
      onError: (listener: Listener) => task.onError(listener),
      onClose: (listener: Listener) => task.onClose(listener),
    };
  }

  /** An event the host relayed; a closed or refused socket is forgotten. */
  receive(id: number, event: { event: string; [key: string]: unknown }): void {
    this.tasks.get(id)?.receive(event);
    if (event.event === 'close' || event.event === 'refused') this.tasks.delete(id);
  }
}
