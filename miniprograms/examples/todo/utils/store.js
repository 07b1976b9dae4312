// Todos live in storage under one key, so every page sees the same list.
const KEY = 'todos';

export function load() {
  return wx.getStorageSync(KEY) || [];
}

export function save(todos) {
  wx.setStorageSync(KEY, todos);
  getApp().globalData.todos = todos;
}

export function nextId(todos) {
  return todos.reduce((max, todo) => Math.max(max, todo.id), 0) + 1;
}
