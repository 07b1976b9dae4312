const CSS = `
body{margin:0;display:flex;gap:16px;height:100vh;background:#ededed;font:13px -apple-system,BlinkMacSystemFont,sans-serif}
.sim-phone-column{padding:16px;display:flex;flex-direction:column;gap:8px;align-items:center}
.sim-phone{border:12px solid #111;border-radius:28px;overflow:hidden;background:#fff;box-shadow:0 8px 30px rgba(0,0,0,.25)}
.sim-side{flex:1;display:flex;flex-direction:column;gap:8px;padding:16px 16px 16px 0;min-width:0}
.sim-side section{background:#fff;border-radius:8px;padding:8px;overflow:auto}
.sim-side h2{margin:0 0 6px;font-size:12px;text-transform:uppercase;color:#888}
.sim-console{flex:1;font-family:ui-monospace,monospace;white-space:pre-wrap}
.sim-console .warn{color:#b26a00}.sim-console .error{color:#d0021b}
.sim-errors{background:#fff0f0!important;color:#b00020;font-family:ui-monospace,monospace;white-space:pre}
.sim-data,.sim-storage{max-height:25vh;font-family:ui-monospace,monospace;white-space:pre}
`;

/** The simulator's side panels and phone frame. */
export interface Panels {
  phone: HTMLElement;
  log(level: string, text: string): void;
  showErrors(errors: string[]): void;
  showStack(pages: Array<{ path: string; query: Record<string, string> }>): void;
  showData(data: unknown): void;
  showStorage(entries: Record<string, string>): void;
}

/** Builds the simulator page: phone with a device picker, console, inspectors, page stack. */
export function createPanels(root: HTMLElement, devices: Record<string, [number, number]>, actions: { onRefreshData(): void; onPullDown(): void; onVisibility(visible: boolean): void }): Panels {
  const style = document.createElement('style');
  style.textContent = CSS;
  document.head.appendChild(style);
  const column = element('div', 'sim-phone-column');
  const picker = document.createElement('select');
  picker.setAttribute('aria-label', 'Device');
  for (const name of Object.keys(devices)) picker.appendChild(Object.assign(document.createElement('option'), { value: name, textContent: name }));
  const phone = element('div', 'sim-phone');
  phone.id = 'phone';
  const resize = (): void => {
    const [width, height] = devices[picker.value] ?? [375, 667];
    phone.style.width = `${width}px`;
    phone.style.height = `${height}px`;
  };
  picker.addEventListener('change', resize);
  resize();
  const controls = element('div', 'sim-controls');
  const pull = Object.assign(document.createElement('button'), { textContent: 'Pull down' });
  pull.addEventListener('click', actions.onPullDown);
  let visible = true;
  const background = Object.assign(document.createElement('button'), { textContent: 'Send to background' });
  background.addEventListener('click', () => {
    visible = !visible;
    background.textContent = visible ? 'Send to background' : 'Bring to foreground';
    actions.onVisibility(visible);
  });
  controls.append(picker, pull, background);
  column.append(controls, phone);
  const side = element('div', 'sim-side');
  const errors = section(side, 'Build errors', 'sim-errors');
  (errors.parentElement as HTMLElement).hidden = true;
  const stack = section(side, 'Page stack', 'sim-stack');
  const data = section(side, 'Page data', 'sim-data');
  data.addEventListener('click', actions.onRefreshData);
  const storage = section(side, 'Storage', 'sim-storage');
  const consoleBox = section(side, 'Console', 'sim-console');
  root.replaceChildren(column, side);
  return {
    phone,
    log(level, text) {
      const line = element('div', level);
      line.textContent = `[${level}] ${text}`;
      consoleBox.appendChild(line);
      consoleBox.scrollTop = consoleBox.scrollHeight;
    },
    showErrors(list) {
      (errors.parentElement as HTMLElement).hidden = list.length === 0;
      errors.textContent = list.join('\n\n');
    },
    showStack(pages) {
      stack.replaceChildren(...pages.map((page, index) => Object.assign(element('div', 'sim-stack-entry'), { textContent: `${index + 1}. ${page.path}${Object.keys(page.query).length ? `?${new URLSearchParams(page.query).toString()}` : ''}` })));
    },
    showData(value) {
      data.textContent = JSON.stringify(value, null, 2);
    },
    showStorage(entries) {
      storage.textContent = Object.entries(entries).map(([key, json]) => `${key}: ${json}`).join('\n') || '(empty)';
    },
  };
}

function element(tag: string, className: string): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  return node;
}

function section(parent: HTMLElement, title: string, className: string): HTMLElement {
  const box = document.createElement('section');
  box.appendChild(Object.assign(document.createElement('h2'), { textContent: title }));
  const body = element('div', className);
  box.appendChild(body);
  parent.appendChild(box);
  return body;
}
