Component({
  options: { multipleSlots: true },
  properties: { footer: String },
});
