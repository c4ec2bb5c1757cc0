/**
 * A batch's trace as a GS1 EPCIS 2.0 JSON-LD document (rule O7): ObjectEvents and
 * TransformationEvents with CBV business steps where the vocabulary has them, and each error
 * declaration as the erroneous event repeated with `errorDeclaration` (EPCIS 2.0 §7.4.1.2).
 * Only what the public trace page shows is exported: no notes, no people.
 */
import { TRACE_STEPS, TRACE_UNITS, type TraceStep, type TraceUnit } from "../../rules/upward";
import { chinaTimestamp } from "../platform/time/china-time";
import type { TraceChain } from "./trace.repository";
import type { TraceEventTable } from "./upward.tables";

export const EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
/** Our extension namespace: fields and business steps the Core Business Vocabulary lacks. */
export const SHIFAN_NAMESPACE = "urn:shifan:epcis:";

/** The lot of a batch as an EPC class (class-level identification: a quantity of a lot). */
export const lotClass = (traceCode: string) => `urn:shifan:lot:${traceCode}`;
export const siteUri = (siteId: string) => `urn:shifan:site:${siteId}`;

type Inspection = { item: string; result: "pass" | "fail"; agency: string; reportNo: string };
type Input = { batchId: string; quantity: number; unit: TraceUnit };

const DISPOSITION: Partial<Record<TraceStep, string>> = {
  harvesting: "active",
  processing: "active",
  packing: "in_progress",
  shipping: "in_transit",
  receiving: "in_progress",
};

function quantityElement(epcClass: string, quantity: number | null, unit: string | null) {
  return quantity === null || !unit
    ? { epcClass }
    : { epcClass, quantity, uom: TRACE_UNITS[unit as TraceUnit].uom };
}

function eventBody(e: TraceEventTable, chain: TraceChain): Record<string, unknown> {
  const step = TRACE_STEPS[e.step as TraceStep];
  const batch = e.batch_id === chain.batch.id ? chain.batch : chain.inputBatches.get(e.batch_id);
  const own = lotClass(batch?.code ?? e.batch_id);
  const where = e.site_id
    ? { readPoint: { id: siteUri(e.site_id) }, bizLocation: { id: siteUri(e.site_id) } }
    : {};
  const inspection = e.inspection ? (JSON.parse(e.inspection) as Inspection) : undefined;
  const disposition = inspection
    ? inspection.result === "pass"
      ? "conformant"
      : "non_conformant"
    : DISPOSITION[e.step as TraceStep];
  const common = {
    eventID: e.epcis_event_id,
    eventTime: e.event_time,
    eventTimeZoneOffset: "+08:00",
    recordTime: e.recorded_at,
  };
  const extensions: Record<string, unknown> = { "shifan:step": e.step };
  if (inspection) {
    extensions["shifan:inspection"] = {
      "shifan:item": inspection.item,
      "shifan:result": inspection.result,
      "shifan:agency": inspection.agency,
      "shifan:reportNo": inspection.reportNo,
    };
  }
  if (step.eventType === "TransformationEvent") {
    const inputs = e.inputs ? (JSON.parse(e.inputs) as Input[]) : [];
    return {
      type: "TransformationEvent",
      ...common,
      ...(inputs.length
        ? {
            inputQuantityList: inputs.map((i) =>
              quantityElement(
                lotClass(chain.inputBatches.get(i.batchId)?.code ?? i.batchId),
                i.quantity,
                i.unit,
              ),
            ),
          }
        : {}),
      outputQuantityList: [quantityElement(own, e.quantity, e.unit)],
      transformationID: `urn:uuid:${e.voids_event_id ?? e.id}`,
      bizStep: step.bizStep,
      ...(disposition ? { disposition } : {}),
      ...where,
      ...extensions,
    };
  }
  const ilmd =
    step.action === "ADD" && batch
      ? {
          ilmd: {
            "shifan:productName": batch.product_name,
            "shifan:lotNumber": batch.lot,
            "shifan:harvestDate": e.event_time.slice(0, 10),
            ...(e.site_id && chain.sites.get(e.site_id)?.village_code
              ? { "shifan:originRegion": chain.sites.get(e.site_id)!.village_code }
              : {}),
          },
        }
      : {};
  return {
    type: "ObjectEvent",
    ...common,
    action: step.action,
    quantityList: [quantityElement(own, e.quantity, e.unit)],
    bizStep: step.bizStep,
    ...(disposition ? { disposition } : {}),
    ...where,
    ...ilmd,
    ...extensions,
  };
}

/** The EPCIS 2.0 document of a batch's chain; `documentId` is the trace page's address. */
export function epcisDocument(chain: TraceChain, documentId: string): Record<string, unknown> {
  const byId = new Map(chain.events.map((e) => [e.id, e]));
  const eventList = chain.events.map((e) => {
    const body = eventBody(e, chain);
    if (!e.voids_event_id) return body;
    const corrective = (JSON.parse(e.corrective_event_ids ?? "[]") as string[])
      .map((id) => byId.get(id)?.epcis_event_id)
      .filter((id): id is string => !!id);
    return {
      ...body,
      errorDeclaration: {
        declarationTime: e.recorded_at,
        reason: e.error_reason ?? "incorrect_data",
        ...(corrective.length ? { correctiveEventIDs: corrective } : {}),
      },
    };
  });
  const sites = [...chain.sites.values()];
  const lots = [chain.batch, ...chain.inputBatches.values()];
  return {
    "@context": [EPCIS_CONTEXT, { shifan: SHIFAN_NAMESPACE }],
    id: documentId,
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: chinaTimestamp(),
    epcisHeader: {
      epcisMasterData: {
        vocabularyList: [
          {
            type: "urn:epcglobal:epcis:vtype:BusinessLocation",
            vocabularyElementList: sites.map((s) => ({
              id: siteUri(s.id),
              attributes: [
                { id: "urn:epcglobal:cbv:mda#name", attribute: s.name },
                ...(s.place ? [{ id: "urn:shifan:epcis:place", attribute: s.place }] : []),
              ],
            })),
          },
          {
            type: "urn:epcglobal:epcis:vtype:EPCClass",
            vocabularyElementList: lots.map((b) => ({
              id: lotClass(b.code),
              attributes: [
                { id: "urn:epcglobal:cbv:mda#descriptionShort", attribute: b.product_name },
                { id: "urn:epcglobal:cbv:mda#lotNumber", attribute: b.lot },
                { id: "urn:shifan:epcis:producer", attribute: b.enterprise_name },
              ],
            })),
          },
        ],
      },
    },
    epcisBody: { eventList },
  };
}
