const { load } = require('../../utils/store');

Page({
  data: { total: 0, done: 0, percent: 0 },
  onShow() {
    const todos = load();
    const done = todos.filter((todo) => todo.done).length;
    this.setData({ total: todos.length, done, percent: todos.length ? Math.round((done / todos.length) * 100) : 0 });
  },
  onTabItemTap(item) {
    console.log('tab tapped', item.pagePath);
  },
});
