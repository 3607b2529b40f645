// Videos: filter by status, creator and pending faces; each with its tags. Scan the library, retry failed videos.

import { get, post } from '../api.js';
import { h, fill, errorBox, badge, basename, dirname, time, score, plural, toast, pager } from '../dom.js';
import { every } from '../shell.js';
import { creatorPicker } from '../creator-picker.js';

const STATUSES = ['new', 'queued', 'processing', 'done', 'failed', 'missing'];
const PAGE = 100;

export async function render(main, { query }) {
  const status = h('select#filter-status', { 'aria-label': 'Status' },
    h('option', { value: '' }, 'Any status'), STATUSES.map((s) => h('option', { value: s }, s)));
  const creator = creatorPicker({ id: 'filter-creator', label: 'Creator', placeholder: 'Any creator',
    onPick: () => setFilters() });
  const creatorId = () => creator.input.dataset.creatorId;
  const pending = h('input#filter-pending', { type: 'checkbox' });
  const list = h('div.video-table#video-list');
  const summary = h('span.count#video-count');
  let offset = 0;
  const pages = pager('video-pager', (to) => { offset = to; load(); });

  status.value = query.get('status') || '';
  pending.checked = query.get('pending') === '1';
  if (query.get('creator')) await creator.show(query.get('creator')).catch(() => {});

  const setFilters = () => {
    const q = new URLSearchParams();
    if (status.value) q.set('status', status.value);
    if (creatorId()) q.set('creator', creatorId());
    if (pending.checked) q.set('pending', '1');
    const hash = '#/videos' + (q.toString() ? '?' + q : '');
    if (location.hash !== hash) history.replaceState(null, '', hash);
    offset = 0;
    return load();
  };
  [status, pending].forEach((el) => el.addEventListener('change', setFilters));

  const scan = h('button.needs-admin#scan-button', { type: 'button' }, 'Scan library now');
  scan.addEventListener('click', async () => {
    scan.disabled = true;
    try {
      const counts = await post('/api/library/scan');
      toast(`Scanned: ${counts.new} new, ${counts.changed} changed, ${counts.missing} missing`);
      await load();
    } catch (err) {
      toast(err.message, 'error');
    } finally {
      scan.disabled = false;
    }
  });
  const retry = h('button.needs-admin#retry-failed-button', { type: 'button' }, 'Retry failed videos');
  retry.addEventListener('click', async () => {
    try {
      const retried = await post('/api/videos/retry-failed');
      toast(retried.count ? `${plural(retried.count, 'failed video')} queued again` : 'No failed videos');
      await load();
    } catch (err) {
      toast(err.message, 'error');
    }
  });

  let busy = false;
  async function load() {
    const q = new URLSearchParams({ limit: String(PAGE), offset: String(offset) });
    if (status.value) q.set('status', status.value);
    if (creatorId()) q.set('creator', creatorId());
    if (pending.checked) q.set('pending', 'true');
    let page;
    try {
      page = await get('/api/videos?' + q);
    } catch (err) {
      fill(list, errorBox(err.message));
      return;
    }
    const videos = page.items;
    busy = videos.some((v) => v.status === 'queued' || v.status === 'processing');
    summary.textContent = page.total.toLocaleString();
    pages.update(page);
    if (!videos.length) {
      fill(list, h('p.empty', status.value || creatorId() || pending.checked
        ? 'No video matches these filters.'
        : 'No videos yet. Videos appear here once the scheduler finds them in the library folders.'));
      return;
    }
    fill(list,
      h('div.video-row.head', h('span', 'Video'), h('span', 'Status'), h('span', 'Length'), h('span', 'Faces'),
        h('span', 'Creators')),
      videos.map((v) => h('a.video-row', { href: `#/videos/${v.id}`, dataset: { videoId: String(v.id), status: v.status } },
        h('span.video-name', h('strong', basename(v.path)), h('span.muted.small', dirname(v.path)),
          v.error ? h('span.error-text.small', v.error) : null),
        h('span', badge(v.status)),
        h('span.small', time(v.duration_seconds)),
        h('span.small', v.track_count, v.pending_track_count
          ? h('span.badge.status-pending', { title: 'face tracks waiting for review' }, v.pending_track_count, ' to review') : null),
        h('span.tags', v.tags.length ? v.tags.map((t) => h('span.tag', { dataset: { creatorId: String(t.creator_id) } },
          t.name, h('span.tag-score', score(t.confidence)))) : h('span.muted.small', '–')))));
  }

  fill(main,
    h('div.page-head', h('h1', 'Videos ', summary), h('div.actions', scan, retry)),
    h('div.filters.card', status, creator.element, h('label.check', pending, ' Faces to review')),
    list, pages.element);
  await load();
  const stop = every(4000, async () => { if (busy) await load(); });
  return stop;
}
