/** Zod schemas of the transparency column editor and the message windows' moderation (T1–T4). */
import { z } from "zod";
import { isIsoDate } from "../../../rules/calendar";

const IsoDate = z.string().refine(isIsoDate, "YYYY-MM-DD");

/** A county's code, or the province's (13) for the provincial zone. */
export const RegionParams = z.object({
  code: z.string().regex(/^(\d{2}|\d{6})$/, "county or province code"),
});
export const RegionIdParams = RegionParams.extend({ id: z.string().uuid() });
export const CountyParams = z.object({ code: z.string().regex(/^\d{6}$/, "6-digit county code") });
export const CountyIdParams = CountyParams.extend({ id: z.string().uuid() });

export const AsOfQuery = z.object({ asOf: IsoDate.optional() });

export const ColumnSettingsRequest = z
  .object({
    supervisionPhone: z
      .string()
      .trim()
      .regex(/^[0-9+\-() ]{5,30}$/, "电话号码")
      .nullable(),
    intro: z.string().max(5000).default(""),
  })
  .strict();

export const EntryRequest = z
  .object({
    itemKey: z.enum([
      "implementation_plan",
      "decision_process",
      "selection_method",
      "selection_process",
      "selection_result",
    ]),
    title: z.string().trim().max(200).default(""),
    body: z.string().max(50_000).default(""),
    publishedOn: IsoDate.nullable().default(null),
  })
  .strict();

const ProjectFields = {
  name: z.string().trim().min(1).max(200),
  content: z.string().max(10_000),
  contractorName: z.string().trim().max(200),
  subsidyFen: z.number().int().min(0).max(1e15).nullable(),
  deadline: IsoDate.nullable(),
  performanceTargets: z.string().max(10_000),
  countyResponsible: z.string().trim().max(200),
  contractorResponsible: z.string().trim().max(200),
  /** 合同编号 of the contract the project publishes (E2). */
  contractNo: z.string().trim().max(60).nullable(),
  progressBp: z.number().int().min(0).max(10_000).nullable(),
  progressText: z.string().max(5000),
  sortOrder: z.number().int().min(0).max(10_000),
};

export const ProjectCreateRequest = z
  .object({
    ...ProjectFields,
    content: ProjectFields.content.default(""),
    contractorName: ProjectFields.contractorName.default(""),
    subsidyFen: ProjectFields.subsidyFen.default(null),
    deadline: ProjectFields.deadline.default(null),
    performanceTargets: ProjectFields.performanceTargets.default(""),
    countyResponsible: ProjectFields.countyResponsible.default(""),
    contractorResponsible: ProjectFields.contractorResponsible.default(""),
    contractNo: ProjectFields.contractNo.default(null),
    progressBp: ProjectFields.progressBp.default(null),
    progressText: ProjectFields.progressText.default(""),
    sortOrder: ProjectFields.sortOrder.default(0),
  })
  .strict();

export const ProjectUpdateRequest = z.object(ProjectFields).partial().strict();

export const LinkDocumentRequest = z
  .object({
    ownerKind: z.enum(["entry", "project"]),
    ownerId: z.string().uuid(),
    title: z.string().trim().min(1).max(200),
    url: z
      .string()
      .trim()
      .max(2000)
      .url()
      .refine((u) => /^https?:\/\//i.test(u), "http(s) URL"),
    publishedOn: IsoDate.nullable().default(null),
  })
  .strict();

const Document = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  fileName: z.string().nullable(),
  fileBytes: z.number().int().nullable(),
  sha256: z.string().nullable(),
  hasFile: z.boolean(),
  publishedOn: z.string().nullable(),
  isDemo: z.boolean(),
});

const Missing = z.object({
  key: z.string(),
  label: z.string(),
  rule: z.string(),
  project: z.string().optional(),
  reason: z.string(),
  name: z.string(),
});

export const CompletenessResponse = z.object({
  regionCode: z.string(),
  asOf: z.string(),
  isComplete: z.boolean(),
  missing: z.array(Missing),
});

export const ColumnResponse = z.object({
  regionCode: z.string(),
  supervisionPhone: z.string().nullable(),
  intro: z.string(),
  updatedAt: z.string().nullable(),
  entries: z.array(
    z.object({
      id: z.string(),
      itemKey: z.string(),
      title: z.string(),
      body: z.string(),
      publishedOn: z.string().nullable(),
      documents: z.array(Document),
      isDemo: z.boolean(),
      updatedAt: z.string(),
    }),
  ),
  projects: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      content: z.string(),
      contractorName: z.string(),
      subsidyFen: z.number().int().nullable(),
      deadline: z.string().nullable(),
      performanceTargets: z.string(),
      countyResponsible: z.string(),
      contractorResponsible: z.string(),
      contractNo: z.string().nullable(),
      progressBp: z.number().int().nullable(),
      progressText: z.string(),
      progressUpdatedOn: z.string().nullable(),
      progressSource: z.string().nullable(),
      sortOrder: z.number().int(),
      documents: z.array(Document),
      isDemo: z.boolean(),
      updatedAt: z.string(),
    }),
  ),
  completeness: CompletenessResponse,
  publicUrl: z.string(),
});

export const MessageListQuery = z.object({
  kind: z.enum(["comment", "complaint"]).optional(),
  status: z.enum(["received", "processing", "replied", "closed"]).optional(),
});

export const MessageResponse = z.object({
  id: z.string(),
  regionCode: z.string(),
  kind: z.enum(["comment", "complaint"]),
  trackingNo: z.string(),
  subject: z.string(),
  body: z.string(),
  // Only for those who handle messages (canSeeComplainants); absent for everyone else.
  contactName: z.string().nullable().optional(),
  contactPhone: z.string().nullable().optional(),
  status: z.string(),
  isPublished: z.boolean(),
  reply: z.string().nullable(),
  repliedBy: z.string().nullable(),
  repliedAt: z.string().nullable(),
  submittedAt: z.string(),
  handledAt: z.string().nullable(),
  handlingHours: z.number().int(),
  isDemo: z.boolean(),
});

export const ReplyRequest = z
  .object({
    status: z.enum(["processing", "replied", "closed"]),
    reply: z.string().trim().max(5000).nullable().default(null),
    isPublished: z.boolean().default(false),
  })
  .strict();
