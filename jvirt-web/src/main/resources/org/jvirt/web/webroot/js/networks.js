import { get, post } from './api.js';
import { h, showError } from './dom.js';

export async function networksPage(main) {
  const tbody = h('tbody', { id: 'net-rows' });
  main.append(h('h1', {}, 'Networks'), h('table', {}, h('thead', {}, h('tr', {},
    ['Name', 'Active', 'Bridge', 'Autostart', ''].map((t) => h('th', {}, t)))), tbody));
  const load = async () => {
    const nets = await get('/networks');
    tbody.replaceChildren(...nets.items.map((n) => h('tr', { 'data-network': n.name }, h('td', {}, n.name),
      h('td', {}, n.active ? 'yes' : 'no'), h('td', {}, n.bridge || ''), h('td', {}, n.autostart ? 'yes' : 'no'),
      h('td', {}, h('button', { onclick: async () => {
        try { await post(`/networks/${encodeURIComponent(n.name)}/${n.active ? 'stop' : 'start'}`); load(); } catch (e) { showError(e); }
      } }, n.active ? 'Stop' : 'Start')))));
  };
  await load();
}
