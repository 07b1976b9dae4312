/** The manifest of a compiled mini-program package; `id` is the hash of the package's files. */
export interface PackageManifest {
  format: 1;
  id: string;
  appId: string;
  entryPage: string;
  /** app.json as written, with subpackage pages listed under their roots. */
  app: AppConfig;
  pages: Record<string, PageEntry>;
  components: Record<string, ComponentEntry>;
  files: Record<string, { sha256: string; size: number }>;
  /** Source bytes per package: '' is the main package, other keys are subpackage roots. */
  sizes: Record<string, number>;
  /** Subpackages, whose bundles are package files under `subpackages/<root>/`, loaded when first needed. */
  subpackages: SubpackageEntry[];
  /**
   * `require.async` calls with a literal path, resolved when compiling: requiring file ->
   * request as written -> the module file. Lets the logic layer open the right package first.
   */
  asyncModules?: Record<string, Record<string, string>>;
}

/** A subpackage as the runtime needs it: root (no trailing slash), name, independence, full page paths. */
export interface SubpackageEntry {
  root: string;
  name?: string;
  independent: boolean;
  pages: string[];
}

/** The parts of app.json the runtime reads. */
export interface AppConfig {
  pages: string[];
  entryPagePath?: string;
  window?: Record<string, unknown>;
  tabBar?: { list: Array<{ pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }>; color?: string; selectedColor?: string; backgroundColor?: string };
  subpackages?: Array<{ root: string; pages: string[]; independent?: boolean; name?: string }>;
  /** Page path -> `{ network: 'all' | 'wifi', packages: [root or name, or '__APP__' for the main package] }`. */
  preloadRule?: Record<string, { network?: string; packages?: string[] }>;
  networkTimeout?: Record<string, number>;
  usingComponents?: Record<string, string>;
  [key: string]: unknown;
}

/** A page: its page.json, the style sheets it needs in order, and the package it belongs to. */
export interface PageEntry {
  config: Record<string, unknown>;
  /** Keys into styles.json: 'app', the page, then every component it uses (transitively). */
  styles: string[];
  root: string;
}

/** A custom component: its json and the class prefix of its isolated styles. */
export interface ComponentEntry {
  config: Record<string, unknown>;
  classPrefix: string;
}

/** The built package: manifest plus file contents by name. */
export interface CompiledPackage {
  manifest: PackageManifest;
  files: Record<string, string>;
}
