// The fleet: workers online (JobRunr's background job servers), jobs by state, videos per hour, JobRunr's dashboard.

import { get } from '../api.js';
import { h, fill, errorBox, ago, bytes, plural } from '../dom.js';
import { every } from '../shell.js';

const stat = (id, label, value, kind = '') => h('div.stat.card', { id, class: kind },
  h('div.stat-value', String(value)), h('div.stat-label.small', label));

function memory(w) {
  // JobRunr reports the heap in use as "allocated" and what is left of the maximum as "free".
  if (!w.process_allocated_memory) return '–';
  return `${bytes(w.process_allocated_memory)} of ${bytes(w.process_max_memory)}`;
}

function workerTable(workers) {
  const head = ['Worker', 'State', 'Jobs at once', 'Last heartbeat', 'Up since', 'CPU', 'Memory'].map((t) => h('th', t));
  const rows = workers.map((w) => h('tr', { dataset: { alive: String(w.alive) } },
    h('td', h('strong', w.name || w.id.slice(0, 8)), h('div.muted.small.mono', w.id.slice(0, 8))),
    h('td', h('span.dot', { class: w.alive ? 'on' : 'off' }), w.alive ? 'online' : (w.running ? 'silent' : 'stopped')),
    h('td', String(w.worker_pool_size)),
    h('td', ago(w.last_heartbeat)),
    h('td', ago(w.first_heartbeat)),
    h('td', w.process_cpu_load !== null ? Math.round(w.process_cpu_load * 100) + ' %' : '–'),
    h('td', memory(w))));
  return h('div.table-wrap', h('table.workers#workers', h('thead', h('tr', head)), h('tbody', rows)));
}

export async function render(main) {
  const body = h('div#fleet');
  fill(main, h('div.page-head', h('h1', 'Fleet'), h('a.button#jobrunr-link', { target: '_blank', rel: 'noopener' },
    'JobRunr dashboard ↗')), body);
  const link = main.querySelector('#jobrunr-link');

  const load = async () => {
    let fleet;
    try {
      fleet = await get('/api/fleet');
    } catch (err) {
      fill(body, errorBox(err.message));
      return;
    }
    const dashboard = fleet.jobrunr_dashboard;
    link.href = `${location.protocol}//${location.hostname}:${dashboard.port}/dashboard/`;
    link.hidden = !dashboard.enabled;
    const online = fleet.workers.filter((w) => w.alive);
    const jobs = fleet.jobs;
    fill(body,
      h('div.stats',
        stat('stat-workers', 'workers online', `${online.length}`, online.length ? 'good' : 'bad'),
        stat('stat-enqueued', 'jobs queued', jobs.enqueued + jobs.awaiting),
        stat('stat-processing', 'jobs processing', jobs.processing),
        stat('stat-failed', 'jobs failed', jobs.failed, jobs.failed ? 'bad' : ''),
        stat('stat-per-hour', 'videos in the last hour', fleet.videos_last_hour),
        stat('stat-pending', 'faces to review', fleet.pending_faces)),
      h('section', h('h2', 'Workers'),
        fleet.workers.length ? workerTable(fleet.workers)
          : h('p.empty', 'No worker has announced itself. Start one with ', h('code', './facefleet worker'),
            '; it connects to the same PostgreSQL.'),
        h('p.small.muted', 'A worker is online while its heartbeat is recent (within four of its polls); JobRunr hands ',
          'the jobs of a silent one to the others.')),
      h('section', h('h2', 'Jobs'), h('dl.facts',
        Object.entries(jobs).map(([state, n]) => h('div', { dataset: { state } }, h('dt', state), h('dd', String(n)))))),
      h('section', h('h2', 'Videos'), h('dl.facts',
        Object.entries(fleet.videos_by_status).map(([state, n]) => h('div', h('dt', state),
          h('dd', h('a', { href: `#/videos?status=${state}` }, String(n))))))),
      h('p.small.muted', 'Updated ', new Date(fleet.now).toLocaleTimeString(), ' · ', plural(fleet.workers.length, 'worker'),
        ' known. Every job, with its progress bar and its errors, is on JobRunr\'s dashboard.'));
  };
  return every(5000, load);
}
