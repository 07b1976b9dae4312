const PARAGRAPHS = Array.from({ length: 8 }, (_, index) => `Paragraph ${index + 1}. The market opens early on Saturdays; the bridge is closed for repairs until the end of the month, and the library has new hours.`);

Page({
  data: { id: '', t: '', paragraphs: [] },
  onLoad(query) {
    this.setData({ id: query.id, t: query.t, paragraphs: PARAGRAPHS });
  },
});
