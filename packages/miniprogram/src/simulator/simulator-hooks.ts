import type { HostHooks } from '../runtime/host/host-bridge';
import { HookFailure } from '../runtime/host/host-bridge';
import { pickFiles } from './simulator-files';

/** Camera heights asked for per `<camera resolution>`; the device gives the nearest it has. */
const CAMERA_HEIGHTS: Record<string, number> = { low: 480, medium: 720, high: 1080 };

/** What a scope lets the program use, as the authorisation prompt names it: [English, Chinese]. */
const SCOPE_NAMES: Record<string, [string, string]> = {
  'scope.camera': ['your camera', '你的摄像头'],
  'scope.userLocation': ['your location', '你的位置信息'],
  'scope.record': ['your microphone', '你的麦克风'],
  'scope.writePhotosAlbum': ['your photo album', '你的相册'],
};

/**
 * The simulator's answers to wx.* calls that need a person or a device: prompts are drawn
 * in the phone screen's overlay, and device features return plausible developer values.
 */
export function simulatorHooks(overlay: () => HTMLElement, log: (text: string) => void): HostHooks {
  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  let clipboard = '';
  const authSetting: Record<string, boolean> = {};
  const show = (element: HTMLElement): void => {
    overlay().replaceChildren(element);
  };
  const clear = (): void => {
    overlay().replaceChildren();
  };
  const toast = (title: string, duration: number): void => {
    const box = document.createElement('div');
    box.className = 'tsr-toast';
    box.textContent = title;
    show(box);
    clearTimeout(toastTimer);
    if (duration > 0) toastTimer = setTimeout(clear, duration);
  };
  const choose = (title: string, content: string, buttons: Array<{ text: string; color?: string }>): Promise<number> =>
    new Promise((resolve) => {
      const modal = document.createElement('div');
      modal.className = 'tsr-modal';
      modal.setAttribute('role', 'dialog');
      if (title) modal.appendChild(Object.assign(document.createElement('h3'), { textContent: title }));
      if (content) modal.appendChild(Object.assign(document.createElement('p'), { textContent: content }));
      const actions = document.createElement('div');
      actions.className = 'tsr-modal-actions';
      buttons.forEach((button, index) => {
        const element = Object.assign(document.createElement('button'), { textContent: button.text });
        if (button.color) element.style.color = button.color;
        element.addEventListener('click', () => {
          clear();
          resolve(index);
        });
        actions.appendChild(element);
      });
      modal.appendChild(actions);
      show(modal);
    });
  /** Asks the user for a scope (in their language) and remembers the answer. */
  const askScope = async (scope: string): Promise<boolean> => {
    const chinese = /^zh\b/i.test(navigator.language);
    const [english, local] = SCOPE_NAMES[scope] ?? [scope, scope];
    const prompt = chinese ? ['授权', `允许此小程序使用${local}？`, '拒绝', '允许'] : ['Authorisation', `Allow this mini program to use ${english}?`, 'Deny', 'Allow'];
    const allowed = (await choose(prompt[0] as string, prompt[1] as string, [{ text: prompt[2] as string }, { text: prompt[3] as string, color: '#07c160' }])) === 1;
    authSetting[scope] = allowed;
    return allowed;
  };
  return {
    showToast: async (args) => toast(String(args.title ?? ''), Number(args.duration ?? 1500)),
    hideToast: async () => clear(),
    showLoading: async (args) => toast(String(args.title ?? 'Loading'), 0),
    hideLoading: async () => clear(),
    showModal: async (args) => {
      const buttons = [{ text: String(args.confirmText ?? 'OK'), color: String(args.confirmColor ?? '#576b95') }];
      if (args.showCancel !== false) buttons.unshift({ text: String(args.cancelText ?? 'Cancel'), color: String(args.cancelColor ?? '#000000') });
      const index = await choose(String(args.title ?? ''), String(args.content ?? ''), buttons);
      const confirm = index === buttons.length - 1;
      return { confirm, cancel: !confirm };
    },
    showActionSheet: async (args) => {
      const items = (Array.isArray(args.itemList) ? args.itemList : []).map(String);
      const tapIndex = await new Promise<number>((resolve) => {
        const sheet = document.createElement('div');
        sheet.className = 'tsr-sheet';
        [...items, 'Cancel'].forEach((text, index) => {
          const button = Object.assign(document.createElement('button'), { textContent: text });
          button.addEventListener('click', () => {
            clear();
            resolve(index === items.length ? -1 : index);
          });
          sheet.appendChild(button);
        });
        show(sheet);
      });
      if (tapIndex < 0) throw new HookFailure('showActionSheet:fail cancel');
      return { tapIndex };
    },
    login: async () => ({ code: `sim-${Math.random().toString(36).slice(2, 12)}` }),
    checkSession: async () => undefined,
    getSetting: async () => ({ authSetting: { ...authSetting } }),
    authorize: async (args) => {
      if (!(await askScope(String(args.scope ?? '')))) throw new HookFailure('authorize:fail auth deny');
    },
    getUserProfile: async (args) => {
      const allowed = (await choose('Profile', String(args.desc ?? 'Share your nickname and avatar?'), [{ text: 'Deny' }, { text: 'Allow', color: '#07c160' }])) === 1;
      if (!allowed) throw new HookFailure('getUserProfile:fail auth deny');
      return { userInfo: { nickName: 'Developer', avatarUrl: '', gender: 0, country: '', province: '', city: '', language: 'zh_CN' } };
    },
    requestPayment: async (args) => {
      const paid = (await choose('Pay (simulator)', `Package ${String(args.package ?? '')}`, [{ text: 'Cancel' }, { text: 'Pay', color: '#07c160' }])) === 1;
      if (!paid) throw new HookFailure('requestPayment:fail cancel');
    },
    getPhoneNumber: async () => {
      const allowed = (await choose('Phone number', 'Share your phone number with this mini program?', [{ text: 'Deny' }, { text: 'Allow', color: '#07c160' }])) === 1;
      if (!allowed) throw new HookFailure('getPhoneNumber:fail user deny');
      return { code: `sim-phone-${Math.random().toString(36).slice(2, 10)}` };
    },
    setClipboardData: async (args) => {
      clipboard = String(args.data ?? '');
      toast('Copied', 1500);
    },
    getClipboardData: async () => ({ data: clipboard }),
    getNetworkType: async () => ({ networkType: 'wifi' }),
    makePhoneCall: async (args) => {
      const number = String(args.phoneNumber ?? '');
      if ((await choose('Call', number, [{ text: 'Cancel' }, { text: 'Call', color: '#07c160' }])) !== 1) throw new HookFailure('makePhoneCall:fail cancel');
      log(`makePhoneCall ${number}`);
    },
    shareAppMessage: async (args) => {
      log(`shareAppMessage ${JSON.stringify(args)}`);
      toast(`Shared: ${String(args.title ?? '')}`, 1500);
    },
    vibrateShort: async () => undefined,
    vibrateLong: async () => undefined,
    showShareMenu: async () => undefined,
    hideShareMenu: async () => undefined,
    getLocation: async (args) => {
      // Location needs scope.userLocation; the host asks once and remembers the answer.
      if (authSetting['scope.userLocation'] === undefined) {
        const reason = String(args.permissionDesc ?? '');
        authSetting['scope.userLocation'] = (await choose('Location', `Allow this mini program to use your location?${reason ? `\n${reason}` : ''}`, [{ text: 'Deny' }, { text: 'Allow', color: '#07c160' }])) === 1;
      }
      if (!authSetting['scope.userLocation']) throw new HookFailure('getLocation:fail auth deny');
      return { latitude: 39.9042, longitude: 116.4074, speed: 0, accuracy: 65, type: String(args.type ?? 'wgs84') };
    },
    openSetting: async () => {
      const scopes = Object.keys(authSetting);
      for (const scope of scopes) {
        authSetting[scope] = (await choose('Settings', `Allow ${scope}?`, [{ text: 'Off' }, { text: 'On', color: '#07c160' }])) === 1;
      }
      return { authSetting: { ...authSetting } };
    },
    requestSubscribeMessage: async (args) => {
      const ids = (Array.isArray(args.tmplIds) ? args.tmplIds : []).map(String);
      const accepted = (await choose('Notifications', `Allow ${ids.length} kind(s) of notifications from this mini program?`, [{ text: 'Reject' }, { text: 'Allow', color: '#07c160' }])) === 1;
      return Object.fromEntries(ids.map((id) => [id, accepted ? 'accept' : 'reject']));
    },
    scanCode: async () => {
      const scanned = (await choose('Scan (simulator)', 'Use the test code "tessera-test-code"?', [{ text: 'Cancel' }, { text: 'Use', color: '#07c160' }])) === 1;
      if (!scanned) throw new HookFailure('scanCode:fail cancel');
      return { result: 'tessera-test-code', scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: '' };
    },
    chooseImage: async (args) => {
      const files = await pickFiles(overlay(), clear, Number(args.count ?? 9), 'image/*');
      return { tempFilePaths: files.map((file) => file.path), tempFiles: files.map((file) => ({ path: file.path, size: file.size })) };
    },
    chooseMedia: async (args) => {
      const files = await pickFiles(overlay(), clear, Number(args.count ?? 9), 'image/*,video/*');
      return { type: 'image', tempFiles: files.map((file) => ({ tempFilePath: file.path, size: file.size, fileType: file.type.startsWith('video') ? 'video' : 'image' })) };
    },
    // The host asks for scope.camera before it calls this, and shows the stream itself.
    openCamera: (args) =>
      navigator.mediaDevices.getUserMedia({
        audio: false,
        video: { facingMode: { ideal: args.devicePosition === 'front' ? 'user' : 'environment' }, height: { ideal: CAMERA_HEIGHTS[String(args.resolution)] ?? 720 } },
      }),
    // The simulator's photo album is the computer's downloads: the image is saved as a file.
    saveImageToPhotosAlbum: async (args) => {
      const filePath = String(args.filePath ?? '');
      // As in WeChat, only a file the runtime handed out (a temp file here) can be saved, not a URL.
      const type = /^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/.exec(filePath)?.[1];
      if (!type) throw new HookFailure('saveImageToPhotosAlbum:fail invalid file path (use a temp file path, such as one from canvasToTempFilePath or chooseImage)');
      const granted = authSetting['scope.writePhotosAlbum'] ?? (await askScope('scope.writePhotosAlbum'));
      if (!granted) throw new HookFailure('saveImageToPhotosAlbum:fail auth deny');
      const link = document.createElement('a');
      link.href = filePath;
      link.download = `tessera-${Date.now()}.${{ jpeg: 'jpg', 'svg+xml': 'svg' }[type] ?? type}`;
      link.click();
      log(`saveImageToPhotosAlbum: saved ${link.download} to the downloads folder`);
    },
    previewImage: async (args) => {
      const image = document.createElement('img');
      image.className = 'tsr-preview';
      image.src = String(args.current ?? (Array.isArray(args.urls) ? args.urls[0] : '') ?? '');
      image.addEventListener('click', clear);
      show(image);
    },
  };
}
