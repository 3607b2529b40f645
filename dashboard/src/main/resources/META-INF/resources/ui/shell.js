// What every page may use beside the DOM helpers: polling, and the review count in the menu.

import { get } from './api.js';

/** The number of faces waiting for review, beside "Review" in the menu. */
export async function refreshReviewCount() {
  try {
    const fleet = await get('/api/fleet');
    document.getElementById('nav-review-count').textContent = fleet.pending_faces ? String(fleet.pending_faces) : '';
  } catch {
    // the menu count is a nicety
  }
}

/** Runs task now and every intervalMs while the page is shown; returns a stop function. */
export function every(intervalMs, task) {
  let stopped = false;
  let timer = null;
  const tick = async () => {
    if (stopped) return;
    try {
      const again = await task();
      if (again === false) return;
    } catch (e) {
      console.error(e);
    }
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
