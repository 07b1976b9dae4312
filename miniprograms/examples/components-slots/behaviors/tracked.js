// Shared by components that report how often they changed.
module.exports = Behavior({
  data: { changes: 0 },
  methods: {
    track() {
      this.setData({ changes: this.data.changes + 1 });
    },
  },
});
