Component({
  relations: { '../tabs/tabs': { type: 'parent' } },
  properties: { title: String },
  data: { active: false },
});
