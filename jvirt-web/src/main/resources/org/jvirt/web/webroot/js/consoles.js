// The consoles: noVNC (bundled from npm at build time) and xterm.js, each over a websocket opened with a
// one-time ticket that the page asks for just before it connects.
import { post } from './api.js';
import { h, showError } from './dom.js';
import RFB from '/vendor/novnc/core/rfb.js';

function wsUrl(path) {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;
}

export async function vncPage(main, name) {
  const status = h('p', { id: 'vnc-status', class: 'muted' }, 'connecting…');
  const screen = h('div', { id: 'screen' });
  main.append(h('h1', {}, `Console of ${name}`), status, screen,
    h('p', {}, h('a', { href: `#/vm/${encodeURIComponent(name)}` }, 'Back to the VM')));
  const t = await post(`/domains/${encodeURIComponent(name)}/console/vnc`);
  const rfb = new RFB(screen, wsUrl(t.path), { wsProtocols: ['binary'] });
  rfb.scaleViewport = true;
  rfb.addEventListener('connect', () => { status.textContent = 'connected'; status.dataset.state = 'connected'; });
  rfb.addEventListener('disconnect', (e) => {
    status.textContent = e.detail.clean ? 'disconnected' : 'connection lost';
    status.dataset.state = 'disconnected';
  });
  return () => rfb.disconnect();
}

export async function serialPage(main, name) {
  const status = h('p', { id: 'serial-status', class: 'muted' }, 'connecting…');
  const box = h('div', { id: 'terminal' });
  main.append(h('h1', {}, `Serial console of ${name}`), status, box,
    h('p', {}, h('a', { href: `#/vm/${encodeURIComponent(name)}` }, 'Back to the VM')));
  const term = new window.Terminal({ convertEol: false, cols: 100, rows: 30 });
  term.open(box);
  const t = await post(`/domains/${encodeURIComponent(name)}/console/serial`);
  const ws = new WebSocket(wsUrl(t.path), ['binary']);
  ws.binaryType = 'arraybuffer';
  const decoder = new TextDecoder();
  window.jvirtSerialText = '';
  ws.onopen = () => { status.textContent = 'connected'; status.dataset.state = 'connected'; term.focus(); };
  ws.onmessage = (m) => {
    const s = decoder.decode(new Uint8Array(m.data), { stream: true });
    window.jvirtSerialText += s;
    term.write(s);
  };
  ws.onclose = () => { status.textContent = 'disconnected'; status.dataset.state = 'disconnected'; };
  ws.onerror = () => showError(new Error('the serial console connection failed'));
  term.onData((d) => { if (ws.readyState === 1) ws.send(new TextEncoder().encode(d)); });
  return () => { ws.close(); term.dispose(); };
}
