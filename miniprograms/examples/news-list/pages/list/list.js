const PAGE_SIZE = 10;

Page({
  data: { articles: [], loading: false, finished: false, error: '' },
  page: 0,
  onLoad() {
    this.loadMore();
  },
  onPullDownRefresh() {
    this.page = 0;
    this.setData({ articles: [], finished: false });
    this.loadMore().then(() => wx.stopPullDownRefresh());
  },
  onReachBottom() {
    this.loadMore();
  },
  loadMore() {
    if (this.data.loading || this.data.finished) return Promise.resolve();
    this.setData({ loading: true, error: '' });
    return wx
      .request({ url: `${getApp().globalData.api}/articles`, data: { page: this.page + 1, size: PAGE_SIZE } })
      .then((response) => {
        const items = response.data.items || [];
        this.page += 1;
        // Append with a path key so only the new rows travel to the view.
        const patch = { loading: false, finished: items.length < PAGE_SIZE };
        items.forEach((item, index) => {
          patch[`articles[${this.data.articles.length + index}]`] = item;
        });
        this.setData(patch);
      })
      .catch((error) => this.setData({ loading: false, error: error.errMsg }));
  },
  open(event) {
    wx.navigateTo({ url: `/pages/article/article?id=${event.currentTarget.dataset.id}` });
  },
});
