// What a change or a control period says in words, for the panel, the changes list and the
// table: no DOM, so that node --test checks it. name(x) names an actor (an id or an API actor).

import { t } from './i18n.js';
import { controllerBefore, isStatusEvent } from './store.js';

// historyWhat says what a history entry did: "X → Y", "confirmed: controlled by Y" (a
// confirmation of the side in control hands nothing over), "Y says it still holds the place".
export function historyWhat(h, name) {
  const to = h.controller ? name(h.controller) : t('unknown');
  const same = h.previous && h.controller && h.previous.id === h.controller.id;
  if (h.kind === 'confirmation' && (!h.previous || same)) return t('history.confirmed', { actor: to });
  if (h.kind === 'counter-claim') return t('history.counterClaim', { actor: to });
  return h.previous && !same ? `${name(h.previous)} → ${to}` : to;
}

// periodWhat says how period p began: a change of hands "X → Y", control changing, a
// confirmation or a dispute of the side in control.
export function periodWhat(p, name) {
  const nameOr = (id) => (id ? name(id) : t('unknown'));
  if (p.changing) return changingWhat(p, name);
  if (isStatusEvent(p)) {
    if (p.disputed_by) return t('history.disputedBy', { actor: nameOr(p.disputed_by) });
    return t('history.confirmed', { actor: nameOr(p.controller) });
  }
  const from = controllerBefore(p);
  return from && from !== p.controller ? `${name(from)} → ${nameOr(p.controller)}` : nameOr(p.controller);
}

// changingWhat names the sides of a changing period: "changing: X → Y".
export function changingWhat(p, name) {
  return t('changing.between', { from: p.previous ? name(p.previous) : t('unknown'), to: p.next ? name(p.next) : t('unknown') });
}
