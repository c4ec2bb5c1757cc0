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
