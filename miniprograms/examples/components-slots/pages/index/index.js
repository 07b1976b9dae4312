Page({
  data: { score: 3, max: 5 },
  onRate(event) {
    this.setData({ score: event.detail.value });
  },
  onScale(event) {
    this.setData({ max: event.detail.value ? 10 : 5 });
  },
});
