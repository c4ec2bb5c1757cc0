/** What every route asks of a request: who acts (for the audit), in which language to answer. */
import type { FastifyRequest } from "fastify";
import { requirePrincipal } from "../auth/http-auth";
import { languageOf } from "./errors";

/** The signed-in caller as the audit log names them. */
export function actorOf(request: FastifyRequest): { id: string; name: string } {
  const principal = requirePrincipal(request);
  return { id: principal.id, name: principal.username };
}

/** The language of the answer, from Accept-Language. */
export function requestLanguage(request: FastifyRequest): "zh" | "en" {
  return languageOf(request.headers["accept-language"]);
}
