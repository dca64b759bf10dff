// Progressive enhancement only: every form here also works without this file.
// Approve / reject in the queue without a page load: the server answers with the item's new
// state (or none when it left the queue) and the waiting count for the badge.
'use strict';
document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.dataset.enhance !== 'approval') return;
  event.preventDefault();
  const item = form.closest('.approval');
  const status = document.getElementById('approvals-status');
  const buttons = item ? item.querySelectorAll('button') : [];
  buttons.forEach((b) => { b.disabled = true; });
  let data;
  try {
    const res = await fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)), headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (res.status === 401) { window.location.assign('/login?next=/approvals'); return; }
    data = await res.json();
  } catch {
    buttons.forEach((b) => { b.disabled = false; });
    if (status) status.textContent = 'The service could not be reached; nothing was changed. Try again.';
    return;
  }
  const badge = document.getElementById('awaiting-badge');
  if (badge && typeof data.count === 'number') {
    badge.textContent = String(data.count);
    badge.setAttribute('aria-label', `${data.count} waiting`);
    badge.classList.toggle('zero', data.count === 0);
  }
  const count = document.getElementById('approvals-count');
  if (count && typeof data.count === 'number') count.textContent = `(${data.count} waiting)`;
  if (status) status.textContent = data.message || '';
  if (!item) return;
  if (data.html) {
    // Still waiting (refused, or it changed): show its fresh state with the message in it.
    const holder = document.createElement('template');
    holder.innerHTML = data.html;
    const fresh = holder.content.firstElementChild;
    item.replaceWith(fresh);
    const focusable = fresh.querySelector('.flash') || fresh;
    focusable.setAttribute('tabindex', '-1');
    focusable.focus();
  } else {
    item.classList.add('done');
    item.innerHTML = '';
    const p = document.createElement('p');
    p.className = data.ok ? 'flash ok' : 'flash error';
    p.setAttribute('tabindex', '-1');
    p.textContent = data.message || '';
    item.appendChild(p);
    p.focus();
  }
});
