// The dashboard's shell: a hash router (#/creators, #/creators/7, #/videos?status=failed, ...) over page modules.
// Each page module exports render(main, {params, query, signal}) and may return a cleanup function.

import { get, signOut } from './api.js';
import { h, fill, errorBox } from './dom.js';
import { refreshReviewCount } from './shell.js';

const routes = [
  [/^\/creators$/, 'creators'],
  [/^\/creators\/(\d+)$/, 'creator'],
  [/^\/videos$/, 'videos'],
  [/^\/videos\/(\d+)$/, 'video'],
  [/^\/review$/, 'review'],
  [/^\/search$/, 'search'],
  [/^\/unknown-people$/, 'unknown-people'],
  [/^\/settings$/, 'settings'],
  [/^\/fleet$/, 'fleet'],
];

const main = document.getElementById('main');
let cleanup = null;
let controller = null;

function parse(hash) {
  const [path, search = ''] = (hash.replace(/^#/, '') || '/creators').split('?');
  return { path: path || '/creators', query: new URLSearchParams(search) };
}

async function route() {
  if (cleanup) {
    try { cleanup(); } catch (e) { console.error(e); }
    cleanup = null;
  }
  if (controller) controller.abort();
  controller = new AbortController();
  const { path, query } = parse(location.hash);
  const match = routes.map(([pattern, page]) => [path.match(pattern), page]).find(([m]) => m);
  if (!match) {
    location.replace('#/creators');
    return;
  }
  const [m, page] = match;
  const section = page === 'creator' ? 'creators' : page === 'video' ? 'videos' : page;
  document.querySelectorAll('#nav a[data-page]').forEach((a) => a.classList.toggle('active', a.dataset.page === section));
  document.body.dataset.page = page;
  fill(main, h('p.muted', 'Loading…'));
  try {
    const module = await import(`./pages/${page}.js`);
    const result = await module.render(main, { params: m.slice(1), query, signal: controller.signal });
    cleanup = typeof result === 'function' ? result : null;
  } catch (e) {
    console.error(e);
    fill(main, h('h1', 'Something went wrong'), errorBox(e.message || String(e)));
  }
  main.dataset.ready = page;
  refreshReviewCount();
}

/** Who is signed in: the page offers only what their role may do (style.css hides .needs-admin, .needs-reviewer). */
async function showWhoIsSignedIn() {
  try {
    const me = await get('/api/me');
    document.body.dataset.role = me.role;
    document.getElementById('signed-in-as').textContent = `${me.name} (${me.role})`;
  } catch (e) {
    console.error(e); // nothing is offered that needs a role beyond viewer
  }
}

async function linkJobRunr() {
  try {
    const fleet = await get('/api/fleet');
    const link = document.getElementById('nav-jobrunr');
    if (fleet.jobrunr_dashboard.enabled) {
      link.href = `${location.protocol}//${location.hostname}:${fleet.jobrunr_dashboard.port}/dashboard/`;
    } else {
      link.remove();
    }
  } catch {
    // keep the default link
  }
}

window.addEventListener('hashchange', route);
document.getElementById('sign-out').addEventListener('click', signOut);
showWhoIsSignedIn();
linkJobRunr();
route();
