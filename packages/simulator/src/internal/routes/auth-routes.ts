import * as z from 'zod';
import { defineRoute } from '../http/route-definition';
import { ErrorWireSchema } from '../http/error-schema';
import {
  LoginRequestSchema,
  LoginResponseSchema,
  LogoutResponseSchema,
  RefreshRequestSchema,
  SessionTokensSchema,
  UserWireSchema,
  VerifyLoginRequestSchema,
} from './auth-schemas';

export const authRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/auth/login',
    mount: 'root',
    access: 'public',
    operationId: 'login',
    summary: 'Log in with email or username and password; a 2FA user gets a challenge instead of tokens',
    tag: 'auth',
    body: LoginRequestSchema,
    responses: {
      200: { description: 'tokens, or `{requires_2fa, temp_token}`', schema: LoginResponseSchema },
      401: { description: 'invalid credentials', schema: ErrorWireSchema },
    },
    handle: ({ world, body }) => {
      const answer = world.auth.login(body);
      if (!answer.requires_2fa) world.stats.logins++;
      return { status: 200, body: answer };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/auth/2fa/verify-login',
    mount: 'root',
    access: 'public',
    operationId: 'verifyTwoFactorLogin',
    summary: 'Complete a 2FA login with the temp_token and a TOTP code, or a backup code with is_backup_code: true',
    tag: 'auth',
    body: VerifyLoginRequestSchema,
    responses: {
      200: {
        description: 'tokens; with a backup code, how many are left',
        schema: SessionTokensSchema.extend({ remaining_backup_codes: z.number().int().optional() }),
      },
      401: { description: 'bad or expired temp_token (or not the user_id given), or a wrong or used-up code', schema: ErrorWireSchema },
    },
    handle: ({ world, body }) => {
      const answer = world.auth.verifyTwoFactorLogin(body);
      world.stats.logins++;
      return { status: 200, body: answer };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/auth/refresh',
    mount: 'root',
    access: 'public',
    operationId: 'refreshToken',
    summary: 'Rotate the refresh token and get a new access token; reusing a rotated token revokes the session',
    tag: 'auth',
    body: RefreshRequestSchema,
    responses: {
      200: { description: 'new tokens', schema: SessionTokensSchema },
      401: { description: 'unknown, expired, revoked or reused refresh token', schema: ErrorWireSchema },
    },
    handle: ({ world, body }) => {
      const answer = world.auth.refresh(body.refreshToken);
      world.stats.refreshes++;
      return { status: 200, body: answer };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/auth/logout',
    mount: 'root',
    access: 'authenticated',
    operationId: 'logout',
    summary: 'Revoke the session of the presented access token (and its refresh tokens)',
    tag: 'auth',
    responses: { 200: { description: 'logged out', schema: LogoutResponseSchema } },
    handle: ({ world, principal }) => {
      world.auth.logout(principal);
      return { status: 200, body: { success: true } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/auth/me',
    mount: 'root',
    access: 'authenticated',
    operationId: 'me',
    summary: 'The signed-in user',
    tag: 'auth',
    responses: { 200: { description: 'the user', schema: UserWireSchema } },
    handle: ({ world, principal }) => ({ status: 200, body: world.auth.me(principal) }),
  }),
];
