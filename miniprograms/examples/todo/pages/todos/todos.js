import { load, save, nextId } from '../../utils/store';

Page({
  data: { todos: [], draft: '', remaining: 0 },
  onShow() {
    this.show(load());
  },
  show(todos) {
    this.setData({ todos, remaining: todos.filter((todo) => !todo.done).length });
  },
  onDraft(event) {
    this.setData({ draft: event.detail.value });
  },
  add() {
    const title = this.data.draft.trim();
    if (!title) return;
    const todos = [...this.data.todos, { id: nextId(this.data.todos), title, done: false, important: false }];
    save(todos);
    this.setData({ draft: '' });
    this.show(todos);
  },
  toggle(event) {
    const id = event.currentTarget.dataset.id;
    const todos = this.data.todos.map((todo) => (todo.id === id ? { ...todo, done: !todo.done } : todo));
    save(todos);
    this.show(todos);
  },
  open(event) {
    wx.navigateTo({ url: `/pages/edit/edit?id=${event.currentTarget.dataset.id}` });
  },
});
