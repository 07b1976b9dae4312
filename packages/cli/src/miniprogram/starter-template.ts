/**
 * The project `tessera create` writes: two pages (a list with a form, and a detail page), one
 * custom component with a slot, storage, navigation and a tab bar. Plain WeChat format.
 */
export function starterFiles(name: string): Record<string, string> {
  const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
  return {
    'project.config.json': json({ appid: 'touristappid', projectname: name, setting: { urlCheck: true }, tessera: { requestDomains: [] } }),
    'app.json': json({
      pages: ['pages/index/index', 'pages/about/about'],
      window: { navigationBarTitleText: name, navigationBarBackgroundColor: '#f7f7f7', navigationBarTextStyle: 'black' },
      tabBar: { color: '#7a7e83', selectedColor: '#07c160', list: [{ pagePath: 'pages/index/index', text: 'Notes' }, { pagePath: 'pages/about/about', text: 'About' }] },
      usingComponents: { 'note-card': '/components/note-card/note-card' },
    }),
    'app.js': `App({
  onLaunch() {
    const launches = (wx.getStorageSync('launches') || 0) + 1;
    wx.setStorageSync('launches', launches);
    this.globalData.launches = launches;
  },
  globalData: { launches: 0 },
});
`,
    'app.wxss': `page {
  background: #f5f5f5;
  font-size: 32rpx;
}
.section {
  margin: 24rpx;
}
`,
    'pages/index/index.json': json({ navigationBarTitleText: 'Notes' }),
    'pages/index/index.wxml': `<view class="section">
  <input class="new-note" placeholder="Write a note" value="{{draft}}" bindinput="onDraft" bindconfirm="addNote" />
  <button type="primary" bindtap="addNote" disabled="{{!draft}}">Add</button>
</view>
<view class="section">
  <note-card wx:for="{{notes}}" wx:key="id" title="{{item.text}}" data-id="{{item.id}}" bind:remove="removeNote">
    <text class="date">{{item.date}}</text>
  </note-card>
  <view wx:if="{{!notes.length}}" class="empty">No notes yet.</view>
</view>
`,
    'pages/index/index.wxss': `.new-note {
  padding: 20rpx;
  margin-bottom: 24rpx;
  background: #fff;
  border-radius: 12rpx;
}
.empty {
  color: #999;
  text-align: center;
}
.date {
  color: #999;
  font-size: 24rpx;
}
`,
    'pages/index/index.js': `Page({
  data: { draft: '', notes: [] },
  onLoad() {
    this.setData({ notes: wx.getStorageSync('notes') || [] });
  },
  onDraft(event) {
    this.setData({ draft: event.detail.value });
  },
  addNote() {
    const text = this.data.draft.trim();
    if (!text) return;
    const note = { id: Date.now(), text, date: new Date().toLocaleString() };
    const notes = [note, ...this.data.notes];
    this.setData({ notes, draft: '' });
    wx.setStorageSync('notes', notes);
    wx.showToast({ title: 'Saved' });
  },
  removeNote(event) {
    const id = event.currentTarget.dataset.id;
    const notes = this.data.notes.filter((note) => note.id !== id);
    this.setData({ notes });
    wx.setStorageSync('notes', notes);
  },
});
`,
    'pages/about/about.json': json({ navigationBarTitleText: 'About' }),
    'pages/about/about.wxml': `<view class="section">
  <view class="title">${name}</view>
  <view>Opened {{launches}} time{{launches === 1 ? '' : 's'}}.</view>
  <view>Screen width: {{width}}px</view>
</view>
`,
    'pages/about/about.wxss': `.title {
  font-size: 40rpx;
  font-weight: bold;
  margin-bottom: 16rpx;
}
`,
    'pages/about/about.js': `Page({
  data: { launches: 0, width: 0 },
  onShow() {
    this.setData({ launches: getApp().globalData.launches, width: wx.getWindowInfo().windowWidth });
  },
});
`,
    'components/note-card/note-card.json': json({ component: true }),
    'components/note-card/note-card.wxml': `<view class="card">
  <view class="text">{{title}}</view>
  <slot></slot>
  <view class="remove" catchtap="onRemove">Remove</view>
</view>
`,
    'components/note-card/note-card.wxss': `.card {
  position: relative;
  padding: 24rpx;
  margin-bottom: 16rpx;
  background: #fff;
  border-radius: 12rpx;
}
.remove {
  position: absolute;
  right: 24rpx;
  top: 24rpx;
  color: #fa5151;
  font-size: 26rpx;
}
`,
    'components/note-card/note-card.js': `Component({
  properties: { title: { type: String, value: '' } },
  methods: {
    onRemove() {
      this.triggerEvent('remove');
    },
  },
});
`,
  };
}
