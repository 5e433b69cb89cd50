import { get, post, del } from './api.js';
import { h, showError, bytes } from './dom.js';

export async function storagePage(main) {
  main.append(h('h1', {}, 'Storage'));
  const pools = await get('/pools');
  for (const p of pools.items) {
    const pp = `/pools/${encodeURIComponent(p.name)}`;
    const tbody = h('tbody', { 'data-pool': p.name });
    const load = async () => {
      if (!p.active) return;
      const v = await get(`${pp}/volumes`);
      tbody.replaceChildren(...v.items.map((x) => h('tr', { 'data-volume': x.name }, h('td', {}, x.name),
        h('td', {}, bytes(x.capacity)), h('td', {}, bytes(x.allocation)), h('td', {}, x.path),
        h('td', {}, h('button', { 'aria-label': `Delete ${x.name}`, onclick: async () => {
          try { await del(`${pp}/volumes/${encodeURIComponent(x.name)}`); load(); } catch (e) { showError(e); }
        } }, 'Delete')))));
    };
    const form = h('form', { class: 'inline', onsubmit: async (e) => {
      e.preventDefault();
      const f = e.target.elements;
      try {
        await post(`${pp}/volumes`, { name: f.vname.value.trim(), capacity: Number(f.vsize.value) * 1024 ** 2,
          format: f.vname.value.endsWith('.qcow2') ? 'qcow2' : 'raw' });
        e.target.reset();
        load();
      } catch (x) { showError(x); }
    } }, h('label', { for: `vn-${p.name}` }, 'New volume '), h('input', { id: `vn-${p.name}`, name: 'vname', required: true }),
    h('label', { for: `vs-${p.name}` }, ' size (MiB) '), h('input', { id: `vs-${p.name}`, name: 'vsize', type: 'number', min: 1, value: 64 }),
    ' ', h('button', { type: 'submit' }, 'Create'));
    main.append(h('section', { class: 'card', 'aria-label': `pool ${p.name}` },
      h('h2', {}, `${p.name} `, h('span', { class: 'muted' }, `${p.state}, ${bytes(p.available)} free of ${bytes(p.capacity)}`)),
      p.active ? form : h('p', {}, 'inactive'),
      h('table', {}, h('thead', {}, h('tr', {}, ['Volume', 'Capacity', 'Allocation', 'Path', ''].map((t) => h('th', {}, t)))), tbody)));
    await load();
  }
}
