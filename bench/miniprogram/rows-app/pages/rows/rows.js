// The benchmark drives this page from outside through getCurrentPages(); it needs no logic of its own.
Page({ data: { rows: [] } });
