// Building the page: h() makes elements (text is always set as text, never parsed as HTML), plus formatting.

/**
 * h('div.card#id', {onclick, title, dataset: {x: 1}}, child, [children], null) -> HTMLElement.
 * Attributes: on* are listeners, class/className adds classes, dataset/style objects, booleans set or omit.
 */
export function h(spec, attrs, ...children) {
  if (attrs === null || typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs)) {
    children.unshift(attrs);
    attrs = {};
  }
  const [, tag = 'div', rest = ''] = spec.match(/^([a-z0-9-]*)(.*)$/i);
  const element = document.createElement(tag || 'div');
  for (const part of rest.match(/[.#][^.#]+/g) || []) {
    if (part[0] === '.') element.classList.add(part.slice(1));
    else element.id = part.slice(1);
  }
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'class' || key === 'className') {
      String(value).split(/\s+/).filter(Boolean).forEach((c) => element.classList.add(c));
    } else if (key === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (key === 'style' && typeof value === 'object') {
      Object.assign(element.style, value);
    } else if (value === true) {
      element.setAttribute(key, '');
    } else if (key in element && !key.includes('-') && key !== 'list' && key !== 'type') {
      element[key] = value;
    } else {
      element.setAttribute(key, value);
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's content. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export const $ = (selector, root = document) => root.querySelector(selector);

export function basename(path) {
  return String(path).split(/[\\/]/).pop();
}

export function dirname(path) {
  const parts = String(path).split(/[\\/]/);
  parts.pop();
  return parts.join('/') || '/';
}

/** 75.2 -> "1:15.2", 4 -> "0:04.0" */
export function time(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const minutes = Math.floor(seconds / 60);
  const rest = seconds - minutes * 60;
  const hours = Math.floor(minutes / 60);
  const mm = hours ? String(minutes % 60).padStart(2, '0') : String(minutes);
  return (hours ? hours + ':' : '') + mm + ':' + rest.toFixed(1).padStart(4, '0');
}

/** 12 -> "12.0" (seconds into a video, to a tenth) */
export function seconds(value) {
  return value === null || value === undefined ? '–' : Number(value).toFixed(1);
}

/** When a face track was seen: "seen 12.0–31.0 s, 10 times", "seen at 4.0 s, once". */
export function seen(track) {
  const times = track.sightings === 1 ? 'once' : `${track.sightings} times`;
  return track.first_seen_seconds === track.last_seen_seconds
    ? `seen at ${seconds(track.first_seen_seconds)} s, ${times}`
    : `seen ${seconds(track.first_seen_seconds)}–${seconds(track.last_seen_seconds)} s, ${times}`;
}

export function score(value) {
  return value === null || value === undefined ? '–' : Number(value).toFixed(2);
}

export function bytes(n) {
  if (n === null || n === undefined) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return (i ? n.toFixed(1) : n) + ' ' + units[i];
}

export function ago(instant) {
  if (!instant) return 'never';
  const seconds = Math.round((Date.now() - new Date(instant).getTime()) / 1000);
  if (seconds < 2) return 'just now';
  if (seconds < 90) return seconds + ' s ago';
  if (seconds < 5400) return Math.round(seconds / 60) + ' min ago';
  if (seconds < 129600) return Math.round(seconds / 3600) + ' h ago';
  return new Date(instant).toLocaleString();
}

export function dateTime(instant) {
  return instant ? new Date(instant).toLocaleString() : '–';
}

const STATUS_TEXT = { no_face: 'no face', pending: 'pending', matched: 'matched' };

/** A coloured label for a video, photo, face or job status. */
export function badge(status, text) {
  const value = String(status || '').toLowerCase();
  return h('span.badge', { class: 'status-' + value, dataset: { status: value } }, text || STATUS_TEXT[value] || value);
}

/** A face crop; a grey placeholder where none is stored (faces found before crops were kept). */
export function cropImage(src, { alt = 'face', size = 'md', title } = {}) {
  const img = h('img.crop', { src, alt, title, loading: 'lazy', decoding: 'async', class: 'crop-' + size });
  img.addEventListener('error', () => {
    img.replaceWith(h('span.crop.crop-missing', { class: 'crop-' + size, title: 'No picture stored for this face' }, '?'));
  }, { once: true });
  return img;
}

export function initials(name) {
  return String(name).split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join('');
}

export function toast(message, kind = 'ok') {
  const box = document.getElementById('toasts');
  const item = h('div.toast', { class: 'toast-' + kind }, message);
  box.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 3500);
}

/** An error box for a failed request or a failed thing. */
export function errorBox(message, id) {
  return h('div.error-box', { id, role: 'alert' }, message);
}

export function plural(n, one, many = one + 's') {
  return n + ' ' + (n === 1 ? one : many);
}

/**
 * Page navigation for a list the API answers a page at a time ({items, total, limit, offset}): "1–100 of 2,000"
 * with previous and next. update(page) redraws it; go(offset) is called with the offset to load.
 */
export function pager(id, go) {
  const label = h('span.muted.small.pager-label');
  const prev = h('button.small-button.pager-prev', { type: 'button' }, '‹ Previous');
  const next = h('button.small-button.pager-next', { type: 'button' }, 'Next ›');
  let current = { total: 0, limit: 1, offset: 0 };
  prev.addEventListener('click', () => go(Math.max(0, current.offset - current.limit)));
  next.addEventListener('click', () => go(current.offset + current.limit));
  const element = h('div.pager', { id }, prev, label, next);
  return {
    element,
    update(page) {
      current = page;
      const last = Math.min(page.total, page.offset + page.items.length);
      label.textContent = page.total
        ? `${(page.offset + 1).toLocaleString()}–${last.toLocaleString()} of ${page.total.toLocaleString()}`
        : '';
      prev.disabled = page.offset <= 0;
      next.disabled = page.offset + page.limit >= page.total;
      element.hidden = page.total <= page.limit && page.offset === 0;
    },
  };
}
