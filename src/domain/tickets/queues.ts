import type { TicketTopic } from './ticket';

/**
 * Where requests are worked: the ANS certificate team (outside the tenant: by e-mail), and one GRADeS per configured
 * region (by e-mail until a support channel is set with « support ici »).
 */
export interface SupportQueue {
  readonly id: string;
  readonly kind: 'ans' | 'grades';
  /** Shown to requesters and agents, e.g. « GRADeS e-santé Occitanie ». */
  readonly name: string;
  readonly email: string;
}

export const ANS_QUEUE: SupportQueue = { id: 'ans', kind: 'ans', name: 'ANS – équipe certificats', email: 'ans-certificats@esante.gouv.fr' };

/** The GRADeS of Occitanie, the default region (the practical sheet's authors). */
export const OCCITANIE_QUEUE: SupportQueue = { id: 'occitanie', kind: 'grades', name: 'GRADeS e-santé Occitanie', email: 'acssi@esante-occitanie.fr' };

/**
 * The queue a topic goes to unless the requester picks another: ordering, renewal, an expired certificate and
 * platform problems are the ANS's; the rules (sharing) and anything else, the regional GRADeS's.
 */
export function proposedQueue(topic: TicketTopic, queues: readonly SupportQueue[]): SupportQueue {
  const ans = queues.find((queue) => queue.kind === 'ans') ?? ANS_QUEUE;
  const grades = queues.find((queue) => queue.kind === 'grades') ?? ans;
  return topic === 'order' || topic === 'renewal' || topic === 'expired' || topic === 'platform' ? ans : grades;
}
