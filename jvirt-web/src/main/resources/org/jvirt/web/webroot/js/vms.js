// The VM list: one row per domain with its state, kept live by the events websocket (each event re-reads the
// domain it names), and start/stop buttons.
import { get, post } from './api.js';
import { h, showError, stateBadge } from './dom.js';
import { onEvent } from './app.js';

function actions(d, refresh) {
  const act = (name, label, enabled) => h('button', {
    'data-action': name, 'aria-label': `${label} ${d.name}`, disabled: !enabled,
    onclick: async () => { try { await post(`/domains/${encodeURIComponent(d.name)}/${name}`); } catch (e) { showError(e); } refresh(); },
  }, label);
  const running = d.state === 'running' || d.state === 'paused';
  return [act('start', 'Start', !d.active), act('shutdown', 'Shut down', d.state === 'running'),
    act('destroy', 'Force off', running)];
}

export async function vmsPage(main) {
  const tbody = h('tbody', { id: 'vm-rows' });
  main.append(h('h1', {}, 'Virtual machines'),
    h('table', { id: 'vm-table' }, h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'State'),
      h('th', {}, 'ID'), h('th', {}, 'Actions'))), tbody));
  const rows = new Map();
  const row = (d) => {
    const tr = h('tr', { 'data-domain': d.name },
      h('td', {}, h('a', { href: `#/vm/${encodeURIComponent(d.name)}` }, d.name)),
      h('td', {}, stateBadge(d.state)), h('td', {}, d.id >= 0 ? String(d.id) : '–'),
      h('td', {}, actions(d, () => refreshOne(d.name))));
    const old = rows.get(d.name);
    if (old) old.replaceWith(tr); else tbody.append(tr);
    rows.set(d.name, tr);
  };
  const refreshOne = async (name) => {
    try {
      row(await get(`/domains/${encodeURIComponent(name)}`));
    } catch (e) {
      if (e.status === 404 && rows.has(name)) { rows.get(name).remove(); rows.delete(name); } else showError(e);
    }
  };
  const list = await get('/domains');
  list.items.sort((a, b) => a.name.localeCompare(b.name)).forEach(row);
  main.dataset.loaded = String(list.count);
  return onEvent((ev) => { if (ev.type === 'domain') refreshOne(ev.domain); });
}
