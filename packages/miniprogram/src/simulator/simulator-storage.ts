import type { StorageBackend } from '../runtime/host/mini-program-host';

/** The simulator keeps each app's storage in the simulator page's localStorage, under a prefix. */
export function localStorageBackend(appId: string): StorageBackend {
  const prefix = `tessera:${appId}:`;
  return {
    load() {
      const out: Record<string, string> = {};
      for (let index = 0; index < localStorage.length; index++) {
        const key = localStorage.key(index);
        if (key?.startsWith(prefix)) out[key.slice(prefix.length)] = localStorage.getItem(key) ?? 'null';
      }
      return out;
    },
    set(key, json) {
      if (json === undefined) localStorage.removeItem(prefix + key);
      else localStorage.setItem(prefix + key, json);
    },
    clear() {
      for (const key of Object.keys(this.load())) localStorage.removeItem(prefix + key);
    },
  };
}
