Component({
  properties: { todo: { type: Object, value: null } },
  methods: {
    onToggle() {
      this.triggerEvent('toggle', { id: this.data.todo.id });
    },
    onOpen() {
      this.triggerEvent('open', { id: this.data.todo.id });
    },
  },
});
