import { ApiFailure, dualStyle, type CallbackOptions } from './api-style';
import { EventChannel } from './event-channel';
import { NavigationError, type PageStack } from './page-stack';
import type { StorageCache } from './storage-cache';
import type { PageRecord } from './page-instance';
import { createSelectorQuery, type QueryTransport } from './selector-query';
import { createVideoContext } from './video-context';
import { createCameraContext } from './camera-context';
import { LegacyCanvasContext } from './canvas-context';
import { canvasGetImageData, canvasPutImageData, canvasToTempFilePath, type CanvasLookup } from './canvas-export';
import { anonymousUserInfo } from '../shared/anonymous-user';

/** APIs the host answers; the logic layer forwards them unchanged. */
export const HOST_APIS = [
  'request', 'uploadFile', 'downloadFile', 'showToast', 'hideToast', 'showModal', 'showLoading', 'hideLoading', 'showActionSheet',
  'setNavigationBarTitle', 'setNavigationBarColor', 'showNavigationBarLoading', 'hideNavigationBarLoading',
  'login', 'checkSession', 'getUserProfile', 'getSetting', 'authorize', 'openSetting', 'requestPayment', 'requestSubscribeMessage',
  'scanCode', 'getLocation', 'chooseMedia', 'chooseImage', 'previewImage', 'setClipboardData', 'getClipboardData', 'makePhoneCall', 'getNetworkType',
  'navigateToMiniProgram', 'shareAppMessage', 'showShareMenu', 'hideShareMenu', 'updateShareMenu', 'vibrateShort', 'vibrateLong', 'setTabBarBadge', 'removeTabBarBadge',
  'showTabBarRedDot', 'hideTabBarRedDot', 'setBackgroundColor', 'setBackgroundTextStyle', 'getImageInfo', 'saveImageToPhotosAlbum', 'getPhoneNumber',
];

/** Location APIs WeChat refuses unless app.json lists them in requiredPrivateInfos. */
const PRIVATE_INFO_APIS = new Set(['getLocation', 'chooseLocation', 'onLocationChange', 'startLocationUpdate', 'chooseAddress']);

/** What wx.* needs from the logic runtime. */
export interface WxContext {
  stack: PageStack;
  storage: StorageCache;
  systemInfo: Record<string, unknown>;
  launchOptions: Record<string, unknown>;
  appId: string;
  /** app.json `requiredPrivateInfos` and `permission`, which gate location APIs as in WeChat. */
  privacy: { requiredPrivateInfos: string[]; permission: Record<string, { desc?: string }> };
  callHost(name: string, args: unknown): Promise<unknown>;
  report(error: unknown, where: string): void;
  topPage(): PageRecord | undefined;
  /** Selector queries to the page on top when each query is made. */
  query: QueryTransport;
  /** Selector queries to the page on top now, wherever the stack goes later. */
  queryThisPage(): QueryTransport;
  connectSocket(options: CallbackOptions): unknown;
  /** Loads the packages the page at `url` needs (subpackages load when first opened). */
  prepare(url: string): Promise<void>;
}

/**
 * Builds the `wx` object. Names it does not know return a function that fails with
 * "<name>:fail not supported", so programs that probe for APIs learn at once.
 */
