import { DEFAULT_TIMEOUT_MS, MAX_CONCURRENT_REQUESTS, refuseUrl, type NetworkPolicy } from './network-policy';

/** Arguments of a wx.* call as the logic layer sends them (callbacks removed). */
export type ApiArguments = Record<string, unknown>;

/** The answer to one wx.* call: a result, or WeChat's errMsg. */
export type ApiOutcome = { ok: true; result: unknown } | { ok: false; errMsg: string };

/**
 * What an embedding (the simulator, the web app) provides. Every hook is optional: an API
 * whose hook is missing fails with "<name>:fail not supported". Hooks draw their own UI for
 * anything sensitive (authorisation, payment, phone number), so the mini program cannot forge it.
 */
export interface HostHooks {
  showToast?(args: ApiArguments): Promise<void>;
  hideToast?(): Promise<void>;
  showLoading?(args: ApiArguments): Promise<void>;
  hideLoading?(): Promise<void>;
  showModal?(args: ApiArguments): Promise<{ confirm: boolean; cancel: boolean; content?: string }>;
  showActionSheet?(args: ApiArguments): Promise<{ tapIndex: number }>;
  setNavigationBarTitle?(args: ApiArguments): Promise<void>;
  setNavigationBarColor?(args: ApiArguments): Promise<void>;
  login?(args: ApiArguments): Promise<{ code: string }>;
  checkSession?(): Promise<void>;
  getUserProfile?(args: ApiArguments): Promise<unknown>;
  getSetting?(): Promise<{ authSetting: Record<string, boolean> }>;
  authorize?(args: ApiArguments): Promise<void>;
  openSetting?(): Promise<{ authSetting: Record<string, boolean> }>;
  /** `<button open-type="chooseAvatar">`: the user picks an image; `avatarUrl` is a file the host handed out (a data: URL). */
  chooseAvatar?(args: ApiArguments): Promise<{ avatarUrl: string }>;
  /** `<button open-type="feedback">`: the host's feedback form. */
  feedback?(args: ApiArguments): Promise<void>;
  /**
   * `<button open-type="contact">`: the program's customer service chat (`sessionFrom`, the card's
   * `sendMessageTitle`/`sendMessagePath`/`sendMessageImg`, `showMessageCard`). Resolves when the user
   * comes back, with the card's page and query if they came back through the card.
   */
  contact?(args: ApiArguments): Promise<{ path: string; query: Record<string, string> }>;
  /** An `<input type="nickname">` has focus: offer the user's nickname; resolves when the user takes it. */
  showNicknameSuggestion?(args: ApiArguments): Promise<{ nickName: string }>;
  /** The nickname input lost focus: withdraw the offer (a pending showNicknameSuggestion fails). */
  hideNicknameSuggestion?(args: ApiArguments): Promise<void>;
  requestPayment?(args: ApiArguments): Promise<void>;
  requestSubscribeMessage?(args: ApiArguments): Promise<Record<string, string>>;
  scanCode?(args: ApiArguments): Promise<{ result: string; scanType: string }>;
  getLocation?(args: ApiArguments): Promise<{ latitude: number; longitude: number }>;
  chooseMedia?(args: ApiArguments): Promise<unknown>;
  chooseImage?(args: ApiArguments): Promise<unknown>;
  previewImage?(args: ApiArguments): Promise<void>;
  setClipboardData?(args: ApiArguments): Promise<void>;
  getClipboardData?(): Promise<{ data: string }>;
  makePhoneCall?(args: ApiArguments): Promise<void>;
  getNetworkType?(): Promise<{ networkType: string }>;
  navigateToMiniProgram?(args: ApiArguments): Promise<void>;
  shareAppMessage?(args: ApiArguments): Promise<void>;
  vibrateShort?(): Promise<void>;
  /**
   * Opens the device camera for a `<camera>` (`devicePosition`: front|back, `resolution`:
   * low|medium|high). Host-only: the host calls it once the user granted scope.camera and draws
   * the preview itself; it is never reachable as a wx.* call.
   */
  openCamera?(args: ApiArguments): Promise<MediaStream>;
  [api: string]: ((args: ApiArguments) => Promise<unknown>) | undefined;
}

/** Hooks only the host itself calls: a wx.* call by one of these names is refused. */
const HOST_ONLY_HOOKS = new Set(['openCamera']);

/** A failure a hook raises on purpose (the user cancelled, a scope was denied). */
export class HookFailure extends Error {}

/** The fetch the bridge uses: the page's own, with credentials always omitted. */
export type Fetcher = (url: string, init: RequestInit) => Promise<Response>;

/**
 * The host side of wx.*: one place that checks the network allowlist, timeouts and
 * concurrency, and forwards everything else to the embedding's hooks.
 */
export class HostBridge {
  private inFlight = 0;

  constructor(
    readonly options: {
      policy: NetworkPolicy;
      hooks: HostHooks;
      fetch?: Fetcher;
      networkTimeout?: Record<string, number>;
    },
  ) {}

  /** The network policy sockets are checked against too. */
  get policy(): NetworkPolicy {
    return this.options.policy;
  }

