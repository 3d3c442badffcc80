import * as z from 'zod';
import { ErrorWireSchema } from '../http/error-schema';
import { HttpError } from '../http/http-error';
import { defineRoute, type RouteDefinition } from '../http/route-definition';
import { UserWireSchema } from './auth-schemas';

const RegisterRequestSchema = z.object({
  email: z.email(),
  password: z.string().describe('8+ characters with an upper-case letter, a lower-case letter, a digit and a special character'),
  username: z.string().min(1).max(64).optional().describe('defaults to the local part of the email'),
  firstName: z.string().max(100).optional(),
  lastName: z.string().max(100).optional(),
  tenant_id: z.string().min(1).max(64).optional().describe('default "default"'),
  tenantId: z.string().min(1).max(64).optional().describe('the runtime server\'s spelling of tenant_id'),
});
const CheckEmailQuerySchema = z.object({ email: z.string().optional() });
const ForgotPasswordRequestSchema = z.object({ email: z.email() });
const ResetPasswordRequestSchema = z.object({ token: z.string().min(1), password: z.string() });
const MessageSchema = z.object({ message: z.string() });
const SessionSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastAccessedAt: z.string(),
  expiresAt: z.string().describe('when the refresh token of the session expires'),
  current: z.boolean().describe('the session of the calling token'),
});

export const accountRoutes: RouteDefinition[] = [
  defineRoute<z.infer<typeof RegisterRequestSchema>>({
    method: 'POST',
    path: '/api/auth/register',
    mount: 'root',
    access: 'public',
    operationId: 'register',
    summary: 'Create an account with role `user`; the password must meet the policy',
    tag: 'accounts',
    body: RegisterRequestSchema,
    responses: {
      201: { description: 'the new user', schema: UserWireSchema },
      409: { description: 'email or username already in use', schema: ErrorWireSchema },
    },
    handle: ({ world, body }) => ({ status: 201, body: world.auth.publicUser(world.accounts.register(body)) }),
  }),
  defineRoute<undefined, z.infer<typeof CheckEmailQuerySchema>>({
    method: 'GET',
    path: '/api/auth/check-email',
    mount: 'root',
    access: 'public',
    operationId: 'checkEmail',
    summary: 'Whether an email is still free to register',
    tag: 'accounts',
    query: CheckEmailQuerySchema,
    responses: { 200: { description: 'availability', schema: z.object({ available: z.boolean() }) } },
    handle: ({ world, query }) => {
      if (!query.email) throw new HttpError(400, 'validation_error', 'email is required');
      return { status: 200, body: { available: world.accounts.isEmailAvailable(query.email) } };
    },
  }),
  defineRoute<z.infer<typeof ForgotPasswordRequestSchema>>({
    method: 'POST',
    path: '/api/auth/forgot-password',
    mount: 'root',
    access: 'public',
    operationId: 'forgotPassword',
    summary: 'Send a single-use reset token (the simulator keeps it in an outbox); same answer for unknown addresses',
    tag: 'accounts',
    body: ForgotPasswordRequestSchema,
    responses: { 200: { description: 'always the same message', schema: MessageSchema } },
    handle: ({ world, body }) => {
      world.accounts.forgotPassword(body.email);
      return { status: 200, body: { message: 'Password reset email sent' } };
    },
  }),
  defineRoute<z.infer<typeof ResetPasswordRequestSchema>>({
    method: 'POST',
    path: '/api/auth/reset-password',
    mount: 'root',
    access: 'public',
    operationId: 'resetPassword',
    summary: 'Set a new password with a reset token; every session of the user ends',
    tag: 'accounts',
    body: ResetPasswordRequestSchema,
    responses: {
      200: { description: 'done', schema: MessageSchema },
      400: { description: 'invalid, used or expired token (invalid_token), or a password that breaks the policy', schema: ErrorWireSchema },
    },
    handle: ({ world, body }) => {
      world.accounts.resetPassword(body.token, body.password);
      return { status: 200, body: { message: 'Password reset successfully' } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/auth/sessions',
    mount: 'root',
    access: 'authenticated',
    operationId: 'listSessions',
    summary: "The caller's live sessions (the runtime server's Session shape)",
    tag: 'accounts',
    responses: { 200: { description: 'sessions, oldest first', schema: SessionSchema, array: true } },
    handle: ({ world, principal }) => ({ status: 200, body: world.accounts.sessions(principal) }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/auth/sessions/{id}',
    mount: 'root',
    access: 'authenticated',
    operationId: 'revokeSession',
    summary: "End one of the caller's sessions; its tokens stop working at once",
    tag: 'accounts',
    responses: { 200: { description: 'revoked', schema: z.object({ id: z.string(), revoked: z.literal(true) }) } },
    handle: ({ world, principal, params }) => ({ status: 200, body: world.accounts.revokeSession(principal, params.id!) }),
  }),
];
