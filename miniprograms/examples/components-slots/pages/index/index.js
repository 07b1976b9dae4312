Page({
  data: { score: 3, max: 5 },
  onRate(event) {
    this.setData({ score: event.detail.value });
  },
  onTab(event) {
    console.log('tab', event.detail.index);
  },
  onScale(event) {
    this.setData({ max: event.detail.value ? 10 : 5 });
  },
});
