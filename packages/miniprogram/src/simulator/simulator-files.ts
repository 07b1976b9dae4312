import { HookFailure } from '../runtime/host/host-bridge';

/** A file the developer picked, as a data: URL the sandboxed views can display. */
export interface PickedFile {
  path: string;
  size: number;
  type: string;
}

/**
 * chooseImage/chooseMedia in the simulator: a host-drawn sheet with a file input (a file
 * dialog needs the developer's own click), returning the files as data: URLs.
 */
export function pickFiles(overlay: HTMLElement, clear: () => void, count: number, accept: string): Promise<PickedFile[]> {
  return new Promise((resolve, reject) => {
    const sheet = document.createElement('div');
    sheet.className = 'tsr-sheet';
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = count > 1;
    input.className = 'tsr-file';
    const cancel = Object.assign(document.createElement('button'), { textContent: 'Cancel' });
    cancel.addEventListener('click', () => {
      clear();
      reject(new HookFailure('chooseImage:fail cancel'));
    });
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []).slice(0, count);
      clear();
      void Promise.all(files.map(readFile)).then(resolve, reject);
    });
    sheet.append(input, cancel);
    overlay.replaceChildren(sheet);
  });
}

/** Reads one picked file into a data: URL the views can show and uploadFile can send. */
export function readFile(file: File): Promise<PickedFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ path: String(reader.result), size: file.size, type: file.type });
    reader.onerror = () => reject(new HookFailure(`chooseImage:fail ${reader.error?.message ?? 'read error'}`));
    reader.readAsDataURL(file);
  });
}
