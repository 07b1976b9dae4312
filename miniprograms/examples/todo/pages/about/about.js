Page({
  data: { system: '', width: 0 },
  onLoad() {
    const info = wx.getSystemInfoSync();
    this.setData({ system: info.system, width: info.windowWidth });
  },
});
