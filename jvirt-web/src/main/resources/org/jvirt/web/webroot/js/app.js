// The single-page UI: a hash router over the pages, and one events websocket shared by them (live VM state).
import { showError } from './dom.js';
import { hostPage } from './host.js';
import { vmsPage } from './vms.js';
import { vmPage } from './vm.js';
import { wizardPage } from './wizard.js';
import { storagePage } from './storage.js';
import { networksPage } from './networks.js';
import { vncPage, serialPage } from './consoles.js';

const listeners = new Set();
export function onEvent(fn) { listeners.add(fn); return () => listeners.delete(fn); }

function connectEvents() {
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/events`);
  const live = document.getElementById('live');
  ws.onopen = () => { live.textContent = '● events'; live.classList.add('on'); document.body.dataset.events = 'on'; };
  ws.onmessage = (m) => { const ev = JSON.parse(m.data); for (const fn of listeners) fn(ev); };
  ws.onclose = () => {
    live.textContent = '○ events'; live.classList.remove('on'); document.body.dataset.events = 'off';
    setTimeout(connectEvents, 2000);
  };
}

const routes = [
  [/^#\/host$/, hostPage, 'nav-host'],
  [/^#\/vms$/, vmsPage, 'nav-vms'],
  [/^#\/vm\/([^/]+)$/, vmPage, 'nav-vms'],
  [/^#\/new$/, wizardPage, 'nav-new'],
  [/^#\/storage$/, storagePage, 'nav-storage'],
  [/^#\/networks$/, networksPage, 'nav-networks'],
  [/^#\/vnc\/([^/]+)$/, vncPage, 'nav-vms'],
  [/^#\/serial\/([^/]+)$/, serialPage, 'nav-vms'],
];

let cleanup = null;

async function render() {
  const hash = location.hash || '#/vms';
  const main = document.getElementById('main');
  if (cleanup) { cleanup(); cleanup = null; }
  showError(null);
  main.replaceChildren();
  for (const a of document.querySelectorAll('nav a')) a.removeAttribute('aria-current');
  for (const [re, page, nav] of routes) {
    const m = hash.match(re);
    if (m) {
      document.getElementById(nav).setAttribute('aria-current', 'page');
      try {
        cleanup = await page(main, ...m.slice(1).map(decodeURIComponent)) || null;
      } catch (e) {
        showError(e);
      }
      main.dataset.page = nav;
      return;
    }
  }
  location.hash = '#/vms';
}

window.addEventListener('hashchange', render);
connectEvents();
render();
