/**
 * The county's side of station accounts: list, create (with its first QR code), a new QR code for
 * a new phone, and revoke (lost phone). Province and county administrators, and the county's
 * contractor (who runs the stations), may do all four for the county's stations.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { isWithin } from "../../rules/regions";
import { CountyCodeParams } from "../counties";
import { requirePrincipal } from "../platform/auth/http-auth";
import { canAdminister, type Principal } from "../platform/auth/roles";
import type { RouteContext } from "../platform/domain";
import { forbidden, notFound } from "../platform/http/errors";
import { createStationAccount } from "./create-station-account";
import { revokeStationAccount } from "./revoke-station-account";
import { issueSignInLink } from "./sign-in-links";
import { listStationAccounts } from "./station-accounts.repository";
import { stationAppSettings } from "./station-app-settings";
import {
  SignInLinkResponse,
  StationAccountCreateRequest,
  StationAccountListResponse,
  StationAccountParams,
  StationAccountResponse,
} from "./stations-app.schema";

/** May this account issue and revoke the county's station accounts? */
export function canIssueStationAccounts(principal: Principal, countyCode: string): boolean {
  return (
    canAdminister(principal, countyCode) ||
    (principal.role === "contractor" && isWithin(countyCode, principal.regionCode))
  );
}

/** Checked before the body is validated, so another county's route answers 403 whatever is sent. */
async function requireIssuer(request: FastifyRequest): Promise<void> {
  const principal = requirePrincipal(request);
  const code = (request.params as { code?: unknown }).code;
  if (typeof code !== "string" || !canIssueStationAccounts(principal, code)) throw forbidden();
}

/** The site's origin as the browser sees it (the auth hook has checked Origin against Host). */
function originOf(request: FastifyRequest): string {
  const origin = request.headers.origin;
  return origin && origin !== "null" ? origin : `${request.protocol}://${request.headers.host}`;
}

export async function stationAccountsRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const settings = stationAppSettings();
  const base = "/api/v1/counties/:code/station-accounts";
  const actorOf = (request: FastifyRequest) => {
    const p = requirePrincipal(request);
    return { id: p.id, name: p.username };
  };
  const accountOf = async (code: string, id: string) => {
    const [account] = await listStationAccounts(db.db, code, id);
    if (!account) throw notFound({ zh: "该站点管理员账号", en: "Station account" });
    return account;
  };

  api.get(
    base,
    {
      schema: {
        tags: ["stations-app"],
        summary: "本县的站点管理员账号（手机扫码登录，绑定一个站点）",
        params: CountyCodeParams,
        response: { 200: StationAccountListResponse },
      },
      config: { access: "station_issuer" },
      preValidation: requireIssuer,
    },
    async (request) => ({ accounts: await listStationAccounts(db.db, request.params.code) }),
  );

  api.post(
    base,
    {
      schema: {
        tags: ["stations-app"],
        summary: "为站点开设站点管理员账号，返回登录二维码",
        params: CountyCodeParams,
        body: StationAccountCreateRequest,
        response: { 201: SignInLinkResponse },
      },
      config: { access: "station_issuer" },
      preValidation: requireIssuer,
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { code } = request.params;
      const { userId } = await createStationAccount(db.db, actor, code, request.body);
      const link = await issueSignInLink(
        db.db,
        actor,
        { userId, countyCode: code },
        originOf(request),
        settings,
      );
      reply.status(201);
      return { account: await accountOf(code, userId), ...link };
    },
  );

  api.post(
    `${base}/:id/sign-in-link`,
    {
      schema: {
        tags: ["stations-app"],
        summary: "重新生成登录二维码（换手机时），一次有效",
        params: StationAccountParams,
        response: { 201: SignInLinkResponse },
      },
      config: { access: "station_issuer" },
      preValidation: requireIssuer,
    },
    async (request, reply) => {
      const { code, id } = request.params;
      const account = await accountOf(code, id);
      if (account.revokedAt)
        throw notFound({ zh: "该站点管理员账号（已注销）", en: "Station account (revoked)" });
      const link = await issueSignInLink(
        db.db,
        actorOf(request),
        { userId: id, countyCode: code },
        originOf(request),
        settings,
      );
      reply.status(201);
      return { account, ...link };
    },
  );

  api.post(
    `${base}/:id/revoke`,
    {
      schema: {
        tags: ["stations-app"],
        summary: "注销站点管理员账号（手机丢失）：立即结束其登录",
        params: StationAccountParams,
        response: { 200: StationAccountResponse },
      },
      config: { access: "station_issuer" },
      preValidation: requireIssuer,
    },
    async (request) => {
      const { code, id } = request.params;
      await revokeStationAccount(db.db, actorOf(request), code, id);
      return accountOf(code, id);
    },
  );
}
