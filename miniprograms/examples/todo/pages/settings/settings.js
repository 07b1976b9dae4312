Page({
  data: { message: '' },
  clearAll() {
    wx.removeStorageSync('todos');
    getApp().globalData.todos = [];
    this.setData({ message: 'Cleared.' });
  },
});
