const tracked = require('../../behaviors/tracked');

Component({
  behaviors: [tracked],
  properties: { value: { type: Number, value: 0 }, max: { type: Number, value: 5 } },
  data: { stars: [] },
  observers: {
    max(max) {
      this.setData({ stars: Array.from({ length: max }, (_, index) => index + 1) });
    },
  },
  lifetimes: {
    attached() {
      this.setData({ stars: Array.from({ length: this.data.max }, (_, index) => index + 1) });
    },
  },
  methods: {
    choose(event) {
      const value = event.currentTarget.dataset.value;
      this.setData({ value });
      this.track();
      this.triggerEvent('change', { value });
    },
  },
});
