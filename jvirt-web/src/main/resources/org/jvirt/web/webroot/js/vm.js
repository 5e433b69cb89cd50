// One VM: facts, actions, consoles, live graphs from its bulk statistics, devices (from its XML), snapshots.
import { get, post, del, api } from './api.js';
import { h, showError, stateBadge, bytes } from './dom.js';
import { onEvent } from './app.js';
import { Chart } from './chart.js';

const ACTIONS = [['start', 'Start'], ['shutdown', 'Shut down'], ['reboot', 'Reboot'], ['suspend', 'Pause'],
  ['resume', 'Resume'], ['destroy', 'Force off']];

export async function vmPage(main, name) {
  const path = `/domains/${encodeURIComponent(name)}`;
  const facts = h('dl', { class: 'facts', id: 'vm-facts' });
  const buttons = h('div', { id: 'vm-actions' });
  const devices = h('tbody', { id: 'vm-devices' });
  const snaps = h('tbody', { id: 'vm-snapshots' });
  const charts = {
    cpu: graph('cpu', 'CPU', ['cpu'], ' %'),
    mem: graph('mem', 'Memory', ['used'], ' MiB'),
    disk: graph('disk', 'Disk', ['read', 'write'], ' KiB/s'),
    net: graph('net', 'Network', ['rx', 'tx'], ' KiB/s'),
  };
  main.append(h('h1', {}, `Virtual machine ${name}`),
    h('div', { class: 'card' }, facts, h('p', {}, buttons),
      h('p', {}, h('a', { class: 'button', href: `#/vnc/${encodeURIComponent(name)}`, id: 'open-vnc' }, 'Graphical console'),
        h('a', { class: 'button', href: `#/serial/${encodeURIComponent(name)}`, id: 'open-serial' }, 'Serial console'))),
    h('h2', {}, 'Activity'), h('div', { class: 'graphs' }, Object.values(charts).map((c) => c.el)),
    h('h2', {}, 'Devices'), h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Kind'), h('th', {}, 'Target'),
      h('th', {}, 'Source'))), devices),
    h('h2', {}, 'Snapshots'),
    h('form', { id: 'snap-form', onsubmit: async (e) => {
      e.preventDefault();
      const n = e.target.elements.snapname.value.trim();
      if (!n) return;
      try { await post(`${path}/snapshots`, { name: n }); e.target.reset(); await loadSnaps(); } catch (x) { showError(x); }
    } }, h('label', { for: 'snapname' }, 'New snapshot '), h('input', { id: 'snapname', name: 'snapname' }), ' ',
    h('button', { type: 'submit' }, 'Take snapshot')),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Current'), h('th', {}, ''))), snaps));

  async function load() {
    const d = await get(path);
    facts.replaceChildren(
      h('dt', {}, 'State'), h('dd', {}, stateBadge(d.state), ` (${d.reason})`),
      h('dt', {}, 'vCPUs'), h('dd', {}, String(d.vcpus)),
      h('dt', {}, 'Memory'), h('dd', {}, `${bytes(d.memoryKiB * 1024)} of ${bytes(d.maxMemoryKiB * 1024)}`),
      h('dt', {}, 'UUID'), h('dd', {}, d.uuid),
      h('dt', {}, 'Persistent'), h('dd', {}, d.persistent ? 'yes' : 'no (transient)'));
    buttons.replaceChildren(...ACTIONS.map(([a, label]) => h('button', { 'data-action': a, onclick: async () => {
      try { await post(`${path}/${a}`); } catch (e) { showError(e); }
      load();
    } }, label)));
    const xml = new DOMParser().parseFromString(await api('GET', `${path}/xml`), 'application/xml');
    const rows = [];
    for (const disk of xml.querySelectorAll('devices > disk')) {
      const src = disk.querySelector('source');
      rows.push(['disk (' + disk.getAttribute('device') + ')', disk.querySelector('target')?.getAttribute('dev'),
        src ? (src.getAttribute('file') || src.getAttribute('dev') || src.getAttribute('volume') || '') : '']);
    }
    for (const nic of xml.querySelectorAll('devices > interface')) {
      const src = nic.querySelector('source');
      rows.push(['interface (' + nic.getAttribute('type') + ')', nic.querySelector('mac')?.getAttribute('address'),
        src ? (src.getAttribute('network') || src.getAttribute('bridge') || '') : '']);
    }
    for (const g of xml.querySelectorAll('devices > graphics')) {
      rows.push(['graphics', g.getAttribute('type'), `${g.getAttribute('listen') || ''}:${g.getAttribute('port') || ''}`]);
    }
    for (const s of xml.querySelectorAll('devices > serial')) {
      rows.push(['serial', 'port ' + (s.querySelector('target')?.getAttribute('port') ?? ''), s.getAttribute('type')]);
    }
    devices.replaceChildren(...rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c ?? '')))));
  }

  async function loadSnaps() {
    const s = await get(`${path}/snapshots`);
    snaps.replaceChildren(...s.items.map((x) => h('tr', { 'data-snapshot': x.name }, h('td', {}, x.name),
      h('td', {}, x.current ? 'yes' : ''), h('td', {},
        h('button', { onclick: async () => { try { await post(`${path}/snapshots/${encodeURIComponent(x.name)}/revert`); load(); } catch (e) { showError(e); } } }, 'Revert'),
        h('button', { onclick: async () => { try { await del(`${path}/snapshots/${encodeURIComponent(x.name)}`); loadSnaps(); } catch (e) { showError(e); } } }, 'Delete')))));
  }

  let prev = null;
  async function sample() {
    let st;
    try { st = await get(`${path}/stats`); } catch (e) { return; }
    const now = performance.now() / 1000;
    const sum = (prefix, countKey, field) => {
      let t = 0;
      for (let i = 0; i < (st[countKey] || 0); i++) t += st[`${prefix}.${i}.${field}`] || 0;
      return t;
    };
    const cur = { t: now, cpu: st['cpu.time'] || 0, rd: sum('block', 'block.count', 'rd.bytes'),
      wr: sum('block', 'block.count', 'wr.bytes'), rx: sum('net', 'net.count', 'rx.bytes'), tx: sum('net', 'net.count', 'tx.bytes') };
    if (prev) {
      const dt = Math.max(1e-3, cur.t - prev.t);
      const vcpus = st['vcpu.current'] || 1;
      charts.cpu.chart.push(Math.max(0, (cur.cpu - prev.cpu) / 1e9 / dt / vcpus * 100));
      charts.disk.chart.push((cur.rd - prev.rd) / 1024 / dt, (cur.wr - prev.wr) / 1024 / dt);
      charts.net.chart.push((cur.rx - prev.rx) / 1024 / dt, (cur.tx - prev.tx) / 1024 / dt);
    }
    const used = st['balloon.rss'] || st['balloon.current'] || 0;
    charts.mem.chart.push(used / 1024);
    prev = cur;
  }

  await load();
  await loadSnaps();
  await sample();
  const timer = setInterval(sample, 1000);
  const off = onEvent((ev) => { if (ev.type === 'domain' && ev.domain === name) load().catch(showError); });
  return () => { clearInterval(timer); off(); };
}

function graph(id, title, series, unit) {
  const canvas = h('canvas', { id: `graph-${id}`, role: 'img', 'aria-label': `${title} graph` });
  const el = h('div', { class: 'graph card' }, h('h3', {}, title), canvas);
  return { el, chart: new Chart(canvas, series, unit) };
}
