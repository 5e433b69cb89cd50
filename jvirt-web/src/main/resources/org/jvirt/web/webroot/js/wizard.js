// The create-VM wizard: from an existing disk (a volume of a pool, or a path), from an ISO with a new disk
// created in a pool (both define the VM through the API's JSON description), or an OS-aware install: the OS from
// the osinfo database, the server's install operation choosing what virt-install would for it.
import { follow, get, post } from './api.js';
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
      h('option', { value: 'disk' }, 'an existing disk'), h('option', { value: 'iso' }, 'an ISO image'),
      h('option', { value: 'os' }, 'an OS installer ISO (OS-aware defaults)'))),
    field('w-os', 'Operating system (osinfo short id)', h('input', { id: 'w-os', name: 'os', list: 'w-os-list',
      placeholder: 'debian11' })),
    h('datalist', { id: 'w-os-list' }),
    field('w-disk', 'Existing disk', h('select', { id: 'w-disk', name: 'disk' },
      vols.map((v) => h('option', { value: v.path }, `${v.pool}/${v.name}`)), h('option', { value: '' }, 'a path…'))),
    field('w-path', 'Disk or ISO path', h('input', { id: 'w-path', name: 'path', placeholder: '/var/lib/images/x.qcow2' })),
    field('w-pool', 'New disk in pool (ISO)', h('select', { id: 'w-pool', name: 'pool' },
      pools.items.map((p) => h('option', { value: p.name }, p.name)))),
    field('w-size', 'New disk size (GiB)', h('input', { id: 'w-size', name: 'size', type: 'number', min: 1, value: 8 })),
    field('w-net', 'Network', h('select', { id: 'w-net', name: 'net' }, h('option', { value: '' }, 'none'),
      nets.items.map((n) => h('option', { value: n.name }, n.name)))),
    h('span'), h('button', { type: 'submit', class: 'primary' }, 'Create'));
  // memory and vCPUs go to an OS-aware install only when the user set them; otherwise the OS's defaults apply
  const touched = new Set();
  for (const id of ['w-mem', 'w-cpus']) form.querySelector(`#${id}`).addEventListener('input', () => touched.add(id));
  form.querySelector('#w-source').addEventListener('change', async () => {
    const list = form.querySelector('#w-os-list');
    if (form.elements.source.value === 'os' && !list.childElementCount) {
      try {
        for (const o of (await get('/osinfo/os')).items) list.append(h('option', { value: o.shortId }, o.name));
      } catch (x) {
        showError(x);
      }
    }
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = form.elements;
    if (f.source.value === 'os') {
      try {
        const req = { name: f.name.value.trim(), os: f.os.value.trim(), cdrom: f.path.value.trim(),
          diskGiB: Number(f.size.value), pool: f.pool.value || undefined, network: f.net.value || undefined };
        if (touched.has('w-mem')) req.memoryMiB = Number(f.mem.value);
        if (touched.has('w-cpus')) req.vcpus = Number(f.cpus.value);
        if (!req.os) throw new Error('choose an operating system');
        if (!req.cdrom) throw new Error('give the installer ISO\'s path');
        form.setAttribute('aria-busy', 'true');
        const done = await follow(await post('/domains/install', req));
        location.hash = `#/vm/${encodeURIComponent(done.result.name)}`;
      } catch (x) {
        showError(x);
      } finally {
        form.removeAttribute('aria-busy');
      }
      return;
    }
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
