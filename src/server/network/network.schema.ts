import { z } from "zod";

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
