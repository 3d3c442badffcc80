import * as z from 'zod';

/** Every error answer of the simulator (upstream `backend/api/vm` style). */
export const ErrorWireSchema = z.object({
  error: z.object({
    code: z.string().describe('stable machine-readable code, e.g. invalid_state, token_expired'),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
