/** The mini-program compiler: project directory in, content-addressed package out. */
export { compileProject, type CompileResult, type ProgressReporter } from './compile-project';
export { CompileError, type CompileErrorCode, type SourcePosition } from './compile-error';
export type { PackageManifest, CompiledPackage, AppConfig, PageEntry, ComponentEntry } from './package-manifest';
export { writePackage } from './package-writer';
