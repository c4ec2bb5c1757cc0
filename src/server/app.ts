/**
 * Composes the HTTP application: platform plumbing, then each domain's routes, then the web app.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyMultipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { buildSheetRegistry, contractorSheets, DOMAINS, gatherCountyFacts, prepareDatabase } from "./domains";
import { auditRoutes } from "./platform/audit/audit.routes";
import { authRoutes } from "./platform/auth/auth.routes";
import { installAuth } from "./platform/auth/http-auth";
import { type SessionSettings, sessionSettings } from "./platform/auth/sessions";
import { ReadCache, type ReadCacheOptions } from "./platform/cache/read-cache";
import type { Db } from "./platform/db/database";
import type { RouteContext } from "./platform/domain";
import { installErrorHandler } from "./platform/http/error-handler";
import { errorBody, languageOf } from "./platform/http/errors";
import { healthRoutes } from "./platform/http/health.routes";
import { installUtf8JsonParser } from "./platform/http/json-body";
import { installSecurityHeaders } from "./platform/http/security-headers";
import { chinaDate } from "./platform/time/china-time";
import { defaultAsOfRoutes } from "./platform/time/default-as-of";
import { workbookRoutes } from "./platform/workbook/workbook.routes";

export const WEB_DIR = new URL("../../dist/web/", import.meta.url).pathname;

/** The station app scans waybills with the camera; every other page keeps the camera off. */
const STATION_PERMISSIONS =
  "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

export type AppOptions = {
  db: Db;
  logger?: boolean;
  /** The log level when `logger` is on (default info); at debug every request logs one line. */
  logLevel?: string;
  /** Served over HTTPS (directly or behind a TLS-terminating proxy): Secure cookies and HSTS. */
  secureCookies?: boolean;
  /** Limits of the cache of read models (roll-ups, acceptance facts); see platform/cache. */
  readCache?: Partial<ReadCacheOptions>;
  /** Session, lockout, password-age and sign-in throttling settings over the defaults. */
  sessionSettings?: Partial<SessionSettings>;
  /** Proxies believed about the client address (Fastify's trustProxy; see platform/http/trust-proxy). */
  trustProxy?: boolean | string;
  /**
   * Start the workbook import worker when the app is ready (the server), not at the first upload
   * (tests): loading every domain in the worker takes a second or more of CPU, better not spent
   * while a county officer's upload waits.
   */
  startImportWorker?: boolean;
};

export type RouteEntry = {
  method: string;
  url: string;
  access: string | undefined;
  restrictedFields?: Record<string, string>;
  /** The status codes the route's schema describes (the API contract; a test requires a success one). */
  responses: string[];
};

declare module "fastify" {
  interface FastifyInstance {
    /** Every API route with its access class: the permissions matrix is generated from it. */
    routeTable: RouteEntry[];
    /** The app's cache of read models (its stats show hits and recomputations). */
    readCache: ReadCache;
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db } = options;
  const app = Fastify({
    logger: options.logger
      ? {
          level: options.logLevel ?? "info",
          redact: ["req.headers.cookie", "req.headers.authorization", "res.headers['set-cookie']"],
        }
      : false,
    bodyLimit: 1024 * 1024,
    // Fastify's two lines per request (incoming, completed) become one, at debug (onResponse below).
    disableRequestLogging: true,
    trustProxy: options.trustProxy ?? false,
    // Malformed URLs and the like are answered in the API's error shape too.
    frameworkErrors: (error, request, res) => {
      const lang = languageOf(request.headers["accept-language"]);
      const reply = res as unknown as { status(code: number): { send(body: unknown): void } };
      reply
        .status(400)
        .send(
          errorBody(
            "bad_request",
            lang === "zh" ? "请求格式错误（URL 或参数无效）" : `Bad request: ${error.message}`,
          ),
        );
    },
  });
  app.addHook("onResponse", async (request, reply) => {
    request.log.debug({ req: request, res: reply, responseTime: reply.elapsedTime }, "request completed");
  });
  const routeTable: RouteEntry[] = [];
  app.decorate("routeTable", routeTable);
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/v1/")) return;
    for (const method of [route.method].flat()) {
      if (method === "HEAD") continue;
      routeTable.push({
        method,
        url: route.url,
        access: route.config?.access,
        restrictedFields: route.config?.restrictedFields,
        responses: Object.keys((route.schema?.response as object | undefined) ?? {}),
      });
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installSecurityHeaders(app, { https: options.secureCookies ?? false });
  installUtf8JsonParser(app);
  const settings = sessionSettings(options.sessionSettings);

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: "shifan 示范 API", version: "1", description: "电子商务进农村综合示范 平台接口" },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "shifan_session" } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
  installAuth(app, db.db, settings);

  app.get("/api/v1/openapi.json", { schema: { hide: true }, config: { access: "public" } }, async () =>
    app.swagger(),
  );
  await app.register(healthRoutes, { db });
  await app.register(defaultAsOfRoutes, { db });

  const registry = buildSheetRegistry();
  await app.register(authRoutes, { db, secureCookies: options.secureCookies ?? false, settings });
  await app.register(auditRoutes, { db });
  prepareDatabase(db);
  const readCache = new ReadCache(db.db, options.readCache);
  app.decorate("readCache", readCache);
  const context: RouteContext = {
    db,
    readCache,
    // Per domain: machine data arriving for a county recomputes only the domains that read it.
    // Only today's figures are kept: a caller walking through past dates must not fill the cache.
    countyFacts: (county, asOf) =>
      asOf === chinaDate()
        ? gatherCountyFacts(db, county, asOf, (domain) =>
            readCache.get(
              `facts:${domain.name}:${county}:${asOf}`,
              { counties: [county], feeds: domain.factsReadFeeds === true },
              () => domain.facts(db, county, asOf),
            ),
          )
        : gatherCountyFacts(db, county, asOf),
  };
  for (const domain of DOMAINS) if (domain.routes) await app.register(domain.routes, context);
  // Background work (e.g. report deliveries) starts once the server is ready, never as a side effect of routes.
  const stops: (() => Promise<void>)[] = [];
  app.addHook("onReady", async () => {
    for (const domain of DOMAINS) if (domain.start) stops.push(domain.start(context, app.log));
  });
  app.addHook("onClose", async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });
  // Imports run in a worker thread that loads the sheet handlers from the domain list itself.
  await app.register(workbookRoutes, {
    db,
    registry,
    registryModule: new URL("./domains.ts", import.meta.url).href,
    startWorker: options.startImportWorker ?? false,
    contractorSheets: (principal, countyCode) => contractorSheets(db, registry, principal, countyCode),
  });

  const hasWeb = existsSync(join(WEB_DIR, "index.html"));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: WEB_DIR, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const lang = languageOf(request.headers["accept-language"]);
    if (request.url.startsWith("/api/") || !hasWeb || request.method !== "GET") {
      return reply.status(404).send(errorBody("not_found", lang === "zh" ? "接口不存在" : "No such route"));
    }
    // The station manager's phone app (/station) is its own page; it may use the camera to scan.
    if (
      request.url === "/station" ||
      request.url.startsWith("/station/") ||
      request.url.startsWith("/station?")
    ) {
      return reply
        .header("permissions-policy", STATION_PERMISSIONS)
        .type("text/html")
        .sendFile("station/index.html");
    }
    // The single-page app answers every other GET; its router shows the page.
    return reply.type("text/html").sendFile("index.html");
  });
  return app;
}
