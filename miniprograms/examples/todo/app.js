const store = require('./utils/store');

App({
  onLaunch() {
    this.globalData.todos = store.load();
  },
  globalData: { todos: [] },
});
