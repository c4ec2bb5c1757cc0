import { z } from "zod";

export const CountyCodeParams = z.object({ code: z.string().regex(/^\d{6}$/, "6-digit county code") });

export const CountySummaryResponse = z.object({
  code: z.string(),
  name: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  batch: z.number().int(),
  subsidyFen: z.number().int(),
  status: z.string(),
  townships: z.number().int(),
  villages: z.number().int(),
  residentsCommittees: z.number().int(),
  poorVillages: z.number().int(),
});

export const CountyDetailResponse = CountySummaryResponse.extend({
  townshipList: z.array(z.object({ code: z.string(), name: z.string(), villages: z.number().int() })),
});

export const VillageListQuery = z.object({
  q: z.string().max(50).optional(),
  township: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  kind: z.enum(["village_committee", "residents_committee"]).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const VillageListResponse = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      townshipCode: z.string(),
      townshipName: z.string(),
      kind: z.string(),
      population: z.number().int().nullable(),
      isPoor: z.boolean().nullable(),
      hasBroadband: z.boolean().nullable(),
      demoFields: z.array(z.string()),
    }),
  ),
});
