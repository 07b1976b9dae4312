Page({
  data: { article: null },
  onLoad(query) {
    wx.request({
      url: `${getApp().globalData.api}/articles/${query.id}`,
      success: (response) => {
        this.setData({ article: response.data });
        wx.setNavigationBarTitle({ title: response.data.title });
      },
      fail: (error) => wx.showToast({ title: error.errMsg, icon: 'none' }),
    });
  },
});
