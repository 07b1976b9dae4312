// Opens the first article a moment after the list is ready, as a tap would, with the time of the
// call in the query, so the benchmark can time the navigation to the article's first paint.
const TITLES = Array.from({ length: 20 }, (_, index) => ({ id: index + 1, title: `Article ${index + 1}: notes from the neighbourhood` }));

Page({
  data: { articles: TITLES },
  onReady() {
    setTimeout(() => wx.navigateTo({ url: `/pages/article/article?id=1&t=${performance.timeOrigin + performance.now()}` }), 800);
  },
});
