// The tab bar learns its tabs through relations: each <tab> placed in its slot links to it.
Component({
  relations: {
    '../tab/tab': {
      type: 'child',
      linked() {
        this.refresh();
      },
      unlinked() {
        this.refresh();
      },
    },
  },
  data: { titles: [], active: 0 },
  methods: {
    refresh() {
      const tabs = this.getRelationNodes('../tab/tab');
      this.setData({ titles: tabs.map((tab) => tab.data.title) });
      tabs.forEach((tab, index) => tab.setData({ active: index === this.data.active }));
    },
    select(event) {
      const index = event.currentTarget.dataset.index;
      this.setData({ active: index });
      this.refresh();
      this.triggerEvent('change', { index });
    },
  },
});
