/** The row workload shared by the mini-program and hand-written runs of the benchmark. */

const ADJECTIVES = ['quiet', 'bright', 'rapid', 'gentle', 'bold', 'plain', 'warm', 'crisp', 'calm', 'swift', 'clever', 'lucky'];
const NOUNS = ['river', 'lantern', 'harbor', 'meadow', 'bridge', 'garden', 'market', 'valley', 'tower', 'orchard', 'pier', 'studio'];

/** Deterministic rows: the same labels in both runs. */
export function createRows(count: number): Array<{ id: number; label: string }> {
  return Array.from({ length: count }, (_, index) => ({
    id: index + 1,
    label: `${ADJECTIVES[(index * 7) % ADJECTIVES.length]} ${NOUNS[(index * 5) % NOUNS.length]}`,
  }));
}

/**
 * Code evaluated in the logic Worker: builds the data first, then takes the start time and
 * calls setData, returning that time (timeOrigin-based, comparable with the view's clock).
 */
export function rowsCode(operation: 'create' | 'update' | 'clear'): string {
  const page = 'getCurrentPages()[0]';
  if (operation === 'create') {
    return `(() => { const rows = ${JSON.stringify(createRows(1000))}; const start = performance.timeOrigin + performance.now(); ${page}.setData({ rows }); return start; })()`;
  }
  if (operation === 'update') {
    return `(() => { const page = ${page}; const patch = {}; for (let i = 0; i < page.data.rows.length; i += 10) patch['rows[' + i + '].label'] = page.data.rows[i].label + ' !!!'; const start = performance.timeOrigin + performance.now(); page.setData(patch); return start; })()`;
  }
  return `(() => { const start = performance.timeOrigin + performance.now(); ${page}.setData({ rows: [] }); return start; })()`;
}

/**
 * A page that does the same three operations by hand, each timed from the call to the painted
 * frame. Each is its own function, called by the benchmark in its own evaluate as the mini
 * program's are, so no operation starts right after the previous one's paint (which would tie
 * it to the frame clock and make it look slower or faster than the same work started at an
 * arbitrary moment).
 */
export function vanillaPage(): string {
  return `<!doctype html><html><head><style>
body{margin:0;font:16px sans-serif}.row{display:flex;padding:4px 8px;border-bottom:1px solid #eee}.id{width:60px;color:#999}.label{flex:1}
</style></head><body><div class="table" id="table"></div><script>
function painted() {
  return new Promise(function (resolve) {
    requestAnimationFrame(function () {
      var channel = new MessageChannel();
      channel.port1.onmessage = function () { resolve(performance.now()); };
      channel.port2.postMessage(null);
    });
  });
}
var labels = [];
window.vanillaCreate = async function (rows) {
  var table = document.getElementById('table');
  labels = [];
  var start = performance.now();
  for (var i = 0; i < rows.length; i++) {
    var row = document.createElement('div');
    row.className = 'row';
    var id = document.createElement('span');
    id.className = 'id';
    id.textContent = String(rows[i].id);
    var label = document.createElement('span');
    label.className = 'label';
    label.textContent = rows[i].label;
    labels.push(label);
    row.appendChild(id);
    row.appendChild(label);
    table.appendChild(row);
  }
  return (await painted()) - start;
};
window.vanillaUpdate = async function () {
  var start = performance.now();
  for (var j = 0; j < labels.length; j += 10) labels[j].textContent = labels[j].textContent + ' !!!';
  return (await painted()) - start;
};
window.vanillaClear = async function () {
  var start = performance.now();
  document.getElementById('table').textContent = '';
  labels = [];
  return (await painted()) - start;
};
</script></body></html>`;
}
