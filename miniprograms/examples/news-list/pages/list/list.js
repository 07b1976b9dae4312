const PAGE_SIZE = 10;

Page({
  data: { articles: [], loading: false, finished: false, error: '' },
  page: 0,
  // Each load takes the next number; a response that is not the latest load's is dropped, so a
  // refresh wins over a load-more still on its way.
  latest: 0,
  onLoad() {
    this.load(false);
  },
  onPullDownRefresh() {
    // The list stays on screen until page 1 arrives and replaces it: emptying it first would leave
    // a short page that is at its bottom, and load page 2 as well.
    this.load(true).then(() => wx.stopPullDownRefresh());
  },
  onReachBottom() {
    this.load(false);
  },
  load(refresh) {
    if (!refresh && (this.data.loading || this.data.finished)) return Promise.resolve();
    const ticket = ++this.latest;
    const page = refresh ? 1 : this.page + 1;
    this.setData({ loading: true, error: '' });
    return wx
      .request({ url: `${getApp().globalData.api}/articles`, data: { page, size: PAGE_SIZE } })
      .then((response) => {
        if (ticket !== this.latest) return;
        const items = response.data.items || [];
        this.page = page;
        const patch = { loading: false, finished: items.length < PAGE_SIZE };
        if (refresh) {
          patch.articles = items;
        } else {
          // Append with a path key so only the new rows travel to the view.
          items.forEach((item, index) => {
            patch[`articles[${this.data.articles.length + index}]`] = item;
          });
        }
        this.setData(patch);
      })
      .catch((error) => {
        if (ticket === this.latest) this.setData({ loading: false, error: error.errMsg });
      });
  },
  open(event) {
    wx.navigateTo({ url: `/pages/article/article?id=${event.currentTarget.dataset.id}` });
  },
});
