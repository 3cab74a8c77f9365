import { z } from 'zod';

/**
 * The least an incoming activity must carry for certibot to answer it. Anything that fails this answers 400 before
 * the bot framework sees it.
 */
export const incomingActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(256).optional(),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.string().url().max(2048).refine((url) => /^https?:\/\//i.test(url), 'expected an http(s) URL'),
    conversation: z.object({ id: z.string().min(1).max(1024) }).passthrough(),
    from: z.object({ id: z.string().min(1).max(256) }).passthrough(),
    recipient: z.object({ id: z.string().min(1).max(256) }).passthrough(),
    text: z.string().max(100_000).optional(),
  })
  .passthrough();