export function createWx(context: WxContext): Record<string, unknown> {
  const api: Record<string, unknown> = {};
  const asyncApi = (name: string, implementation: (options: CallbackOptions) => unknown): void => {
    api[name] = dualStyle(name, async (options) => implementation(options), context.report);
  };
  const prepare = (name: string, url: string): Promise<void> =>
    context.prepare(url).catch((error: unknown) => {
      throw new ApiFailure(`${name}:fail ${(error as Error).message}`);
    });
  const navigation = (name: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch'): void =>
    asyncApi(name, async (options) => {
      if (typeof options.url !== 'string') throw new ApiFailure(`${name}:fail parameter error: parameter.url should be String`);
      await prepare(name, options.url);
      runNavigation(() => context.stack[name](options.url as string));
    });
  (['redirectTo', 'switchTab', 'reLaunch'] as const).forEach(navigation);
  asyncApi('navigateTo', async (options) => {
    if (typeof options.url !== 'string') throw new ApiFailure('navigateTo:fail parameter error: parameter.url should be String');
    await prepare('navigateTo', options.url);
    const eventChannel = new EventChannel((options.events ?? {}) as Record<string, unknown>);
    runNavigation(() => context.stack.navigateTo(options.url as string, eventChannel));
    return { eventChannel };
  });
  asyncApi('navigateBack', (options) => runNavigation(() => context.stack.navigateBack(typeof options.delta === 'number' ? options.delta : 1)));

  for (const name of HOST_APIS) {
    asyncApi(name, (options) => {
      if (PRIVATE_INFO_APIS.has(name) && !context.privacy.requiredPrivateInfos.includes(name)) {
        throw new ApiFailure(`${name}:fail the api need to be declared in the requiredPrivateInfos field in app.json/ext.json`);
      }
      const args = withoutCallbacks(options);
      // The host's prompt shows the reason the app gave in app.json "permission".
      if (name === 'getLocation') args.permissionDesc = context.privacy.permission['scope.userLocation']?.desc ?? '';
      const outcome = context.callHost(name, args);
      return name === 'request' ? outcome.then(withHeaderLookup) : outcome;
    });
  }

  asyncApi('setStorage', (options) => storageCall('setStorage', () => context.storage.set(String(options.key), options.data)));
  asyncApi('getStorage', (options) => {
    if (!context.storage.has(String(options.key))) throw new ApiFailure('getStorage:fail data not found');
    return { data: context.storage.get(String(options.key)) };
  });
  asyncApi('removeStorage', (options) => context.storage.remove(String(options.key)));
  asyncApi('clearStorage', () => context.storage.clear());
  asyncApi('getStorageInfo', () => context.storage.info());
  api.setStorageSync = (key: string, data: unknown) => storageCall('setStorageSync', () => context.storage.set(key, data));
  api.getStorageSync = (key: string) => context.storage.get(key);
  api.removeStorageSync = (key: string) => context.storage.remove(key);
  api.clearStorageSync = () => context.storage.clear();
  api.getStorageInfoSync = () => context.storage.info();

  asyncApi('getSystemInfo', () => ({ ...context.systemInfo }));
  // Since 2021 WeChat answers every program with the anonymous profile and asks nothing; no host decides.
  asyncApi('getUserInfo', () => {
    const userInfo = anonymousUserInfo();
    return { userInfo, rawData: JSON.stringify(userInfo) };
  });
  asyncApi('getSystemInfoAsync', () => ({ ...context.systemInfo }));
  api.getSystemInfoSync = () => ({ ...context.systemInfo });
  api.getWindowInfo = () => pick(context.systemInfo, ['pixelRatio', 'screenWidth', 'screenHeight', 'windowWidth', 'windowHeight', 'statusBarHeight', 'safeArea']);
  api.getDeviceInfo = () => pick(context.systemInfo, ['brand', 'model', 'system', 'platform', 'pixelRatio']);
  api.getAppBaseInfo = () => pick(context.systemInfo, ['SDKVersion', 'language', 'version', 'theme']);
  api.getLaunchOptionsSync = () => ({ ...context.launchOptions });
  api.getEnterOptionsSync = () => ({ ...context.launchOptions });
  api.getAccountInfoSync = () => ({ miniProgram: { appId: context.appId, envVersion: 'develop', version: '' } });
  api.nextTick = (callback: () => void) => queueMicrotask(() => {
    try {
      callback();
    } catch (error) {
      context.report(error, 'nextTick');
    }
  });
  // The refresh is drawn by the top page's view, which asks for onPullDownRefresh when it starts.
  asyncApi('startPullDownRefresh', () => {
    context.topPage()?.channel.send({ type: 'pulldown', action: 'start' });
  });
  asyncApi('stopPullDownRefresh', () => {
    context.topPage()?.channel.send({ type: 'pulldown', action: 'stop' });
  });
  asyncApi('pageScrollTo', (options) => {
    const page = context.topPage();
    if (page) page.channel.send({ type: 'scroll.to', scrollTop: Number(options.scrollTop ?? 0) });
  });
  api.connectSocket = (options: CallbackOptions = {}) => context.connectSocket(options);
  api.createSelectorQuery = () => createSelectorQuery(context.query, context.report);
  api.createVideoContext = (id: string, component?: unknown) => {
    // Bound to the page on top now, as WeChat binds it to the page it was created in.
    const page = context.topPage();
    const scope = Number((component as { __scope?: number } | undefined)?.__scope ?? 0);
    return createVideoContext(id, scope, (message) => page?.channel.send(message));
  };
  // A component instance limits the search to its own nodes. The context is bound to the page it
  // is made for (the component's, or the one on top now), so a draw that runs after the user
  // moved to another page still lands on this page's canvas.
  api.createCanvasContext = (canvasId: string, component?: unknown) => {
    const owner = component as { __scope?: number; __query?: QueryTransport } | undefined;
    const scope = Number(owner?.__scope ?? 0);
    const query = owner?.__query ?? context.queryThisPage();
    return new LegacyCanvasContext({ canvasId: String(canvasId), scope }, { query, pixelRatio: () => Number(context.systemInfo.pixelRatio) || 1, report: context.report });
  };
  // Legacy canvases are found as createCanvasContext finds them: among the page's own nodes (the
  // page on top when the call is made), or with `component` among that component's own.
  const canvasLookup = (component: unknown): CanvasLookup => {
    const owner = component as { __scope?: number; __query?: QueryTransport } | undefined;
    return { scope: Number(owner?.__scope ?? 0), query: owner?.__query ?? context.queryThisPage(), pixelRatio: () => Number(context.systemInfo.pixelRatio) || 1 };
  };
  const canvasApis = { canvasToTempFilePath, canvasGetImageData, canvasPutImageData };
  for (const [name, implementation] of Object.entries(canvasApis)) {
    api[name] = (options?: CallbackOptions, component?: unknown) => {
      const lookup = canvasLookup(component);
      return dualStyle(name, (given) => implementation(given, lookup), context.report)(options);
    };
  }
  // Bound to the page on top now: its <camera> is the one the calls reach.
  api.createCameraContext = () => createCameraContext(context.topPage()?.pageId ?? 0, (name, args) => context.callHost(name, args), context.report);
  api.canIUse = (schema: string) => typeof schema === 'string' && Object.prototype.hasOwnProperty.call(api, schema.split('.')[0] as string);
  api.env = { USER_DATA_PATH: 'wxfile://usr' };

  return new Proxy(api, {
    get(target, property) {
      if (typeof property !== 'string') return undefined;
      if (property in target) return target[property];
      if (property === 'then' || property === 'toJSON') return undefined;
      return dualStyle(property, async () => {
        throw new ApiFailure(`${property}:fail not supported`);
      }, context.report);
    },
  });
}

function runNavigation(work: () => void): void {
  try {
    work();
  } catch (error) {
    if (error instanceof NavigationError) throw new ApiFailure(error.message);
    throw error;
  }
}

function storageCall(name: string, work: () => void): void {
  try {
    work();
  } catch (error) {
    throw new ApiFailure(`${name}:fail ${(error as Error).message}`);
  }
}

function withoutCallbacks(options: CallbackOptions): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) if (typeof value !== 'function') copy[key] = value;
  return copy;
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => key in source).map((key) => [key, source[key]]));
}

/**
 * Response headers reach the logic layer with the names the browser gives them (lower case),
 * while WeChat hands over the server's spelling and programs read `res.header['X-Total-Count']`.
 * HTTP header names are case-insensitive, so lookups here are too; the keys stay as received.
 */
export function withHeaderLookup(result: unknown): unknown {
  if (!result || typeof result !== 'object') return result;
  const header = (result as { header?: unknown }).header;
  if (!header || typeof header !== 'object') return result;
  const find = (target: object, name: string | symbol): string | symbol => {
    if (typeof name !== 'string' || Object.prototype.hasOwnProperty.call(target, name)) return name;
    const lower = name.toLowerCase();
    return Object.keys(target).find((key) => key.toLowerCase() === lower) ?? name;
  };
  const lookup = new Proxy(header, {
    get: (target, name, receiver) => Reflect.get(target, find(target, name), receiver),
    has: (target, name) => Reflect.has(target, find(target, name)),
    getOwnPropertyDescriptor: (target, name) => Reflect.getOwnPropertyDescriptor(target, find(target, name)),
  });
  return { ...(result as Record<string, unknown>), header: lookup };
}
