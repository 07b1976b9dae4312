import { useSyncExternalStore } from 'react';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-cn';

export type Locale = 'en' | 'zh-CN';
/** The saved choice: a locale, or `auto` to follow the browser. */
export type LocalePreference = Locale | 'auto';

const storageKey = 'tessera.locale';
const tables: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };
const listeners = new Set<() => void>();

function browserLocale(): Locale {
  const preferred = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    if (/^zh\b/i.test(tag)) return 'zh-CN';
    if (/^en\b/i.test(tag)) return 'en';
  }
  return 'en';
}

export function localePreference(): LocalePreference {
  const saved = localStorage.getItem(storageKey);
  return saved === 'en' || saved === 'zh-CN' ? saved : 'auto';
}

let current: Locale = resolve(localePreference());

function resolve(preference: LocalePreference): Locale {
  return preference === 'auto' ? browserLocale() : preference;
}

function apply(): void {
  document.documentElement.lang = current;
  for (const listener of listeners) listener();
}

/** Switches the language, remembering the choice on this device. */
export function setLocalePreference(preference: LocalePreference): void {
  if (preference === 'auto') localStorage.removeItem(storageKey);
  else localStorage.setItem(storageKey, preference);
  current = resolve(preference);
  apply();
}

/** Translates a key, filling `{name}` placeholders from `values`. */
export function translate(key: MessageKey, values?: Record<string, string | number>): string {
  const text = tables[current][key];
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export type Translate = typeof translate;

/** The translator, re-rendering when the language changes. */
export function useT(): Translate {
  useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
  return translate;
}

document.documentElement.lang = current;

const dayMs = 24 * 60 * 60 * 1000;

/** A message time as a chat list shows it: time today, weekday this week, else the date. */
export function formatListTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  if (date.getTime() >= startOfToday) return new Intl.DateTimeFormat(current, { hour: '2-digit', minute: '2-digit' }).format(date);
  if (date.getTime() >= startOfToday - 6 * dayMs) return new Intl.DateTimeFormat(current, { weekday: 'short' }).format(date);
  return new Intl.DateTimeFormat(current, { year: '2-digit', month: 'numeric', day: 'numeric' }).format(date);
}

/** A separator time inside a conversation. */
export function formatMessageTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const time = new Intl.DateTimeFormat(current, { hour: '2-digit', minute: '2-digit' }).format(date);
  if (date.getTime() >= startOfToday) return time;
  const day = new Intl.DateTimeFormat(current, { month: 'short', day: 'numeric' }).format(date);
  return `${day} ${time}`;
}

/** A full date and time, for device lists. */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
