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
 * The pause after each operation: long enough for it to be painted and the page to fall idle, as
 * between a user's actions. Its random part spreads the next start over the frame interval.
 */
export const ROW_PAUSE_MS = 200;
const PAUSE = `() => new Promise((resolve) => setTimeout(resolve, ${ROW_PAUSE_MS} + Math.random() * 17))`;

/**
 * Code evaluated in the logic Worker: `rounds` rounds of create, update and clear on the page's
 * `rows`, each followed by a pause, with nothing outside the page touching it meanwhile. Resolves
 * with the start of each setData call (timeOrigin-based, comparable with the view's clock), taken
 * after its data was built.
 */
export function workerRounds(rounds: number): string {
  return `(async () => {
  const page = getCurrentPages()[0];
  const rows = ${JSON.stringify(createRows(1000))};
  const pause = ${PAUSE};
  const now = () => performance.timeOrigin + performance.now();
  const starts = [];
  for (let round = 0; round < ${rounds}; round++) {
    starts.push(now());
    page.setData({ rows });
    await pause();
    const patch = {};
    for (let i = 0; i < page.data.rows.length; i += 10) patch['rows[' + i + '].label'] = page.data.rows[i].label + ' !!!';
    starts.push(now());
    page.setData(patch);
    await pause();
    starts.push(now());
    page.setData({ rows: [] });
    await pause();
  }
  return starts;
})()`;
}

/**
 * A page that does the same three operations by hand, each timed from the call to the painted
 * frame. `vanillaRounds(rows, rounds)` runs them in rounds with the same pauses as the Worker's.
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
var pause = ${PAUSE};
window.vanillaRounds = async function (rows, rounds) {
  var times = { create: [], update: [], clear: [] };
  for (var round = 0; round < rounds; round++) {
    times.create.push(await window.vanillaCreate(rows));
    await pause();
    times.update.push(await window.vanillaUpdate());
    await pause();
    times.clear.push(await window.vanillaClear());
    await pause();
  }
  return times;
};
</script></body></html>`;
}
