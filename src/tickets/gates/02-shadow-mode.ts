import { pass, type Gate } from './types.ts';

/** Marks the run: it goes on as in live mode, but decide() turns the outcome into `shadow`. */
export const shadowMode: Gate = {
  id: 'shadow_mode',
  run(ctx) {
    return pass({ mode: ctx.settings.mode });
  },
};
