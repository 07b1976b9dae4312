import { load, save } from '../../utils/store';

Page({
  data: { todo: null },
  onLoad(query) {
    this.id = Number(query.id);
    this.setData({ todo: load().find((todo) => todo.id === this.id) || null });
  },
  onSave(event) {
    const { title, important } = event.detail.value;
    save(load().map((todo) => (todo.id === this.id ? { ...todo, title, important } : todo)));
    wx.navigateBack();
  },
  async onDelete() {
    const { confirm } = await wx.showModal({ title: 'Delete this todo?', content: this.data.todo.title });
    if (!confirm) return;
    save(load().filter((todo) => todo.id !== this.id));
    wx.navigateBack();
  },
});