  /** Answers one wx.* call. Never throws: failures become errMsg outcomes. */
  async call(name: string, args: ApiArguments): Promise<ApiOutcome> {
    try {
      if (name === 'request') return { ok: true, result: await this.request(args) };
      if (name === 'downloadFile') return { ok: true, result: await this.download(args) };
      if (name === 'uploadFile') return { ok: true, result: await this.upload(args) };
      const hook = this.options.hooks[name];
      if (typeof hook !== 'function' || HOST_ONLY_HOOKS.has(name)) return { ok: false, errMsg: `${name}:fail not supported` };
      return { ok: true, result: (await hook.call(this.options.hooks, args)) ?? {} };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, errMsg: message.startsWith(`${name}:fail`) ? message : `${name}:fail ${message}` };
    }
  }

  private async download(args: ApiArguments): Promise<unknown> {
    const url = String(args.url ?? '');
    const refused = refuseUrl(url, this.options.policy);
    if (refused) throw new Error(`downloadFile:fail ${refused}`);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Number(args.timeout ?? this.options.networkTimeout?.downloadFile ?? DEFAULT_TIMEOUT_MS));
    try {
      const response = await (this.options.fetch ?? ((input, init) => fetch(input, init)))(url, { credentials: 'omit', signal: controller.signal });
      return { tempFilePath: await toDataUrl(response), statusCode: response.status };
    } catch (error) {
      throw new Error(controller.signal.aborted ? 'downloadFile:fail timeout' : `downloadFile:fail ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** uploadFile: a multipart POST of a file the host handed out earlier (a data: URL) plus formData. */
  private async upload(args: ApiArguments): Promise<unknown> {
    const url = String(args.url ?? '');
    const refused = refuseUrl(url, this.options.policy);
    if (refused) throw new Error(`uploadFile:fail ${refused}`);
    const filePath = String(args.filePath ?? '');
    // Only files the host itself produced may be uploaded; a mini program cannot name arbitrary URLs.
    if (!filePath.startsWith('data:')) throw new Error('uploadFile:fail file not found');
    const blob = await (await fetch(filePath)).blob();
    const body = new FormData();
    for (const [key, value] of Object.entries((args.formData ?? {}) as Record<string, unknown>)) body.append(key, String(value));
    body.append(String(args.name ?? 'file'), blob, `upload.${blob.type.split('/')[1]?.split('+')[0] ?? 'bin'}`);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Number(args.timeout ?? this.options.networkTimeout?.uploadFile ?? DEFAULT_TIMEOUT_MS));
    try {
      const response = await (this.options.fetch ?? ((input, init) => fetch(input, init)))(url, { method: 'POST', body, credentials: 'omit', signal: controller.signal });
      return { data: await response.text(), statusCode: response.status };
    } catch (error) {
      throw new Error(controller.signal.aborted ? 'uploadFile:fail timeout' : `uploadFile:fail ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  private async request(args: ApiArguments): Promise<unknown> {
    const url = String(args.url ?? '');
    const refused = refuseUrl(url, this.options.policy);
    if (refused) throw new Error(`request:fail ${refused}`);
    if (this.inFlight >= MAX_CONCURRENT_REQUESTS) throw new Error('request:fail exceed max concurrent requests (10)');
    const method = String(args.method ?? 'GET').toUpperCase();
    const headers = new Headers();
    for (const [key, value] of Object.entries((args.header ?? {}) as Record<string, unknown>)) {
      // The browser decides these; a mini program may not impersonate the host.
      if (!/^(cookie|host|origin|referer)$/i.test(key)) headers.set(key, String(value));
    }
    let body: BodyInit | undefined;
    let target = url;
    if (args.data !== undefined && args.data !== null) {
      if (method === 'GET') target = appendQuery(url, args.data);
      else if (typeof args.data === 'string' || args.data instanceof ArrayBuffer) body = args.data;
      else {
        const type = headers.get('content-type') ?? 'application/json';
        if (!headers.has('content-type')) headers.set('content-type', type);
        body = type.includes('x-www-form-urlencoded') ? new URLSearchParams(args.data as Record<string, string>).toString() : JSON.stringify(args.data);
      }
    }
    const timeout = Number(args.timeout ?? this.options.networkTimeout?.request ?? DEFAULT_TIMEOUT_MS);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeout);
    this.inFlight++;
    try {
      const response = await (this.options.fetch ?? ((input, init) => fetch(input, init)))(target, { method, headers, body, credentials: 'omit', signal: controller.signal, redirect: 'follow' });
      const header: Record<string, string> = {};
      response.headers.forEach((value, key) => {
        header[key] = value;
      });
      let data: unknown;
      if (args.responseType === 'arraybuffer') data = await response.arrayBuffer();
      else {
        const text = await response.text();
        data = text;
        // WeChat documents any dataType other than 'json' (its docs use '其他', "other") as "do not parse".
        if (args.dataType === undefined || args.dataType === 'json') {
          try {
            data = JSON.parse(text);
          } catch {
            data = text;
          }
        }
      }
      return { data, statusCode: response.status, header, cookies: [] };
    } catch (error) {
      if (controller.signal.aborted) throw new Error('request:fail timeout');
      throw new Error(`request:fail ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
      this.inFlight--;
    }
  }
}

/** Turns a fetched body into a data: URL, which the page views may display (img-src allows data:). */
async function toDataUrl(response: Response): Promise<string> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return `data:${response.headers.get('content-type') ?? 'application/octet-stream'};base64,${btoa(binary)}`;
}

function appendQuery(url: string, data: unknown): string {
  if (typeof data === 'string') return data ? `${url}${url.includes('?') ? '&' : '?'}${data}` : url;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) search.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  const text = search.toString();
  return text ? `${url}${url.includes('?') ? '&' : '?'}${text}` : url;
}
