/**
 * Messages between the three parts of a running mini program: the host page, the logic
 * Worker and each page's view iframe. Every value crosses a MessagePort, so only
 * structured-cloneable data appears here.
 */

/** A setData change: the normalised path and the value as JSON (serialised once, at the call). */
export type DataChange = [path: string, json: string];

/** One owner's changes in an update: 0 is the page, other numbers are component instances. */
export interface OwnerChanges {
  owner: number;
  changes: DataChange[];
}

/** Logic -> view. */
export type LogicToView =
  | { type: 'init'; data: string; seq: number }
  | { type: 'update'; batches: OwnerChanges[]; seq: number }
  | { type: 'component.init'; id: number; data: string; seq: number; externalClasses: string[]; sharedStyles: boolean; leakStyles: boolean; virtualHost: boolean }
  | { type: 'component.trigger'; id: number; name: string; detail: unknown; bubbles: boolean; composed: boolean; capturePhase: boolean }
  | { type: 'scroll.to'; scrollTop: number }
  /** wx.startPullDownRefresh / wx.stopPullDownRefresh on this page. */
  | { type: 'pulldown'; action: 'start' | 'stop' }
  | { type: 'video'; id: string; scope: number; action: 'play' | 'pause' | 'stop' | 'seek' | 'playbackRate'; value: number }
  | { type: 'query'; id: number; requests: SelectorRequest[] }
  /** The user took the host's nickname suggestion: it goes into the focused nickname input. */
  | { type: 'nickname'; value: string };

/** A createSelectorQuery request. */
export interface SelectorRequest {
  selector: string;
  /** Component instance whose own nodes the query searches (its classes are scoped); 0 for the page. */
  scope?: number;
  all: boolean;
  fields: { rect?: boolean; size?: boolean; id?: boolean; dataset?: boolean; scrollOffset?: boolean; node?: boolean };
  /**
   * Image paths a legacy canvas context draws (package paths, resolved from the page, or URLs):
   * the view loads them and the result's `images` holds, in order, an ImageBitmap or why it failed.
   */
  images?: string[];
  /** Only nodes the scope's own template rendered (not those of components inside it), as canvas-id lookups need. */
  ownNodes?: boolean;
}

/** A WXML event as the logic sees it. */
export interface WxmlEvent {
  type: string;
  timeStamp: number;
  target: { id: string; dataset: Record<string, unknown> };
  currentTarget: { id: string; dataset: Record<string, unknown> };
  detail: unknown;
  mark: Record<string, unknown>;
  touches?: unknown[];
  changedTouches?: unknown[];
}

/** View -> logic. */
export type ViewToLogic =
  | { type: 'ready' }
  | { type: 'rendered'; seq: number }
  | { type: 'event'; owner: number; handler: string; event: WxmlEvent }
  | { type: 'component.create'; id: number; owner: number; path: string; properties: Record<string, unknown>; ancestors: number[]; classes: string }
  | { type: 'share'; owner: number; target: { id: string; dataset: Record<string, unknown> } }
  /**
   * A button with an open-type the host answers (all but share) was tapped: `handlers` maps the
   * button's event types (getphonenumber, chooseavatar, error…) to handler names; `attributes` are
   * the button's open-type settings (session-from, send-message-path…).
   */
  | { type: 'open-type'; openType: string; owner: number; handlers: Record<string, string>; attributes: Record<string, string>; target: { id: string; dataset: Record<string, unknown> } }
  /** An `<input type="nickname">` gained or lost focus: the host offers the user's nickname while it has it. */
  | { type: 'nickname'; focused: boolean }
  | { type: 'component.properties'; id: number; properties: Record<string, unknown> }
  | { type: 'component.detach'; id: number }
  /** Component hosts a reorder moved, and every component of the page in its new document order. */
  | { type: 'component.move'; ids: number[]; order: number[] }
  | { type: 'navigate'; openType: string; url: string; delta: number }
  | { type: 'scroll'; scrollTop: number; reachBottom: boolean }
  /** The page went into its refreshing state (pulled past the threshold, or started): run onPullDownRefresh. */
  | { type: 'pulldown' }
  | { type: 'query.result'; id: number; results: unknown[] }
  | { type: 'error'; message: string };

/** Logic -> host. */
export type LogicToHost =
  | { type: 'booted' }
  | { type: 'api'; id: number; name: string; args: unknown }
  | { type: 'console'; level: 'log' | 'info' | 'warn' | 'error' | 'debug'; text: string }
  | { type: 'storage.set'; key: string; value: string | undefined }
  | { type: 'storage.clear' }
  | { type: 'view.open'; pageId: number; path: string }
  | { type: 'view.close'; pageId: number }
  | { type: 'stack'; pages: Array<{ pageId: number; path: string; query: Record<string, string> }>; visible: number }
  | { type: 'page.data'; pageId: number; data: string }
  | { type: 'lifecycle'; name: string; path: string }
  | { type: 'socket.open'; id: number; url: string; protocols: string[] }
  | { type: 'socket.send'; id: number; data: string | ArrayBuffer }
  | { type: 'socket.close'; id: number; code: number; reason: string }
  /** Asks for a package's logic bundle ('' is the main package) the first time the logic layer needs it. */
  | { type: 'package.load'; root: string };

/** Host -> logic. */
export type HostToLogic =
  | { type: 'boot'; manifest: unknown; storage: Record<string, string>; systemInfo: Record<string, unknown>; launch: { path: string; query: Record<string, string> }; launchView?: MessagePort; packages: string[] }
  /** A package's logic bundle as data (or why it could not be had); the Worker checks its hash before running it. */
  | { type: 'package.code'; root: string; code?: string; error?: string }
  | { type: 'api.result'; id: number; ok: boolean; result?: unknown; errMsg?: string }
  | { type: 'view.attach'; pageId: number; port: MessagePort }
  | { type: 'navigate'; openType: string; url: string; delta: number }
  | { type: 'app.show' }
  | { type: 'app.hide' }
  | { type: 'tab.tap'; index: number; pagePath: string; text: string }
  /** The simulator's pull-down action: the top page refreshes as if pulled, when it can be. */
  | { type: 'pulldown' }
  | { type: 'inspect'; pageId: number }
  | { type: 'socket.event'; id: number; event: { event: string; [key: string]: unknown } };

/** What the host posts to a spare view frame to make it a page's: `{ type, page, css, viewPackage }`. */
export const VIEW_PAGE_MESSAGE = 'tessera.view.page';
