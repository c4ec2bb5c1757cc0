/** Sign in and out, who am I, changing one's password, and account creation. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/database";
import { AnonymousSampler } from "./access-audit";
import { grantCountyAccess, listCountyGrants, revokeCountyAccess } from "./grants";
import {
  clearSessionCookie,
  requireAdminister,
  requirePrincipal,
  requireRead,
  SESSION_COOKIE,
  setSessionCookie,
} from "./http-auth";
import { changePassword } from "./password-change";
import { ROLES } from "./roles";
import { DEFAULT_SESSION_SETTINGS, type SessionSettings, signIn, signOut } from "./sessions";
import { SignInLockout } from "./sign-in-lockout";
import { signInThrottle } from "./sign-in-throttle";
import { createUser } from "./users";

const SessionUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  regionCode: z.string(),
  regionName: z.string(),
  /** The session may only change the password (first sign-in, or the password expired). */
  passwordChangeRequired: z.boolean(),
});
const SessionResponse = z.object({ user: SessionUser });

export async function authRoutes(
  app: FastifyInstance,
  {
    db,
    secureCookies,
    settings = DEFAULT_SESSION_SETTINGS,
  }: { db: Db; secureCookies: boolean; settings?: SessionSettings },
) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const throttle = signInThrottle(db.db, settings);
  const lockout = new SignInLockout(settings);
  // Failures at unknown usernames are audited as a bounded sample (see access-audit.ts).
  const unknownSample = new AnonymousSampler();
  const regionName = async (code: string) =>
    (await db.db.selectFrom("regions").select("name").where("code", "=", code).executeTakeFirst())?.name ??
    code;

  api.post(
    "/api/v1/session",
    {
      schema: {
        tags: ["session"],
        summary: "登录",
        body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
        response: { 200: SessionResponse },
      },
      config: { access: "public" },
    },
    async (request, reply) => {
      await throttle(request, reply, request.body.username);
      const { token, principal, passwordChangeRequired } = await signIn(
        db.db,
        { ...request.body, address: request.ip },
        lockout,
        settings,
        () => unknownSample.allows(request.ip),
      );
      setSessionCookie(reply, token, secureCookies);
      return {
        user: { ...principal, regionName: await regionName(principal.regionCode), passwordChangeRequired },
      };
    },
  );

  api.get(
    "/api/v1/session",
    {
      schema: { tags: ["session"], summary: "当前用户", response: { 200: SessionResponse } },
      config: { access: "authenticated" },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return {
        user: {
          ...principal,
          regionName: await regionName(principal.regionCode),
          passwordChangeRequired: request.passwordChangeFor !== undefined,
        },
      };
    },
  );

  api.post(
    "/api/v1/session/password",
    {
      schema: {
        tags: ["session"],
        summary: "修改本人密码（不得与最近5次相同；首次登录或密码过期时必须先修改）",
        body: z.object({
          currentPassword: z.string().min(1).max(200),
          newPassword: z.string().min(1).max(200),
        }),
      },
      config: { access: "authenticated" },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      await changePassword(
        db.db,
        principal,
        { ...request.body, sessionToken: request.cookies[SESSION_COOKIE] ?? "", address: request.ip },
        lockout,
        settings,
      );
      return reply.status(204).send();
    },
  );

  api.delete(
    "/api/v1/session",
    { schema: { tags: ["session"], summary: "退出登录" }, config: { access: "public" } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(db.db, token);
      clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  api.post(
    "/api/v1/users",
    {
      schema: {
        tags: ["users"],
        summary: "创建账户（不能创建高于自身权限的角色）",
        body: z.object({
          username: z.string().min(1).max(40),
          displayName: z.string().max(100).optional(),
          role: z.enum(ROLES),
          regionCode: z.string().regex(/^\d{2,12}$/),
          password: z.string().min(1).max(200),
          /** The organization the account works for (a contractor's staff: its 承办企业). */
          organizationId: z.uuid().nullable().optional(),
        }),
        response: { 201: z.object({ id: z.string() }) },
      },
      config: { access: "admin" },
    },
    async (request, reply) => {
      const creator = requirePrincipal(request);
      const created = await createUser(db.db, creator, request.body);
      return reply.status(201).send(created);
    },
  );

  const CountyParams = z.object({ code: z.string().regex(/^\d{6}$/) });
  const GrantItem = z.object({
    username: z.string(),
    displayName: z.string(),
    grantedAt: z.string(),
    grantedBy: z.string(),
  });

  api.get(
    "/api/v1/counties/:code/assessors",
    {
      schema: {
        tags: ["users"],
        summary: "本县邀请的第三方评估机构",
        params: CountyParams,
        response: { 200: z.array(GrantItem) },
      },
      config: { access: "region" },
    },
    async (request) => {
      requireRead(request, request.params.code);
      return listCountyGrants(db.db, request.params.code);
    },
  );

  api.post(
    "/api/v1/counties/:code/assessors",
    {
      schema: {
        tags: ["users"],
        summary: "邀请第三方评估机构账户（仅可查看本县）",
        params: CountyParams,
        body: z.object({ username: z.string().min(1).max(40) }),
        response: { 201: z.object({ id: z.string() }) },
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const principal = requireAdminister(request, request.params.code);
      const grant = await grantCountyAccess(
        db.db,
        { id: principal.id, name: principal.username },
        {
          username: request.body.username,
          countyCode: request.params.code,
        },
      );
      return reply.status(201).send(grant);
    },
  );

  api.delete(
    "/api/v1/counties/:code/assessors/:username",
    {
      schema: {
        tags: ["users"],
        summary: "撤销对第三方评估机构的邀请",
        params: CountyParams.extend({ username: z.string().min(1).max(40) }),
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const principal = requireAdminister(request, request.params.code);
      await revokeCountyAccess(
        db.db,
        { id: principal.id, name: principal.username },
        {
          username: request.params.username,
          countyCode: request.params.code,
        },
      );
      return reply.status(204).send();
    },
  );
}
