import { get } from './api.js';
import { h, bytes } from './dom.js';

export async function hostPage(main) {
  const host = await get('/host');
  main.append(
    h('h1', {}, `Host ${host.hostname}`),
    h('div', { class: 'card' }, h('dl', { class: 'facts', id: 'host-facts' },
      h('dt', {}, 'Connection'), h('dd', {}, host.uri),
      h('dt', {}, 'Driver'), h('dd', {}, `${host.driver} ${host.version}`),
      h('dt', {}, 'CPU'), h('dd', {}, `${host.cpus} × ${host.cpuModel} @ ${host.mhz} MHz`),
      h('dt', {}, 'Memory'), h('dd', {}, `${bytes(host.memoryKiB * 1024)} (${bytes(host.freeMemoryBytes)} free)`),
      h('dt', {}, 'Virtual machines'), h('dd', { id: 'host-domains' }, `${host.activeDomains} running of ${host.domains}`),
      h('dt', {}, 'Networks'), h('dd', {}, String(host.networks)),
      h('dt', {}, 'Storage pools'), h('dd', {}, String(host.pools)))));
}
