// The create-VM wizard: from an existing disk (a volume of a pool, or a path), or from an ISO with a new disk
// created in a pool. It defines the VM through the API's JSON description.
import { get, post } from './api.js';
import { h, showError } from './dom.js';

export async function wizardPage(main) {
  const [pools, nets] = await Promise.all([get('/pools'), get('/networks')]);
  const vols = [];
  for (const p of pools.items.filter((p) => p.active)) {
    for (const v of (await get(`/pools/${encodeURIComponent(p.name)}/volumes`)).items) vols.push({ pool: p.name, ...v });
  }
  const field = (id, label, input) => [h('label', { for: id }, label), input];
  const form = h('form', { class: 'grid card', id: 'wizard' },
    field('w-name', 'Name', h('input', { id: 'w-name', name: 'name', required: true, pattern: '[A-Za-z0-9_.+-]+' })),
    field('w-mem', 'Memory (MiB)', h('input', { id: 'w-mem', name: 'mem', type: 'number', min: 16, value: 512 })),
    field('w-cpus', 'vCPUs', h('input', { id: 'w-cpus', name: 'cpus', type: 'number', min: 1, value: 1 })),
    field('w-source', 'Install from', h('select', { id: 'w-source', name: 'source' },
      h('option', { value: 'disk' }, 'an existing disk'), h('option', { value: 'iso' }, 'an ISO image'))),
    field('w-disk', 'Existing disk', h('select', { id: 'w-disk', name: 'disk' },
      vols.map((v) => h('option', { value: v.path }, `${v.pool}/${v.name}`)), h('option', { value: '' }, 'a path…'))),
    field('w-path', 'Disk or ISO path', h('input', { id: 'w-path', name: 'path', placeholder: '/var/lib/images/x.qcow2' })),
    field('w-pool', 'New disk in pool (ISO)', h('select', { id: 'w-pool', name: 'pool' },
      pools.items.map((p) => h('option', { value: p.name }, p.name)))),
    field('w-size', 'New disk size (GiB)', h('input', { id: 'w-size', name: 'size', type: 'number', min: 1, value: 8 })),
    field('w-net', 'Network', h('select', { id: 'w-net', name: 'net' }, h('option', { value: '' }, 'none'),
      nets.items.map((n) => h('option', { value: n.name }, n.name)))),
    h('span'), h('button', { type: 'submit', class: 'primary' }, 'Create'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = form.elements;
    const spec = { name: f.name.value.trim(), memoryMiB: Number(f.mem.value), vcpus: Number(f.cpus.value),
      networks: f.net.value ? [f.net.value] : [], disks: [] };
    try {
      if (f.source.value === 'disk') {
        const p = f.disk.value || f.path.value.trim();
        if (!p) throw new Error('choose a disk or give its path');
        spec.disks.push({ path: p, format: p.endsWith('.qcow2') ? 'qcow2' : 'raw' });
      } else {
        if (!f.path.value.trim()) throw new Error('give the ISO image\'s path');
        spec.cdrom = f.path.value.trim();
        const vol = await post(`/pools/${encodeURIComponent(f.pool.value)}/volumes`,
          { name: `${spec.name}.qcow2`, capacity: Number(f.size.value) * 1024 ** 3, format: 'qcow2' });
        spec.disks.push({ path: vol.path, format: 'qcow2' });
      }
      const d = await post('/domains', spec);
      location.hash = `#/vm/${encodeURIComponent(d.name)}`;
    } catch (x) {
      showError(x);
    }
  });
  main.append(h('h1', {}, 'New virtual machine'), form);
}
